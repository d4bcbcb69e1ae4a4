"""The facts the life-cycle gates read (gates.py beside this file), gathered for one AI system in a fixed
number of queries whatever the number of its models, datasets, risks and obligations."""

import frappe
from frappe.utils import getdate, today

from aims_app.ai_systems.lifecycle.gates import DatasetFacts, ModelFacts, ObligationFacts, SystemFacts


def filled(value) -> bool:
	return bool(frappe.utils.strip_html(value or "").strip())


def system_facts(system) -> SystemFacts:
	"""`system`: the AI System document (its own fields and child tables are read from it)."""
	return SystemFacts(
		tier=system.eu_ai_act_tier,
		requirements=filled(system.requirements_specification),
		datasets=dataset_facts(system),
		models=model_facts(system),
		verification_results=filled(system.verification_results),
		current_assessment=current_assessment(system.name),
		unaccepted_risks_above_appetite=unaccepted_risks_above_appetite(system.name),
		deployment_plan=filled(system.deployment_plan),
		human_oversight=filled(system.human_oversight),
		obligations=tuple(ObligationFacts(row.article, bool(row.addressed)) for row in system.obligations),
		monitoring_plan=filled(system.monitoring_plan),
		event_logging=filled(system.event_logging),
		retirement_plan=filled(system.retirement_plan),
	)


def dataset_facts(system) -> tuple[DatasetFacts, ...]:
	names = list(dict.fromkeys(row.ai_dataset for row in system.datasets))
	if not names:
		return ()
	rows = frappe.get_all(
		"AI Dataset",
		filters={"name": ("in", names)},
		fields=["name", "dataset_name", "provenance", "quality_checks"],
	)
	return tuple(
		DatasetFacts(row.dataset_name or row.name, filled(row.provenance), filled(row.quality_checks))
		for row in sorted(rows, key=lambda r: names.index(r.name))
	)


def model_facts(system) -> tuple[ModelFacts, ...]:
	names = list(dict.fromkeys(row.ai_model for row in system.models))
	if not names:
		return ()
	rows = frappe.get_all(
		"AI Model", filters={"name": ("in", names)}, fields=["name", "model_name", "model_version", "status"]
	)
	return tuple(
		ModelFacts(model_label(row), row.status) for row in sorted(rows, key=lambda r: names.index(r.name))
	)


def model_label(row) -> str:
	return f"{row.model_name} {row.model_version}" if row.model_version else row.model_name


def current_assessment(ai_system: str) -> str | None:
	"""The system's latest signed impact assessment, unless a change to the system flagged it for review."""
	latest = frappe.get_all(
		"AI Impact Assessment",
		filters={"ai_system": ai_system, "docstatus": 1},
		fields=["name", "needs_review"],
		order_by="assessment_date desc, creation desc",
		limit=1,
	)
	return latest[0].name if latest and not latest[0].needs_review else None


def unaccepted_risks_above_appetite(ai_system: str) -> tuple[str, ...]:
	risk = frappe.qb.DocType("AI Risk")
	acceptance = frappe.qb.DocType("Risk Acceptance")
	accepted = (
		frappe.qb.from_(acceptance)
		.select(acceptance.ai_risk)
		.where((acceptance.docstatus == 1) & (acceptance.expires_on >= getdate(today())))
	)
	return tuple(
		frappe.qb.from_(risk)
		.select(risk.name)
		.where(
			(risk.ai_system == ai_system)
			& (risk.exceeds_appetite == 1)
			& (risk.status != "Closed")
			& risk.name.notin(accepted)
		)
		.orderby(risk.name)
		.run(pluck=True)
	)
