import json

import pytest

from aims_app.ai_risk.risk_matrix import RiskMatrix, default_matrix
from aims_app.ai_risk.risk_rules import (
	DECIDED_STATUSES,
	IMPACT,
	LIKELIHOOD,
	above_appetite_filters,
	acceptance_refusal,
	counts_above_appetite,
	decides_acceptance,
	outside_scale,
	residual_problem,
	score_risk,
)
from tests.conftest import APP


def test_inherent_only_risk_is_judged_on_its_inherent_level():
	score = score_risk(default_matrix(), 4, 4)
	assert (score.inherent_level, score.residual_level) == ("Critical", None)
	assert score.current_level == "Critical"
	assert score.exceeds_appetite


def test_a_treated_risk_is_judged_on_its_residual_level():
	score = score_risk(default_matrix(), 4, 4, residual_likelihood=1, residual_impact=3)
	assert (score.inherent_level, score.residual_level) == ("Critical", "Low")
	assert not score.exceeds_appetite


def test_half_a_residual_score_is_not_a_residual_level():
	assert score_risk(default_matrix(), 2, 2, residual_likelihood=1).residual_level is None


def test_appetite_is_the_boundary_accepted_without_top_management():
	assert not score_risk(default_matrix(), 2, 2).exceeds_appetite  # Medium, the appetite itself
	assert score_risk(default_matrix(), 2, 4).exceeds_appetite  # High


@pytest.mark.parametrize("axis,value", [(LIKELIHOOD, 0), (LIKELIHOOD, 6), (IMPACT, -1), (IMPACT, None)])
def test_scores_off_the_scale_are_explained(axis, value):
	assert "outside the matrix (1 to 5)" in str(outside_scale(default_matrix(), axis, value))


def test_scales_of_different_sizes_are_checked_separately():
	matrix = RiskMatrix(("Low", "High"), ("A", "B", "C"), ("L",), {}, "L")
	assert str(outside_scale(matrix, LIKELIHOOD, 3)) == "3 is outside the matrix (1 to 2)"
	assert outside_scale(matrix, IMPACT, 3) is None


def test_residual_above_inherent_is_a_scoring_mistake():
	matrix = default_matrix()
	assert "ranks above the inherent level Low" in str(
		residual_problem(matrix, score_risk(matrix, 1, 1, 5, 5))
	)
	assert residual_problem(matrix, score_risk(matrix, 5, 5, 1, 1)) is None
	assert residual_problem(matrix, score_risk(matrix, 3, 3)) is None


@pytest.mark.parametrize(
	"needs_approver,owner,approver,refused",
	[
		(False, True, False, False),
		(False, False, True, False),
		(False, False, False, True),
		(True, True, False, True),
		(True, False, True, False),
		(True, True, True, False),
	],
)
def test_who_may_accept_a_residual_risk(needs_approver, owner, approver, refused):
	assert bool(acceptance_refusal(needs_approver, owner, approver)) is refused


def test_above_appetite_refusal_says_who_decides():
	assert "only an AIMS Approver" in str(acceptance_refusal(True, True, False))


@pytest.mark.parametrize(
	"owner,approver,decides", [(True, False, True), (False, True, True), (False, False, False)]
)
def test_the_risk_owner_and_top_management_take_part_in_an_acceptance(owner, approver, decides):
	assert decides_acceptance(owner, approver) is decides


def test_one_definition_of_a_risk_above_the_appetite():
	assert counts_above_appetite(True, "Open")
	assert counts_above_appetite(True, "Review due"), "an expired acceptance no longer covers it"
	assert not counts_above_appetite(True, "Accepted"), "top management has decided it"
	assert not counts_above_appetite(True, "Closed")
	assert not counts_above_appetite(False, "Open")


def test_the_workspace_card_counts_by_that_definition():
	card = json.loads(
		(APP / "ai_governance/number_card/risks_above_appetite/risks_above_appetite.json").read_text()
	)
	filters = {row[-3]: (row[-2], row[-1]) for row in json.loads(card["filters_json"])}
	expected = {
		field: ("=", value) if not isinstance(value, tuple) else (value[0], list(value[1]))
		for field, value in above_appetite_filters().items()
	}
	assert filters == expected
	assert list(DECIDED_STATUSES) == expected["status"][1]
