"""The shipped library (aims_app/aims_library/data/) brought into the site on install and on every migrate.

When the installed hash of every framework equals the shipped one, nothing is read beyond the framework
records and nothing is written. Otherwise the difference is applied in place, set-based where one
statement does: new entries inserted in bulk, changed ones updated, withdrawn ones flagged (never deleted),
nested-set bounds written only where the tree's shape moved them. Records are updated, not deleted and
re-inserted, so the comments, assignments, tags and likes users hang on them stay as they are. Everything
is checked before the first write and written inside one savepoint: a bad library changes nothing.
"""

import frappe
from frappe import _
from frappe.query_builder import Case

from aims_app.aims_library.library_data import (
	FRAMEWORK_FIELDS,
	MAPPING_FIELDS,
	REQUIREMENT_FIELDS,
	Changes,
	InstalledLibrary,
	LibraryError,
	LibraryPlan,
	ShippedLibrary,
	load_library,
	plan_library,
	refuse_linked_withdrawals,
)
from aims_app.translation import text

FRAMEWORK, REQUIREMENT, MAPPING = "Compliance Framework", "Framework Requirement", "Requirement Mapping"
AUTHOR = "Administrator"
SAVEPOINT = "aims_library_sync"


def sync_library(library: ShippedLibrary | None = None) -> dict[str, int]:
	"""Bring the site's library to `library` (by default the shipped one); the rows written, per doctype."""
	try:
		library = library or load_library()
		if installed_frameworks().is_current(library):
			print(_("AIMS library {0} is installed: no library rows written.").format(library.version))
			return {}
		plan = plan_library(library, installed_library())
		refuse_linked_withdrawals(plan, links_to(plan.requirements.withdraw))
	except LibraryError as error:
		frappe.throw(
			"<br>".join(text(problem) for problem in error.problems),
			title=_("Library Not Applied"),
		)
	frappe.db.savepoint(SAVEPOINT)
	try:
		apply(plan)
	except Exception:
		frappe.db.rollback(save_point=SAVEPOINT)
		raise
	frappe.db.release_savepoint(SAVEPOINT)
	written = plan.rows_written()
	print(
		_("AIMS library {0} applied: {1} library rows written ({2}).").format(
			plan.version, sum(written.values()), ", ".join(f"{doctype} {n}" for doctype, n in written.items())
		)
	)
	return written


def installed_frameworks() -> InstalledLibrary:
	return InstalledLibrary(frameworks=stored(FRAMEWORK, FRAMEWORK_FIELDS, "content_hash", "library_version"))


def installed_library() -> InstalledLibrary:
	return InstalledLibrary(
		frameworks=stored(FRAMEWORK, FRAMEWORK_FIELDS, "content_hash", "library_version"),
		requirements=stored(REQUIREMENT, REQUIREMENT_FIELDS, "library_version", "withdrawn", "lft", "rgt"),
		mappings=stored(MAPPING, MAPPING_FIELDS, "library_version", "withdrawn"),
	)


def stored(doctype: str, fields: tuple[str, ...], *bookkeeping: str) -> dict[str, dict]:
	table = frappe.qb.DocType(doctype)
	columns = [table.name, *(table[f] for f in fields + bookkeeping)]
	return {row["name"]: row for row in frappe.qb.from_(table).select(*columns).run(as_dict=True)}


def links_to(requirements: list[str]) -> dict[str, list[str]]:
	"""Per requirement, the records outside the library that link to it: every Link field to Framework
	Requirement (child tables name their parent), and the Control Implementation of a control once someone
	has edited it (the app creates one for every control; only a person's decisions make it a link)."""
	if not requirements:
		return {}
	found: dict[str, list[str]] = {}
	for doctype, fieldname in link_fields():
		table = frappe.qb.DocType(doctype)
		is_child = frappe.get_meta(doctype).istable
		linking = (table.parenttype, table.parent) if is_child else (table.name, table.name)
		query = (
			frappe.qb.from_(table)
			.select(table[fieldname], *linking)
			.where(table[fieldname].isin(requirements))
		)
		if doctype == "Control Implementation":
			query = query.where(table.modified != table.creation)
		for requirement, parent_doctype, name in query.distinct().run():
			found.setdefault(requirement, []).append(f"{parent_doctype if is_child else doctype} {name}")
	return found


def link_fields() -> list[tuple[str, str]]:
	fields = []
	for source in ("DocField", "Custom Field"):
		parent = "parent" if source == "DocField" else "dt"
		rows = frappe.get_all(
			source,
			filters={"fieldtype": "Link", "options": REQUIREMENT},
			fields=[f"{parent} as doctype", "fieldname"],
		)
		fields += [(row.doctype, row.fieldname) for row in rows if row.doctype not in (REQUIREMENT, MAPPING)]
	return sorted(set(fields))


def apply(plan: LibraryPlan):
	stamp = {"modified": plan.released, "modified_by": AUTHOR, "library_version": plan.version}
	write(FRAMEWORK, (*FRAMEWORK_FIELDS, "content_hash"), plan.frameworks, stamp)
	write(REQUIREMENT, (*REQUIREMENT_FIELDS, "lft", "rgt"), plan.requirements, stamp)
	write(MAPPING, MAPPING_FIELDS, plan.mappings, stamp)
	write_bounds(plan.bounds)


def write(doctype: str, fields: tuple[str, ...], changes: Changes, stamp: dict):
	table = frappe.qb.DocType(doctype)
	if changes.inserts:
		rows = [
			{"name": row["name"], "owner": AUTHOR, "creation": stamp["modified"], "docstatus": 0, "idx": 0}
			| stamp
			| {f: row[f] for f in fields}
			| state_of(doctype, row)
			for row in changes.inserts
		]
		frappe.db.bulk_insert(doctype, list(rows[0]), [list(row.values()) for row in rows])
	for row in changes.updates:
		update = frappe.qb.update(table).where(table.name == row["name"])
		for fieldname, value in (
			stamp | {f: row[f] for f in row if f != "name"} | state_of(doctype, row)
		).items():
			update = update.set(table[fieldname], value)
		update.run()
	if changes.adopt:
		frappe.qb.update(table).set(table.library_version, stamp["library_version"]).where(
			table.name.isin(changes.adopt)
		).run()
	if changes.withdraw:
		frappe.qb.update(table).set(table.withdrawn, 1).set(table.modified, stamp["modified"]).where(
			table.name.isin(changes.withdraw)
		).run()


def state_of(doctype: str, row: dict) -> dict:
	"""A shipped requirement or mapping is not withdrawn; a requirement's old parent is its parent (as
	Frappe's nested set keeps it)."""
	if doctype == FRAMEWORK:
		return {}
	if doctype == MAPPING:
		return {"withdrawn": 0}
	return {"withdrawn": 0, "old_parent": row["parent_framework_requirement"] or ""}


def write_bounds(bounds: dict[str, tuple[int, int]]):
	"""Every moved requirement's lft and rgt in one statement."""
	if not bounds:
		return
	table = frappe.qb.DocType(REQUIREMENT)
	lft, rgt = Case(), Case()
	for name, (left, right) in bounds.items():
		lft = lft.when(table.name == name, left)
		rgt = rgt.when(table.name == name, right)
	frappe.qb.update(table).set(table.lft, lft).set(table.rgt, rgt).where(table.name.isin(list(bounds))).run()
