# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.contacts.address_and_contact import load_address_and_contact

from aims_app.ai_systems.supplier_rules import likely_duplicate
from aims_app.controllers.aims_document import AIMSDocument
from aims_app.integrations.suppliers import follow_supplier_link
from aims_app.translation import value


class AISupplier(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		assessment_result: DF.Literal["Not assessed", "Approved", "Approved with conditions", "Not approved"]
		contract_reference: DF.Data | None
		last_assessment_date: DF.Date | None
		likely_duplicate_of: DF.Data | None
		next_assessment_date: DF.Date | None
		provision_details: DF.SmallText | None
		responsibilities: DF.Text | None
		supplier_name: DF.Data
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

	def onload(self):
		load_address_and_contact(self)

	def validate(self):
		if self.assessment_result != "Not assessed" and not self.last_assessment_date:
			frappe.throw(
				_("Last Assessment is required when the result is {0}.").format(
					value(self.assessment_result)
				),
				title=_("Missing Date"),
			)
		self.flag_likely_duplicate()
		super().validate()

	def flag_likely_duplicate(self):
		"""Point at another supplier of likely the same company, and say so when that is new."""
		others = frappe.get_all("AI Supplier", filters={"name": ("!=", self.name or "")}, pluck="name")
		self.likely_duplicate_of = likely_duplicate(self.supplier_name, others)
		if self.likely_duplicate_of and self.has_value_changed("likely_duplicate_of"):
			frappe.msgprint(
				_("{0} is likely the same company as the supplier {1}: check, and keep one of them.").format(
					frappe.bold(self.supplier_name), frappe.bold(self.likely_duplicate_of)
				),
				title=_("Likely Duplicate Supplier"),
				indicator="orange",
			)

	def on_update(self):
		follow_supplier_link(self)
		super().on_update()
