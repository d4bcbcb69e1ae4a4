# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe

from aims_app.tests import AimsTestCase


class TestContextIssue(AimsTestCase):
	def test_an_issue_states_its_effect_on_the_aims(self):
		issue = frappe.get_doc(
			{
				"doctype": "Context Issue",
				"title": "EU AI Act obligations for high-risk systems",
				"issue_type": "External",
				"category": "Legal and regulatory",
				"description": "Our CV screening falls under Annex III from August 2026.",
			}
		)
		self.assertRaisesRegex(frappe.MandatoryError, "effect_on_aims", issue.insert)
		issue.effect_on_aims = "Deployer obligations to plan for (Art. 26, 27)."
		issue.insert()
		self.assertTrue(issue.name.startswith("CTX-"))
