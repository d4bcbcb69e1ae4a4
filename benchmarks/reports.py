"""Server time and SQL query count of the risk reports, on whatever organisation the site holds.

env/bin/python apps/aims_app/benchmarks/reports.py --site SITE [--runs N]   (from the sites folder)
"""

import argparse
import statistics
import time

import frappe

from aims_app.tests import counting_queries

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
	with counting_queries() as queries:
		started = time.perf_counter()
		rows = execute(filters)[1]
		elapsed = (time.perf_counter() - started) * 1000
	return elapsed, len(queries), len(rows)


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--runs", type=int, default=7)
	args = parser.parse_args()
	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		counts = {
			d: frappe.db.count(d) for d in ("AI System", "AI Risk", "AIMS Evidence", "AIMS Evidence Link")
		}
		print("organisation: " + ", ".join(f"{n} {d}" for d, n in counts.items()))
		one_system = frappe.get_all("AI Risk", fields=["ai_system"], limit=1, pluck="ai_system")
		for label, (path, filters) in REPORTS.items():
			filters = {"ai_system": one_system[0]} if filters is None and one_system else (filters or {})
			execute = frappe.get_attr(path)
			cold = timed_run(execute, filters)
			warm = [timed_run(execute, filters) for _ in range(args.runs)]
			times = [run[0] for run in warm]
			print(
				f"{label}: {warm[0][2]} rows, {warm[0][1]} queries (cold {cold[1]}); "
				f"cold {cold[0]:.0f} ms; median {statistics.median(times):.0f} ms "
				f"(min {min(times):.0f}, max {max(times):.0f}) over {args.runs} runs"
			)
	finally:
		frappe.destroy()


if __name__ == "__main__":
	main()
