# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe

from aims_app.controllers.aims_document import AIMSDocument


class AIMSScope(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from aims_app.ai_governance.doctype.aims_scope_item.aims_scope_item import AIMSScopeItem

		amended_from: DF.Link | None
		approved_by: DF.Link | None
		boundaries: DF.SmallText | None
		effective_from: DF.Date
		items: DF.Table[AIMSScopeItem]
		next_review_date: DF.Date | None
		scope_statement: DF.TextEditor
		title: DF.Data
	# end: auto-generated types

	def before_submit(self):
		# Submitting the scope is its approval: the document-control block names who gave it.
		self.approved_by = self.approved_by or frappe.session.user
		super().before_submit()
