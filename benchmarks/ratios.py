"""How each median changed from one measurement to another: the files the benchmarks wrote with --save.

	python3 benchmarks/ratios.py BASE.json SCALED.json SCALE         one organisation against N times it
	python3 benchmarks/ratios.py BEFORE.json AFTER.json --versions   one version of the app against another

Goal (issue 16): at 10x the data, each warm median under 3x its median at 1x; the cold ones (caches
cleared) are shown beside them. Versions are compared without a goal.
"""

import json
import sys

RATIO_GOAL = 3.0


def cold(label: str) -> bool:
	return label.endswith(", cold")


def ratio_lines(
	base: dict[str, float], other: dict[str, float], names: tuple[str, str], goal: float | None
) -> list[str]:
	lines, over = [], []
	for label, ms in other.items():
		if label not in base:
			continue
		ratio = ms / max(base[label], 0.5)  # a sub-millisecond base is noise, not a baseline
		lines.append(f"{label}: {names[0]} {base[label]:.0f} ms, {names[1]} {ms:.0f} ms, ratio {ratio:.1f}")
		if goal and ratio >= goal and not cold(label):
			over.append(label)
	if goal:
		lines.append(f"warm at {goal:g}x or more: " + (", ".join(over) if over else "none"))
	return lines


def main():
	base, other, how = sys.argv[1:4]
	if how == "--versions":
		names, goal = ("before", "after"), None
	else:
		names, goal = ("1x", f"{how}x"), RATIO_GOAL
	with open(base) as first, open(other) as second:
		print("\n".join(ratio_lines(json.load(first), json.load(second), names, goal)))


if __name__ == "__main__":
	main()
