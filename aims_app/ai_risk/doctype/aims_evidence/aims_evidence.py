# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import getdate, today

from aims_app.controllers.aims_document import AIMSDocument
from aims_app.translation import label
from aims_app.validation import refuse_dates_out_of_order


class AIMSEvidence(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from aims_app.ai_risk.doctype.aims_evidence_link.aims_evidence_link import AIMSEvidenceLink

		attachment: DF.Attach | None
		description: DF.SmallText | None
		document_version: DF.Data | None
		evidence_kind: DF.Literal[
			"Policy", "Procedure", "Record", "Report", "Log", "Contract", "Certificate", "Screenshot", "Other"
		]
		evidence_owner: DF.Link
		evidences: DF.Table[AIMSEvidenceLink]
		external_link: DF.Data | None
		issued_on: DF.Date
		title: DF.Data
		valid_until: DF.Date | None
	# end: auto-generated types

	def validate(self):
		self.refuse_validity_before_issue()
		self.refuse_empty_links()
		self.refuse_nothing_to_show()
		super().validate()

	def refuse_validity_before_issue(self):
		refuse_dates_out_of_order(self, "issued_on", "valid_until")

	def refuse_empty_links(self):
		for row in self.evidences:
			if not (row.requirement or row.control_implementation or row.ai_system):
				frappe.throw(
					_("Evidences, row {0}: choose a requirement, an Annex A control or an AI system.").format(
						row.idx
					),
					title=_("Nothing Evidenced"),
				)

	def refuse_nothing_to_show(self):
		if not (self.attachment or self.external_link):
			frappe.throw(
				_("Attach the {0} or give a link to it ({1}).").format(
					label(self.meta, "attachment"), label(self.meta, "external_link")
				),
				frappe.MandatoryError,
				title=_("No Evidence to Show"),
			)

	@property
	def is_expired(self) -> bool:
		return bool(self.valid_until) and getdate(self.valid_until) < getdate(today())
