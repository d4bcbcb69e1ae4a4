"""The readiness report, its chart and the framework crosswalk follow the records, at a fixed number of queries."""

import frappe
from frappe.desk.query_report import run as run_report
from frappe.utils import add_days, today

from aims_app.ai_assurance.dashboard_chart_source.readiness_by_clause.readiness_by_clause import (
	get as readiness_chart_source,
)
from aims_app.ai_assurance.doctype.aims_audit.test_aims_audit import answer_all, clause_8_and_a6_audit
from aims_app.ai_assurance.readiness.fact_names import ORGANISATION_FACTS, Fact
from aims_app.ai_assurance.readiness.facts import organisation_facts
from aims_app.ai_assurance.report.aims_readiness.aims_readiness import execute as readiness
from aims_app.ai_assurance.report.framework_crosswalk.framework_crosswalk import execute as crosswalk
from aims_app.ai_risk.doctype.ai_impact_assessment.test_ai_impact_assessment import (
	assess_every_area,
	complete_fria,
)
from aims_app.ai_risk.doctype.ai_risk.ai_risk import mark_risks_due_for_review
from aims_app.ai_risk.report.live_statement_of_applicability.live_statement_of_applicability import (
	execute as live_soa,
)
from aims_app.compat import desk_path
from aims_app.tests import AimsTestCase, acting_as, counting_queries, make_user
from aims_app.tests.scenarios import ai_risk, case_triage, evidence, insert

OWNER = "cv-owner@example.com"
AUDITOR = "auditor@example.com"
MANAGER = "aims-manager@example.com"
VIEWER = "aims-viewer@example.com"


def groups_above(requirement: str, parents: dict) -> set[str]:
	above = set()
	while parents.get(requirement):
		requirement = parents[requirement]
		above.add(requirement)
	return above


