# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt
"""An AI System's EU AI Act obligations carry the dates of the Act as amended by Regulation (EU) 2026/1744,
from the library: on the form, overnight, in the migrate that moved them, in the technical documentation and
in the auditor's pack. The expected dates are the sources' (see tests/test_rules_eu_ai_act_timeline.py)."""

import datetime

import frappe
from frappe.utils import getdate, today

from aims_app.ai_assurance.audit_pack.build import obligations_register
from aims_app.ai_systems.eu_ai_act_schedule import update_obligations
from aims_app.patches import move_eu_ai_act_obligations_to_amended_dates as patch
from aims_app.tests import IGNORE_OTHER_APPS_TEST_RECORDS, AimsTestCase

globals().update(IGNORE_OTHER_APPS_TEST_RECORDS)

OWNER = "cv-owner@example.com"
D = datetime.date


def new_system(name: str, **answers):
	return frappe.get_doc(
		{
			"doctype": "AI System",
			"system_name": name,
			"system_owner": OWNER,
			"lifecycle_stage": "Operation and monitoring",
			"purpose": "Help staff with routine decisions.",
			"automation_level": "Human in the loop",
			"our_role": "Deployer",
			**answers,
		}
	).insert()


def row(system, article):
	return next(r for r in frappe.get_doc("AI System", system.name).obligations if r.article == article)


def expected_status(applies_from: D) -> str:
	return "Applies" if getdate(today()) >= applies_from else "Upcoming"


class TestEUAIActDates(AimsTestCase):
	def test_marking_synthetic_content_of_a_system_placed_before_august_2026_applies_from_2_december_2026(
		self,
	):
		system = new_system(
			"Law: marketing copy generator",
			our_role="Provider",
			generates_synthetic_content=1,
			placed_on_market_on="2026-05-04",
		)
		marking = row(system, "Art. 50(2)")
		self.assertEqual(getdate(marking.applies_from), D(2026, 12, 2))
		self.assertEqual(marking.duty_of, "Provider")
		self.assertIn("Art. 111(4)", marking.deciding_rule)
		self.assertEqual(marking.status, expected_status(D(2026, 12, 2)))
		self.assertTrue(marking.what_to_do)

	def test_marking_synthetic_content_of_a_system_placed_later_applies_from_2_august_2026(self):
		system = new_system(
			"Law: new image generator",
			our_role="Provider",
			generates_synthetic_content=1,
			placed_on_market_on="2026-09-01",
		)
		marking = row(system, "Art. 50(2)")
		self.assertEqual(getdate(marking.applies_from), D(2026, 8, 2))
		self.assertNotIn("Art. 111(4)", marking.deciding_rule)

	def test_annex_iii_duties_apply_from_2_december_2027_and_annex_i_from_2_august_2028(self):
		annex_iii = new_system("Law: CV ranking", annex_iii_area="4 - Employment and workers management")
		annex_i = new_system("Law: infusion pump dosing", our_role="Provider", annex_i_product=1)
		deploying = row(annex_iii, "Art. 26")
		self.assertEqual((getdate(deploying.applies_from), deploying.duty_of), (D(2027, 12, 2), "Deployer"))
		self.assertEqual(getdate(row(annex_i, "Art. 9").applies_from), D(2028, 8, 2))
		self.assertEqual(row(annex_i, "Art. 9").duty_of, "Provider")
		self.assertEqual(
			getdate(frappe.db.get_value("AI System", annex_iii.name, "next_obligation_on")), D(2027, 12, 2)
		)

	def test_the_daily_job_tells_the_owner_a_month_ahead_once_and_then_marks_the_duties_as_applying(self):
		system = new_system("Law: loan scoring", annex_iii_area="5 - Essential private and public services")
		todos = {"reference_type": "AI System", "reference_name": system.name, "allocated_to": OWNER}

		update_obligations(D(2027, 10, 31))  # 32 days ahead: too early
		self.assertFalse(frappe.get_all("ToDo", filters=todos))

		update_obligations(D(2027, 11, 2))
		(todo,) = frappe.get_all("ToDo", filters=todos, fields=["description", "date", "status"])
		self.assertIn("Art. 26", todo.description)
		self.assertEqual((getdate(todo.date), todo.status), (D(2027, 12, 2), "Open"))
		self.assertTrue(
			frappe.db.exists(
				"Notification Log",
				{"for_user": OWNER, "document_type": "AI System", "document_name": system.name},
			)
		)
		self.assertEqual(getdate(row(system, "Art. 26").reminded_on), D(2027, 11, 2))

		update_obligations(D(2027, 11, 3))  # told already
		self.assertEqual(len(frappe.get_all("ToDo", filters=todos)), 1)

		update_obligations(D(2027, 12, 2))
		self.assertEqual(row(system, "Art. 26").status, "Applies")
		self.assertIsNone(frappe.db.get_value("AI System", system.name, "next_obligation_on"))

	def test_the_migrate_moves_stored_obligations_to_the_amended_dates_and_keeps_what_people_recorded(self):
		system = new_system("Law: exam proctoring", annex_iii_area="3 - Education and vocational training")
		system.reload()
		for r in system.obligations:
			if r.article == "Art. 26":
				r.addressed, r.how_addressed = 1, "Oversight by the exams office, logs kept 12 months."
		system.save()
		# as the library before 2026.12.2 dated them: the original Art. 113 date, nothing more
		for r in system.obligations:
			if r.article != "Art. 4":
				frappe.db.set_value(
					r.doctype,
					r.name,
					{"applies_from": "2026-08-02", "status": None, "duty_of": None, "deciding_rule": None},
				)
		versions = frappe.db.count("Version", {"ref_doctype": "AI System", "docname": system.name})

		patch.execute()

		moved = row(system, "Art. 26")
		self.assertEqual((getdate(moved.applies_from), moved.status), (D(2027, 12, 2), "Upcoming"))
		self.assertEqual(moved.duty_of, "Deployer")
		self.assertIn("2026/1744", moved.deciding_rule)
		self.assertEqual(
			(moved.addressed, moved.how_addressed), (1, "Oversight by the exams office, logs kept 12 months.")
		)
		self.assertGreater(
			frappe.db.count("Version", {"ref_doctype": "AI System", "docname": system.name}), versions
		)
		note = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Compliance Framework", "reference_name": "EU-AI-ACT"},
			fields=["content"],
			order_by="creation desc",
			limit=1,
		)
		self.assertIn("2026.12.2", note[0].content)
		self.assertIn("Regulation (EU) 2026/1744", note[0].content)

	def test_the_technical_documentation_and_the_auditors_pack_show_dates_duties_and_rules(self):
		system = new_system(
			"Law: chatbot",
			our_role="Provider",
			interacts_with_people=1,
			generates_synthetic_content=1,
			placed_on_market_on="2026-03-01",
		)
		html = frappe.get_print(
			"AI System", system.name, print_format="AI System Technical Documentation", as_pdf=False
		)
		self.assertIn("Whose Duty", html)
		self.assertIn("Regulation (EU) 2026/1744", html)
		self.assertIn("Art. 111(4)", html)
		register = obligations_register()
		mine = [r for r in register.rows if r[0] == system.name]
		self.assertEqual({r[2] for r in mine}, {"Art. 4", "Art. 50(1)", "Art. 50(2)"})
		marking = next(r for r in mine if r[2] == "Art. 50(2)")
		self.assertEqual(getdate(marking[5]), D(2026, 12, 2))
