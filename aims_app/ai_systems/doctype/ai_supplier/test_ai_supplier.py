# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe

from aims_app.tests import IGNORE_OTHER_APPS_TEST_RECORDS, AimsTestCase

globals().update(IGNORE_OTHER_APPS_TEST_RECORDS)


class TestAISupplier(AimsTestCase):
	def test_an_assessment_result_needs_its_date(self):
		supplier = frappe.get_doc(
			{
				"doctype": "AI Supplier",
				"supplier_name": "Unassessed Labs",
				"supply_type": "Dataset",
				"assessment_result": "Approved",
			}
		)
		self.assertRaisesRegex(frappe.ValidationError, "Last Assessment is required", supplier.insert)
		self.assertFalse(frappe.db.exists("AI Supplier", "Unassessed Labs"))
		supplier.last_assessment_date = "2026-10-01"
		supplier.insert()
		self.assertEqual(
			frappe.db.get_value("AI Supplier", "Unassessed Labs", "assessment_result"), "Approved"
		)

	def test_erpnext_link_is_absent_without_erpnext(self):
		if "erpnext" in frappe.get_installed_apps():
			self.skipTest("ERPNext is installed on this site")
		self.assertFalse(frappe.get_meta("AI Supplier").has_field("supplier"))
		self.assertFalse(frappe.get_meta("AI System").has_field("department"))

	def test_a_supplier_likely_the_same_as_another_points_at_it(self):
		first = frappe.get_doc({"doctype": "AI Supplier", "supplier_name": "Palantir"}).insert()
		self.assertFalse(first.likely_duplicate_of)
		second = frappe.get_doc({"doctype": "AI Supplier", "supplier_name": "Palantir Technologies, Inc."})
		second.insert()
		self.assertEqual(second.likely_duplicate_of, "Palantir")
		self.assertIn("likely the same company", str(frappe.get_message_log()))
		self.assertFalse(second.supply_type)
		frappe.delete_doc("AI Supplier", "Palantir")
		second.save()
		self.assertFalse(frappe.db.get_value("AI Supplier", second.name, "likely_duplicate_of"))
