import datetime

import pytest

from aims_app.ai_systems.eu_ai_act import (
	ANNEX_III_AREAS,
	DEROGATIONS,
	PRACTICES,
	IncidentFacts,
	TierAnswers,
	classify,
	is_report_overdue,
	report_status,
	reporting_deadline,
	reporting_window_days,
	training_compute,
	training_compute_text,
)
from aims_app.messages import MessageError


def articles(result):
	return [o.article for o in result.obligations]


@pytest.mark.parametrize("letter", sorted(PRACTICES))
def test_each_prohibited_practice_makes_the_system_prohibited(letter):
	result = classify(TierAnswers(prohibited_practice=letter, annex_iii_area=4, interacts_with_people=True))
	assert result.tier == "Prohibited"
	assert f"Art. 5(1)({letter})" in str(result.reasons[0])
	assert any(article.startswith("Art. 5") for article in articles(result))


def test_gpai_model_without_systemic_risk():
	result = classify(TierAnswers(our_role="Provider", is_gpai_model=True, training_compute_flops=1e23))
	assert (result.tier, result.systemic_risk) == ("GPAI model", False)
	assert articles(result) == ["Art. 4", "Art. 53"]


def test_gpai_model_above_the_compute_threshold_has_systemic_risk():
	result = classify(TierAnswers(our_role="Provider", is_gpai_model=True, training_compute_flops=3e25))
	assert result.systemic_risk
	assert {"Art. 52", "Art. 53", "Art. 55"} <= set(articles(result))
	assert "10^25" in str(result.reasons[1])


@pytest.mark.parametrize(
	"written, flops",
	[
		("3e25", 3e25),
		("3.8E+25", 3.8e25),
		("3.8 × 10^25", 3.8e25),
		("10^25", 1e25),
		("30 000 000 000 000 000 000 000 000", 3e25),
		("", None),
		(None, None),
		(2.1e24, 2.1e24),
	],
)
def test_training_compute_is_read_as_people_write_it(written, flops):
	assert training_compute(written) == flops


@pytest.mark.parametrize("written", ["lots", "1,5e25", "1e999"])
def test_training_compute_that_is_no_number_is_refused_naming_it(written):
	with pytest.raises(MessageError) as refused:
		training_compute(written)
	assert repr(written) in str(refused.value.message)


def test_training_compute_far_beyond_a_float_column_is_kept_exactly():
	"""Art. 51(2) presumes systemic risk above 10^25 FLOP; Frappe's Float column ends near 10^12."""
	for flops in (3.8e25, 1e26, 123456789.0, 5e-3):
		assert training_compute(training_compute_text(flops)) == flops
	assert training_compute_text(1e12) == "1000000000000"


def test_gpai_model_designated_by_the_commission_has_systemic_risk():
	result = classify(TierAnswers(our_role="Provider", is_gpai_model=True, designated_systemic_risk=True))
	assert result.systemic_risk
	assert "Art. 55" in articles(result)


def test_a_deployer_of_a_gpai_model_has_no_provider_duties():
	result = classify(TierAnswers(our_role="Deployer", is_gpai_model=True, training_compute_flops=3e25))
	assert "Art. 53" not in articles(result)


def test_annex_i_product_is_high_risk_from_august_2028_as_amended():
	"""Regulation (EU) 2026/1744 moved the Annex I route from 2 August 2027 to 2 August 2028."""
	result = classify(TierAnswers(our_role="Provider", annex_i_product=True))
	assert (result.tier, result.route, result.annex_iii_area) == ("High-risk", "Annex I", None)
	assert {o.applies_from for o in result.obligations if o.article != "Art. 4"} == {"2028-08-02"}


@pytest.mark.parametrize("area", sorted(ANNEX_III_AREAS))
def test_each_annex_iii_area_is_high_risk(area):
	result = classify(TierAnswers(annex_iii_area=area))
	assert (result.tier, result.route, result.annex_iii_area) == ("High-risk", "Annex III", area)
	assert f"area {area}" in str(result.reasons[0])


@pytest.mark.parametrize("letter", sorted(DEROGATIONS))
def test_a_derogation_without_profiling_takes_the_system_out_of_high_risk(letter):
	result = classify(TierAnswers(our_role="Provider", annex_iii_area=3, art6_3_derogation=letter))
	assert result.tier == "Minimal risk"
	assert f"Art. 6(3)({letter})" in str(result.reasons[0])
	assert {"Art. 6", "Art. 49"} <= set(articles(result))


@pytest.mark.parametrize("letter", sorted(DEROGATIONS))
def test_profiling_defeats_the_derogation(letter):
	result = classify(TierAnswers(annex_iii_area=3, art6_3_derogation=letter, performs_profiling=True))
	assert result.tier == "High-risk"
	assert "profiles natural persons" in str(result.reasons[1])


def test_a_derogated_system_with_a_transparency_trigger_is_limited_risk():
	result = classify(TierAnswers(annex_iii_area=3, art6_3_derogation="a", interacts_with_people=True))
	assert result.tier == "Limited risk"


@pytest.mark.parametrize(
	"field,article,role",
	[
		("interacts_with_people", "Art. 50(1)", "Provider"),
		("generates_synthetic_content", "Art. 50(2)", "Provider"),
		("emotion_recognition_or_biometric_categorisation", "Art. 50(3)", "Deployer"),
		("produces_deep_fakes", "Art. 50(4)", "Deployer"),
	],
)
def test_each_transparency_trigger_gives_limited_risk_and_binds_its_role(field, article, role):
	"""Art. 50(1) and (2) bind the provider, 50(3) and (4) the deployer. A deployer sees the provider's duties
	too, named as the provider's, with what to check or ask (issue 29); a provider is not shown the
	deployer's."""
	for our_role in ("Provider", "Deployer"):
		result = classify(TierAnswers(our_role=our_role, **{field: True}))
		assert result.tier == "Limited risk"
		assert result.transparency_duties == (article,)
		listed = {o.article: o for o in result.obligations}
		assert (article in listed) == (our_role == role or our_role == "Deployer")
		if article in listed:
			assert listed[article].duty_of == role
			assert str(listed[article].action).startswith("The provider's duty") == (role != our_role)


