# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe

from aims_app.tests import IGNORE_OTHER_APPS_TEST_RECORDS, AimsTestCase, acting_as
from aims_app.tests.scenarios import cv_screening

OWNER = "cv-owner@example.com"
MANAGER = "aims-manager@example.com"

globals().update(IGNORE_OTHER_APPS_TEST_RECORDS)


class TestAISystem(AimsTestCase):
	def test_cv_screening_deployed_by_us_is_high_risk_under_annex_iii_employment(self):
		records = cv_screening(OWNER)
		system = frappe.get_doc("AI System", records.system.name)
		self.assertEqual(system.eu_ai_act_tier, "High-risk")
		self.assertEqual(system.computed_tier, "High-risk")
		self.assertEqual(system.eu_ai_act_route, "Annex III, area 4")
		self.assertIn("Annex III", system.tier_reasons)
		articles = [row.article for row in system.obligations]
		self.assertIn("Art. 26", articles)  # deployer duties
		self.assertIn("Art. 4", articles)  # AI literacy, for everyone
		self.assertNotIn("Art. 9", articles)  # the provider's risk management system, not ours
		self.assertEqual(system.models[0].ai_model, records.model.name)
		self.assertEqual(system.datasets[0].ai_dataset, records.dataset.name)
		self.assertEqual(system.suppliers[0].ai_supplier, "TalentSense Analytics")
		self.assertEqual(
			frappe.db.get_value("AI Model", records.model.name, "ai_supplier"), "TalentSense Analytics"
		)

	def test_the_provider_of_the_same_system_carries_the_provider_duties(self):
		system = cv_screening(OWNER, our_role="Provider").system
		articles = {row.article for row in system.obligations}
		self.assertTrue(
			{"Art. 9", "Art. 10", "Art. 11", "Art. 13", "Art. 14", "Art. 15", "Art. 43"} <= articles
		)

	def test_answers_change_the_tier_on_save(self):
		system = cv_screening(OWNER).system
		system.annex_iii_area = None
		system.interacts_with_people = 1
		system.save()
		self.assertEqual(system.eu_ai_act_tier, "Limited risk")
		self.assertEqual(system.transparency_duties, "Art. 50(1)")

	def test_override_needs_a_justification(self):
		system = cv_screening(OWNER).system
		system.tier_override = "Limited risk"
		self.assertRaisesRegex(frappe.ValidationError, "Override Justification", system.save)
		self.assertFalse(frappe.db.get_value("AI System", system.name, "tier_override"))

	def test_a_manager_override_is_kept_with_who_and_when(self):
		system = cv_screening(OWNER).system
		with acting_as(MANAGER):
			system = frappe.get_doc("AI System", system.name)
			system.tier_override = "Minimal risk"
			system.override_justification = (
				"Legal opinion LO-7: the tool only orders applications; recruiters read all."
			)
			system.save()
		stored = frappe.get_doc("AI System", system.name)
		self.assertEqual((stored.eu_ai_act_tier, stored.computed_tier), ("Minimal risk", "High-risk"))
		self.assertEqual(stored.overridden_by, MANAGER)
		self.assertTrue(stored.overridden_on)

	def test_an_owner_cannot_override_the_tier(self):
		name = cv_screening(OWNER).system.name
		with acting_as(OWNER):
			system = frappe.get_doc("AI System", name)
			system.tier_override = "Minimal risk"
			system.override_justification = "We think so"
			self.assertRaisesRegex(frappe.PermissionError, "Only an AIMS Manager", system.save)
		self.assertEqual(frappe.db.get_value("AI System", system.name, "eu_ai_act_tier"), "High-risk")

	def test_a_system_needs_an_owner(self):
		system = frappe.get_doc(
			{
				"doctype": "AI System",
				"system_name": "Ownerless",
				"purpose": "Anything",
				"lifecycle_stage": "Concept",
			}
		)
		self.assertRaisesRegex(frappe.MandatoryError, "system_owner", system.insert)
		self.assertFalse(frappe.db.exists("AI System", {"system_name": "Ownerless"}))

	def test_inconsistent_answers_are_refused_with_the_question(self):
		system = cv_screening(OWNER).system
		system.annex_iii_area = None
		system.art6_3_derogation = "a - Narrow procedural task"
		self.assertRaisesRegex(frappe.ValidationError, "(?i)annex iii", system.save)

	def test_who_is_accountable_for_a_system_is_a_list_filter_away(self):
		system = cv_screening(OWNER).system
		frappe.get_doc(
			{
				"doctype": "AIMS Role Assignment",
				"user": OWNER,
				"raci": "Accountable",
				"responsibility": "Outcomes of CV screening",
				"ai_system": system.name,
			}
		).insert()
		accountable = frappe.get_all(
			"AIMS Role Assignment", filters={"ai_system": system.name, "raci": "Accountable"}, pluck="user"
		)
		self.assertEqual(accountable, [OWNER])
