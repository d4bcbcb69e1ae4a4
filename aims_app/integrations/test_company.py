"""ERPNext's Company and Department on AIMS records and reports (runs where ERPNext is installed)."""

import frappe
from frappe.permissions import add_user_permission

from aims_app.ai_assurance.dashboard_chart_source.readiness_by_clause import readiness_by_clause
from aims_app.ai_assurance.readiness.fact_names import Fact
from aims_app.ai_assurance.readiness.facts import organisation_facts
from aims_app.ai_assurance.report.aims_readiness.aims_readiness import execute as readiness
from aims_app.ai_assurance.report.framework_crosswalk.framework_crosswalk import execute as crosswalk
from aims_app.ai_governance import dashboard
from aims_app.ai_risk.report.ai_risk_register.ai_risk_register import execute as risk_register
from aims_app.ai_risk.report.live_statement_of_applicability.live_statement_of_applicability import (
	execute as live_soa,
)
from aims_app.ai_systems.report.ai_inventory_by_department.ai_inventory_by_department import (
	execute as by_department,
)
from aims_app.integrations.company import boot_report_filters
from aims_app.tests import AimsTestCase, acting_as, card_value, counting_queries, erp, make_user, needs_apps
from aims_app.tests.scenarios import ai_risk, evidence, insert

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


CONTROL = "ISO-42001-A.6.2.6"


def register(**filters) -> list[str]:
	return sorted(row.title for row in risk_register(filters)[1])


def soa_evidence(**filters) -> int:
	return next(row.evidence_count for row in live_soa(filters)[1] if row.control_implementation == CONTROL)


def departments(**filters) -> dict[str, dict]:
	return {row["department"]: row for row in by_department(filters)[1]}


