# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe

from aims_app.tests import AimsTestCase


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
