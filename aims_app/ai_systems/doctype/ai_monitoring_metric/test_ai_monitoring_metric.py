# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

"""Monitoring metrics (clause 9.1): thresholds the right way round, a warning that notifies the system owner,
a breach that also opens a draft incident or nonconformity for them, overdue metrics, and measurements a
pipeline posts over REST only for its own systems."""

import frappe
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.utils import add_days, add_to_date, now_datetime

from aims_app.ai_assurance.readiness.fact_names import Fact
from aims_app.ai_assurance.readiness.facts import organisation_facts
from aims_app.ai_systems.doctype.ai_monitoring_measurement.ai_monitoring_measurement import assess_value
from aims_app.ai_systems.doctype.ai_monitoring_metric.ai_monitoring_metric import (
	mark_overdue_metrics,
	measurements_of,
)
from aims_app.reminders.digest import gather_due_items
from aims_app.tests import AimsTestCase, ApiClient, acting_as, make_user

OWNER = "metric.owner@example.org"
OTHER_OWNER = "metric.other.owner@example.org"
CARD = "Metrics Breached or Overdue"


def operating_system(owner: str, name: str) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "AI System",
				"system_name": name,
				"system_owner": owner,
				"lifecycle_stage": "Operation and monitoring",
				"purpose": "Ranks job applications for a recruiter to review.",
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def metric(system: str, **fields) -> frappe.model.document.Document:
	return frappe.get_doc(
		{
			"doctype": "AI Monitoring Metric",
			"metric_name": "Precision on reviewed decisions",
			"ai_system": system,
			"kind": "Performance",
			"direction": "Higher is better",
			"warning_threshold": 0.9,
			"breach_threshold": 0.8,
			"frequency": "Weekly",
			"on_breach": "Notify and open a draft AI Incident",
			**fields,
		}
	)


def measure(metric_name: str, value: float, **fields):
	return frappe.get_doc(
		{"doctype": "AI Monitoring Measurement", "metric": metric_name, "value": value, **fields}
	).insert()


def alerts_for(user: str, measurement: str) -> list[str]:
	return frappe.get_all(
		"Notification Log",
		filters={
			"for_user": user,
			"document_type": "AI Monitoring Measurement",
			"document_name": measurement,
		},
		pluck="subject",
	)


