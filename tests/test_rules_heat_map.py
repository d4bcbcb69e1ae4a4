from aims_app.ai_governance.heat_map import RANK_COLOURS, heat_map, level_colours
from aims_app.ai_risk.risk_matrix import RiskMatrix, default_matrix


def test_grid_runs_from_most_likely_down_and_least_impact_across():
	grid = heat_map(default_matrix(), {(5, 5): 2, (1, 1): 3, (4, 2): 1}, {})
	assert [row["label"] for row in grid["rows"]] == [
		"Almost certain",
		"Likely",
		"Possible",
		"Unlikely",
		"Rare",
	]
	assert grid["impacts"] == ["Negligible", "Minor", "Moderate", "Major", "Severe"]
	top, bottom = grid["rows"][0], grid["rows"][-1]
	assert (top["cells"][-1]["count"], top["cells"][-1]["level"]) == (2, "Critical")
	assert (bottom["cells"][0]["count"], bottom["cells"][0]["level"]) == (3, "Low")
	assert grid["rows"][1]["cells"][1] == {
		"impact": 2,
		"level": "High",
		"colour": RANK_COLOURS[2],
		"count": 1,
	}
	assert (grid["total"], grid["off_matrix"]) == (6, 0)


def test_levels_above_the_appetite_are_marked():
	levels = heat_map(default_matrix(), {}, {})["levels"]
	assert [(lv["level"], lv["above_appetite"]) for lv in levels] == [
		("Low", False),
		("Medium", False),
		("High", True),
		("Critical", True),
	]


def test_chosen_colours_win_and_the_others_follow_the_rank():
	colours = level_colours(default_matrix(), {"High": "#123456"})
	assert colours == {
		"Low": RANK_COLOURS[0],
		"Medium": RANK_COLOURS[1],
		"High": "#123456",
		"Critical": RANK_COLOURS[3],
	}


def test_a_matrix_of_two_levels_runs_from_green_to_red():
	matrix = RiskMatrix(("L1", "L2"), ("I1",), ("Low", "High"), {(1, 1): "Low", (2, 1): "High"}, "Low")
	assert level_colours(matrix, {}) == {"Low": RANK_COLOURS[0], "High": RANK_COLOURS[-1]}


def test_scores_the_matrix_no_longer_has_are_counted_not_dropped():
	grid = heat_map(default_matrix(), {(6, 1): 4, (2, 2): 1}, {})
	assert (grid["total"], grid["off_matrix"]) == (5, 4)
