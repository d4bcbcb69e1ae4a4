"""Aggregates over large tables, kept in the site's cache for as long as the records they read are unchanged.

The key is a fingerprint of those records, read in the same transaction as the data, that costs the same
however many records there are. Per doctype: the newest `modified` (from its index), and the number and a
checksum (names and `modified`) of the records stamped since the start of the previous hour, so that a
save that commits after a later one (stamped earlier, committed later) still changes it; and the same of
the Deleted Documents of those doctypes. A save stamps `modified` and a delete files a Deleted Document, so
every insert, save and delete made through Frappe changes the key, whatever order transactions commit in,
as long as each commits within an hour of its stamp (Frappe's own job timeouts are shorter). The key also
holds the hour and the query's SQL, dates included: a new hour or day, or a changed query, is a new entry.
Each query is kept under the fingerprint of the doctypes it reads only, so a change to one doctype leaves
the aggregates over the others in the cache.

A Partitioned query (counts that add up over any split of one doctype's records) is kept per range of
those records' names, under the same fingerprint taken per range: a change to one record recounts only
its range, about the square root of the records, and the ranges' counts are added up. The ranges are
split once a day; a new hour, a new day in the query, or a change to another doctype it reads recounts
every range, in one query.

Child rows change only through their parent's save, which stamps the parent, so the parent's fingerprint
covers them. A write that bypasses the ORM must stamp `modified` itself, as the daily jobs on these
doctypes do; one that does not (or a raw delete) is not seen until the hour turns.
"""

import hashlib
import pickle
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

import frappe
from frappe.query_builder import Criterion
from frappe.query_builder.functions import Coalesce, Concat, Count, GroupConcat, Max
from frappe.utils import now_datetime
from pypika import analytics as an
from pypika.terms import Function, LiteralValue, PseudoColumn, Term

CACHE_SECONDS = 2 * 60 * 60
BOUNDS_SECONDS = 24 * 60 * 60
PARTITION_ROWS = 500
PARTITION_SQRT_FACTOR = 4
PARTITION = "_partition"
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


def fingerprints(doctypes: Sequence[str], since: datetime, partitions: dict) -> dict[str, tuple]:
	"""The state of every record of each doctype (its newest `modified`, and its records and Deleted Documents
	stamped since `since`), and for a doctype in `partitions` (name: bounds) the same per range of names, in
	one query whose cost does not grow with them."""
	names = sorted(set(doctypes) | set(partitions))
	deleted = frappe.qb.DocType("Deleted Document")
	terms = []
	for doctype in names:
		table = frappe.qb.DocType(doctype)
		removed = deleted.deleted_doctype == doctype
		terms += [
			frappe.qb.from_(table).select(Max(table.modified)),
			summary(table, since, table.name),
			summary(deleted, since, deleted.name).where(removed),
		]
		if doctype in partitions:
			bounds = partitions[doctype]
			terms += [
				partition_summaries(table, since, table.name, bounds),
				partition_summaries(deleted, since, deleted.deleted_name, bounds, removed),
			]
	values = iter(frappe.qb.select(*terms).run()[0])
	state = {}
	for doctype in names:
		newest, recent, deleted_recently = (next(values) for _ in range(3))
		state[doctype] = (newest, recent, deleted_recently)
		if doctype in partitions:
			state[doctype] += (
				partition_states(next(values), recent),
				partition_states(next(values), deleted_recently),
			)
	return state


def partition_summaries(table, since: datetime, name_column, bounds: list[str], *conditions) -> Term:
	"""Per range of names with rows stamped since `since`, the range, their number and their checksum."""
	crc = Function("CRC32", Concat(name_column, table.modified))
	recent = (
		frappe.qb.from_(table)
		.select(
			partition_of(name_column, bounds).as_("p"),
			Count("*").as_("n"),
			Coalesce(Function("BIT_XOR", crc), 0).as_("x"),
		)
		.where(table.modified >= since)
		.where(Criterion.all(conditions))
		.groupby(PseudoColumn("p"))
	)
	return frappe.qb.from_(recent).select(GroupConcat(Concat(recent.p, ":", recent.n, ":", recent.x)))


