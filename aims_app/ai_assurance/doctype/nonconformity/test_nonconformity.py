# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, today

from aims_app.ai_assurance.doctype.nonconformity.nonconformity import mark_overdue_actions
from aims_app.tests import AimsTestCase, acting_as, make_user
from aims_app.tests.history import recorded_changes, recorded_row_changes

OWNER = "nc-owner@example.com"
FIXER = "fixer@example.com"
AUDITOR = "auditor@example.com"


def raise_nonconformity(**fields):
	return frappe.get_doc(
		{
			"doctype": "Nonconformity",
			"title": "Supplier update deployed without a bias test",
			"grade": "Minor",
			"source": "Monitoring",
			"requirement": "ISO-42001-8.4",
			"nc_owner": OWNER,
			"description": "Version 3.3 went live before the quarterly selection-rate test.",
			**fields,
		}
	).insert()


def walk_to_verification(nonconformity, user=OWNER):
	with acting_as(user):
		nonconformity.correction = "Rolled back to 3.2."
		nonconformity.save()
		apply_workflow(nonconformity, "Record Correction")
		nonconformity.reload()
		nonconformity.root_cause = "The release checklist had no bias test step."
		nonconformity.save()
		apply_workflow(nonconformity, "Analyse Root Cause")
		nonconformity.reload()
		nonconformity.append(
			"corrective_actions",
			{
				"action": "Add the bias test to the release checklist",
				"action_owner": FIXER,
				"due_date": add_days(today(), 10),
			},
		)
		nonconformity.save()
		apply_workflow(nonconformity, "Plan Actions")
		nonconformity.reload()
		nonconformity.corrective_actions[0].completed_on = today()
		nonconformity.save()
		return apply_workflow(nonconformity, "Request Verification")


class TestNonconformity(AimsTestCase):
	def test_a_corrective_action_is_a_todo_for_its_owner_until_done(self):
		nonconformity = raise_nonconformity(
			corrective_actions=[
				{"action": "Retrain recruiters", "action_owner": FIXER, "due_date": add_days(today(), 5)}
			]
		)
		todo = {
			"reference_type": "Nonconformity",
			"reference_name": nonconformity.name,
			"allocated_to": FIXER,
		}
		self.assertEqual(frappe.db.get_value("ToDo", todo, "status"), "Open")
		nonconformity.corrective_actions[0].completed_on = today()
		nonconformity.save()
		self.assertEqual(frappe.db.get_value("ToDo", todo, "status"), "Closed")

	def test_overdue_actions_show_as_such(self):
		nonconformity = raise_nonconformity(
			corrective_actions=[
				{"action": "Retrain recruiters", "action_owner": FIXER, "due_date": add_days(today(), 5)}
			]
		)
		frappe.db.set_value(
			"Nonconformity Corrective Action",
			nonconformity.corrective_actions[0].name,
			"due_date",
			add_days(today(), -1),
		)
		mark_overdue_actions()
		nonconformity.reload()
		self.assertEqual(nonconformity.corrective_actions[0].action_status, "Overdue")
		self.assertTrue(nonconformity.has_overdue_actions)
		self.assertIn(
			("has_overdue_actions", 0, 1, "Administrator"),
			recorded_changes("Nonconformity", nonconformity.name),
		)
		self.assertIn(
			(
				"corrective_actions",
				nonconformity.corrective_actions[0].name,
				"action_status",
				"Open",
				"Overdue",
				"Administrator",
			),
			recorded_row_changes("Nonconformity", nonconformity.name),
		)

	def test_the_full_lifecycle_closes_only_after_an_effective_check_by_someone_else(self):
		nonconformity = walk_to_verification(raise_nonconformity())
		self.assertEqual(nonconformity.workflow_state, "Verification")
		with acting_as(AUDITOR):
			nonconformity.reload()
			nonconformity.update(
				{"effectiveness_result": "Effective", "verified_by": FIXER, "verified_on": today()}
			)
			nonconformity.save()
			self.assertRaisesRegex(
				frappe.ValidationError, "someone other than the owner", apply_workflow, nonconformity, "Close"
			)
			nonconformity.reload()
			nonconformity.verified_by = AUDITOR
			nonconformity.save()
			nonconformity = apply_workflow(nonconformity, "Close")
		self.assertEqual(nonconformity.workflow_state, "Closed")

	def test_only_its_owner_action_owners_and_auditors_change_it(self):
		make_user("bystander@example.com", ["AI System Owner"])
		nonconformity = raise_nonconformity(
			corrective_actions=[
				{"action": "Retrain recruiters", "action_owner": FIXER, "due_date": add_days(today(), 5)}
			]
		)
		for user in (OWNER, FIXER, AUDITOR):
			with self.subTest(user=user), acting_as(user):
				self.assertTrue(frappe.has_permission("Nonconformity", "write", nonconformity))
		with acting_as("bystander@example.com"):
			nonconformity.reload()
			nonconformity.description = "Changed by someone uninvolved"
			self.assertRaises(frappe.PermissionError, nonconformity.save)

	def test_a_stage_whose_record_is_not_ready_is_refused(self):
		nonconformity = raise_nonconformity()
		with acting_as(OWNER):
			apply_workflow(nonconformity, "Record Correction")
			nonconformity.reload()
			self.assertRaisesRegex(
				frappe.ValidationError,
				"Record the correction",
				apply_workflow,
				nonconformity,
				"Analyse Root Cause",
			)
		self.assertEqual(
			frappe.db.get_value("Nonconformity", nonconformity.name, "workflow_state"), "Correction"
		)
