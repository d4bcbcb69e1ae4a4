# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe

from aims_app.tests import AimsTestCase


class TestInterestedParty(AimsTestCase):
	def test_a_party_the_aims_addresses_says_how(self):
		party = frappe.get_doc(
			{
				"doctype": "Interested Party",
				"party_name": "Works council",
				"party_type": "Employee",
				"internal_or_external": "Internal",
				"needs_and_expectations": "Consulted before AI monitors staff",
				"addressed_by_aims": 1,
			}
		)
		self.assertRaisesRegex(frappe.MandatoryError, "How the AIMS Addresses Them", party.insert)
		party.addressed_by_aims = 0
		party.insert()
		self.assertTrue(frappe.db.exists("Interested Party", "Works council"))
