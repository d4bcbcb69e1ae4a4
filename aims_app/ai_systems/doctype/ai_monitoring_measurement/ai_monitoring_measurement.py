# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification
from frappe.desk.form.assign_to import add as assign
from frappe.utils import flt, get_datetime, today

from aims_app.ai_systems.monitoring.rules import BREACH, WARNING, assess
from aims_app.controllers.aims_document import AIMSDocument

RAISES = {
	"Notify and open a draft AI Incident": "AI Incident",
	"Notify and open a draft Nonconformity": "Nonconformity",
}


class AIMonitoringMeasurement(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		ai_incident: DF.Link | None
		ai_system: DF.Link | None
		fairness_evaluation: DF.Link | None
		measured_on: DF.Datetime
		metric: DF.Link
		mlflow_run_id: DF.Data | None
		nonconformity: DF.Link | None
		notes: DF.SmallText | None
		result: DF.Literal["Within thresholds", "Warning", "Breach"]
		source: DF.Literal["Manual", "REST API", "MLflow", "Fairness Evaluation"]
		value: DF.Float
	# end: auto-generated types

	def validate(self):
		metric = self.metric_doc()
		self.ai_system = metric.ai_system
		self.result = assess(self.value, metric.direction, metric.warning_threshold, metric.breach_threshold)
		super().validate()

	def metric_doc(self):
		return frappe.get_cached_doc("AI Monitoring Metric", self.metric)

	def after_insert(self):
		metric = self.metric_doc()
		refresh_latest(self.metric)
		if self.result not in (WARNING, BREACH):
			return
		raised = RAISES.get(metric.on_breach) if self.result == BREACH else None
		if raised:
			self.raise_record(raised, metric)
		self.notify_owner(metric)

	def after_delete(self):
		refresh_latest(self.metric)

	def raise_record(self, doctype: str, metric):
		"""A draft incident or nonconformity for the system owner, linked back to this measurement."""
		description = _(
			"Monitoring metric {0} ({1}) measured {2} {3} on {4}, at or beyond its breach threshold of {5}. "
			"Measurement: {6}."
		).format(
			metric.metric_name,
			metric.name,
			self.value,
			metric.unit or "",
			get_datetime(self.measured_on),
			metric.breach_threshold,
			self.name,
		)
		title = _("Breach of {0} on {1}").format(metric.metric_name, metric.ai_system)
		if doctype == "AI Incident":
			record = {
				"title": title,
				"ai_system": metric.ai_system,
				"occurred_on": self.measured_on,
				"became_aware_on": today(),
				"severity": "Medium",
				"description": description,
			}
		else:
			record = {
				"title": title,
				"source": "Monitoring",
				"raised_on": today(),
				"nc_owner": metric.system_owner,
				"ai_system": metric.ai_system,
				"description": description,
			}
		doc = frappe.get_doc({"doctype": doctype, **record}).insert(ignore_permissions=True)
		self.db_set("ai_incident" if doctype == "AI Incident" else "nonconformity", doc.name)
		if not frappe.has_permission(doctype, "read", doc=doc, user=metric.system_owner):
			return  # an assignment would share it with someone who holds no AIMS role
		assign(
			{
				"assign_to": [metric.system_owner],
				"doctype": doctype,
				"name": doc.name,
				"description": title,
				"notify": 0,
			},
			ignore_permissions=True,
		)

	def notify_owner(self, metric):
		subject = (
			_("Breach: {0} of {1} is {2}, at or beyond {3}")
			if self.result == BREACH
			else _("Warning: {0} of {1} is {2}, at or beyond {3}")
		).format(
			metric.metric_name,
			metric.ai_system,
			self.value,
			metric.breach_threshold if self.result == BREACH else metric.warning_threshold,
		)
		raised = self.ai_incident or self.nonconformity
		enqueue_create_notification(
			metric.system_owner,
			{
				"type": "Alert",
				"subject": subject,
				"email_content": _("A draft {0} was opened for it: {1}.").format(
					_("AI Incident") if self.ai_incident else _("Nonconformity"), raised
				)
				if raised
				else subject,
				"document_type": self.doctype,
				"document_name": self.name,
				"from_user": frappe.session.user,
			},
		)


def refresh_latest(metric_name: str):
	"""The metric's latest value, date and status from its newest measurement."""
	measurement = frappe.qb.DocType("AI Monitoring Measurement")
	latest = (
		frappe.qb.from_(measurement)
		.select(measurement.value, measurement.measured_on, measurement.result)
		.where(measurement.metric == metric_name)
		.orderby(measurement.measured_on, order=frappe.qb.desc)
		.orderby(measurement.creation, order=frappe.qb.desc)
		.limit(1)
		.run(as_dict=True)
	)
	metric = frappe.get_doc("AI Monitoring Metric", metric_name)
	row = latest[0] if latest else frappe._dict(value=None, measured_on=None, result="Not measured")
	metric.update({"latest_value": row.value, "latest_measured_on": row.measured_on, "status": row.result})
	# the measurements are the history: the metric's own shows changes people made
	metric.save(ignore_permissions=True, ignore_version=True)


@frappe.whitelist()
def assess_value(metric: str, value: float) -> str:
	"""The result a value would get on saving, for the form to show while it is typed (the same rule as saving:
	aims_app.ai_systems.monitoring.rules.assess)."""
	doc = frappe.get_doc("AI Monitoring Metric", metric)
	doc.check_permission("read")
	return assess(flt(value), doc.direction, doc.warning_threshold, doc.breach_threshold)
