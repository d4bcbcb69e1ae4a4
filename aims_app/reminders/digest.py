"""Reminders: the context every standard Notification of aims_app shares, and the weekly digest to AIMS Managers.

Each record's own reminder is a Frappe Notification (Days Before / Days After) shipped in its module's
notification/ folder; the digest gives the managers the whole picture once a week.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import frappe
from frappe import _
from frappe.email.doctype.notification.notification import get_reference_doctype, get_reference_name
from frappe.query_builder import Criterion
from frappe.utils import date_diff, format_date, get_url, getdate, today
from frappe.utils.user import get_users_with_role

from aims_app.compat import form_path
from aims_app.messages import N_, Message
from aims_app.reminders.rules import HORIZON_DAYS, DueItem, build_digest
from aims_app.roles import AIMS_MANAGER
from aims_app.translation import text


def notification_context(context: dict) -> dict:
	"""What a reminder says besides the record: the date it is about, how many days away, a link."""
	doc, alert = context["doc"], context["alert"]
	due_on = doc.get(alert.date_changed)
	return {
		"due_on": format_date(due_on),
		"days": abs(date_diff(due_on, today())),
		"url": get_url(form_path(get_reference_doctype(doc), get_reference_name(doc))),
	}


@dataclass(frozen=True)
class DueDate:
	"""Where a date to act by is kept, whose it is, and which records still count."""

	doctype: str
	date_field: str
	owner_field: str
	title_field: str
	what: str  # marked with N_(), translated where shown
	still_open: tuple = ()  # (fieldname, operator, value) conditions


DUE_DATES = (
	DueDate(
		"AI Policy",
		"review_date",
		"policy_owner",
		"title",
		N_("Policy review"),
		(("status", "=", "Published"),),
	),
	DueDate("AIMS Scope", "next_review_date", "owner", "title", N_("Scope review"), (("docstatus", "=", 1),)),
	DueDate(
		"AI Risk", "review_date", "risk_owner", "title", N_("Risk review"), (("status", "!=", "Closed"),)
	),
	DueDate(
		"AI Impact Assessment",
		"next_review_date",
		"assessor",
		"ai_system",
		N_("Impact assessment review"),
		(("docstatus", "=", 1),),
	),
	DueDate("AIMS Evidence", "valid_until", "evidence_owner", "title", N_("Evidence validity ends")),
	DueDate(
		"Risk Acceptance",
		"expires_on",
		"risk_owner",
		"risk_title",
		N_("Risk acceptance expires"),
		(("docstatus", "=", 1), ("expired", "=", 0)),
	),
	DueDate("Competence Record", "valid_until", "person", "competence_area", N_("Competence lapses")),
	DueDate(
		"AI Incident",
		"reporting_deadline",
		"owner",
		"title",
		N_("Serious incident report deadline"),
		(("report_status", "in", ("Due", "Overdue")),),
	),
	DueDate(
		"AI Monitoring Metric",
		"next_due_on",
		"system_owner",
		"metric_name",
		N_("Monitoring metric to measure"),
	),
)

OPERATORS = {
	"=": lambda field, value: field == value,
	"!=": lambda field, value: field != value,
	"in": lambda field, value: field.isin(value),
}


def gather_due_items(until: date) -> list[DueItem]:
	"""Everything still open that falls due by `until`, overdue included: one query per kind of record."""
	items = []
	for source in DUE_DATES:
		table = frappe.qb.DocType(source.doctype)
		due_on = table[source.date_field]
		conditions = [OPERATORS[op](table[field], value) for field, op, value in source.still_open]
		rows = (
			frappe.qb.from_(table)
			.select(
				table.name,
				table[source.title_field].as_("title"),
				due_on.as_("due_on"),
				table[source.owner_field].as_("owner"),
			)
			.where(due_on.isnotnull() & (due_on <= until))
			.where(Criterion.all(conditions))
			.run(as_dict=True)
		)
		items += [
			DueItem(source.doctype, r.name, r.title, text(Message(source.what)), r.due_on, r.owner)
			for r in rows
		]
	return items + gather_corrective_actions(until)


def gather_corrective_actions(until: date) -> list[DueItem]:
	action = frappe.qb.DocType("Nonconformity Corrective Action")
	nonconformity = frappe.qb.DocType("Nonconformity")
	rows = (
		frappe.qb.from_(action)
		.join(nonconformity)
		.on(action.parent == nonconformity.name)
		.select(nonconformity.name, nonconformity.title, action.action, action.due_date, action.action_owner)
		.where(action.parenttype == "Nonconformity")
		.where(action.completed_on.isnull())
		.where(action.due_date <= until)
		.run(as_dict=True)
	)
	return [
		DueItem(
			"Nonconformity",
			r.name,
			r.title,
			_("Corrective action: {0}").format(r.action),
			r.due_date,
			r.action_owner,
		)
		for r in rows
	]


def send_weekly_digest():
	"""Weekly: one email to each AIMS Manager with what is overdue and what falls due in the next 30 days."""
	current = getdate(today())
	digest = build_digest(gather_due_items(current + timedelta(days=HORIZON_DAYS)), current)
	if digest.is_empty:
		return
	subject = _("AIMS weekly reminders: {0} overdue, {1} due within {2} days").format(
		len(digest.overdue), len(digest.coming), digest.horizon_days
	)
	for manager in sorted(get_users_with_role(AIMS_MANAGER)):
		frappe.sendmail(
			recipients=[manager],
			subject=subject,
			template="aims_weekly_digest",
			args={"digest": digest, "base_url": get_url()},
		)
