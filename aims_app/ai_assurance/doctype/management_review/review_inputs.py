"""The inputs clause 9.3.2 asks a management review to consider, compiled from the records.

One function per input, each a few set-based queries over the review period (and the period of the
same length before it, for trends). The wording lives in review_rules.py beside it; each summary is
written in the language of the user who compiles the inputs, and a submitted review keeps it as written.
The input areas are the options of Management Review Input's Select field, shown translated.
"""

from datetime import date, timedelta

import frappe
from frappe.query_builder.functions import Coalesce, Count
from frappe.utils import add_days, getdate

from aims_app.ai_assurance.doctype.aims_audit.audit_rules import IMPROVEMENT_FINDINGS
from aims_app.ai_assurance.doctype.management_review.review_rules import counts_phrase, listing, trend
from aims_app.ai_governance.doctype.aims_settings.aims_settings import get_risk_matrix
from aims_app.ai_risk.risk_rules import above_appetite_filters
from aims_app.messages import N_, Message
from aims_app.translation import text


def compile_inputs(period_from: date, period_to: date) -> list[dict]:
	period_from, period_to = getdate(period_from), getdate(period_to)
	compilers = (
		("Actions from previous reviews", earlier_review_actions),
		("Changes in external and internal issues", context_changes),
		("Changes in interested parties' needs", interested_party_changes),
		("Nonconformities and corrective actions", nonconformities),
		("Monitoring and measurement results", monitoring),
		("Audit results", audit_results),
		("AI risks and their treatment", risk_status),
		("AI incidents", incidents),
		("Opportunities for continual improvement", improvement_opportunities),
	)
	return [
		{"input_area": area, "summary": text(compiler(period_from, period_to))}
		for area, compiler in compilers
	]


def previous_period(period_from: date, period_to: date) -> tuple[date, date]:
	length = (period_to - period_from).days
	return add_days(period_from, -length - 1), add_days(period_from, -1)


def count_between(doctype: str, date_field: str, start: date, end: date, **filters) -> int:
	return frappe.db.count(doctype, {date_field: ("between", (start, end)), **filters})


def earlier_review_actions(period_from: date, period_to: date) -> Message:
	"""Decisions of earlier reviews by the state of their ToDo (one owner's decisions share one ToDo)."""
	decision = frappe.qb.DocType("Management Review Decision")
	todo = frappe.qb.DocType("ToDo")
	actions = (
		frappe.qb.from_(decision)
		.join(todo)
		.on(todo.name == decision.todo)
		.where(decision.parenttype == "Management Review")
		.where(todo.status != "Cancelled")
	)
	counts = dict(actions.select(todo.status, Count("*")).groupby(todo.status).run())
	overdue = (
		actions.select(Count("*"))
		.where(todo.status == "Open")
		.where(decision.due_date < period_to)
		.run()[0][0]
	)
	return Message(
		N_("Open {open} (overdue {overdue}), closed {closed}."),
		{"open": counts.get("Open", 0), "overdue": overdue, "closed": counts.get("Closed", 0)},
	)


def changed_names(doctype: str, title_field: str, period_from: date, period_to: date) -> tuple[list, list]:
	created = frappe.get_all(
		doctype, filters={"creation": ("between", (period_from, period_to))}, pluck=title_field
	)
	changed = frappe.get_all(
		doctype,
		filters={"modified": ("between", (period_from, period_to)), "creation": ("<", period_from)},
		pluck=title_field,
	)
	return created, changed


def context_changes(period_from: date, period_to: date) -> Message:
	return new_and_changed(*changed_names("Context Issue", "title", period_from, period_to))


def interested_party_changes(period_from: date, period_to: date) -> Message:
	return new_and_changed(*changed_names("Interested Party", "party_name", period_from, period_to))


def new_and_changed(created: list, changed: list) -> Message:
	return Message(
		N_("New: {new}. Changed: {changed}."), {"new": listing(created), "changed": listing(changed)}
	)


def nonconformities(period_from: date, period_to: date) -> Message:
	before_from, before_to = previous_period(period_from, period_to)
	raised = count_between("Nonconformity", "raised_on", period_from, period_to)
	raised_before = count_between("Nonconformity", "raised_on", before_from, before_to)
	nonconformity = frappe.qb.DocType("Nonconformity")
	by_grade = dict(
		frappe.qb.from_(nonconformity)
		.select(nonconformity.grade, Count("*"))
		.where(nonconformity.raised_on[period_from:period_to])
		.groupby(nonconformity.grade)
		.run()
	)
	still_open = frappe.db.count("Nonconformity", {"workflow_state": ("!=", "Closed")})
	closed = frappe.db.count(
		"Nonconformity",
		{"workflow_state": "Closed", "modified": ("between", (period_from, period_to + timedelta(1)))},
	)
	overdue = frappe.db.count("Nonconformity Corrective Action", {"action_status": "Overdue"})
	return Message(
		N_(
			"Raised: {raised}; by grade: {grades}. Closed in the period: {closed}. Still open: {still_open}. "
			"Corrective actions overdue: {overdue}."
		),
		{
			"raised": trend(raised, raised_before),
			"grades": counts_phrase(by_grade),
			"closed": closed,
			"still_open": still_open,
			"overdue": overdue,
		},
	)


