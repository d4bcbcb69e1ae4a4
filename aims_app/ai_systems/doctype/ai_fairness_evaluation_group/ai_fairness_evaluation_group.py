# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class AIFairnessEvaluationGroup(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		dimension: DF.Data | None
		false_negative_rate: DF.Float
		false_positive_rate: DF.Float
		group_value: DF.Data | None
		impact_ratio: DF.Float
		mean_score: DF.Float
		outcome: DF.Literal["Pass", "Fail", "Too few to judge"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		positive_predictive_value: DF.Float
		row_count: DF.Int
		scoring_impact_ratio: DF.Float
		scoring_rate: DF.Float
		selected: DF.Int
		selection_rate: DF.Float
		true_positive_rate: DF.Float
	# end: auto-generated types

	pass
