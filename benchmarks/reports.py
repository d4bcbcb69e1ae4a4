"""Server time and SQL query count of the risk reports, on whatever organisation the site holds.

env/bin/python apps/aims_app/benchmarks/reports.py --site SITE [--runs N] [--save FILE]   (from the sites folder)
"""

from functools import partial

import frappe
from harness import benchmark_site

REPORTS = {
	"Live Statement of Applicability": (
		"aims_app.ai_risk.report.live_statement_of_applicability.live_statement_of_applicability.execute",
		{},
	),
	"AI Risk Register": ("aims_app.ai_risk.report.ai_risk_register.ai_risk_register.execute", {}),
	"AI Risk Register, one system": (
		"aims_app.ai_risk.report.ai_risk_register.ai_risk_register.execute",
		None,
	),
}


def main():
	counted = ("AI System", "AI Risk", "AIMS Evidence", "AIMS Evidence Link")
	with benchmark_site(__doc__.splitlines()[0], counted) as (runs, medians):
		one_system = frappe.get_all("AI Risk", fields=["ai_system"], limit=1, pluck="ai_system")
		for label, (path, filters) in REPORTS.items():
			filters = {"ai_system": one_system[0]} if filters is None and one_system else (filters or {})
			call = partial(frappe.get_attr(path), filters)
			print(f"{medians.measure(label, call, runs)}; {len(call()[1])} rows")


if __name__ == "__main__":
	main()
