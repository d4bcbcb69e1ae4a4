# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

"""The MLflow model registry sync, against a real MLflow server, and its failures against a real HTTP server.

MLflow runs from its own venv (scripts/lib/mlflow.sh makes it), never from the bench's env: the server and
the client that registers models are that venv's programs, run in subprocesses.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import textwrap
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread
from urllib.parse import parse_qs, urlparse

import frappe
import requests
from frappe.utils import getdate

from aims_app.ai_systems.model_registry.sync import sync_daily, sync_models, sync_now
from aims_app.tests import AimsTestCase, acting_as, make_user

MANAGER = "registry.manager@example.org"
# The bench's own Python paths must not leak into MLflow's venv; the server's background job runners (a dozen
# processes for GenAI features) are not needed for the registry.
VENV_ENVIRONMENT = {
	**{k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")},
	"MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false",
}


def mlflow_venv() -> str:
	return (
		os.environ.get("AIMS_MLFLOW_VENV")
		or frappe.conf.get("aims_mlflow_venv")
		or os.path.expanduser("~/.cache/aims_app/mlflow-venv")
	)


def free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


def configure(url: str, token: str | None = None, daily: int = 0):
	settings = frappe.get_doc("AIMS Settings")
	settings.update({"mlflow_url": url, "mlflow_token": token, "sync_models_daily": daily})
	settings.save()


def synced_models() -> dict[str, frappe._dict]:
	"""The AI Models the sync keeps, by MLflow model URI."""
	rows = frappe.get_all(
		"AI Model",
		filters={"registry": "MLflow"},
		fields=[
			"name",
			"registry_reference",
			"model_name",
			"model_version",
			"status",
			"model_type",
			"description",
			"registry_aliases",
			"registry_tags",
			"latest_in_registry",
			"missing_from_registry",
			"missing_from_registry_on",
		],
	)
	return {row.registry_reference: row for row in rows}


def forget_sync_results():
	"""A failed sync commits its failure in AIMS Settings; put the settings back as installed."""
	frappe.db.rollback()
	frappe.db.set_single_value(
		"AIMS Settings",
		{
			"mlflow_url": None,
			"sync_models_daily": 0,
			"last_model_sync_on": None,
			"last_model_sync_result": None,
		},
	)
	frappe.db.commit()


class MLflowServer:
	"""`mlflow server` on 127.0.0.1 with a sqlite store in a temporary folder; models registered through
	MLflow's own client."""

	def __init__(self):
		venv = mlflow_venv()
		self.python = os.path.join(venv, "bin", "python")
		mlflow = os.path.join(venv, "bin", "mlflow")
		if not os.access(mlflow, os.X_OK):
			raise unittest.SkipTest(
				f"MLflow is not installed in {venv}: scripts/test installs it (scripts/lib/mlflow.sh), "
				"or point AIMS_MLFLOW_VENV (or site config aims_mlflow_venv) at a venv that has it"
			)
		self.folder = tempfile.mkdtemp(prefix="aims-mlflow-")
		self.url = f"http://127.0.0.1:{free_port()}"
		self.log = open(os.path.join(self.folder, "server.log"), "w+")
		self.process = subprocess.Popen(
			[
				mlflow,
				"server",
				"--host",
				"127.0.0.1",
				"--port",
				self.url.rsplit(":", 1)[1],
				"--workers",
				"1",
				"--backend-store-uri",
				f"sqlite:///{self.folder}/mlflow.db",
				"--default-artifact-root",
				f"{self.folder}/artifacts",
			],
			stdout=self.log,
			stderr=subprocess.STDOUT,
			env=VENV_ENVIRONMENT,
			start_new_session=True,
		)
		self.wait_until_up()

	def wait_until_up(self):
		deadline = time.monotonic() + 90
		while time.monotonic() < deadline and self.process.poll() is None:
			try:
				if requests.get(f"{self.url}/health", timeout=2).ok:
					return
			except requests.ConnectionError:
				pass
			time.sleep(0.5)
		self.log.seek(0)
		tail = self.log.read()[-1500:]
		self.stop()
		raise unittest.SkipTest(f"the MLflow server in {mlflow_venv()} did not start:\n{tail}")

	def client(self, code: str):
		"""Run `code` in the venv's python with `client`, an MlflowClient of this server."""
		prelude = f"from mlflow import MlflowClient\nclient = MlflowClient({self.url!r})\n"
		done = subprocess.run(
			[self.python, "-c", prelude + textwrap.dedent(code)],
			env=VENV_ENVIRONMENT,
			timeout=180,
			capture_output=True,
			text=True,
		)
		if done.returncode:
			raise AssertionError(f"the MLflow client failed:\n{done.stderr[-2000:]}")

	def stop(self):
		if self.process.poll() is None:
			os.killpg(self.process.pid, signal.SIGTERM)
			try:
				self.process.wait(timeout=20)
			except subprocess.TimeoutExpired:
				os.killpg(self.process.pid, signal.SIGKILL)
				self.process.wait()
		self.log.close()
		shutil.rmtree(self.folder, ignore_errors=True)


