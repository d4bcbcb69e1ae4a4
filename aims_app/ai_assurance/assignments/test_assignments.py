"""Corrective actions and review decisions are Frappe assignments (issue 17): the owner finds the ToDo in their
list and a notification, the record's "Assigned To" sidebar names them, and the ToDo follows the row when its
text or owner changes and closes when it is done."""

import html
import json

import frappe
from frappe.desk.form import assign_to
from frappe.utils import add_days, getdate, today

from aims_app.ai_assurance.doctype.nonconformity.test_nonconformity import raise_nonconformity
from aims_app.tests import AimsTestCase, acting_as
from aims_app.tests.scenarios import management_review

MANAGER = "aims-manager@example.com"
NC_OWNER = "nc-owner@example.com"
FIXER = "fixer@example.com"
OTHER_FIXER = "other-fixer@example.com"
APPROVER = "approver@example.com"


def sidebar(doctype: str, name: str) -> list[str]:
	"""Who the form's "Assigned To" sidebar shows."""
	return json.loads(frappe.db.get_value(doctype, name, "_assign") or "[]")


def notifications(user: str, doctype: str, name: str) -> list[str]:
	return frappe.get_all(
		"Notification Log",
		filters={"for_user": user, "type": "Assignment", "document_type": doctype, "document_name": name},
		pluck="subject",
		order_by="creation",
	)


def open_todos(doctype: str, name: str) -> list[frappe._dict]:
	"""The open ToDos on the record, their description as the ToDo shows it (the field holds HTML)."""
	todos = frappe.get_all(
		"ToDo",
		filters={"reference_type": doctype, "reference_name": name, "status": "Open"},
		fields=["name", "allocated_to", "description", "date"],
	)
	return [todo.update(description=html.unescape(todo.description)) for todo in todos]


