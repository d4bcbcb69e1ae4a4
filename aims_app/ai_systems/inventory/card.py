"""The AI system card: AI systems with their models, datasets and suppliers in one versioned YAML file
(ISO/IEC 42001 A.4, A.6.2.7, A.7.5), read, checked and compared with what the AIMS holds. No Frappe here:
the field lists come from the doctypes (`card_fields`), the site's records from the caller.

The format is described in docs/inventory-format.md.
"""

import datetime
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import yaml

from aims_app.ai_systems.plain_text import editor_html, html_plain
from aims_app.messages import Joined, Message, MessageError, _

CARD_VERSION = 1
MAX_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 8
TEXT_TYPES = frozenset({"Data", "Small Text", "Text", "Long Text", "Text Editor", "Link", "Select"})
VALUE_TYPES = TEXT_TYPES | {"Check", "Int", "Float", "Date", "Datetime"}
STATUSES = ("created", "updated", "unchanged")
NUMBERS_KEPT_AS_TEXT = frozenset({"training_compute_flops"})
"""Numbers beyond Frappe's Float column (10^25 FLOP), stored as text; a card writes and reads them as numbers."""

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class CardError(MessageError):
	"""A card that cannot be imported; the message names the file, the record and the field."""


def refuse(template: str, **params):
	raise CardError(Message(template, params))


def field_label(label: Message, key: str) -> Message:
	return Message(_("{label}, field '{field}'"), {"label": label, "field": key})


@dataclass(frozen=True)
class Field:
	fieldname: str
	fieldtype: str
	options: tuple[str, ...] = ()
	default: str | None = None

	@classmethod
	def from_docfield(cls, df: Mapping) -> "Field":
		options = tuple((df.get("options") or "").split("\n")) if df["fieldtype"] == "Select" else ()
		# Frappe gives a Select without a default its first option, as the desk's form does.
		default = df.get("default") or (options[0] if options else None) or None
		fieldtype = "Float" if df["fieldname"] in NUMBERS_KEPT_AS_TEXT else df["fieldtype"]
		return cls(df["fieldname"], fieldtype, options, default)

	def new_value(self):
		"""What a new record or row holds for this field when the card leaves it out: its default."""
		if self.default is None:
			return canonical(self, None)
		if self.fieldtype in ("Check", "Int"):
			return int(self.default)
		if self.fieldtype == "Float":
			return float(self.default)
		return self.default if self.fieldtype in TEXT_TYPES else None


@dataclass(frozen=True)
class Table:
	"""A child table of a card record whose rows point at records of another section."""

	key: str
	doctype: str
	ref_key: str
	link_field: str
	section: str


@dataclass(frozen=True)
class Section:
	key: str
	doctype: str
	id_field: str
	tables: tuple[Table, ...] = ()


SECTIONS = (
	Section("suppliers", "AI Supplier", "supplier_name"),
	Section("models", "AI Model", "inventory_id"),
	Section("datasets", "AI Dataset", "inventory_id"),
	Section(
		"systems",
		"AI System",
		"inventory_id",
		(
			Table("models", "AI System Model", "model", "ai_model", "models"),
			Table("datasets", "AI System Dataset", "dataset", "ai_dataset", "datasets"),
			Table("suppliers", "AI System Supplier", "supplier", "ai_supplier", "suppliers"),
		),
	),
)
SECTION = {s.key: s for s in SECTIONS}
CARD_DOCTYPES = tuple(doctype for s in SECTIONS for doctype in (s.doctype, *(t.doctype for t in s.tables)))

Schema = Mapping[str, Mapping[str, Field]]
"""Card fields by doctype, as `card_fields` builds them."""


def card_fields(docfields: Iterable[Mapping], link_field: str | None = None) -> dict[str, Field]:
	"""The fields a card may set: the doctype's editable value fields. Computed (read-only) fields are the
	AIMS's to fill; a child row's link is written as a reference (`Table.ref_key`) instead."""
	return {
		df["fieldname"]: Field.from_docfield(df)
		for df in docfields
		if df["fieldtype"] in VALUE_TYPES and not df.get("read_only") and df["fieldname"] != link_field
	}


