import ast
import string

import pytest

from aims_app.ai_assurance.readiness.crosswalk import (
	COVERED,
	NOT_COVERED,
	NOT_MAPPED,
	PARTLY_COVERED,
	coverage,
)
from aims_app.ai_assurance.readiness.fact_names import ORGANISATION_FACTS, REQUIREMENT_FACTS, Fact
from aims_app.ai_assurance.readiness.rules import (
	CLAUSE_RULES,
	CONTROL_RULES,
	EVIDENCE,
	GAP,
	NOT_APPLICABLE,
	PARTIAL,
	READY,
	ControlDecision,
	Population,
	assess,
	group_summary,
	list_route,
	new_route,
	roll_up,
	some,
)
from aims_app.compat import desk_path
from tests.conftest import APP

GATHERING = APP / "ai_assurance" / "readiness" / "facts.py"


def decision(**overrides) -> ControlDecision:
	fields = dict(
		name="ISO-42001-A.7.5",
		applicable=True,
		justification="Treats data risks",
		implementation_status="Implemented",
		owner="data-lead@example.com",
	)
	return ControlDecision(**{**fields, **overrides})


EVIDENCED = {Fact.EVIDENCE_CURRENT: 1, Fact.EVIDENCE_EXPIRED: 0}


def missing_text(assessment) -> list[str]:
	return [str(m) for m in assessment.missing]


def assessable(requirements, kinds) -> set[str]:
	return {
		r["requirement_id"]
		for r in requirements
		if r["framework"] == "ISO-42001" and r["is_assessable"] and r["requirement_kind"] in kinds
	}


def test_every_clause_requirement_and_annex_a_control_has_a_rule(requirements):
	assert set(CLAUSE_RULES) == assessable(requirements, {"Subclause"})
	assert set(CONTROL_RULES) == assessable(requirements, {"Control"})
	assert len(CONTROL_RULES) == 38
	assert all(CLAUSE_RULES.values()), "a clause with no check could never be assessed"


def all_checks():
	for checks in (*CLAUSE_RULES.values(), *CONTROL_RULES.values(), EVIDENCE):
		yield from checks


def facts_read() -> set:
	"""Every fact a rule reads: what its checks count and the populations they count against."""
	return {check.fact for check in all_checks()} | {c.population.fact for c in all_checks() if c.population}


def test_every_fact_a_rule_reads_is_a_fact_and_every_fact_is_read():
	assert all(isinstance(fact, Fact) for fact in facts_read())
	assert facts_read() == set(Fact), "a fact no rule reads is counted for nothing"
	assert ORGANISATION_FACTS | REQUIREMENT_FACTS == set(Fact)
	assert all(fact.value == fact.name.lower() for fact in Fact)


def test_a_rule_naming_its_fact_by_a_string_fails_when_it_is_made():
	with pytest.raises(TypeError, match="is not a Fact"):
		some("policies_published", "Published AI policies", "No AI policy.", new_route("ai-policy"))
	with pytest.raises(TypeError, match="is not a Fact"):
		Population("in_scope_systems")


def test_every_fact_is_counted_by_the_frappe_layer():
	"""facts.py keys its counts by Fact (importing it there fails on a misspelt one); every member is among
	them. That the counts it returns are exactly ORGANISATION_FACTS is held against a site by
	aims_app/tests/test_readiness_reports.py."""
	tree = ast.parse(GATHERING.read_text())
	named = {
		node.attr
		for node in ast.walk(tree)
		if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Fact"
	}
	assert named == {fact.name for fact in Fact}


def test_every_message_fills_in_from_what_its_check_provides():
	for check in all_checks():
		for facts in ({}, {check.fact: 1, getattr(check.population, "fact", "-"): 3}):
			finding = check.evaluate(facts)
			for message in (finding.found, finding.missing):
				if message:
					fields = {name for _, name, _, _ in string.Formatter().parse(message.template) if name}
					assert fields <= {*message.params, "label"}, (check.fact, message.template)
		assert check.route.startswith(desk_path("") + "/")


