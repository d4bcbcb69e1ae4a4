"""An ERPNext Supplier and the AI Supplier it is, as a buyer of AI uses them (runs where ERPNext is installed)."""

import frappe
from frappe.desk.notifications import get_open_count

from aims_app.integrations.suppliers import make_ai_supplier
from aims_app.tests import AimsTestCase, ApiClient, erp, make_user, needs_apps
from aims_app.tests.scenarios import insert

OWNER = "supplier-systems-owner@example.com"
MANAGER = "supplier-aims-manager@example.com"


def ai_system_using(ai_supplier: str, name: str):
	return erp.ai_system(
		name, OWNER, suppliers=[{"ai_supplier": ai_supplier, "supplies": "Hosted language model"}]
	)


@needs_apps("erpnext")
class TestSupplierConnections(AimsTestCase):
	def setUp(self):
		make_user(OWNER, ["AI System Owner"])

	def test_the_supplier_form_lists_its_ai_supplier_and_ai_systems_under_connections(self):
		supplier = erp.supplier("Lexicon Cloud Ltd")
		ai_supplier = insert(
			"AI Supplier", supplier_name="Lexicon Cloud", supply_type="AI model", supplier=supplier.name
		)
		ai_system_using(ai_supplier.name, "Support chatbot")
		ai_system_using(ai_supplier.name, "Ticket summariser")

		groups = frappe.get_meta("Supplier").get_dashboard_data().transactions
		self.assertIn({"label": "AI Management", "items": ["AI Supplier", "AI System"]}, groups)
		counts = {
			row["doctype"]: row["count"]
			for row in get_open_count("Supplier", supplier.name)["count"]["external_links_found"]
		}
		self.assertEqual(counts["AI Supplier"], 1)
		self.assertEqual(counts["AI System"], 2)
		self.assertEqual(counts["Purchase Order"], 0, "ERPNext's own connections are still there")

	def test_create_ai_supplier_from_a_supplier_carries_its_name_and_contacts(self):
		supplier = erp.supplier("Vision Labs GmbH")
		person = erp.contact("Mara", "mara@visionlabs.example", ("Supplier", supplier.name))

		ai_supplier = make_ai_supplier(supplier.name)
		self.assertEqual(
			(ai_supplier.supplier_name, ai_supplier.supplier), ("Vision Labs GmbH", supplier.name)
		)
		ai_supplier.supply_type = "AI model"
		ai_supplier.insert()

		linked = {
			(link.link_doctype, link.link_name) for link in frappe.get_doc("Contact", person.name).links
		}
		self.assertEqual(linked, {("Supplier", supplier.name), ("AI Supplier", ai_supplier.name)})
		ai_supplier = frappe.get_doc("AI Supplier", ai_supplier.name)
		ai_supplier.run_method("onload")
		self.assertEqual(
			[row.email_id for row in ai_supplier.get_onload().contact_list], ["mara@visionlabs.example"]
		)

	def test_a_supplier_has_one_ai_supplier(self):
		supplier = erp.supplier("Only Once AG")
		make_ai_supplier(supplier.name).update({"supply_type": "Dataset"}).insert()
		self.assertRaisesRegex(
			frappe.DuplicateEntryError,
			"already has the AI Supplier Only Once AG",
			make_ai_supplier,
			supplier.name,
		)
		self.assertEqual(frappe.db.count("AI Supplier", {"supplier": supplier.name}), 1)

	def test_a_disabled_or_held_supplier_flags_the_ai_systems_that_depend_on_it(self):
		supplier = erp.supplier("Halted Models Inc")
		ai_supplier = insert(
			"AI Supplier", supplier_name="Halted Models", supply_type="AI model", supplier=supplier.name
		)
		system = ai_system_using(ai_supplier.name, "Invoice reader")
		unrelated = ai_system_using(
			insert("AI Supplier", supplier_name="Unrelated Vendor", supply_type="Dataset").name,
			"Route planner",
		)

		supplier.reload()
		supplier.on_hold = 1
		supplier.hold_type = "All"
		supplier.save()

		def notes(name):
			doc = frappe.get_doc("AI System", name)
			doc.run_method("onload")
			return [note["message"] for note in doc.get_onload().get("erp_notes") or []]

		def comments(name):
			return frappe.get_all(
				"Comment", filters={"reference_doctype": "AI System", "reference_name": name}, pluck="content"
			)

		self.assertEqual(
			notes(system.name),
			[f"Supplier {supplier.name} (of AI Supplier Halted Models) is on hold in ERPNext."],
		)
		self.assertEqual(
			comments(system.name),
			[f"Supplier {supplier.name}, on which this AI system depends, was put on hold in ERPNext."],
		)
		self.assertEqual((notes(unrelated.name), comments(unrelated.name)), ([], []))

		supplier.reload()
		supplier.disabled = 1
		supplier.save()
		self.assertIn(
			f"Supplier {supplier.name} (of AI Supplier Halted Models) is disabled in ERPNext.",
			notes(system.name),
		)
		self.assertEqual(len(comments(system.name)), 2)


@needs_apps("erpnext")
class TestSupplierDeletion(AimsTestCase):
	"""Through the REST API, as the desk deletes: the request is one transaction."""

	def test_a_supplier_an_ai_supplier_links_to_cannot_be_deleted_and_nothing_changes(self):
		make_user(MANAGER, ["AIMS Manager", "Purchase Master Manager"])
		supplier = erp.supplier("Linked Vendor SA")
		person = erp.contact("Ines", "ines@linked.example", ("Supplier", supplier.name))
		ai_supplier = insert(
			"AI Supplier", supplier_name="Linked Vendor", supply_type="Dataset", supplier=supplier.name
		)
		api = ApiClient(MANAGER)
		frappe.db.commit()
		self.addCleanup(self.remove, supplier.name, ai_supplier.name, person.name)

		response = api.delete(f"/api/resource/Supplier/{supplier.name}")
		self.assertEqual(response.status_code, 417)
		self.assertIn("AI Supplier", response.get_data(as_text=True))
		self.assertIn("Linked Vendor", response.get_data(as_text=True))
		frappe.db.rollback()
		self.assertTrue(frappe.db.exists("Supplier", supplier.name))
		self.assertEqual(frappe.db.get_value("AI Supplier", ai_supplier.name, "supplier"), supplier.name)
		self.assertTrue(frappe.db.exists("Contact", person.name), "the supplier's contact is still there")

	def remove(self, supplier: str, ai_supplier: str, contact: str):
		frappe.db.rollback()
		frappe.delete_doc("AI Supplier", ai_supplier, force=True)
		frappe.delete_doc("Contact", contact, force=True)
		frappe.delete_doc("Supplier", supplier, force=True)
		frappe.db.commit()
