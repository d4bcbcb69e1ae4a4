# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import add_months, getdate, today

from aims_app.ai_governance.doctype.aims_settings.aims_settings import get_risk_matrix
from aims_app.ai_risk.risk_rules import IMPACT, LIKELIHOOD, residual_problem, score_risk
from aims_app.ai_risk.scoring import refuse_off_scale, require_library_kind
from aims_app.controllers.aims_document import AIMSDocument
from aims_app.history import record_changes
from aims_app.translation import label, text


class AIRisk(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from aims_app.ai_risk.doctype.ai_risk_control.ai_risk_control import AIRiskControl
		from aims_app.ai_risk.doctype.ai_risk_objective.ai_risk_objective import AIRiskObjective

		accepted_until: DF.Date | None
		ai_system: DF.Link | None
		consequences_individuals: DF.SmallText | None
		consequences_organisation: DF.SmallText | None
		controls: DF.Table[AIRiskControl]
		description: DF.Text
		exceeds_appetite: DF.Check
		identified_on: DF.Date | None
		impact: DF.Int
		inherent_level: DF.Data | None
		likelihood: DF.Int
		objectives: DF.TableMultiSelect[AIRiskObjective]
		residual_impact: DF.Int
		residual_level: DF.Data | None
		residual_likelihood: DF.Int
		review_date: DF.Date | None
		risk_owner: DF.Link
		risk_source: DF.Link | None
		status: DF.Literal["Open", "In treatment", "Accepted", "Review due", "Closed"]
		title: DF.Data
		treatment_option: DF.Literal["Modify", "Avoid", "Share", "Retain"]
		treatment_plan: DF.SmallText | None
	# end: auto-generated types

	def validate(self):
		self.validate_library_links()
		self.validate_controls()
		self.set_levels()
		self.reopen_if_acceptance_no_longer_holds()
		self.refuse_accepted_without_acceptance()
		self.set_review_date()
		super().validate()

	def validate_library_links(self):
		require_library_kind(self, "risk_source", self.risk_source, "Risk Source")
		objectives = {row.objective for row in self.objectives}
		kinds = dict(
			frappe.get_all(
				"Framework Requirement",
				filters={"name": ("in", list(objectives) or [""])},
				fields=["name", "requirement_kind"],
				as_list=True,
			)
		)
		for row in self.objectives:
			if kinds.get(row.objective) != "Objective":
				require_library_kind(
					row, "objective", row.objective, "Objective", _("Row {0}: ").format(row.idx)
				)

	def validate_controls(self):
		for row in self.controls:
			if not (row.control_implementation or row.own_control):
				frappe.throw(
					_(
						"Controls That Treat It, row {0}: choose an Annex A control or name our own control."
					).format(row.idx),
					title=_("Control Missing"),
				)
		chosen = [row.control_implementation for row in self.controls if row.control_implementation]
		excluded = frappe.get_all(
			"Control Implementation",
			filters={"name": ("in", chosen or [""]), "applicability": "Not applicable"},
			pluck="name",
		)
		if excluded:
			frappe.throw(
				_(
					"{0} is marked not applicable in the Statement of Applicability, so it cannot treat a risk."
				).format(", ".join(frappe.bold(c) for c in excluded)),
				title=_("Control Excluded"),
			)

	def set_levels(self):
		matrix = get_risk_matrix()
		refuse_off_scale(
			self,
			matrix,
			{
				"likelihood": LIKELIHOOD,
				"impact": IMPACT,
				"residual_likelihood": LIKELIHOOD,
				"residual_impact": IMPACT,
			},
		)
		for fieldname in ("likelihood", "impact"):
			if not self.get(fieldname):
				frappe.throw(
					_("{0} is required: score it on the risk matrix.").format(label(self.meta, fieldname)),
					frappe.MandatoryError,
				)
		if bool(self.residual_likelihood) != bool(self.residual_impact):
			frappe.throw(
				_("Give both {0} and {1}, or neither until the residual risk is assessed.").format(
					label(self.meta, "residual_likelihood"), label(self.meta, "residual_impact")
				),
				title=_("Residual Risk Half Scored"),
			)
		score = score_risk(
			matrix,
			self.likelihood,
			self.impact,
			self.residual_likelihood or None,
			self.residual_impact or None,
		)
		problem = residual_problem(matrix, score)
		if problem:
			frappe.throw(text(problem), title=_("Residual Level"))
		self.inherent_level = score.inherent_level
		self.residual_level = score.residual_level
		self.exceeds_appetite = score.exceeds_appetite

	def reopen_if_acceptance_no_longer_holds(self):
		"""An acceptance is a decision about one residual level; a new level needs a new decision."""
		if self.status == "Accepted" and not self.is_new() and self.has_value_changed("residual_level"):
			self.status = "Review due"
			self.accepted_until = None
			frappe.msgprint(
				_(
					"The residual level changed, so the earlier acceptance no longer holds: the risk is due for review."
				),
				alert=True,
			)

	def refuse_accepted_without_acceptance(self):
		if self.status == "Accepted" and not self.accepted_until:
			frappe.throw(
				_("A risk becomes {0} when its owner submits a Risk Acceptance; set another status.").format(
					frappe.bold(_("Accepted"))
				),
				title=_("Not Accepted Yet"),
			)

	def set_review_date(self):
		if not self.review_date:
			months = frappe.db.get_single_value("AIMS Settings", "risk_review_months") or 12
			self.review_date = add_months(getdate(self.identified_on or today()), months)


def mark_risks_due_for_review():
	"""Daily: risks whose review date has passed show as due, without anyone saving them, each change in the
	risk's history."""
	risk = frappe.qb.DocType("AI Risk")
	due = (
		frappe.qb.from_(risk)
		.select(risk.name)
		.where(risk.status.isin(("Open", "In treatment", "Accepted")))
		.where(risk.review_date < getdate(today()))
		.run(pluck=True)
	)
	record_changes("AI Risk", due, {"status": "Review due"})


def on_doctype_update():
	"""Composite indexes that answer the AI Risk Register's totals, the "Risks Above Appetite" card and the
	heat map from the index alone (Frappe calls this whenever it syncs the doctype)."""
	frappe.db.add_index(
		"AI Risk", ["exceeds_appetite", "status", "residual_level", "inherent_level"], "appetite_totals"
	)
	frappe.db.add_index(
		"AI Risk",
		["status", "likelihood", "impact", "residual_likelihood", "residual_impact"],
		"current_score",
	)