def schema_from_docfields(fields_by_doctype: Mapping[str, Iterable[Mapping]]) -> dict[str, dict[str, Field]]:
	links = {t.doctype: t.link_field for s in SECTIONS for t in s.tables}
	return {dt: card_fields(fields_by_doctype[dt], links.get(dt)) for dt in CARD_DOCTYPES}


@dataclass
class Card:
	"""A checked card: records by section, each a dict of canonical values keyed by fieldname."""

	source: str
	records: dict[str, list[dict]] = field(default_factory=dict)

	def ids(self, section: str) -> list[str]:
		id_field = SECTION[section].id_field
		return [r[id_field] for r in self.records.get(section, [])]


def name_from_inventory_id(inventory_id: str | None) -> str | None:
	"""The name of a model or dataset with this Inventory ID: the ID itself, so that a spreadsheet lists it on an
	AI System by it (docs/inventory-spreadsheet.md); None (numbered) without one, or when Frappe would refuse it
	as a name (with "<" or ">")."""
	name = (inventory_id or "").strip()
	return name if name and not ("<" in name or ">" in name) else None


def record_label(source: str, section: str, index: int, record_id=None) -> Message:
	where = {"source": source, "section": section, "number": index + 1, "id": record_id}
	if record_id:
		return Message(_("{source}: {section} #{number} ({id})"), where)
	return Message(_("{source}: {section} #{number}"), where)


def parse_card(content: bytes | str, source: str, max_bytes: int = MAX_BYTES):
	"""The YAML document in `content`, refused before parsing when too large, and before building it when
	it uses aliases (`*name`: a few lines of them can expand into billions of nodes) or nests deeper than a
	card does (a card is 5 levels deep)."""
	size = len(content.encode() if isinstance(content, str) else content)
	if size > max_bytes:
		refuse(
			_("{source}: the file is {size:,} bytes; an inventory file may be at most {max_bytes:,}."),
			source=source,
			size=size,
			max_bytes=max_bytes,
		)
	try:
		depth = 0
		for event in yaml.parse(content, Loader=SafeLoader):
			line = event.start_mark.line + 1
			if isinstance(event, yaml.AliasEvent):
				refuse(
					_(
						"{source}, line {line}: YAML aliases (*{anchor}) are not allowed in an inventory file; "
						"write the values out."
					),
					source=source,
					line=line,
					anchor=event.anchor,
				)
			depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)
			if depth > MAX_DEPTH:
				refuse(
					_("{source}, line {line}: nested deeper than an inventory file ever is."),
					source=source,
					line=line,
				)
		return yaml.load(content, Loader=SafeLoader)
	except yaml.YAMLError as error:
		raise CardError(
			Message(_("{source}: not valid YAML: {error}"), {"source": source, "error": error})
		) from error


def check_card(data, schema: Schema, source: str) -> Card:
	"""A `Card` from parsed YAML; CardError names the first problem: unknown key, wrong type, value
	not among a Select's options, missing or repeated identifier."""
	if not isinstance(data, dict):
		refuse(_("{source}: an inventory file is a mapping with 'version' and the sections."), source=source)
	unknown = sorted(set(data) - {"version", *SECTION})
	if unknown:
		refuse(
			_("{source}: unknown key(s) {unknown}; allowed: version, {allowed}."),
			source=source,
			unknown=Joined(tuple(map(str, unknown))),
			allowed=Joined(tuple(SECTION)),
		)
	if data.get("version") != CARD_VERSION:
		refuse(
			_("{source}: 'version' is {version!r}; this AIMS reads version {card_version}."),
			source=source,
			version=data.get("version"),
			card_version=CARD_VERSION,
		)
	card = Card(source)
	for section in SECTIONS:
		rows = data.get(section.key) or []
		if not isinstance(rows, list):
			refuse(_("{source}: '{section}' must be a list of records."), source=source, section=section.key)
		card.records[section.key] = [
			check_record(section, index, row, schema, source) for index, row in enumerate(rows)
		]
		repeated = sorted(i for i, n in Counter(card.ids(section.key)).items() if n > 1)
		if repeated:
			refuse(
				_("{source}: {section}: {id_field} {id!r} appears more than once."),
				source=source,
				section=section.key,
				id_field=section.id_field,
				id=repeated[0],
			)
	return card