class TestAssignments(AimsTestCase):
	def nonconformity(self, *actions):
		with acting_as(MANAGER):
			return raise_nonconformity(corrective_actions=list(actions))

	def save_as_manager(self, nonconformity):
		with acting_as(MANAGER):
			nonconformity.save()
		nonconformity.reload()

	def test_the_owner_of_an_action_is_in_the_sidebar_and_notified(self):
		nc = self.nonconformity(
			{"action": "Retrain recruiters", "action_owner": FIXER, "due_date": add_days(today(), 5)}
		)
		self.assertEqual(sidebar("Nonconformity", nc.name), [FIXER])
		self.assertEqual(len(notifications(FIXER, "Nonconformity", nc.name)), 1)
		[todo] = open_todos("Nonconformity", nc.name)
		self.assertEqual((todo.allocated_to, todo.description), (FIXER, "Retrain recruiters"))
		self.assertEqual(getdate(todo.date), getdate(add_days(today(), 5)))
		self.assertEqual(frappe.db.get_value("ToDo", todo.name, "assigned_by"), MANAGER)
		nc.reload()
		self.assertEqual(nc.corrective_actions[0].todo, todo.name)

	def test_an_edited_action_updates_its_todo_instead_of_adding_one(self):
		nc = self.nonconformity(
			{"action": "Retrain recruiters", "action_owner": FIXER, "due_date": add_days(today(), 5)}
		)
		[before] = open_todos("Nonconformity", nc.name)
		nc.corrective_actions[0].action = "Retrain every recruiter on the ranking's limits"
		nc.corrective_actions[0].due_date = add_days(today(), 9)
		self.save_as_manager(nc)
		[after] = open_todos("Nonconformity", nc.name)
		self.assertEqual(after.name, before.name)
		self.assertEqual(after.description, "Retrain every recruiter on the ranking's limits")
		self.assertEqual(getdate(after.date), getdate(add_days(today(), 9)))
		self.assertEqual(len(notifications(FIXER, "Nonconformity", nc.name)), 1, "no second assignment")

	def test_an_action_given_to_someone_else_moves_the_assignment(self):
		nc = self.nonconformity(
			{"action": "Retrain recruiters", "action_owner": FIXER, "due_date": add_days(today(), 5)}
		)
		[old] = open_todos("Nonconformity", nc.name)
		nc.corrective_actions[0].action_owner = OTHER_FIXER
		self.save_as_manager(nc)
		self.assertEqual(frappe.db.get_value("ToDo", old.name, "status"), "Cancelled")
		[new] = open_todos("Nonconformity", nc.name)
		self.assertEqual((new.allocated_to, new.description), (OTHER_FIXER, "Retrain recruiters"))
		self.assertEqual(nc.corrective_actions[0].todo, new.name)
		self.assertEqual(sidebar("Nonconformity", nc.name), [OTHER_FIXER])
		self.assertEqual(len(notifications(OTHER_FIXER, "Nonconformity", nc.name)), 1)
		self.assertEqual(len(notifications(FIXER, "Nonconformity", nc.name)), 2, "told of the removal too")

	def test_a_removed_action_ends_its_assignment(self):
		nc = self.nonconformity(
			{"action": "Retrain recruiters", "action_owner": FIXER, "due_date": add_days(today(), 5)}
		)
		[old] = open_todos("Nonconformity", nc.name)
		nc.corrective_actions = []
		self.save_as_manager(nc)
		self.assertEqual(frappe.db.get_value("ToDo", old.name, "status"), "Cancelled")
		self.assertEqual(sidebar("Nonconformity", nc.name), [])

	def test_two_actions_of_one_owner_are_one_assignment_closed_when_both_are_done(self):
		nc = self.nonconformity(
			{"action": "Retrain recruiters", "action_owner": FIXER, "due_date": add_days(today(), 9)},
			{"action": "Add the bias test", "action_owner": FIXER, "due_date": add_days(today(), 5)},
		)
		[todo] = open_todos("Nonconformity", nc.name)
		self.assertEqual(todo.description, "Retrain recruiters\nAdd the bias test")
		self.assertEqual(getdate(todo.date), getdate(add_days(today(), 5)))
		self.assertEqual([row.todo for row in nc.corrective_actions], [todo.name, todo.name])

		nc.corrective_actions[1].completed_on = today()
		self.save_as_manager(nc)
		[still] = open_todos("Nonconformity", nc.name)
		self.assertEqual((still.name, still.description), (todo.name, "Retrain recruiters"))
		self.assertEqual(sidebar("Nonconformity", nc.name), [FIXER])

		nc.corrective_actions[0].completed_on = today()
		self.save_as_manager(nc)
		self.assertEqual(frappe.db.get_value("ToDo", todo.name, "status"), "Closed")
		self.assertEqual(open_todos("Nonconformity", nc.name), [])
		self.assertEqual(sidebar("Nonconformity", nc.name), [])

	def test_an_assignment_made_by_hand_stays(self):
		nc = self.nonconformity()
		with acting_as(MANAGER):
			assign_to.add({"assign_to": [OTHER_FIXER], "doctype": "Nonconformity", "name": nc.name})
		nc.append(
			"corrective_actions",
			{"action": "Retrain recruiters", "action_owner": FIXER, "due_date": add_days(today(), 5)},
		)
		self.save_as_manager(nc)
		self.assertEqual(sorted(sidebar("Nonconformity", nc.name)), [FIXER, OTHER_FIXER])

	def test_review_decisions_are_assigned_on_submit_and_withdrawn_on_cancel(self):
		with acting_as(MANAGER):
			review = management_review(
				APPROVER,
				[APPROVER],
				decisions=[
					{
						"decision": "Extend the bias test",
						"action_owner": FIXER,
						"due_date": add_days(today(), 60),
					},
					{
						"decision": "Budget an audit tool",
						"action_owner": FIXER,
						"due_date": add_days(today(), 30),
					},
					{
						"decision": "Hire an assessor",
						"action_owner": OTHER_FIXER,
						"due_date": add_days(today(), 90),
					},
					{"decision": "Keep the scope as it is"},
				],
			)
		with acting_as(APPROVER):
			review.submit()
		self.assertEqual(sorted(sidebar("Management Review", review.name)), [FIXER, OTHER_FIXER])
		for user in (FIXER, OTHER_FIXER):
			self.assertEqual(len(notifications(user, "Management Review", review.name)), 1, user)
		todos = {todo.allocated_to: todo for todo in open_todos("Management Review", review.name)}
		self.assertEqual(todos[FIXER].description, "Extend the bias test\nBudget an audit tool")
		review.reload()
		self.assertEqual(
			[row.todo for row in review.decisions],
			[todos[FIXER].name, todos[FIXER].name, todos[OTHER_FIXER].name, None],
		)

		review.cancel()
		self.assertEqual(open_todos("Management Review", review.name), [])
		self.assertEqual(sidebar("Management Review", review.name), [])