def partition_states(summaries: str | None, whole: str) -> dict[int, str] | str:
	"""Each range's summary by range; or, should the summaries not add up to the whole's count (a list cut
	short), the whole's summary, which then stands for every range."""
	parts = [part for part in (summaries or "").split(",") if part]
	if sum(int(part.split(":")[1]) for part in parts) != int(whole.split(":")[0]):
		return whole
	return {int(part.split(":", 1)[0]): part for part in parts}


def range_state(states: dict[int, str] | str, partition: int) -> str | None:
	return states if isinstance(states, str) else states.get(partition)


def partition_of(name_column, bounds: list[str]) -> Term:
	"""Which range of names the name falls in: 0 before the first bound, i from bound i on; found by halving
	the bounds, so each row is compared with a few of them, not all. Written as SQL once per set of bounds:
	as a frappe.qb term, it would take longer to build than the query takes to run."""
	column = f"`{name_column.table._table_name}`.`{name_column.name}`"
	return LiteralValue(partition_sql(column, tuple(bounds)))


@lru_cache(maxsize=64)
def partition_sql(column: str, bounds: tuple[str, ...]) -> str:
	return halving_search(column, bounds, 0)


def halving_search(column: str, bounds: tuple[str, ...], first: int) -> str:
	if not bounds:
		return str(first)
	middle = len(bounds) // 2
	below = halving_search(column, bounds[:middle], first)
	above = halving_search(column, bounds[middle + 1 :], first + middle + 1)
	return f"(case when {column} < {frappe.db.escape(bounds[middle])} then {below} else {above} end)"


def in_partitions(name_column, bounds: list[str], partitions: list[int]) -> Criterion:
	ranges = []
	for partition in partitions:
		low = bounds[partition - 1] if partition > 0 else None
		high = bounds[partition] if partition < len(bounds) else None
		ranges.append(
			Criterion.all(
				[
					*([name_column >= low] if low is not None else []),
					*([name_column < high] if high is not None else []),
				]
			)
		)
	return Criterion.any(ranges)


def partition_bounds(doctype: str) -> list[str]:
	"""Names that split the doctype's records into ranges of PARTITION_SQRT_FACTOR times the square root of
	their number (at least PARTITION_ROWS): a change recounts one range, and the ranges' counts add up in a
	number of rows that grows as the square root too. Kept for a day: until then, new records join the ranges
	their names fall in; a new split makes every range new."""
	key = f"{KEY_PREFIX}bounds:{doctype}"
	bounds = frappe.cache.get_value(key, expires=True)
	if bounds is None:
		table = frappe.qb.DocType(doctype)
		ranked = frappe.qb.from_(table).select(
			table.name,
			an.RowNumber().orderby(table.name).as_("position"),
			an.Count("*").over().as_("total"),
		)
		root = Function("FLOOR", Function("SQRT", ranked.total))
		size = Function("GREATEST", PARTITION_ROWS, root * PARTITION_SQRT_FACTOR)
		bounds = (
			frappe.qb.from_(ranked)
			.select(ranked.name)
			.where(Function("MOD", ranked.position, size) == 0)
			.orderby(ranked.position)
			.run(pluck=True)
		)
		frappe.cache.set_value(key, bounds, expires_in_sec=BOUNDS_SECONDS)
	return bounds


@dataclass(frozen=True)
class Partitioned:
	"""A frappe.qb query over the records of `doctype` (maybe joined to their children or to others) whose
	rows are grouped by the columns `keys` and whose other columns are counts that add up over any split of
	those records (a count of them, or of distinct ones): it is counted and kept per range of their names,
	so that a change to one record recounts its range only. `also` names the other doctypes it reads, a
	change to any of which recounts every range."""

	doctype: str
	query: object
	keys: tuple[str, ...] = ()
	also: tuple[str, ...] = ()


def cached_results(*entries) -> list[list[frappe._dict]]:
	"""The rows of each entry, each from the cache while the records it reads are unchanged: a change to one
	doctype recomputes only the entries that read it. An entry is a Partitioned query, or (doctypes, query)
	with a frappe.qb query or SQL text whose doctypes must name every doctype it reads, children aside (see
	the module's docstring). One query fingerprints every doctype named."""
	since = recent_since(now_datetime())
	partitioned = [entry for entry in entries if isinstance(entry, Partitioned)]
	bounds = {entry.doctype: partition_bounds(entry.doctype) for entry in partitioned}
	doctypes = [doctype for entry in entries for doctype in read_by(entry)]
	state = fingerprints(doctypes, since, bounds)
	results = []
	for entry in entries:
		if isinstance(entry, Partitioned):
			results.append(partitioned_rows(entry, since, state, bounds[entry.doctype]))
		else:
			key = entry_key(since, state, entry[0], entry[1])
			results.append(cached_run(key, entry[1]))
	return results


