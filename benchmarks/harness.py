"""What the benchmark scripts share: --site, --runs and --save, the site connected as Administrator with a
line saying how big its organisation is, timed calls with the SQL queries they ran (warm, and cold: with
Frappe's caches cleared first), and the medians saved for benchmarks/ratios.py to compare across
organisations. The changes are never committed: the connection ends with a rollback."""

import argparse
import json
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import frappe

from aims_app.tests import counting_queries

GOAL_MS = 500  # issue 27: every report, chart and card on the generated organisation, Frappe's caches warm


@contextmanager
def connected(parser: argparse.ArgumentParser) -> Iterator[argparse.Namespace]:
	"""Parse the arguments plus --site, and stay connected to that site as Administrator (run from the
	bench's sites folder) while the block runs."""
	parser.add_argument("--site", required=True)
	args = parser.parse_args()
	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		yield args
	finally:
		frappe.destroy()


class Medians(dict):
	"""Median milliseconds by label, written to --save (a JSON file) when the benchmark ends."""

	def measure(self, label: str, call: Callable, runs: int) -> str:
		"""Cold (every cache of the site cleared before each call) and warm medians, and the query counts of the last
		call of each."""
		cold_ms, cold_queries = median_run(call, runs, before=clear_caches)
		warm_ms, warm_queries = median_run(call, runs)
		self[f"{label}, cold"] = cold_ms
		self[label] = warm_ms
		return (
			f"{label}: cold {cold_ms:.0f} ms ({cold_queries} queries), "
			f"warm {warm_ms:.0f} ms ({warm_queries} queries); medians over {runs} runs"
		)

	def over_goal(self) -> list[str]:
		"""The warm medians over the goal."""
		return [label for label, ms in self.items() if ms > GOAL_MS and not label.endswith(", cold")]


@contextmanager
def benchmark_site(description: str, counted: tuple[str, ...]) -> Iterator[tuple[int, Medians]]:
	"""Connect to --site and yield --runs and the medians to fill, saved to --save at the end."""
	parser = argparse.ArgumentParser(description=description)
	parser.add_argument("--runs", type=int, default=7)
	parser.add_argument("--save", help="write the medians to this JSON file")
	with connected(parser) as args:
		print("organisation: " + ", ".join(f"{frappe.db.count(d)} {d}" for d in counted))
		medians = Medians()
		yield args.runs, medians
		slow = medians.over_goal()
		print(f"warm over {GOAL_MS} ms: " + (", ".join(slow) if slow else "none"))
		if args.save:
			with open(args.save, "w") as file:
				json.dump(medians, file, indent=1)


def timed(call: Callable) -> tuple[float, int, object]:
	"""Milliseconds, number of SQL queries, and what the call returned."""
	with counting_queries() as queries:
		started = time.perf_counter()
		result = call()
		elapsed = (time.perf_counter() - started) * 1000
	return elapsed, len(queries), result


def clear_caches():
	"""Every cache of the site: Frappe's (metadata, settings, documents) and whatever an app keeps in redis."""
	frappe.clear_cache()
	frappe.cache.delete_keys("")


def median_run(call, runs: int, before: Callable | None = None) -> tuple[float, int]:
	"""Median milliseconds over `runs` calls, and the queries of the last; `before` runs before each."""
	results = []
	for _ in range(runs):
		if before:
			before()
		results.append(timed(call))
	return statistics.median(r[0] for r in results), results[-1][1]
