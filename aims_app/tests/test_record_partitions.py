"""What the readiness report, the live Statement of Applicability and the heat map count over the systems,
risks and evidence is kept per range of records (aims_app.record_cache.Partitioned); after every kind of
change, the numbers served from what was kept equal a count from scratch: an insert, a save, a change of a
risk's controls, a daily job's update, a save stamped before a later one, and a delete, of systems, risks,
evidence and controls."""

from unittest.mock import patch

import frappe
from frappe.utils import add_days, getdate, today

from aims_app import record_cache
from aims_app.ai_assurance.readiness.facts import (
	evidence_counts,
	organisation_facts,
	risk_counts,
	system_counts,
	treated_risk_counts,
)
from aims_app.ai_governance.dashboard import risk_heat_map
from aims_app.ai_risk.applicability import evidence_by_control, live_rows, risks_by_control
from aims_app.ai_risk.doctype.ai_risk.ai_risk import mark_risks_due_for_review
from aims_app.record_cache import clear_record_cache, partition_bounds
from aims_app.tests import AimsTestCase, make_user
from aims_app.tests.scenarios import ai_risk, case_triage, evidence

MANAGER = "aims-manager@example.com"
CONTROLS = ("ISO-42001-A.7.4", "ISO-42001-A.6.2.6", "ISO-42001-A.9.3")


class TestRecordPartitions(AimsTestCase):
	def setUp(self):
		super().setUp()
		make_user(MANAGER, ["AIMS Manager"])
		# ranges of two records, so that a handful of test records spans several of them
		sizes = patch.multiple(record_cache, PARTITION_ROWS=2, PARTITION_SQRT_FACTOR=0)
		sizes.start()
		self.addCleanup(sizes.stop)
		self.addCleanup(clear_record_cache)
		self.systems = [case_triage(f"Claims triage {i}", MANAGER, in_scope=1).name for i in range(7)]
		self.system = self.systems[0]
		self.risks = [self.risk(i) for i in range(7)]
		self.evidence = [self.file_evidence(i) for i in range(7)]
		clear_record_cache()
		for doctype in ("AI System", "AI Risk", "AIMS Evidence"):
			self.assertGreaterEqual(len(partition_bounds(doctype)), 3, doctype)
		self.shown()  # kept from here on

	def risk(self, i: int, **fields):
		controls = [{"control_implementation": c} for c in CONTROLS[: i % 3 + 1]]
		return ai_risk(self.system, MANAGER, title=f"Risk {i}", controls=controls, **fields)

	def file_evidence(self, i: int, **fields):
		links = [{"control_implementation": CONTROLS[i % 3]}, {"requirement": "ISO-42001-6.3"}]
		return evidence(f"Evidence {i}", MANAGER, links, **fields)

	@staticmethod
	def shown() -> tuple:
		facts, evidence_per_control = organisation_facts()
		soa = {
			row.control_implementation: (row.risk_count, row.evidence_count, row.expired_evidence_count)
			for row in live_rows()
		}
		per_control = {name: (row.current, row.expired) for name, row in evidence_per_control.items()}
		return facts, per_control, soa, risk_heat_map()

	def assert_counted_afresh(self, change: str):
		kept = self.shown()
		facts, per_control, soa, _heat_map = kept
		day = getdate(today())
		direct = {
			**system_counts(day).run(as_dict=True)[0],
			**risk_counts(day).run(as_dict=True)[0],
			**treated_risk_counts().run(as_dict=True)[0],
			**evidence_counts(day).run(as_dict=True)[0],
		}
		expected = {name: value for name, value in direct.items() if name != "risks_modify_waiting"}
		expected["risks_modify_controls_done"] = (
			direct["risks_modify_with_controls"] - direct["risks_modify_waiting"]
		)
		self.assertEqual({name: facts[name] for name in expected}, expected, change)
		self.assertEqual(
			per_control,
			{row.control: (row.current, row.expired) for row in evidence_by_control().run(as_dict=True)},
			change,
		)
		risks_per_control = {row.control: row.risk_count for row in risks_by_control().run(as_dict=True)}
		self.assertEqual({name: row[0] for name, row in soa.items() if row[0]}, risks_per_control, change)
		clear_record_cache()
		self.assertEqual(kept, self.shown(), change)

	def test_counts_kept_per_range_follow_every_change_to_risks(self):
		self.risk(7)
		self.assert_counted_afresh("a new risk")

		closed = frappe.get_doc("AI Risk", self.risks[2].name)
		closed.status = "Closed"
		closed.save()
		self.assert_counted_afresh("a risk closed")

		retreated = frappe.get_doc("AI Risk", self.risks[4].name)
		retreated.set("controls", [{"control_implementation": CONTROLS[2]}])
		retreated.save()
		self.assert_counted_afresh("a risk's controls changed")

		frappe.db.set_value("AI Risk", self.risks[0].name, "review_date", add_days(today(), -1))
		self.shown()
		mark_risks_due_for_review()
		self.assert_counted_afresh("a risk marked due by the daily job")

		frappe.delete_doc("AI Risk", self.risks[3].name)
		self.assert_counted_afresh("a risk deleted")

		frappe.db.set_value("Control Implementation", CONTROLS[0], "implementation_status", "Implemented")
		self.assert_counted_afresh("a control implemented")

	def test_counts_kept_per_range_follow_every_change_to_evidence(self):
		newest = self.file_evidence(7)
		self.assert_counted_afresh("new evidence")

		frappe.db.set_value(
			"AIMS Evidence",
			self.evidence[1].name,
			{"valid_until": add_days(today(), -1), "modified": newest.modified},
			update_modified=False,
		)
		self.assert_counted_afresh("evidence expired, stamped before the newest")

		refiled = frappe.get_doc("AIMS Evidence", self.evidence[5].name)
		refiled.set("evidences", [{"control_implementation": CONTROLS[1]}])
		refiled.save()
		self.assert_counted_afresh("evidence linked to another control")

		frappe.delete_doc("AIMS Evidence", self.evidence[0].name)
		self.assert_counted_afresh("evidence deleted")

	def test_counts_kept_per_range_follow_every_change_to_systems(self):
		case_triage("Claims triage 7", MANAGER, in_scope=1)
		self.assert_counted_afresh("a new system")

		left = frappe.get_doc("AI System", self.systems[3])
		left.in_scope = 0
		left.save()
		self.assert_counted_afresh("a system out of scope")

		frappe.db.set_value("AI System", self.systems[5], "description", "Suggests the next step.")
		self.assert_counted_afresh("a system described")

		frappe.delete_doc("AI System", self.systems[6])
		self.assert_counted_afresh("a system deleted")

	def test_counts_follow_every_change_when_the_list_of_changed_ranges_is_cut_short(self):
		frappe.db.sql("SET SESSION group_concat_max_len = 4")
		self.addCleanup(frappe.db.sql, "SET SESSION group_concat_max_len = DEFAULT")
		self.shown()
		closed = frappe.get_doc("AI Risk", self.risks[5].name)
		closed.status = "Closed"
		closed.save()
		self.assert_counted_afresh("a risk closed, the list of changed ranges cut short")
		frappe.delete_doc("AIMS Evidence", self.evidence[4].name)
		self.assert_counted_afresh("evidence deleted, the list of changed ranges cut short")
