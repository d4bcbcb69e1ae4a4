"""The life-cycle gates, approvals and changes as issue 13 promises them, without a site."""

import pytest

from aims_app.ai_systems.lifecycle.changes import NEW_MODEL_VERSION, change_refusal
from aims_app.ai_systems.lifecycle.documentation_rules import (
	Recorded,
	annex_iv_sections,
	follows_annex_iv,
)
from aims_app.ai_systems.lifecycle.gates import (
	CONCEPT,
	DEPLOYMENT,
	DESIGN,
	OPERATION,
	RETIRED,
	STAGES,
	UNKNOWN_STAGE,
	VERIFICATION,
	DatasetFacts,
	ModelFacts,
	ObligationFacts,
	SystemFacts,
	approval_refusal,
	approvers_to_assign,
	criteria_results,
	is_skip,
	needs_approver,
	next_stage,
	step_refusal,
	unjustified,
)

# A high-risk system with everything every gate asks for.
READY = SystemFacts(
	tier="High-risk",
	requirements=True,
	datasets=(DatasetFacts("CVs 2025", True, True),),
	models=(ModelFacts("ranker 3", "Validated"),),
	verification_results=True,
	current_assessment="AIA-0001",
	deployment_plan=True,
	human_oversight=True,
	obligations=(ObligationFacts("Art. 9", True), ObligationFacts("Art. 14", True)),
	monitoring_plan=True,
	event_logging=True,
	retirement_plan=True,
)


def with_(**changes) -> SystemFacts:
	return SystemFacts(**{**READY.__dict__, **changes})


def unmet(current, target, facts):
	return {r.key for r in criteria_results(current, target, facts) if not r.met}


def test_the_stages_are_the_existing_ones_in_order():
	assert STAGES == (
		"Concept",
		"Design and development",
		"Verification and validation",
		"Deployment",
		"Operation and monitoring",
		"Retired",
	)


def test_into_verification_requirements_and_documented_datasets():
	results = criteria_results(DESIGN, VERIFICATION, SystemFacts())
	assert [(r.key, r.controls, r.met) for r in results] == [
		("requirements", "A.6.2.2, A.6.2.3", False),
		("datasets", "A.7.4, A.7.5", False),
	]
	assert unmet(DESIGN, VERIFICATION, READY) == set()
	lacking = with_(datasets=(DatasetFacts("CVs 2025", True, True), DatasetFacts("scraped", False, True)))
	datasets = next(r for r in criteria_results(DESIGN, VERIFICATION, lacking) if r.key == "datasets")
	assert not datasets.met
	assert "scraped" in str(datasets.missing) and "CVs 2025" not in str(datasets.missing)
	assert str(datasets.found) == "2 dataset(s) listed, 1 with provenance and quality checks"


def test_into_deployment_every_criterion_of_the_issue():
	keys = [r.key for r in criteria_results(VERIFICATION, DEPLOYMENT, SystemFacts())]
	assert keys == [
		"verified_models",
		"impact_assessment",
		"risks",
		"deployment_plan",
		"human_oversight",
		"obligations",
	]
	assert unmet(VERIFICATION, DEPLOYMENT, READY) == set()


@pytest.mark.parametrize(
	"facts, failing",
	[
		(with_(current_assessment=None), "impact_assessment"),
		(with_(models=(ModelFacts("ranker 4", "In development"),)), "verified_models"),
		(with_(verification_results=False), "verified_models"),
		(with_(unaccepted_risks_above_appetite=("RISK-0007",)), "risks"),
		(with_(deployment_plan=False), "deployment_plan"),
		(with_(human_oversight=False), "human_oversight"),
		(
			with_(obligations=(ObligationFacts("Art. 9", True), ObligationFacts("Art. 14", False))),
			"obligations",
		),
	],
)
def test_each_deployment_criterion_fails_alone(facts, failing):
	assert unmet(VERIFICATION, DEPLOYMENT, facts) == {failing}


def test_the_missing_text_names_what_is_missing():
	results = {
		r.key: r
		for r in criteria_results(
			VERIFICATION,
			DEPLOYMENT,
			with_(
				unaccepted_risks_above_appetite=("RISK-0007",),
				obligations=(ObligationFacts("Art. 14", False),),
			),
		)
	}
	assert "RISK-0007" in str(results["risks"].missing)
	assert "Art. 14" in str(results["obligations"].missing)
	assert "AIA-0001" in str(results["impact_assessment"].found)


def test_eu_ai_act_obligations_count_for_high_risk_systems_only():
	open_obligation = (ObligationFacts("Art. 50", False),)
	assert "obligations" not in unmet(
		VERIFICATION, DEPLOYMENT, with_(tier="Limited risk", obligations=open_obligation)
	)
	assert "obligations" in unmet(
		VERIFICATION, DEPLOYMENT, with_(tier="High-risk", obligations=open_obligation)
	)


def test_into_operation_monitoring_plan_and_event_logging():
	assert [r.key for r in criteria_results(DEPLOYMENT, OPERATION, SystemFacts())] == [
		"monitoring_plan",
		"event_logging",
	]
	assert unmet(DEPLOYMENT, OPERATION, with_(event_logging=False)) == {"event_logging"}


