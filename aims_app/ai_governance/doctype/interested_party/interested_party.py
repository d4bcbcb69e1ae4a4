# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from aims_app.controllers.aims_document import AIMSDocument


class InterestedParty(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		addressed_by_aims: DF.Check
		how_addressed: DF.SmallText | None
		internal_or_external: DF.Literal["External", "Internal"]
		needs_and_expectations: DF.Text
		party_name: DF.Data
		party_type: DF.Literal[
			"Customer",
			"User of an AI system",
			"Affected individual or group",
			"Employee",
			"Regulator or authority",
			"Supplier or partner",
			"Owner or investor",
			"Society",
			"Other",
		]
		relevant_requirements: DF.SmallText | None
		review_date: DF.Date | None
	# end: auto-generated types
