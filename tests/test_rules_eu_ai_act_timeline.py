"""When each EU AI Act obligation applies, as the library's timeline says (the Act as amended by Regulation
(EU) 2026/1744, the Digital Omnibus on AI).

The expected dates are written here from the sources the library cites, not read from the library or the
code: the Council's press release of 29 June 2026 (2 December 2027 for stand-alone, Annex III, high-risk
systems; 2 August 2028 for high-risk systems in Annex I products; the new prohibition), the Commission's
"AI Omnibus enters into force" (27 July 2026), and the amended Art. 111(4) and Art. 113 (Art. 50(2) by
2 December 2026 for generative systems placed on the market before 2 August 2026; the new Art. 5 points
from 2 December 2026). Unchanged: Art. 4 and 5 from 2 February 2025 and GPAI from 2 August 2025
(Art. 113(a), (b)), Art. 50 from 2 August 2026 (Art. 113), GPAI models placed before 2 August 2025 by
2 August 2027 (Art. 111(3)).
"""

import datetime
import itertools

import pytest

from aims_app.ai_systems.eu_ai_act import ANNEX_III_AREAS, PRACTICES, ROLES, TierAnswers, classify
from aims_app.ai_systems.eu_ai_act_timeline import (
	APPLIES,
	UPCOMING,
	due_for_reminder,
	load_timeline,
	moved_dates,
	status_on,
)

D = datetime.date
BEFORE_AUGUST_2026 = D(2026, 5, 4)
AFTER_AUGUST_2026 = D(2026, 9, 1)


def dates(result, skip=("Art. 4",)):
	return {o.applies_from for o in result.obligations if o.article not in skip}


def obligation(result, article):
	return next(o for o in result.obligations if o.article == article)


@pytest.mark.parametrize("role", ["Provider", "Deployer"])
@pytest.mark.parametrize("placed_on", [None, BEFORE_AUGUST_2026, AFTER_AUGUST_2026])
def test_annex_iii_high_risk_obligations_apply_from_2_december_2027(role, placed_on):
	result = classify(TierAnswers(our_role=role, annex_iii_area=4, placed_on_market_on=placed_on))
	assert result.tier == "High-risk"
	assert dates(result) == {"2027-12-02"}


@pytest.mark.parametrize("role", ["Provider", "Product manufacturer"])
def test_annex_i_high_risk_obligations_apply_from_2_august_2028(role):
	result = classify(TierAnswers(our_role=role, annex_i_product=True, placed_on_market_on=AFTER_AUGUST_2026))
	assert dates(result) == {"2028-08-02"}


def test_annex_i_and_annex_iii_differ_for_the_same_duty():
	annex_i = classify(TierAnswers(our_role="Provider", annex_i_product=True))
	annex_iii = classify(TierAnswers(our_role="Provider", annex_iii_area=5))
	assert obligation(annex_i, "Art. 9").applies_from == "2028-08-02"
	assert obligation(annex_iii, "Art. 9").applies_from == "2027-12-02"
	assert "2026/1744" in str(obligation(annex_i, "Art. 9").rule)


def test_a_high_risk_system_placed_before_the_date_names_the_legacy_rule():
	result = classify(
		TierAnswers(our_role="Provider", annex_iii_area=4, placed_on_market_on=BEFORE_AUGUST_2026)
	)
	rule = str(obligation(result, "Art. 9").rule)
	assert "Art. 111(2)" in rule
	assert "2030" in rule


def generative(placed_on, role="Provider"):
	return classify(
		TierAnswers(our_role=role, generates_synthetic_content=True, placed_on_market_on=placed_on)
	)


def test_marking_synthetic_content_placed_before_august_2026_applies_from_2_december_2026():
	marking = obligation(generative(BEFORE_AUGUST_2026), "Art. 50(2)")
	assert marking.applies_from == "2026-12-02"
	assert "Art. 111(4)" in str(marking.rule)
	assert marking.duty_of == "Provider"


@pytest.mark.parametrize("placed_on", [D(2026, 8, 2), AFTER_AUGUST_2026])
def test_marking_synthetic_content_placed_on_or_after_august_2026_applies_from_2_august_2026(placed_on):
	marking = obligation(generative(placed_on), "Art. 50(2)")
	assert marking.applies_from == "2026-08-02"
	assert "Art. 111(4)" not in str(marking.rule)


def test_marking_without_a_placing_date_takes_the_general_date_and_asks_for_it():
	marking = obligation(generative(None), "Art. 50(2)")
	assert marking.applies_from == "2026-08-02"
	assert "record the date it was placed on the market" in str(marking.rule)


