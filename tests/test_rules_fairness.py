"""The fairness evaluation (A.7.4, A.6.2.4) against values worked out by hand on a 20-row dataset.

gender M (10 rows): 4 selected with label 1, 1 not selected with label 1, 2 selected with label 0, 3 neither.
gender F (10 rows): 2 selected with label 1, 3 not selected with label 1, 1 selected with label 0, 4 neither.
So M: selection rate 6/10, TPR 4/5, FPR 2/5; F: 3/10, TPR 2/5, FPR 1/5. Impact ratio of F 0.3/0.6 = 0.5,
parity difference 0.3, ratio 0.5, equalized odds difference max(0.4, 0.2) = 0.4.
race A: 10 rows, 5 selected; B: 8 rows, 4 selected; C: 2 rows, none selected (below the minimum of 5).
Intersection: M × A 7 rows 4 selected, F × B 5 rows 2 selected; the rest have fewer than 5 rows.
"""

import io

import pytest

from aims_app.ai_systems.monitoring.fairness import (
	FAIL,
	NOT_JUDGED,
	PASS,
	TOO_FEW,
	Columns,
	Thresholds,
	evaluate,
	read_outcomes,
)
from aims_app.messages import MessageError

# gender, race, label, prediction, how many such rows
ROWS = [
	("M", "A", 1, 1, 4),
	("M", "B", 1, 0, 1),
	("M", "B", 0, 1, 2),
	("M", "A", 0, 0, 3),
	("F", "B", 1, 1, 2),
	("F", "C", 1, 0, 1),
	("F", "A", 1, 0, 2),
	("F", "A", 0, 1, 1),
	("F", "C", 0, 0, 1),
	("F", "B", 0, 0, 3),
]
COLUMNS = Columns(groups=("gender", "race"), prediction="hired", label="qualified", score="score")
THRESHOLDS = Thresholds(
	min_group_count=5, min_impact_ratio=0.8, max_parity_difference=0.2, max_equalized_odds_difference=0.2
)


def csv(rows=ROWS, header="gender,race,qualified,hired,score,other") -> io.BytesIO:
	lines = [header]
	for gender, race, label, prediction, times in rows:
		lines += [f"{gender},{race},{label},{prediction},0.5,x"] * times
	return io.BytesIO(("\n".join(lines) + "\n").encode())


@pytest.fixture(scope="module")
def result():
	return evaluate(read_outcomes(csv(), COLUMNS), COLUMNS, THRESHOLDS)


def group(result, dimension, name):
	return next(g for g in result.groups if g.dimension == dimension and g.group == name)


def dimension(result, name):
	return next(d for d in result.dimensions if d.dimension == name)


def test_per_group_counts_selection_rates_and_error_rates(result):
	men, women = group(result, "gender", "M"), group(result, "gender", "F")
	assert (men.count, men.selected, men.selection_rate) == (10, 6, pytest.approx(0.6))
	assert (women.count, women.selected, women.selection_rate) == (10, 3, pytest.approx(0.3))
	assert men.true_positive_rate == pytest.approx(0.8) and men.false_positive_rate == pytest.approx(0.4)
	assert women.true_positive_rate == pytest.approx(0.4) and women.false_positive_rate == pytest.approx(0.2)


def test_impact_ratio_against_the_most_favoured_group_fails_the_four_fifths_rule(result):
	assert group(result, "gender", "M").impact_ratio == pytest.approx(1.0)
	assert group(result, "gender", "F").impact_ratio == pytest.approx(0.5)
	assert group(result, "gender", "F").outcome == FAIL
	gender = dimension(result, "gender")
	assert gender.most_favoured == "M"
	assert gender.parity_difference == pytest.approx(0.3)
	assert gender.parity_ratio == pytest.approx(0.5)
	assert gender.equalized_odds_difference == pytest.approx(0.4)
	assert gender.outcome == FAIL


