# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe

from aims_app.ai_risk.doctype.ai_impact_assessment.impact_rules import IMPACT_AREAS
from aims_app.tests import AimsTestCase, acting_as
from aims_app.tests.history import recorded_changes
from aims_app.tests.scenarios import cv_screening

OWNER = "cv-owner@example.com"
OTHER_OWNER = "other-owner@example.com"


def assess_every_area(assessment):
	for row in assessment.impacts:
		row.update(
			{
				"impact_description": f"{row.area}: outcomes of ranking could differ between groups.",
				"severity": 3,
				"likelihood": 2,
				"mitigations": "Quarterly selection-rate comparison; recruiter reviews every ranking.",
			}
		)


def complete_fria(assessment):
	assessment.update(
		{
			"fria_process": "Shortlisting for all open positions.",
			"fria_period_frequency": "Continuously, about 4,000 applications a year.",
			"fria_affected_categories": "Job applicants, including older and disabled applicants.",
			"fria_specific_risks": "Indirect discrimination by age or disability.",
			"fria_human_oversight": "A recruiter reviews every ranking before any decision.",
			"fria_measures": "Complaints to HR within 30 days; suspension of the ranking on a confirmed bias.",
			"conclusion": "Acceptable with conditions",
		}
	)


class TestAIImpactAssessment(AimsTestCase):
	def setUp(self):
		self.system = cv_screening(OWNER).system

	def new_assessment(self):
		with acting_as(OWNER):
			return frappe.get_doc({"doctype": "AI Impact Assessment", "ai_system": self.system.name}).insert()

	def test_a_new_assessment_starts_from_the_inventory(self):
		assessment = self.new_assessment()
		self.assertEqual(assessment.intended_purpose, self.system.purpose)
		self.assertEqual([p.interested_party for p in assessment.affected_parties], ["Job applicants"])
		self.assertEqual([row.area for row in assessment.impacts], list(IMPACT_AREAS))
		self.assertEqual((assessment.system_tier, assessment.assessor), ("High-risk", OWNER))
		self.assertTrue(
			assessment.fria_applies, "a deployer of a high-risk system is asked the Art. 27 questions"
		)

	def test_the_forms_first_save_is_filled_from_the_system(self):
		"""What the desk sends when a new assessment is saved with only its system chosen: nothing the form asks
		for by itself blocks the save, and the blank row a grid holds is no reason to skip the eight areas."""
		meta = frappe.get_meta("AI Impact Assessment")
		filled = ("intended_purpose", "affected_parties", "impacts")
		self.assertEqual(
			[f for f in filled if meta.get_field(f).reqd], [], "saving fills these: not asked for"
		)
		with acting_as(OWNER):
			assessment = frappe.get_doc(
				{
					"doctype": "AI Impact Assessment",
					"ai_system": self.system.name,
					"affected_parties": [{}],
					"impacts": [{"relevant": 1}],
				}
			).insert()
		self.assertEqual(assessment.intended_purpose, self.system.purpose)
		self.assertEqual([p.interested_party for p in assessment.affected_parties], ["Job applicants"])
		self.assertEqual([row.area for row in assessment.impacts], list(IMPACT_AREAS))
		self.assertEqual([row.idx for row in assessment.impacts], list(range(1, 9)))

	def test_areas_typed_before_the_first_save_are_kept_and_the_others_added(self):
		with acting_as(OWNER):
			assessment = frappe.get_doc(
				{
					"doctype": "AI Impact Assessment",
					"ai_system": self.system.name,
					"impacts": [
						{"area": "Privacy", "relevant": 0, "impact_description": "No personal data."}
					],
				}
			).insert()
		self.assertEqual([row.area for row in assessment.impacts], list(IMPACT_AREAS))
		self.assertEqual(
			(assessment.impacts[1].relevant, assessment.impacts[1].impact_description),
			(0, "No personal data."),
		)

	def test_signing_needs_every_area_assessed_and_the_art_27_answers(self):
		assessment = self.new_assessment()
		with acting_as(OWNER):
			self.assertRaisesRegex(
				frappe.ValidationError, "Row 1: describe the possible impact for Fairness", assessment.submit
			)
			assessment.reload()
			assess_every_area(assessment)
			assessment.save()
			self.assertRaisesRegex(frappe.MandatoryError, "Conclusion, Our Processes", assessment.submit)
			self.assertEqual(frappe.db.get_value("AI Impact Assessment", assessment.name, "docstatus"), 0)
			assessment.reload()
			complete_fria(assessment)
			assessment.submit()
		self.assertEqual(assessment.impacts[0].level, "Medium")

	def test_a_severity_outside_the_matrix_is_refused_naming_the_row(self):
		assessment = self.new_assessment()
		assessment.impacts[2].severity = 7
		self.assertRaisesRegex(
			frappe.ValidationError, "Impacts, row 3: Severity: 7 is outside", assessment.save
		)

	def test_amending_gives_a_new_version_and_the_old_stays_readable(self):
		assessment = self.new_assessment()
		assess_every_area(assessment)
		complete_fria(assessment)
		with acting_as(OWNER):
			assessment.submit()
			assessment.cancel()
			amended = frappe.copy_doc(assessment)
			amended.update({"amended_from": assessment.name, "docstatus": 0})
			amended.insert()
		self.assertEqual(amended.name, f"{assessment.name}-1")
		self.assertEqual(frappe.db.get_value("AI Impact Assessment", assessment.name, "docstatus"), 2)

	def test_a_new_purpose_or_tier_flags_the_last_signed_assessment(self):
		assessment = self.new_assessment()
		assess_every_area(assessment)
		complete_fria(assessment)
		with acting_as(OWNER):
			assessment.submit()
			system = frappe.get_doc("AI System", self.system.name)
			system.purpose = "Rank applications and reject the lowest fifth automatically."
			system.save()
		flagged = frappe.db.get_value(
			"AI Impact Assessment", assessment.name, ["needs_review", "review_reason"]
		)
		self.assertEqual(flagged[0], 1)
		self.assertIn("intended purpose changed", flagged[1])
		self.assertIn(
			("needs_review", 0, 1, OWNER), recorded_changes("AI Impact Assessment", assessment.name)
		)

	def test_only_the_systems_owner_assesses_it(self):
		with acting_as(OTHER_OWNER):
			doc = frappe.get_doc({"doctype": "AI Impact Assessment", "ai_system": self.system.name})
			self.assertRaises(frappe.PermissionError, doc.insert)
