# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class AIMSAuditChecklistItem(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		audit_notes: DF.SmallText | None
		evidence_expected: DF.Text | None
		evidence_seen: DF.SmallText | None
		guidance: DF.Text | None
		nonconformity: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		requirement: DF.Link | None
		requirement_title: DF.SmallText | None
		result: DF.Literal[
			"",
			"Conforms",
			"Minor nonconformity",
			"Major nonconformity",
			"Observation",
			"Opportunity for improvement",
			"Not audited",
		]
		todo: DF.Link | None
	# end: auto-generated types
