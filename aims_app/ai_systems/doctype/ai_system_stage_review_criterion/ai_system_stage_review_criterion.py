# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class AISystemStageReviewCriterion(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		controls: DF.Data | None
		criterion: DF.SmallText | None
		criterion_key: DF.Data | None
		found: DF.SmallText | None
		justification: DF.SmallText | None
		met: DF.Check
		missing: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types
