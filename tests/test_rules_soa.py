from aims_app.ai_risk.soa_rules import ControlFacts, soa_gaps
from tests.conftest import english


def control(**overrides):
	fields = dict(
		applicable=True,
		justification=None,
		implementation_status="Implemented",
		risk_count=2,
		current_evidence=1,
		expired_evidence=0,
		owner="ciso@example.com",
	)
	return ControlFacts(**{**fields, **overrides})


def test_an_implemented_evidenced_control_treating_risks_has_no_gap():
	assert english(soa_gaps(control())) == []


def test_an_exclusion_needs_a_justification_and_nothing_else():
	assert english(soa_gaps(control(applicable=False, owner=None, risk_count=0))) == [
		"Excluded without a justification"
	]
	assert english(soa_gaps(control(applicable=False, justification="No third parties supply AI."))) == []


def test_an_inclusion_is_justified_by_risks_or_in_words():
	assert english(soa_gaps(control(risk_count=0))) == [
		"Included, but treats no risk and has no justification"
	]
	assert english(soa_gaps(control(risk_count=0, justification="Required by our AI policy."))) == []


def test_implemented_without_current_evidence_and_expired_evidence_show():
	assert english(soa_gaps(control(current_evidence=0, expired_evidence=2))) == [
		"Implemented, but no current evidence",
		"2 expired evidence record(s)",
	]


def test_a_planned_control_needs_no_evidence_yet_but_an_owner():
	assert english(soa_gaps(control(implementation_status="Planned", current_evidence=0, owner=None))) == [
		"No owner"
	]