class TestReadinessReports(AimsTestCase):
	def in_scope_system(self, name: str):
		"""A system in the AIMS scope that uses one dataset, with its provenance, and affects claimants."""
		claimants = frappe.db.exists("Interested Party", "Claimants") or (
			insert(
				"Interested Party",
				party_name="Claimants",
				party_type="Affected individual or group",
				internal_or_external="External",
				needs_and_expectations="Fair and timely handling of their claims.",
				how_addressed="A handler reviews every triage suggestion.",
			).name
		)
		dataset = insert(
			"AI Dataset",
			dataset_name=f"{name} records",
			source_type="Internal",
			provenance="Exported from the line-of-business system.",
		)
		with acting_as(OWNER):
			return case_triage(
				name,
				OWNER,
				in_scope=1,
				datasets=[{"ai_dataset": dataset.name, "usage": "Production input"}],
				interested_parties=[
					{"interested_party": claimants, "how_affected": "Their claims are triaged"}
				],
			)

	def statuses(self, **filters) -> dict:
		return {row.requirement_id: row for row in readiness(filters)[1]}

	def coverage(self, framework: str) -> dict:
		return {row.requirement: row for row in crosswalk({"framework": framework})[1]}

	def submit_assessment(self, system: str, **fields):
		with acting_as(OWNER):
			assessment = frappe.get_doc({"doctype": "AI Impact Assessment", "ai_system": system, **fields})
			assessment.insert()
			assess_every_area(assessment)
			complete_fria(assessment)
			assessment.submit()

	def submit_audit(self, system: str, **fields):
		with acting_as(AUDITOR):
			audit = clause_8_and_a6_audit(system, **fields)
			answer_all(audit)
			audit.submit()

	def implement(self, control: str):
		with acting_as(MANAGER):
			implementation = frappe.get_doc("Control Implementation", control)
			implementation.update({"implementation_status": "Implemented", "control_owner": MANAGER})
			implementation.save()
			evidence(f"Record of {control}", MANAGER, [{"control_implementation": control}])

	def test_every_in_scope_system_needs_a_current_impact_assessment(self):
		first, second = self.in_scope_system("Claims triage").name, self.in_scope_system("Fraud alerts").name
		self.submit_assessment(first)
		row = self.statuses()["6.1.4"]
		self.assertEqual(row.status, "Partial")
		self.assertIn("1 of 2 in-scope AI systems have no current impact assessment", row.missing)
		self.assertEqual(row.fix_route, desk_path("ai-impact-assessment/new"))

		self.submit_assessment(second, assessment_date=add_days(today(), -800))
		self.assertEqual(self.statuses()["6.1.4"].status, "Partial", "an assessment past its review is stale")

		self.submit_assessment(second)
		row = self.statuses()["6.1.4"]
		self.assertEqual(row.status, "Ready")
		self.assertEqual(row.missing, "")
		self.assertIn("In-scope AI systems with a current impact assessment: 2 of 2", row.evidence_found)

	def test_internal_audit_needs_one_submitted_in_the_last_twelve_months(self):
		system = self.in_scope_system("Claims triage").name
		rows = self.statuses()
		self.assertEqual(rows["9.2.1"].status, "Gap")
		self.assertNotEqual(rows["9.2"].status, "Ready")
		self.assertEqual(self.coverage("ISO-27001")["ISO-27001-9.2.1"].coverage, "Not covered")

		self.submit_audit(system, start_date=add_days(today(), -500), end_date=add_days(today(), -499))
		self.assertEqual(self.statuses()["9.2.1"].status, "Gap", "an audit older than a year does not count")

		self.submit_audit(system)
		rows = self.statuses()
		self.assertEqual(rows["9.2.1"].status, "Ready")
		self.assertEqual(rows["9.2"].status, "Partial", "no audit programme covers this year yet")
		crosswalk_rows = self.coverage("ISO-27001")
		self.assertEqual(crosswalk_rows["ISO-27001-9.2.1"].coverage, "Covered")
		self.assertEqual(crosswalk_rows["ISO-27001-9.2.1"].iso_requirements, "9.2.1 (Ready)")
		self.assertEqual(crosswalk_rows["ISO-27001-9.2"].coverage, "Partly covered")

	def test_data_provenance_is_needed_on_every_dataset_of_an_in_scope_system(self):
		system = self.in_scope_system("Claims triage")
		notes = insert("AI Dataset", dataset_name="Interview notes", source_type="Internal")
		with acting_as(OWNER):
			system.append("datasets", {"ai_dataset": notes.name, "usage": "Production input"})
			system.save()
		self.implement("ISO-42001-A.7.5")
		row = self.statuses()["A.7.5"]
		self.assertEqual(row.status, "Partial")
		self.assertEqual(row.missing, "1 of 2 datasets of in-scope AI systems record no provenance.")
		self.assertTrue(row.fix_route.startswith(desk_path("ai-dataset?provenance=")))

		notes.provenance = "Written by interviewers in the applicant tracking system."
		notes.save()
		self.assertEqual(self.statuses()["A.7.5"].status, "Ready")

	def test_an_excluded_control_is_not_applicable_and_does_not_count_against_its_category(self):
		with acting_as(MANAGER):
			control = frappe.get_doc("Control Implementation", "ISO-42001-A.10.4")
			control.update(
				{"applicability": "Not applicable", "justification": "We supply no AI to customers."}
			)
			control.save()
		rows = self.statuses(part="Annex A")
		self.assertEqual(rows["A.10.4"].status, "Not applicable")
		self.assertIn("1 not applicable", rows["A.10"].evidence_found)
		self.assertNotEqual(rows["A.10"].status, "Not applicable")

	def test_filters_cards_and_chart(self):
		_columns, rows, _message, chart, cards = readiness({"part": "Annex A"})
		self.assertTrue(all(row.part == "Annex A" for row in rows))
		self.assertEqual(sum(card["value"] for card in cards), 38)
		self.assertEqual(chart["data"]["labels"][0], "A.2")
		self.assertEqual(sum(sum(dataset["values"]) for dataset in chart["data"]["datasets"]), 38)

		clause_rows = readiness({"part": "Clauses"})[1]
		self.assertEqual(clause_rows[0].requirement_id, "4")
		self.assertEqual(
			[row.requirement_id for row in clause_rows if row.indent == 0], [str(n) for n in range(4, 11)]
		)

		shown = readiness({"status": "Gap"})[1]
		gaps = [row for row in shown if row.is_assessable]
		self.assertTrue(gaps and all(row.status == "Gap" for row in gaps))
		parents = {row.requirement: row.parent_requirement for row in readiness({})[1]}
		groups = {row.requirement for row in shown if not row.is_assessable}
		self.assertEqual(groups, set().union(*(groups_above(row.requirement, parents) for row in gaps)))

	def test_every_aims_role_sees_the_reports_and_the_chart(self):
		make_user(VIEWER, ["AIMS Viewer"])
		with acting_as(VIEWER):
			self.assertEqual(len(run_report("AIMS Readiness", filters={})["result"]), len(readiness({})[1]))
			result = run_report("Framework Crosswalk", filters={"framework": "NIST-AI-RMF"})["result"]
			self.assertEqual(len(result), 72)
			chart = readiness_chart_source(chart_name="Readiness by Clause")
			self.assertTrue(frappe.has_permission("Dashboard Chart", doc="Readiness by Clause"))
		self.assertEqual(chart["labels"][:7], [str(n) for n in range(4, 11)])
		self.assertEqual(
			frappe.db.get_value("Dashboard Chart", "Readiness by Clause", "source"), "Readiness by Clause"
		)

	def test_unverified_mappings_are_marked_and_can_be_left_out(self):
		rows = self.coverage("EU-AI-ACT")
		mapped = [row for row in rows.values() if row.mappings]
		self.assertTrue(
			mapped and all("UNVERIFIED" in row.mappings and row.unverified_count for row in mapped)
		)
		verified_only = crosswalk({"framework": "EU-AI-ACT", "only_verified": 1})[1]
		self.assertTrue(all(row.coverage == "Not mapped" for row in verified_only))

	def add_records(self, count: int):
		for i in range(count):
			system = self.in_scope_system(f"System {frappe.generate_hash(length=8)}").name
			ai_risk(
				system, MANAGER, title=f"Risk {i}", controls=[{"control_implementation": "ISO-42001-A.7.4"}]
			)
			evidence(f"Evidence {i}", MANAGER, [{"requirement": "ISO-42001-6.3"}, {"ai_system": system}])

	def queries_for(self, report) -> int:
		"""Queries of a call, Frappe's own caches (meta, settings) warm."""
		report()
		with counting_queries() as made:
			self.assertTrue(report())
		return len(made)

	def test_query_count_does_not_grow_with_the_data(self):
		for label, report in (
			("readiness", lambda: readiness({})[1]),
			("crosswalk", lambda: crosswalk({})[1]),
			("chart", lambda: readiness_chart_source()["labels"]),
		):
			with self.subTest(report=label):
				self.add_records(2)
				few = self.queries_for(report)
				self.add_records(8)
				many = self.queries_for(report)
				self.assertLessEqual(many, few, "no more queries with more data")

	def test_the_facts_counted_are_the_facts_the_rules_read(self):
		"""Every fact the rules read for the organisation is counted, keyed by its Fact, and nothing else."""
		facts, _evidence = organisation_facts()
		self.assertEqual(set(facts), ORGANISATION_FACTS)
		self.assertTrue(
			all(isinstance(name, Fact) and isinstance(number, int) for name, number in facts.items())
		)

	def test_readiness_and_the_live_soa_follow_every_change_at_once(self):
		"""What is kept between calls never outlives the records: an insert, a save that commits after a
		later one (stamped before the newest record), a daily job's update and a delete all show at once."""
		control, day_before = "ISO-42001-A.7.4", add_days(today(), -1)

		def seen() -> tuple:
			readiness_row = self.statuses(part="Annex A")["A.7.4"]
			soa_row = next(row for row in live_soa({})[1] if row.control_implementation == control)
			return soa_row.evidence_count, soa_row.expired_evidence_count, readiness_row.missing

		current, expired, _missing = seen()
		first, second = (
			evidence(f"Test plan {n}", MANAGER, [{"control_implementation": control}]) for n in (1, 2)
		)
		self.assertEqual(seen()[:2], (current + 2, expired))

		evidence("Unrelated record", MANAGER, [{"requirement": "ISO-42001-6.3"}])
		self.assertEqual(seen()[:2], (current + 2, expired))
		frappe.db.set_value(
			"AIMS Evidence",
			first.name,
			{"valid_until": day_before, "modified": second.modified},
			update_modified=False,
		)
		count_current, count_expired, missing = seen()
		self.assertEqual((count_current, count_expired), (current + 1, expired + 1))
		self.assertIn(
			f"{expired + 1} evidence record(s) filed against this requirement have expired", missing
		)

		frappe.delete_doc("AIMS Evidence", second.name)
		self.assertEqual(seen()[:2], (current, expired + 1))

		risk = ai_risk(None, MANAGER, title="Due for review since yesterday", review_date=today())
		frappe.db.set_value("AI Risk", risk.name, "review_date", day_before)
		due_before = frappe.db.count("AI Risk", {"status": "Review due"})
		self.statuses()
		mark_risks_due_for_review()
		due = frappe.db.count("AI Risk", {"status": "Review due"})
		open_risks = frappe.db.count("AI Risk", {"status": ("!=", "Closed")})
		self.assertEqual(due, due_before + 1)
		self.assertIn(f"{due} of {open_risks} open risks are due for review", self.statuses()["8.2"].missing)
