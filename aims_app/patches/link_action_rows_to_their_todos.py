"""Corrective actions became ToDos before their rows kept the link to them. Link each row to the open ToDo
made for it (same nonconformity, owner and text), so that editing, reassigning or completing the row now
updates or ends that ToDo instead of leaving it open beside a new one. (Review decisions always kept it.)"""

import html

import frappe


def execute():
	link("Nonconformity Corrective Action", "Nonconformity", "action_owner", "action")


def link(child: str, parent: str, owner_field: str, text_field: str):
	todos = {
		(todo.reference_name, todo.allocated_to, html.unescape(todo.description or "")): todo.name
		for todo in frappe.get_all(
			"ToDo",
			filters={"reference_type": parent, "status": "Open"},
			fields=["name", "reference_name", "allocated_to", "description"],
		)
	}
	rows = frappe.get_all(
		child,
		filters={"parenttype": parent, "todo": ("is", "not set")},
		fields=["name", "parent", owner_field, text_field],
	)
	for row in rows:
		todo = todos.get((row.parent, row[owner_field], row[text_field] or ""))
		if todo:
			frappe.db.set_value(child, row.name, "todo", todo, update_modified=False)
