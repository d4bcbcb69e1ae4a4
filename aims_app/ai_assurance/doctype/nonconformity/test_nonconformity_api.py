"""The nonconformity workflow refuses every forbidden step made through the REST API by a real user.

The records are committed (each API request runs in its own connection) and removed afterwards.
"""

import json

import frappe
from frappe.utils import today

from aims_app.ai_assurance.doctype.nonconformity.test_nonconformity import (
	raise_nonconformity,
	walk_to_verification,
)
from aims_app.tests import AimsTestCase, ApiClient, make_user

USERS = {
	"owner": ("nc-owner@example.com", ["AI System Owner"]),
	"fixer": ("fixer@example.com", ["AI System Owner"]),
	"auditor": ("auditor@example.com", ["AIMS Auditor"]),
	"viewer": ("nc-viewer@example.com", ["AIMS Viewer"]),
}
TITLE = "API nonconformity"


def remove_test_records():
	for name in frappe.get_all("Nonconformity", filters={"title": ("like", f"{TITLE}%")}, pluck="name"):
		frappe.db.delete("ToDo", {"reference_type": "Nonconformity", "reference_name": name})
		frappe.delete_doc("Nonconformity", name, force=True, ignore_permissions=True)
	frappe.db.commit()


class TestNonconformityApi(AimsTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		remove_test_records()
		cls.users = {key: make_user(email, roles) for key, (email, roles) in USERS.items()}
		cls.api = {key: ApiClient(email) for key, email in cls.users.items()}
		cls.open = raise_nonconformity(title=f"{TITLE} open").name
		cls.verifying = walk_to_verification(
			raise_nonconformity(title=f"{TITLE} verifying"), user="Administrator"
		).name
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		remove_test_records()
		super().tearDownClass()

	def state(self, name):
		"""As stored now: end this connection's transaction so that its next read sees the API's commits."""
		frappe.db.rollback()
		return frappe.db.get_value("Nonconformity", name, ["workflow_state", "modified"])

	def apply(self, user, name, action):
		"""The desk's workflow button: the action applies to the record as stored."""
		doc = frappe.get_doc("Nonconformity", name).as_dict()
		return self.api[user].post(
			"/api/method/frappe.model.workflow.apply_workflow",
			{"doc": json.dumps(doc, default=str), "action": action},
		)

	def record(self, user, name, **changes):
		response = self.api[user].put(f"/api/resource/Nonconformity/{name}", changes)
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:300])

	def assertRefused(self, response, message=""):
		self.assertGreaterEqual(response.status_code, 400, response.get_data(as_text=True)[:300])
		self.assertIn(message, response.get_data(as_text=True))

	def test_skipping_stages_is_refused_and_changes_nothing(self):
		before = self.state(self.open)
		self.assertRefused(self.apply("owner", self.open, "Close"), "Not a valid Workflow Action")
		self.assertRefused(
			self.apply("owner", self.open, "Analyse Root Cause"), "Not a valid Workflow Action"
		)
		put = self.api["owner"].put(f"/api/resource/Nonconformity/{self.open}", {"workflow_state": "Closed"})
		self.assertRefused(put)
		self.assertEqual(self.state(self.open), before)

	def test_a_step_by_a_role_the_workflow_does_not_name_is_refused(self):
		before = self.state(self.open)
		self.assertRefused(self.apply("viewer", self.open, "Record Correction"))
		self.assertRefused(self.apply("owner", self.verifying, "Close"), "Not a valid Workflow Action")
		self.assertEqual(self.state(self.open), before)

	def test_closing_without_a_passed_check_by_someone_else_is_refused(self):
		cases = [
			(
				{"effectiveness_result": "Not effective", "verified_by": self.users["auditor"]},
				"whose result is Effective",
			),
			(
				{"effectiveness_result": "Effective", "verified_by": self.users["fixer"]},
				"someone other than the owner",
			),
			({"effectiveness_result": "", "verified_by": ""}, "whose result is Effective"),
		]
		for changes, message in cases:
			with self.subTest(changes=changes):
				self.record("auditor", self.verifying, verified_on=today(), **changes)
				self.assertRefused(self.apply("auditor", self.verifying, "Close"), message)
				self.assertEqual(self.state(self.verifying)[0], "Verification")

	def test_the_auditor_closes_after_an_effective_check(self):
		self.record(
			"auditor",
			self.verifying,
			effectiveness_result="Effective",
			verified_by=self.users["auditor"],
			verified_on=today(),
		)
		response = self.apply("auditor", self.verifying, "Close")
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:300])
		self.assertEqual(self.state(self.verifying)[0], "Closed")