def check_record(section: Section, index: int, row, schema: Schema, source: str) -> dict:
	record_id = row.get(section.id_field) if isinstance(row, dict) else None
	label = record_label(source, section.key, index, record_id if isinstance(record_id, str) else None)
	if not isinstance(row, dict):
		refuse(_("{label}: a record is a mapping of field: value."), label=label)
	if not isinstance(record_id, str) or not record_id.strip():
		refuse(
			_("{label}: '{id_field}' is required (text): it identifies the record."),
			label=label,
			id_field=section.id_field,
		)
	fields = schema[section.doctype]
	tables = {t.key: t for t in section.tables}
	check_keys(row, set(fields) | set(tables), label)
	record = {
		key: canonical(fields[key], value, field_label(label, key))
		for key, value in row.items()
		if key in fields
	}
	for key, table in tables.items():
		if key in row:
			record[key] = check_rows(
				table,
				row[key],
				schema[table.doctype],
				Message(_("{label}, {table}"), {"label": label, "table": key}),
			)
	return record


def check_rows(table: Table, rows, fields: Mapping[str, Field], label: Message) -> list[dict]:
	if not isinstance(rows, list):
		refuse(_("{label}: must be a list of rows."), label=label)
	checked = []
	for number, row in enumerate(rows, start=1):
		row_label = Message(_("{label} row {number}"), {"label": label, "number": number})
		if not isinstance(row, dict) or not isinstance(row.get(table.ref_key), str):
			refuse(
				_("{label}: '{ref_key}' is required: the {section} record it names."),
				label=row_label,
				ref_key=table.ref_key,
				section=table.section,
			)
		check_keys(row, {table.ref_key, *fields}, row_label)
		checked.append(
			{table.ref_key: row[table.ref_key]}
			| {
				k: canonical(spec, row[k], field_label(row_label, k)) if k in row else spec.new_value()
				for k, spec in fields.items()
			}
		)
	return checked


def check_keys(row: Mapping, allowed: set[str], label: Message):
	unknown = sorted(map(str, set(row) - allowed))
	if unknown:
		refuse(
			_("{label}: unknown key(s) {unknown}; allowed: {allowed}."),
			label=label,
			unknown=Joined(tuple(unknown)),
			allowed=Joined(tuple(sorted(allowed))),
		)


def canonical(spec: Field, value, label: Message | str = ""):
	"""The value as stored and compared: text or None, 0/1, numbers, ISO dates; CardError when the type or
	Select option is wrong."""
	if value is None or value == "":
		return {"Check": 0, "Int": 0, "Float": 0.0}.get(spec.fieldtype)
	kind = spec.fieldtype
	if kind == "Check" and (isinstance(value, bool) or value in (0, 1)):
		return int(value)
	if kind == "Int" and isinstance(value, int) and not isinstance(value, bool):
		return value
	if kind == "Float" and isinstance(value, int | float) and not isinstance(value, bool):
		return float(value)
	if kind == "Date":
		return canonical_date(value, label)
	if kind == "Datetime":
		return canonical_datetime(value, label)
	if kind in TEXT_TYPES and isinstance(value, str):
		value = normal_text(value)
		if not value:
			return None
		if kind == "Text Editor":
			value = editor_html(value)
		if spec.options and value not in spec.options:
			refuse(
				_("{label}: {value!r} is not one of the allowed values: {allowed}."),
				label=label,
				value=value,
				allowed=Joined(tuple(repr(o) for o in spec.options if o)),
			)
		return value
	expected = {
		"Check": _("{label}: expected true or false, got {value!r}."),
		"Int": _("{label}: expected a whole number, got {value!r}."),
		"Float": _("{label}: expected a number, got {value!r}."),
	}
	refuse(
		expected.get(kind, _("{label}: expected text (put it in quotes), got {value!r}.")),
		label=label,
		value=value,
	)


