# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from __future__ import annotations

from typing import TYPE_CHECKING

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_months, now_datetime, strip_html

from aims_app.controllers.aims_document import AIMSDocument
from aims_app.messages import MessageError
from aims_app.translation import text, value

# aims_app.ai_systems.monitoring.fairness loads numpy, pandas and fairlearn (about a second): it is imported
# where an evaluation needs it, not whenever Frappe loads this controller (install, and every migrate, loads
# every controller).
if TYPE_CHECKING:
	from aims_app.ai_systems.monitoring.fairness import Columns, Evaluation, Thresholds

EVALUATED = ("Pass", "Fail", "Not judged")
# Larger files are evaluated in a background job, with progress on the form.
IN_REQUEST_BYTES = 2 * 1024 * 1024
EVIDENCE_CONTROLS = ("A.7.4", "A.6.2.4")
RESULT_FIELDS = ("rows_evaluated", "lowest_impact_ratio", "result_reasons", "evaluation_error")


def setting(fieldname: str) -> float:
	"""An AIMS Settings value; install and migrate give every field its default (0 is a value: not judged)."""
	return float(frappe.db.get_single_value("AIMS Settings", fieldname) or 0)


def thresholds() -> Thresholds:
	from aims_app.ai_systems.monitoring.fairness import Thresholds

	return Thresholds(
		min_group_count=int(setting("fairness_min_group_count")),
		min_impact_ratio=setting("fairness_min_impact_ratio"),
		max_parity_difference=setting("fairness_max_parity_difference") or None,
		max_equalized_odds_difference=setting("fairness_max_equalized_odds_difference") or None,
	)


