"""What the hardening tests know about the app, read from its metadata at run time (so a doctype, print format
or report added later is covered without touching the tests), and records filled with hostile text."""

import re
from collections.abc import Callable

import frappe
from frappe.model.document import Document
from frappe.query_builder.functions import Count, Max

TEXT_TYPES = ("Data", "Small Text", "Text", "Text Editor", "Long Text")


def text_fields(doctype: str) -> list:
	"""Free-text fields a user types into (Data without a validated kind such as Email or URL)."""
	return [
		df
		for df in frappe.get_meta(doctype).fields
		if df.fieldtype in TEXT_TYPES and not (df.fieldtype == "Data" and df.options)
	]


def naming_fields(doctype: str) -> set[str]:
	"""The fields a `field:` or `format:...{field}...` rule names records by: their values must stay valid names."""
	autoname = frappe.get_meta(doctype).autoname or ""
	if autoname.startswith("field:"):
		return {autoname.removeprefix("field:")}
	return set(re.findall(r"\{(\w+)\}", autoname)) if autoname.startswith("format:") else set()


def fill(doc: Document, value_for: Callable) -> Document:
	"""Every text field of the document, and of one new row in each of its tables, set by `value_for(df)`
	(None leaves the field alone). Naming fields get a plain unique value; mandatory links a stored record."""
	named_by = naming_fields(doc.doctype)
	for df in text_fields(doc.doctype):
		value = frappe.generate_hash(length=12) if df.fieldname in named_by else value_for(df)
		if value is not None:
			doc.set(df.fieldname, value)
	for df in doc.meta.get_link_fields():
		if df.reqd and not doc.get(df.fieldname):
			stored = frappe.db.get_value(df.options, {}, "name", order_by="creation desc")
			doc.set(df.fieldname, stored or hostile_record(df.options, value_for).name)
	if not doc.meta.istable:
		for table in doc.meta.get_table_fields():
			fill(doc.append(table.fieldname, {}), value_for)
	return doc


def save_unchecked(doc: Document) -> Document:
	"""Save through `Document.insert` or `save` with the controller's validate, mandatory and link checks off:
	every check Frappe itself makes on values (length, Select options, HTML sanitising) still runs."""
	doc.flags.update(ignore_validate=True, ignore_mandatory=True, ignore_links=True, ignore_permissions=True)
	return doc.insert() if doc.is_new() else doc.save()


def hostile_record(doctype: str, value_for: Callable) -> Document:
	"""A new record of the doctype with its text set by `value_for`, or, where the doctype's records cannot be
	made freely (one per library control, say), its latest stored record changed so."""
	frappe.db.savepoint("hostile_record")
	try:
		return save_unchecked(fill(frappe.new_doc(doctype), value_for))
	except frappe.ValidationError:
		frappe.db.rollback(save_point="hostile_record")
		frappe.clear_messages()
		name = frappe.db.get_value(doctype, {}, "name", order_by="creation desc")
		if not name:
			raise
		return save_unchecked(fill(frappe.get_doc(doctype, name), value_for))


def fingerprint(doctypes: list[str]) -> dict[str, tuple]:
	"""Row count and latest change of each doctype's table: any write shows."""
	out = {}
	for doctype in doctypes:
		table = frappe.qb.DocType(doctype)
		out[doctype] = tuple(frappe.qb.from_(table).select(Count("*"), Max(table.modified)).run()[0])
	return out


def changed(before: dict, after: dict) -> list[str]:
	return [doctype for doctype in before if before[doctype] != after[doctype]]
