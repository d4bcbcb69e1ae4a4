"""Checks the framework runs in the browser only, run again on the server (REST, imports, scripts)."""

from functools import lru_cache

import frappe
from frappe import _
from frappe.utils import escape_html, getdate
from frappe.utils.html_utils import sanitize_html

from aims_app.conditions import fields_read
from aims_app.markup_rules import TAG_START, markup_in, markup_refused
from aims_app.translation import label, text, value


def validate_conditional_mandatory(doc):
	"""Frappe v15 enforces `mandatory_depends_on` in the form only; refuse the same gaps from the API."""
	missing = [
		label(row.meta, df.fieldname)
		if row is doc
		else _("Row {0}: {1}").format(row.idx, label(row.meta, df.fieldname))
		for row in (doc, *doc.get_all_children())
		for df in row.meta.fields
		if df.mandatory_depends_on
		and not row.get(df.fieldname)
		and condition_holds(row, df.mandatory_depends_on)
	]
	if missing:
		frappe.throw(
			_("Value missing for {0}: {1}").format(value(doc.doctype), ", ".join(missing)),
			frappe.MandatoryError,
			title=_("Missing Values Required"),
		)


def condition_holds(doc, condition: str) -> bool:
	if not condition.startswith("eval:"):
		return bool(doc.get(condition))
	expression = condition[5:]
	fields = fields_read(expression)
	if fields is not None:
		values = tuple(doc.get(fieldname) for fieldname in fields)
		if all(isinstance(v, str | int | float | type(None)) for v in values):
			# with the types: 1 and True are one key, but `is` tells them apart
			return expression_holds(expression, fields, tuple((type(v), v) for v in values))
	return bool(frappe.safe_eval(expression, None, {"doc": frappe._dict(doc.as_dict())}))


@lru_cache(maxsize=4096)
def expression_holds(expression: str, fields: tuple[str, ...], typed_values: tuple) -> bool:
	"""An expression that reads only these fields (aims_app/conditions.py), evaluated by Frappe's safe_eval once
	for these values: an import of thousands of records with the same values evaluates it once."""
	record = frappe._dict(zip(fields, (v for _type, v in typed_values), strict=True))
	return bool(frappe.safe_eval(expression, None, {"doc": record}))


def refuse_dates_out_of_order(doc, earlier: str, later: str, row_label: str = ""):
	"""Throw naming both fields when the date in `later` falls before the one in `earlier`."""
	first, second = doc.get(earlier), doc.get(later)
	if first and second and getdate(second) < getdate(first):
		frappe.throw(
			_("{0}{1} ({2}) cannot be before {3} ({4}).").format(
				row_label,
				label(doc.meta, later),
				frappe.format(second, "Date"),
				label(doc.meta, earlier),
				frappe.format(first, "Date"),
			),
			title=_("Invalid Date"),
		)


def name_fields(meta) -> list[str]:
	"""The fields that name a record to people: its title field and the field its name is made from, where
	someone types them (a title fetched from another record is checked on that record)."""
	autoname = meta.autoname or ""
	candidates = [
		meta.title_field,
		autoname.removeprefix("field:") if autoname.startswith("field:") else None,
	]
	return [
		df.fieldname
		for df in (meta.get_field(fieldname) for fieldname in dict.fromkeys(filter(None, candidates)))
		if df and df.fieldtype == "Data" and not df.fetch_from and not df.read_only
	]


def refuse_markup_in_names(doc):
	"""A name holding markup is refused, whichever way it comes (desk, REST, a JSON-string value that Frappe's
	own HTML sanitiser lets through, an import): nothing is stored and the user is told which field and why.
	A name stored before this check is refused only once someone changes it: until then the record saves (a
	daily job, a new measurement) and every page shows the name escaped."""
	for fieldname in name_fields(doc.meta):
		if not doc.is_new() and not doc.has_value_changed(fieldname):
			continue
		found = markup_in(doc.get(fieldname))
		if found:
			frappe.throw(
				text(markup_refused(label(doc.meta, fieldname), escape_html(found))),
				frappe.ValidationError,
				title=_("Markup in a Name"),
			)


# Text a person types, cleaned as Frappe cleans it (Code, HTML Editor and email addresses are left to Frappe).
CLEANED_TYPES = ("Data", "Small Text", "Text", "Long Text", "Text Editor")


@lru_cache(maxsize=1)
def app_modules() -> frozenset[str]:
	return frozenset(frappe.get_module_list("aims_app"))


def clean_markup_in_text(doc):
	"""Frappe's HTML sanitiser leaves alone a value that parses as JSON ('"<img src=x onerror=...>"', with the
	quotes) and the fields of a document being submitted. For the AIMS doctypes it cleans those too when they
	are set, as it cleans any other typed value (scripts and event handlers go, text without a tag is kept as
	typed), so no text saved carries script, whichever page or print of Frappe's shows it."""
	if doc.meta.module not in app_modules():
		return
	for row in (doc, *doc.get_all_children()):
		for df in row.meta.fields:
			if df.fieldtype not in CLEANED_TYPES or df.ignore_xss_filter or df.options == "Email":
				continue
			if row is doc and not doc.is_new() and not doc.has_value_changed(df.fieldname):
				continue  # stored before: left as it is, and escaped wherever it is shown
			text = row.get(df.fieldname)
			if isinstance(text, str) and TAG_START.search(text):
				cleaned = sanitize_html(text, linkify=df.fieldtype == "Text Editor", always_sanitize=True)
				if cleaned != text:
					row.set(df.fieldname, cleaned)
