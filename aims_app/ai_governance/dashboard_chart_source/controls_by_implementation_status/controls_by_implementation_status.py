# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from collections import Counter

import frappe
from frappe import _

from aims_app.translation import value


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
	"""The applicable Annex A controls the user may read, by implementation status in the order of the
	status's options, each status in the user's language (a Group By chart would show the stored values)."""
	frappe.has_permission("Control Implementation", "read", throw=True)
	counts = Counter(
		row.implementation_status or ""
		for row in frappe.get_list(
			"Control Implementation",
			filters={"applicability": "Applicable"},
			fields=["implementation_status"],
			limit_page_length=0,
		)
	)
	options = frappe.get_meta("Control Implementation").get_options("implementation_status").split("\n")
	statuses = [status for status in options if counts[status]] + [
		status for status in counts if status not in options
	]
	return {
		"labels": [value(status) if status else _("Not Specified") for status in statuses],
		"datasets": [{"name": _("Controls"), "values": [counts[status] for status in statuses]}],
	}
