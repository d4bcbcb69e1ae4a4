# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ManagementReviewDecision(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		action_owner: DF.Link | None
		decision: DF.SmallText
		decision_kind: DF.Literal["Improvement opportunity", "Change to the AIMS", "Resource need", "Other"]
		due_date: DF.Date | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		todo: DF.Link | None
	# end: auto-generated types
