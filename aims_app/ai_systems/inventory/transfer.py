"""Inventory as code: AI systems with their models, datasets and suppliers, imported from and exported to the
YAML card of docs/inventory-format.md (`bench --site SITE aims import-inventory FILE`, the AI System list).

An import is all or nothing: it runs inside a savepoint and any refused record rolls back every write. New
records take a batched path that runs the same steps as `Document.insert` (permissions, defaults, the
controllers' `validate` and doc_events hooks, mandatory, Select and length checks, `after_insert`,
`on_update`) but names them from one reservation of their series, checks links and unique values with one
query per doctype, and writes rows with multi-row INSERTs. Changed records are saved one by one.
"""

import re
from collections import defaultdict
from contextlib import contextmanager

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.naming import getseries, parse_naming_series, set_new_name
from frappe.query_builder.functions import Coalesce
from frappe.utils import strip_html
from frappe.utils.global_search import update_global_search

from aims_app.ai_systems.inventory.card import (
	CARD_DOCTYPES,
	SECTION,
	SECTIONS,
	CardError,
	Section,
	Summary,
	card_from_records,
	check_card,
	check_references,
	diff_record,
	dump_card,
	parse_card,
	record_label,
	referenced_ids,
	schema_from_docfields,
)
from aims_app.permissions import has_unrestricted_role
from aims_app.translation import label as field_label
from aims_app.translation import text
from aims_app.translation import value as translated

FORMAT_SERIES = re.compile(r"^format:(?P<prefix>[^{}]*)\{(?P<digits>#+)\}$")
SAVEPOINT = "aims_inventory_import"
REFUSALS = (frappe.ValidationError, frappe.PermissionError, frappe.NameError)


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
	frappe.db.savepoint(SAVEPOINT)
	try:
		for section in SECTIONS:
			write_section(section, card, existing[section.key], names, schema, summary)
	except Exception as error:
		frappe.db.rollback(save_point=SAVEPOINT)
		if error.args and frappe.db.is_duplicate_entry(error):
			frappe.throw(
				_(
					"{0}: some of these records were created elsewhere while the file was imported; nothing was "
					"written. Import the file again."
				).format(source),
				frappe.UniqueValidationError,
				title=_("Inventory Import"),
			)
		raise
	if dry_run:
		frappe.db.rollback(save_point=SAVEPOINT)
	return summary


def write_section(section: Section, card, existing, names, schema, summary: Summary):
	created = []
	for index, record in enumerate(card.records[section.key]):
		record_id = record[section.id_field]
		status, changed = diff_record(section, record, existing.get(record_id), schema)
		summary.add(section.key, record_id, status, changed)
		label = text(record_label(card.source, section.key, index, record_id))
		if status == "created":
			created.append(
				(label, fill(section, frappe.get_doc({"doctype": section.doctype}), record, names))
			)
		elif status == "updated":
			with naming_the_record(label):
				fill(section, frappe.get_doc(section.doctype, existing[record_id].name), record, names).save()
	insert_all(section.doctype, created)
	names[section.key].update((doc.get(section.id_field), doc.name) for _label, doc in created)


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
def naming_the_record(label: str):
	"""Refusals raised inside name the file and record they come from."""
	try:
		yield
	except REFUSALS as error:
		frappe.clear_last_message()
		message = strip_html(str(error)) or _("refused ({0})").format(type(error).__name__)
		frappe.throw(_("{0}: {1}").format(label, message), type(error), title=_("Inventory Import"))


def insert_all(doctype: str, labelled: list[tuple[str, Document]]):
	"""Insert new documents of one doctype with every check `Document.insert` makes, in a few queries."""
	if not labelled:
		return
	defaults = {}
	for (label, doc), name in zip(labelled, reserve_names(doctype, len(labelled)), strict=True):
		with naming_the_record(label):
			validate_new(doc, name, defaults)
	check_links(labelled)
	check_unique(doctype, labelled)
	rows = defaultdict(list)
	for _label, doc in labelled:
		doc.set_parent_in_children()
		for row in (doc, *doc.get_all_children()):
			if not row.name:
				set_new_name(row)
			rows[row.doctype].append(row.get_valid_dict(convert_dates_to_str=True))
	for table, values in rows.items():
		insert_rows(table, values)
	for label, doc in labelled:
		with naming_the_record(label):
			after_insert(doc)


def validate_new(doc: Document, name: str | None, defaults: dict):
	"""The steps of `Document.insert` before it writes, except the per-document link check (see
	`check_links`) and naming (from `reserve_names`)."""
	doc.set("__islocal", True)
	set_defaults(doc, defaults)
	doc.set_user_and_timestamp()
	doc.set_docstatus()
	doc.check_if_latest()
	doc.check_permission("create")
	doc.run_method("before_insert")
	doc.set_new_name(set_name=name)
	doc.set_parent_in_children()
	doc.validate_higher_perm_levels()
	doc.flags.in_insert = True
	doc.run_before_save_methods()
	doc._validate()
	doc.set_docstatus()
	doc.flags.in_insert = False


