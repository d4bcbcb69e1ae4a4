# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.utils import add_days, today

from aims_app.tests import AimsTestCase, acting_as
from aims_app.tests.scenarios import evidence

OWNER = "evidence-owner@example.com"
OTHER = "other-risk-owner@example.com"
CONTROL = "ISO-42001-A.6.2.4"


class TestAIMSEvidence(AimsTestCase):
	def record(self, **fields):
		return evidence("Bias test report Q3", OWNER, [{"control_implementation": CONTROL}], **fields)

	def test_validity_before_issue_is_refused_naming_both_fields(self):
		self.assertRaisesRegex(
			frappe.ValidationError,
			"Valid Until .* cannot be before Issued On",
			self.record,
			issued_on=today(),
			valid_until=add_days(today(), -1),
		)
		self.assertFalse(frappe.db.exists("AIMS Evidence", {"title": "Bias test report Q3"}))

	def test_evidence_must_show_something_and_evidence_something(self):
		self.assertRaisesRegex(
			frappe.MandatoryError, "Attach the File or give a link", self.record, external_link=None
		)
		self.assertRaisesRegex(
			frappe.ValidationError,
			"row 1: choose a requirement",
			evidence,
			"Empty link",
			OWNER,
			[{}],
		)

	def test_expired_evidence_shows_as_such(self):
		current = self.record(valid_until=add_days(today(), 30))
		expired = self.record(issued_on=add_days(today(), -400), valid_until=add_days(today(), -35))
		self.assertFalse(current.is_expired)
		self.assertTrue(expired.is_expired)

	def test_an_attachment_is_a_normal_frappe_file(self):
		record = self.record()
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "bias-test-q3.txt",
				"content": b"Selection rate ratio 0.91 (four-fifths rule met).",
				"attached_to_doctype": "AIMS Evidence",
				"attached_to_name": record.name,
				"attached_to_field": "attachment",
			}
		).insert()
		record.attachment = file.file_url
		record.save()
		stored = frappe.get_doc("File", {"file_url": record.attachment})
		self.assertEqual(stored.get_content(), "Selection rate ratio 0.91 (four-fifths rule met).")
		self.assertEqual(
			(stored.attached_to_doctype, stored.attached_to_name), ("AIMS Evidence", record.name)
		)

	def test_only_its_owner_or_filer_changes_a_record(self):
		with acting_as(OWNER):
			record = self.record()
		with acting_as(OTHER):
			record.reload()
			record.title = "Changed by someone else"
			self.assertRaises(frappe.PermissionError, record.save)
		self.assertEqual(frappe.db.get_value("AIMS Evidence", record.name, "title"), "Bias test report Q3")
