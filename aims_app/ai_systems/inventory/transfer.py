"""Inventory as code: AI systems with their models, datasets and suppliers, imported from and exported to the
YAML card of docs/inventory-format.md (`bench --site SITE aims import-inventory FILE`, the AI System list).

An import is all or nothing: it runs inside a savepoint and any refused record rolls back every write. Each
new record is inserted and each changed one saved through the document API (`insert`, `save`), so every
check and hook of a desk save runs; the speed comes from reading what the AIMS holds in a few queries up
front and leaving unchanged records alone (benchmarks/inventory_import.py).
"""

from contextlib import contextmanager

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder.functions import Coalesce
from frappe.utils import strip_html
from frappe.utils.html_utils import sanitize_html

from aims_app.ai_systems.inventory.card import (
	CARD_DOCTYPES,
	SECTION,
	SECTIONS,
	CardError,
	Field,
	Saving,
	Section,
	Summary,
	card_from_records,
	check_card,
	check_references,
	diff_record,
	dump_card,
	name_from_inventory_id,
	parse_card,
	record_label,
	referenced_ids,
	schema_from_docfields,
)
from aims_app.markup_rules import TAG_START
from aims_app.permissions import has_unrestricted_role
from aims_app.translation import label as field_label
from aims_app.translation import text

SAVEPOINT = "aims_inventory_import"
REFUSALS = (frappe.ValidationError, frappe.PermissionError, frappe.NameError)
UNIQUE_REFUSALS = (frappe.UniqueValidationError, frappe.DuplicateEntryError)
# The text fields whose values a save cleans of markup (Frappe's and the AIMS's sanitising on save).
CLEANED_TYPES = frozenset({"Data", "Small Text", "Text", "Long Text", "Text Editor"})


def name_by_inventory_id(doc: Document):
	"""Name a new AI Model or AI Dataset by its Inventory ID (name_from_inventory_id); an ID another record is
	named by is refused as the unique Inventory ID it is, not as a clash of names."""
	doc.name = name_from_inventory_id(doc.inventory_id)
	if doc.name and frappe.db.exists(doc.doctype, doc.name):
		frappe.throw(
			_("{0} {1} is already used by {2}.").format(
				field_label(doc.meta, "inventory_id"), frappe.bold(doc.inventory_id), doc.name
			),
			frappe.UniqueValidationError,
		)


def require_inventory_rights():
	if not has_unrestricted_role():
		frappe.throw(
			_("Importing or exporting the AI inventory needs the AIMS Manager or System Manager role."),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)


def card_schema():
	return schema_from_docfields(
		{dt: [df.as_dict() for df in frappe.get_meta(dt).fields] for dt in CARD_DOCTYPES}
	)


def saving() -> Saving:
	"""What a save stores for a card's text: Frappe's sanitiser cleans every value with "<" or ">" that parses
	as HTML (`BaseDocument._sanitize_content`: `<Includes number of providers>` is stored escaped), and the
	AIMS cleans the rest that holds a tag (`aims_app.validation.clean_markup_in_text`). Comparing the card's
	value in that form keeps a second import of the same file from seeing a change."""
	kept = {
		df.fieldname
		for doctype in CARD_DOCTYPES
		for df in frappe.get_meta(doctype).fields
		if df.ignore_xss_filter or df.options == "Email"
	}

	def saved(spec: Field, value):
		if spec.fieldtype not in CLEANED_TYPES or spec.fieldname in kept or not isinstance(value, str):
			return value
		linkify = spec.fieldtype == "Text Editor"
		if "<" in value or ">" in value:
			value = sanitize_html(value, linkify=linkify)
		if TAG_START.search(value):
			value = sanitize_html(value, linkify=linkify, always_sanitize=True)
		return value

	return saved


