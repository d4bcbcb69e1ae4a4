"""People in the AIMS are Users; where ERPNext links an Employee to that User, the AIMS shows their
department and manager, and notices when they leave."""

import frappe
from frappe import _
from frappe.desk.form import assign_to
from frappe.utils import getdate, today
from frappe.utils.html_utils import escape_html
from frappe.utils.user import get_users_with_role

from aims_app.roles import AIMS_MANAGER
from aims_app.translation import value

# What a person owns in the AIMS: doctype -> the User field naming the owner. Each carries `owner_left`
# (aims_app/install.py) where ERPNext is installed.
OWNED_RECORDS = {
	"AI System": "system_owner",
	"AI Risk": "risk_owner",
	"Control Implementation": "control_owner",
	"AIMS Evidence": "evidence_owner",
	"Nonconformity Corrective Action": "action_owner",
}
FLAG = "owner_left"


def erpnext_installed() -> bool:
	return "erpnext" in frappe.get_installed_apps()


def leavers(day=None):
	"""Employees who have left (status Left, or their relieving date has passed) and have a User."""
	employee = frappe.qb.DocType("Employee")
	day = getdate(day or today())
	return (
		frappe.qb.from_(employee)
		.select(employee.name, employee.user_id, employee.employee_name)
		.where(employee.user_id.isnotnull() & (employee.user_id != ""))
		.where((employee.status == "Left") | (employee.relieving_date < day))
	)


def people_details(users: list[str]) -> dict[str, frappe._dict]:
	"""Employee, department and manager (a name) of each User that an Employee is linked to."""
	users = [user for user in set(users) if user]
	if not users or not erpnext_installed():
		return {}
	employee = frappe.qb.DocType("Employee")
	manager = frappe.qb.DocType("Employee").as_("manager")
	rows = (
		frappe.qb.from_(employee)
		.left_join(manager)
		.on(manager.name == employee.reports_to)
		.select(
			employee.user_id,
			employee.name.as_("employee"),
			employee.employee_name,
			employee.department,
			employee.status,
			manager.employee_name.as_("manager"),
		)
		.where(employee.user_id.isin(users))
		.orderby(employee.status == "Left")  # an active Employee record before a closed one
	).run(as_dict=True)
	details = {}
	for row in rows:
		details.setdefault(row.user_id, row)
	return details


def clear_flags_on_reassignment(doc) -> None:
	"""A record, or a Nonconformity's corrective action, given a new owner is no longer waiting for one (the
	daily check flags it again if needed)."""
	if doc.doctype == "Nonconformity":
		clear_row_flags_on_reassignment(doc)
	elif doc.doctype in OWNED_RECORDS and doc.meta.has_field(FLAG):
		if doc.get(FLAG) and doc.has_value_changed(OWNED_RECORDS[doc.doctype]):
			doc.set(FLAG, 0)


def clear_row_flags_on_reassignment(doc) -> None:
	before = doc.get_doc_before_save()
	if not before or not frappe.get_meta("Nonconformity Corrective Action").has_field(FLAG):
		return
	owners_before = {row.name: row.action_owner for row in before.get("corrective_actions") or []}
	for row in doc.get("corrective_actions") or []:
		if row.get(FLAG) and owners_before.get(row.name) != row.action_owner:
			row.set(FLAG, 0)


def flag_records_of_leavers() -> None:
	"""Daily: flag what people who have left own, and give each AIMS Manager one ToDo per leaver listing
	what was newly flagged. A few queries per doctype, whatever the number of people or records."""
	if not erpnext_installed():
		return
	gone = leavers().run(as_dict=True)
	by_user = {row.user_id: row for row in gone}
	newly_flagged = {}
	for doctype, field in OWNED_RECORDS.items():
		table = frappe.qb.DocType(doctype)
		owner = table[field]
		unflag = frappe.qb.update(table).set(table[FLAG], 0).where(table[FLAG] == 1)
		if by_user:
			unflag = unflag.where(owner.notin(list(by_user)))
		unflag.run()
		if not by_user:
			continue
		select = [table.name, owner.as_("owner_user")]
		if doctype == "Nonconformity Corrective Action":
			select += [table.parent, table.idx]
		rows = (
			frappe.qb.from_(table).select(*select).where(owner.isin(list(by_user))).where(table[FLAG] == 0)
		).run(as_dict=True)
		if rows:
			frappe.qb.update(table).set(table[FLAG], 1).where(table.name.isin([r.name for r in rows])).run()
		for row in rows:
			newly_flagged.setdefault(row.owner_user, []).append(record_label(doctype, row))
	managers = aims_managers()
	for user, records in newly_flagged.items():
		if managers:
			ask_managers_to_reassign(by_user[user], records, managers)


def record_label(doctype: str, row) -> str:
	if doctype == "Nonconformity Corrective Action":
		return _("Corrective action {0} of Nonconformity {1}").format(row.idx, row.parent)
	return _("{0} {1}").format(value(doctype), row.name)


def aims_managers() -> list[str]:
	return sorted(get_users_with_role(AIMS_MANAGER))


def ask_managers_to_reassign(leaver, records: list[str], managers: list[str]) -> None:
	intro = _("{0} ({1}) has left. Reassign what they own in the AIMS:").format(
		escape_html(leaver.employee_name or leaver.name), escape_html(leaver.user_id)
	)
	items = "".join(f"<li>{escape_html(label)}</li>" for label in records)
	assign_to.add(
		{
			"assign_to": managers,
			"doctype": "Employee",
			"name": leaver.name,
			"description": f"<p>{intro}</p><ul>{items}</ul>",
		},
		ignore_permissions=True,
	)
