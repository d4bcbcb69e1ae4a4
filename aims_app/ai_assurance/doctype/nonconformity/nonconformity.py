# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from aims_app.ai_assurance.doctype.nonconformity.nonconformity_rules import (
	ActionFacts,
	NonconformityFacts,
	action_status,
	entry_refusal,
)
from aims_app.translation import text, value


class Nonconformity(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from aims_app.ai_assurance.doctype.nonconformity_corrective_action.nonconformity_corrective_action import (
			NonconformityCorrectiveAction,
		)

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

	def on_update(self):
		self.assign_corrective_actions()

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
		todos = {
			(todo.allocated_to, todo.description): todo.name
			for todo in frappe.get_all(
				"ToDo",
				filters={"reference_type": self.doctype, "reference_name": self.name, "status": "Open"},
				fields=["name", "allocated_to", "description"],
			)
		}
		for row in self.corrective_actions:
			key = (row.action_owner, row.action)
			if row.completed_on and key in todos:
				frappe.db.set_value("ToDo", todos[key], "status", "Closed")
			elif not row.completed_on and key not in todos:
				frappe.get_doc(
					{
						"doctype": "ToDo",
						"allocated_to": row.action_owner,
						"description": row.action,
						"date": row.due_date,
						"reference_type": self.doctype,
						"reference_name": self.name,
						"assigned_by": frappe.session.user,
					}
				).insert(ignore_permissions=True)


def mark_overdue_actions():
	"""Daily: corrective actions past their due date show as overdue without anyone saving them."""
	action = frappe.qb.DocType("Nonconformity Corrective Action")
	overdue = (
		frappe.qb.update(action)
		.set(action.action_status, "Overdue")
		.where(action.action_status == "Open")
		.where(action.completed_on.isnull())
		.where(action.due_date < getdate(today()))
	)
	overdue.run()
	nonconformity = frappe.qb.DocType("Nonconformity")
	(
		frappe.qb.update(nonconformity)
		.set(nonconformity.has_overdue_actions, 1)
		.where(
			nonconformity.name.isin(
				frappe.qb.from_(action).select(action.parent).where(action.action_status == "Overdue")
			)
		)
		.run()
	)
