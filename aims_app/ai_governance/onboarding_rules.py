"""When a step of the guided setup (the AIMS workspace's Module Onboarding) is done: from the records the site
holds, not only from clicks on the step itself, so that a site that already has a scope, systems, risks, a
policy or an audit (imported, loaded from the demo, or made from the lists) shows those steps done.

Each step is done once any of its facts holds; a fact is a record of a kind existing (or, for the Annex A
decisions, a control decided or a Statement of Applicability drafted)."""

from collections.abc import Mapping

# the facts, each read with one query (aims_app.ai_governance.onboarding)
RISK_SCORED = "risk_scored"
SETTINGS_SAVED = "settings_saved"
SCOPE = "scope"
SYSTEM = "system"
CONTROL_DECIDED = "control_decided"
SOA = "soa"
POLICY = "policy"
AUDIT = "audit"
AUDIT_PROGRAMME = "audit_programme"

STEP_FACTS: dict[str, tuple[str, ...]] = {
	# the matrix is set once someone saved the settings, or scored a risk on it
	"Set the AIMS Risk Matrix": (SETTINGS_SAVED, RISK_SCORED),
	"Define the AIMS Scope": (SCOPE,),
	"Register an AI System": (SYSTEM,),
	"Raise an AI Risk": (RISK_SCORED,),
	"Decide the Annex A Controls": (CONTROL_DECIDED, SOA),
	"Write the AI Policy": (POLICY,),
	"Plan the First AIMS Audit": (AUDIT, AUDIT_PROGRAMME),
}


def done_steps(facts: Mapping[str, bool]) -> set[str]:
	"""The steps the facts show done."""
	return {step for step, needs in STEP_FACTS.items() if any(facts.get(fact) for fact in needs)}


# the doctypes whose records a fact reads: saving one of them may complete a step (aims_app/controllers/aims_document.py)
FACT_DOCTYPES = (
	"AIMS Settings",
	"AIMS Scope",
	"AI System",
	"AI Risk",
	"Control Implementation",
	"Statement of Applicability",
	"AI Policy",
	"AIMS Audit",
	"Audit Programme",
)
