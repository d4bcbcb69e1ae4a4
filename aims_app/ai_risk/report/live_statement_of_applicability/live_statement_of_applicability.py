# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from aims_app.ai_risk.applicability import live_rows
from aims_app.reports import card, column, inert


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	rows = [row for row in live_rows(filters=filters) if matches(row, filters)]
	return columns(), inert(rows), None, None, summary(rows)


def matches(row, filters) -> bool:
	return (
		(not filters.applicability or row.applicability == filters.applicability)
		and (not filters.implementation_status or row.implementation_status == filters.implementation_status)
		and (not filters.control_category or row.control_category == filters.control_category)
		and (not filters.only_gaps or bool(row.gaps))
	)


def columns() -> list[dict]:
	return [
		column(_("Control"), "control_implementation", "Link", 150, "Control Implementation"),
		column(_("Title"), "control_title", width=260),
		column(_("Applicability"), "applicability"),
		column(_("Justification"), "justification", "Small Text", 220),
		column(_("Status"), "implementation_status", width=150),
		column(_("Owner"), "control_owner", "Link", 160, "User"),
		column(_("Risks Treated"), "risk_count", "Int", 110),
		column(_("Current Evidence"), "evidence_count", "Int"),
		column(_("Expired Evidence"), "expired_evidence_count", "Int"),
		column(_("Last Verified"), "last_verified_on", "Date", 110),
		column(_("Gaps"), "gaps", "Small Text", 280),
	]


def summary(rows) -> list[dict]:
	applicable = [row for row in rows if row.applicability == "Applicable"]
	implemented = sum(row.implementation_status == "Implemented" for row in applicable)
	return [
		card(_("Controls"), len(rows)),
		card(_("Applicable"), len(applicable)),
		card(_("Implemented"), implemented, "Green"),
		card(_("With Gaps"), sum(bool(row.gaps) for row in rows), "Red"),
	]
