# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe

from aims_app.tests import AimsTestCase


class TestComplianceFramework(AimsTestCase):
	def test_the_four_frameworks_and_three_catalogues_are_preloaded(self):
		titles = dict(frappe.get_all("Compliance Framework", fields=["name", "title"], as_list=True))
		self.assertEqual(
			titles,
			{
				"ISO-42001": "ISO/IEC 42001:2023",
				"NIST-AI-RMF": "NIST AI RMF 1.0",
				"EU-AI-ACT": "EU AI Act (Regulation (EU) 2024/1689)",
				"ISO-27001": "ISO/IEC 27001:2022",
				"OWASP-LLM-2025": "OWASP Top 10 for LLM Applications 2025",
				"MITRE-ATLAS": "MITRE ATLAS",
				"MIT-AI-RISK": "MIT AI Risk Repository taxonomies",
			},
		)

	def test_only_the_iso_standards_are_certifiable(self):
		certifiable = frappe.get_all("Compliance Framework", filters={"is_certifiable": 1}, pluck="name")
		self.assertEqual(sorted(certifiable), ["ISO-27001", "ISO-42001"])
