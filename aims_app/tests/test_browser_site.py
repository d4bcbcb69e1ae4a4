"""The browser checks prepare only the site the test command marked as theirs: any other site is refused, unchanged."""

import frappe

from aims_app.tests import AimsTestCase
from aims_app.tests.browser_site import SITE_FLAG, prepare


class TestBrowserSite(AimsTestCase):
	def test_a_site_not_marked_for_the_browser_checks_is_refused_and_unchanged(self):
		marked = frappe.local.conf.pop(SITE_FLAG, None)
		self.addCleanup(lambda: marked is None or frappe.local.conf.update({SITE_FLAG: marked}))
		users = frappe.db.count("User")
		setup_complete = frappe.db.get_single_value("System Settings", "setup_complete")
		with self.assertRaisesRegex(frappe.ValidationError, "is not the test command's browser site"):
			prepare(password="not-used-1")
		self.assertEqual(users, frappe.db.count("User"))
		self.assertEqual(setup_complete, frappe.db.get_single_value("System Settings", "setup_complete"))
