"""ERPNext's Company and Department on AIMS records and reports (runs where ERPNext is installed)."""

import frappe
from frappe.permissions import add_user_permission

from aims_app.ai_risk.report.ai_risk_register.ai_risk_register import execute as risk_register
from aims_app.tests import AimsTestCase, acting_as, erp, make_user, needs_apps
from aims_app.tests.scenarios import ai_risk

RISK_OWNER = "company-risk-owner@example.com"
MANAGER = "company-aims-manager@example.com"
SECOND_COMPANY = "AIMS Test Subsidiary"


def second_company() -> str:
	if not frappe.db.exists("Company", SECOND_COMPANY):
		frappe.get_doc(
			{
				"doctype": "Company",
				"company_name": SECOND_COMPANY,
				"abbr": "ATS",
				"default_currency": frappe.db.get_value("Company", erp.company(), "default_currency"),
				"country": frappe.db.get_value("Company", erp.company(), "country"),
				"create_chart_of_accounts_based_on": "Standard Template",
				"chart_of_accounts": "Standard",
			}
		).insert()
	return SECOND_COMPANY


def system_in(company: str, name: str, department: str | None = None):
	return erp.ai_system(name, RISK_OWNER, company=company, department=department)


def register(**filters) -> list[str]:
	return sorted(row.title for row in risk_register(filters)[1])


@needs_apps("erpnext")
class TestCompany(AimsTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		second_company()  # kept on the test site, like the test users: a company takes seconds to set up
		frappe.db.commit()

	def setUp(self):
		make_user(RISK_OWNER, ["AI Risk Owner", "AI System Owner"])
		make_user(MANAGER, ["AIMS Manager"])
		self.home, self.other = erp.company(), SECOND_COMPANY
		home_system, other_system = (
			system_in(self.home, "Credit scoring"),
			system_in(self.other, "Fraud scoring"),
		)
		ai_risk(home_system.name, RISK_OWNER, title="Home risk", company=self.home)
		ai_risk(other_system.name, RISK_OWNER, title="Subsidiary risk", company=self.other)

	def test_new_records_take_the_users_default_company(self):
		with acting_as(MANAGER):
			frappe.defaults.set_user_default("company", self.other)
			try:
				for doctype in ("AI System", "AI Risk", "AIMS Scope"):
					self.assertEqual(frappe.new_doc(doctype).company, self.other, doctype)
			finally:
				frappe.defaults.clear_user_default("company")

	def test_the_risk_register_filters_by_company(self):
		with acting_as(MANAGER):
			self.assertEqual(register(company=self.home), ["Home risk"])
			self.assertEqual(register(company=self.other), ["Subsidiary risk"])
			self.assertEqual(
				register(), ["Home risk", "Subsidiary risk"], "one company or all: no difference"
			)
			self.assertEqual(register(company="No Such Company"), [], "an unknown company finds nothing")

	def test_a_user_restricted_to_one_company_sees_only_its_risks_and_is_refused_the_other(self):
		add_user_permission("Company", self.home, MANAGER)
		with acting_as(MANAGER):
			self.assertEqual(register(), ["Home risk"])
			self.assertRaisesRegex(
				frappe.PermissionError,
				f"You may not see the records of Company .*{SECOND_COMPANY}",
				register,
				company=self.other,
			)
			self.assertRaisesRegex(
				frappe.PermissionError, "Company .*No Such Company", register, company="No Such Company"
			)

	def test_the_risk_register_by_department_includes_the_departments_below(self):
		parent = erp.department("Lending", is_group=True)
		child = erp.department("Retail Lending", parent=parent)
		retail = system_in(self.home, "Card limits", department=child)
		ai_risk(retail.name, RISK_OWNER, title="Retail risk", company=self.home)
		treasury = erp.department("Treasury")
		with acting_as(MANAGER):
			self.assertEqual(register(department=parent), ["Retail risk"])
			self.assertEqual(register(department=child, ai_system=retail.name), ["Retail risk"])
			self.assertEqual(register(department=treasury), [])