class TestAIMonitoringMetric(AimsTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(OWNER, ["AI System Owner"])
		make_user(OTHER_OWNER, ["AI System Owner"])
		cls.system = operating_system(OWNER, "Applicant ranking (monitoring tests)")
		cls.other_system = operating_system(OTHER_OWNER, "Chat assistant (monitoring tests)")
		cls.metric = metric(cls.system).insert().name
		cls.other_metric = metric(cls.other_system, metric_name="Complaints per 1,000 chats").insert().name
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		for doctype in ("AI Monitoring Measurement", "AI Monitoring Metric"):
			frappe.db.delete(doctype, {"ai_system": ("in", (cls.system, cls.other_system))})
		frappe.db.delete("AI System", {"name": ("in", (cls.system, cls.other_system))})
		frappe.db.commit()
		super().tearDownClass()

	def test_a_breach_threshold_on_the_wrong_side_of_the_warning_is_refused_naming_the_field(self):
		before = frappe.db.count("AI Monitoring Metric")
		wrong = metric(self.system, warning_threshold=0.8, breach_threshold=0.9)
		self.assertRaisesRegex(
			frappe.ValidationError,
			r"Breach Threshold \(0.9\) must not be above Warning Threshold \(0.8\)",
			wrong.insert,
		)
		lower = metric(self.system, direction="Lower is better", warning_threshold=0.1, breach_threshold=0.05)
		self.assertRaisesRegex(
			frappe.ValidationError, r"Breach Threshold \(0.05\) must not be below", lower.insert
		)
		self.assertEqual(frappe.db.count("AI Monitoring Metric"), before)

	def test_a_value_within_thresholds_raises_nothing(self):
		measurement = measure(self.metric, 0.95)
		self.assertEqual(measurement.result, "Within thresholds")
		self.assertEqual(alerts_for(OWNER, measurement.name), [])
		self.assertEqual(
			frappe.db.get_value("AI Monitoring Metric", self.metric, "status"), "Within thresholds"
		)

	def test_a_warning_notifies_the_owner_and_opens_nothing(self):
		incidents = frappe.db.count("AI Incident", {"ai_system": self.system})
		measurement = measure(self.metric, 0.85)
		self.assertEqual(measurement.result, "Warning")
		self.assertEqual(
			alerts_for(OWNER, measurement.name),
			[f"Warning: Precision on reviewed decisions of {self.system} is 0.85, at or beyond 0.9"],
		)
		self.assertIsNone(measurement.ai_incident)
		self.assertEqual(frappe.db.count("AI Incident", {"ai_system": self.system}), incidents)

	def test_a_breach_opens_a_draft_incident_assigned_to_the_owner_and_linked_back(self):
		measurement = measure(self.metric, 0.72)
		measurement.reload()
		self.assertEqual(measurement.result, "Breach")
		incident = frappe.get_doc("AI Incident", measurement.ai_incident)
		self.assertEqual((incident.ai_system, incident.status), (self.system, "Open"))
		self.assertIn(measurement.name, incident.description)
		self.assertEqual(
			frappe.get_all(
				"ToDo",
				filters={"reference_type": "AI Incident", "reference_name": incident.name, "status": "Open"},
				pluck="allocated_to",
			),
			[OWNER],
		)
		self.assertEqual(
			alerts_for(OWNER, measurement.name),
			[f"Breach: Precision on reviewed decisions of {self.system} is 0.72, at or beyond 0.8"],
		)
		state = frappe.db.get_value(
			"AI Monitoring Metric", self.metric, ["status", "needs_attention"], as_dict=True
		)
		self.assertEqual((state.status, state.needs_attention), ("Breach", 1))
		card = frappe.get_doc("Number Card", CARD)
		self.assertGreaterEqual(get_result(card.as_json(), card.filters_json), 1)

	def test_a_breach_can_open_a_draft_nonconformity_instead(self):
		frappe.db.set_value(
			"AI Monitoring Metric", self.metric, "on_breach", "Notify and open a draft Nonconformity"
		)
		frappe.clear_document_cache("AI Monitoring Metric", self.metric)
		measurement = measure(self.metric, 0.5)
		measurement.reload()
		self.assertIsNone(measurement.ai_incident)
		nonconformity = frappe.get_doc("Nonconformity", measurement.nonconformity)
		self.assertEqual(
			(
				nonconformity.nc_owner,
				nonconformity.source,
				nonconformity.ai_system,
				nonconformity.workflow_state,
			),
			(OWNER, "Monitoring", self.system, "Open"),
		)

	def test_the_form_chart_gets_the_measurements_oldest_first(self):
		measure(self.metric, 0.93, measured_on=add_to_date(now_datetime(), days=-2))
		measure(self.metric, 0.91, measured_on=add_to_date(now_datetime(), days=-1))
		self.assertEqual([row.value for row in measurements_of(self.metric)], [0.93, 0.91])
		form = frappe.get_doc("AI Monitoring Metric", self.metric)
		form.run_method("onload")
		self.assertEqual([row.value for row in form.get_onload().measurements], [0.93, 0.91])

	def test_the_measurement_form_shows_the_result_the_typed_value_would_get(self):
		"""While a value is typed the form asks the rule that saving applies, never showing "Within thresholds" for
		a breaching value; someone who may not read the metric may not ask."""
		watched = metric(operating_system(OWNER, "CV screening (typed values)")).insert(
			ignore_permissions=True
		)
		with acting_as(OWNER):
			self.assertEqual(assess_value(watched.name, 0.75), "Breach")
			self.assertEqual(assess_value(watched.name, 0.85), "Warning")
			self.assertEqual(assess_value(watched.name, 0.95), "Within thresholds")
		with acting_as(make_user("metric.outsider@example.org", [])):
			self.assertRaises(frappe.PermissionError, assess_value, watched.name, 0.75)

	def test_an_unmeasured_metric_shows_no_latest_value(self):
		meta = frappe.get_meta("AI Monitoring Metric")
		for field in ("latest_value", "latest_measured_on"):
			self.assertEqual(meta.get_field(field).depends_on, "eval:doc.latest_measured_on", field)

	def test_a_metric_not_measured_within_its_frequency_is_overdue_and_in_the_digest(self):
		daily = metric(self.system, frequency="Daily", metric_name="Human override rate").insert()
		frappe.db.set_value("AI Monitoring Metric", daily.name, "creation", add_days(now_datetime(), -3))
		mark_overdue_metrics()
		self.assertEqual(
			frappe.db.get_value("AI Monitoring Metric", daily.name, ["overdue", "needs_attention"]), (1, 1)
		)
		measure(daily.name, 0.95)
		self.assertEqual(
			frappe.db.get_value("AI Monitoring Metric", daily.name, ["overdue", "needs_attention"]), (0, 0)
		)
		frappe.db.set_value("AI Monitoring Metric", daily.name, "next_due_on", add_days(now_datetime(), -1))
		items = [i for i in gather_due_items(add_days(now_datetime(), 30)) if i.name == daily.name]
		self.assertEqual(
			[(i.doctype, i.what, i.owner) for i in items],
			[("AI Monitoring Metric", "Monitoring metric to measure", OWNER)],
		)

	def test_a_pipeline_posts_measurements_over_rest_only_for_its_owners_systems(self):
		before = frappe.db.count("AI Monitoring Measurement")
		pipeline = ApiClient(OWNER)
		frappe.db.commit()
		refused = pipeline.post(
			"/api/resource/AI Monitoring Measurement",
			{"metric": self.other_metric, "value": 3.0, "source": "REST API"},
		)
		self.assertEqual(refused.status_code, 403)
		self.assertIn(
			f"Metric: {self.other_metric} watches AI system {self.other_system}, which you do not own",
			refused.get_data(as_text=True),
		)
		self.assertEqual(frappe.db.count("AI Monitoring Measurement"), before)
		posted = pipeline.post(
			"/api/resource/AI Monitoring Measurement",
			{"metric": self.metric, "value": 0.97, "source": "REST API"},
		)
		self.assertEqual(posted.status_code, 200, posted.get_data(as_text=True))
		self.assertEqual(posted.json["data"]["result"], "Within thresholds")
		frappe.db.commit()  # to see what the request committed
		self.assertEqual(frappe.db.count("AI Monitoring Measurement"), before + 1)
		frappe.delete_doc("AI Monitoring Measurement", posted.json["data"]["name"], ignore_permissions=True)
		frappe.db.commit()

	def test_readiness_counts_a_system_in_operation_once_a_metric_is_measured_in_time(self):
		before = organisation_facts()[0]
		measure(self.metric, 0.95)
		after = organisation_facts()[0]
		self.assertEqual(after[Fact.IN_SCOPE_SYSTEMS_OPERATING], before[Fact.IN_SCOPE_SYSTEMS_OPERATING])
		self.assertEqual(
			after[Fact.IN_SCOPE_SYSTEMS_OPERATING_MONITORED],
			before[Fact.IN_SCOPE_SYSTEMS_OPERATING_MONITORED] + 1,
		)
		frappe.db.set_value(
			"AI Monitoring Measurement",
			{"metric": self.metric},
			"measured_on",
			add_days(now_datetime(), -8),
		)
		frappe.db.set_value(
			"AI Monitoring Metric", self.metric, "latest_measured_on", add_days(now_datetime(), -8)
		)
		self.assertEqual(
			organisation_facts()[0][Fact.IN_SCOPE_SYSTEMS_OPERATING_MONITORED],
			before[Fact.IN_SCOPE_SYSTEMS_OPERATING_MONITORED],
			"a weekly metric last measured eight days ago is not in time",
		)
