"""What the print formats call (hooks.py `jinja`): the organisation's name for a page without a letter head,
and the document-control block's values (aims_app/templates/print/aims_document.html)."""

import frappe
from frappe import _
from frappe.utils import formatdate, get_fullname

from aims_app.ai_assurance.audit_pack.document_control import FIELDS, ControlFields, version_of
from aims_app.translation import value

# the Letter Head Frappe prints above a record that names none
DEFAULT_LETTER_HEAD = {"is_default": 1, "disabled": 0}
# what Website Settings and System Settings call the site until it is named
FRAMEWORK_NAME = "Frappe"


def aims_organisation_name() -> str:
	"""The default company where there is one (ERPNext), else the default Letter Head's name (the organisation
	whose header the prints carry), else the name the site's website or desk is given; never the framework's own
	name, which those hold until someone changes it (a page is then headed by nothing rather than "Frappe")."""
	names = (
		frappe.db.get_default("company"),
		frappe.db.get_value("Letter Head", DEFAULT_LETTER_HEAD, "letter_head_name"),
		frappe.db.get_single_value("Website Settings", "app_name"),
		frappe.db.get_single_value("System Settings", "app_name"),
	)
	return next((name for name in names if name and name != FRAMEWORK_NAME), "")


def default_letter_head() -> str:
	"""The default Letter Head's header, for a document that is no single record (the nonconformity log)."""
	return frappe.db.get_value("Letter Head", DEFAULT_LETTER_HEAD, "content") or ""


def aims_document_control(doc) -> dict:
	fields = FIELDS.get(doc.doctype, ControlFields())
	approved_by = doc.get(fields.approved_by) if fields.approved_by else None
	approved_on = doc.get(fields.approved_on) if fields.approved_on else None
	next_review = doc.get(fields.next_review) if fields.next_review else None
	stored_version = doc.get(fields.version) if fields.version else None
	return {
		"document": doc.name,
		"version": version_of(doc.name, doc.get("amended_from"), stored_version),
		"status": state_label(doc, doc.get(fields.state) if fields.state else None),
		"approved_by": get_fullname(approved_by) if approved_by and doc.docstatus == 1 else "",
		"approved_on": formatdate(approved_on) if approved_on and doc.docstatus == 1 else "",
		"next_review": formatdate(next_review) if next_review else "",
		"classification": classification(),
	}


def classification() -> str:
	"""Every AIMS document describes the organisation's AI systems, risks and weaknesses: shared with its
	auditors, never published."""
	return _("Internal")


def state_label(doc, state: str | None) -> str:
	if state:
		return value(state)
	return {0: _("Draft"), 1: _("Approved"), 2: _("Cancelled")}[int(doc.docstatus or 0)]
