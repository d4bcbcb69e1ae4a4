"""Server time and SQL query count of the risk reports, on whatever organisation the site holds.

env/bin/python apps/aims_app/benchmarks/reports.py --site SITE [--runs N]   (from the sites folder)
"""

import statistics

import frappe
from harness import benchmark_site, timed

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


def timed_run(execute, filters) -> tuple[float, int, int]:
	elapsed, queries, result = timed(lambda: execute(filters))
	return elapsed, queries, len(result[1])


def main():
	counted = ("AI System", "AI Risk", "AIMS Evidence", "AIMS Evidence Link")
	with benchmark_site(__doc__.splitlines()[0], counted) as runs:
		one_system = frappe.get_all("AI Risk", fields=["ai_system"], limit=1, pluck="ai_system")
		for label, (path, filters) in REPORTS.items():
			filters = {"ai_system": one_system[0]} if filters is None and one_system else (filters or {})
			execute = frappe.get_attr(path)
			cold = timed_run(execute, filters)
			warm = [timed_run(execute, filters) for _ in range(runs)]
			times = [run[0] for run in warm]
			print(
				f"{label}: {warm[0][2]} rows, {warm[0][1]} queries (cold {cold[1]}); "
				f"cold {cold[0]:.0f} ms; median {statistics.median(times):.0f} ms "
				f"(min {min(times):.0f}, max {max(times):.0f}) over {runs} runs"
			)


if __name__ == "__main__":
	main()
