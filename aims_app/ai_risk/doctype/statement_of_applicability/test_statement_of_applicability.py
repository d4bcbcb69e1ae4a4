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

	def test_print_opens_the_apps_format_headed_by_the_organisation_never_frappe(self):
		"""Print without choosing a format gives the app's own, as the desk's Print does (the doctype's default
		print format); its head is the organisation: the default Letter Head, else nothing rather than the
		framework's name."""
		soa = self.draft()
		with acting_as(APPROVER):
			soa.reload()
			soa.submit()
		self.assertEqual(frappe.get_meta(soa.doctype).default_print_format, "Statement of Applicability")
		frappe.db.set_value("Letter Head", {"is_default": 1}, "is_default", 0)
		frappe.db.set_default("company", None)
		frappe.db.set_single_value("Website Settings", "app_name", "Frappe")
		frappe.db.set_single_value("System Settings", "app_name", "Frappe")
		with acting_as(APPROVER):
			html = frappe.get_print(soa.doctype, soa.name)
		self.assertIn("aims-soa-controls", html, "the app's format, not Frappe's Standard one")
		self.assertNotIn('class="aims-doc-org"', html)
		self.assertNotIn("Frappe ·", html)
		frappe.get_doc(
			{
				"doctype": "Letter Head",
				"letter_head_name": "Soa Print Test Organisation",
				"source": "HTML",
				"is_default": 1,
				"content": "<h1>Soa Print Test Organisation</h1>",
			}
		).insert(ignore_permissions=True)
		with acting_as(APPROVER):
			html = frappe.get_print(soa.doctype, soa.name)
		self.assertIn("<h1>Soa Print Test Organisation</h1>", html)
		self.assertIn("Soa Print Test Organisation · " + soa.name, html)