def monitoring(period_from: date, period_to: date) -> Message:
	"""AI objectives by status (6.2, 9.1) and the impact assessments that keep systems under review."""
	objective = frappe.qb.DocType("AI Objective")
	by_status = dict(
		frappe.qb.from_(objective).select(objective.status, Count("*")).groupby(objective.status).run()
	)
	short = frappe.get_all(
		"AI Objective",
		filters={"status": ("in", ("Off track", "Missed"))},
		order_by="due_date",
		pluck="title",
	)
	reviewed = count_between("AI Impact Assessment", "assessment_date", period_from, period_to, docstatus=1)
	needing_review = frappe.db.count("AI Impact Assessment", {"docstatus": 1, "needs_review": 1})
	return Message(
		N_(
			"AI objectives: {objectives}; short of target: {short}. Impact assessments signed in the period: "
			"{reviewed}; flagged for review: {needing_review}."
		),
		{
			"objectives": counts_phrase(by_status),
			"short": listing(short),
			"reviewed": reviewed,
			"needing_review": needing_review,
		},
	)


def audit_results(period_from: date, period_to: date) -> Message:
	audit = frappe.qb.DocType("AIMS Audit")
	rows = (
		frappe.qb.from_(audit)
		.select(
			audit.name, audit.title, audit.conforms_count, audit.nonconformity_count, audit.improvement_count
		)
		.where(audit.docstatus == 1)
		.where(audit.end_date[period_from:period_to])
		.orderby(audit.end_date)
		.run(as_dict=True)
	)
	described = [
		Message(
			N_(
				"{audit} {title}: {conform} conform, {nonconformities} nonconformities, {improvements} "
				"observations or opportunities"
			),
			{
				"audit": row.name,
				"title": row.title,
				"conform": row.conforms_count,
				"nonconformities": row.nonconformity_count,
				"improvements": row.improvement_count,
			},
		)
		for row in rows
	]
	return Message(
		N_("Audits completed: {count}. {audits}."), {"count": len(rows), "audits": listing(described)}
	)


def risk_status(period_from: date, period_to: date) -> Message:
	risk = frappe.qb.DocType("AI Risk")
	level = Coalesce(risk.residual_level, risk.inherent_level)  # residual when assessed, else inherent
	open_risks = frappe.qb.from_(risk).where(risk.status != "Closed")
	by_level = dict(open_risks.select(level, Count("*")).groupby(level).run())
	ordered = {name: by_level.get(name, 0) for name in reversed(get_risk_matrix().levels)}
	above = frappe.db.count("AI Risk", above_appetite_filters())
	expiring = frappe.db.count(
		"Risk Acceptance",
		{"docstatus": 1, "expired": 0, "expires_on": ("between", (period_to, add_days(period_to, 90)))},
	)
	return Message(
		N_(
			"Open risks by current level: {levels}. Above the appetite: {above}. Acceptances expiring within "
			"90 days: {expiring}."
		),
		{"levels": counts_phrase(ordered), "above": above, "expiring": expiring},
	)


def incidents(period_from: date, period_to: date) -> Message:
	total = count_between("AI Incident", "became_aware_on", period_from, period_to)
	serious = count_between("AI Incident", "became_aware_on", period_from, period_to, is_serious_incident=1)
	late = frappe.db.count("AI Incident", {"report_status": ("in", ("Overdue", "Reported late"))})
	return Message(
		N_("Incidents in the period: {total}, serious: {serious}. Reports overdue or late: {late}."),
		{"total": total, "serious": serious, "late": late},
	)


def improvement_opportunities(period_from: date, period_to: date) -> Message:
	"""Observations and opportunities found by audits in the period, and how many are still open as ToDos."""
	row = frappe.qb.DocType("AIMS Audit Checklist Item")
	audit = frappe.qb.DocType("AIMS Audit")
	todo = frappe.qb.DocType("ToDo")
	found = (
		frappe.qb.from_(row)
		.join(audit)
		.on(audit.name == row.parent)
		.select(audit.name, row.requirement_title, row.result, row.audit_notes)
		.where(audit.docstatus == 1)
		.where(audit.end_date[period_from:period_to])
		.where(row.result.isin(IMPROVEMENT_FINDINGS))
		.orderby(audit.end_date)
		.run(as_dict=True)
	)
	described = [
		Message(
			N_("{audit}, {requirement}: {finding}"),
			{
				"audit": r.name,
				"requirement": r.requirement_title,
				"finding": r.audit_notes or Message(r.result),
			},
		)
		for r in found
	]
	still_open = (
		frappe.qb.from_(row)
		.join(todo)
		.on(todo.name == row.todo)
		.select(Count("*"))
		.where(row.parenttype == "AIMS Audit")
		.where(todo.status == "Open")
		.run()[0][0]
	)
	return Message(
		N_("From audits: {findings}. Still open as ToDos: {still_open}."),
		{"findings": listing(described), "still_open": still_open},
	)
