"""Daily: EU AI Act obligations that reach their date start to apply, and owners hear a month ahead.

The dates come from the library (eu_ai_act_timeline.py decides); this is the Frappe layer. An obligation
whose date has come moves from Upcoming to Applies on every system at once (one statement), and each
system's next date moves on. The owner of a system with an obligation due within a month is given a ToDo
on the system and Frappe's assignment notification (the bell, and email as their notification settings
say), once per obligation and date: a new ToDo even when they already hold one on the system.
"""

import datetime

import frappe
from frappe import _
from frappe.desk.form.assign_to import notify_assignment
from frappe.query_builder.functions import Min
from frappe.utils import add_days, escape_html, formatdate, getdate, today

from aims_app.ai_systems.eu_ai_act_timeline import APPLIES, REMINDER_LEAD_DAYS, UPCOMING

SYSTEM, OBLIGATION = "AI System", "AI System Obligation"


def update_obligations(on: datetime.date | None = None):
	"""The scheduler's daily entry (hooks.py)."""
	on = getdate(on or today())
	moved = mark_obligations_that_apply(on)
	refresh_next_dates(moved)
	tell_owners_of_upcoming(on)


def mark_obligations_that_apply(on: datetime.date) -> list[str]:
	"""Upcoming obligations whose date has come apply from today; the systems they belong to."""
	row = frappe.qb.DocType(OBLIGATION)
	due = (row.parenttype == SYSTEM) & (row.status == UPCOMING) & (row.applies_from <= on)
	systems = frappe.qb.from_(row).select(row.parent).distinct().where(due).run(pluck=True)
	if systems:
		frappe.qb.update(row).set(row.status, APPLIES).where(due).run()
	return systems


def refresh_next_dates(systems: list[str]):
	"""Each system's Next Obligation Applies On: its earliest obligation still upcoming."""
	if not systems:
		return
	row = frappe.qb.DocType(OBLIGATION)
	next_dates = dict(
		frappe.qb.from_(row)
		.select(row.parent, Min(row.applies_from))
		.where((row.parenttype == SYSTEM) & (row.status == UPCOMING) & row.parent.isin(systems))
		.groupby(row.parent)
		.run()
	)
	system = frappe.qb.DocType(SYSTEM)
	for name in systems:
		frappe.qb.update(system).set(system.next_obligation_on, next_dates.get(name)).where(
			system.name == name
		).run()


def upcoming_within_a_month(on: datetime.date) -> list[dict]:
	row = frappe.qb.DocType(OBLIGATION)
	system = frappe.qb.DocType(SYSTEM)
	return (
		frappe.qb.from_(row)
		.join(system)
		.on(system.name == row.parent)
		.select(
			row.name,
			row.parent,
			row.article,
			row.applies_from,
			system.system_name,
			system.system_owner,
		)
		.where(
			(row.parenttype == SYSTEM)
			& (row.status == UPCOMING)
			& (row.applies_from > on)
			& (row.applies_from <= add_days(on, REMINDER_LEAD_DAYS))
			& row.reminded_on.isnull()
			& system.system_owner.isnotnull()
		)
		.orderby(row.parent)
		.orderby(row.applies_from)
		.run(as_dict=True)
	)


def tell_owners_of_upcoming(on: datetime.date):
	"""One ToDo per system for its owner, listing the obligations that start to apply within a month."""
	rows = upcoming_within_a_month(on)
	by_system: dict[str, list[dict]] = {}
	for r in rows:
		by_system.setdefault(r.parent, []).append(r)
	for name, due in by_system.items():
		first = due[0]
		articles = ", ".join(_("{0} from {1}").format(r.article, formatdate(r.applies_from)) for r in due)
		give_todo(
			first.system_owner,
			name,
			first.applies_from,
			_(
				"EU AI Act obligations of {0} start to apply within a month: {1}. Check that each is addressed "
				"before its date."
			).format(first.system_name, articles),
		)
	if rows:
		row = frappe.qb.DocType(OBLIGATION)
		frappe.qb.update(row).set(row.reminded_on, on).where(row.name.isin([r.name for r in rows])).run()


def give_todo(user: str, system: str, due_on, description: str):
	"""A ToDo on the system for `user`, and the notification Frappe sends for an assignment."""
	description = escape_html(description)
	todo = frappe.get_doc(
		{
			"doctype": "ToDo",
			"allocated_to": user,
			"reference_type": SYSTEM,
			"reference_name": system,
			"description": description,
			"date": due_on,
			"assigned_by": frappe.session.user,
		}
	).insert(ignore_permissions=True)
	notify_assignment(todo.assigned_by, user, SYSTEM, system, action="ASSIGN", description=description)
