# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from aims_app.controllers.aims_document import AIMSDocument


class ContextIssue(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		category: DF.Literal[
			"Legal and regulatory",
			"Technological",
			"Ethical",
			"Social and cultural",
			"Economic",
			"Environmental",
			"Organisational",
			"Other",
		]
		description: DF.Text
		effect_on_aims: DF.SmallText
		issue_type: DF.Literal["External", "Internal"]
		review_date: DF.Date | None
		status: DF.Literal["Open", "Monitored", "Closed"]
		title: DF.Data
	# end: auto-generated types
