"""Keep the AI Model records in step with an MLflow model registry (A.4.3, A.6.2.7).

Run from AIMS Settings (Sync Models Now) or daily when Sync Daily is on. Everything is read from the
registry's REST API first; only then is anything written, in one transaction. A failed sync writes nothing
but its failure, in AIMS Settings' Last Sync Result.
"""

import frappe
import requests
from frappe import _
from frappe.desk.form import assign_to
from frappe.utils import escape_html, getdate, now_datetime, strip_html
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from aims_app.ai_systems.lifecycle.changes import NEW_MODEL_VERSION
from aims_app.ai_systems.lifecycle.gates import OPERATION
from aims_app.ai_systems.model_registry.rules import (
	REGISTRY,
	SYNCED_FIELDS,
	Drift,
	SyncPlan,
	plan_sync,
	registry_drift,
	registry_rows,
)
from aims_app.compat import in_test
from aims_app.history import record_change

TIMEOUT = (5, 30)  # seconds to connect, seconds to wait for an answer
PAGE_SIZE = 100
# A registry that is restarting or overloaded answers 5xx for a moment: try again after 0, 1 and 2 seconds.
# Every request made is a read (MLflow takes its run and experiment searches as POST).
RETRY = Retry(
	total=3,
	backoff_factor=0.5,
	status_forcelist=(500, 502, 503, 504),
	allowed_methods=("GET", "POST"),
	raise_on_status=False,
)


class MLflowRegistry:
	"""The registered models and model versions of an MLflow server, read through its 2.0 REST API."""

	def __init__(self, url: str, token: str | None):
		self.url = url.rstrip("/")
		self.calls = 0  # requests made, retries aside
		self.session = requests.Session()
		adapter = HTTPAdapter(max_retries=RETRY)
		self.session.mount("http://", adapter)
		self.session.mount("https://", adapter)
		if token:
			self.session.headers["Authorization"] = f"Bearer {token}"

	def get(self, endpoint: str, params: dict) -> dict:
		return self.request("GET", endpoint, params=params)

	def post(self, endpoint: str, body: dict) -> dict:
		"""A read that MLflow's REST API takes as a POST (runs/search, experiments/search)."""
		return self.request("POST", endpoint, json=body)

	def request(self, method: str, endpoint: str, **kwargs) -> dict:
		self.calls += 1
		try:
			response = self.session.request(
				method, f"{self.url}/api/2.0/mlflow/{endpoint}", timeout=TIMEOUT, **kwargs
			)
		except requests.RequestException as error:
			frappe.throw(
				_(
					"The MLflow registry at {0} could not be reached ({1}). Check the Registry URL in AIMS "
					"Settings and that the server is running."
				).format(self.url, type(error).__name__),
				title=_("Model registry unreachable"),
			)
		if response.status_code in (401, 403):
			frappe.throw(
				_(
					"The MLflow registry at {0} refused access (HTTP {1}). Check the Access Token in AIMS "
					"Settings."
				).format(self.url, response.status_code),
				title=_("Model registry refused access"),
			)
		if response.status_code == 404:
			frappe.throw(
				_(
					"No MLflow model registry answers at {0} (HTTP 404). Check the Registry URL in AIMS Settings."
				).format(self.url),
				title=_("Model registry not found"),
			)
		if response.status_code >= 500:
			frappe.throw(
				_(
					"The MLflow registry at {0} answered HTTP {1}, also when asked again. Try again later."
				).format(self.url, response.status_code),
				title=_("Model registry failed"),
			)
		if not response.ok:
			frappe.throw(
				_("The MLflow registry at {0} answered HTTP {1}: {2}").format(
					self.url, response.status_code, escape_html(response.text[:300])
				),
				title=_("Model registry failed"),
			)
		try:
			return response.json()
		except ValueError:
			frappe.throw(
				_("The server at {0} did not answer as an MLflow registry does (no JSON).").format(self.url),
				title=_("Model registry failed"),
			)

	def search(self, endpoint: str, key: str) -> list[dict]:
		"""Every item of a paged search endpoint, following next_page_token."""
		items, page_token = [], None
		while True:
			params = {"max_results": PAGE_SIZE}
			if page_token:
				params["page_token"] = page_token
			page = self.get(endpoint, params)
			items.extend(page.get(key) or [])
			page_token = page.get("next_page_token")
			if not page_token:
				return items

	def rows(self) -> list[dict]:
		return registry_rows(
			self.search("registered-models/search", "registered_models"),
			self.search("model-versions/search", "model_versions"),
		)


def known_models() -> list[dict]:
	model = frappe.qb.DocType("AI Model")
	return (
		frappe.qb.from_(model)
		.select(
			model.name,
			model.registry_reference,
			model.missing_from_registry,
			*(model[f] for f in SYNCED_FIELDS),
		)
		.where((model.registry == REGISTRY) & model.registry_reference.like("models:/%"))
		.run(as_dict=True)
	)


def apply(plan: SyncPlan):
	for values in plan.create:
		frappe.get_doc({"doctype": "AI Model", **values}).insert()
	for name, changes in {**plan.update, **plan.flag}.items():
		model = frappe.get_doc("AI Model", name)
		model.update(changes)
		model.save()


def record_result(result: str):
	frappe.db.set_single_value(
		"AIMS Settings", {"last_model_sync_on": now_datetime(), "last_model_sync_result": result}
	)