def normal_text(text: str) -> str:
	"""Text as the AIMS keeps it from a card: Unicode in composed form (NFC), line breaks as "\\n", no
	whitespace around it. Stored text is compared in the same form, so a file and a record that differ only
	in these never count as a change."""
	return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def canonical_date(value, label: Message | str) -> str:
	if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
		return value.isoformat()
	try:
		return datetime.date.fromisoformat(str(value)).isoformat()
	except ValueError:
		raise CardError(
			Message(
				_("{label}: expected a date (YYYY-MM-DD), got {value!r}."), {"label": label, "value": value}
			)
		) from None


def canonical_datetime(value, label: Message | str) -> str:
	try:
		parsed = (
			value if isinstance(value, datetime.datetime) else datetime.datetime.fromisoformat(str(value))
		)
	except ValueError:
		raise CardError(
			Message(
				_("{label}: expected a date and time (YYYY-MM-DD HH:MM:SS), got {value!r}."),
				{"label": label, "value": value},
			)
		) from None
	return parsed.isoformat(sep=" ")


def check_references(card: Card, existing_ids: Mapping[str, Iterable[str]]):
	"""Every model, dataset and supplier a system lists, and every supplier a model or dataset names,
	is in the card or already in the AIMS."""
	known = {s.key: set(card.ids(s.key)) | set(existing_ids.get(s.key, ())) for s in SECTIONS}
	for section in SECTIONS:
		for index, record in enumerate(card.records.get(section.key, [])):
			label = record_label(card.source, section.key, index, record[section.id_field])
			supplier = record.get("ai_supplier")
			if supplier and supplier not in known["suppliers"]:
				refuse(
					_("{label}: supplier {supplier!r} is neither in the file nor in the AIMS."),
					label=field_label(label, "ai_supplier"),
					supplier=supplier,
				)
			for table in section.tables:
				for number, row in enumerate(record.get(table.key, []), start=1):
					if row[table.ref_key] not in known[table.section]:
						refuse(
							_(
								"{label}, {table} row {number}: {ref_key} {id!r} is neither in the file's {section} "
								"nor in the AIMS."
							),
							label=label,
							table=table.key,
							number=number,
							ref_key=table.ref_key,
							id=row[table.ref_key],
							section=table.section,
						)


def referenced_ids(card: Card) -> dict[str, set[str]]:
	"""By section, the ids the card describes or points at: the records to look up in the AIMS."""
	wanted = {s.key: set(card.ids(s.key)) for s in SECTIONS}
	for section in SECTIONS:
		for record in card.records.get(section.key, []):
			if record.get("ai_supplier"):
				wanted["suppliers"].add(record["ai_supplier"])
			for table in section.tables:
				wanted[table.section].update(row[table.ref_key] for row in record.get(table.key, []))
	return wanted


Saving = Callable[[Field, object], object]
"""The value a save stores for a card value: the text cleaning of the site's save hooks (transfer.py)."""


def as_given(_spec: Field, value):
	return value


def diff_record(
	section: Section, record: Mapping, existing: Mapping | None, schema: Schema, saved: Saving = as_given
) -> tuple[str, list[str]]:
	"""('created' | 'updated' | 'unchanged', the keys that differ). Keys the card leaves out are kept; a
	table the card lists is compared row by row, in order. A card value is compared as a save would store it
	(`saved`), so text that the save cleans does not count as changed on the next import."""
	if existing is None:
		return "created", []
	fields = schema[section.doctype]
	tables = {t.key: t for t in section.tables}
	changed = [
		key
		for key, value in record.items()
		if (
			saved_rows(tables[key], value, schema[tables[key].doctype], saved)
			!= stored_rows(tables[key], existing.get(key), schema[tables[key].doctype])
			if key in tables
			else saved_value(fields[key], value, saved) != existing_value(fields[key], existing.get(key))
		)
	]
	return ("updated", changed) if changed else ("unchanged", [])


