# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

"""Monitoring metrics read from MLflow: against a real MLflow server, a run's logged metric read into a
measurement that crosses the breach threshold and opens a draft incident for the system owner, a hundred
systems read in a handful of registry calls; against a scripted registry, a 401 or a 5xx writes nothing."""

from contextlib import contextmanager

import frappe

from aims_app.ai_systems.doctype.ai_monitoring_metric.test_ai_monitoring_metric import (
	metric,
	operating_system,
)
from aims_app.ai_systems.model_registry.sync import sync_models
from aims_app.ai_systems.model_registry.test_model_registry import (
	VERSIONS,
	MLflowServer,
	ScriptedRegistry,
	ScriptedRegistryTestCase,
	configure,
)
from aims_app.ai_systems.monitoring.mlflow_metrics import read_mlflow_metrics, read_now, site_time
from aims_app.tests import AimsTestCase, acting_as, make_user

OWNER = "mlflow.metric.owner@example.org"
FLEET = 100
EXPERIMENTS = "/api/2.0/mlflow/experiments/search"
RUNS = "/api/2.0/mlflow/runs/search"


def system_using(model_uri: str, name: str) -> str:
	system = frappe.get_doc("AI System", operating_system(OWNER, name))
	system.append("models", {"ai_model": frappe.db.get_value("AI Model", {"registry_reference": model_uri})})
	system.save(ignore_permissions=True)
	return system.name


def mlflow_metric(system: str, model_uri: str, key: str = "precision") -> str:
	with acting_as(OWNER):
		return (
			metric(
				system,
				source="MLflow",
				ai_model=frappe.db.get_value("AI Model", {"registry_reference": model_uri}),
				mlflow_metric_key=key,
			)
			.insert()
			.name
		)


