# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import add_months, getdate, now_datetime, today

from aims_app.controllers.aims_document import AIMSDocument
from aims_app.history import record_changes
from aims_app.translation import label, value
from aims_app.validation import refuse_dates_out_of_order

# What every policy that leaves its draft must commit to (ISO/IEC 42001 clause 5.2 c and d).
REQUIRED_COMMITMENTS = ("Meet applicable requirements", "Continual improvement of the AIMS")


class AIPolicy(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from aims_app.ai_governance.doctype.ai_policy_commitment.ai_policy_commitment import (
			AIPolicyCommitment,
		)
		from aims_app.ai_governance.doctype.ai_policy_objective.ai_policy_objective import (
			AIPolicyObjective,
		)
		from aims_app.ai_governance.doctype.ai_policy_related_policy.ai_policy_related_policy import (
			AIPolicyRelatedPolicy,
		)

		amended_from: DF.Link | None
		approved_by: DF.Link | None
		approved_on: DF.Datetime | None
		commitments: DF.Table[AIPolicyCommitment]
		effective_date: DF.Date
		objectives: DF.Table[AIPolicyObjective]
		policy_owner: DF.Link
		policy_statement: DF.TextEditor
		previous_version: DF.Link | None
		public_summary: DF.SmallText | None
		published_on: DF.Datetime | None
		related_policies: DF.Table[AIPolicyRelatedPolicy]
		review_date: DF.Date | None
		status: DF.Literal["Draft", "In Review", "Approved", "Published", "Superseded", "Cancelled"]
		title: DF.Data
		version: DF.Int
		workflow_state: DF.Link | None
	# end: auto-generated types

	def before_insert(self):
		self.refuse_second_new_version()
		self.version = self.version_number()

	def validate(self):
		self.set_review_date()
		refuse_dates_out_of_order(self, "effective_date", "review_date")
		if self.docstatus == 1 or (self.workflow_state or "Draft") != "Draft":
			self.refuse_missing_commitments()
		if self.is_new():
			self.refuse_unapproved_previous_version()
		super().validate()

	def before_submit(self):
		self.approved_by = frappe.session.user
		self.approved_on = now_datetime()
		super().before_submit()

	def before_update_after_submit(self):
		refuse_dates_out_of_order(self, "effective_date", "review_date")
		if self.status == "Published" and not self.published_on:
			self.published_on = now_datetime()
		super().before_update_after_submit()

	def on_update_after_submit(self):
		if self.has_value_changed("status") and self.status == "Published":
			self.supersede_other_published_versions()

	def before_cancel(self):
		self.status = "Cancelled"
		super().before_cancel()

	def set_review_date(self):
		if not self.review_date:
			months = frappe.db.get_single_value("AIMS Settings", "policy_review_months") or 12
			self.review_date = add_months(getdate(today()), months)

	def version_number(self) -> int:
		"""One more than the version this one replaces; an amendment (of a cancelled version) keeps its number."""
		if self.amended_from:
			return frappe.db.get_value("AI Policy", self.amended_from, "version") or 1
		earlier = (
			frappe.db.get_value("AI Policy", self.previous_version, "version") if self.previous_version else 0
		)
		return 1 + (earlier or 0)

	def refuse_unapproved_previous_version(self):
		"""A new version follows an approved one (submitted: published, or superseded)."""
		if not self.previous_version:
			return
		docstatus, status = frappe.db.get_value(
			"AI Policy", self.previous_version, ["docstatus", "status"]
		) or (None, None)
		if docstatus != 1:
			frappe.throw(
				_("A new version follows an approved policy; {0} is {1}.").format(
					frappe.bold(self.previous_version), value(status) if status else _("not found")
				),
				title=_("Previous Version Not Approved"),
			)

	def refuse_second_new_version(self):
		"""Versions form one line: a version already followed by a newer one is not followed again."""
		if not self.previous_version:
			return
		newer = frappe.db.get_value(
			"AI Policy", {"previous_version": self.previous_version, "docstatus": ("<", 2)}, "name"
		)
		if newer:
			frappe.throw(
				_("{0} already has a newer version, {1}: work on that one.").format(
					frappe.bold(self.previous_version), frappe.bold(newer)
				),
				title=_("Newer Version Exists"),
			)

	def refuse_missing_commitments(self):
		present = {row.kind for row in self.commitments}
		missing = [kind for kind in REQUIRED_COMMITMENTS if kind not in present]
		if missing:
			frappe.throw(
				_(
					"The policy must commit to meeting applicable requirements and to continual improvement of "
					"the AIMS (ISO/IEC 42001 clause 5.2 c, d) before it goes for review, approval or "
					"publication. Add a row to {0} of kind: {1}."
				).format(
					frappe.bold(label(self.meta, "commitments")),
					", ".join(frappe.bold(value(kind)) for kind in missing),
				),
				title=_("Required Commitments Missing"),
			)

	def supersede_other_published_versions(self):
		"""One policy is in force: publishing this version retires the one published before it."""
		published = frappe.get_all(
			"AI Policy", filters={"status": "Published", "name": ("!=", self.name)}, pluck="name"
		)
		record_changes("AI Policy", published, {"status": "Superseded", "workflow_state": "Superseded"})


@frappe.whitelist()
def get_published_policy() -> dict | None:
	"""The AI policy in force, as its reader may see it; None until one is published."""
	policies = frappe.get_list(
		"AI Policy",
		filters={"status": "Published"},
		fields=["name", "title", "version", "policy_owner", "effective_date", "review_date", "published_on"],
		order_by="published_on desc",
		limit=1,
	)
	return policies[0] if policies else None