def saved_value(spec: Field, value, saved: Saving):
	"""A card value in the form `existing_value` gives the value a save stores for it."""
	return existing_value(spec, saved(spec, value)) if isinstance(value, str) else value


def saved_rows(table: Table, rows: list[dict], fields: Mapping[str, Field], saved: Saving) -> list[dict]:
	return [
		{table.ref_key: row[table.ref_key]}
		| {k: saved_value(spec, row.get(k), saved) for k, spec in fields.items()}
		for row in rows
	]


def existing_value(spec: Field, value):
	"""A stored value in the form `canonical` gives card values."""
	if isinstance(value, datetime.datetime):
		return value.isoformat(sep=" ")
	if isinstance(value, datetime.date):
		return value.isoformat()
	if spec.fieldtype == "Float":
		return float(value or 0)
	if spec.fieldtype in ("Check", "Int"):
		return int(value or 0)
	if isinstance(value, str):
		return normal_text(value) or None
	return value if value != "" else None


def stored_rows(table: Table, rows, fields: Mapping[str, Field]) -> list[dict]:
	return [
		{table.ref_key: row[table.ref_key]}
		| {k: existing_value(spec, row.get(k)) for k, spec in fields.items()}
		for row in rows or []
	]


def card_from_records(records: Mapping[str, list[dict]], schema: Schema) -> dict:
	"""A card (ready for `dump_card`) from the AIMS's records. Every value is written out, except empty
	ones of fields without a default (an import into an empty AIMS leaves those empty too)."""
	card = {"version": CARD_VERSION}
	for section in SECTIONS:
		rows = records.get(section.key) or []
		if rows:
			card[section.key] = [export_record(section, r, schema) for r in rows]
	return card


def export_record(section: Section, record: Mapping, schema: Schema) -> dict:
	fields = schema[section.doctype]
	out = {section.id_field: record[section.id_field]}
	for key, spec in fields.items():
		value = export_value(spec, record.get(key))
		if key != section.id_field and (value is not None or spec.default):
			out[key] = value
	for table in section.tables:
		child_fields = schema[table.doctype]
		out[table.key] = [
			{table.ref_key: row[table.ref_key]}
			| {k: v for k, spec in child_fields.items() if (v := export_value(spec, row.get(k))) is not None}
			for row in record.get(table.key) or []
		]
	return out


def export_value(spec: Field, value):
	value = existing_value(spec, value)
	if spec.fieldtype == "Text Editor" and value:
		return html_plain(value) or value
	if spec.fieldtype == "Check":
		return bool(value)
	if spec.fieldtype == "Date" and value:
		return datetime.date.fromisoformat(value)
	return value


def dump_card(card: Mapping) -> str:
	return yaml.dump(dict(card), Dumper=SafeDumper, sort_keys=False, allow_unicode=True, width=110)


@dataclass
class Summary:
	"""What an import did (or, dry run, would do), record by record."""

	source: str
	dry_run: bool = False
	records: list[tuple[str, str, str, list[str]]] = field(default_factory=list)

	def add(self, section: str, record_id: str, status: str, changed: list[str] | None = None):
		self.records.append((section, record_id, status, changed or []))

	def counts(self) -> dict[str, dict[str, int]]:
		counts = {s.key: dict.fromkeys(STATUSES, 0) for s in SECTIONS}
		for section, _id, status, _changed in self.records:
			counts[section][status] += 1
		return counts

	def as_dict(self) -> dict:
		return {
			"source": self.source,
			"dry_run": self.dry_run,
			"counts": self.counts(),
			"records": [{"section": s, "id": i, "status": st, "changed": c} for s, i, st, c in self.records],
		}

	def lines(self) -> list[str]:
		return [
			f"{section}: " + ", ".join(f"{n} {status}" for status, n in counts.items())
			for section, counts in self.counts().items()
		]