class AIFairnessEvaluation(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from aims_app.ai_systems.doctype.ai_fairness_evaluation_dimension.ai_fairness_evaluation_dimension import (
			AIFairnessEvaluationDimension,
		)
		from aims_app.ai_systems.doctype.ai_fairness_evaluation_group.ai_fairness_evaluation_group import (
			AIFairnessEvaluationGroup,
		)

		ai_system: DF.Link
		amended_from: DF.Link | None
		dimensions: DF.Table[AIFairnessEvaluationDimension]
		evaluated_file: DF.Data | None
		evaluated_on: DF.Date
		evaluation_error: DF.SmallText | None
		evidence: DF.Link | None
		fairness_metric: DF.Link | None
		favourable_values: DF.Data | None
		group_columns: DF.Data
		groups: DF.Table[AIFairnessEvaluationGroup]
		label_column: DF.Data | None
		lowest_impact_ratio: DF.Float
		max_equalized_odds_difference: DF.Float
		max_parity_difference: DF.Float
		measurement: DF.Link | None
		min_group_count: DF.Int
		min_impact_ratio: DF.Float
		outcomes_file: DF.Attach | None
		positive_label_values: DF.Data | None
		prediction_column: DF.Data
		result: DF.Literal["Not evaluated", "Queued", "Pass", "Fail", "Not judged"]
		result_reasons: DF.SmallText | None
		rows_evaluated: DF.Int
		score_column: DF.Data | None
		system_owner: DF.Link | None
		title: DF.Data
	# end: auto-generated types

	def validate(self):
		self.refuse_a_metric_of_another_system()
		if self.outcomes_file:
			self.outcomes_file_path()
		if self.result in EVALUATED and self.evaluated_file != self.what_is_evaluated():
			self.clear_results()
		super().validate()

	def before_submit(self):
		if self.result not in EVALUATED:
			frappe.throw(
				_("Evaluate the outcomes file before submitting: the result is {0}.").format(
					value(self.result)
				),
				title=_("Not evaluated"),
			)
		super().before_submit()

	def on_submit(self):
		if self.fairness_metric and self.lowest_impact_ratio is not None and self.result != "Not judged":
			measurement = frappe.get_doc(
				{
					"doctype": "AI Monitoring Measurement",
					"metric": self.fairness_metric,
					"measured_on": now_datetime(),
					"value": self.lowest_impact_ratio,
					"source": "Fairness Evaluation",
					"fairness_evaluation": self.name,
					"notes": _("Lowest impact ratio of fairness evaluation {0}").format(self.name),
				}
			).insert(ignore_permissions=True)
			self.db_set("measurement", measurement.name)

	def refuse_a_metric_of_another_system(self):
		"""The metric fed is one of this system's (the form offers its fairness metrics)."""
		if not self.fairness_metric:
			return
		if frappe.db.get_value("AI Monitoring Metric", self.fairness_metric, "ai_system") != self.ai_system:
			frappe.throw(
				_("Feeds Metric: {0} is not a metric of AI system {1}.").format(
					self.fairness_metric, self.ai_system
				)
			)

	def columns(self) -> Columns:
		from aims_app.ai_systems.monitoring.fairness import Columns

		return Columns(
			groups=listed(self.group_columns),
			prediction=(self.prediction_column or "").strip(),
			label=(self.label_column or "").strip() or None,
			score=(self.score_column or "").strip() or None,
			favourable=listed(self.favourable_values),
			positive=listed(self.positive_label_values),
		)

	def what_is_evaluated(self) -> str:
		"""The file, column and value choices the results hold for: results go when one of them changes. (Values
		chosen are added only when there are some, so that results from before they could be chosen stay.)"""
		columns = self.columns()
		chosen = {"favourable": columns.favourable, "positive": columns.positive}
		return "|".join(
			[
				self.outcomes_file or "",
				*columns.chosen,
				str(columns.label),
				str(columns.score),
				*(f"{role}={','.join(values)}" for role, values in chosen.items() if values),
			]
		)

	def outcomes_file_path(self) -> tuple[str, int]:
		"""The attached CSV's path and size, or a refusal naming the field."""
		if not self.outcomes_file:
			frappe.throw(_("Outcomes File (CSV): attach the CSV of outcomes first."))
		file = self.outcomes_file_record()
		if not file:
			frappe.throw(
				_(
					"Outcomes File (CSV): {0} is neither attached to this evaluation nor a file you may read."
				).format(self.outcomes_file)
			)
		if not self.outcomes_file.lower().endswith(".csv"):
			frappe.throw(_("Outcomes File (CSV): {0} is not a .csv file.").format(self.outcomes_file))
		limit_mb = setting("fairness_max_file_mb")
		size = file.file_size or 0
		if size > limit_mb * 1024 * 1024:
			frappe.throw(
				_(
					"Outcomes File (CSV): the file has {0} MB, more than the {1} MB allowed (AIMS Settings)."
				).format(round(size / 1024 / 1024, 2), f"{limit_mb:g}"),
				title=_("File too large"),
			)
		return file.get_full_path(), size

	def outcomes_file_record(self) -> Document | None:
		"""The File behind Outcomes File: the one attached to this evaluation, else one with that address that
		the user may read (never another record's private file)."""
		files = frappe.get_all(
			"File",
			filters={"file_url": self.outcomes_file},
			fields=["name", "attached_to_doctype", "attached_to_name"],
		)
		attached = [
			f for f in files if (f.attached_to_doctype, f.attached_to_name) == (self.doctype, self.name)
		]
		for candidate in attached or files:
			file = frappe.get_doc("File", candidate.name)
			if attached or file.has_permission("read"):
				return file
		return None

	def clear_results(self):
		self.set("groups", [])
		self.set("dimensions", [])
		for fieldname in RESULT_FIELDS:
			self.set(fieldname, None)
		self.result = "Not evaluated"
		self.evaluated_file = None

	@frappe.whitelist()
	def evaluate(self):
		"""Evaluate now, or queue the evaluation of a large file; either way nothing is saved on bad input."""
		self.check_permission("write")
		if self.docstatus != 0:
			frappe.throw(_("A submitted evaluation is not evaluated again; amend it instead."))
		path, size = self.outcomes_file_path()
		self.columns_or_refuse()
		if size <= IN_REQUEST_BYTES:
			self.evaluate_file(path)
			return {"queued": False}
		# enqueued once this request commits, so that the worker reads the record as queued and saved
		frappe.enqueue(
			evaluate_in_background,
			queue="long",
			timeout=3600,
			job_id=f"aims-fairness-{self.name}",
			deduplicate=True,
			enqueue_after_commit=True,
			name=self.name,
		)
		self.db_set({"result": "Queued", "evaluation_error": None})
		return {"queued": True}

	def columns_or_refuse(self) -> Columns:
		columns = self.columns()
		if not columns.groups:
			frappe.throw(_("Group Columns: name at least one column of the file."))
		return columns

	def evaluate_file(self, path: str, progress=None):
		from aims_app.ai_systems.monitoring.fairness import evaluate, read_outcomes

		columns = self.columns_or_refuse()
		limits = thresholds()
		try:
			with open(path, "rb") as stream:
				frame = read_outcomes(stream, columns, progress)
			outcome = evaluate(frame, columns, limits)
		except MessageError as error:
			frappe.throw(text(error.message), title=_("The outcomes file cannot be evaluated"))
		self.apply(outcome, limits)
		self.save()

	def apply(self, outcome: Evaluation, limits: Thresholds):
		self.clear_results()
		self.update(
			{
				"result": outcome.outcome,
				"rows_evaluated": outcome.rows,
				"lowest_impact_ratio": outcome.lowest_impact_ratio,
				"result_reasons": "\n".join(text(reason) for reason in outcome.reasons),
				"min_group_count": limits.min_group_count,
				"min_impact_ratio": limits.min_impact_ratio,
				"max_parity_difference": limits.max_parity_difference or 0,
				"max_equalized_odds_difference": limits.max_equalized_odds_difference or 0,
				"evaluated_file": self.what_is_evaluated(),
			}
		)
		for d in outcome.dimensions:
			self.append(
				"dimensions",
				{
					"dimension": d.dimension,
					"most_favoured": d.most_favoured,
					"lowest_impact_ratio": d.lowest_impact_ratio,
					"parity_difference": d.parity_difference,
					"parity_ratio": d.parity_ratio,
					"equalized_odds_difference": d.equalized_odds_difference,
					"outcome": d.outcome,
				},
			)
		for g in outcome.groups:
			self.append(
				"groups",
				{
					"dimension": g.dimension,
					"group_value": g.group,
					"row_count": g.count,
					"selected": g.selected,
					"selection_rate": g.selection_rate,
					"impact_ratio": g.impact_ratio,
					"true_positive_rate": g.true_positive_rate,
					"false_positive_rate": g.false_positive_rate,
					"false_negative_rate": g.false_negative_rate,
					"positive_predictive_value": g.positive_predictive_value,
					"mean_score": g.mean_score,
					"scoring_rate": g.scoring_rate,
					"scoring_impact_ratio": g.scoring_impact_ratio,
					"outcome": g.outcome,
				},
			)

	@frappe.whitelist()
	def file_as_evidence(self) -> str:
		"""An AIMS Evidence record for A.7.4 and A.6.2.4 with this evaluation's report as its PDF."""
		self.check_permission("read")
		frappe.has_permission("AIMS Evidence", "create", throw=True)
		if self.docstatus != 1:
			frappe.throw(_("Submit the evaluation before filing it as evidence."))
		if self.evidence:
			return self.evidence
		pdf = frappe.get_print(self.doctype, self.name, print_format=PRINT_FORMAT, as_pdf=True)
		report = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{self.name}.pdf",
				"attached_to_doctype": self.doctype,
				"attached_to_name": self.name,
				"is_private": 1,
				"content": pdf,
			}
		).insert(ignore_permissions=True)
		evidence = frappe.get_doc(
			{
				"doctype": "AIMS Evidence",
				"title": _("Fairness evaluation {0}: {1}").format(self.name, self.title),
				"evidence_kind": "Report",
				"evidence_owner": self.system_owner or frappe.session.user,
				"issued_on": self.evaluated_on,
				"valid_until": add_months(self.evaluated_on, int(setting("fairness_review_months"))),
				"attachment": report.file_url,
				"description": _("Result: {0}. {1}").format(value(self.result), self.result_reasons or ""),
				"evidences": [
					{"control_implementation": control, "ai_system": self.ai_system}
					for control in evidence_controls()
				],
			}
		).insert()
		self.db_set("evidence", evidence.name)
		return evidence.name


