# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from aims_app.ai_risk.risk_matrix import RiskMatrix, default_matrix, matrix_problems
from aims_app.controllers.aims_document import AIMSDocument
from aims_app.translation import text


class AIMSSettings(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from aims_app.ai_governance.doctype.aims_settings_impact.aims_settings_impact import (
			AIMSSettingsImpact,
		)
		from aims_app.ai_governance.doctype.aims_settings_likelihood.aims_settings_likelihood import (
			AIMSSettingsLikelihood,
		)
		from aims_app.ai_governance.doctype.aims_settings_matrix_cell.aims_settings_matrix_cell import (
			AIMSSettingsMatrixCell,
		)
		from aims_app.ai_governance.doctype.aims_settings_risk_level.aims_settings_risk_level import (
			AIMSSettingsRiskLevel,
		)
		from aims_app.ai_governance.doctype.aims_settings_supplier_question.aims_settings_supplier_question import (
			AIMSSettingsSupplierQuestion,
		)

		ai_system_review_months: DF.Int
		approver_signs_every_step: DF.Check
		fairness_max_equalized_odds_difference: DF.Float
		fairness_max_file_mb: DF.Int
		fairness_max_parity_difference: DF.Float
		fairness_min_group_count: DF.Int
		fairness_min_impact_ratio: DF.Float
		fairness_review_months: DF.Int
		concern_form_audience: DF.Literal["Anyone", "Logged-in users only"]
		concerns_per_hour: DF.Int
		impact_assessment_review_months: DF.Int
		impacts: DF.Table[AIMSSettingsImpact]
		is_data_provider: DF.Check
		is_deployer: DF.Check
		is_developer: DF.Check
		is_distributor: DF.Check
		is_importer: DF.Check
		is_provider: DF.Check
		last_model_sync_on: DF.Datetime | None
		last_model_sync_result: DF.SmallText | None
		likelihoods: DF.Table[AIMSSettingsLikelihood]
		matrix_cells: DF.Table[AIMSSettingsMatrixCell]
		mlflow_token: DF.Password | None
		mlflow_url: DF.Data | None
		policy_review_months: DF.Int
		risk_appetite: DF.Data
		risk_levels: DF.Table[AIMSSettingsRiskLevel]
		risk_review_months: DF.Int
		supplier_file_size_mb: DF.Int
		supplier_file_types: DF.Data | None
		supplier_questions: DF.Table[AIMSSettingsSupplierQuestion]
		supplier_reassessment_months: DF.Int
		sync_models_daily: DF.Check
	# end: auto-generated types

	def validate(self):
		problems = matrix_problems(self.risk_matrix())
		if problems:
			frappe.throw(
				"<br>".join(text(problem) for problem in problems), title=_("The risk matrix cannot be used")
			)
		super().validate()

	def risk_matrix(self) -> RiskMatrix:
		return RiskMatrix(
			likelihoods=tuple(row.label for row in self.likelihoods),
			impacts=tuple(row.label for row in self.impacts),
			levels=tuple(row.level for row in self.risk_levels),
			cells={(cell.likelihood, cell.impact): cell.level for cell in self.matrix_cells},
			appetite=self.risk_appetite,
		)

	def set_default_matrix(self):
		matrix = default_matrix()
		self.set("likelihoods", [{"label": label} for label in matrix.likelihoods])
		self.set("impacts", [{"label": label} for label in matrix.impacts])
		self.set("risk_levels", [{"level": level} for level in matrix.levels])
		self.set(
			"matrix_cells",
			[
				{"likelihood": likelihood, "impact": impact, "level": level}
				for (likelihood, impact), level in sorted(matrix.cells.items())
			],
		)
		self.risk_appetite = matrix.appetite


def get_risk_matrix() -> RiskMatrix:
	"""The matrix every risk is scored on."""
	return frappe.get_cached_doc("AIMS Settings").risk_matrix()
