# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class AIImpactAssessmentArea(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		area: DF.Literal[
			"Fairness",
			"Privacy",
			"Safety",
			"Security",
			"Autonomy and human rights",
			"Transparency",
			"Environment",
			"Society",
		]
		impact_description: DF.SmallText | None
		level: DF.Data | None
		likelihood: DF.Int
		mitigations: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		relevant: DF.Check
		severity: DF.Int
	# end: auto-generated types
