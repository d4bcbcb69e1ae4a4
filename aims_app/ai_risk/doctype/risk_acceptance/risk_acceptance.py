# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import json

import frappe
from frappe import _
from frappe.model import no_value_fields, table_fields
from frappe.utils import cstr, getdate, now_datetime, today

from aims_app.ai_governance.doctype.aims_settings.aims_settings import get_risk_matrix
from aims_app.ai_risk.risk_rules import acceptance_refusal
from aims_app.controllers.aims_document import AIMSDocument
from aims_app.history import record_change
from aims_app.roles import AIMS_APPROVER
from aims_app.translation import label, text, value
from aims_app.workflows.separation_rules import requesters

AWAITING_APPROVAL = "Awaiting Approval"

# What a snapshot of the risk leaves out: bookkeeping, not the risk.
SNAPSHOT_SKIP = {
	"modified",
	"modified_by",
	"creation",
	"owner",
	"idx",
	"docstatus",
	"_user_tags",
	"_comments",
}


class RiskAcceptance(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		accepted_by: DF.Link | None
		accepted_on: DF.Datetime | None
		ai_risk: DF.Link
		amended_from: DF.Link | None
		conditions: DF.SmallText
		expired: DF.Check
		expires_on: DF.Date
		needs_approver: DF.Check
		owner_may_accept: DF.Check
		requested_by: DF.Link | None
		residual_impact: DF.Int
		residual_level: DF.Data | None
		residual_likelihood: DF.Int
		risk_appetite: DF.Data | None
		risk_owner: DF.Link | None
		risk_snapshot: DF.Code | None
		risk_title: DF.Data | None
		workflow_state: DF.Link | None
	# end: auto-generated types

	@property
	def owner_may_accept(self) -> bool:
		"""Whether the risk's owner may accept it themselves (the workflow's condition for their Accept)."""
		return acceptance_refusal(bool(self.needs_approver), is_risk_owner=True, is_approver=False) is None

	def before_insert(self):
		self.requested_by = frappe.session.user

	def onload(self):
		self.set_onload("risk_snapshot", snapshot_rows(self.risk_snapshot))

	def validate(self):
		self.record_requester()
		self.refuse_past_expiry()
		if self.docstatus == 0:
			self.take_risk_snapshot()
		super().validate()

	def before_submit(self):
		self.take_risk_snapshot()
		self.refuse_unassessed_residual()
		self.refuse_wrong_decision_maker()
		self.accepted_by = frappe.session.user
		self.accepted_on = now_datetime()
		super().before_submit()

	def on_submit(self):
		record_change(
			frappe.get_doc("AI Risk", self.ai_risk), {"status": "Accepted", "accepted_until": self.expires_on}
		)

	def on_cancel(self):
		if not has_current_acceptance(self.ai_risk):
			send_risk_back_to_review(self.ai_risk)

	def record_requester(self):
		"""Whoever sends the acceptance for approval asked for it, and may not approve it."""
		if (
			self.workflow_state == AWAITING_APPROVAL
			and self.get_db_value("workflow_state") != AWAITING_APPROVAL
		):
			self.requested_by = frappe.session.user

	def refuse_past_expiry(self):
		if self.docstatus == 0 and getdate(self.expires_on) <= getdate(today()):
			frappe.throw(
				_("{0} must be after today: an acceptance is for a period to come.").format(
					label(self.meta, "expires_on")
				),
				title=_("Invalid Date"),
			)

	def take_risk_snapshot(self):
		"""The risk as it stands when the decision is taken; the acceptance keeps it even if the risk changes."""
		risk = frappe.get_doc("AI Risk", self.ai_risk)
		matrix = get_risk_matrix()
		self.risk_title = risk.title
		self.risk_owner = risk.risk_owner
		self.residual_likelihood = risk.residual_likelihood
		self.residual_impact = risk.residual_impact
		self.residual_level = risk.residual_level
		self.risk_appetite = matrix.appetite
		self.needs_approver = bool(risk.residual_level) and matrix.exceeds_appetite(risk.residual_level)
		state = {k: v for k, v in risk.as_dict(no_default_fields=False).items() if k not in SNAPSHOT_SKIP}
		self.risk_snapshot = json.dumps(state, indent=1, sort_keys=True, default=str)

	def refuse_unassessed_residual(self):
		if not self.residual_level:
			frappe.throw(
				_("Risk {0} has no residual level yet: assess the residual risk before accepting it.").format(
					frappe.bold(self.ai_risk)
				),
				title=_("Residual Risk Not Assessed"),
			)

	def refuse_wrong_decision_maker(self):
		user = frappe.session.user
		asked_for_approval = self.get_db_value("workflow_state") == AWAITING_APPROVAL
		refusal = acceptance_refusal(
			needs_approver=bool(self.needs_approver),
			is_risk_owner=user == self.risk_owner,
			is_approver=AIMS_APPROVER in frappe.get_roles(user),
			is_requester=asked_for_approval and user in requesters(self.owner, self.requested_by),
		)
		if refusal:
			frappe.throw(text(refusal), frappe.PermissionError, title=_("Not Permitted"))


def snapshot_rows(snapshot: str | None) -> list[dict]:
	"""The risk as it stood when the decision was taken, for the acceptance's form: each field the risk's form
	has, in its order, labelled and formatted in the reader's language, a table's rows one line each."""
	state = json.loads(snapshot or "{}")
	rows = []
	meta = frappe.get_meta("AI Risk")
	for field in meta.fields:
		stored = state.get(field.fieldname)
		if field.fieldtype in table_fields:
			shown = snapshot_table(field.options, stored or [])
		elif field.fieldtype in no_value_fields or stored in (None, ""):
			continue
		elif field.fieldtype == "Check":
			shown = _("Yes") if stored else _("No")
		elif field.fieldtype == "Select":
			shown = value(stored)
		else:
			shown = cstr(frappe.format_value(stored, field))
		if shown:
			rows.append({"label": label(meta, field.fieldname), "value": shown})
	return rows


def snapshot_table(doctype: str, rows: list[dict]) -> str:
	fields = [f for f in frappe.get_meta(doctype).fields if f.in_list_view or f.fieldtype == "Link"]
	return "\n".join(
		" · ".join(cstr(frappe.format_value(row[f.fieldname], f)) for f in fields if row.get(f.fieldname))
		for row in rows
	)


def send_risk_back_to_review(ai_risk: str):
	record_change(frappe.get_doc("AI Risk", ai_risk), {"status": "Review due", "accepted_until": None})


def expire_acceptances():
	"""Daily: an acceptance past its expiry no longer covers the risk, which goes back to review."""
	expired = frappe.get_all(
		"Risk Acceptance",
		filters={"docstatus": 1, "expired": 0, "expires_on": ("<", getdate(today()))},
		fields=["name", "ai_risk"],
	)
	for acceptance in expired:
		record_change(frappe.get_doc("Risk Acceptance", acceptance.name), {"expired": 1})
		if not has_current_acceptance(acceptance.ai_risk):
			send_risk_back_to_review(acceptance.ai_risk)


def has_current_acceptance(ai_risk: str) -> bool:
	return bool(
		frappe.db.exists(
			"Risk Acceptance", {"ai_risk": ai_risk, "docstatus": 1, "expires_on": (">=", getdate(today()))}
		)
	)
