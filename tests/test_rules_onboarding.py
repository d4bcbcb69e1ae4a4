import json

from aims_app.ai_governance.onboarding_rules import (
	AUDIT_PROGRAMME,
	CONTROL_DECIDED,
	POLICY,
	RISK_SCORED,
	SCOPE,
	STEP_FACTS,
	SYSTEM,
	done_steps,
)
from tests.conftest import APP


def test_every_step_of_the_guided_setup_is_read_from_the_records():
	onboarding = json.loads((APP / "ai_governance/module_onboarding/aims/aims.json").read_text())
	assert sorted(row["step"] for row in onboarding["steps"]) == sorted(STEP_FACTS)


def test_a_site_with_a_scope_systems_risks_a_policy_and_an_audit_programme_shows_those_steps_done():
	facts = dict.fromkeys((SCOPE, SYSTEM, RISK_SCORED, POLICY, AUDIT_PROGRAMME), True)
	assert done_steps(facts) == set(STEP_FACTS) - {"Decide the Annex A Controls"}
	assert "Decide the Annex A Controls" in done_steps({CONTROL_DECIDED: True})
	assert done_steps({}) == set()
