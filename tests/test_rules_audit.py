from datetime import date

from aims_app.ai_assurance.doctype.aims_audit.audit_rules import (
	Assignment,
	independence_conflicts,
	nonconformity_grade,
	unanswered_rows,
)
from aims_app.ai_assurance.doctype.nonconformity.nonconformity_rules import (
	ActionFacts,
	NonconformityFacts,
	action_status,
	entry_refusal,
)
from tests.conftest import english

OWNERS = {"CV Screening": "owner@example.com", "Chatbot": "other@example.com"}


def conflicts(auditors, requirements=(), systems=(), assignments=()):
	return english(
		independence_conflicts(set(auditors), set(requirements), set(systems), OWNERS, list(assignments))
	)


def test_an_auditor_may_not_audit_a_system_they_own():
	assert conflicts({"owner@example.com"}, systems={"CV Screening"}) == [
		"owner@example.com owns the AI system CV Screening"
	]
	assert conflicts({"owner@example.com"}, systems={"Chatbot"}) == []


def test_an_auditor_may_not_audit_a_requirement_or_system_assigned_to_them():
	assigned = [
		Assignment("lead@example.com", "ISO-42001-8.2", None),
		Assignment("lead@example.com", None, "Chatbot"),
	]
	assert conflicts({"lead@example.com"}, requirements={"ISO-42001-8.2"}, assignments=assigned) == [
		"lead@example.com is assigned ISO-42001-8.2"
	]
	assert conflicts({"lead@example.com"}, systems={"Chatbot"}, assignments=assigned)[-1] == (
		"lead@example.com is assigned the AI system Chatbot"
	)
	assert conflicts({"someone@example.com"}, requirements={"ISO-42001-8.2"}, assignments=assigned) == []


def test_unanswered_rows_are_named_and_not_audited_is_an_answer():
	assert unanswered_rows([(1, "Conforms"), (2, None), (3, "Not audited"), (4, "")]) == [2, 4]


def test_only_nonconformity_findings_have_a_grade():
	assert nonconformity_grade("Major nonconformity") == "Major"
	assert nonconformity_grade("Minor nonconformity") == "Minor"
	assert nonconformity_grade("Observation") is None


ACTION = ActionFacts("fixer@example.com", date(2026, 12, 1), None)


def facts(**overrides):
	values = dict(
		correction="Paused the ranking.",
		root_cause="No bias test before supplier updates.",
		actions=(ActionFacts("fixer@example.com", date(2026, 12, 1), date(2026, 11, 30)),),
		effectiveness_result="Effective",
		verified_by="auditor@example.com",
	)
	return NonconformityFacts(**{**values, **overrides})


def test_each_stage_needs_the_one_before_it():
	assert "correction" in str(entry_refusal("Root Cause Analysis", facts(correction=None)))
	assert "root cause" in str(entry_refusal("Action", facts(root_cause=None)))
	assert "at least one corrective action" in str(entry_refusal("Verification", facts(actions=())))
	assert "must be completed" in str(entry_refusal("Verification", facts(actions=(ACTION,))))
	assert entry_refusal("Verification", facts()) is None


def test_closing_needs_a_passed_check_by_someone_other_than_the_action_owner():
	assert "Effective" in str(entry_refusal("Closed", facts(effectiveness_result="Not effective")))
	assert "who verified" in str(entry_refusal("Closed", facts(verified_by=None)))
	assert "someone other than" in str(entry_refusal("Closed", facts(verified_by="fixer@example.com")))
	assert entry_refusal("Closed", facts()) is None


def test_action_status_follows_due_and_completion_dates():
	today = date(2026, 11, 22)
	assert action_status(ActionFacts("a", date(2026, 11, 21), None), today) == "Overdue"
	assert action_status(ActionFacts("a", date(2026, 11, 23), None), today) == "Open"
	assert action_status(ActionFacts("a", date(2026, 11, 21), date(2026, 11, 25)), today) == "Done"
