"""The AIMS workspace: its cards count what the records say, for every reader, and nobody else reads them."""

import json
import re

import frappe
from frappe.desk.desktop import get_desktop_page
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, add_months, today

from aims_app.ai_assurance.readiness.facts import readiness_rows
from aims_app.ai_governance import dashboard
from aims_app.ai_governance.onboarding import facts as onboarding_facts
from aims_app.ai_governance.onboarding import mark_steps_done
from aims_app.ai_governance.onboarding_rules import done_steps
from aims_app.ai_risk.report.ai_risk_register import ai_risk_register
from aims_app.tests import AimsTestCase, acting_as, card_value, make_user
from aims_app.tests.scenarios import ai_risk, cv_screening, evidence, insert

MANAGER = "ws-manager@example.com"
VIEWER = "ws-viewer@example.com"
OUTSIDER = "ws-outsider@example.com"
CUSTOM_METHODS = (
	dashboard.overdue_corrective_actions,
	dashboard.evidence_expiring,
	dashboard.evidence_expired,
)


def forget_system_settings():
	frappe.clear_document_cache("System Settings", "System Settings")
	if hasattr(frappe.local, "system_settings"):
		del frappe.local.system_settings


def all_card_values() -> dict[str, float]:
	workspace = frappe.get_doc("Workspace", "AIMS")
	return {row.number_card_name: card_value(row.number_card_name) for row in workspace.number_cards}


