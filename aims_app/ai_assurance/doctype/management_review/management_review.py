# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime

from aims_app.ai_assurance.assignments.sync import sync_assignments, task
from aims_app.ai_assurance.doctype.management_review.review_inputs import compile_inputs
from aims_app.controllers.aims_document import AIMSDocument


class ManagementReview(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from aims_app.ai_assurance.doctype.management_review_attendee.management_review_attendee import (
			ManagementReviewAttendee,
		)
		from aims_app.ai_assurance.doctype.management_review_decision.management_review_decision import (
			ManagementReviewDecision,
		)
		from aims_app.ai_assurance.doctype.management_review_input.management_review_input import (
			ManagementReviewInput,
		)

		amended_from: DF.Link | None
		attendees: DF.TableMultiSelect[ManagementReviewAttendee]
		chair: DF.Link
		conclusion: DF.TextEditor | None
		decisions: DF.Table[ManagementReviewDecision]
		inputs: DF.Table[ManagementReviewInput]
		inputs_compiled_on: DF.Datetime | None
		period_from: DF.Date
		review_date: DF.Date
		title: DF.Data
	# end: auto-generated types

	def before_insert(self):
		self.compile_inputs()

	def validate(self):
		if getdate(self.period_from) > getdate(self.review_date):
			frappe.throw(_("Period From cannot be after the Review Date."), title=_("Invalid Date"))
		for row in self.decisions:
			if row.action_owner and not row.due_date:
				frappe.throw(
					_("Decisions, row {0}: an action with an owner needs a due date.").format(row.idx),
					title=_("Due Date Missing"),
				)
		super().validate()

	def on_submit(self):
		self.assign_actions()

	def on_cancel(self):
		sync_assignments(self, "decisions", [])

	def compile_inputs(self):
		"""The inputs as the records stand now; commentary already written is kept."""
		commentary = {row.input_area: row.commentary for row in self.inputs}
		rows = compile_inputs(self.period_from, self.review_date)
		for row in rows:
			row["commentary"] = commentary.get(row["input_area"])
		self.set("inputs", rows)
		self.inputs_compiled_on = now_datetime()

	def assign_actions(self):
		"""Each decision with an owner is a ToDo for them."""
		sync_assignments(
			self,
			"decisions",
			[task(row, row.action_owner, row.decision, row.due_date) for row in self.decisions],
		)


@frappe.whitelist()
def recompile_inputs(name: str):
	review = frappe.get_doc("Management Review", name)
	review.check_permission("write")
	if review.docstatus != 0:
		frappe.throw(_("The inputs of a submitted review are part of its record and stay as they were."))
	review.compile_inputs()
	review.save()
