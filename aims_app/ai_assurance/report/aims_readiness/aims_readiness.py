# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from aims_app.ai_assurance.readiness.facts import ancestors, chart_options, readiness_chart, readiness_rows
from aims_app.ai_assurance.readiness.rules import GAP, NOT_APPLICABLE, PARTIAL, READY
from aims_app.reports import card, column, inert


def execute(filters: dict | None = None):
	"""Every ISO/IEC 42001 clause and Annex A control with its readiness (a fixed number of queries)."""
	filters = frappe._dict(filters or {})
	rows = [row for row in readiness_rows(filters) if not filters.part or row.part == filters.part]
	chart = {**chart_options(), "data": readiness_chart(rows), "title": _("Readiness by Clause")}
	if filters.status:
		rows = with_ancestors([row for row in rows if row.status == filters.status], rows)
	return columns(), inert(rows), None, chart, summary(rows)


def with_ancestors(matching, rows) -> list:
	"""The matching rows and the groups above them, in library order, so that the tree still reads."""
	by_name = {row.name: row for row in rows}
	kept = {name for row in matching for name in ancestors(row, by_name)}
	return [row for row in rows if row.name in kept]


def columns() -> list[dict]:
	return [
		column(_("Requirement"), "requirement", "Link", 170, "Framework Requirement"),
		column(_("Heading"), "title", width=260),
		column(_("Kind"), "requirement_kind", width=110),
		column(_("Status"), "status", width=120),
		{**column(_("Evidence Found"), "evidence_found", width=300), "align": "left"},
		{**column(_("What Is Missing"), "missing", width=360), "align": "left"},
		column(_("Fix"), "fix_route", width=80),
	]


def summary(rows) -> list[dict]:
	"""Counts of the assessable requirements shown: groups only roll their children up."""
	assessed = [row.status for row in rows if row.is_assessable]
	return [
		card(_("Ready"), assessed.count(READY), "Green"),
		card(_("Partial"), assessed.count(PARTIAL), "Orange"),
		card(_("Gap"), assessed.count(GAP), "Red"),
		card(_("Not Applicable"), assessed.count(NOT_APPLICABLE), "Grey"),
	]
