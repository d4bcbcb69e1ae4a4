# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.workflow import (
	WorkflowPermissionError,
	WorkflowTransitionError,
	apply_workflow,
	get_transitions,
)
from frappe.utils import add_days, add_months, getdate, today

from aims_app.ai_governance.doctype.ai_policy.ai_policy import get_published_policy
from aims_app.tests import AimsTestCase, acting_as
from aims_app.tests.history import recorded_changes

MANAGER = "policy-manager@example.com"
APPROVER = "policy-approver@example.com"
VIEWER = "policy-viewer@example.com"

COMMITMENTS = (
	("Meet applicable requirements", "We meet the legal, contractual and customer requirements on our AI."),
	("Continual improvement of the AIMS", "We keep improving the AI management system."),
	("Responsible AI principle", "A person can always contest a decision an AI system helped to make."),
)


class TestAIPolicy(AimsTestCase):
	def draft(self, commitments=COMMITMENTS):
		with acting_as(MANAGER):
			return frappe.get_doc(
				{
					"doctype": "AI Policy",
					"title": "AI Policy",
					"policy_owner": MANAGER,
					"effective_date": today(),
					"policy_statement": "<p>We use AI to help people decide, never to decide for them.</p>",
					"commitments": [{"kind": kind, "text": text} for kind, text in commitments],
					"related_policies": [
						{
							"policy_name": "Information Security Policy",
							"area": "Information security",
							"reference": "ISMS-POL-01",
							"relation": "AI systems follow its access and logging rules.",
						}
					],
				}
			).insert()

	def move(self, policy, user, *actions):
		with acting_as(user):
			for action in actions:
				policy = apply_workflow(policy, action)
		return policy

	def publish(self, policy):
		policy = self.move(policy, MANAGER, "Submit for Review")
		policy = self.move(policy, APPROVER, "Approve")
		return self.move(policy, MANAGER, "Publish")

	def new_version(self, policy, **fields):
		"""What the form's New Version button opens: a copy without the approval, naming its predecessor."""
		draft = frappe.copy_doc(policy, ignore_no_copy=False)
		draft.update({"docstatus": 0, "previous_version": policy.name, **fields})
		return draft

	def actions(self, policy, user):
		with acting_as(user):
			return sorted({t.action for t in get_transitions(policy)})

	def test_manager_drafts_approver_approves_manager_publishes(self):
		policy = self.draft()
		self.assertEqual((policy.status, policy.workflow_state, policy.version), ("Draft", "Draft", 1))
		months = frappe.db.get_single_value("AIMS Settings", "policy_review_months")
		self.assertEqual(getdate(policy.review_date), getdate(add_months(today(), months)))

		policy = self.move(policy, MANAGER, "Submit for Review")
		self.assertEqual((policy.status, policy.docstatus), ("In Review", 0))
		self.assertEqual(self.actions(policy, APPROVER), ["Approve", "Reject"])

		policy = self.move(policy, APPROVER, "Approve")
		self.assertEqual((policy.status, policy.docstatus, policy.approved_by), ("Approved", 1, APPROVER))
		self.assertTrue(policy.approved_on)
		self.assertIsNone(policy.published_on)

		policy = self.move(policy, MANAGER, "Publish")
		self.assertEqual((policy.status, policy.workflow_state), ("Published", "Published"))
		self.assertTrue(policy.published_on)
		with acting_as(VIEWER):
			self.assertEqual(get_published_policy().name, policy.name)

	def test_a_review_that_changes_nothing_moves_the_review_date_of_the_published_policy(self):
		policy = self.publish(self.draft())
		with acting_as(MANAGER):
			policy.review_date = add_months(today(), 24)
			policy.save()
			policy.review_date = add_days(today(), -1)
			self.assertRaisesRegex(frappe.ValidationError, "cannot be before Effective Date", policy.save)
		self.assertEqual(
			frappe.db.get_value("AI Policy", policy.name, ["status", "review_date"]),
			("Published", getdate(add_months(today(), 24))),
		)

	def test_the_approver_can_send_a_draft_back(self):
		policy = self.move(self.draft(), MANAGER, "Submit for Review")
		policy = self.move(policy, APPROVER, "Reject")
		self.assertEqual((policy.status, policy.docstatus, policy.approved_by), ("Draft", 0, None))

	def test_a_new_version_supersedes_the_published_one_which_stays_readable(self):
		first = self.publish(self.draft())
		with acting_as(MANAGER):
			second = self.new_version(first, effective_date=add_days(today(), 1)).insert()
		self.assertEqual((second.version, second.status, second.previous_version), (2, "Draft", first.name))
		self.assertEqual(len(second.commitments), len(COMMITMENTS))
		with acting_as(VIEWER):
			self.assertEqual(get_published_policy().name, first.name)

		second = self.publish(second)
		self.assertEqual(
			frappe.db.get_value("AI Policy", first.name, ["status", "workflow_state"]),
			("Superseded", "Superseded"),
		)
		self.assertIn(
			("status", "Published", "Superseded", MANAGER), recorded_changes("AI Policy", first.name)
		)
		with acting_as(VIEWER):
			self.assertEqual(get_published_policy().name, second.name)
			old = frappe.get_doc("AI Policy", first.name)
			self.assertEqual((old.docstatus, old.version, old.approved_by), (1, 1, APPROVER))
			self.assertEqual(len(old.commitments), len(COMMITMENTS))

		with acting_as(MANAGER):
			third = self.new_version(first, effective_date=today())
			self.assertRaisesRegex(frappe.ValidationError, "already has a newer version", third.insert)

	def test_a_new_version_follows_only_an_approved_policy(self):
		draft = self.draft()
		with acting_as(MANAGER):
			follower = self.new_version(draft, effective_date=today())
			self.assertRaisesRegex(
				frappe.ValidationError,
				f"follows an approved policy; .*{draft.name}.* is Draft",
				follower.insert,
			)
		self.assertFalse(frappe.db.exists("AI Policy", {"previous_version": draft.name}))

	def test_a_withdrawn_version_amended_keeps_its_number_and_its_predecessor(self):
		first = self.publish(self.draft())
		with acting_as(MANAGER):
			second = self.new_version(first, effective_date=today()).insert()
		second = self.move(self.move(second, MANAGER, "Submit for Review"), APPROVER, "Approve")
		second = self.move(second, MANAGER, "Cancel")
		with acting_as(MANAGER):
			corrected = frappe.copy_doc(second, ignore_no_copy=False)
			corrected.update({"docstatus": 0, "amended_from": second.name, "effective_date": today()})
			corrected.insert()
		self.assertEqual((corrected.version, corrected.previous_version), (2, first.name))

	def test_migrating_moves_a_version_named_in_amended_from_to_previous_version(self):
		from aims_app.patches import policy_versions_name_their_previous_version as patch

		first = self.publish(self.draft())
		with acting_as(MANAGER):
			second = self.new_version(first, effective_date=today()).insert()
		frappe.db.set_value(
			"AI Policy", second.name, {"previous_version": None, "amended_from": first.name}
		)  # as versions were stored before previous_version
		patch.execute()
		self.assertEqual(
			frappe.db.get_value("AI Policy", second.name, ["previous_version", "amended_from"]),
			(first.name, None),
		)

	def test_a_withdrawn_policy_is_cancelled_and_no_longer_in_force(self):
		policy = self.move(self.publish(self.draft()), MANAGER, "Cancel")
		self.assertEqual(
			(policy.docstatus, policy.status, policy.workflow_state), (2, "Cancelled", "Cancelled")
		)
		with acting_as(VIEWER):
			self.assertIsNone(get_published_policy())

	def test_a_manager_cannot_approve(self):
		policy = self.move(self.draft(), MANAGER, "Submit for Review")
		self.assertEqual(self.actions(policy, MANAGER), [])
		with acting_as(MANAGER):
			self.assertRaises(WorkflowTransitionError, apply_workflow, policy, "Approve")
			policy.reload()
			self.assertRaisesRegex(
				WorkflowPermissionError, "use the workflow's actions to sign", policy.submit
			)
		self.assertEqual(
			frappe.db.get_value("AI Policy", policy.name, ["docstatus", "status", "approved_by"]),
			(0, "In Review", None),
		)

	def test_a_viewer_cannot_act_on_the_policy(self):
		policy = self.draft()
		self.assertEqual(self.actions(policy, VIEWER), [])
		with acting_as(VIEWER):
			self.assertRaises(WorkflowTransitionError, apply_workflow, policy, "Submit for Review")
			policy.reload()
			policy.title = "Renamed by a viewer"
			self.assertRaises(frappe.PermissionError, policy.save)
		self.assertEqual(
			frappe.db.get_value("AI Policy", policy.name, ["title", "status"]), ("AI Policy", "Draft")
		)

	def test_a_policy_without_the_required_commitments_goes_nowhere(self):
		policy = self.draft(commitments=COMMITMENTS[:1])
		with acting_as(MANAGER):
			self.assertRaisesRegex(
				frappe.ValidationError,
				"Continual improvement of the AIMS",
				apply_workflow,
				policy,
				"Submit for Review",
			)
		with acting_as(APPROVER):
			policy.reload()
			self.assertRaisesRegex(frappe.ValidationError, "clause 5.2", policy.submit)
		self.assertEqual(
			frappe.db.get_value("AI Policy", policy.name, ["docstatus", "status", "workflow_state"]),
			(0, "Draft", "Draft"),
		)
		with acting_as(VIEWER):
			self.assertIsNone(get_published_policy())

	def test_an_approver_cannot_sign_a_policy_that_skipped_review(self):
		policy = self.draft()
		with acting_as(APPROVER):
			self.assertRaises(frappe.ValidationError, frappe.get_doc("AI Policy", policy.name).submit)
		self.assertEqual(
			frappe.db.get_value("AI Policy", policy.name, ["docstatus", "workflow_state"]), (0, "Draft")
		)
