# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from aims_app.controllers.aims_document import AIMSDocument
from aims_app.validation import refuse_dates_out_of_order


class AuditProgramme(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from aims_app.ai_assurance.doctype.audit_programme_audit.audit_programme_audit import (
			AuditProgrammeAudit,
		)

		aims_scope: DF.Link | None
		audits: DF.Table[AuditProgrammeAudit]
		criteria: DF.SmallText
		method: DF.SmallText | None
		objectives: DF.SmallText
		programme_owner: DF.Link
		programme_year: DF.Int
		title: DF.Data
	# end: auto-generated types

	def validate(self):
		for row in self.audits:
			label = _("Planned Audits, row {0}: ").format(row.idx)
			refuse_dates_out_of_order(row, "planned_start", "planned_end", label)
		super().validate()


@frappe.whitelist()
def create_audit(programme: str, row_name: str) -> str:
	"""A draft AIMS Audit for one planned audit of the programme, linked both ways."""
	doc = frappe.get_doc("Audit Programme", programme)
	doc.check_permission("write")
	row = next((r for r in doc.audits if r.name == row_name), None)
	if not row:
		frappe.throw(_("Row {0} is not an audit of programme {1}.").format(row_name, programme))
	if row.aims_audit:
		return row.aims_audit
	audit = frappe.new_doc("AIMS Audit")
	audit.update(
		{
			"title": row.audit_title,
			"audit_type": row.audit_type,
			"audit_programme": doc.name,
			"start_date": row.planned_start,
			"end_date": row.planned_end or row.planned_start,
			"lead_auditor": row.lead_auditor,
		}
	)
	audit.flags.ignore_mandatory = True  # the scope is chosen on the audit itself
	audit.insert()
	row.db_set("aims_audit", audit.name)
	return audit.name
