# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class AIMSScopeItem(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		ai_system: DF.Link | None
		coverage: DF.Literal["Included", "Excluded"]
		exclusion_reason: DF.SmallText | None
		item: DF.Data | None
		item_type: DF.Literal["AI System", "Organisational Unit", "Process", "Location", "Other"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types
