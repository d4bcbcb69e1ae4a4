# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class AISystemSupplier(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		ai_supplier: DF.Link
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		supplies: DF.Data | None
		supply_type: DF.Literal[
			"",
			"AI model",
			"Dataset",
			"Complete AI system",
			"Platform or infrastructure",
			"Services (labelling, evaluation, support)",
			"Other",
		]
	# end: auto-generated types
