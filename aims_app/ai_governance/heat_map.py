"""The risk heat map: counts of risks in each likelihood × impact cell of the organisation's matrix.

Rows run from the most likely down, columns from the least impact up, as a risk matrix is usually drawn.
Each cell carries its level and that level's colour; a level without a chosen colour gets one by its rank.
"""

from aims_app.ai_risk.risk_matrix import RiskMatrix

# Lowest to highest: green, yellow, orange, red.
RANK_COLOURS = ("#2e7d32", "#f9a825", "#ef6c00", "#c62828")


def level_colours(matrix: RiskMatrix, chosen: dict[str, str]) -> dict[str, str]:
	"""The colour of each level: the one chosen in the settings, else one spread over the ranks."""
	last = max(len(matrix.levels) - 1, 1)
	spread = len(RANK_COLOURS) - 1
	return {
		level: chosen.get(level) or RANK_COLOURS[round(rank * spread / last)]
		for rank, level in enumerate(matrix.levels)
	}


def heat_map(
	matrix: RiskMatrix,
	counts: dict[tuple[int, int], int],
	chosen_colours: dict[str, str],
	above_appetite: int = 0,
) -> dict:
	"""The grid to draw, with the scales' labels, the levels in rank order and the appetite.

	`counts` maps (likelihood, impact) to a number of risks; scores the matrix lacks (it was changed after
	the risks were scored) are totalled in `off_matrix` rather than dropped silently. `above_appetite` is how many
	of the risks count as above the appetite (aims_app.ai_risk.risk_rules.counts_above_appetite): a cell above it
	also holds the risks top management has accepted.
	"""
	colours = level_colours(matrix, chosen_colours)
	rows = []
	for likelihood in range(len(matrix.likelihoods), 0, -1):
		cells = []
		for impact in range(1, len(matrix.impacts) + 1):
			level = matrix.cells.get((likelihood, impact), "")
			cells.append(
				{
					"impact": impact,
					"level": level,
					"colour": colours.get(level, ""),
					"count": counts.get((likelihood, impact), 0),
				}
			)
		rows.append({"likelihood": likelihood, "label": matrix.likelihoods[likelihood - 1], "cells": cells})
	on_matrix = {(row["likelihood"], cell["impact"]) for row in rows for cell in row["cells"]}
	return {
		"impacts": list(matrix.impacts),
		"rows": rows,
		"levels": [
			{"level": level, "colour": colours[level], "above_appetite": matrix.exceeds_appetite(level)}
			for level in matrix.levels
		],
		"appetite": matrix.appetite,
		"total": sum(counts.values()),
		"above_appetite": above_appetite,
		"off_matrix": sum(n for cell, n in counts.items() if cell not in on_matrix),
	}
