# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import getdate

from aims_app.controllers.aims_document import AIMSDocument


class AIMSRoleAssignment(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		ai_system: DF.Link | None
		business_process: DF.Data | None
		raci: DF.Literal["Responsible", "Accountable", "Consulted", "Informed"]
		requirement: DF.Link | None
		responsibility: DF.Data
		role_title: DF.Data | None
		user: DF.Link
		valid_from: DF.Date | None
		valid_to: DF.Date | None
	# end: auto-generated types

	def validate(self):
		if not (self.ai_system or self.business_process or self.requirement):
			frappe.throw(
				_("Name the AI System, Process or Requirement this responsibility is for."),
				title=_("Missing Subject"),
			)
		if self.valid_from and self.valid_to and getdate(self.valid_to) < getdate(self.valid_from):
			frappe.throw(_("Valid To cannot be before Valid From."), title=_("Invalid Dates"))
		super().validate()
