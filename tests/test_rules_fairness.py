"""The fairness evaluation (A.7.4, A.6.2.4) against values worked out by hand on a 20-row dataset.

gender M (10 rows): 4 selected with label 1, 1 not selected with label 1, 2 selected with label 0, 3 neither.
gender F (10 rows): 2 selected with label 1, 3 not selected with label 1, 1 selected with label 0, 4 neither.
So M: selection rate 6/10, TPR 4/5, FPR 2/5; F: 3/10, TPR 2/5, FPR 1/5. Impact ratio of F 0.3/0.6 = 0.5,
parity difference 0.3, ratio 0.5, equalized odds difference max(0.4, 0.2) = 0.4.
race A: 10 rows, 5 selected; B: 8 rows, 4 selected; C: 2 rows, none selected (below the minimum of 5).
Intersection: M × A 7 rows 4 selected, F × B 5 rows 2 selected; the rest have fewer than 5 rows.

Then outcome files as they come: words for outcomes (a risk assessment's Low/Medium/High, "Low" favourable;
reoffended yes/no, "no" positive), which must give the same figures as their 0/1 form, the false negative rate
and positive predictive value and Local Law 144's scoring rate checked against fairlearn, scikit-learn and
pandas computing on the rows themselves, and refusals that name the values found.
"""

import io
import random

import numpy as np
import pandas as pd
import pytest
from fairlearn.metrics import MetricFrame, false_negative_rate, false_positive_rate, true_positive_rate
from sklearn.metrics import precision_score, recall_score

