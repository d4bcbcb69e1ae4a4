# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.query_builder import Case

from aims_app.controllers.aims_document import AIMSDocument

ANNEX_A_CONTROLS = {"framework": "ISO-42001", "requirement_kind": "Control"}


class ControlImplementation(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		applicability: DF.Literal["Applicable", "Not applicable"]
		control: DF.Link
		control_category: DF.Link | None
		control_owner: DF.Link | None
		control_sort: DF.Int
		control_title: DF.Data | None
		evidence_expected: DF.Text | None
		guidance: DF.Text | None
		implementation: DF.TextEditor | None
		implementation_status: DF.Literal["Not started", "Planned", "Partially implemented", "Implemented"]
		in_library: DF.Check
		justification: DF.SmallText | None
		last_verified_on: DF.Date | None
		target_date: DF.Date | None
	# end: auto-generated types

	def onload(self):
		self.set_onload("treated_risks", treated_risks(self.name))

	def validate(self):
		self.refuse_exclusion_while_treating_risks()
		super().validate()

	def refuse_exclusion_while_treating_risks(self):
		if self.applicability != "Not applicable" or not self.has_value_changed("applicability"):
			return
		risks = [risk.name for risk in treated_risks(self.name) if risk.status != "Closed"]
		if risks:
			frappe.throw(
				_("{0} treats open risks ({1}). Take it off those risks before excluding it.").format(
					frappe.bold(self.control_title or self.name), ", ".join(risks[:10])
				),
				title=_("Control In Use"),
			)


def treated_risks(control_implementation: str) -> list[dict]:
	"""The risks that name this control among their treatments (the one place this link is kept)."""
	risk = frappe.qb.DocType("AI Risk")
	treatment = frappe.qb.DocType("AI Risk Control")
	return (
		frappe.qb.from_(treatment)
		.join(risk)
		.on(risk.name == treatment.parent)
		.select(risk.name, risk.title, risk.ai_system, risk.status, risk.inherent_level, risk.residual_level)
		.where(treatment.parenttype == "AI Risk")
		.where(treatment.control_implementation == control_implementation)
		.distinct()
		.orderby(risk.name)
		.run(as_dict=True)
	)


def sync_with_library():
	"""One Control Implementation per Annex A control in the library, in the library's order.

	Runs after the library on every install and migrate, in two statements: the missing ones inserted in
	bulk, and those whose place or library status changed updated. A control the library withdraws is
	flagged, never deleted: its record carries the organisation's decisions and evidence.
	"""
	insert_missing_implementations()
	control = frappe.qb.DocType("Framework Requirement")
	implementation = frappe.qb.DocType("Control Implementation")
	is_annex_a_control = (
		(control.framework == ANNEX_A_CONTROLS["framework"])
		& (control.requirement_kind == ANNEX_A_CONTROLS["requirement_kind"])
		& (control.withdrawn == 0)
	)
	in_library = Case().when(is_annex_a_control, 1).else_(0)
	(
		frappe.qb.update(implementation)
		.join(control)
		.on(control.name == implementation.control)
		.set(implementation.control_sort, control.lft)
		.set(implementation.in_library, in_library)
		.where((implementation.control_sort != control.lft) | (implementation.in_library != in_library))
		.run()
	)


def insert_missing_implementations():
	control = frappe.qb.DocType("Framework Requirement")
	implementation = frappe.qb.DocType("Control Implementation")
	missing = (
		frappe.qb.from_(control)
		.left_join(implementation)
		.on(implementation.name == control.name)
		.select(
			control.name,
			control.display_title,
			control.parent_framework_requirement,
			control.lft,
			control.guidance,
			control.evidence_expected,
		)
		.where(control.framework == ANNEX_A_CONTROLS["framework"])
		.where(control.requirement_kind == ANNEX_A_CONTROLS["requirement_kind"])
		.where(control.withdrawn == 0)
		.where(implementation.name.isnull())
		.orderby(control.lft)
		.run(as_dict=True)
	)
	if not missing:
		return
	now, user = frappe.utils.now(), frappe.session.user
	defaults = frappe.new_doc("Control Implementation")
	rows = [
		{
			"name": control.name,
			"control": control.name,
			"control_title": control.display_title,
			"control_category": control.parent_framework_requirement,
			"control_sort": control.lft,
			"guidance": control.guidance,
			"evidence_expected": control.evidence_expected,
			"in_library": 1,
			"applicability": defaults.applicability,
			"implementation_status": defaults.implementation_status,
			"owner": user,
			"modified_by": user,
			"creation": now,
			"modified": now,
			"docstatus": 0,
			"idx": 0,
		}
		for control in missing
	]
	frappe.db.bulk_insert("Control Implementation", list(rows[0]), [list(row.values()) for row in rows])
