# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.utils import add_days, add_to_date, getdate, now_datetime, today

from aims_app.ai_systems.doctype.ai_incident.ai_incident import mark_overdue_reports
from aims_app.tests import AimsTestCase
from aims_app.tests.history import recorded_changes
from aims_app.tests.scenarios import cv_screening

OWNER = "cv-owner@example.com"


class TestAIIncident(AimsTestCase):
	def setUp(self):
		self.system = cv_screening(OWNER).system.name

	def incident(self, **fields):
		return frappe.get_doc(
			{
				"doctype": "AI Incident",
				"title": "Qualified candidates ranked last",
				"ai_system": self.system,
				"occurred_on": add_to_date(now_datetime(), days=-3),
				"became_aware_on": add_days(today(), -2),
				"severity": "High",
				"description": "A supplier update inverted one feature's weight for two days.",
				**fields,
			}
		)

	def test_an_incident_dated_in_the_future_is_refused(self):
		incident = self.incident(occurred_on=add_to_date(now_datetime(), days=1))
		self.assertRaisesRegex(frappe.ValidationError, "Occurred On cannot be in the future", incident.insert)
		self.assertFalse(frappe.db.exists("AI Incident", {"ai_system": self.system}))

	def test_a_non_serious_incident_has_no_reporting_deadline(self):
		incident = self.incident().insert()
		self.assertIsNone(incident.reporting_deadline)
		self.assertEqual(incident.report_status, "Not required")

	def test_asking_for_a_deadline_on_a_non_serious_incident_is_refused_naming_the_field(self):
		incident = self.incident(caused_death=1)
		self.assertRaisesRegex(frappe.ValidationError, "Serious Incident", incident.insert)

	def test_serious_incident_deadlines_follow_article_73(self):
		cases = [({}, 15), ({"caused_death": 1}, 10), ({"widespread_or_critical_infrastructure": 1}, 2)]
		for flags, days in cases:
			with self.subTest(flags=flags):
				incident = self.incident(is_serious_incident=1, **flags).insert()
				self.assertEqual(getdate(incident.reporting_deadline), getdate(add_days(today(), -2 + days)))
				self.assertEqual(incident.report_status, "Due")

	def test_a_late_report_shows_as_such(self):
		aware = add_days(today(), -20)
		incident = self.incident(
			is_serious_incident=1, occurred_on=add_days(today(), -21), became_aware_on=aware
		).insert()
		self.assertEqual(incident.report_status, "Overdue")
		incident.reported_to = "Market surveillance authority"
		incident.reported_on = today()
		incident.save()
		self.assertEqual(incident.report_status, "Reported late")

	def test_the_daily_job_marks_unreported_incidents_overdue(self):
		incident = self.incident(is_serious_incident=1).insert()
		frappe.db.set_value("AI Incident", incident.name, "reporting_deadline", add_days(today(), -1))
		mark_overdue_reports()
		self.assertEqual(frappe.db.get_value("AI Incident", incident.name, "report_status"), "Overdue")
		self.assertIn(
			("report_status", "Due", "Overdue", "Administrator"),
			recorded_changes("AI Incident", incident.name),
		)