def test_a_group_below_the_minimum_count_is_reported_but_left_out_of_pass_or_fail(result):
	small = group(result, "race", "C")
	assert (small.count, small.selection_rate, small.outcome) == (2, 0.0, TOO_FEW)
	race = dimension(result, "race")
	# A and B both select half: with C left out there is no disparity
	assert race.parity_difference == pytest.approx(0.0)
	assert race.equalized_odds_difference == pytest.approx(0.15)  # FPR 1/4 against 2/5, TPR 2/3 for both
	assert race.outcome == PASS


def test_the_intersection_of_the_group_columns_is_a_dimension_too(result):
	both = dimension(result, "gender × race")
	assert both.most_favoured == "M × A"
	assert group(result, "gender × race", "F × B").impact_ratio == pytest.approx(0.4 / (4 / 7))
	assert group(result, "gender × race", "M × B").outcome == TOO_FEW
	assert both.outcome == FAIL


def test_the_evaluation_fails_with_reasons_and_reports_its_lowest_impact_ratio(result):
	assert result.rows == 20
	assert result.outcome == FAIL
	assert result.lowest_impact_ratio == pytest.approx(0.5)
	reasons = [str(r) for r in result.reasons]
	assert "gender = F: impact ratio 0.5 is below 0.8 (selection rate 0.3)." in reasons
	assert "gender: demographic parity difference 0.3 is above 0.2." in reasons


def test_without_labels_only_selection_is_judged():
	columns = Columns(groups=("gender",), prediction="hired")
	result = evaluate(read_outcomes(csv(), columns), columns, THRESHOLDS)
	assert group(result, "gender", "F").true_positive_rate is None
	assert dimension(result, "gender").equalized_odds_difference is None
	assert [d.dimension for d in result.dimensions] == ["gender"]


def test_with_too_few_rows_everywhere_nothing_is_judged():
	columns = Columns(groups=("race",), prediction="hired")
	result = evaluate(
		read_outcomes(csv(), columns), columns, Thresholds(min_group_count=50, min_impact_ratio=0.8)
	)
	assert result.outcome == NOT_JUDGED
	assert "fewer than two groups have at least 50 rows" in str(result.reasons[0])


def refusal(stream, columns=COLUMNS) -> str:
	with pytest.raises(MessageError) as refused:
		read_outcomes(stream, columns)
	return str(refused.value)


def test_a_missing_or_misnamed_column_is_named():
	assert "Column hired is not in the file. Its columns are: gender, race" in refusal(
		csv(header="gender,race,qualified,decision,score,other")
	)
	assert "Column hired is not in the file; did you mean Hired?" in refusal(
		csv(header="gender,race,qualified,Hired,score,other")
	)


def test_a_non_binary_prediction_is_refused_with_its_line():
	stream = io.BytesIO(b"gender,race,qualified,hired,score\nM,A,1,1,0.5\nF,A,1,yes please,0.5\n")
	assert "Column hired, line 3: 'yes please' is not binary" in refusal(stream)


def test_an_empty_group_is_refused_with_its_line():
	stream = io.BytesIO(b"gender,race,qualified,hired,score\nM,A,1,1,0.5\nM,A,0,0,0.5\n,B,1,0,0.5\n")
	assert "Column gender, line 4: the group is empty" in refusal(stream)


def test_a_score_that_is_not_a_number_is_refused_with_its_line():
	stream = io.BytesIO(b"gender,race,qualified,hired,score\nM,A,1,1,high\n")
	assert "Column score, line 2: 'high' is not a number." in refusal(stream)


def test_a_file_without_rows_is_refused():
	assert "no rows" in refusal(io.BytesIO(b"gender,race,qualified,hired,score\n"))
	assert "not a CSV with a header row" in refusal(io.BytesIO(b""))


def test_progress_is_reported_while_reading():
	seen = []
	read_outcomes(csv(), COLUMNS, progress=lambda rows, share: seen.append((rows, share)))
	assert seen[-1] == (20, 1.0)
