"""AI Inventory by Department on any site: ERPNext's Departments where it is installed (see
aims_app/integrations/test_company.py), else the system's Department / Unit text."""

import frappe

from aims_app.ai_systems.report.ai_inventory_by_department.ai_inventory_by_department import execute
from aims_app.integrations.people import erpnext_installed
from aims_app.tests import AimsTestCase, acting_as, counting_queries
from aims_app.tests.scenarios import ai_risk, insert

MANAGER = "aims-manager@example.com"


def counts() -> dict[str, tuple[int, int]]:
	return {row["department"]: (row["systems"], row["risks"]) for row in execute({})[1]}


def system(unit: str):
	return insert(
		"AI System",
		system_name=f"Claims triage {frappe.generate_hash(length=6)}",
		system_owner=MANAGER,
		purpose="Sort incoming claims.",
		organisational_unit=unit,
	)


class TestAIInventoryByDepartment(AimsTestCase):
	def test_systems_and_their_open_risks_are_counted_under_their_unit(self):
		# without ERPNext by the Department / Unit text; with it, a system without Department: "No department"
		unit = "Claims" if not erpnext_installed() else "No department"
		with acting_as(MANAGER):
			before = counts().get(unit, (0, 0))
			first, second = system("Claims"), system("Claims")
			ai_risk(first.name, MANAGER)
			ai_risk(second.name, MANAGER, title="Closed one", status="Closed")
			after = counts()[unit]
		self.assertEqual((after[0] - before[0], after[1] - before[1]), (2, 1), "closed risks are not counted")

	def test_the_query_count_does_not_grow_with_the_data(self):
		def queries() -> int:
			execute({})
			with counting_queries() as made:
				execute({})
			return len(made)

		with acting_as(MANAGER):
			system("Claims")
			few = queries()
			for _ in range(5):
				ai_risk(system("Claims").name, MANAGER)
			self.assertLessEqual(queries(), few, "more systems and risks, no more queries")