def test_impact_assessment_needs_a_current_one_for_every_in_scope_system():
	partly = assess("6.1.4", {Fact.IN_SCOPE_SYSTEMS: 3, Fact.IN_SCOPE_SYSTEMS_ASSESSED: 2})
	assert partly.status == PARTIAL
	assert missing_text(partly) == [
		"1 of 3 in-scope AI systems have no current impact assessment (submitted and not past its next review)."
	]
	assert partly.route == desk_path("ai-impact-assessment/new")
	assert assess("6.1.4", {Fact.IN_SCOPE_SYSTEMS: 3, Fact.IN_SCOPE_SYSTEMS_ASSESSED: 3}).status == READY
	assert assess("6.1.4", {Fact.IN_SCOPE_SYSTEMS: 3}).status == GAP


def test_nothing_in_scope_is_a_gap_not_readiness():
	nothing = assess("6.1.4", {})
	assert nothing.status == GAP
	assert missing_text(nothing) == ["No AI system is marked as in scope."]
	assert nothing.route == desk_path("ai-system?in_scope=1")


def test_internal_audit_needs_one_submitted_in_the_last_twelve_months():
	assert assess("9.2.1", {}).status == GAP
	assert assess("9.2.1", {Fact.INTERNAL_AUDITS_12M: 1}).status == READY
	programme_only = assess("9.2.2", {Fact.AUDIT_PROGRAMMES_CURRENT: 1})
	assert programme_only.status == PARTIAL
	assert missing_text(programme_only) == ["No internal audit has been submitted in the last 12 months."]
	assert roll_up([assess("9.2.1", {}).status, programme_only.status]) == PARTIAL


def test_data_provenance_is_needed_on_every_dataset_of_an_in_scope_system():
	facts = {**EVIDENCED, Fact.SCOPE_DATASETS: 4, Fact.SCOPE_DATASETS_PROVENANCE: 3}
	partly = assess("A.7.5", facts, decision())
	assert partly.status == PARTIAL
	assert missing_text(partly) == ["1 of 4 datasets of in-scope AI systems record no provenance."]
	assert partly.route == desk_path("ai-dataset?provenance=%5B%22is%22%2C%20%22not%20set%22%5D")
	assert assess("A.7.5", {**facts, Fact.SCOPE_DATASETS_PROVENANCE: 4}, decision()).status == READY


def test_a_control_is_ready_only_when_implemented_owned_and_evidenced():
	facts = {**EVIDENCED, Fact.SCOPE_DATASETS: 1, Fact.SCOPE_DATASETS_PROVENANCE: 1}
	planned = assess("A.7.5", facts, decision(implementation_status="Planned", owner=None))
	assert planned.status == PARTIAL
	assert missing_text(planned) == [
		"The control is not implemented yet (status: Planned).",
		"No one owns the control.",
	]
	assert planned.route == desk_path("control-implementation/ISO-42001-A.7.5")
	unevidenced = assess("A.7.5", {**facts, Fact.EVIDENCE_CURRENT: 0, Fact.EVIDENCE_EXPIRED: 2}, decision())
	assert missing_text(unevidenced) == [
		"No current evidence is filed against this requirement.",
		"2 evidence record(s) filed against this requirement have expired: renew or replace them.",
	]
	nothing = assess("A.7.5", {}, decision(implementation_status="Not started", owner=None))
	assert nothing.status == GAP


def test_a_control_without_record_checks_rests_on_its_decision_and_evidence():
	assert assess("A.3.3", EVIDENCED, decision(name="ISO-42001-A.3.3")).status == READY
	half = assess("A.3.3", EVIDENCED, decision(implementation_status="Partially implemented"))
	assert half.status == PARTIAL
	assert missing_text(half) == ["The control is only partly implemented."]


