# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe

from aims_app.ai_assurance.readiness.facts import readiness_chart, readiness_rows


@frappe.whitelist()
def get(
	chart_name=None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
	refresh=None,
):
	"""The requirements under each clause and Annex A category by readiness status, as in "AIMS Readiness";
	its filters (a dict of the source's filter fields: the Company, where ERPNext is installed) as there."""
	frappe.has_permission("Framework Requirement", "read", throw=True)
	filters = frappe.parse_json(filters)
	return readiness_chart(readiness_rows(filters if isinstance(filters, dict) else None))