def set_defaults(doc: Document, defaults: dict):
	"""`Document._set_defaults`, with each doctype's defaults worked out once per import (one user, one day)."""

	def of(doctype: str) -> dict:
		if doctype not in defaults:
			defaults[doctype] = frappe.new_doc(doctype, as_dict=True)
		return defaults[doctype]

	doc.update_if_missing(of(doc.doctype))
	for df in doc.meta.get_table_fields():
		for row in doc.get(df.fieldname) or []:
			row.update_if_missing(of(df.options))


def after_insert(doc: Document):
	"""The steps of `Document.insert` after it writes that matter for a new record (a Version is made
	only for updates, the list views are told once)."""
	doc.run_method("after_insert")
	doc.flags.in_insert = True
	doc.run_method("on_update")
	update_global_search(doc)
	doc.run_method("on_change")
	doc.flags.in_insert = False
	doc.__dict__.pop("__islocal", None)


def insert_rows(doctype: str, rows: list[dict], chunk: int = 1000):
	"""Multi-row INSERTs of `get_valid_dict` rows (frappe.db.bulk_insert, without building each through the
	query builder)."""
	columns = list(rows[0])
	head = f"INSERT INTO `tab{doctype}` ({', '.join(f'`{c}`' for c in columns)}) VALUES "
	placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
	for start in range(0, len(rows), chunk):
		part = rows[start : start + chunk]
		frappe.db.sql(head + ", ".join([placeholders] * len(part)), [row[c] for row in part for c in columns])


def reserve_names(doctype: str, count: int) -> list[str | None]:
	"""Names for `count` new documents of a `format:PREFIX{#####}` doctype, taken from its series at once;
	None (named one by one, as usual) under other naming rules."""
	match = FORMAT_SERIES.match(frappe.get_meta(doctype).autoname or "")
	if not match:
		return [None] * count
	keys = []
	parse_naming_series([match["digits"]], number_generator=lambda key, digits: keys.append(key) or "")
	first = int(getseries(keys[0], 1))
	series = frappe.qb.DocType("Series")
	frappe.qb.update(series).set(series.current, series.current + count - 1).where(
		series.name == keys[0]
	).run()
	digits = len(match["digits"])
	return [f"{match['prefix']}{number:0{digits}d}" for number in range(first, first + count)]


def check_links(labelled: list[tuple[str, Document]]):
	"""Every Link value of the documents and their rows exists and is not cancelled: one query per linked
	doctype. A doctype that fetches values through its links is checked document by document, as usual."""
	first = labelled[0][1]
	metas = (first.meta, *(frappe.get_meta(df.options) for df in first.meta.get_table_fields()))
	if any(df.fetch_from for meta in metas for df in meta.fields):
		for label, doc in labelled:
			with naming_the_record(label):
				doc._validate_links()
		return
	wanted = defaultdict(dict)
	for label, doc in labelled:
		for row in (doc, *doc.get_all_children()):
			for df in row.meta.get_link_fields():
				if link := row.get(df.fieldname):
					wanted[df.options].setdefault(link, (label, row, df))
	for target, values in wanted.items():
		stored = frappe.get_all(target, filters={"name": ("in", list(values))}, fields=["name", "docstatus"])
		usable = {r.name.casefold() for r in stored if r.docstatus != 2}
		for link, (label, row, df) in values.items():
			if link.casefold() not in usable:
				frappe.throw(
					_("{0}: {1}: {2} {3} does not exist or is cancelled.").format(
						label, field_label(row.meta, df.fieldname), translated(target), frappe.bold(link)
					),
					frappe.LinkValidationError,
					title=_("Inventory Import"),
				)


def check_unique(doctype: str, labelled: list[tuple[str, Document]]):
	"""Names and unique fields are unique among the new documents and against the AIMS."""
	for fieldname in ("name", *(df.fieldname for df in frappe.get_meta(doctype).fields if df.unique)):
		seen = {}
		for label, doc in labelled:
			value = doc.get(fieldname)
			if value and str(value).casefold() in seen:
				refuse_duplicate(label, doctype, fieldname, value, seen[str(value).casefold()])
			if value:
				seen[str(value).casefold()] = label
		taken = frappe.get_all(
			doctype,
			filters={fieldname: ("in", [d.get(fieldname) for _l, d in labelled if d.get(fieldname)])},
			pluck=fieldname,
		)
		for value in taken:
			refuse_duplicate(
				seen[str(value).casefold()], doctype, fieldname, value, _("a record in the AIMS")
			)


def refuse_duplicate(label, doctype, fieldname, taken, other):
	shown = _("Name") if fieldname == "name" else field_label(frappe.get_meta(doctype), fieldname)
	frappe.throw(
		_("{0}: {1} {2} is already used by {3}.").format(label, shown, frappe.bold(taken), other),
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
