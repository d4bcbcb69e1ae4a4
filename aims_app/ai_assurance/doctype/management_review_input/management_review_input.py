# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ManagementReviewInput(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		commentary: DF.SmallText | None
		input_area: DF.Literal[
			"Actions from previous reviews",
			"Changes in external and internal issues",
			"Changes in interested parties' needs",
			"Nonconformities and corrective actions",
			"Monitoring and measurement results",
			"Audit results",
			"AI risks and their treatment",
			"AI incidents",
			"Opportunities for continual improvement",
		]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		summary: DF.SmallText | None
	# end: auto-generated types