PRINT_FORMAT = "AI Fairness Evaluation Report"


def listed(text: str | None) -> tuple[str, ...]:
	"""The values of a comma-separated field."""
	return tuple(v.strip() for v in (text or "").split(",") if v.strip())


def evidence_controls() -> list[str]:
	"""The Control Implementations of A.7.4 and A.6.2.4 (one per Annex A control, made by the install)."""
	control = frappe.qb.DocType("Control Implementation")
	requirement = frappe.qb.DocType("Framework Requirement")
	return (
		frappe.qb.from_(control)
		.join(requirement)
		.on(requirement.name == control.control)
		.select(control.name)
		.where(requirement.framework == "ISO-42001")
		.where(requirement.requirement_id.isin(EVIDENCE_CONTROLS))
		.run(pluck=True)
	)


def evaluate_in_background(name: str):
	"""The queued evaluation of a large file, with its progress published to the form. Bad input leaves the
	record as it was, with the reason in Last Error."""
	doc = frappe.get_doc("AI Fairness Evaluation", name)
	title = _("Evaluating {0}").format(name)

	def progress(rows: int, share: float):
		frappe.publish_progress(
			round(share * 90),
			title=title,
			doctype=doc.doctype,
			docname=name,
			description=_("{0} rows read").format(rows),
		)

	try:
		doc.evaluate_file(doc.outcomes_file_path()[0], progress)
	except Exception as error:
		frappe.db.rollback()
		frappe.db.set_value(
			doc.doctype,
			name,
			{"result": "Not evaluated", "evaluation_error": strip_html(str(error))},
			update_modified=False,
		)
		frappe.db.commit()
		frappe.get_doc(doc.doctype, name).notify_update()
		raise
	frappe.publish_progress(100, title=title, doctype=doc.doctype, docname=name)
