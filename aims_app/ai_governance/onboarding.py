"""The guided setup marks its steps done from the records (aims_app.ai_governance.onboarding_rules): after a
record that can complete a step is saved, after a migrate and after the demo is loaded. A step once done stays
done, as a step the user completed by its own button does."""

import frappe

from aims_app.ai_governance.onboarding_rules import (
	AUDIT,
	AUDIT_PROGRAMME,
	CONTROL_DECIDED,
	POLICY,
	RISK_SCORED,
	SCOPE,
	SETTINGS_SAVED,
	SOA,
	STEP_FACTS,
	SYSTEM,
	done_steps,
)


def exists(doctype: str, filters: dict | None = None) -> bool:
	"""Whether any record of the doctype (matching the filters) is on the site, whoever may read it."""
	return bool(frappe.get_all(doctype, filters=filters or {}, pluck="name", limit=1))


def facts(settings_saved: bool = False) -> dict[str, bool]:
	return {
		SETTINGS_SAVED: settings_saved,
		RISK_SCORED: exists("AI Risk", {"inherent_level": ("is", "set")}),
		SCOPE: exists("AIMS Scope"),
		SYSTEM: exists("AI System"),
		CONTROL_DECIDED: exists("Control Implementation", {"justification": ("is", "set")}),
		SOA: exists("Statement of Applicability"),
		POLICY: exists("AI Policy"),
		AUDIT: exists("AIMS Audit"),
		AUDIT_PROGRAMME: exists("Audit Programme"),
	}


def pending_steps() -> list[str]:
	return frappe.get_all(
		"Onboarding Step", filters={"name": ("in", list(STEP_FACTS)), "is_complete": 0}, pluck="name"
	)


def mark_steps_done(doc=None):
	"""Marks done the pending steps the records show done (on saving a record of FACT_DOCTYPES, and called
	after migrate and the demo). Costs one query while every step is done. The settings count as set when
	someone saves them, not when install or migrate fills in their defaults."""
	pending = pending_steps()
	if not pending:
		return
	settings_saved = bool(
		doc
		and doc.doctype == "AIMS Settings"
		and not (frappe.flags.in_install or frappe.flags.in_migrate or frappe.flags.in_patch)
	)
	for step in done_steps(facts(settings_saved)) & set(pending):
		frappe.db.set_value("Onboarding Step", step, "is_complete", 1)
