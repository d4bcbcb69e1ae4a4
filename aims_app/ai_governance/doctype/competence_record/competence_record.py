# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import getdate, today

from aims_app.controllers.aims_document import AIMSDocument
from aims_app.integrations.training import refuse_second_record_for_event
from aims_app.translation import label
from aims_app.validation import refuse_dates_out_of_order


class CompetenceRecord(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		aims_role: DF.Link | None
		competence_area: DF.Data
		evidence: DF.Attach | None
		evidence_description: DF.SmallText | None
		gained_on: DF.Date
		how_gained: DF.Literal["Education", "Training", "Experience", "Certification", "Mentoring"]
		person: DF.Link
		valid_until: DF.Date | None
	# end: auto-generated types

	def validate(self):
		refuse_dates_out_of_order(self, "gained_on", "valid_until")
		refuse_second_record_for_event(self)
		if getdate(self.gained_on) > getdate(today()):
			frappe.throw(_("{0} cannot be in the future.").format(label(self.meta, "gained_on")))
		super().validate()

	@property
	def has_lapsed(self) -> bool:
		return bool(self.valid_until) and getdate(self.valid_until) < getdate(today())