class TestWorkspace(AimsTestCase):
	def test_install_places_cards_charts_heat_map_and_onboarding_on_the_workspace(self):
		workspace = frappe.get_doc("Workspace", "AIMS")
		blocks = json.loads(workspace.content)
		for row in workspace.number_cards:
			self.assertTrue(frappe.db.get_value("Number Card", row.number_card_name, "is_standard"))
		for row in workspace.charts:
			self.assertTrue(frappe.db.get_value("Dashboard Chart", row.chart_name, "is_standard"))
		self.assertGreaterEqual(len(workspace.number_cards), 7)
		self.assertTrue(frappe.db.exists("Custom HTML Block", dashboard.HEAT_MAP_BLOCK))
		onboarding = frappe.get_doc("Module Onboarding", "AIMS")
		self.assertGreaterEqual(len(onboarding.steps), 6)
		self.assertIn({"onboarding_name": "AIMS", "col": 12}, [b["data"] for b in blocks])
		placed = {b["data"].get("number_card_name") for b in blocks} | {
			b["data"].get("chart_name") for b in blocks
		}
		self.assertLessEqual({r.number_card_name for r in workspace.number_cards}, placed)
		self.assertLessEqual({r.chart_name for r in workspace.charts}, placed)

	def test_a_viewer_sees_every_card_chart_and_the_heat_map(self):
		with acting_as(VIEWER):
			page = get_desktop_page(json.dumps({"name": "AIMS", "title": "AIMS"}))
		workspace = frappe.get_doc("Workspace", "AIMS")
		self.assertEqual(len(page["number_cards"]["items"]), len(workspace.number_cards))
		self.assertEqual(len(page["charts"]["items"]), len(workspace.charts))
		self.assertEqual(
			[b.custom_block_name for b in page["custom_blocks"]["items"]], [dashboard.HEAT_MAP_BLOCK]
		)

	def test_each_card_counts_what_the_records_say_for_a_viewer(self):
		with acting_as(VIEWER):
			before = all_card_values()
		self.add_records()
		with acting_as(VIEWER):
			after = all_card_values()
		self.assertEqual(
			{name: after[name] - before[name] for name in after},
			{
				"AI Systems in Scope": 2,
				"High-Risk AI Systems": 1,
				"Risks Above Appetite": 1,
				"Open Nonconformities": 1,
				"Overdue Corrective Actions": 1,
				"Evidence Expiring in 30 Days": 2,
				"Expired Evidence": 1,
				"Metrics Breached or Overdue": 1,
			},
		)

	def test_risks_above_appetite_are_counted_alike_everywhere(self):
		"""One definition (aims_app.ai_risk.risk_rules.counts_above_appetite): open, above the appetite, not
		accepted. The card, the heat map, the register's total and filter and readiness all say the same."""
		approver = make_user("ws-approver@example.com", ["AIMS Approver"])
		before = self.above_appetite_everywhere()
		with acting_as(MANAGER):
			system = cv_screening(MANAGER).system.name
			ai_risk(system, MANAGER, title="Above, waiting")  # 4 × 3: High
			accepted = ai_risk(
				system, MANAGER, title="Above, accepted", residual_likelihood=3, residual_impact=3
			)
			ai_risk(system, MANAGER, title="Above, closed", status="Closed")
			ai_risk(system, MANAGER, title="Within", likelihood=1, impact=2)
		acceptance = insert(
			"Risk Acceptance",
			ai_risk=accepted.name,
			expires_on=add_months(today(), 6),
			conditions="Reviewed monthly.",
		)
		with acting_as(approver):
			apply_workflow(acceptance, "Accept")
		self.assertEqual(frappe.db.get_value("AI Risk", accepted.name, "status"), "Accepted")
		after = self.above_appetite_everywhere()
		self.assertEqual(
			{where: after[where] - before[where] for where in after},
			dict.fromkeys(after, 1),
			"only the risk above the appetite that waits for a decision counts, wherever it is counted",
		)

	def above_appetite_everywhere(self) -> dict[str, int]:
		_columns, rows, _message, _chart, summary = ai_risk_register.execute({})
		_columns, above_rows, *_rest = ai_risk_register.execute({"above_appetite": 1})
		treatment = next(row for row in readiness_rows() if row.requirement_id == "6.1.3")
		readiness = re.search(r"(\d+) open risk\(s\) rank above the risk appetite", treatment.missing)
		return {
			"card": card_value("Risks Above Appetite"),
			"heat map": dashboard.risk_heat_map()["above_appetite"],
			"register total": next(c["value"] for c in summary if c["label"] == "Above Appetite"),
			"register rows": sum(row.above_appetite for row in rows),
			"register filter": len(above_rows),
			"readiness": int(readiness.group(1)) if readiness else 0,
		}

	def test_the_guided_setup_shows_done_what_the_records_show(self):
		"""A site that has systems and risks shows those steps done without anyone clicking them; saving the
		settings sets the matrix step; a migrate marks what an existing site already holds."""
		self.reset_guided_setup()
		with acting_as(MANAGER):
			system = cv_screening(MANAGER).system.name
			ai_risk(system, MANAGER)
		# one step left pending whatever else the site holds: with every step done the desk shows no guided setup
		frappe.db.set_value("Onboarding Step", "Plan the First AIMS Audit", "is_complete", 0)
		shown = self.guided_setup_as_shown()
		for step in ("Register an AI System", "Raise an AI Risk", "Set the AIMS Risk Matrix"):
			self.assertTrue(shown[step], step)
		self.reset_guided_setup()
		frappe.get_doc("AIMS Settings").save()
		self.assertIn("Set the AIMS Risk Matrix", self.steps_done())
		self.reset_guided_setup()
		mark_steps_done()  # as after a migrate
		self.assertEqual(self.steps_done(), done_steps(onboarding_facts()))
		self.assertLessEqual({"Register an AI System", "Raise an AI Risk"}, self.steps_done())

	def reset_guided_setup(self):
		steps = [row.step for row in frappe.get_doc("Module Onboarding", "AIMS").steps]
		frappe.db.set_value("Onboarding Step", {"name": ("in", steps)}, "is_complete", 0)
		frappe.db.set_value("Module Onboarding", "AIMS", "is_complete", 0)

	def steps_done(self) -> set[str]:
		steps = [row.step for row in frappe.get_doc("Module Onboarding", "AIMS").steps]
		return set(frappe.get_all("Onboarding Step", {"name": ("in", steps), "is_complete": 1}, pluck="name"))

	def guided_setup_as_shown(self) -> dict[str, bool]:
		"""The guided setup's steps as the workspace gives them to a manager: done or not (with the desk's
		guided setups on, as System Settings have them once the setup wizard is completed)."""
		self.addCleanup(forget_system_settings)
		frappe.db.set_single_value("System Settings", "enable_onboarding", 1)
		forget_system_settings()
		with acting_as(MANAGER):
			page = get_desktop_page(json.dumps({"name": "AIMS", "title": "AIMS"}))
		(onboarding,) = page["onboardings"]["items"]
		return {step.name: bool(step.is_complete) for step in onboarding["items"]}

	def add_records(self):
		with acting_as(MANAGER):
			high_risk = cv_screening(MANAGER).system.name
			insert(
				"AI System",
				system_name="Internal search",
				system_owner=MANAGER,
				purpose="Find documents on the intranet.",
				in_scope=1,
			)
			insert(
				"AI System",
				system_name="Marketing copy drafts",
				system_owner=MANAGER,
				purpose="Draft copy for campaigns.",
				in_scope=0,
			)
			ai_risk(high_risk, MANAGER)  # 4 × 3: High, above the default appetite (Medium)
			ai_risk(high_risk, MANAGER, title="Closed before the count", status="Closed")
			ai_risk(high_risk, MANAGER, title="Within the appetite", likelihood=1, impact=2)
			nonconformity = insert(
				"Nonconformity",
				title="Bias test skipped",
				grade="Minor",
				source="Monitoring",
				requirement="ISO-42001-8.4",
				nc_owner=MANAGER,
				description="Version 3.3 went live before the selection-rate test.",
				corrective_actions=[
					{"action": "Late", "action_owner": MANAGER, "due_date": add_days(today(), -3)},
					{
						"action": "Done late",
						"action_owner": MANAGER,
						"due_date": add_days(today(), -3),
						"completed_on": today(),
					},
					{"action": "Not yet due", "action_owner": MANAGER, "due_date": add_days(today(), 5)},
				],
			)
			self.assertEqual(nonconformity.workflow_state, "Open")
			link = [{"ai_system": high_risk}]
			evidence("Expires today", MANAGER, link, valid_until=today())
			evidence("Expires in 30 days", MANAGER, link, valid_until=add_days(today(), 30))
			evidence("Expires in 31 days", MANAGER, link, valid_until=add_days(today(), 31))
			evidence("Expired yesterday", MANAGER, link, valid_until=add_days(today(), -1))
			evidence("No end date", MANAGER, link)
			for name, value in (("In breach", 0.5), ("Within thresholds", 0.95)):
				watched = insert(
					"AI Monitoring Metric",
					metric_name=name,
					ai_system=high_risk,
					kind="Performance",
					direction="Higher is better",
					warning_threshold=0.9,
					breach_threshold=0.8,
					on_breach="Notify the owner",
				)
				insert("AI Monitoring Measurement", metric=watched.name, value=value)

	def test_heat_map_places_open_risks_at_their_current_score(self):
		with acting_as(VIEWER):
			before = dashboard.risk_heat_map()
		with acting_as(MANAGER):
			system = cv_screening(MANAGER).system.name
			ai_risk(system, MANAGER)  # inherent 4 × 3, not yet treated
			ai_risk(system, MANAGER, title="Treated", residual_likelihood=2, residual_impact=2)
			ai_risk(system, MANAGER, title="Gone", status="Closed")
		with acting_as(VIEWER):
			after = dashboard.risk_heat_map()

		def count(grid, likelihood, impact):
			row = next(r for r in grid["rows"] if r["likelihood"] == likelihood)
			return row["cells"][impact - 1]["count"]

		self.assertEqual(after["total"] - before["total"], 2)
		self.assertEqual(count(after, 4, 3) - count(before, 4, 3), 1)
		self.assertEqual(count(after, 2, 2) - count(before, 2, 2), 1)
		self.assertEqual(after["rows"][1]["cells"][2]["level"], "High")
		self.assertEqual(after["appetite"], "Medium")

	def test_someone_without_an_aims_role_is_refused_by_every_method(self):
		with acting_as(OUTSIDER):
			for method in (*CUSTOM_METHODS, dashboard.risk_heat_map):
				with self.subTest(method=method.__name__), self.assertRaises(frappe.PermissionError):
					method()
			for name in ("Risks Above Appetite", "AI Systems in Scope"):
				with self.subTest(card=name), self.assertRaises(frappe.PermissionError):
					card_value(name)
