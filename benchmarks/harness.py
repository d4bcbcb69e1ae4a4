"""What the benchmark scripts share: --site (and --runs), the site connected as Administrator with a line
saying how big its organisation is, and one timed call with the SQL queries it ran."""

import argparse
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import frappe

from aims_app.tests import counting_queries


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


@contextmanager
def benchmark_site(description: str, counted: tuple[str, ...]) -> Iterator[int]:
	"""Connect to --site and yield --runs."""
	parser = argparse.ArgumentParser(description=description)
	parser.add_argument("--runs", type=int, default=7)
	with connected(parser) as args:
		print("organisation: " + ", ".join(f"{frappe.db.count(d)} {d}" for d in counted))
		yield args.runs


def timed(call: Callable) -> tuple[float, int, object]:
	"""Milliseconds, number of SQL queries, and what the call returned."""
	with counting_queries() as queries:
		started = time.perf_counter()
		result = call()
		elapsed = (time.perf_counter() - started) * 1000
	return elapsed, len(queries), result
