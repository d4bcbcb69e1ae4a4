# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class AIPolicyCommitment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		kind: DF.Literal[
			"Meet applicable requirements",
			"Continual improvement of the AIMS",
			"Framework for AI objectives",
			"Responsible AI principle",
			"Other",
		]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		text: DF.SmallText
	# end: auto-generated types
