"""Aggregates over large tables, kept in the site's cache for as long as the records they read are unchanged.

The key is a fingerprint of those records, read in the same transaction as the data, that costs the same
however many records there are. Per doctype: the newest `modified` (from its index), and the number and a
checksum (names and `modified`) of the records stamped since the start of the previous hour, so that a
save that commits after a later one (stamped earlier, committed later) still changes it; and the same of
the Deleted Documents of those doctypes. A save stamps `modified` and a delete files a Deleted Document, so
every insert, save and delete made through Frappe changes the key, whatever order transactions commit in,
as long as each commits within an hour of its stamp (Frappe's own job timeouts are shorter). The key also
holds the hour and the queries' SQL, dates included: a new hour or day, or a changed query, is a new entry.

Child rows change only through their parent's save, which stamps the parent, so the parent's fingerprint
covers them. A write that bypasses the ORM must stamp `modified` itself, as the daily jobs on these
doctypes do; one that does not (or a raw delete) is not seen until the hour turns.
"""

import hashlib
import re
from collections.abc import Sequence
from datetime import datetime, timedelta

import frappe
from frappe.query_builder.functions import Coalesce, Concat, Count, Max
from frappe.utils import now_datetime
from pypika.terms import Function, Term

CACHE_SECONDS = 2 * 60 * 60
KEY_PREFIX = "aims_app:record_cache:"
TABLE_NAME = re.compile(r"`tab([^`]+)`")


def recent_since(now: datetime) -> datetime:
	"""The start of the previous hour: the records stamped since are checksummed one by one."""
	return now.replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)


def summary(table, since: datetime, name_column) -> Term:
	"""How many rows were stamped since `since`, and a checksum of them, as one scalar subquery."""
	crc = Function("CRC32", Concat(name_column, table.modified))
	return (
		frappe.qb.from_(table)
		.select(Concat(Count("*"), ":", Coalesce(Function("BIT_XOR", crc), 0)))
		.where(table.modified >= since)
	)


def fingerprint(doctypes: Sequence[str], since: datetime) -> tuple:
	"""The state of every record of the doctypes, in one query whose cost does not grow with them."""
	terms = []
	for doctype in doctypes:
		table = frappe.qb.DocType(doctype)
		terms += [frappe.qb.from_(table).select(Max(table.modified)), summary(table, since, table.name)]
	deleted = frappe.qb.DocType("Deleted Document")
	terms.append(summary(deleted, since, deleted.name).where(deleted.deleted_doctype.isin(doctypes)))
	return tuple(frappe.qb.select(*terms).run()[0])


def cached_rows(doctypes: Sequence[str], *queries) -> list[list[frappe._dict]]:
	"""The rows of each query (frappe.qb queries or SQL text, as dicts), from the cache while the records of
	`doctypes` are unchanged. `doctypes` must name every doctype the queries read, children aside (see the
	module's docstring)."""
	since = recent_since(now_datetime())
	sql = [str(query) for query in queries]
	digest = hashlib.sha1(repr((since, fingerprint(doctypes, since), sql)).encode()).hexdigest()
	key = KEY_PREFIX + digest
	rows = frappe.cache.get_value(key, expires=True)
	if rows is None:
		rows = [run(query) for query in queries]
		frappe.cache.set_value(key, rows, expires_in_sec=CACHE_SECONDS)
	return rows


def run(query) -> list[frappe._dict]:
	return frappe.db.sql(query, as_dict=True) if isinstance(query, str) else query.run(as_dict=True)


def cached_list_rows(sql: str) -> list[frappe._dict]:
	"""The rows of SQL that frappe.get_list built (run=0) for the current user, its permissions included,
	from the cache while the records of every table it names are unchanged; run afresh when it names one
	the fingerprint cannot cover (a child table, a single or a table of no doctype)."""
	doctypes = sorted(set(TABLE_NAME.findall(sql)))
	if not all(map(fingerprinted, doctypes)):
		return run(sql)
	return cached_rows(doctypes, sql)[0]


def fingerprinted(doctype: str) -> bool:
	try:
		meta = frappe.get_meta(doctype)
	except frappe.DoesNotExistError:
		return False
	return not (meta.istable or meta.issingle or meta.is_virtual)


def clear_record_cache():
	frappe.cache.delete_keys(KEY_PREFIX)