def test_into_retirement_a_retirement_plan_from_any_stage():
	for stage in (CONCEPT, DEPLOYMENT, OPERATION):
		assert [r.key for r in criteria_results(stage, RETIRED, SystemFacts())] == ["retirement_plan"]
		assert step_refusal(stage, RETIRED, None) is None
	assert unmet(OPERATION, RETIRED, READY) == set()


def test_a_skip_needs_a_justification_and_still_passes_every_gate_on_the_way():
	assert is_skip(CONCEPT, OPERATION) and not is_skip(CONCEPT, DESIGN) and not is_skip(DESIGN, RETIRED)
	refusal = step_refusal(CONCEPT, OPERATION, "  ")
	assert refusal and "Skip Justification" in str(refusal) and "Deployment" in str(refusal)
	assert step_refusal(CONCEPT, OPERATION, "Bought in, already live at the supplier") is None
	keys = [r.key for r in criteria_results(CONCEPT, OPERATION, SystemFacts())]
	assert keys[:2] == ["requirements", "datasets"] and keys[-2:] == ["monitoring_plan", "event_logging"]


def test_no_step_to_the_same_stage_or_out_of_retirement():
	assert step_refusal(DESIGN, DESIGN, None) is not None
	assert step_refusal(RETIRED, DESIGN, None) is not None
	assert step_refusal(OPERATION, DESIGN, None) is None, "a step back returns a system to rework"
	assert criteria_results(OPERATION, DESIGN, SystemFacts()) == []


def test_unmet_criteria_pass_only_with_a_justification():
	rows = [
		("risks", False, "Accepted by the board on 2 Dec"),
		("deployment_plan", False, " "),
		("event_logging", True, None),
	]
	assert unjustified(rows) == ["deployment_plan"]


def test_who_approves():
	assert not needs_approver("Minimal risk", False) and not needs_approver("Limited risk", False)
	assert needs_approver("High-risk", False) and needs_approver("GPAI model", False)
	assert needs_approver("Minimal risk", True), "where the AIMS Settings say so"
	owner = {"is_requester": False, "is_system_owner": True, "is_approver": False}
	approver = {"is_requester": False, "is_system_owner": False, "is_approver": True}
	colleague = {"is_requester": False, "is_system_owner": False, "is_approver": False}
	assert approval_refusal(False, **owner) is None
	assert approval_refusal(False, **approver) is None
	assert approval_refusal(False, **colleague) is not None
	assert approval_refusal(True, **owner) is not None
	assert approval_refusal(True, **approver) is None
	assert approval_refusal(True, **{**approver, "is_requester": True}) is not None, "never the requester"
	assert approval_refusal(False, **{**owner, "is_requester": True}) is not None


def test_a_change_is_recorded_on_a_system_in_operation_only():
	refusal = change_refusal("Retraining", "AIS-00001", DEPLOYMENT, None, None)
	assert refusal and "AIS-00001" in str(refusal) and "Stage Review" in str(refusal)
	assert change_refusal("Retraining", "AIS-00001", OPERATION, None, None) is None


def test_a_new_model_version_needs_the_model_and_a_rollback_plan():
	assert "Rollback Plan" in str(change_refusal(NEW_MODEL_VERSION, "AIS-1", OPERATION, "MOD-2", "  "))
	assert "New Model" in str(
		change_refusal(NEW_MODEL_VERSION, "AIS-1", OPERATION, None, "Re-point the alias")
	)
	assert change_refusal(NEW_MODEL_VERSION, "AIS-1", OPERATION, "MOD-2", "Re-point the alias") is None
	assert (
		change_refusal(NEW_MODEL_VERSION, "AIS-1", OPERATION, "MOD-2", None, rollback_plan_due=False) is None
	), "the draft the registry sync prepares"


def test_annex_iv_for_providers_of_high_risk_systems_naming_what_is_missing():
	assert follows_annex_iv("Provider", "High-risk")
	assert not follows_annex_iv("Deployer", "High-risk") and not follows_annex_iv("Provider", "Minimal risk")
	sections = annex_iv_sections(Recorded(purpose=True, risks=2, monitoring_plan=True))
	assert [s["number"] for s in sections] == [str(n) for n in range(1, 10)]
	assert {s["number"] for s in sections if not s["recorded"]} == {"2", "3", "4", "6", "7", "8"}
	assert all(not s["recorded"] for s in annex_iv_sections(Recorded()))


def test_a_request_waits_on_the_owner_where_they_may_approve_else_on_the_approvers_who_did_not_ask():
	approvers = ["ruth@x", "sam@x", "ruth@x"]
	assert approvers_to_assign(False, {"manager@x"}, "owner@x", approvers) == ["owner@x"]
	assert approvers_to_assign(False, {"owner@x"}, "owner@x", approvers) == ["ruth@x", "sam@x"]
	assert approvers_to_assign(True, {"owner@x"}, "owner@x", approvers) == ["ruth@x", "sam@x"]
	assert approvers_to_assign(True, {"sam@x"}, "owner@x", approvers) == ["ruth@x"]


def test_the_next_stage_is_the_following_one_and_none_once_retired():
	assert next_stage("Concept") == "Design and development"
	assert next_stage("Operation and monitoring") == "Retired"
	assert next_stage("Retired") is None


def test_a_stage_recorded_as_unknown_has_no_gate_until_it_is_known():
	assert next_stage(UNKNOWN_STAGE) is None
	assert "recorded as Unknown" in step_refusal(UNKNOWN_STAGE, DESIGN, None).render()