class TestMonitoringMetricsFromMLflow(AimsTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(OWNER, ["AI System Owner"])
		frappe.db.commit()
		cls.mlflow = MLflowServer()
		# one screening model whose run logged a precision of 0.72; a fleet of a hundred versions on runs of their own
		cls.mlflow.client(
			f"""
			experiment = client.create_experiment("cv-screening")
			run = client.create_run(experiment).info.run_id
			client.log_metric(run, "precision", 0.72)
			client.log_metric(run, "recall", 0.93)
			client.set_terminated(run)
			client.create_registered_model("cv-ranker")
			client.create_model_version("cv-ranker", "s3://models/cv-ranker/1", run_id=run)
			fleet = client.create_experiment("fleet")
			client.create_registered_model("fleet-model")
			for i in range({FLEET}):
				run = client.create_run(fleet).info.run_id
				client.log_metric(run, "precision", 0.9 + i / 1000)
				client.create_model_version("fleet-model", f"s3://models/fleet/{{i}}", run_id=run)
			"""
		)

	@classmethod
	def tearDownClass(cls):
		cls.mlflow.stop()
		super().tearDownClass()

	def setUp(self):
		super().setUp()
		configure(self.mlflow.url)
		sync_models()

	def test_a_logged_metric_past_its_breach_threshold_opens_a_draft_incident_for_the_owner(self):
		system = system_using("models:/cv-ranker/1", "CV ranker (MLflow)")
		watched = mlflow_metric(system, "models:/cv-ranker/1")
		with acting_as(OWNER):
			result = read_now(watched)
		self.assertEqual(result["problems"], [])
		# the registry's 101 model versions in pages of 100, its experiments, one search of the runs wanted
		self.assertEqual(result["calls"], 4)
		measurement = frappe.get_doc("AI Monitoring Measurement", result["recorded"][0])
		self.assertEqual(
			(measurement.value, measurement.source, measurement.result), (0.72, "MLflow", "Breach")
		)
		incident = frappe.get_doc("AI Incident", measurement.ai_incident)
		self.assertEqual((incident.ai_system, incident.status), (system, "Open"))
		self.assertEqual(
			frappe.get_all(
				"ToDo", filters={"reference_name": incident.name, "status": "Open"}, pluck="allocated_to"
			),
			[OWNER],
		)
		self.assertEqual(
			read_mlflow_metrics([watched])["recorded"], [], "a value already read is not read twice"
		)

	def test_a_key_the_run_never_logged_is_named(self):
		watched = mlflow_metric(
			system_using("models:/cv-ranker/1", "CV ranker (MLflow key)"), "models:/cv-ranker/1", "auc"
		)
		with acting_as(OWNER):
			self.assertRaisesRegex(
				frappe.ValidationError, rf"{watched}: the run \w+ logged no metric auc", read_now, watched
			)
		self.assertFalse(frappe.db.exists("AI Monitoring Measurement", {"metric": watched}))

	def test_a_hundred_systems_are_read_in_a_bounded_number_of_registry_calls(self):
		watched = [
			mlflow_metric(
				system_using(f"models:/fleet-model/{i}", f"Fleet system {i}"), f"models:/fleet-model/{i}"
			)
			for i in range(1, FLEET + 1)
		]
		result = read_mlflow_metrics(watched)
		self.assertEqual((len(result["recorded"]), result["problems"]), (FLEET, []))
		# as many calls as for one metric: model versions in pages of 100, experiments, one search of 100 runs
		self.assertEqual(result["calls"], 4)
		print(f"\n{FLEET} MLflow metrics of {FLEET} systems read in {result['calls']} registry calls")
		values = frappe.get_all(
			"AI Monitoring Measurement", filters={"metric": ("in", watched)}, pluck="value", order_by="value"
		)
		self.assertEqual(values, [round(0.9 + i / 1000, 3) for i in range(FLEET)])


class ScriptedReads(ScriptedRegistry):
	"""The scripted registry, answering MLflow's POST searches as well."""

	def do_POST(self):
		self.rfile.read(int(self.headers.get("Content-Length") or 0))
		self.do_GET()


class TestMonitoringMetricsFromAFailingRegistry(ScriptedRegistryTestCase):
	handler = ScriptedReads

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(OWNER, ["AI System Owner"])
		frappe.db.commit()

	def setUp(self):
		super().setUp()
		frappe.get_doc(
			{
				"doctype": "AI Model",
				"model_name": "scripted",
				"model_version": "1",
				"model_type": "Classification",
				"origin": "Internal",
				"status": "In production",
				"registry": "MLflow",
				"registry_reference": "models:/scripted/1",
			}
		).insert()
		self.watched = mlflow_metric(
			system_using("models:/scripted/1", "Scripted system"), "models:/scripted/1"
		)

	def assertFailsWritingNothing(self, message: str):
		before = frappe.db.count("AI Monitoring Measurement")
		self.assertRaisesRegex(frappe.ValidationError, message, read_mlflow_metrics)
		self.assertEqual(frappe.db.count("AI Monitoring Measurement"), before)

	def test_a_refused_token_is_reported_and_writes_nothing(self):
		self.serve({VERSIONS: [(401, {"error_code": "UNAUTHENTICATED"})]})
		configure(self.url, token="expired-token")
		self.assertFailsWritingNothing(rf"The MLflow registry at {self.url} refused access \(HTTP 401\)")

	def test_a_server_error_on_the_run_search_is_reported_and_writes_nothing(self):
		self.serve(
			{
				VERSIONS: [
					(200, {"model_versions": [{"name": "scripted", "version": "1", "run_id": "ab12"}]})
				],
				EXPERIMENTS: [(200, {"experiments": [{"experiment_id": "0"}]})],
				RUNS: [(503, {"error_code": "TEMPORARILY_UNAVAILABLE"})],
			}
		)
		configure(self.url)
		self.assertFailsWritingNothing(rf"The MLflow registry at {self.url} answered HTTP 503")
		self.assertEqual(
			[key for key, _ in self.server.asked], [VERSIONS, EXPERIMENTS] + [RUNS] * 4, "three retries"
		)


class TestLoggedTimeOnTheSitesClock(AimsTestCase):
	def test_a_value_logged_after_midnight_utc_is_not_in_the_future_of_a_site_in_new_york(self):
		"""MLflow logs milliseconds since the epoch (UTC); Frappe stores datetimes on the site's clock."""
		logged_ms = 1767227400000  # 2026-01-01 00:30 UTC
		with site_time_zone("America/New_York"):
			self.assertEqual(str(site_time(logged_ms)), "2025-12-31 19:30:00")
		with site_time_zone("Asia/Kolkata"):
			self.assertEqual(str(site_time(logged_ms)), "2026-01-01 06:00:00")


@contextmanager
def site_time_zone(zone: str):
	stored = frappe.db.get_single_value("System Settings", "time_zone")
	try:
		set_time_zone(zone)
		yield
	finally:
		set_time_zone(stored)


def set_time_zone(zone: str):
	frappe.db.set_single_value("System Settings", "time_zone", zone)
	frappe.clear_document_cache("System Settings", "System Settings")
	if hasattr(frappe.local, "system_settings"):
		del frappe.local.system_settings