@pytest.mark.parametrize(
	"field, article, role",
	[
		("interacts_with_people", "Art. 50(1)", "Provider"),
		("emotion_recognition_or_biometric_categorisation", "Art. 50(3)", "Deployer"),
		("produces_deep_fakes", "Art. 50(4)", "Deployer"),
	],
)
@pytest.mark.parametrize("placed_on", [BEFORE_AUGUST_2026, AFTER_AUGUST_2026])
def test_the_other_transparency_duties_apply_from_2_august_2026_whenever_placed(
	field, article, role, placed_on
):
	result = classify(TierAnswers(our_role=role, placed_on_market_on=placed_on, **{field: True}))
	duty = obligation(result, article)
	assert (duty.applies_from, duty.duty_of) == ("2026-08-02", role)


@pytest.mark.parametrize("letter", ["ba", "bb"])
def test_the_new_prohibitions_apply_from_2_december_2026(letter):
	result = classify(TierAnswers(prohibited_practice=letter))
	assert result.tier == "Prohibited"
	assert obligation(result, f"Art. 5(1)({letter})").applies_from == "2026-12-02"


@pytest.mark.parametrize("letter", list("abcdefgh"))
def test_the_first_prohibitions_and_ai_literacy_apply_from_2_february_2025(letter):
	result = classify(TierAnswers(prohibited_practice=letter))
	assert obligation(result, "Art. 5").applies_from == "2025-02-02"
	assert obligation(result, "Art. 4").applies_from == "2025-02-02"


def gpai(placed_on):
	return classify(
		TierAnswers(
			our_role="Provider",
			is_gpai_model=True,
			training_compute_flops=3e25,
			placed_on_market_on=placed_on,
		)
	)


@pytest.mark.parametrize("placed_on", [None, D(2025, 8, 2), AFTER_AUGUST_2026])
def test_gpai_duties_apply_from_2_august_2025(placed_on):
	assert dates(gpai(placed_on)) == {"2025-08-02"}


def test_a_gpai_model_placed_before_august_2025_has_until_2_august_2027():
	result = gpai(D(2025, 3, 1))
	assert dates(result) == {"2027-08-02"}
	assert "Art. 111(3)" in str(obligation(result, "Art. 53").rule)


@pytest.mark.parametrize(
	"role, article, duty_of",
	[
		("Provider", "Art. 9", "Provider"),
		("Deployer", "Art. 26", "Deployer"),
		("Deployer", "Art. 27", "Deployer"),
		("Deployer", "Art. 73", "Both"),
		("Deployer", "Art. 4", "Both"),
		("Importer", "Art. 23", "Importer"),
	],
)
def test_each_obligation_names_whose_duty_it_is(role, article, duty_of):
	assert obligation(classify(TierAnswers(our_role=role, annex_iii_area=4)), article).duty_of == duty_of


def every_answer_set():
	for role, practice, area, annex_i, gpai_model in itertools.product(
		ROLES, [None, *PRACTICES], [None, *ANNEX_III_AREAS], [False, True], [False, True]
	):
		yield TierAnswers(
			our_role=role,
			prohibited_practice=practice,
			annex_iii_area=area,
			annex_i_product=annex_i,
			is_gpai_model=gpai_model,
			designated_systemic_risk=gpai_model,
			interacts_with_people=True,
			generates_synthetic_content=True,
			emotion_recognition_or_biometric_categorisation=True,
			produces_deep_fakes=True,
		)


def test_every_obligation_the_rules_give_is_dated_by_the_library_with_its_rule():
	for answers in every_answer_set():
		for o in classify(answers).obligations:
			assert o.applies_from and o.duty_of and o.rule, (answers, o.article)


def test_status_turns_from_upcoming_to_applies_on_the_date():
	assert status_on(D(2026, 12, 2), D(2026, 12, 1)) == UPCOMING
	assert status_on(D(2026, 12, 2), D(2026, 12, 2)) == APPLIES


@pytest.mark.parametrize(
	"today, reminded_on, due",
	[
		(D(2027, 11, 1), None, False),  # 31 days ahead
		(D(2027, 11, 2), None, True),  # a month ahead
		(D(2027, 12, 1), None, True),
		(D(2027, 12, 2), None, False),  # applies today: no longer upcoming
		(D(2027, 11, 10), D(2027, 11, 2), False),  # already told
	],
)
def test_the_owner_is_told_once_a_month_before(today, reminded_on, due):
	assert due_for_reminder(D(2027, 12, 2), today, reminded_on) is due


def test_the_library_says_what_the_amendment_moved_and_where_it_comes_from():
	timeline = load_timeline()
	assert moved_dates(timeline) == {
		"high_risk_annex_iii": (D(2026, 8, 2), D(2027, 12, 2)),
		"high_risk_annex_i": (D(2027, 8, 2), D(2028, 8, 2)),
	}
	(amendment,) = timeline.amendments
	assert amendment["regulation"] == "Regulation (EU) 2026/1744"
	assert amendment["official_journal"] == "OJ L, 2026/1744, 24.7.2026"
	assert amendment["in_force_on"] == "2026-07-27"
	assert amendment["sources"] and amendment["source_note"]
	for key, rule in timeline.dates.items():
		assert rule.provision and rule.source and rule.about, key
