"""Server time and SQL query count of what the AIMS workspace loads: each number card, chart and custom block
named in the workspace, and the AIMS Readiness report, cold (caches cleared) and warm.

env/bin/python apps/aims_app/benchmarks/workspace.py --site SITE [--runs N] [--save FILE]   (from the sites folder)
"""

import json

import frappe
from harness import benchmark_site

READINESS = "aims_app.ai_assurance.report.aims_readiness.aims_readiness.execute"
HEAT_MAP = "aims_app.ai_governance.dashboard.risk_heat_map"
FRAPPE_PAGE = "workspace page (Frappe's get_desktop_page)"


def card_call(name: str):
	from frappe.desk.doctype.number_card.number_card import get_result

	card = frappe.get_doc("Number Card", name)
	if card.type == "Custom":
		method = frappe.get_attr(card.method)
		return lambda: method(filters=card.filters_json)
	return lambda: get_result(card.as_json(), card.filters_json)


def chart_call(name: str):
	"""The method the desk's chart widget calls: the chart source's for a Custom chart, else Frappe's."""
	from frappe.desk.doctype.dashboard_chart.dashboard_chart import get
	from frappe.modules.utils import get_module_app

	chart = frappe.get_doc("Dashboard Chart", name)
	if chart.chart_type == "Custom":
		module = frappe.scrub(frappe.db.get_value("Dashboard Chart Source", chart.source, "module"))
		source = frappe.scrub(chart.source)
		method = frappe.get_attr(
			f"{get_module_app(module)}.{module}.dashboard_chart_source.{source}.{source}.get"
		)
		return lambda: method(chart_name=name, filters=chart.filters_json)
	return lambda: get(
		chart_name=name, refresh=1
	)  # refresh: compute, as on the desk's refresh, not read the cache


def calls() -> dict[str, object]:
	"""What the desk asks the server for when it draws the workspace, read from the site's AIMS workspace."""
	from frappe.desk.desktop import get_desktop_page

	workspace = frappe.get_doc("Workspace", "AIMS")
	# Frappe's own call for the page's layout, for reference: the goal is for what this app computes.
	found = {FRAPPE_PAGE: lambda: get_desktop_page(json.dumps({"name": "AIMS", "title": "AIMS"}))}
	for row in workspace.number_cards:
		found[f"card: {row.number_card_name}"] = card_call(row.number_card_name)
	for row in workspace.charts:
		found[f"chart: {row.chart_name}"] = chart_call(row.chart_name)
	if workspace.custom_blocks:
		found["heat map"] = frappe.get_attr(HEAT_MAP)
	try:
		readiness = frappe.get_attr(READINESS)
	except (ImportError, AttributeError):
		print("AIMS Readiness report: absent, skipped")
	else:
		found["report: AIMS Readiness"] = lambda: readiness({})
	return found


def main():
	counted = ("AI System", "AI Risk", "AIMS Evidence", "Nonconformity")
	with benchmark_site(__doc__.splitlines()[0], counted) as (runs, medians):
		for label, call in calls().items():
			print(medians.measure(label, call, runs))
		medians.pop(FRAPPE_PAGE)  # Frappe's, not this app's: shown for reference, not held to the goal
		medians.pop(f"{FRAPPE_PAGE}, cold")


if __name__ == "__main__":
	main()