def stored_records(section: Section, schema, ids=None) -> dict[str, frappe._dict]:
	"""The section's records in the AIMS (all, or those with these ids) by id, tables included. A record
	without an inventory id answers to its name."""
	if ids is not None and not ids:
		return {}
	table = frappe.qb.DocType(section.doctype)
	query = (
		frappe.qb.from_(table)
		.select(table.name, *(table[f] for f in schema[section.doctype]))
		.orderby(Coalesce(table[section.id_field], table.name))
	)
	if ids is not None:
		ids = list(ids)
		query = query.where(
			table[section.id_field].isin(ids) | (table[section.id_field].isnull() & table.name.isin(ids))
		)
	records = {}
	for row in query.run(as_dict=True):
		row[section.id_field] = row[section.id_field] or row.name
		records[row[section.id_field]] = row
	by_name = {r.name: r for r in records.values()}
	for spec in section.tables:
		for row in stored_rows(section, spec, schema, list(by_name)):
			by_name[row.pop("parent")].setdefault(spec.key, []).append(row)
	return records


def stored_rows(section: Section, spec, schema, parents: list[str]) -> list[dict]:
	if not parents:
		return []
	child = frappe.qb.DocType(spec.doctype)
	target_section = SECTION[spec.section]
	target = frappe.qb.DocType(target_section.doctype)
	return (
		frappe.qb.from_(child)
		.left_join(target)
		.on(target.name == child[spec.link_field])
		.select(
			child.parent,
			Coalesce(target[target_section.id_field], child[spec.link_field]).as_(spec.ref_key),
			*(child[f] for f in schema[spec.doctype]),
		)
		.where(
			child.parent.isin(parents)
			& (child.parenttype == section.doctype)
			& (child.parentfield == spec.key)
		)
		.orderby(child.parent)
		.orderby(child.idx)
		.run(as_dict=True)
	)


def export_inventory() -> str:
	"""The whole inventory as a card."""
	require_inventory_rights()
	schema = card_schema()
	return dump_card(
		card_from_records({s.key: list(stored_records(s, schema).values()) for s in SECTIONS}, schema)
	)


def import_inventory(content: bytes | str, source: str, dry_run: bool = False) -> Summary:
	"""Create or update what the card describes; a dry run checks and writes everything, then rolls back."""
	require_inventory_rights()
	schema = card_schema()
	try:
		card = check_card(parse_card(content, source), schema, source)
	except CardError as error:
		frappe.throw(text(error.message), title=_("Inventory Import"))
	wanted = referenced_ids(card)
	existing = {s.key: stored_records(s, schema, wanted[s.key]) for s in SECTIONS}
	try:
		check_references(card, existing)
	except CardError as error:
		frappe.throw(text(error.message), title=_("Inventory Import"))
	summary = Summary(source, dry_run)
	names = {key: {i: r.name for i, r in records.items()} for key, records in existing.items()}
	saved = saving()
	frappe.db.savepoint(SAVEPOINT)
	try:
		for section in SECTIONS:
			write_section(section, card, existing[section.key], names, schema, summary, saved)
	except frappe.TooManyWritesError:
		frappe.db.rollback(save_point=SAVEPOINT)
		frappe.throw(
			_(
				"{0}: the file changes more than Frappe writes in one transaction ({1} rows); nothing was "
				"written. Split it into smaller files."
			).format(source, frappe.db.MAX_WRITES_PER_TRANSACTION),
			title=_("Inventory Import"),
		)
	except Exception:
		frappe.db.rollback(save_point=SAVEPOINT)
		raise
	if dry_run:
		frappe.db.rollback(save_point=SAVEPOINT)
	return summary


def write_section(section: Section, card, existing, names, schema, summary: Summary, saved: Saving):
	"""Insert the section's new records and save its changed ones, one document at a time through
	`Document.insert` and `Document.save`; unchanged records are not loaded."""
	records = card.records[section.key]
	outcomes = [diff_record(section, r, existing.get(r[section.id_field]), schema, saved) for r in records]
	labels = [
		text(record_label(card.source, section.key, i, r[section.id_field])) for i, r in enumerate(records)
	]
	check_unique(
		section.doctype,
		[
			(label, r)
			for label, r, (status, _c) in zip(labels, records, outcomes, strict=True)
			if status == "created"
		],
	)
	for label, record, (status, changed) in zip(labels, records, outcomes, strict=True):
		record_id = record[section.id_field]
		summary.add(section.key, record_id, status, changed)
		if status == "created":
			with naming_the_record(label, created=True):
				doc = fill(section, frappe.get_doc({"doctype": section.doctype}), record, names)
				# The list views are told once, after the import (upload_inventory).
				doc.flags.notify_update = False
				names[section.key][record_id] = doc.insert().name
		elif status == "updated":
			with naming_the_record(label):
				fill(section, frappe.get_doc(section.doctype, existing[record_id].name), record, names).save()


