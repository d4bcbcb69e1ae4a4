# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe

from aims_app.ai_assurance.readiness.fact_names import Fact
from aims_app.ai_assurance.readiness.facts import organisation_facts
from aims_app.ai_systems.doctype.ai_monitoring_metric.test_ai_monitoring_metric import operating_system
from aims_app.tests import AimsTestCase, make_user

OWNER = "dataset.owner@example.org"


class TestAIDataset(AimsTestCase):
	def test_personal_data_needs_a_legal_basis(self):
		dataset = frappe.get_doc(
			{
				"doctype": "AI Dataset",
				"dataset_name": "Support chats",
				"source_type": "Internal",
				"contains_personal_data": 1,
			}
		)
		self.assertRaisesRegex(frappe.MandatoryError, "Legal Basis for Processing", dataset.insert)
		dataset.legal_basis = "Contract with the customer"
		dataset.insert()
		self.assertTrue(frappe.db.exists("AI Dataset", dataset.name))

	def test_personal_data_outside_the_gdpr_needs_no_gdpr_legal_basis_and_is_no_readiness_gap(self):
		make_user(OWNER, ["AI System Owner"])
		system = frappe.get_doc("AI System", operating_system(OWNER, "US benefits triage"))
		before = readiness_counts()
		outside = self.personal_dataset("US benefits claims", gdpr_does_not_apply=1)
		under = self.personal_dataset(
			"EU benefits claims", legal_basis="Legal obligation (GDPR Art. 6(1)(c))"
		)
		for dataset in (outside, under):
			system.append("datasets", {"ai_dataset": dataset.name, "usage": "Training"})
		system.save()
		personal, lawful = before
		self.assertEqual(readiness_counts(), (personal + 1, lawful + 1))

	def personal_dataset(self, name: str, **fields):
		return frappe.get_doc(
			{
				"doctype": "AI Dataset",
				"dataset_name": name,
				"source_type": "Internal",
				"contains_personal_data": 1,
				**fields,
			}
		).insert()


def readiness_counts() -> tuple[int, int]:
	"""In-scope systems' datasets with personal data under the GDPR, and those of them stating a legal basis,
	as readiness counts them."""
	facts = organisation_facts()[0]
	return facts[Fact.SCOPE_PERSONAL_DATASETS], facts[Fact.SCOPE_PERSONAL_DATASETS_LAWFUL]
