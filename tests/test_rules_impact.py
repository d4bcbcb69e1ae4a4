from aims_app.ai_risk.doctype.ai_impact_assessment.impact_rules import (
	IMPACT_AREAS,
	AreaRow,
	area_order,
	area_problems,
	fundamental_rights_assessment_expected,
	missing_areas,
	review_reasons,
)
from tests.conftest import english


def assessed(idx, area, **overrides):
	fields = dict(relevant=True, impact_description="May disadvantage a group.", severity=3, likelihood=2)
	return AreaRow(idx=idx, area=area, **{**fields, **overrides})


def every_area():
	return [assessed(i, area) for i, area in enumerate(IMPACT_AREAS, start=1)]


def test_every_area_assessed_is_complete():
	assert english(area_problems(every_area())) == []


def test_an_area_left_out_is_named():
	assert english(area_problems(every_area()[:-1])) == ["Areas not considered: Society."]


def test_an_area_marked_not_relevant_needs_a_reason_but_no_scores():
	rows = every_area()
	rows[6] = assessed(7, "Environment", relevant=False, severity=None, likelihood=None)
	assert english(area_problems(rows)) == []
	rows[6] = assessed(
		7, "Environment", relevant=False, impact_description=None, severity=None, likelihood=None
	)
	assert english(area_problems(rows)) == ["Row 7: describe why it is not relevant for Environment."]


def test_a_relevant_area_needs_its_scores():
	rows = every_area()
	rows[0] = assessed(1, "Fairness", severity=None)
	assert english(area_problems(rows)) == ["Row 1: give a severity and a likelihood for Fairness."]


def test_an_area_assessed_twice_is_refused():
	rows = [*every_area(), assessed(9, "Privacy")]
	assert english(area_problems(rows)) == ["Row 9: Privacy is assessed twice."]


def test_art_27_is_expected_of_deployers_of_high_risk_systems_only():
	assert fundamental_rights_assessment_expected("High-risk", "Deployer")
	assert not fundamental_rights_assessment_expected("High-risk", "Provider")
	assert not fundamental_rights_assessment_expected("Limited risk", "Deployer")


def test_a_new_purpose_or_tier_makes_the_assessment_out_of_date():
	before = {"purpose": "Rank applications.", "eu_ai_act_tier": "High-risk"}
	assert english(review_reasons(before, {**before, "purpose": " Rank applications. "})) == []
	assert english(review_reasons(before, {**before, "purpose": "Reject applications."})) == [
		"the system's intended purpose changed"
	]
	assert english(review_reasons(before, {**before, "eu_ai_act_tier": "Limited risk"})) == [
		"the EU AI Act tier changed from High-risk to Limited risk"
	]


def test_saving_adds_the_areas_a_table_lacks_in_their_order():
	assert missing_areas([]) == list(IMPACT_AREAS)
	assert missing_areas(["Privacy", None, "Fairness"]) == [
		a for a in IMPACT_AREAS if a not in ("Privacy", "Fairness")
	]
	typed = ["Society", "Privacy", "Fairness", *missing_areas(["Society", "Privacy", "Fairness"])]
	assert sorted(typed, key=area_order) == list(IMPACT_AREAS)
	assert area_order(None) == len(IMPACT_AREAS)