# Every AIMS report and the readiness chart, called as the desk calls them with a Company filter.
FILTERED = {
	"AI Risk Register": lambda company: risk_register({"company": company}),
	"Live Statement of Applicability": lambda company: live_soa({"company": company}),
	"AIMS Readiness": lambda company: readiness({"company": company}),
	"Framework Crosswalk": lambda company: crosswalk({"company": company}),
	"AI Inventory by Department": lambda company: by_department({"company": company}),
	"Readiness by Clause": lambda company: readiness_by_clause.get(
		filters=frappe.as_json({"company": company})
	),
}


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
				for doctype in (
					"AI System",
					"AI Risk",
					"AIMS Scope",
					"AI Incident",
					"Nonconformity",
					"AI Impact Assessment",
					"AIMS Evidence",
				):
					self.assertEqual(frappe.new_doc(doctype).company, self.other, doctype)
			finally:
				frappe.defaults.clear_user_default("company")

	def test_the_desk_offers_the_companies_the_user_may_see_with_their_default_chosen(self):
		lending = erp.department("Lending", is_group=True)

		def offered() -> tuple[list[str], str | None, list[str]]:
			boot = frappe._dict()
			boot_report_filters(boot)
			company, department = boot.aims_company_filters[0], boot.aims_department_filters[0]
			return company["options"], company["default"], department["options"]

		with acting_as(MANAGER):
			frappe.defaults.set_user_default("company", self.other)
			try:
				companies, default, departments = offered()
			finally:
				frappe.defaults.clear_user_default("company")
		self.assertTrue({self.home, self.other} <= set(companies), companies)
		self.assertEqual(default, self.other)
		self.assertIn(lending, departments)
		add_user_permission("Company", self.home, MANAGER)
		with acting_as(MANAGER):
			companies, default, _departments = offered()
		self.assertEqual(companies, ["", self.home], "only the company they may see")
		self.assertIn(default, (None, self.home))

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

	def test_a_user_restricted_to_one_company_cannot_move_a_record_of_another_into_it(self):
		add_user_permission("Company", self.home, MANAGER)
		for doctype in ("AI System", "AI Risk"):
			theirs = frappe.get_all(doctype, filters={"company": self.other}, pluck="name", limit=1)[0]
			with acting_as(MANAGER):
				doc = frappe.get_doc(doctype, theirs)
				doc.company = self.home
				self.assertRaises(frappe.PermissionError, doc.save)
			self.assertEqual(frappe.db.get_value(doctype, theirs, "company"), self.other, doctype)

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

	def test_every_report_chart_and_card_refuses_a_company_the_user_may_not_see(self):
		add_user_permission("Company", self.home, MANAGER)
		with acting_as(MANAGER):
			for name, run in FILTERED.items():
				with self.subTest(name):
					run(self.home)  # allowed
					self.assertRaisesRegex(
						frappe.PermissionError,
						f"You may not see the records of Company .*{SECOND_COMPANY}",
						run,
						self.other,
					)

	def test_the_soa_counts_the_evidence_of_the_company_filtered_on(self):
		companies = (self.home, self.other, None)
		with acting_as(MANAGER):
			before = [soa_evidence(company=company) for company in companies]
			evidence("Home policy", MANAGER, [{"control_implementation": CONTROL}], company=self.home)
			evidence("Subsidiary policy", MANAGER, [{"control_implementation": CONTROL}], company=self.other)
			evidence("Subsidiary rules", MANAGER, [{"control_implementation": CONTROL}], company=self.other)
			after = [soa_evidence(company=company) for company in companies]
		self.assertEqual([a - b for a, b in zip(after, before, strict=True)], [1, 2, 3])

	def test_readiness_counts_the_records_of_the_company_filtered_on(self):
		companies = (self.home, self.other, None)
		with acting_as(MANAGER):
			before = [organisation_facts({"company": company})[0][Fact.RISKS] for company in companies]
			ai_risk(None, RISK_OWNER, title="Another home risk", company=self.home)
			after = [organisation_facts({"company": company})[0][Fact.RISKS] for company in companies]
		self.assertEqual([a - b for a, b in zip(after, before, strict=True)], [1, 0, 1])

	def test_cards_count_every_company_and_a_restricted_user_only_theirs(self):
		cards = ("Open Nonconformities", "Expired Evidence", "Overdue Corrective Actions")
		with acting_as(MANAGER):
			before = [card_value(name) for name in cards]
			for company in (self.home, self.other):
				insert(
					"Nonconformity",
					title=f"Finding in {company}",
					grade="Minor",
					source="Monitoring",
					raised_on=frappe.utils.add_days(frappe.utils.today(), -60),
					nc_owner=MANAGER,
					description="Found in monitoring.",
					company=company,
					corrective_actions=[
						{
							"action": "Retrain the reviewers.",
							"action_owner": MANAGER,
							"due_date": frappe.utils.add_days(frappe.utils.today(), -1),
						}
					],
				)
				evidence(
					f"Expired record of {company}",
					MANAGER,
					[{"requirement": "ISO-42001-6.3"}],
					company=company,
					valid_until=frappe.utils.add_days(frappe.utils.today(), -1),
				)
			everyone = [card_value(name) for name in cards]
		self.assertEqual([a - b for a, b in zip(everyone, before, strict=True)], [2, 2, 2])
		add_user_permission("Company", self.home, MANAGER)
		with acting_as(MANAGER):
			restricted = [card_value(name) for name in cards]
		self.assertEqual(
			[a - b for a, b in zip(everyone, restricted, strict=True)], [1, 1, 1], "not the other's"
		)

	def test_the_inventory_by_department_counts_the_departments_below_and_each_company_apart(self):
		parent = erp.department("Lending", is_group=True)
		child = erp.department("Retail Lending", parent=parent)
		retail = system_in(self.home, "Card limits", department=child)
		ai_risk(retail.name, RISK_OWNER, title="Retail risk", company=self.home)
		system_in(self.other, "Subsidiary lending", department=parent)
		with acting_as(MANAGER):
			rows = departments(department=parent, company=self.home)
			self.assertEqual(list(rows), [parent, child])
			self.assertEqual(
				(rows[parent]["systems"], rows[parent][Fact.RISKS]), (1, 1), "the child's, rolled up"
			)
			self.assertEqual((rows[child]["systems"], rows[child][Fact.RISKS]), (1, 1))
			self.assertEqual(rows[child]["parent_department"], parent)
			self.assertEqual(departments(department=parent)[parent]["systems"], 2, "both companies")
			self.assertEqual(departments(department=child, company=self.other), {})

	def test_filtered_reports_make_as_many_queries_whatever_the_data(self):
		department = erp.department("Lending", is_group=True)

		def queries(run) -> int:
			run()  # warm the caches (meta, settings, permissions)
			with counting_queries() as made:
				run()
			return len(made)

		def add(count: int):
			for i in range(count):
				system = system_in(self.home, f"Lending model {frappe.generate_hash(length=6)}", department)
				ai_risk(system.name, RISK_OWNER, title=f"Lending risk {i}", company=self.home)

		add_user_permission("Company", self.home, MANAGER)
		with acting_as(MANAGER):
			for name, run in FILTERED.items():
				with self.subTest(name):
					add(1)
					few = queries(lambda run=run: run(self.home))
					add(6)
					self.assertLessEqual(
						queries(lambda run=run: run(self.home)), few, "no more with more data"
					)

	def test_the_heat_map_places_only_the_risks_of_a_restricted_users_companies(self):
		with acting_as(MANAGER):
			everyone = dashboard.risk_heat_map()["total"]
		add_user_permission("Company", self.home, MANAGER)
		with acting_as(MANAGER):
			self.assertEqual(everyone - dashboard.risk_heat_map()["total"], 1, "not the subsidiary's risk")