def test_an_excluded_control_is_not_applicable_and_needs_a_justification():
	excluded = assess("A.10.4", {}, decision(applicable=False, justification="We have no customers of AI."))
	assert excluded.status == NOT_APPLICABLE
	assert excluded.missing == ()
	unjustified = assess("A.10.4", {}, decision(applicable=False, justification=None))
	assert unjustified.status == NOT_APPLICABLE
	assert missing_text(unjustified) == ["The control is excluded without a justification."]


def test_a_control_missing_its_implementation_record_is_a_gap():
	assert assess("A.2.2", {Fact.POLICIES_PUBLISHED: 1}).status == GAP


def test_policy_controls_read_the_published_policy():
	published = {**EVIDENCED, Fact.POLICIES_PUBLISHED: 1}
	assert assess("A.2.2", published, decision()).status == READY
	assert assess("A.2.4", published, decision()).status == PARTIAL
	assert assess("5.2", {Fact.POLICIES_PUBLISHED: 1, Fact.POLICIES_CURRENT: 1}).status == READY


def test_empty_populations_that_may_be_empty_do_not_count_against_a_requirement():
	assert assess("10.2", {}).status == READY
	assert (
		assess("10.2", {Fact.NONCONFORMITIES_OPEN: 2, Fact.NONCONFORMITIES_OPEN_ON_TIME: 1}).status == PARTIAL
	)


def test_the_same_gap_is_reported_once():
	both = assess("4.2", {})
	assert missing_text(both) == ["No interested party is recorded."]


@pytest.mark.parametrize(
	"statuses, expected",
	[
		([READY, READY], READY),
		([READY, NOT_APPLICABLE], READY),
		([GAP, GAP, NOT_APPLICABLE], GAP),
		([READY, GAP], PARTIAL),
		([PARTIAL], PARTIAL),
		([NOT_APPLICABLE, NOT_APPLICABLE], NOT_APPLICABLE),
		([], NOT_APPLICABLE),
	],
)
def test_a_group_rolls_up_from_its_children(statuses, expected):
	assert roll_up(statuses) == expected


def test_a_group_summarises_its_children():
	summary = group_summary([READY, READY, GAP])
	assert summary.template.format(**summary.params) == "2 ready, 0 partial, 1 gap, 0 not applicable"


def test_list_routes_carry_filters_the_list_view_reads():
	assert list_route("ai-risk") == desk_path("ai-risk")
	assert list_route("ai-risk", status="Review due") == desk_path("ai-risk?status=Review%20due")
	assert list_route("ai-model", status=["in", ["A"]]) == desk_path(
		"ai-model?status=%5B%22in%22%2C%20%5B%22A%22%5D%5D"
	)


@pytest.mark.parametrize(
	"statuses, expected",
	[
		([], NOT_MAPPED),
		([READY], COVERED),
		([READY, NOT_APPLICABLE], COVERED),
		([READY, GAP], PARTLY_COVERED),
		([PARTIAL], PARTLY_COVERED),
		([GAP], NOT_COVERED),
		([NOT_APPLICABLE], NOT_COVERED),
	],
)
def test_coverage_of_another_framework_follows_readiness(statuses, expected):
	assert coverage(statuses) == expected


def test_nothing_overdue_does_not_make_an_empty_requirement_ready():
	assert assess("6.1.2", {}).status == GAP
	assert assess("A.3.3", {}, decision(implementation_status="Not started", owner=None)).status == GAP


