"""Server time and SQL query count of what the AIMS workspace loads: each number card, chart and custom block
named in the workspace, and the AIMS Readiness report, cold (caches cleared) and warm.

env/bin/python apps/aims_app/benchmarks/workspace.py --site SITE [--runs N]   (from the sites folder)
"""

import json
import statistics
from pathlib import Path

import frappe
from harness import benchmark_site, timed

WORKSPACE = (
	Path(__file__).resolve().parent.parent / "aims_app" / "ai_governance" / "workspace" / "aims" / "aims.json"
)
READINESS = "aims_app.ai_assurance.report.aims_readiness.aims_readiness.execute"
HEAT_MAP = "aims_app.ai_governance.dashboard.risk_heat_map"
GOAL_MS = 500
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
	"""What the desk asks the server for when it draws the workspace, read from the workspace's JSON."""
	from frappe.desk.desktop import get_desktop_page

	workspace = json.loads(WORKSPACE.read_text())
	# Frappe's own call for the page's layout, for reference: the goal is for what this app computes.
	found = {FRAPPE_PAGE: lambda: get_desktop_page(json.dumps({"name": "AIMS", "title": "AIMS"}))}
	for row in workspace["number_cards"]:
		found[f"card: {row['number_card_name']}"] = card_call(row["number_card_name"])
	for row in workspace["charts"]:
		found[f"chart: {row['chart_name']}"] = chart_call(row["chart_name"])
	if workspace["custom_blocks"]:
		found["heat map"] = frappe.get_attr(HEAT_MAP)
	try:
		readiness = frappe.get_attr(READINESS)
	except (ImportError, AttributeError):
		print("AIMS Readiness report: absent, skipped")
	else:
		found["report: AIMS Readiness"] = lambda: readiness({})
	return found


def median_run(call, runs: int, cold: bool) -> tuple[float, int]:
	"""Median milliseconds over `runs` calls, and the queries of the last; cold clears Frappe's caches first."""
	results = []
	for _ in range(runs):
		if cold:
			frappe.clear_cache()
		results.append(timed(call))
	return statistics.median(r[0] for r in results), results[-1][1]


def main():
	counted = ("AI System", "AI Risk", "AIMS Evidence", "Nonconformity")
	with benchmark_site(__doc__.splitlines()[0], counted) as runs:
		slow = []
		for label, call in calls().items():
			cold_ms, cold_queries = median_run(call, runs, cold=True)
			warm_ms, warm_queries = median_run(call, runs, cold=False)
			print(
				f"{label}: cold {cold_ms:.0f} ms ({cold_queries} queries), "
				f"warm {warm_ms:.0f} ms ({warm_queries} queries), medians over {runs} runs"
			)
			if label != FRAPPE_PAGE and max(cold_ms, warm_ms) > GOAL_MS:
				slow.append(label)
		print(f"over {GOAL_MS} ms: " + (", ".join(slow) if slow else "none"))


if __name__ == "__main__":
	main()
