# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from aims_app.ai_systems.lifecycle.approval import ApprovedStep
from aims_app.ai_systems.lifecycle.changes import change_refusal
from aims_app.controllers.aims_document import AIMSDocument
from aims_app.translation import text


class AISystemChange(ApprovedStep, AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		ai_system: DF.Link
		amended_from: DF.Link | None
		approved_by: DF.Link | None
		approved_on: DF.Datetime | None
		change_kind: DF.Literal[
			"New model version",
			"Retraining",
			"New or changed dataset",
			"New purpose or user group",
			"New supplier or supplier model",
			"Configuration or prompt change",
			"Decommissioning part of the system",
		]
		detected_by_registry: DF.Check
		effect_on_impact_assessment: DF.SmallText | None
		effect_on_risks: DF.SmallText | None
		needs_approver: DF.Check
		new_ai_model: DF.Link | None
		new_purpose: DF.SmallText | None
		reason: DF.SmallText
		rejection_reason: DF.SmallText | None
		replaces_ai_model: DF.Link | None
		requested_by: DF.Link | None
		rollback_plan: DF.SmallText | None
		system_name: DF.Data | None
		system_owner: DF.Link | None
		system_tier: DF.Data | None
		verification_done: DF.SmallText | None
		verification_evidence: DF.Link | None
		went_live_on: DF.Date | None
		what_changes: DF.SmallText
		workflow_state: DF.Link | None
	# end: auto-generated types

	def validate(self):
		system = self.system()
		if self.docstatus == 0:
			self.set_needs_approver(system)
			self.refuse_incomplete(system)
		self.record_requester()
		self.refuse_rejection_without_reason(system)
		super().validate()

	def before_submit(self):
		system = self.system()
		self.set_needs_approver(system)
		self.refuse_incomplete(system)
		self.refuse_wrong_approver(system)
		self.sign()
		super().before_submit()

	def on_submit(self):
		self.close_assignments()
		"""The system takes what the change brings, saved through its controller (and so its history): the new
		purpose (its last impact assessment is then flagged for review), the approved model in the row of the
		one it replaces; it no longer shows an unapproved change once no registry drift waits for approval."""
		system = self.system()
		if self.new_purpose:
			system.purpose = self.new_purpose
		self.put_new_model_in_service(system)
		if system.unapproved_change_in_production and not pending_registry_changes(self.ai_system, self.name):
			system.unapproved_change_in_production = 0
		system.save(ignore_permissions=True)

	def refuse_incomplete(self, system):
		refusal = change_refusal(
			self.change_kind,
			self.ai_system,
			system.lifecycle_stage,
			self.new_ai_model,
			self.rollback_plan,
			rollback_plan_due=not self.flags.prepared_by_registry,
		)
		if refusal:
			frappe.throw(_("{0}: {1}").format(self.name or _("New AI System Change"), text(refusal)))

	def put_new_model_in_service(self, system):
		if not self.new_ai_model or any(row.ai_model == self.new_ai_model for row in system.models):
			return
		replaced = next((row for row in system.models if row.ai_model == self.replaces_ai_model), None)
		if replaced:
			replaced.ai_model = self.new_ai_model
		else:
			system.append("models", {"ai_model": self.new_ai_model})


def pending_registry_changes(ai_system: str, other_than: str | None = None) -> list[str]:
	return frappe.get_all(
		"AI System Change",
		filters={
			"ai_system": ai_system,
			"detected_by_registry": 1,
			"docstatus": 0,
			"name": ("!=", other_than or ""),
			"workflow_state": ("!=", "Rejected"),
		},
		pluck="name",
	)
