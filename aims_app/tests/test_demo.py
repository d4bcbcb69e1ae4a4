"""`bench aims load-demo`: a small, coherent AIMS on any site, refused where it would mix with real records or
load twice, and `--remove` leaves the site as it was (scripts/lib/site_diff.py's comparison of every record)."""

import importlib.util

import frappe

from aims_app import demo
from aims_app.tests import AimsTestCase, default_outgoing_email_account, make_user

# Records Frappe keeps about documents: the demo's must go with it.
TRACE_TABLES = ("ToDo", "Version", "Comment", "Workflow Action", "Notification Log", "User", "Has Role")


def site_diff():
	path = frappe.get_app_path("aims_app", "..", "scripts", "lib", "site_diff.py")
	spec = importlib.util.spec_from_file_location("site_diff", path)
	module = importlib.util.module_from_spec(spec)
	spec.loader.exec_module(module)
	return module


class TestDemo(AimsTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.diff = site_diff()

	def setUp(self):
		super().setUp()
		self.assertIsNone(demo.Manifest.stored(), "the demo is not on the site when a test starts")
		# the demo commits what it loads, and with it this account: it goes when the test ends
		if account := default_outgoing_email_account():
			self.addCleanup(self.remove_account, account)

	@staticmethod
	def remove_account(account: str):
		frappe.delete_doc("Email Account", account, force=True, ignore_permissions=True)
		frappe.db.commit()

	def state(self) -> dict:
		state = self.diff.snapshot(frappe)
		state["traces"] = {table: frappe.db.count(table) for table in TRACE_TABLES}
		return state

	def assert_unchanged(self, before: dict):
		after = self.state()
		differing, links, files, _library = self.diff.differences(before, after)
		self.assertEqual(([], [], []), (differing[:10], links[:10], files[:10]))
		self.assertEqual(before["traces"], after["traces"])

	def test_load_fills_every_screen_a_second_load_is_refused_and_remove_leaves_the_site_as_it_was(self):
		before = self.state()
		self.addCleanup(lambda: demo.Manifest.stored() and demo.remove())
		demo.load()

		tiers = dict(frappe.get_all("AI System", fields=["system_name", "eu_ai_act_tier"], as_list=True))
		self.assertEqual(6, len(tiers))
		self.assertEqual("High-risk", tiers["CV Screening"])
		self.assertEqual("Limited risk", tiers["Ask Kestrel customer chatbot"])
		self.assertGreaterEqual(len(set(tiers.values())), 3, "systems across tiers")
		self.assertEqual(["Published"], frappe.get_all("AI Policy", pluck="workflow_state"))
		self.assertEqual([1], frappe.get_all("AIMS Scope", pluck="docstatus"))
		self.assertEqual([1], frappe.get_all("Statement of Applicability", pluck="docstatus"))
		self.assertEqual(["Accepted"], frappe.get_all("Risk Acceptance", pluck="workflow_state"))
		self.assertTrue(frappe.db.exists("AI Risk", {"treatment_option": "Modify"}))
		self.assertGreaterEqual(frappe.db.count("AI Impact Assessment", {"docstatus": 1}), 1)
		self.assertGreaterEqual(frappe.db.count("AIMS Evidence"), 3)
		self.assertEqual([1], frappe.get_all("AIMS Audit", pluck="docstatus"))
		stages = set(
			frappe.get_all("Nonconformity", filters={"aims_audit": ("is", "set")}, pluck="workflow_state")
		)
		self.assertGreaterEqual(len(stages), 3, f"findings at different stages: {stages}")
		self.assertEqual([1], frappe.get_all("Management Review", pluck="docstatus"))
		decided = frappe.db.count("Control Implementation", {"implementation_status": ("!=", "Not started")})
		self.assertGreaterEqual(decided, 5)

		loaded = self.state()
		for add in (False, True):
			with self.assertRaisesRegex(demo.DemoRefused, "already loaded"):
				demo.load(add=add)
			self.assert_unchanged(loaded)

		demo.remove()
		self.assert_unchanged(before)

	def test_a_site_with_real_records_is_refused_unless_told_to_add(self):
		party = frappe.get_doc(
			{
				"doctype": "Interested Party",
				"party_name": "A real customer group",
				"party_type": "Customer",
				"internal_or_external": "External",
				"needs_and_expectations": "Clear answers.",
				"addressed_by_aims": 0,
			}
		).insert()
		frappe.db.commit()
		self.addCleanup(
			lambda: frappe.delete_doc("Interested Party", party.name, force=True) or frappe.db.commit()
		)
		before = self.state()
		with self.assertRaisesRegex(demo.DemoRefused, "Interested Party: 1"):
			demo.load()
		self.assert_unchanged(before)

		self.addCleanup(lambda: demo.Manifest.stored() and demo.remove())
		demo.load(add=True)
		self.assertEqual(4, frappe.db.count("Interested Party"), "the real party and the demo's three")
		demo.remove()
		self.assert_unchanged(before)

	def test_people_an_earlier_demo_left_get_their_roles_back_and_remove_leaves_them_as_they_were(self):
		from aims_app.demo.records import DOMAIN, PEOPLE

		# An earlier demo on a site whose app was uninstalled since: its people stay, without AIMS roles.
		people = {f"{login}@{DOMAIN}": role for login, _name, role in PEOPLE.values()}
		for email in people:
			make_user(email, [])
			self.addCleanup(frappe.delete_doc, "User", email, force=True, ignore_permissions=True)
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		before = self.state()
		before_users = {email: frappe.db.get_value("User", email, "modified") for email in people}

		self.addCleanup(lambda: demo.Manifest.stored() and demo.remove())
		demo.load()
		held = {email: set(frappe.get_roles(email)) for email in people}
		self.assertEqual(
			{email: True for email in people}, {email: role in held[email] for email, role in people.items()}
		)
		self.assertEqual(6, frappe.db.count("AI System"))

		demo.remove()
		self.assertEqual({email: [] for email in people}, {email: self.roles_held(email) for email in people})
		self.assertEqual(before_users, {e: frappe.db.get_value("User", e, "modified") for e in people})
		self.assert_unchanged(before)

	@staticmethod
	def roles_held(email: str) -> list[str]:
		return frappe.get_all("Has Role", filters={"parenttype": "User", "parent": email}, pluck="role")

	def test_remove_without_the_demo_is_refused(self):
		with self.assertRaisesRegex(demo.DemoRefused, "not loaded"):
			demo.remove()
