"""The data of the AI System Technical Documentation print format (A.6.2.7, A.8.2; EU AI Act Art. 11 and
Annex IV for providers, Art. 13 for deployers), gathered in a fixed number of queries. Called from the
print format's Jinja (hooks.py jinja methods)."""

import frappe
from frappe.query_builder.functions import Count

from aims_app.ai_systems.eu_ai_act_timeline import basis, load_timeline
from aims_app.ai_systems.lifecycle.documentation_rules import (
	Recorded,
	annex_iv_sections,
	follows_annex_iv,
)
from aims_app.ai_systems.lifecycle.facts import current_assessment, filled
from aims_app.translation import text


def technical_documentation(ai_system: str) -> dict:
	system = frappe.get_doc("AI System", ai_system)
	system.check_permission("read")
	models = components("AI Model", [r.ai_model for r in system.models], MODEL_FIELDS)
	datasets = components("AI Dataset", [r.ai_dataset for r in system.datasets], DATASET_FIELDS)
	suppliers = components("AI Supplier", [r.ai_supplier for r in system.suppliers], SUPPLIER_FIELDS)
	risks = system_risks(ai_system)
	reviews = frappe.get_all(
		"AI System Stage Review",
		filters={"ai_system": ai_system, "docstatus": ("!=", 2)},
		fields=[
			"name",
			"current_stage",
			"target_stage",
			"workflow_state",
			"approved_by",
			"approved_on",
			"rejection_reason",
			"skip_justification",
		],
		order_by="creation",
	)
	justified = frappe.get_all(
		"AI System Stage Review Criterion",
		filters={
			"parent": ("in", [r.name for r in reviews] or [""]),
			"met": 0,
			"justification": ("is", "set"),
		},
		fields=["parent", "criterion", "justification"],
		order_by="idx",
	)
	for review in reviews:
		review.justified = [c for c in justified if c.parent == review.name]
	changes = frappe.get_all(
		"AI System Change",
		filters={"ai_system": ai_system, "docstatus": 1},
		fields=[
			"name",
			"change_kind",
			"what_changes",
			"new_ai_model",
			"approved_by",
			"approved_on",
			"went_live_on",
		],
		order_by="approved_on",
	)
	change_models = components("AI Model", [c.new_ai_model for c in changes if c.new_ai_model], MODEL_FIELDS)
	for change in changes:
		change.model = next((m for m in change_models if m.name == change.new_ai_model), None)
	assessment_name = current_assessment(ai_system)
	assessment = (
		frappe.db.get_value(
			"AI Impact Assessment",
			assessment_name,
			["name", "assessment_date", "conclusion", "conclusion_notes", "next_review_date"],
			as_dict=True,
		)
		if assessment_name
		else None
	)
	recorded = Recorded(
		purpose=filled(system.purpose),
		components=len(models) + len(datasets),
		requirements=filled(system.requirements_specification),
		oversight=filled(system.human_oversight),
		monitoring_plan=filled(system.monitoring_plan),
		verification_results=filled(system.verification_results),
		risks=len(risks),
		changes=len(changes) + sum(1 for r in reviews if r.workflow_state == "Approved"),
		certificates=certificates(ai_system),
	)
	annex_iv = follows_annex_iv(system.our_role, system.eu_ai_act_tier)
	return {
		"system": system,
		"models": models,
		"datasets": datasets,
		"suppliers": suppliers,
		"risks": risks,
		"reviews": reviews,
		"changes": changes,
		"assessment": assessment,
		"eu_ai_act_basis": text(basis(load_timeline())),
		"annex_iv": [{**s, "heading": text(s["heading"])} for s in annex_iv_sections(recorded)]
		if annex_iv
		else [],
	}


MODEL_FIELDS = ["name", "model_name", "model_version", "model_type", "origin", "status", "registry_reference"]
DATASET_FIELDS = [
	"name",
	"dataset_name",
	"source_type",
	"provenance",
	"quality_checks",
	"contains_personal_data",
]
SUPPLIER_FIELDS = ["name", "supplier_name", "supply_type", "assessment_result"]


def components(doctype: str, names: list[str], fields: list[str]) -> list:
	names = list(dict.fromkeys(n for n in names if n))
	if not names:
		return []
	rows = frappe.get_all(doctype, filters={"name": ("in", names)}, fields=fields)
	return sorted(rows, key=lambda r: names.index(r.name))


def system_risks(ai_system: str) -> list:
	risks = frappe.get_all(
		"AI Risk",
		filters={"ai_system": ai_system, "status": ("!=", "Closed")},
		fields=["name", "title", "status", "residual_level", "inherent_level", "treatment_option"],
		order_by="name",
	)
	controls = frappe.get_all(
		"AI Risk Control",
		filters={"parent": ("in", [r.name for r in risks] or [""]), "parenttype": "AI Risk"},
		fields=["parent", "control_implementation", "own_control"],
		order_by="idx",
	)
	for risk in risks:
		risk.controls = [c.control_implementation or c.own_control for c in controls if c.parent == risk.name]
	return risks


def certificates(ai_system: str) -> int:
	evidence = frappe.qb.DocType("AIMS Evidence")
	link = frappe.qb.DocType("AIMS Evidence Link")
	return (
		frappe.qb.from_(evidence)
		.join(link)
		.on(link.parent == evidence.name)
		.select(Count(evidence.name).distinct())
		.where((link.ai_system == ai_system) & (evidence.evidence_kind == "Certificate"))
		.run()[0][0]
	)