def test_a_deployer_of_a_vendors_chatbot_is_told_what_to_check_of_the_provider():
	result = classify(TierAnswers(our_role="Deployer", interacts_with_people=True))
	art50_1 = next(o for o in result.obligations if o.article == "Art. 50(1)")
	assert art50_1.duty_of == "Provider"
	assert "check that the system tells people they are dealing with an AI system" in str(art50_1.action)


def test_transparency_duties_stack_on_a_high_risk_system():
	result = classify(TierAnswers(our_role="Provider", annex_iii_area=1, interacts_with_people=True))
	assert result.tier == "High-risk"
	assert "Art. 50(1)" in articles(result)


def test_nothing_triggered_is_minimal_risk_with_ai_literacy_only():
	result = classify(TierAnswers())
	assert result.tier == "Minimal risk"
	assert articles(result) == ["Art. 4"]


def test_the_cv_screening_deployer_case():
	result = classify(TierAnswers(our_role="Deployer", annex_iii_area=4, performs_profiling=True))
	assert (result.tier, result.route, result.annex_iii_area) == ("High-risk", "Annex III", 4)
	assert {"Art. 4", "Art. 26", "Art. 27", "Art. 73", "Art. 86"} == set(articles(result))
	assert "Art. 9" not in articles(result)


def test_the_cv_screening_provider_case():
	result = classify(TierAnswers(our_role="Provider", annex_iii_area=4))
	expected = {f"Art. {n}" for n in (9, 10, 11, 12, 13, 14, 15, 16, 17, 43, 47, 48, 49, 72, 73)}
	assert expected <= set(articles(result))
	assert "Art. 26" not in articles(result)


@pytest.mark.parametrize(
	"role,article",
	[("Importer", "Art. 23"), ("Distributor", "Art. 24"), ("Authorised representative", "Art. 22")],
)
def test_other_operators_of_a_high_risk_system(role, article):
	result = classify(TierAnswers(our_role=role, annex_iii_area=4))
	assert article in articles(result)
	assert "Art. 9" not in articles(result) and "Art. 26" not in articles(result)


def test_a_product_manufacturer_acts_as_provider_on_the_annex_i_route_only():
	assert "Art. 9" in articles(classify(TierAnswers(our_role="Product manufacturer", annex_i_product=True)))
	assert "Art. 9" not in articles(classify(TierAnswers(our_role="Product manufacturer", annex_iii_area=4)))


def test_the_fundamental_rights_assessment_skips_critical_infrastructure():
	assert "Art. 27" not in articles(classify(TierAnswers(annex_iii_area=2)))


def test_obligations_are_unique_and_in_article_order():
	result = classify(TierAnswers(our_role="Provider", annex_iii_area=4, interacts_with_people=True))
	numbers = [int(a.removeprefix("Art. ").split("(")[0]) for a in articles(result)]
	assert numbers == sorted(numbers)
	assert len(articles(result)) == len(set(articles(result)))


@pytest.mark.parametrize(
	"answers,message",
	[
		(TierAnswers(our_role="Reseller"), "Our role"),
		(TierAnswers(prohibited_practice="z"), "Prohibited practice"),
		(TierAnswers(annex_iii_area=9), "Annex III area"),
		(TierAnswers(annex_iii_area=1, art6_3_derogation="e"), "derogation"),
		(TierAnswers(art6_3_derogation="a"), "name the area"),
		(TierAnswers(is_gpai_model=True, training_compute_flops=-1), "cannot be negative"),
	],
)
def test_bad_answers_are_refused_naming_the_question(answers, message):
	with pytest.raises(ValueError, match=message):
		classify(answers)


@pytest.mark.parametrize(
	"facts,days",
	[
		(IncidentFacts(is_serious=True), 15),
		(IncidentFacts(is_serious=True, caused_death=True), 10),
		(IncidentFacts(is_serious=True, widespread_infringement_or_critical_infrastructure=True), 2),
		(IncidentFacts(True, caused_death=True, widespread_infringement_or_critical_infrastructure=True), 2),
	],
)
def test_reporting_windows_pick_the_shortest_that_applies(facts, days):
	assert reporting_window_days(facts) == days
	assert reporting_deadline(datetime.date(2026, 11, 20), facts) == datetime.date(
		2026, 11, 20
	) + datetime.timedelta(days)


def test_a_non_serious_incident_has_no_deadline():
	with pytest.raises(ValueError, match="not a serious incident"):
		reporting_window_days(IncidentFacts(is_serious=False))


DEADLINE = datetime.date(2026, 12, 1)


@pytest.mark.parametrize(
	"reported_on,today,overdue,status",
	[
		(None, datetime.date(2026, 11, 30), False, "Due"),
		(None, DEADLINE, False, "Due"),
		(None, datetime.date(2026, 12, 2), True, "Overdue"),
		(DEADLINE, datetime.date(2026, 12, 5), False, "Reported on time"),
		(datetime.date(2026, 12, 2), datetime.date(2026, 12, 5), True, "Reported late"),
	],
)
def test_report_status_at_the_boundaries(reported_on, today, overdue, status):
	assert is_report_overdue(DEADLINE, reported_on, today) is overdue
	assert report_status(DEADLINE, reported_on, today) == status
