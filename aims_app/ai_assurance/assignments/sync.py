"""A document's action rows as Frappe assignments (frappe.desk.form.assign_to): the owner finds the ToDo in
their list and is notified, the record's "Assigned To" sidebar shows them, and each row links its ToDo."""

import html

import frappe
from frappe.desk.form import assign_to
from frappe.model.document import Document
from frappe.utils import escape_html, getdate

from aims_app.ai_assurance.assignments.rules import Assignment, Task, Wanted, plan_assignments


def task(row: Document, owner: str | None, text: str, due=None, done: bool = False) -> Task:
	return Task(row.name, owner, text or "", getdate(due) if due else None, done)


def sync_assignments(doc: Document, table: str, tasks: list[Task]):
	"""Make the open ToDos on `doc` match `tasks`, which are rows of its child table `table` (each row has a
	`todo` link); with no tasks, the document's own ToDos are cancelled."""
	plan = plan_assignments(tasks, open_assignments(doc, table))
	for wanted in plan.add:
		assign_to.add(
			{
				"assign_to": [wanted.owner],
				"doctype": doc.doctype,
				"name": doc.name,
				"description": wanted.description,
				"date": wanted.due,
			},
			ignore_permissions=True,
		)
	for todo, wanted in plan.update:
		update_todo(todo, wanted)
	for assignment, status in [(a, "Closed") for a in plan.close] + [(a, "Cancelled") for a in plan.cancel]:
		assign_to.set_status(
			doc.doctype,
			doc.name,
			todo=assignment.todo,
			assign_to=assignment.owner,
			status=status,
			ignore_permissions=True,
		)
	link_rows(doc, table, tasks)


def open_assignments(doc: Document, table: str) -> list[Assignment]:
	linked = linked_todos(doc, table)
	return [
		Assignment(
			todo.name,
			todo.allocated_to,
			html.unescape(todo.description or ""),
			getdate(todo.date) if todo.date else None,
			todo.name in linked,
		)
		for todo in todos_open_on(doc)
		if todo.allocated_to
	]


def linked_todos(doc: Document, table: str) -> set[str]:
	"""The ToDos the rows link, including rows removed in this save: those still name the ToDo that has to go."""
	before = doc.get_doc_before_save()
	rows = [*doc.get(table), *(before.get(table) if before else [])]
	return {row.todo for row in rows if row.todo}


def todos_open_on(doc: Document) -> list[dict]:
	return frappe.get_all(
		"ToDo",
		filters={"reference_type": doc.doctype, "reference_name": doc.name, "status": "Open"},
		fields=["name", "allocated_to", "description", "date"],
		order_by="creation",
	)


def update_todo(name: str, wanted: Wanted):
	todo = frappe.get_doc("ToDo", name)
	todo.description = escape_html(wanted.description)
	todo.date = wanted.due
	todo.save(ignore_permissions=True)


def link_rows(doc: Document, table: str, tasks: list[Task]):
	"""A row not done links its owner's open ToDo (the one rows linked already, if the owner has two); a done
	row keeps the one it had; a row of no one links none."""
	linked = linked_todos(doc, table)
	open_by_owner = {}
	for todo in sorted(todos_open_on(doc), key=lambda todo: todo.name not in linked):
		open_by_owner.setdefault(todo.allocated_to, todo.name)
	by_row = {t.row: t for t in tasks}
	for row in doc.get(table):
		current = by_row.get(row.name)
		if current is None or current.done:
			continue
		todo = open_by_owner.get(current.owner) if current.owner else None
		if row.todo != todo:
			row.todo = todo
			frappe.db.set_value(row.doctype, row.name, "todo", todo, update_modified=False)
