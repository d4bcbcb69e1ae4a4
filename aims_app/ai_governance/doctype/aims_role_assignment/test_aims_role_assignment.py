# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe

from aims_app.tests import AimsTestCase


def assignment(**fields):
	return frappe.get_doc(
		{
			"doctype": "AIMS Role Assignment",
			"user": "Administrator",
			"raci": "Responsible",
			"responsibility": "Review",
			**fields,
		}
	)


class TestAIMSRoleAssignment(AimsTestCase):
	def test_an_assignment_names_what_it_is_for(self):
		self.assertRaisesRegex(
			frappe.ValidationError, "AI System, Process or Requirement", assignment().insert
		)

	def test_validity_cannot_end_before_it_starts(self):
		bad = assignment(business_process="Internal audit", valid_from="2026-06-01", valid_to="2026-01-01")
		self.assertRaisesRegex(frappe.ValidationError, "Valid To cannot be before Valid From", bad.insert)

	def test_a_responsibility_for_a_requirement(self):
		row = assignment(requirement="ISO-42001-9.2.2", raci="Accountable").insert()
		self.assertEqual(
			frappe.db.get_value("AIMS Role Assignment", row.name, "requirement"), "ISO-42001-9.2.2"
		)
