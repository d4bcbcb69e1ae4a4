# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import json

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow, get_transitions
from frappe.utils import add_days, add_months, today

from aims_app.ai_risk.doctype.risk_acceptance.risk_acceptance import expire_acceptances
from aims_app.tests import AimsTestCase, acting_as, make_user
from aims_app.tests.history import recorded_changes
from aims_app.tests.scenarios import ai_risk, cv_screening

RISK_OWNER = "risk-owner@example.com"
OTHER_RISK_OWNER = "other-risk-owner@example.com"
APPROVER = "approver@example.com"
MANAGER = "aims-manager@example.com"


class TestRiskAcceptance(AimsTestCase):
	def setUp(self):
		self.system = cv_screening(make_user("cv-owner@example.com", ["AI System Owner"])).system.name

	def risk(self, residual_likelihood, residual_impact):
		return ai_risk(
			self.system, RISK_OWNER, residual_likelihood=residual_likelihood, residual_impact=residual_impact
		)

	def draft(self, risk, **fields):
		with acting_as(RISK_OWNER):
			return frappe.get_doc(
				{
					"doctype": "Risk Acceptance",
					"ai_risk": risk.name,
					"expires_on": add_months(today(), 6),
					"conditions": "Quarterly fairness test passes; recruiters keep reviewing every ranking.",
					**fields,
				}
			).insert()

	def actions(self, acceptance, user):
		with acting_as(user):
			return sorted({t.action for t in get_transitions(acceptance)})

	def test_the_owner_accepts_a_risk_within_appetite_and_the_decision_is_recorded(self):
		risk = self.risk(2, 2)  # Medium: the appetite itself
		acceptance = self.draft(risk)
		self.assertFalse(acceptance.needs_approver)
		with acting_as(RISK_OWNER):
			acceptance = apply_workflow(acceptance, "Accept")
		self.assertEqual((acceptance.docstatus, acceptance.workflow_state), (1, "Accepted"))
		self.assertEqual(acceptance.accepted_by, RISK_OWNER)
		self.assertEqual((acceptance.residual_level, acceptance.risk_appetite), ("Medium", "Medium"))
		self.assertEqual(json.loads(acceptance.risk_snapshot)["title"], risk.title)
		risk.reload()
		self.assertEqual(risk.status, "Accepted")
		self.assertIn(("status", "Open", "Accepted", RISK_OWNER), recorded_changes("AI Risk", risk.name))
		self.assertEqual(str(risk.accepted_until), str(acceptance.expires_on))

	def test_above_appetite_only_an_approver_can_accept(self):
		risk = self.risk(3, 3)  # High
		acceptance = self.draft(risk)
		self.assertTrue(acceptance.needs_approver)
		self.assertEqual(self.actions(acceptance, RISK_OWNER), ["Request Approval"])
		with acting_as(RISK_OWNER):
			self.assertRaises(WorkflowTransitionError, apply_workflow, acceptance, "Accept")
			self.assertRaisesRegex(frappe.PermissionError, "only an AIMS Approver", acceptance.submit)
		self.assertEqual(frappe.db.get_value("Risk Acceptance", acceptance.name, "docstatus"), 0)
		self.assertEqual(frappe.db.get_value("AI Risk", risk.name, "status"), "Open")

		with acting_as(RISK_OWNER):
			acceptance = apply_workflow(acceptance, "Request Approval")
		self.assertEqual(acceptance.workflow_state, "Awaiting Approval")
		with acting_as(APPROVER):
			acceptance = apply_workflow(acceptance, "Approve")
		self.assertEqual((acceptance.docstatus, acceptance.accepted_by), (1, APPROVER))
		self.assertEqual(frappe.db.get_value("AI Risk", risk.name, "status"), "Accepted")

	def test_whoever_asked_for_the_approval_cannot_give_it_not_even_administrator(self):
		"""One rule for separation of duties on every approval, as on stage reviews: Administrator holds every role,
		and a risk owner may be an approver too; neither approves what they sent for approval."""
		both = make_user("owner-and-approver@example.com", ["AI Risk Owner", "AIMS Approver"])
		for requester in ("Administrator", both):
			risk = ai_risk(self.system, requester, residual_likelihood=3, residual_impact=3)  # High
			acceptance = frappe.get_doc(
				{
					"doctype": "Risk Acceptance",
					"ai_risk": risk.name,
					"expires_on": add_months(today(), 6),
					"conditions": "Monthly selection-rate report to the COO.",
				}
			).insert()  # drafted by Administrator: whoever sends it for approval is the requester
			with acting_as(requester):
				acceptance = apply_workflow(acceptance, "Request Approval")
				self.assertEqual(acceptance.requested_by, requester)
				self.assertRaisesRegex(
					frappe.PermissionError,
					"You asked for this: someone else must approve it",
					apply_workflow,
					frappe.get_doc("Risk Acceptance", acceptance.name),
					"Approve",
				)
			self.assertEqual(
				frappe.db.get_value("Risk Acceptance", acceptance.name, ["workflow_state", "docstatus"]),
				("Awaiting Approval", 0),
			)
			with acting_as(APPROVER):
				acceptance = apply_workflow(frappe.get_doc("Risk Acceptance", acceptance.name), "Approve")
			self.assertEqual((acceptance.docstatus, acceptance.accepted_by), (1, APPROVER))

	def test_the_form_shows_the_risk_as_it_stood_as_a_table(self):
		risk = self.risk(3, 3)
		acceptance = self.draft(risk)
		self.assertTrue(acceptance.meta.get_field("risk_snapshot").hidden, "the stored JSON is not shown")
		with acting_as(RISK_OWNER):
			acceptance = frappe.get_doc("Risk Acceptance", acceptance.name)
			acceptance.run_method("onload")
		shown = {row["label"]: row["value"] for row in acceptance.get_onload().risk_snapshot}
		self.assertEqual(shown["Risk"], risk.title)
		self.assertEqual(shown["Residual Level"], "High")
		self.assertEqual(shown["Above Risk Appetite"], "Yes")
		self.assertNotIn("modified", json.dumps(acceptance.get_onload().risk_snapshot))

	def test_someone_who_is_neither_owner_nor_approver_cannot_accept(self):
		acceptance = self.draft(self.risk(1, 2))
		with acting_as(OTHER_RISK_OWNER):
			self.assertRaises(frappe.PermissionError, acceptance.submit)
		with acting_as(MANAGER):  # runs the AIMS, but accepting risk is not the manager's decision
			acceptance.reload()
			self.assertRaises(frappe.PermissionError, acceptance.submit)
		self.assertEqual(frappe.db.get_value("Risk Acceptance", acceptance.name, "docstatus"), 0)

	def test_an_unassessed_residual_or_a_past_expiry_is_refused(self):
		risk = ai_risk(self.system, RISK_OWNER)
		acceptance = self.draft(risk)
		with acting_as(RISK_OWNER):
			self.assertRaisesRegex(frappe.ValidationError, "no residual level yet", acceptance.submit)
		self.assertRaisesRegex(
			frappe.ValidationError,
			"Expires On must be after today",
			self.draft,
			self.risk(1, 1),
			expires_on=today(),
		)

	def test_an_expired_acceptance_puts_the_risk_back_to_review(self):
		risk = self.risk(1, 2)
		acceptance = self.draft(risk)
		with acting_as(RISK_OWNER):
			apply_workflow(acceptance, "Accept")
		frappe.db.set_value("Risk Acceptance", acceptance.name, "expires_on", add_days(today(), -1))
		expire_acceptances()
		self.assertEqual(frappe.db.get_value("Risk Acceptance", acceptance.name, "expired"), 1)
		self.assertEqual(frappe.db.get_value("AI Risk", risk.name, "status"), "Review due")
		self.assertIn(
			("expired", 0, 1, "Administrator"), recorded_changes("Risk Acceptance", acceptance.name)
		)
		self.assertIn(
			("status", "Accepted", "Review due", "Administrator"), recorded_changes("AI Risk", risk.name)
		)

	def test_a_new_residual_level_reopens_an_accepted_risk(self):
		risk = self.risk(1, 2)
		with acting_as(RISK_OWNER):
			apply_workflow(self.draft(risk), "Accept")
			risk.reload()
			risk.update({"residual_likelihood": 2, "residual_impact": 2})
			risk.save()
		self.assertEqual((risk.status, risk.accepted_until), ("Review due", None))

	def test_cancelling_the_acceptance_sends_the_risk_back_to_review(self):
		risk = self.risk(1, 2)
		with acting_as(RISK_OWNER):
			acceptance = apply_workflow(self.draft(risk), "Accept")
		with acting_as(APPROVER):
			apply_workflow(acceptance, "Cancel")
		self.assertEqual(frappe.db.get_value("AI Risk", risk.name, "status"), "Review due")
		self.assertIn(("status", "Accepted", "Review due", APPROVER), recorded_changes("AI Risk", risk.name))
