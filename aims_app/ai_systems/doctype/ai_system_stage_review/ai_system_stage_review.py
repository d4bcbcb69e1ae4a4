# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from aims_app.ai_systems.lifecycle.approval import ApprovedStep
from aims_app.ai_systems.lifecycle.facts import system_facts
from aims_app.ai_systems.lifecycle.gates import criteria_results, next_stage, step_refusal, unjustified
from aims_app.controllers.aims_document import AIMSDocument
from aims_app.translation import label, text, value


class AISystemStageReview(ApprovedStep, AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from aims_app.ai_systems.doctype.ai_system_stage_review_criterion.ai_system_stage_review_criterion import (
			AISystemStageReviewCriterion,
		)

		ai_system: DF.Link
		amended_from: DF.Link | None
		approved_by: DF.Link | None
		approved_on: DF.Datetime | None
		criteria: DF.Table[AISystemStageReviewCriterion]
		current_stage: DF.Data | None
		needs_approver: DF.Check
		rejection_reason: DF.SmallText | None
		requested_by: DF.Link | None
		skip_justification: DF.SmallText | None
		system_name: DF.Data | None
		system_owner: DF.Link | None
		system_tier: DF.Data | None
		target_stage: DF.Literal[
			"Design and development",
			"Verification and validation",
			"Deployment",
			"Operation and monitoring",
			"Retired",
		]
		unmet_criteria: DF.Int
		workflow_state: DF.Link | None
	# end: auto-generated types

	def validate(self):
		system = self.system()
		if self.docstatus == 0 and self.workflow_state not in ("Rejected",):
			self.current_stage = system.lifecycle_stage
			self.set_needs_approver(system)
			self.refuse_step()
			self.compute_criteria(system)
			if self.approval_requested_now():
				self.refuse_second_request()
				self.refuse_unjustified_criteria(_("sent for approval"))
		self.record_requester()
		self.refuse_rejection_without_reason(system)
		super().validate()

	def before_submit(self):
		system = self.system()
		if system.lifecycle_stage != self.current_stage:
			frappe.throw(
				_("AI System {0} moved to {1} since this review was drafted: raise a new review.").format(
					self.ai_system, frappe.bold(value(system.lifecycle_stage))
				),
				title=_("Stage Changed Meanwhile"),
			)
		self.set_needs_approver(system)
		self.refuse_step()
		self.compute_criteria(system)
		self.refuse_unjustified_criteria(_("approved"))
		self.refuse_wrong_approver(system)
		self.sign()
		super().before_submit()

	def on_submit(self):
		self.close_assignments()
		system = self.system()
		system.lifecycle_stage = self.target_stage
		system.flags.stage_review = self.name
		system.save(ignore_permissions=True)

	def refuse_step(self):
		refusal = step_refusal(self.current_stage, self.target_stage, self.skip_justification)
		if refusal:
			frappe.throw(
				_("{0}: {1}").format(label(self.meta, "target_stage"), text(refusal)), title=_("Invalid Step")
			)

	def compute_criteria(self, system):
		"""The gate criteria as the records stand now. Rows of the same criteria are updated in place, so a
		justification stays with its criterion and the history shows only what changed."""
		results = criteria_results(self.current_stage, self.target_stage, system_facts(system))
		values = [
			{
				"criterion_key": r.key,
				"controls": r.controls,
				"criterion": text(r.label),
				"met": int(r.met),
				"found": text(r.found) if r.found else None,
				"missing": text(r.missing) if r.missing else None,
			}
			for r in results
		]
		if [row.criterion_key for row in self.criteria] == [v["criterion_key"] for v in values]:
			for row, value in zip(self.criteria, values, strict=True):
				row.update(value)
		else:
			self.set("criteria", values)
		self.unmet_criteria = sum(1 for r in results if not r.met)

	def refuse_unjustified_criteria(self, step: str):
		keys = set(unjustified([(row.criterion_key, row.met, row.justification) for row in self.criteria]))
		rows = [row for row in self.criteria if row.criterion_key in keys]
		if rows:
			frappe.throw(
				_(
					"{0} cannot be {1}: criteria not met and without a justification: {2}. Meet them, or "
					"write a Justification on their rows."
				).format(
					self.name,
					step,
					"; ".join(
						_("row {0} ({1}): {2}").format(row.idx, row.criterion, row.missing or "")
						for row in rows
					),
				),
				title=_("Gate Criteria Not Met"),
			)


@frappe.whitelist()
def open_steps(ai_system: str) -> list[dict]:
	"""Stage reviews and changes of the system that wait for approval, for the banner on its form."""
	frappe.get_doc("AI System", ai_system).check_permission("read")
	return [
		{"doctype": doctype, **row}
		for doctype in ("AI System Stage Review", "AI System Change")
		for row in frappe.get_all(
			doctype,
			filters={
				"ai_system": ai_system,
				"docstatus": 0,
				"workflow_state": ("in", ("Draft", "Awaiting Approval")),
			},
			fields=["name", "workflow_state"],
			order_by="creation",
		)
	]


@frappe.whitelist()
def next_gate(ai_system: str) -> dict | None:
	"""What the system's next stage review will ask, as the records stand now: shown on the system's form
	before anyone raises the review."""
	system = frappe.get_doc("AI System", ai_system)
	system.check_permission("read")
	target = next_stage(system.lifecycle_stage)
	if not target:
		return None
	return {
		"target": target,
		"criteria": [
			{"criterion": text(r.label), "met": r.met, "missing": text(r.missing) if r.missing else None}
			for r in criteria_results(system.lifecycle_stage, target, system_facts(system))
		],
	}