def sync_models() -> dict[str, int]:
	"""Read the whole registry, then create, update and flag AI Models. Returns the counts of each."""
	settings = frappe.get_doc("AIMS Settings")
	if not settings.mlflow_url:
		frappe.throw(_("Enter the Registry URL of the MLflow model registry in AIMS Settings first."))
	try:
		registry = MLflowRegistry(
			settings.mlflow_url, settings.get_password("mlflow_token", raise_exception=False)
		)
		rows = registry.rows()
		plan = plan_sync(rows, known_models(), getdate())
		apply(plan)
		report_drift(rows)
	except Exception as error:
		frappe.db.rollback()
		record_result(_("Failed, nothing changed: {0}").format(strip_html(str(error))))
		frappe.db.commit()
		raise
	counts = plan.counts()
	record_result(
		_("{0} created, {1} updated, {2} unchanged, {3} flagged as missing from the registry").format(
			counts["created"], counts["updated"], counts["unchanged"], counts["flagged"]
		)
	)
	return counts


def serving_rows() -> list[dict]:
	"""The model rows of systems in operation that name the alias or stage serving them."""
	row = frappe.qb.DocType("AI System Model")
	system = frappe.qb.DocType("AI System")
	model = frappe.qb.DocType("AI Model")
	return (
		frappe.qb.from_(row)
		.join(system)
		.on(system.name == row.parent)
		.join(model)
		.on(model.name == row.ai_model)
		.select(
			row.parent.as_("ai_system"),
			row.serving_alias,
			model.registry_reference,
			model.model_name,
		)
		.where(
			(row.parenttype == "AI System")
			& (system.lifecycle_stage == OPERATION)
			& (row.serving_alias.isnotnull())
			& (row.serving_alias != "")
			& (model.registry == REGISTRY)
		)
		.run(as_dict=True)
	)


def changes_by_model(docstatus: int) -> set[tuple[str, str]]:
	"""(system, model reference) of the AI System Changes in `docstatus` that bring a registry model (drafts
	rejected are left out: they cover nothing)."""
	change = frappe.qb.DocType("AI System Change")
	model = frappe.qb.DocType("AI Model")
	return {
		(system, reference)
		for system, reference in frappe.qb.from_(change)
		.join(model)
		.on(model.name == change.new_ai_model)
		.select(change.ai_system, model.registry_reference)
		.where(
			(change.docstatus == docstatus)
			& (change.workflow_state.isnull() | (change.workflow_state != "Rejected"))
		)
		.run()
	}


def report_drift(rows: list[dict]):
	"""A system whose serving version changed in the registry without an approved change shows it, and its
	owner finds a draft AI System Change prepared and assigned to them. Nothing else on the system changes."""
	prepared = changes_by_model(0)
	drifts = registry_drift(rows, serving_rows(), changes_by_model(1))
	models = dict(
		frappe.get_all(
			"AI Model",
			filters={"registry_reference": ("in", [d.serving_reference for d in drifts] or [""])},
			fields=["registry_reference", "name"],
			as_list=True,
		)
	)
	for drift in drifts:
		system = frappe.get_doc("AI System", drift.ai_system)
		if not system.unapproved_change_in_production:
			record_change(system, {"unapproved_change_in_production": 1})
		if (drift.ai_system, drift.serving_reference) not in prepared:
			prepare_change(system, drift, models[drift.serving_reference])
			prepared.add((drift.ai_system, drift.serving_reference))


def prepare_change(system, drift: Drift, new_model: str):
	replaced = frappe.db.get_value("AI Model", {"registry_reference": drift.approved_reference}, "name")
	change = frappe.get_doc(
		{
			"doctype": "AI System Change",
			"ai_system": system.name,
			"change_kind": NEW_MODEL_VERSION,
			"detected_by_registry": 1,
			"new_ai_model": new_model,
			"replaces_ai_model": replaced,
			"what_changes": _(
				"The model registry shows {0} serving as {1}; the system was approved with {2}."
			).format(drift.serving_reference, drift.serving_alias, drift.approved_reference),
			"reason": _("Detected by the model registry sync: write why the version changed."),
		}
	)
	# The rollback plan is the owner's to write before asking for approval.
	change.flags.prepared_by_registry = True
	change.insert(ignore_permissions=True)
	assign_to.add(
		{
			"assign_to": [system.system_owner],
			"doctype": change.doctype,
			"name": change.name,
			"description": _(
				"Unapproved change in production on {0}: {1} now serves as {2}. Complete and submit this change "
				"for approval, or roll the registry back."
			).format(system.system_name, drift.serving_reference, drift.serving_alias),
		}
	)


SYNC_JOB = "aims-model-registry-sync"


@frappe.whitelist(methods=["POST"])
def sync_now():
	frappe.get_doc("AIMS Settings").check_permission("write")
	queue_sync()


def sync_daily():
	"""The scheduler's daily run, when Sync Daily is on. A failure is kept in the job's log too."""
	if frappe.db.get_single_value("AIMS Settings", "sync_models_daily"):
		queue_sync()


def queue_sync():
	"""A sync reads the whole registry, which can outlast a web request; one runs at a time (a sync already
	queued is not queued again, so a manual and a daily one never write the same models twice)."""
	frappe.enqueue(sync_models, queue="long", job_id=SYNC_JOB, deduplicate=True, now=in_test())
