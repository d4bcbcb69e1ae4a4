# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe

from aims_app.tests import IGNORE_OTHER_APPS_TEST_RECORDS, AimsTestCase

globals().update(IGNORE_OTHER_APPS_TEST_RECORDS)


def new_scope(items):
	return frappe.get_doc(
		{
			"doctype": "AIMS Scope",
			"title": "AIMS Scope",
			"effective_from": "2026-11-01",
			"scope_statement": "AI systems we develop or use for hiring and customer support in the EU.",
			"items": items,
		}
	)


class TestAIMSScope(AimsTestCase):
	def test_an_exclusion_needs_a_reason(self):
		scope = new_scope([{"item_type": "Process", "item": "Marketing analytics", "coverage": "Excluded"}])
		self.assertRaisesRegex(frappe.MandatoryError, "Row 1: Reason for Exclusion", scope.insert)
		self.assertFalse(frappe.db.exists("AIMS Scope", {"title": "AIMS Scope", "docstatus": ("<", 2)}))

	def test_a_new_version_is_an_amendment_and_the_old_one_stays_readable(self):
		scope = new_scope(
			[
				{"item_type": "Organisational Unit", "item": "Human Resources", "coverage": "Included"},
				{
					"item_type": "Process",
					"item": "Marketing analytics",
					"coverage": "Excluded",
					"exclusion_reason": "Uses no AI system",
				},
			]
		).insert()
		scope.submit()
		self.assertEqual(scope.approved_by, frappe.session.user, "submitting the scope approves it")
		scope.cancel()
		amended = frappe.copy_doc(scope, ignore_no_copy=False)  # as the desk's Amend copies
		self.assertFalse(amended.approved_by, "a new version waits for its own approval")
		amended.docstatus = 0
		amended.amended_from = scope.name
		amended.scope_statement += " Also the finance department."
		amended.insert()
		amended.submit()
		self.assertEqual(amended.name, f"{scope.name}-1")
		self.assertEqual(frappe.db.get_value("AIMS Scope", scope.name, "docstatus"), 2)
		self.assertNotIn("finance", frappe.db.get_value("AIMS Scope", scope.name, "scope_statement"))

	def test_a_submitted_scope_cannot_be_edited(self):
		scope = new_scope([{"item_type": "Process", "item": "Hiring", "coverage": "Included"}]).insert()
		scope.submit()
		scope.reload()
		scope.scope_statement = "Changed after approval"
		self.assertRaises(frappe.ValidationError, scope.save)
