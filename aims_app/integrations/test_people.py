"""People as ERPNext knows them: department and manager shown, and what a leaver owns handed back to the AIMS
Manager (runs where ERPNext is installed)."""

import frappe
from frappe.utils import add_days, today

from aims_app.ai_assurance.doctype.nonconformity.test_nonconformity import raise_nonconformity
from aims_app.ai_assurance.report.aims_readiness.aims_readiness import execute as readiness
from aims_app.integrations.people import flag_records_of_leavers
from aims_app.tests import AimsTestCase, counting_queries, erp, make_user, needs_apps
from aims_app.tests.scenarios import ai_risk, evidence

LEAVER = "leaving-owner@example.com"
STAYER = "staying-owner@example.com"
MANAGERS = ("aims-manager-one@example.com", "aims-manager-two@example.com")
NC_OWNER = "nc-owner@example.com"


def system_owned_by(owner: str, name: str):
	return erp.ai_system(name, owner)


def flag(doctype: str, name: str) -> int:
	return frappe.db.get_value(doctype, name, "owner_left")


@needs_apps("erpnext")
class TestPeople(AimsTestCase):
	def setUp(self):
		for user in (LEAVER, STAYER):
			make_user(user, ["AI System Owner", "AI Risk Owner"])
		for user in MANAGERS:
			make_user(user, ["AIMS Manager"])
		make_user(NC_OWNER, ["AI System Owner"])

	def test_the_ai_system_form_shows_its_owners_department_and_manager(self):
		boss = erp.employee("Petra", department=erp.department("Data Science"))
		erp.employee("Lukas", STAYER, department=erp.department("Data Science"), reports_to=boss.name)
		system = system_owned_by(STAYER, "Demand forecast")
		system.run_method("onload")
		self.assertIn(
			{
				"message": "Owner Lukas: Data Science - "
				+ frappe.db.get_value("Company", erp.company(), "abbr")
				+ ", reporting to Petra.",
				"indicator": "blue",
			},
			system.get_onload().erp_notes,
		)
		without_employee = system_owned_by(NC_OWNER, "Shelf scanner")
		without_employee.run_method("onload")
		self.assertEqual(without_employee.get_onload().erp_notes, [])

	def owned_records(self, owner: str) -> dict:
		system = system_owned_by(owner, f"Pricing engine of {owner}")
		risk = ai_risk(system.name, owner)
		control = frappe.get_all("Control Implementation", pluck="name", limit=1, order_by="name")[0]
		frappe.db.set_value("Control Implementation", control, "control_owner", owner)
		proof = evidence(f"Pricing log of {owner}", owner, [{"control_implementation": control}])
		nonconformity = raise_nonconformity(
			nc_owner=NC_OWNER,
			corrective_actions=[
				{"action": "Retrain the model", "action_owner": owner, "due_date": add_days(today(), 9)}
			],
		)
		return {
			"AI System": system.name,
			"AI Risk": risk.name,
			"Control Implementation": control,
			"AIMS Evidence": proof.name,
			"Nonconformity Corrective Action": nonconformity.corrective_actions[0].name,
			"nonconformity": nonconformity.name,
		}

	def test_what_a_leaver_owns_is_flagged_and_each_aims_manager_gets_one_todo_listing_it(self):
		person = erp.employee("Nora", LEAVER)
		records = self.owned_records(LEAVER)
		stayer_system = system_owned_by(STAYER, "Stock planner")
		erp.employee("Sam", STAYER)

		flag_records_of_leavers()
		self.assertFalse(flag(*("AI System", records["AI System"])), "Nora has not left yet")

		erp.leave(person.name)
		flag_records_of_leavers()
		for doctype in (
			"AI System",
			"AI Risk",
			"Control Implementation",
			"AIMS Evidence",
			"Nonconformity Corrective Action",
		):
			self.assertEqual(flag(doctype, records[doctype]), 1, doctype)
		self.assertEqual(flag("AI System", stayer_system.name), 0)

		todos = frappe.get_all(
			"ToDo",
			filters={"reference_type": "Employee", "reference_name": person.name, "status": "Open"},
			fields=["allocated_to", "description"],
		)
		every_aims_manager = frappe.get_all(
			"User",
			filters={
				"enabled": 1,
				"name": (
					"in",
					frappe.get_all(
						"Has Role", filters={"role": "AIMS Manager", "parenttype": "User"}, pluck="parent"
					),
				),
			},
			pluck="name",
		)
		self.assertTrue(set(MANAGERS) <= set(every_aims_manager))
		self.assertEqual(sorted(todo.allocated_to for todo in todos), sorted(every_aims_manager))
		listing = todos[0].description
		self.assertIn(f"Nora ({LEAVER}) has left", listing)
		for text in (
			f"AI System {records['AI System']}",
			f"AI Risk {records['AI Risk']}",
			f"Control Implementation {records['Control Implementation']}",
			f"AIMS Evidence {records['AIMS Evidence']}",
			f"Corrective action 1 of Nonconformity {records['nonconformity']}",
		):
			self.assertIn(text, listing)

		flag_records_of_leavers()
		self.assertEqual(
			frappe.db.count("ToDo", {"reference_type": "Employee", "reference_name": person.name}),
			len(every_aims_manager),
			"the next day's run adds no second ToDo",
		)

		system = frappe.get_doc("AI System", records["AI System"])
		system.system_owner = STAYER
		system.save()
		self.assertEqual(flag("AI System", system.name), 0, "reassigned: no longer flagged")
		flag_records_of_leavers()
		self.assertEqual(flag("AI System", system.name), 0)
		self.assertEqual(flag("AI Risk", records["AI Risk"]), 1)

	def test_a_relieving_date_that_has_passed_counts_as_leaving(self):
		person = erp.employee("Otto", LEAVER, relieving_date=add_days(today(), 3))
		system = system_owned_by(LEAVER, "Churn model")
		flag_records_of_leavers()
		self.assertEqual(flag("AI System", system.name), 0, "still with us until the relieving date")
		frappe.db.set_value("Employee", person.name, "relieving_date", add_days(today(), -1))
		flag_records_of_leavers()
		self.assertEqual(flag("AI System", system.name), 1)

	def test_the_daily_check_is_set_based(self):
		person = erp.employee("Vera", LEAVER)
		erp.leave(person.name)
		system_owned_by(LEAVER, "First model")

		def reset():
			frappe.db.sql("update `tabAI System` set owner_left = 0")
			frappe.db.delete("ToDo", {"reference_type": "Employee", "reference_name": person.name})

		def queries() -> int:
			reset()
			flag_records_of_leavers()  # with Frappe's caches warm, as on the next day
			reset()
			with counting_queries() as run:
				flag_records_of_leavers()
			return len(run)

		few = queries()
		for number in range(10):
			system_owned_by(LEAVER, f"Model {number}")
		# ten more records, at most one more query (a cache Frappe v16 fills differently), never one a record
		self.assertLessEqual(queries(), few + 1, "more records of leavers, no more queries")

	def test_owners_who_have_left_are_a_gap_of_roles_and_responsibilities(self):
		person = erp.employee("Ida", LEAVER)
		system_owned_by(LEAVER, "Route optimiser")
		erp.leave(person.name)
		flag_records_of_leavers()
		row = {row.requirement_id: row for row in readiness({})[1]}["A.3.2"]
		self.assertIn("1 AIMS record(s) are owned by people who have left: reassign them.", row.missing)
		self.assertNotEqual(row.status, "Ready")
