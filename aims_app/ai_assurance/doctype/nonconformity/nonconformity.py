# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import getdate, today

from aims_app.ai_assurance.assignments.sync import sync_assignments, task
from aims_app.ai_assurance.doctype.nonconformity.nonconformity_rules import (
	ActionFacts,
	NonconformityFacts,
	action_status,
	entry_refusal,
)
from aims_app.controllers.aims_document import AIMSDocument
from aims_app.history import record_change
from aims_app.translation import text, value


class Nonconformity(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from aims_app.ai_assurance.doctype.nonconformity_corrective_action.nonconformity_corrective_action import (
			NonconformityCorrectiveAction,
		)

		ai_concern: DF.Link | None
		ai_incident: DF.Link | None
		ai_system: DF.Link | None
		aims_audit: DF.Link | None
		audit_checklist_item: DF.Data | None
		correction: DF.SmallText | None
		correction_date: DF.Date | None
		corrective_actions: DF.Table[NonconformityCorrectiveAction]
		description: DF.Text
		effectiveness_notes: DF.SmallText | None
		effectiveness_result: DF.Literal["", "Effective", "Not effective"]
		grade: DF.Literal["Minor", "Major"]
		has_overdue_actions: DF.Check
		nc_owner: DF.Link
		raised_on: DF.Date
		requirement: DF.Link | None
		root_cause: DF.SmallText | None
		root_cause_method: DF.Literal["", "5 Whys", "Fishbone (Ishikawa)", "Fault tree", "Other"]
		similar_elsewhere: DF.SmallText | None
		source: DF.Literal["Audit", "Incident", "Complaint", "Monitoring", "Management review", "Other"]
		title: DF.Data
		verified_by: DF.Link | None
		verified_on: DF.Date | None
		workflow_state: DF.Link | None
	# end: auto-generated types

	def validate(self):
		self.set_action_statuses()
		self.refuse_stage_not_ready()
		super().validate()

	def on_update(self):
		self.assign_corrective_actions()
		super().on_update()

	def action_facts(self) -> tuple[ActionFacts, ...]:
		return tuple(
			ActionFacts(
				row.action_owner,
				getdate(row.due_date),
				getdate(row.completed_on) if row.completed_on else None,
			)
			for row in self.corrective_actions
		)

	def set_action_statuses(self):
		for row, facts in zip(self.corrective_actions, self.action_facts(), strict=True):
			row.action_status = action_status(facts, getdate(today()))
		self.has_overdue_actions = any(row.action_status == "Overdue" for row in self.corrective_actions)

	def refuse_stage_not_ready(self):
		"""The workflow says who moves the nonconformity on; this says whether its record is ready to move."""
		if not self.has_value_changed("workflow_state") or self.is_new():
			return
		refusal = entry_refusal(
			self.workflow_state,
			NonconformityFacts(
				correction=self.correction,
				root_cause=self.root_cause,
				actions=self.action_facts(),
				effectiveness_result=self.effectiveness_result,
				verified_by=self.verified_by,
			),
		)
		if refusal:
			frappe.throw(text(refusal), title=_("Not Ready for {0}").format(value(self.workflow_state)))

	def assign_corrective_actions(self):
		"""Each open corrective action is a ToDo for its owner; a completed one closes it."""
		sync_assignments(
			self,
			"corrective_actions",
			[
				task(row, row.action_owner, row.action, row.due_date, done=bool(row.completed_on))
				for row in self.corrective_actions
			],
		)


def mark_overdue_actions():
	"""Daily: corrective actions past their due date show as overdue without anyone saving them, each change in
	the nonconformity's history."""
	action = frappe.qb.DocType("Nonconformity Corrective Action")
	overdue = (
		frappe.qb.from_(action)
		.select(action.parent, action.name)
		.where(action.parenttype == "Nonconformity")
		.where(action.action_status == "Open")
		.where(action.completed_on.isnull())
		.where(action.due_date < getdate(today()))
		.run()
	)
	rows_by_nonconformity = {}
	for parent, row in overdue:
		rows_by_nonconformity.setdefault(parent, {})[row] = {"action_status": "Overdue"}
	for name, rows in rows_by_nonconformity.items():
		record_change(frappe.get_doc("Nonconformity", name), {"has_overdue_actions": 1}, rows)
