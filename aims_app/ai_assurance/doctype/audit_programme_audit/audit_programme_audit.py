# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class AuditProgrammeAudit(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		aims_audit: DF.Link | None
		audit_title: DF.Data
		audit_type: DF.Literal[
			"Internal", "Certification stage 1", "Certification stage 2", "Surveillance", "Supplier"
		]
		lead_auditor: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		planned_end: DF.Date | None
		planned_start: DF.Date
		scope_description: DF.SmallText | None
	# end: auto-generated types
