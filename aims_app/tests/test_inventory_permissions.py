"""Who may do what in the inventory, tried through the REST API as real users with API keys.

The records are committed (an API request runs in its own connection) and removed afterwards.
"""

import json
from urllib.parse import quote

import frappe

from aims_app.tests import AimsTestCase, ApiClient, make_user

USERS = {
	"manager": ("perm-manager@example.com", ["AIMS Manager"]),
	"owner_a": ("perm-owner-a@example.com", ["AI System Owner"]),
	"owner_b": ("perm-owner-b@example.com", ["AI System Owner"]),
	"viewer": ("perm-viewer@example.com", ["AIMS Viewer"]),
	"auditor": ("perm-auditor@example.com", ["AIMS Auditor"]),
	"desk_user": ("perm-desk-user@example.com", []),
}


def resource(doctype: str, name: str | None = None) -> str:
	return f"/api/resource/{doctype}" + (f"/{name}" if name else "")


# Everything these tests create, API calls included, is named "Perm ...".
TEST_RECORDS = (
	("AI Incident", "title"),
	("AI System", "system_name"),
	("AI Model", "model_name"),
	("AI Supplier", "supplier_name"),
)


def remove_test_records():
	for doctype, field in TEST_RECORDS:
		for name in frappe.get_all(doctype, filters={field: ("like", "Perm%")}, pluck="name"):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	frappe.db.commit()


def new_system(name: str, owner: str) -> dict:
	return {
		"system_name": name,
		"system_owner": owner,
		"purpose": "Route support tickets",
		"lifecycle_stage": "Concept",
	}


class TestInventoryPermissions(AimsTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		remove_test_records()
		cls.users = {key: make_user(email, roles) for key, (email, roles) in USERS.items()}
		cls.api = {key: ApiClient(email) for key, email in cls.users.items()}
		insert = lambda doctype, **f: frappe.get_doc({"doctype": doctype, **f}).insert().name  # noqa: E731
		cls.supplier = insert("AI Supplier", supplier_name="Perm Test Supplier", supply_type="AI model")
		cls.model_a = insert("AI Model", model_name="Perm model A", model_type="Classification")
		cls.model_b = insert("AI Model", model_name="Perm model B", model_type="Classification")
		cls.system_a = insert(
			"AI System",
			**new_system("Perm system A", cls.users["owner_a"]),
			models=[{"ai_model": cls.model_a}],
		)
		cls.system_b = insert(
			"AI System",
			**new_system("Perm system B", cls.users["owner_b"]),
			models=[{"ai_model": cls.model_b}],
		)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		remove_test_records()
		super().tearDownClass()

	def assertStatus(self, response, status: int):
		self.assertEqual(response.status_code, status, response.get_data(as_text=True)[:500])

	def test_everyone_with_an_aims_role_reads_the_inventory(self):
		for key in ("manager", "owner_a", "owner_b", "viewer", "auditor"):
			with self.subTest(user=key):
				self.assertStatus(self.api[key].get(resource("AI System", self.system_b)), 200)
				names = json.dumps([["name", "in", [self.system_a, self.system_b]]])
				listed = self.api[key].get(resource("AI System") + f"?filters={quote(names)}")
				self.assertStatus(listed, 200)
				self.assertEqual(len(listed.json["data"]), 2)

	def test_a_user_without_aims_roles_sees_nothing(self):
		self.assertStatus(self.api["desk_user"].get(resource("AI System", self.system_a)), 403)
		self.assertStatus(self.api["desk_user"].get(resource("AI System")), 403)

	def test_viewer_and_auditor_cannot_change_anything(self):
		for key in ("viewer", "auditor"):
			with self.subTest(user=key):
				api = self.api[key]
				self.assertStatus(api.put(resource("AI System", self.system_a), {"purpose": "changed"}), 403)
				self.assertStatus(
					api.post(resource("AI System"), new_system(f"Perm by {key}", self.users[key])), 403
				)
				self.assertStatus(api.delete(resource("AI System", self.system_a)), 403)
		self.assertEqual(frappe.db.get_value("AI System", self.system_a, "purpose"), "Route support tickets")

	def test_an_owner_edits_their_own_system_only(self):
		api = self.api["owner_a"]
		self.assertStatus(
			api.put(resource("AI System", self.system_a), {"human_oversight": "Agent reviews"}), 200
		)
		self.assertStatus(api.put(resource("AI System", self.system_b), {"human_oversight": "Hijacked"}), 403)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("AI System", self.system_a, "human_oversight"), "Agent reviews")
		self.assertFalse(frappe.db.get_value("AI System", self.system_b, "human_oversight"))

	def test_an_owner_creates_systems_only_for_themselves(self):
		api = self.api["owner_a"]
		self.assertStatus(
			api.post(resource("AI System"), new_system("Perm created by A", self.users["owner_a"])), 200
		)
		self.assertStatus(
			api.post(resource("AI System"), new_system("Perm planted on B", self.users["owner_b"])), 403
		)
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists("AI System", {"system_name": "Perm planted on B"}))

	def test_an_owner_edits_the_models_of_their_systems_only(self):
		api = self.api["owner_a"]
		self.assertStatus(api.put(resource("AI Model", self.model_a), {"model_version": "2"}), 200)
		self.assertStatus(api.put(resource("AI Model", self.model_b), {"model_version": "2"}), 403)

	def test_an_owner_records_incidents_of_their_systems_only(self):
		api = self.api["owner_a"]
		incident = {
			"title": "Perm incident",
			"occurred_on": "2026-11-01 10:00:00",
			"became_aware_on": "2026-11-02",
			"severity": "Low",
			"description": "Misrouted tickets",
		}
		self.assertStatus(api.post(resource("AI Incident"), {**incident, "ai_system": self.system_a}), 200)
		self.assertStatus(api.post(resource("AI Incident"), {**incident, "ai_system": self.system_b}), 403)

	def test_suppliers_are_managed_by_aims_managers(self):
		supplier = {"supplier_name": "Perm Supplier Two", "supply_type": "Dataset"}
		self.assertStatus(self.api["owner_a"].post(resource("AI Supplier"), supplier), 403)
		self.assertStatus(self.api["manager"].post(resource("AI Supplier"), supplier), 200)

	def test_a_manager_edits_any_system_and_may_override_its_tier(self):
		api = self.api["manager"]
		override = {
			"tier_override": "Minimal risk",
			"override_justification": "Internal tool, no effect on people",
		}
		self.assertStatus(api.put(resource("AI System", self.system_b), override), 200)
		self.assertStatus(self.api["owner_a"].put(resource("AI System", self.system_a), override), 403)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("AI System", self.system_b, "eu_ai_act_tier"), "Minimal risk")
		self.assertFalse(frappe.db.get_value("AI System", self.system_a, "tier_override"))