def read_by(entry) -> Sequence[str]:
	return (entry.doctype, *entry.also) if isinstance(entry, Partitioned) else entry[0]


def entry_key(since: datetime, state: dict, doctypes: Sequence[str], *parts) -> str:
	read = sorted(set(doctypes))
	return digest(since, [(doctype, state[doctype][:3]) for doctype in read], *map(str, parts))


def cached_run(key: str, query) -> list[frappe._dict]:
	rows = frappe.cache.get_value(key, expires=True)
	if rows is None:
		rows = run(query)
		frappe.cache.set_value(key, rows, expires_in_sec=CACHE_SECONDS)
	return rows


def partitioned_rows(
	entry: Partitioned, since: datetime, state: dict, bounds: list[str]
) -> list[frappe._dict]:
	"""The entry's rows, summed over its ranges of names, kept as a whole while no range changed; else the
	ranges kept read from the cache, the others counted in one query."""
	_max, _recent, _deleted, changed, removed = state[entry.doctype]
	base = entry_key(since, state, entry.also, entry.query, entry.doctype)
	keys = [
		digest(
			base,
			bounds[partition - 1] if partition > 0 else None,
			bounds[partition] if partition < len(bounds) else None,
			range_state(changed, partition),
			range_state(removed, partition),
		)
		for partition in range(len(bounds) + 1)
	]
	whole = digest(*keys)
	rows = frappe.cache.get_value(whole, expires=True)
	if rows is None:
		kept = dict(enumerate(read_cache(keys)))
		missing = [partition for partition, found in kept.items() if found is None]
		if missing:
			kept.update(count_partitions(entry, bounds, missing))
			write_cache({keys[partition]: kept[partition] for partition in missing})
		rows = summed(kept.values(), entry.keys)
		frappe.cache.set_value(whole, rows, expires_in_sec=CACHE_SECONDS)
	return rows


def digest(*parts) -> str:
	return KEY_PREFIX + hashlib.sha1(repr(parts).encode()).hexdigest()


def count_partitions(entry: Partitioned, bounds: list[str], partitions: list[int]) -> dict[int, list]:
	name = frappe.qb.DocType(entry.doctype).name
	query = entry.query.select(partition_of(name, bounds).as_(PARTITION)).groupby(PseudoColumn(PARTITION))
	if len(partitions) <= len(bounds):
		query = query.where(in_partitions(name, bounds, partitions))
	counted = {partition: [] for partition in partitions}
	for row in query.run(as_dict=True):
		counted[int(row.pop(PARTITION))].append(row)
	return counted


def summed(partitions, keys: Sequence[str]) -> list[frappe._dict]:
	"""The rows of every partition with the same keys as one, their other columns added up."""
	totals = {}
	for rows in partitions:
		for row in rows:
			key = tuple(row[column] for column in keys)
			total = totals.get(key)
			if total is None:
				totals[key] = frappe._dict(row)
				continue
			for column, value in row.items():
				if column not in keys:
					total[column] = (total[column] or 0) + (value or 0)
	return list(totals.values())


def read_cache(keys: list[str]) -> list:
	values = frappe.cache.mget([frappe.cache.make_key(key) for key in keys])
	return [None if value is None else pickle.loads(value) for value in values]


def write_cache(values: dict[str, list]):
	pipeline = frappe.cache.pipeline()
	for key, rows in values.items():
		pipeline.setex(frappe.cache.make_key(key), CACHE_SECONDS, pickle.dumps(rows))
	pipeline.execute()


def cached_rows(doctypes: Sequence[str], *queries) -> list[list[frappe._dict]]:
	"""The rows of each query, from the cache while the records of `doctypes` are unchanged."""
	return cached_results(*((doctypes, query) for query in queries))


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
