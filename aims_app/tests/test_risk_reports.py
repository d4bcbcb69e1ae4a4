"""The live SoA and the risk register cost a fixed number of queries, however many records there are."""

from aims_app.ai_risk.report.ai_risk_register.ai_risk_register import execute as risk_register
from aims_app.ai_risk.report.live_statement_of_applicability.live_statement_of_applicability import (
	execute as live_soa,
)
from aims_app.tests import AimsTestCase, counting_queries, make_user
from aims_app.tests.scenarios import ai_risk, cv_screening, evidence

RISK_OWNER = "risk-owner@example.com"
CONTROLS = ("ISO-42001-A.7.4", "ISO-42001-A.9.3", "ISO-42001-A.6.2.6")


class TestRiskReports(AimsTestCase):
	def setUp(self):
		self.system = cv_screening(make_user("cv-owner@example.com", ["AI System Owner"])).system.name

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
		report({})  # warm the caches (meta, settings) so both runs compare the same work
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
				self.assertEqual(few, many)
				self.assertLessEqual(many, 6)

	def test_live_soa_counts_risks_and_evidence_per_control(self):
		self.add_records(3)
		rows = {row.control_implementation: row for row in live_soa({})[1]}
		self.assertEqual(len(rows), 38)
		self.assertEqual(rows["ISO-42001-A.7.4"].risk_count, 3)
		self.assertEqual(rows["ISO-42001-A.6.2.6"].risk_count, 1)
		self.assertEqual(rows["ISO-42001-A.9.3"].evidence_count, 1)
		gaps = live_soa({"only_gaps": 1})[1]
		self.assertTrue(all(row.gaps for row in gaps))
