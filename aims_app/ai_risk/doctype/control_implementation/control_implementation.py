# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

ANNEX_A_CONTROLS = {"framework": "ISO-42001", "requirement_kind": "Control"}


class ControlImplementation(Document):
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

	Runs after every install and migrate, once the library fixtures are in. A control the library no
	longer has is flagged, never deleted: its record carries the organisation's decisions and evidence.
	"""
	controls = {
		row.name: row.lft
		for row in frappe.get_all("Framework Requirement", filters=ANNEX_A_CONTROLS, fields=["name", "lft"])
	}
	existing = {
		row.name: row
		for row in frappe.get_all("Control Implementation", fields=["name", "control_sort", "in_library"])
	}
	for control, sort in controls.items():
		if control not in existing:
			frappe.get_doc(
				{"doctype": "Control Implementation", "control": control, "control_sort": sort}
			).insert(ignore_permissions=True)
		elif (existing[control].control_sort, existing[control].in_library) != (sort, 1):
			frappe.db.set_value(
				"Control Implementation",
				control,
				{"control_sort": sort, "in_library": 1},
				update_modified=False,
			)
	for name, row in existing.items():
		if name not in controls and row.in_library:
			frappe.db.set_value("Control Implementation", name, "in_library", 0, update_modified=False)
