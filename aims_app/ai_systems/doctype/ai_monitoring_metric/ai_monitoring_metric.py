# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.query_builder import Case, Criterion
from frappe.query_builder.functions import Coalesce, Date
from frappe.utils import getdate, today

from aims_app.ai_systems.monitoring.rules import (
	BREACH,
	NOT_MEASURED,
	current_since,
	due_on,
	is_overdue,
	threshold_error,
)
from aims_app.controllers.aims_document import AIMSDocument
from aims_app.translation import text

CHART_POINTS = 200  # the latest measurements drawn on the form


class AIMonitoringMetric(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		ai_model: DF.Link | None
		ai_system: DF.Link
		breach_threshold: DF.Float
		description: DF.SmallText | None
		direction: DF.Literal["Higher is better", "Lower is better"]
		frequency: DF.Literal["Daily", "Weekly", "Monthly", "Quarterly", "Yearly"]
		kind: DF.Literal[
			"Performance", "Drift", "Fairness", "Robustness", "Human override rate", "Complaints", "Other"
		]
		latest_measured_on: DF.Datetime | None
		latest_value: DF.Float
		metric_name: DF.Data
		mlflow_metric_key: DF.Data | None
		needs_attention: DF.Check
		next_due_on: DF.Date | None
		on_breach: DF.Literal[
			"Notify the owner", "Notify and open a draft AI Incident", "Notify and open a draft Nonconformity"
		]
		overdue: DF.Check
		source: DF.Literal["Manual", "REST API", "MLflow", "Fairness Evaluation"]
		status: DF.Literal["Not measured", "Within thresholds", "Warning", "Breach"]
		system_owner: DF.Link | None
		unit: DF.Data | None
		warning_threshold: DF.Float
	# end: auto-generated types

	def validate(self):
		self.refuse_thresholds_on_the_wrong_side()
		self.refuse_a_model_of_another_system()
		self.set_due_state()
		super().validate()

	def onload(self):
		self.set_onload("measurements", measurements_of(self.name))

	def refuse_thresholds_on_the_wrong_side(self):
		error = threshold_error(self.direction, self.warning_threshold, self.breach_threshold)
		if error:
			frappe.throw(text(error), title=_("Thresholds the wrong way round"))

	def refuse_a_model_of_another_system(self):
		if self.source != "MLflow" or not self.ai_model:
			return
		listed = frappe.db.exists(
			"AI System Model",
			{"parenttype": "AI System", "parent": self.ai_system, "ai_model": self.ai_model},
		)
		if not listed:
			frappe.throw(
				_(
					"Registered Model Version: {0} is not a model of AI system {1}; add it to the system first."
				).format(self.ai_model, self.ai_system)
			)
		if not (frappe.db.get_value("AI Model", self.ai_model, "registry_reference") or "").startswith(
			"models:/"
		):
			frappe.throw(
				_(
					"Registered Model Version: {0} was not synced from the MLflow registry, so it has no run to read."
				).format(self.ai_model)
			)

	def set_due_state(self):
		set_up_on = getdate(self.creation or today())
		measured = getdate(self.latest_measured_on) if self.latest_measured_on else None
		self.next_due_on = due_on(measured, set_up_on, self.frequency)
		self.overdue = int(is_overdue(measured, set_up_on, self.frequency, getdate(today())))
		self.status = self.status or NOT_MEASURED
		self.needs_attention = int(self.overdue or self.status == BREACH)


def measurements_of(metric: str) -> list[dict]:
	"""The latest measurements of a metric, oldest first, for the chart on its form."""
	measurement = frappe.qb.DocType("AI Monitoring Measurement")
	rows = (
		frappe.qb.from_(measurement)
		.select(measurement.name, measurement.measured_on, measurement.value, measurement.result)
		.where(measurement.metric == metric)
		.orderby(measurement.measured_on, order=frappe.qb.desc)
		.limit(CHART_POINTS)
		.run(as_dict=True)
	)
	return list(reversed(rows))


def mark_overdue_metrics():
	"""Daily: a metric not measured within its frequency is overdue and needs attention, as does one in breach.
	One update, whatever the number of metrics."""
	metric = frappe.qb.DocType("AI Monitoring Metric")
	last = Date(Coalesce(metric.latest_measured_on, metric.creation))
	late = Criterion.any(
		[
			(metric.frequency == frequency) & (last < since)
			for frequency, since in current_since(getdate(today())).items()
		]
	)
	(
		frappe.qb.update(metric)
		.set(metric.overdue, Case().when(late, 1).else_(0))
		.set(metric.needs_attention, Case().when(late | (metric.status == BREACH), 1).else_(0))
		.run()
	)
