# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.utils import add_days, today

from aims_app.ai_assurance.doctype.management_review.review_inputs import monitoring
from aims_app.ai_governance.doctype.ai_objective.ai_objective import mark_missed_objectives
from aims_app.tests import AimsTestCase
from aims_app.tests.history import recorded_changes
from aims_app.translation import text

OWNER = "objective-owner@example.com"


def objective(**fields):
	return frappe.get_doc(
		{
			"doctype": "AI Objective",
			"title": "Fair shortlisting across age bands",
			"objective_owner": OWNER,
			"annex_c_objective": "ISO-42001-C.2.5",
			"metric": "Selection-rate ratio, lowest age band to highest",
			"direction": "At least",
			"target_value": 0.8,
			"due_date": add_days(today(), 90),
			**fields,
		}
	).insert()


class TestAIObjective(AimsTestCase):
	def test_an_objective_without_a_target_shows_so(self):
		self.assertEqual(objective(target_value=None).status, "No target")
		self.assertEqual(objective().status, "Not measured")

	def test_measurements_over_time_give_the_latest_value_and_status(self):
		record = objective(
			measurements=[
				{"measured_on": add_days(today(), -10), "value": 0.84},
				{"measured_on": add_days(today(), -40), "value": 0.72},
			]
		)
		self.assertEqual([row.value for row in record.measurements], [0.72, 0.84])
		self.assertEqual((record.latest_value, record.status), (0.84, "Achieved"))
		record.append("measurements", {"measured_on": today(), "value": 0.75})
		record.save()
		self.assertEqual(record.status, "Off track")

	def test_an_objective_short_of_target_after_its_due_date_is_missed(self):
		record = objective(measurements=[{"measured_on": today(), "value": 0.7}])
		frappe.db.set_value("AI Objective", record.name, "due_date", add_days(today(), -1))
		mark_missed_objectives()
		self.assertEqual(frappe.db.get_value("AI Objective", record.name, "status"), "Missed")
		self.assertIn(
			("status", "Off track", "Missed", "Administrator"), recorded_changes("AI Objective", record.name)
		)

	def test_the_management_review_sees_objectives_short_of_target(self):
		objective(measurements=[{"measured_on": today(), "value": 0.7}])
		summary = text(monitoring(add_days(today(), -365), today()))
		self.assertIn("Off track 1", summary)
		self.assertIn("short of target: Fair shortlisting across age bands", summary)