def fill(section: Section, doc: Document, record: dict, names) -> Document:
	tables = {t.key: t for t in section.tables}
	for key, value in record.items():
		if spec := tables.get(key):
			value = [
				{spec.link_field: names[spec.section][row[spec.ref_key]]}
				| {k: v for k, v in row.items() if k != spec.ref_key}
				for row in value
			]
		doc.set(key, value)
	return doc


@contextmanager
def naming_the_record(label: str, created: bool = False):
	"""Refusals raised inside name the file and record they come from. The unique values of new records
	were checked against the AIMS before writing (`check_unique`), so a unique index refusing one means that
	another writer stored the record meanwhile."""
	try:
		yield
	except UNIQUE_REFUSALS as error:
		shown = frappe.get_message_log()
		frappe.clear_last_message()
		if created:
			frappe.throw(
				_(
					"{0}: this record was created elsewhere while the file was imported; nothing was written. "
					"Import the file again."
				).format(label),
				frappe.UniqueValidationError,
				title=_("Inventory Import"),
			)
		# A unique index's refusal carries the database error; Frappe's message for it was shown alongside.
		refuse(label, shown[-1].get("message") if shown else error, frappe.UniqueValidationError)
	except REFUSALS as error:
		frappe.clear_last_message()
		refuse(label, error, type(error))


def refuse(label: str, error, kind: type[Exception]):
	message = strip_html(str(error)) or _("refused ({0})").format(kind.__name__)
	frappe.throw(_("{0}: {1}").format(label, message), kind, title=_("Inventory Import"))


def check_unique(doctype: str, labelled: list[tuple[str, dict]]):
	"""The unique fields of the new records are unique among them and against the AIMS (MariaDB compares
	them without regard to case): one query per field."""
	meta = frappe.get_meta(doctype)
	for fieldname in (df.fieldname for df in meta.fields if df.unique):
		seen = {}
		for label, record in labelled:
			value = record.get(fieldname)
			if value and str(value).casefold() in seen:
				refuse_duplicate(label, meta, fieldname, value, seen[str(value).casefold()])
			if value:
				seen[str(value).casefold()] = label
		if not seen:
			continue
		taken = frappe.get_all(
			doctype,
			filters={fieldname: ("in", [r[fieldname] for _l, r in labelled if r.get(fieldname)])},
			pluck=fieldname,
		)
		for value in taken:
			refuse_duplicate(seen[str(value).casefold()], meta, fieldname, value, _("a record in the AIMS"))


def refuse_duplicate(label, meta, fieldname, value, other):
	frappe.throw(
		_("{0}: {1} {2} is already used by {3}.").format(
			label, field_label(meta, fieldname), frappe.bold(value), other
		),
		frappe.UniqueValidationError,
		title=_("Inventory Import"),
	)


@frappe.whitelist(methods=["POST"])
def upload_inventory(content: str, filename: str, dry_run: int = 0) -> dict:
	"""The AI System list's Import Inventory button: the file's text, imported (or checked)."""
	summary = import_inventory(content, filename or _("uploaded file"), bool(int(dry_run)))
	if not summary.dry_run:
		frappe.publish_realtime("list_update", {"doctype": "AI System"}, after_commit=True)
	return summary.as_dict()


@frappe.whitelist()
def download_inventory():
	"""The AI System list's Export Inventory button: the whole inventory as a YAML file."""
	frappe.response.filename = "ai-inventory.yaml"
	frappe.response.filecontent = export_inventory()
	frappe.response.type = "download"
