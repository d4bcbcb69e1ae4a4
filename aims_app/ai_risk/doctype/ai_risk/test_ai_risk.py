# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.utils import add_days, add_months, getdate, today

from aims_app.ai_risk.doctype.ai_risk.ai_risk import mark_risks_due_for_review
from aims_app.tests import IGNORE_OTHER_APPS_TEST_RECORDS, AimsTestCase, acting_as
from aims_app.tests.history import recorded_changes
from aims_app.tests.scenarios import ai_risk, cv_screening

SYSTEM_OWNER = "cv-owner@example.com"
RISK_OWNER = "risk-owner@example.com"
OTHER_RISK_OWNER = "other-risk-owner@example.com"

globals().update(IGNORE_OTHER_APPS_TEST_RECORDS)


class TestAIRisk(AimsTestCase):
	def setUp(self):
		self.system = cv_screening(SYSTEM_OWNER).system.name

	def count(self):
		return frappe.db.count("AI Risk", {"ai_system": self.system})

	def test_levels_come_from_the_matrix_in_settings(self):
		risk = ai_risk(self.system, RISK_OWNER)
		self.assertEqual((risk.inherent_level, risk.residual_level), ("High", None))
		self.assertTrue(risk.exceeds_appetite)
		risk.update({"residual_likelihood": 2, "residual_impact": 2})
		risk.save()
		self.assertEqual(risk.residual_level, "Medium")
		self.assertFalse(risk.exceeds_appetite)

	def test_scores_outside_the_matrix_are_refused_naming_the_field(self):
		for fields, label in [
			({"likelihood": 6}, "Likelihood: 6 is outside the matrix"),
			({"impact": 8}, "Impact: 8 is outside the matrix"),
			({"impact": 0}, "Impact is required"),
			({"residual_likelihood": 9, "residual_impact": 1}, "Residual Likelihood: 9 is outside"),
		]:
			with self.subTest(fields=fields):
				self.assertRaisesRegex(
					frappe.ValidationError, label, ai_risk, self.system, RISK_OWNER, **fields
				)
		self.assertEqual(self.count(), 0)

	def test_a_half_scored_or_raised_residual_is_refused(self):
		self.assertRaisesRegex(
			frappe.ValidationError,
			"Give both Residual Likelihood and Residual Impact",
			ai_risk,
			self.system,
			RISK_OWNER,
			residual_likelihood=2,
		)
		self.assertRaisesRegex(
			frappe.ValidationError,
			"controls cannot raise a risk",
			ai_risk,
			self.system,
			RISK_OWNER,
			residual_likelihood=5,
			residual_impact=5,
		)
		self.assertEqual(self.count(), 0)

	def test_risk_source_and_objectives_must_come_from_annex_c(self):
		self.assertRaisesRegex(
			frappe.ValidationError,
			"Risk Source \\(Annex C\\).*not an ISO/IEC 42001 Risk Source",
			ai_risk,
			self.system,
			RISK_OWNER,
			risk_source="ISO-42001-A.6.2.4",
		)
		self.assertRaisesRegex(
			frappe.ValidationError,
			"Row 1: Objective.*not an ISO/IEC 42001 Objective",
			ai_risk,
			self.system,
			RISK_OWNER,
			objectives=[{"objective": "ISO-42001-C.3.1"}],
		)

	def test_a_treatment_row_names_a_control_and_an_excluded_control_cannot_treat(self):
		self.assertRaisesRegex(
			frappe.ValidationError,
			"row 1: choose an Annex A control",
			ai_risk,
			self.system,
			RISK_OWNER,
			controls=[{"how_it_treats": "Somehow"}],
		)
		frappe.db.set_value("Control Implementation", "ISO-42001-A.10.4", {"applicability": "Not applicable"})
		self.assertRaisesRegex(
			frappe.ValidationError,
			"ISO-42001-A.10.4.*marked not applicable",
			ai_risk,
			self.system,
			RISK_OWNER,
			controls=[{"control_implementation": "ISO-42001-A.10.4"}],
		)
		self.assertEqual(self.count(), 0)

	def test_the_review_date_follows_the_interval_in_settings(self):
		risk = ai_risk(self.system, RISK_OWNER)
		self.assertEqual(getdate(risk.review_date), getdate(add_months(today(), 12)))

	def test_accepted_is_reached_only_through_a_risk_acceptance(self):
		self.assertRaisesRegex(
			frappe.ValidationError,
			"submits a Risk Acceptance",
			ai_risk,
			self.system,
			RISK_OWNER,
			status="Accepted",
		)

	def test_the_owner_and_the_system_owner_change_a_risk_and_another_risk_owner_does_not(self):
		with acting_as(RISK_OWNER):
			risk = ai_risk(self.system, RISK_OWNER)
		with acting_as(SYSTEM_OWNER):
			risk.reload()
			risk.treatment_plan = "Re-weight features; quarterly fairness test."
			risk.save()
		with acting_as(OTHER_RISK_OWNER):
			risk.reload()
			self.assertTrue(frappe.has_permission("AI Risk", "read", risk))
			risk.title = "Renamed by someone else"
			self.assertRaises(frappe.PermissionError, risk.save)
			self.assertRaises(frappe.PermissionError, ai_risk, self.system, RISK_OWNER)
		self.assertEqual(
			frappe.db.get_value("AI Risk", risk.name, "title"), "Ranking disadvantages older applicants"
		)

	def test_the_daily_job_marks_risks_past_their_review_date(self):
		risk = ai_risk(self.system, RISK_OWNER, review_date=add_days(today(), 5))
		frappe.db.set_value("AI Risk", risk.name, "review_date", add_days(today(), -1))
		mark_risks_due_for_review()
		self.assertEqual(frappe.db.get_value("AI Risk", risk.name, "status"), "Review due")
		self.assertIn(
			("status", "Open", "Review due", "Administrator"), recorded_changes("AI Risk", risk.name)
		)
