# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class AISystemObligation(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		addressed: DF.Check
		applies_from: DF.Date | None
		article: DF.Data | None
		deciding_rule: DF.SmallText | None
		duty_of: DF.Literal[
			"",
			"Provider",
			"Deployer",
			"Both",
			"Importer",
			"Distributor",
			"Authorised representative",
			"Product manufacturer",
		]
		how_addressed: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		reminded_on: DF.Date | None
		status: DF.Literal["", "Applies", "Upcoming"]
		summary: DF.SmallText | None
		what_to_do: DF.SmallText | None
	# end: auto-generated types
