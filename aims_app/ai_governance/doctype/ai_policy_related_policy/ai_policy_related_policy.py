# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class AIPolicyRelatedPolicy(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		area: DF.Literal[
			"Information security",
			"Privacy",
			"Quality",
			"Data governance",
			"Procurement",
			"Safety",
			"Human resources",
			"Other",
		]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		policy_name: DF.Data
		reference: DF.Data | None
		relation: DF.SmallText
	# end: auto-generated types
