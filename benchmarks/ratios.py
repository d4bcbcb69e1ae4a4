"""How each median grew from one organisation to a larger one: the files the benchmarks wrote with --save.

	python3 benchmarks/ratios.py BASE.json SCALED.json SCALE

Goal (issue 16): at 10x the data, each warm median under 3x its median at 1x; the cold ones (caches
cleared, or after a change) are shown beside them.
"""

import json
import sys

RATIO_GOAL = 3.0


def cold(label: str) -> bool:
	return label.endswith(", cold") or ", after a change to " in label


def ratio_lines(base: dict[str, float], scaled: dict[str, float], scale: str) -> list[str]:
	lines, over = [], []
	for label, ms in scaled.items():
		if label not in base:
			continue
		ratio = ms / max(base[label], 0.5)  # a sub-millisecond base is noise, not a baseline
		lines.append(f"{label}: 1x {base[label]:.0f} ms, {scale}x {ms:.0f} ms, ratio {ratio:.1f}")
		if ratio >= RATIO_GOAL and not cold(label):
			over.append(label)
	lines.append(f"warm at {RATIO_GOAL:g}x or more: " + (", ".join(over) if over else "none"))
	return lines


def main():
	base, scaled, scale = sys.argv[1:4]
	with open(base) as first, open(scaled) as second:
		print("\n".join(ratio_lines(json.load(first), json.load(second), scale)))


if __name__ == "__main__":
	main()