from aims_app.ai_systems.monitoring.fairness import (
	FAIL,
	NOT_JUDGED,
	PASS,
	TOO_FEW,
	VALUES_KEPT,
	VALUES_LISTED,
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


def test_a_prediction_of_other_values_than_1_and_0_is_refused_naming_them():
	stream = io.BytesIO(b"gender,race,qualified,hired,score\nM,A,1,1,0.5\nF,A,1,yes please,0.5\n")
	assert refusal(stream) == (
		"The prediction column hired holds 1, yes please; choose under Favourable Values which of them are "
		"favourable."
	)


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


# --- outcome files as they are ----------------------------------------------------------------------

RISK = ("Low", "Medium", "High")
# race -> (defendants, chance of each risk level, chance of reoffending at each level): a risk assessment that
# labels one group higher more often, as ProPublica found COMPAS did
POPULATION = {
	"African-American": (600, (0.42, 0.30, 0.28), (0.30, 0.52, 0.70)),
	"Caucasian": (400, (0.65, 0.22, 0.13), (0.29, 0.50, 0.68)),
	"Hispanic": (90, (0.70, 0.20, 0.10), (0.27, 0.47, 0.60)),
	"Asian": (12, (0.75, 0.17, 0.08), (0.20, 0.40, 0.60)),
}
WORDS = Columns(
	groups=("race", "sex"),
	prediction="score_text",
	label="reoffended",
	score="decile_score",
	favourable=("Low",),
	positive=("no",),
)
NUMBERS = Columns(
	groups=("race", "sex"), prediction="low_risk", label="did_not_reoffend", score="decile_score"
)
THRESHOLDS_30 = Thresholds(min_group_count=30, min_impact_ratio=0.8, max_parity_difference=0.2)


def defendants() -> pd.DataFrame:
	rng = random.Random(2016)
	rows = []
	for race, (count, levels, reoffending) in POPULATION.items():
		for _number in range(count):
			level = rng.choices(range(3), levels)[0]
			rows.append(
				{
					"id": len(rows) + 1,
					"race": race,
					"sex": rng.choice(("Male", "Male", "Male", "Female")),
					"decile_score": rng.randint(1 + 4 * level - (level == 2), 4 + 3 * level),
					"score_text": RISK[level],
					"reoffended": "yes" if rng.random() < reoffending[level] else "no",
				}
			)
	frame = pd.DataFrame(rows)
	frame["low_risk"] = (frame["score_text"] == "Low").astype(int)
	frame["did_not_reoffend"] = (frame["reoffended"] == "no").astype(int)
	return frame


def as_csv(frame: pd.DataFrame) -> io.BytesIO:
	return io.BytesIO(frame.to_csv(index=False).encode())


@pytest.fixture(scope="module")
def people() -> pd.DataFrame:
	return defendants()


def evaluated(frame: pd.DataFrame, columns: Columns, thresholds=THRESHOLDS_30):
	return evaluate(read_outcomes(as_csv(frame), columns), columns, thresholds)


def test_words_for_outcomes_give_the_figures_of_their_0_1_form(people):
	words, numbers = evaluated(people, WORDS), evaluated(people, NUMBERS)
	assert words.rows == numbers.rows == len(people)
	assert words.groups == numbers.groups
	assert words.dimensions == numbers.dimensions
	assert [str(r) for r in words.reasons] == [str(r) for r in numbers.reasons]
	assert words.outcome == numbers.outcome == FAIL  # African-American defendants are rated Low least often


def test_words_are_matched_without_case_and_surrounding_spaces(people):
	shouting = people.assign(
		score_text=" " + people["score_text"].str.upper(), reoffended=people["reoffended"].str.title()
	)
	assert evaluated(shouting, WORDS).groups == evaluated(people, WORDS).groups


def test_several_values_can_be_favourable(people):
	columns = Columns(groups=("race",), prediction="score_text", favourable=("Low", "Medium"))
	result = evaluated(people, columns)
	expected = people["score_text"].isin(["Low", "Medium"]).groupby(people["race"]).mean()
	for race, rate in expected.items():
		assert group(result, "race", race).selection_rate == pytest.approx(rate)


def test_a_favourable_0_is_the_favourable_outcome_of_a_0_1_column(people):
	flagged = people.assign(high_risk=1 - people["low_risk"])
	groups = ("race", "sex")
	zero = Columns(groups=groups, prediction="high_risk", label="did_not_reoffend", favourable=("0",))
	one = Columns(groups=groups, prediction="low_risk", label="did_not_reoffend")
	assert evaluated(flagged, zero).groups == evaluated(people, one).groups


def test_error_rates_and_predictive_value_per_group_are_fairlearns_and_scikit_learns(people):
	result = evaluated(people, WORDS)
	y_true, y_pred = people["did_not_reoffend"], people["low_risk"]
	expected = MetricFrame(
		metrics={
			"tpr": true_positive_rate,
			"fpr": false_positive_rate,
			"fnr": false_negative_rate,
			"ppv": precision_score,
		},
		y_true=y_true,
		y_pred=y_pred,
		sensitive_features=people["race"],
	).by_group
	for race, row in expected.iterrows():
		ours = group(result, "race", race)
		assert ours.true_positive_rate == pytest.approx(row["tpr"])
		assert ours.false_positive_rate == pytest.approx(row["fpr"])
		assert ours.false_negative_rate == pytest.approx(row["fnr"])
		assert ours.positive_predictive_value == pytest.approx(row["ppv"])


def test_false_negative_rate_and_predictive_value_of_the_hand_worked_dataset(result):
	"""M: 4 of 5 qualified selected, 4 of 6 selected qualified; F: 2 of 5, 2 of 3 (as scikit-learn counts)."""
	rows = pd.read_csv(csv())
	for gender in ("M", "F"):
		mine = rows[rows["gender"] == gender]
		ours = group(result, "gender", gender)
		assert ours.false_negative_rate == pytest.approx(1 - recall_score(mine["qualified"], mine["hired"]))
		assert ours.positive_predictive_value == pytest.approx(
			precision_score(mine["qualified"], mine["hired"])
		)
	assert group(result, "gender", "M").false_negative_rate == pytest.approx(0.2)
	assert group(result, "gender", "F").positive_predictive_value == pytest.approx(2 / 3)


def test_a_group_with_no_favourable_prediction_has_no_predictive_value(result):
	assert group(result, "race", "C").positive_predictive_value is None


def test_a_score_gives_local_law_144s_scoring_rate_and_its_impact_ratio(people):
	result = evaluated(people, WORDS)
	median = people["decile_score"].median()
	above = (people["decile_score"] > median).groupby(people["race"]).mean()
	judged = above[people["race"].value_counts()[above.index] >= 30]
	for race, rate in above.items():
		ours = group(result, "race", race)
		assert ours.scoring_rate == pytest.approx(rate)
		assert ours.scoring_impact_ratio == pytest.approx(rate / judged.max())
		assert ours.mean_score == pytest.approx(people.loc[people["race"] == race, "decile_score"].mean())
	both = (people["decile_score"] > median).groupby([people["race"], people["sex"]]).mean()
	assert group(result, "race × sex", "Caucasian × Female").scoring_rate == pytest.approx(
		both[("Caucasian", "Female")]
	)


@pytest.mark.parametrize(
	"scores", [[1, 2, 3, 4], [1, 2, 2, 3, 9], [5, 5, 5, 5], [0.25, 0.5, 0.75, 1.0, 1.0, 7]]
)
def test_the_median_of_the_scoring_rate_is_that_of_all_rows(scores):
	frame = pd.DataFrame({"g": ["a"] * len(scores) + ["b"] * len(scores), "y": 1, "s": scores * 2})
	columns = Columns(groups=("g",), prediction="y", score="s")
	result = evaluated(frame, columns, Thresholds(min_group_count=1, min_impact_ratio=0.8))
	expected = float(np.mean(np.array(scores) > np.median(scores * 2)))
	assert group(result, "g", "a").scoring_rate == pytest.approx(expected)


def test_without_a_score_there_is_no_scoring_rate(result):
	columns = Columns(groups=("gender",), prediction="hired")
	assert (
		group(evaluate(read_outcomes(csv(), columns), columns, THRESHOLDS), "gender", "M").scoring_rate
		is None
	)


def test_words_without_a_choice_are_refused_naming_the_values_found(people):
	unchosen = Columns(groups=("race",), prediction="score_text")
	assert refusal(as_csv(people), unchosen) == (
		"The prediction column score_text holds High, Low, Medium; choose under Favourable Values which of "
		"them are favourable."
	)
	label = Columns(groups=("race",), prediction="score_text", label="reoffended", favourable=("Low",))
	assert refusal(as_csv(people), label) == (
		"The label column reoffended holds no, yes; choose under Positive Label Values which of them are "
		"positive."
	)


def test_a_chosen_value_the_column_does_not_hold_is_refused(people):
	typo = Columns(groups=("race",), prediction="score_text", favourable=("Low risk",))
	assert refusal(as_csv(people), typo) == (
		"Low risk is not a value of column score_text, which holds High, Low, Medium."
	)


def test_positive_label_values_need_a_label_column(people):
	columns = Columns(groups=("race",), prediction="score_text", favourable=("Low",), positive=("no",))
	assert "Positive label values are chosen, but no label column" in refusal(as_csv(people), columns)


def test_a_column_of_many_values_is_named_with_a_few_of_them(people):
	columns = Columns(groups=("race",), prediction="id")
	listed = ", ".join(str(n) for n in range(1, VALUES_LISTED + 1))
	message = refusal(as_csv(people.head(100)), columns)
	assert f"The prediction column id holds {listed}, and {100 - VALUES_LISTED} more;" in message
	message = refusal(as_csv(people), columns)
	assert f"holds {listed}, and {VALUES_KEPT - VALUES_LISTED}+ more;" in message, "only so many are kept"


def test_an_empty_outcome_is_refused_with_its_line():
	stream = io.BytesIO(b"gender,race,qualified,hired,score\nM,A,1,1,0.5\nF,A,,0,0.5\n")
	assert "Column qualified, line 3: the value is empty" in refusal(stream)
