# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt
"""The documents the law asks for, printed from the records: a general-purpose AI model's documentation with
its systemic-risk duties (EU AI Act Art. 53, 55, Annex XI and XII), and the summary of a bias audit of an
automated employment decision tool that New York City's Local Law 144 asks an employer to publish."""

import frappe

from aims_app.ai_systems.doctype.ai_fairness_evaluation.test_ai_fairness_evaluation import hiring_csv
from aims_app.ai_systems.doctype.ai_monitoring_metric.test_ai_monitoring_metric import operating_system
from aims_app.tests import IGNORE_OTHER_APPS_TEST_RECORDS, AimsTestCase, acting_as, make_user

globals().update(IGNORE_OTHER_APPS_TEST_RECORDS)

OWNER = "law.prints.owner@example.org"
GPAI = "GPAI Model Documentation"
LL144 = "NYC LL144 Bias Audit Summary"


def printed(doctype: str, name: str, print_format: str) -> str:
	return frappe.get_print(doctype, name, print_format=print_format, as_pdf=False)


class TestLawPrints(AimsTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(OWNER, ["AI System Owner"])
		# committed, as the owner's systems are read from a cache that a commit refreshes
		cls.screening = operating_system(OWNER, "Law prints: CV screening")
		frappe.db.set_value("AI System", cls.screening, "placed_on_market_on", "2026-01-15")
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.delete("AI System", {"name": cls.screening})
		frappe.db.commit()
		super().tearDownClass()

	def gpai_model(self, **fields):
		return frappe.get_doc(
			{
				"doctype": "AI System",
				"system_name": "Law prints: house language model",
				"system_owner": OWNER,
				"lifecycle_stage": "Operation and monitoring",
				"purpose": "A general-purpose language model that our product teams build on.",
				"automation_level": "Human in the loop",
				"our_role": "Provider",
				"is_gpai_model": 1,
				"placed_on_market_on": "2025-03-01",
				"gpai_provider_name": "Example Models GmbH",
				"gpai_architecture": "Decoder-only transformer <b>dense</b>",
				"gpai_parameters": "7.3e10",
				"gpai_licence": "Proprietary",
				**fields,
			}
		).insert()

	def test_the_gpai_documentation_prints_what_was_recorded_with_the_transitional_date(self):
		model = self.gpai_model(training_compute_flops=1e11)
		html = printed("AI System", model.name, GPAI)
		for expected in (
			"Example Models GmbH",
			"7.3e10",
			"Proprietary",
			"1. General information",
			"5. Training",
		):
			self.assertIn(expected, html)
		self.assertIn("&lt;b&gt;dense&lt;/b&gt;", html)  # what a user typed is shown, never run
		self.assertNotIn("7. Systemic-risk duties", html)
		self.assertIn("Art. 111(3)", html)  # placed before 2 August 2025: until 2 August 2027
		art53 = next(o for o in model.obligations if o.article == "Art. 53")
		self.assertEqual(str(art53.applies_from), "2027-08-02")

	def test_a_model_with_systemic_risk_prints_its_additional_duties(self):
		model = self.gpai_model(
			designated_systemic_risk=1,
			gpai_commission_notified_on="2025-03-10",
			gpai_evaluation="Red-teaming by an external lab, Q1 2025.",
		)
		html = printed("AI System", model.name, GPAI)
		self.assertIn("7. Systemic-risk duties", html)
		self.assertIn("Red-teaming by an external lab, Q1 2025.", html)
		self.assertIn("Art. 55", html)

	def test_a_model_trained_above_the_compute_threshold_prints_its_additional_duties(self):
		"""Art. 51(2): a model trained with more than 10^25 FLOP is presumed to carry systemic risk."""
		model = self.gpai_model(training_compute_flops="3.8 × 10^25")
		self.assertEqual(model.training_compute_flops, "3.8e+25")
		self.assertIn("Art. 55", [o.article for o in model.obligations])
		html = printed("AI System", model.name, GPAI)
		self.assertIn("3.80e+25", html)
		self.assertIn("7. Systemic-risk duties", html)

	def test_training_compute_that_is_no_number_is_refused_and_nothing_is_saved(self):
		with self.assertRaises(frappe.ValidationError) as refused:
			self.gpai_model(training_compute_flops="about a lot")
		self.assertIn("'about a lot' is not a number", str(refused.exception))
		self.assertFalse(frappe.db.exists("AI System", {"system_name": "Law prints: house language model"}))

	def test_the_ll144_summary_shows_numbers_rates_and_impact_ratios_per_category(self):
		system = self.screening
		with acting_as(OWNER):
			evaluation = frappe.get_doc(
				{
					"doctype": "AI Fairness Evaluation",
					"title": "CV screening, annual bias audit",
					"ai_system": system,
					"group_columns": "sex, age_band",
					"prediction_column": "hired",
				}
			).insert()
			file = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": "audit.csv",
					"attached_to_doctype": evaluation.doctype,
					"attached_to_name": evaluation.name,
					"is_private": 1,
					"content": hiring_csv(),
				}
			).insert()
			evaluation.outcomes_file = file.file_url
			evaluation.save()
			evaluation.evaluate()
		html = printed("AI Fairness Evaluation", evaluation.name, LL144)
		text = frappe.utils.strip_html(html)
		for expected in (
			"Bias Audit Summary (NYC Local Law 144)",
			"Law prints: CV screening",
			"Individuals Assessed",
			"400",
			"female",
			"0.300",  # women's selection rate
			"0.600",  # their impact ratio
			"sex × age_band",  # the intersectional categories
		):
			self.assertIn(expected, text)
		self.assertIn(frappe.utils.format_date("2026-01-15"), text)
		self.assertRegex(text, r"Data Used\s*audit\.csv\s*Individuals")  # the file's name, nothing else