class MLflowTestCase(AimsTestCase):
	"""Tests against one real MLflow server for the class, synced by an AIMS Manager."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.mlflow = MLflowServer()
		make_user(MANAGER, ["AIMS Manager"])
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		cls.mlflow.stop()
		forget_sync_results()
		super().tearDownClass()

	def sync(self) -> dict[str, int]:
		with acting_as(MANAGER):
			return sync_models()


class TestModelRegistrySyncWithMLflow(MLflowTestCase):
	def setUp(self):
		"""Every test starts from the same registry: two versions of a fraud scorer, one of a churn model."""
		self.mlflow.client(
			"""
			[client.delete_registered_model(m.name) for m in client.search_registered_models()]
			client.create_registered_model("fraud-scorer", {"team": "risk"}, "Scores card payments")
			client.create_model_version("fraud-scorer", "s3://models/fraud/1", description="First cut")
			client.create_model_version("fraud-scorer", "s3://models/fraud/2", tags={"dataset": "2026-q3"})
			client.set_registered_model_alias("fraud-scorer", "champion", "2")
			client.create_registered_model("churn")
			client.create_model_version("churn", "s3://models/churn/1")
			"""
		)
		configure(self.mlflow.url)

	def test_first_sync_discovers_every_version_and_a_second_changes_nothing(self):
		self.assertEqual(self.sync(), {"created": 3, "updated": 0, "unchanged": 0, "flagged": 0})
		models = synced_models()
		self.assertEqual(
			sorted(models), ["models:/churn/1", "models:/fraud-scorer/1", "models:/fraud-scorer/2"]
		)
		self.assertEqual({m.status for m in models.values()}, {"Discovered"})
		v1, v2 = models["models:/fraud-scorer/1"], models["models:/fraud-scorer/2"]
		self.assertEqual(
			(v1.model_name, v1.model_version, v1.description), ("fraud-scorer", "1", "First cut")
		)
		self.assertEqual((v2.description, v2.registry_aliases), ("Scores card payments", "champion"))
		self.assertEqual(v2.registry_tags, "dataset: 2026-q3\nteam: risk")
		self.assertEqual((v1.latest_in_registry, v2.latest_in_registry), (0, 1))

		self.assertEqual(self.sync(), {"created": 0, "updated": 0, "unchanged": 3, "flagged": 0})
		self.assertEqual(
			frappe.db.get_single_value("AIMS Settings", "last_model_sync_result"),
			"0 created, 0 updated, 3 unchanged, 0 flagged as missing from the registry",
		)

	def test_a_new_version_is_added_and_what_a_person_decided_is_kept(self):
		self.sync()
		churn = frappe.get_doc("AI Model", synced_models()["models:/churn/1"].name)
		churn.update({"status": "In production", "model_type": "Classification"})
		churn.save()
		self.mlflow.client(
			"""
			client.create_model_version("churn", "s3://models/churn/2", description="Retrained")
			client.set_registered_model_alias("churn", "challenger", "2")
			"""
		)
		self.assertEqual(self.sync(), {"created": 1, "updated": 1, "unchanged": 2, "flagged": 0})
		models = synced_models()
		old, new = models["models:/churn/1"], models["models:/churn/2"]
		self.assertEqual(
			(old.status, old.model_type, old.latest_in_registry), ("In production", "Classification", 0)
		)
		self.assertEqual(
			(new.status, new.description, new.registry_aliases), ("Discovered", "Retrained", "challenger")
		)
		self.assertEqual(new.latest_in_registry, 1)

	def test_a_model_deleted_in_the_registry_is_flagged_not_deleted(self):
		self.sync()
		self.mlflow.client('client.delete_registered_model("churn")')
		self.assertEqual(self.sync(), {"created": 0, "updated": 0, "unchanged": 2, "flagged": 1})
		churn = synced_models()["models:/churn/1"]
		self.assertEqual((churn.missing_from_registry, churn.status), (1, "Discovered"))
		self.assertEqual(churn.missing_from_registry_on, getdate())
		self.assertEqual(self.sync(), {"created": 0, "updated": 0, "unchanged": 3, "flagged": 0})

	def test_the_daily_job_syncs_only_when_switched_on(self):
		sync_daily()
		self.assertEqual(synced_models(), {})
		configure(self.mlflow.url, daily=1)
		sync_daily()
		self.assertEqual(len(synced_models()), 3)


class ScriptedRegistry(BaseHTTPRequestHandler):
	"""Answers GET {path}[?page_token] with the next answer queued for it (the last one repeats), 404 when none
	is, and keeps a log of what it was asked."""

	def do_GET(self):
		url = urlparse(self.path)
		token = parse_qs(url.query).get("page_token", [""])[0]
		key = f"{url.path}?{token}" if token else url.path
		self.server.asked.append((key, self.headers.get("Authorization")))
		queue = self.server.answers.get(key) or [(404, {"error_code": "ENDPOINT_NOT_FOUND"})]
		status, body = queue.pop(0) if len(queue) > 1 else queue[0]
		payload = json.dumps(body).encode()
		self.send_response(status)
		self.send_header("Content-Type", "application/json")
		self.send_header("Content-Length", str(len(payload)))
		self.end_headers()
		self.wfile.write(payload)

	def log_message(self, format, *args):
		pass


MODELS = "/api/2.0/mlflow/registered-models/search"
VERSIONS = "/api/2.0/mlflow/model-versions/search"


class ScriptedRegistryTestCase(AimsTestCase):
	"""Tests against a registry that answers as each test scripts it (`serve`), on a port of its own."""

	handler = ScriptedRegistry

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.server = ThreadingHTTPServer(("127.0.0.1", 0), cls.handler)
		cls.url = f"http://127.0.0.1:{cls.server.server_port}"
		Thread(target=cls.server.serve_forever, daemon=True).start()

	@classmethod
	def tearDownClass(cls):
		cls.server.shutdown()
		cls.server.server_close()
		super().tearDownClass()

	def serve(self, answers: dict[str, list[tuple[int, dict]]]):
		self.server.answers = answers
		self.server.asked = []


class TestModelRegistrySyncFailures(ScriptedRegistryTestCase):
	@classmethod
	def tearDownClass(cls):
		forget_sync_results()
		super().tearDownClass()

	def assertFailsWritingNothing(self, message: str):
		before = frappe.db.count("AI Model")
		self.assertRaisesRegex(frappe.ValidationError, message, sync_now)
		self.assertEqual(frappe.db.count("AI Model"), before)
		self.assertTrue(
			frappe.db.get_single_value("AIMS Settings", "last_model_sync_result").startswith(
				"Failed, nothing changed: "
			)
		)

	def test_a_refused_token_is_reported_naming_the_registry(self):
		self.serve({MODELS: [(401, {"error_code": "UNAUTHENTICATED"})]})
		configure(self.url, token="expired-token")
		self.assertFailsWritingNothing(rf"The MLflow registry at {self.url} refused access \(HTTP 401\)")
		self.assertEqual(self.server.asked, [(MODELS, "Bearer expired-token")])

	def test_a_url_without_a_registry_is_reported(self):
		self.serve({})
		configure(self.url)
		self.assertFailsWritingNothing(rf"No MLflow model registry answers at {self.url} \(HTTP 404\)")

	def test_an_unreachable_registry_is_reported(self):
		url = f"http://127.0.0.1:{free_port()}"
		configure(url)
		self.assertFailsWritingNothing(rf"The MLflow registry at {url} could not be reached")

	def test_a_registry_failing_after_the_first_answers_writes_nothing(self):
		self.serve(
			{
				MODELS: [(200, {"registered_models": [{"name": "churn"}]})],
				VERSIONS: [(503, {"error_code": "TEMPORARILY_UNAVAILABLE"})],
			}
		)
		configure(self.url)
		self.assertFailsWritingNothing(rf"The MLflow registry at {self.url} answered HTTP 503")
		self.assertEqual([key for key, _ in self.server.asked], [MODELS] + [VERSIONS] * 4, "three retries")

	def test_a_passing_server_error_is_retried_and_every_page_read(self):
		self.serve(
			{
				MODELS: [
					(500, {"error_code": "INTERNAL_ERROR"}),
					(200, {"registered_models": [{"name": "churn"}], "next_page_token": "page-2"}),
				],
				f"{MODELS}?page-2": [(200, {"registered_models": [{"name": "fraud-scorer"}]})],
				VERSIONS: [
					(
						200,
						{
							"model_versions": [
								{"name": "churn", "version": "1"},
								{"name": "fraud-scorer", "version": "4"},
							]
						},
					)
				],
			}
		)
		configure(self.url)
		sync_now()
		self.assertEqual(
			frappe.db.get_single_value("AIMS Settings", "last_model_sync_result"),
			"2 created, 0 updated, 0 unchanged, 0 flagged as missing from the registry",
		)
		self.assertEqual(
			[key for key, _ in self.server.asked], [MODELS, MODELS, f"{MODELS}?page-2", VERSIONS]
		)

	def test_only_who_may_change_aims_settings_may_sync(self):
		self.serve({})
		configure(self.url)
		last_result = frappe.db.get_single_value("AIMS Settings", "last_model_sync_result")
		for role in ("AI System Owner", "AIMS Auditor", "AIMS Viewer"):
			user = make_user(f"registry.{role.lower().replace(' ', '.')}@example.org", [role])
			with acting_as(user):
				self.assertRaises(frappe.PermissionError, sync_now)
		self.assertEqual(frappe.db.get_single_value("AIMS Settings", "last_model_sync_result"), last_result)
		self.assertEqual(self.server.asked, [], "the registry was never asked")
