# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.utils import add_days, today

from aims_app.install import OPTIONAL_LINK_FIELDS
from aims_app.tests import IGNORE_OTHER_APPS_TEST_RECORDS, AimsTestCase

PERSON = "bias-tester@example.com"

globals().update(IGNORE_OTHER_APPS_TEST_RECORDS)


def competence(**fields):
	return frappe.get_doc(
		{
			"doctype": "Competence Record",
			"person": PERSON,
			"competence_area": "Bias testing of ranking models",
			"aims_role": "AI Risk Owner",
			"how_gained": "Training",
			"gained_on": add_days(today(), -100),
			"valid_until": add_days(today(), 265),
			**fields,
		}
	).insert()


class TestCompetenceRecord(AimsTestCase):
	def test_validity_before_the_competence_was_gained_is_refused_naming_the_fields(self):
		self.assertRaisesRegex(
			frappe.ValidationError,
			"Valid Until .* cannot be before Gained On",
			competence,
			valid_until=add_days(today(), -200),
		)
		self.assertFalse(frappe.db.exists("Competence Record", {"person": PERSON}))

	def test_a_lapsed_competence_shows_as_such(self):
		self.assertFalse(competence().has_lapsed)
		self.assertTrue(
			competence(gained_on=add_days(today(), -800), valid_until=add_days(today(), -1)).has_lapsed
		)

	def test_employee_and_training_event_links_exist_only_with_their_apps(self):
		columns = set(frappe.get_meta("Competence Record").get_valid_columns())
		installed = set(frappe.get_installed_apps())
		for app, field in (("erpnext", "employee"), ("hrms", "training_event")):
			with self.subTest(app=app):
				self.assertIn(field, {f["fieldname"] for f in OPTIONAL_LINK_FIELDS[app]["Competence Record"]})
				self.assertEqual(field in columns, app in installed)
