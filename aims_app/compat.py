"""What differs between Frappe v15 and v16, in one place; the rest of the app calls these and never asks which
version it runs on (tests/test_v16_compat.py keeps it so).

It imports nothing of Frappe, so that hooks.py and the pure rules, which the static suite reads without Frappe,
can use it: the version is the installed frappe package's, and the two helpers that need Frappe itself take
the module their caller has already loaded. Where Frappe is not installed (the static suite) it answers as v15.

The test base class is the other place that knows both versions (aims_app/tests/__init__.py).
"""

import sys
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import quote


@cache
def frappe_major() -> int:
	try:
		return int(version("frappe").split(".")[0])
	except PackageNotFoundError:
		return 15


def is_v16() -> bool:
	return frappe_major() >= 16


def desk_path(route: str = "") -> str:
	"""A path in the desk, as Frappe routes it: /app/... on v15, /desk/... on v16 (where /app only redirects).
	`route` is what follows, already quoted: "ai-risk/RISK-00001", "ai-system?in_scope=1"."""
	base = "/desk" if is_v16() else "/app"
	return f"{base}/{route}" if route else base


def form_path(doctype: str, name: str) -> str:
	"""A record's form in the desk. Unlike frappe.utils.get_absolute_url, a "/" or "#" in the name is quoted,
	so that the link opens that record."""
	return desk_path(f"{doctype.lower().replace(' ', '-')}/{quote(name, safe='')}")


def count_all(alias: str):
	"""COUNT(*) AS alias among the `fields` of frappe.get_list: v16 refuses SQL functions written as strings
	and takes its dict form, which v15's get_list does not know."""
	return {"COUNT": "*", "as": alias} if is_v16() else f"count(*) as {alias}"


def in_test() -> bool:
	"""Whether Frappe is running tests: frappe.in_test on v16, where frappe.flags.in_test is deprecated."""
	frappe = sys.modules["frappe"]  # loaded by the caller, which runs on a site
	if hasattr(frappe, "in_test"):
		return bool(frappe.in_test)
	return bool(frappe.flags.in_test)


def ignored_test_records(doctypes: list[str]) -> dict[str, list[str]]:
	"""The attribute by which a doctype's test module tells Frappe's test runner not to build test records for
	these doctypes: IGNORE_TEST_RECORD_DEPENDENCIES on v16 (test_ignore is deprecated there), test_ignore on
	v15. A test module applies it with globals().update(...)."""
	return {("IGNORE_TEST_RECORD_DEPENDENCIES" if is_v16() else "test_ignore"): list(doctypes)}
