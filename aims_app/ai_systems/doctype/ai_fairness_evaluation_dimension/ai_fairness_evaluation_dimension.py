# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class AIFairnessEvaluationDimension(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		dimension: DF.Data | None
		equalized_odds_difference: DF.Float
		lowest_impact_ratio: DF.Float
		most_favoured: DF.Data | None
		outcome: DF.Literal["Pass", "Fail", "Not judged"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		parity_difference: DF.Float
		parity_ratio: DF.Float
	# end: auto-generated types

	pass
