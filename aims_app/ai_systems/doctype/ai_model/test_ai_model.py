# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe

from aims_app.tests import AimsTestCase


class TestAIModel(AimsTestCase):
	def test_a_third_party_model_names_its_supplier(self):
		model = frappe.get_doc(
			{
				"doctype": "AI Model",
				"model_name": "Vendor ranker",
				"model_type": "Classification",
				"origin": "Third party",
			}
		)
		self.assertRaisesRegex(frappe.MandatoryError, "Supplier", model.insert)

	def test_an_internal_model_needs_no_supplier(self):
		model = frappe.get_doc(
			{"doctype": "AI Model", "model_name": "In-house ranker", "model_type": "Classification"}
		).insert()
		self.assertEqual((model.origin, model.status), ("Internal", "In development"))
