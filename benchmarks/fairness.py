"""A fairness evaluation of a large CSV (issue 14): rows per second and peak memory, goal under 1 GB.

Generates a CSV of hiring decisions (applicant id, two group columns, prediction, label, score and a free-text
note the evaluation does not read), then, each in a fresh process so its peak memory is its own:
  - the evaluation as AI Fairness Evaluation runs it (chosen columns only, chunks, categories, fairlearn);
  - for comparison, pandas reading the whole file with its default types.
No Frappe needed (only pandas and fairlearn, which the app declares):

	python3 benchmarks/fairness.py [--rows 1000000] [--keep FILE]
"""

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOAL_MB = 1024
# (sex, age band) -> share hired
RATES = {
	("male", "under 40"): 0.55,
	("male", "40 and over"): 0.45,
	("female", "under 40"): 0.35,
	("female", "40 and over"): 0.25,
	("nonbinary", "under 40"): 0.40,
}
CELLS = list(RATES)
WEIGHTS = (30, 30, 25, 14, 1)


def generate(path: str, rows: int):
	rng = random.Random(14)
	with open(path, "w") as out:
		out.write("applicant,sex,age_band,hired,qualified,score,note\n")
		for number, cell in enumerate(rng.choices(CELLS, WEIGHTS, k=rows)):
			hired = int(rng.random() < RATES[cell])
			qualified = hired if rng.random() < 0.8 else 1 - hired
			out.write(
				f"A{number:07d},{cell[0]},{cell[1]},{hired},{qualified},{rng.random():.4f},screened by the ranker\n"
			)


def evaluate(path: str):
	sys.path.insert(0, ROOT)
	from aims_app.ai_systems.monitoring.fairness import Columns, Thresholds, evaluate, read_outcomes

	columns = Columns(groups=("sex", "age_band"), prediction="hired", label="qualified", score="score")
	thresholds = Thresholds(30, 0.8, 0.2, 0.2)
	tracemalloc.start()
	started = time.perf_counter()
	with open(path, "rb") as stream:
		frame = read_outcomes(stream, columns)
	read = time.perf_counter() - started
	result = evaluate(frame, columns, thresholds)
	took = time.perf_counter() - started
	_current, traced = tracemalloc.get_traced_memory()
	report(
		result.rows, took, traced, f"read {read:.1f} s, result {result.outcome}, {len(result.groups)} groups"
	)


def naive(path: str):
	import pandas as pd

	tracemalloc.start()
	started = time.perf_counter()
	frame = pd.read_csv(path)
	took = time.perf_counter() - started
	_current, traced = tracemalloc.get_traced_memory()
	report(len(frame), took, traced, "whole file, default types")


def report(rows: int, took: float, traced: int, note: str):
	peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
	print(f"{rows} {took:.3f} {peak_rss_mb:.1f} {traced / 2**20:.1f} {note}")


def measured(mode: str, path: str) -> tuple[int, float, float, float, str]:
	done = subprocess.run(
		[sys.executable, __file__, f"--{mode}", path], capture_output=True, text=True, check=True
	)
	rows, took, rss, traced, note = done.stdout.strip().splitlines()[-1].split(" ", 4)
	return int(rows), float(took), float(rss), float(traced), note


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--rows", type=int, default=1_000_000)
	parser.add_argument("--keep")
	parser.add_argument("--evaluate")
	parser.add_argument("--naive")
	args = parser.parse_args()
	if args.evaluate:
		return evaluate(args.evaluate)
	if args.naive:
		return naive(args.naive)
	path = args.keep or tempfile.mktemp(suffix=".csv", prefix="aims-fairness-")
	started = time.perf_counter()
	generate(path, args.rows)
	size_mb = os.path.getsize(path) / 2**20
	print(f"generated {args.rows:,} rows, {size_mb:.1f} MB, in {time.perf_counter() - started:.1f} s")
	try:
		rows, took, rss, traced, note = measured("evaluate", path)
		print(
			f"fairness evaluation: {rows:,} rows in {took:.2f} s = {rows / took:,.0f} rows/s; "
			f"peak memory {rss:.0f} MB RSS (process), {traced:.0f} MB allocated by Python ({note})"
		)
		_rows, naive_took, naive_rss, naive_traced, _note = measured("naive", path)
		print(
			f"pandas reading the whole file: {naive_took:.2f} s, peak {naive_rss:.0f} MB RSS, "
			f"{naive_traced:.0f} MB allocated"
		)
		print(
			f"ratios: peak RSS {rss / GOAL_MB:.2f} of the 1 GB goal "
			f"({'met' if rss < GOAL_MB else 'NOT met'}); "
			f"{rss / naive_rss:.2f} of a plain read's peak; {took / naive_took:.2f} of its time, evaluation included"
		)
	finally:
		if not args.keep:
			os.remove(path)


if __name__ == "__main__":
	main()
