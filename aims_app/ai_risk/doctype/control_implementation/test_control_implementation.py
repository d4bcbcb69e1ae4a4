# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe

from aims_app.ai_risk.doctype.control_implementation.control_implementation import (
	sync_with_library,
	treated_risks,
)
from aims_app.tests import AimsTestCase, acting_as, make_user
from aims_app.tests.scenarios import ai_risk, cv_screening

MANAGER = "aims-manager@example.com"
RISK_OWNER = "risk-owner@example.com"
VIEWER = "aims-viewer@example.com"
CONTROL = "ISO-42001-A.7.4"


class TestControlImplementation(AimsTestCase):
	def test_every_annex_a_control_has_one_implementation_in_library_order(self):
		controls = frappe.get_all(
			"Framework Requirement",
			filters={"framework": "ISO-42001", "requirement_kind": "Control"},
			order_by="lft",
			pluck="name",
		)
		implementations = frappe.get_all("Control Implementation", order_by="control_sort", pluck="name")
		self.assertEqual(len(controls), 38)
		self.assertEqual(implementations, controls)

	def test_the_library_sync_is_idempotent_and_keeps_decisions(self):
		frappe.db.set_value("Control Implementation", CONTROL, {"implementation_status": "Implemented"})
		frappe.delete_doc("Control Implementation", "ISO-42001-A.2.2", force=True)
		sync_with_library()
		sync_with_library()
		self.assertEqual(frappe.db.count("Control Implementation"), 38)
		self.assertEqual(
			frappe.db.get_value("Control Implementation", CONTROL, "implementation_status"), "Implemented"
		)
		self.assertTrue(frappe.db.exists("Control Implementation", "ISO-42001-A.2.2"))

	def test_a_control_the_library_withdraws_is_flagged_not_deleted(self):
		frappe.db.set_value("Framework Requirement", CONTROL, "withdrawn", 1)
		sync_with_library()
		self.assertEqual(frappe.db.get_value("Control Implementation", CONTROL, "in_library"), 0)
		frappe.db.set_value("Framework Requirement", CONTROL, "withdrawn", 0)
		sync_with_library()
		self.assertEqual(frappe.db.get_value("Control Implementation", CONTROL, "in_library"), 1)

	def test_a_control_the_library_no_longer_counts_as_a_control_is_flagged(self):
		frappe.db.set_value("Framework Requirement", CONTROL, "requirement_kind", "Control Objective")
		sync_with_library()
		self.assertEqual(frappe.db.get_value("Control Implementation", CONTROL, "in_library"), 0)

	def test_excluding_a_control_needs_a_justification(self):
		control = frappe.get_doc("Control Implementation", CONTROL)
		control.applicability = "Not applicable"
		with acting_as(MANAGER):
			self.assertRaisesRegex(frappe.MandatoryError, "Justification", control.save)
		self.assertEqual(
			frappe.db.get_value("Control Implementation", CONTROL, "applicability"), "Applicable"
		)
		control.reload()
		control.applicability = "Not applicable"
		control.justification = "We acquire no data: every dataset comes with the supplier's system."
		with acting_as(MANAGER):
			control.save()
		self.assertEqual(
			frappe.db.get_value("Control Implementation", CONTROL, "applicability"), "Not applicable"
		)

	def test_the_risks_it_treats_are_computed_and_block_its_exclusion(self):
		system = cv_screening(make_user("cv-owner@example.com", ["AI System Owner"])).system.name
		risk = ai_risk(system, RISK_OWNER, controls=[{"control_implementation": CONTROL}])
		self.assertEqual([r.name for r in treated_risks(CONTROL)], [risk.name])
		control = frappe.get_doc("Control Implementation", CONTROL)
		control.update({"applicability": "Not applicable", "justification": "Not needed."})
		self.assertRaisesRegex(frappe.ValidationError, f"treats open risks \\({risk.name}\\)", control.save)
		self.assertEqual(
			frappe.db.get_value("Control Implementation", CONTROL, "applicability"), "Applicable"
		)

	def test_only_an_aims_manager_changes_a_control_and_nobody_adds_one(self):
		with acting_as(VIEWER):
			control = frappe.get_doc("Control Implementation", CONTROL)
			control.implementation_status = "Implemented"
			self.assertRaises(frappe.PermissionError, control.save)
		with acting_as(MANAGER):
			self.assertFalse(frappe.has_permission("Control Implementation", "create"))
			self.assertFalse(frappe.has_permission("Control Implementation", "delete"))
			control = frappe.get_doc("Control Implementation", CONTROL)
			control.implementation_status = "Implemented"
			control.save()
