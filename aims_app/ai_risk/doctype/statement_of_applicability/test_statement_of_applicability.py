# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe

from aims_app.tests import AimsTestCase, acting_as

MANAGER = "aims-manager@example.com"
APPROVER = "approver@example.com"
CONTROL = "ISO-42001-A.8.2"


class TestStatementOfApplicability(AimsTestCase):
	def draft(self):
		with acting_as(MANAGER):
			return frappe.get_doc({"doctype": "Statement of Applicability"}).insert()

	def test_a_draft_holds_all_38_controls_from_the_live_records(self):
		frappe.db.set_value(
			"Control Implementation",
			CONTROL,
			{"applicability": "Not applicable", "justification": "No external users of our AI systems."},
		)
		soa = self.draft()
		self.assertEqual(len(soa.controls), 38)
		row = next(r for r in soa.controls if r.control_implementation == CONTROL)
		self.assertEqual(
			(row.applicability, row.justification), ("Not applicable", "No external users of our AI systems.")
		)
		self.assertEqual((soa.applicable_count, soa.not_applicable_count), (37, 1))

	def test_versions_count_up(self):
		first, second = self.draft(), self.draft()
		self.assertEqual(second.version, first.version + 1)

	def test_only_an_approver_approves_and_approval_records_who(self):
		soa = self.draft()
		with acting_as(MANAGER):
			self.assertRaises(frappe.PermissionError, soa.submit)
		with acting_as(APPROVER):
			soa.reload()
			soa.submit()
		self.assertEqual((soa.docstatus, soa.approved_by), (1, APPROVER))

	def test_an_approved_version_is_frozen(self):
		soa = self.draft()
		with acting_as(APPROVER):
			soa.submit()
		frappe.db.set_value("Control Implementation", CONTROL, "implementation_status", "Implemented")
		soa.reload()
		row = next(r for r in soa.controls if r.control_implementation == CONTROL)
		self.assertEqual(row.implementation_status, "Not started")
		soa.notes = "changed after approval"
		self.assertRaises(frappe.ValidationError, soa.save)

	def test_approving_a_draft_the_records_have_moved_past_is_refused(self):
		soa = self.draft()
		frappe.db.set_value("Control Implementation", CONTROL, "implementation_status", "Implemented")
		with acting_as(APPROVER):
			soa.reload()
			self.assertRaisesRegex(frappe.ValidationError, f"controls changed since .*{CONTROL}", soa.submit)
		self.assertEqual(frappe.db.get_value("Statement of Applicability", soa.name, "docstatus"), 0)
