"""Aggregates over large tables, kept in the site's cache for as long as the records they read are unchanged.

The key is a fingerprint of those records, read in the same transaction as the data: per doctype, how
many records there are and a checksum of every record's name and `modified`. Any insert, delete, rename
or save changes it, whatever order concurrent transactions commit in, so a cached result is never one the
records have moved on from. The key also holds the queries' own SQL, dates included, so a new day or a
changed query is a new entry. Child rows change only through their parent's save, which stamps the
parent's `modified`, so the parent's fingerprint covers them. An update that bypasses the ORM must stamp
`modified` itself (as the daily jobs on these doctypes do); one that does not is not seen.
"""

import hashlib
from collections.abc import Sequence

import frappe
from frappe.query_builder.functions import Coalesce, Concat, Count
from pypika.terms import Function, Term

CACHE_SECONDS = 24 * 60 * 60
KEY_PREFIX = "aims_app:record_cache:"


def checksum(doctype: str) -> tuple[Term, Term]:
	"""How many records of the doctype, and a checksum of their names and modification times."""
	table = frappe.qb.DocType(doctype)
	crc = Function("CRC32", Concat(table.name, Coalesce(table.modified, "")))
	return (
		frappe.qb.from_(table).select(Count("*")),
		frappe.qb.from_(table).select(Coalesce(Function("BIT_XOR", crc), 0)),
	)


def fingerprint(doctypes: Sequence[str]) -> tuple:
	"""The state of every record of the doctypes, in one query."""
	terms = [term for doctype in doctypes for term in checksum(doctype)]
	return tuple(frappe.qb.select(*terms).run()[0])


def cached_rows(doctypes: Sequence[str], *queries) -> list[list[frappe._dict]]:
	"""The rows of each query (as dicts), from the cache while the records of `doctypes` are unchanged.

	`doctypes` must name every doctype the queries read, children aside (see the module's docstring)."""
	sql = "\n".join(str(query) for query in queries)
	digest = hashlib.sha1(f"{fingerprint(doctypes)}\n{sql}".encode()).hexdigest()
	key = KEY_PREFIX + digest
	rows = frappe.cache.get_value(key, expires=True)
	if rows is None:
		rows = [query.run(as_dict=True) for query in queries]
		frappe.cache.set_value(key, rows, expires_in_sec=CACHE_SECONDS)
	return rows


def clear_record_cache():
	frappe.cache.delete_keys(KEY_PREFIX)
