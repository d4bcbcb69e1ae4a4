import pytest

from aims_app.ai_risk.risk_matrix import RiskMatrix, default_cell_level, default_matrix, matrix_problems


def test_default_matrix_is_sound_and_complete():
	matrix = default_matrix()
	assert list(map(str, matrix_problems(matrix))) == []
	assert len(matrix.cells) == 25
	assert matrix.appetite == "Medium"


@pytest.mark.parametrize(
	"likelihood,impact,level",
	[(1, 1, "Low"), (1, 3, "Low"), (2, 2, "Medium"), (2, 4, "High"), (3, 5, "Critical"), (5, 5, "Critical")],
)
def test_default_banding(likelihood, impact, level):
	assert default_cell_level(likelihood, impact) == level
	assert default_matrix().level_for(likelihood, impact) == level


@pytest.mark.parametrize(
	"likelihood,impact,message", [(0, 1, "Likelihood 0"), (6, 1, "Likelihood 6"), (1, 9, "Impact 9")]
)
def test_scores_outside_the_matrix_are_refused_naming_the_axis(likelihood, impact, message):
	with pytest.raises(ValueError, match=message):
		default_matrix().level_for(likelihood, impact)


def test_appetite_comparison():
	matrix = default_matrix()
	assert not matrix.exceeds_appetite("Low")
	assert not matrix.exceeds_appetite("Medium")
	assert matrix.exceeds_appetite("High")
	assert matrix.exceeds_appetite("Critical")


def test_problems_of_a_broken_matrix_are_all_reported():
	matrix = RiskMatrix(
		likelihoods=("Low", "High"),
		impacts=("Small",),
		levels=("Low", "Low"),
		cells={(1, 1): "Low", (2, 1): "Extreme", (3, 1): "Low"},
		appetite="Medium",
	)
	assert list(map(str, matrix_problems(matrix))) == [
		"Risk level names must be unique.",
		"Risk appetite 'Medium' is not one of the risk levels.",
		"Cell likelihood 2 × impact 1 has unknown level 'Extreme'.",
		"Cell likelihood 3 × impact 1 lies outside the scales.",
	]


def test_a_missing_cell_is_reported():
	matrix = RiskMatrix(("A", "B"), ("X",), ("Low",), {(1, 1): "Low"}, "Low")
	assert list(map(str, matrix_problems(matrix))) == ["Cell likelihood 2 × impact 1 has no level."]