def test_operational_control_needs_an_approved_review_for_every_deployed_system_and_no_unapproved_change():
	facts = {
		**EVIDENCED,
		Fact.IN_SCOPE_SYSTEMS: 3,
		Fact.IN_SCOPE_SYSTEMS_REVIEWED: 3,
		Fact.IN_SCOPE_SYSTEMS_DEPLOYED: 2,
		Fact.IN_SCOPE_SYSTEMS_DEPLOYED_BY_REVIEW: 1,
	}
	partly = assess("8.1", facts)
	assert partly.status == PARTIAL
	assert missing_text(partly) == [
		"1 of 2 in-scope AI systems deployed or in operation have no approved AI System Stage Review into "
		"deployment or operation."
	]
	assert assess("8.1", {**facts, Fact.IN_SCOPE_SYSTEMS_DEPLOYED_BY_REVIEW: 2}).status == READY
	drifted = assess(
		"8.1",
		{**facts, Fact.IN_SCOPE_SYSTEMS_DEPLOYED_BY_REVIEW: 2, Fact.IN_SCOPE_SYSTEMS_UNAPPROVED_CHANGE: 1},
	)
	assert drifted.status != READY
	assert "unapproved change in production" in " ".join(missing_text(drifted))


def test_event_logging_is_asked_of_the_systems_deployed():
	control = decision(name="ISO-42001-A.6.2.8")
	logged = {**EVIDENCED, Fact.IN_SCOPE_SYSTEMS_DEPLOYED: 2, Fact.IN_SCOPE_SYSTEMS_DEPLOYED_LOGGED: 2}
	assert assess("A.6.2.8", logged, control).status == READY
	partly = assess("A.6.2.8", {**logged, Fact.IN_SCOPE_SYSTEMS_DEPLOYED_LOGGED: 1}, control)
	assert partly.status == PARTIAL
	assert missing_text(partly) == ["1 of 2 deployed in-scope AI systems define no event logging."]


CONTEXT_MET = {
	Fact.INTERESTED_PARTIES: 2,
	Fact.INTERESTED_PARTIES_REVIEWED: 2,
	Fact.INTERESTED_PARTIES_ADDRESSED: 0,
	Fact.INTERESTED_PARTIES_ADDRESSED_HOW: 0,
}


def test_eu_ai_act_obligations_that_apply_must_be_addressed_and_upcoming_ones_show():
	"""Clause 4.2: a system with an obligation that applies today and is not addressed is a gap in part; one
	that starts to apply within a month shows before it does."""
	facts = {
		**CONTEXT_MET,
		Fact.IN_SCOPE_SYSTEMS_OBLIGATIONS_APPLYING: 2,
		Fact.IN_SCOPE_SYSTEMS_OBLIGATIONS_APPLYING_ADDRESSED: 1,
		Fact.IN_SCOPE_SYSTEMS_OBLIGATIONS_UPCOMING: 1,
		Fact.IN_SCOPE_SYSTEMS_OBLIGATIONS_UPCOMING_ADDRESSED: 0,
	}
	missing = missing_text(assess("4.2", facts))
	assert (
		"1 of 2 in-scope AI systems have EU AI Act obligations that apply today and are not marked as addressed."
		in missing
	)
	assert any("start to apply within a month" in m for m in missing)
	addressed = {
		**facts,
		Fact.IN_SCOPE_SYSTEMS_OBLIGATIONS_APPLYING_ADDRESSED: 2,
		Fact.IN_SCOPE_SYSTEMS_OBLIGATIONS_UPCOMING_ADDRESSED: 1,
	}
	assert not [m for m in missing_text(assess("4.2", addressed)) if "EU AI Act" in m]


def test_a_fact_recorded_as_unknown_is_a_gap_not_a_claim():
	facts = {
		**EVIDENCED,
		Fact.IN_SCOPE_SYSTEMS: 4,
		Fact.IN_SCOPE_SYSTEMS_SPECIFIED: 4,
		Fact.IN_SCOPE_SYSTEMS_WITH_REQUIREMENTS: 4,
		Fact.IN_SCOPE_SYSTEMS_KNOWN: 1,
	}
	partly = assess("A.6.2.2", facts, decision())
	assert partly.status == PARTIAL
	assert missing_text(partly) == [
		"3 of 4 in-scope AI systems record Unknown for their life cycle stage, our role, level of automation or "
		"an EU AI Act question: find out and record it."
	]
	assert assess("A.6.2.2", {**facts, Fact.IN_SCOPE_SYSTEMS_KNOWN: 4}, decision()).status == READY
