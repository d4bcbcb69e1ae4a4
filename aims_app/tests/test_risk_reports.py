"""The live SoA and the risk register cost a fixed number of queries, however many records there are; the
register shows a page of rows at a time and counts every risk its user may read, and no other."""

import frappe

from aims_app.ai_risk.report.ai_risk_register.ai_risk_register import PAGE_LENGTH
from aims_app.ai_risk.report.ai_risk_register.ai_risk_register import execute as risk_register
from aims_app.ai_risk.report.live_statement_of_applicability.live_statement_of_applicability import (
	execute as live_soa,
)
from aims_app.tests import AimsTestCase, acting_as, counting_queries, make_user
from aims_app.tests.scenarios import ai_risk, cv_screening, evidence, insert

RISK_OWNER = "risk-owner@example.com"
SYSTEM_OWNER = "cv-owner@example.com"
LIMITED_VIEWER = "register-limited-viewer@example.com"
CONTROLS = ("ISO-42001-A.7.4", "ISO-42001-A.9.3", "ISO-42001-A.6.2.6")


class TestRiskReports(AimsTestCase):
	def setUp(self):
		make_user(RISK_OWNER, ["AI Risk Owner"])
		self.system = cv_screening(make_user(SYSTEM_OWNER, ["AI System Owner"])).system.name

	def add_records(self, count: int):
		for i in range(count):
			ai_risk(
				self.system,
				RISK_OWNER,
				title=f"Risk {i}",
				controls=[{"control_implementation": c} for c in CONTROLS[: i % 3 + 1]],
			)
			evidence(
				f"Evidence {i}",
				RISK_OWNER,
				[{"control_implementation": CONTROLS[i % 3]}, {"requirement": "ISO-42001-8.2"}],
			)

	def queries_for(self, report) -> int:
		"""Queries of a call, Frappe's own caches (meta, settings) warm."""
		report({})
		with counting_queries() as queries:
			columns, rows, *_ = report({})
		self.assertTrue(columns and rows)
		return len(queries)

	def test_query_count_does_not_grow_with_the_data(self):
		for report in (live_soa, risk_register):
			with self.subTest(report=report.__module__):
				self.add_records(2)
				few = self.queries_for(report)
				self.add_records(20)
				many = self.queries_for(report)
				self.assertLessEqual(many, few, "no more queries with more data")

	def test_live_soa_counts_risks_and_evidence_per_control(self):
		self.add_records(3)
		rows = {row.control_implementation: row for row in live_soa({})[1]}
		self.assertEqual(len(rows), 38)
		self.assertEqual(rows["ISO-42001-A.7.4"].risk_count, 3)
		self.assertEqual(rows["ISO-42001-A.6.2.6"].risk_count, 1)
		self.assertEqual(rows["ISO-42001-A.9.3"].evidence_count, 1)
		gaps = live_soa({"only_gaps": 1})[1]
		self.assertTrue(all(row.gaps for row in gaps))

	@staticmethod
	def card_values(report) -> dict[str, int]:
		return {card["label"]: card["value"] for card in report[4]}

	def test_the_register_shows_a_page_of_rows_and_counts_every_matching_risk(self):
		self.add_records(3)
		mine = {"ai_system": self.system}
		first = risk_register(mine)
		names = [row.name for row in first[1]]
		self.assertEqual(names, sorted(frappe.get_all("AI Risk", filters=mine, pluck="name")))
		beyond = risk_register({**mine, "page": 2})
		self.assertEqual(beyond[1], [], f"page 2 starts after {PAGE_LENGTH} rows")
		self.assertEqual(self.card_values(first), self.card_values(beyond))
		self.assertEqual(self.card_values(first)["Risks"], 3)
		self.assertEqual(sum(first[3]["data"]["datasets"][0]["values"]), 3)
		self.assertEqual(
			[row.control_count for row in first[1]],
			[frappe.db.count("AI Risk Control", {"parent": name}) for name in names],
		)

	def test_the_register_counts_only_the_risks_its_user_may_read(self):
		"""A viewer limited by a User Permission to one AI system sees that system's risks, and the cards and
		the chart count those alone."""
		with acting_as(SYSTEM_OWNER):
			other = insert(
				"AI System",
				system_name="Claims triage",
				system_owner=SYSTEM_OWNER,
				lifecycle_stage="Operation and monitoring",
				purpose="Suggest the next step to a case handler.",
				our_role="Deployer",
				automation_level="Decision support (a person decides)",
			).name
		own = [ai_risk(self.system, RISK_OWNER, title=f"Own {i}").name for i in range(2)]
		hidden = ai_risk(other, RISK_OWNER, title="Someone else's").name
		make_user(LIMITED_VIEWER, ["AIMS Viewer"])
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": LIMITED_VIEWER,
				"allow": "AI System",
				"for_value": self.system,
			}
		).insert(ignore_permissions=True)
		everyone = self.card_values(risk_register({}))["Risks"]  # counted (and kept) for Administrator first
		with acting_as(LIMITED_VIEWER):
			report = risk_register({})
			readable = [name for name in own if frappe.has_permission("AI Risk", doc=name)]
		self.assertEqual(readable, own)
		shown = {row.name for row in report[1]}
		self.assertLessEqual(set(own), shown)
		self.assertNotIn(hidden, shown)
		self.assertNotIn(other, {row.ai_system for row in report[1]})
		self.assertEqual(self.card_values(report)["Risks"], len(report[1]))
		self.assertLess(len(report[1]), everyone)
		self.assertEqual(sum(report[3]["data"]["datasets"][0]["values"]), len(report[1]))
