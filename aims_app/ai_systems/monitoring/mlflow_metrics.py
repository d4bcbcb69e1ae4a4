"""Monitoring metric values read from MLflow (clause 9.1): for each metric whose source is MLflow, the latest
value of its key in the run behind the registered model version it names, through the registry set up in
AIMS Settings.

Everything is read first, in a number of registry calls that does not grow with the number of metrics: the
model versions (one call per hundred), the experiments (one call per thousand) and the runs (one search per
hundred runs, each run bringing all its metrics). Only then are measurements written, in one transaction: a
registry that refuses access or fails writes nothing.
"""

from datetime import datetime, timezone

import frappe
from frappe import _
from frappe.utils import convert_utc_to_system_timezone, now_datetime

from aims_app.ai_systems.model_registry.sync import MLflowRegistry
from aims_app.ai_systems.monitoring.rules import (
	batches,
	latest_metrics,
	parse_model_uri,
	run_filter,
	runs_of_versions,
)

EXPERIMENTS_PER_PAGE = 1000


def mlflow_metrics(names: list[str] | None = None) -> list[frappe._dict]:
	metric = frappe.qb.DocType("AI Monitoring Metric")
	model = frappe.qb.DocType("AI Model")
	query = (
		frappe.qb.from_(metric)
		.left_join(model)
		.on(model.name == metric.ai_model)
		.select(metric.name, metric.mlflow_metric_key, metric.ai_model, model.registry_reference)
		.where(metric.source == "MLflow")
	)
	if names is not None:
		query = query.where(metric.name.isin(names or [""]))
	return query.run(as_dict=True)


def registry() -> MLflowRegistry:
	settings = frappe.get_doc("AIMS Settings")
	if not settings.mlflow_url:
		frappe.throw(_("Enter the Registry URL of the MLflow model registry in AIMS Settings first."))
	return MLflowRegistry(settings.mlflow_url, settings.get_password("mlflow_token", raise_exception=False))


def search_pages(client: MLflowRegistry, endpoint: str, key: str, body: dict) -> list[dict]:
	"""Every item of a POST search endpoint, following next_page_token."""
	items, page_token = [], None
	while True:
		page = client.post(endpoint, {**body, **({"page_token": page_token} if page_token else {})})
		items.extend(page.get(key) or [])
		page_token = page.get("next_page_token")
		if not page_token:
			return items


def read_runs(client: MLflowRegistry, run_ids: list[str]) -> list[dict]:
	if not run_ids:
		return []
	experiments = search_pages(
		client, "experiments/search", "experiments", {"max_results": EXPERIMENTS_PER_PAGE}
	)
	experiment_ids = [e["experiment_id"] for e in experiments]
	runs = []
	for batch in batches(run_ids):
		runs += search_pages(
			client,
			"runs/search",
			"runs",
			{"experiment_ids": experiment_ids, "filter": run_filter(batch), "max_results": len(batch)},
		)
	return runs


def planned_measurements(metrics: list[frappe._dict], client: MLflowRegistry) -> tuple[list[dict], list[str]]:
	"""The measurements to record and, per metric that cannot be read, why; read from the registry only."""
	run_of = runs_of_versions(client.search("model-versions/search", "model_versions"))
	wanted, problems = {}, []
	for metric in metrics:
		version = parse_model_uri(metric.registry_reference)
		run_id = run_of.get(version) if version else None
		if not run_id:
			problems.append(
				_("{0}: registered model version {1} has no run in the registry.").format(
					metric.name, metric.registry_reference or metric.ai_model
				)
			)
			continue
		wanted[metric.name] = (metric, run_id)
	values = latest_metrics(read_runs(client, sorted({run_id for _metric, run_id in wanted.values()})))
	planned = []
	for metric, run_id in wanted.values():
		found = values.get(run_id, {}).get(metric.mlflow_metric_key)
		if not found:
			problems.append(
				_("{0}: the run {1} logged no metric {2}.").format(
					metric.name, run_id, metric.mlflow_metric_key
				)
			)
			continue
		value, timestamp = found
		measured_on = site_time(timestamp) if timestamp else now_datetime()
		planned.append(
			{"metric": metric.name, "value": value, "measured_on": measured_on, "mlflow_run_id": run_id}
		)
	return planned, problems


def already_recorded(planned: dict) -> bool:
	return bool(
		frappe.db.exists(
			"AI Monitoring Measurement",
			{
				"metric": planned["metric"],
				"mlflow_run_id": planned["mlflow_run_id"],
				"measured_on": planned["measured_on"],
			},
		)
	)


def read_mlflow_metrics(names: list[str] | None = None) -> dict:
	"""Read every MLflow metric (or those named) and record a measurement for each new value. Returns the
	measurements made, the metrics that could not be read and why, and the registry calls made."""
	metrics = mlflow_metrics(names)
	if not metrics:
		return {"recorded": [], "problems": [], "calls": 0}
	client = registry()
	planned, problems = planned_measurements(metrics, client)
	recorded = []
	try:
		for values in planned:
			if already_recorded(values):
				continue
			measurement = frappe.get_doc(
				{"doctype": "AI Monitoring Measurement", "source": "MLflow", **values}
			)
			recorded.append(measurement.insert(ignore_permissions=True).name)
	except Exception:
		frappe.db.rollback()
		raise
	return {"recorded": recorded, "problems": problems, "calls": client.calls}


@frappe.whitelist(methods=["POST"])
def read_now(metric: str) -> dict:
	"""Read one metric from MLflow now (the metric's form button), for whoever may change the metric."""
	frappe.get_doc("AI Monitoring Metric", metric).check_permission("write")
	result = read_mlflow_metrics([metric])
	if result["problems"]:
		frappe.throw("<br>".join(result["problems"]), title=_("Not read from MLflow"))
	if not result["recorded"]:
		frappe.msgprint(_("MLflow has no value newer than the one already recorded."))
	return result


def read_daily():
	"""Daily, where a registry is set up and some metric reads from it."""
	if frappe.db.get_single_value("AIMS Settings", "mlflow_url") and frappe.db.exists(
		"AI Monitoring Metric", {"source": "MLflow"}
	):
		frappe.enqueue(read_mlflow_metrics, queue="long", job_id="aims-mlflow-metrics", deduplicate=True)


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def models_of_system(doctype, txt, searchfield, start, page_len, filters):
	"""The models listed on the metric's AI system that came from the MLflow registry, for whoever may read
	that system and its models."""
	system = (filters or {}).get("ai_system")
	frappe.has_permission("AI Model", "read", throw=True)
	if system:
		frappe.has_permission("AI System", "read", doc=system, throw=True)
	listed = frappe.qb.DocType("AI System Model")
	model = frappe.qb.DocType("AI Model")
	return (
		frappe.qb.from_(model)
		.join(listed)
		.on(listed.ai_model == model.name)
		.select(model.name, model.registry_reference)
		.where(listed.parenttype == "AI System")
		.where(listed.parent == system)
		.where(model.registry_reference.like("models:/%"))
		.where(model.name.like(f"%{txt}%") | model.registry_reference.like(f"%{txt}%"))
		.limit(page_len)
		.offset(start)
		.run()
	)


def site_time(timestamp_ms: int) -> datetime:
	"""MLflow's time of a logged value (milliseconds since the epoch, UTC) as the site's clock reads it, which is
	how Frappe stores and compares datetimes."""
	logged = datetime.fromtimestamp(timestamp_ms / 1000, tz=timezone.utc)
	return convert_utc_to_system_timezone(logged).replace(tzinfo=None)
