"""Realistic records that several test modules build on."""

from types import SimpleNamespace

import frappe


def insert(doctype: str, **fields):
	return frappe.get_doc({"doctype": doctype, **fields}).insert()


def cv_screening(
	owner: str, our_role: str = "Deployer", stage: str = "Operation and monitoring"
) -> SimpleNamespace:
	"""A CV-screening system bought from a third party: high-risk under Annex III, area 4 (employment), recorded
	at `stage` as it enters the inventory (later moves take stage reviews)."""
	supplier = frappe.db.exists("AI Supplier", "TalentSense Analytics") and frappe.get_doc(
		"AI Supplier", "TalentSense Analytics"
	)
	if not supplier:
		supplier = insert(
			"AI Supplier",
			supplier_name="TalentSense Analytics",
			supply_type="Complete AI system",
			provision_details="Hosted candidate-ranking service with model updates each quarter.",
			contract_reference="MSA-2026-014",
			responsibilities="Supplier: model training, bias testing per release, incident notice within 24 hours. "
			"Us: configuration, human review of every rejection, monitoring of outcomes.",
			assessment_result="Approved with conditions",
			last_assessment_date="2026-09-30",
		)
	model = insert(
		"AI Model",
		model_name="CandidateRank",
		model_version="3.2",
		model_type="Ranking or recommendation",
		origin="Third party",
		ai_supplier=supplier.name,
		status="In production",
		registry="Supplier registry",
		model_card_url="https://talentsense.example/model-cards/candidaterank-3.2",
	)
	dataset = insert(
		"AI Dataset",
		dataset_name="Applications 2019-2025",
		source_type="Internal",
		contains_personal_data=1,
		legal_basis="Legitimate interest (recruitment), applicants informed in the privacy notice",
		acquisition="Exported from the applicant tracking system under the data processing agreement.",
		provenance="Applicant tracking system, EU tenant; pseudonymised before transfer to the supplier.",
		quality_checks="Completeness and duplicate checks per export.",
		bias_checks="Selection rates by gender and age band compared per quarter (four-fifths rule).",
		preparation_steps="Pseudonymisation, removal of photos and dates of birth.",
	)
	applicants = (
		frappe.db.exists("Interested Party", "Job applicants")
		or insert(
			"Interested Party",
			party_name="Job applicants",
			party_type="Affected individual or group",
			internal_or_external="External",
			needs_and_expectations="Fair, explainable treatment; a person reviews decisions about them.",
			how_addressed="Human review of every rejection; explanation on request.",
		).name
	)
	system = insert(
		"AI System",
		system_name=f"CV Screening ({our_role})",
		system_owner=owner,
		organisational_unit="Human Resources",
		lifecycle_stage=stage,
		purpose="Rank incoming applications for recruiters to review first.",
		foreseeable_misuse="Automatic rejection of candidates without human review.",
		our_role=our_role,
		automation_level="Human in the loop",
		human_oversight="A recruiter reviews every ranking; no candidate is rejected by the system alone.",
		annex_iii_area="4 - Employment and workers management",
		performs_profiling=1,
		interacts_with_people=0,
		models=[{"ai_model": model.name, "purpose_in_system": "Ranks applications"}],
		datasets=[{"ai_dataset": dataset.name, "usage": "Production input"}],
		suppliers=[{"ai_supplier": supplier.name, "supplies": "Hosted ranking service"}],
		interested_parties=[
			{"interested_party": applicants, "how_affected": "Their applications are ranked"}
		],
	)
	return SimpleNamespace(supplier=supplier, model=model, dataset=dataset, system=system)


def case_triage(name: str, owner: str, **fields):
	"""A decision-support system in operation: it suggests the next step to a case handler."""
	return insert(
		"AI System",
		system_name=name,
		system_owner=owner,
		lifecycle_stage="Operation and monitoring",
		purpose="Suggest the next step to a case handler.",
		our_role="Deployer",
		automation_level="Decision support (a person decides)",
		**fields,
	)


def ai_risk(ai_system: str | None, risk_owner: str, **fields):
	"""A risk to the fairness of CV screening, scored High inherent (4 × 3 on the default matrix)."""
	values = {
		"title": "Ranking disadvantages older applicants",
		"ai_system": ai_system,
		"risk_owner": risk_owner,
		"risk_source": "ISO-42001-C.3.4",
		"objectives": [{"objective": "ISO-42001-C.2.5"}],
		"description": "Historic hiring data under-represents applicants over 50, and the ranking learns it.",
		"consequences_organisation": "Discrimination claims; loss of trust of applicants.",
		"consequences_individuals": "Qualified older applicants are never seen by a recruiter.",
		"likelihood": 4,
		"impact": 3,
	}
	return insert("AI Risk", **{**values, **fields})


def evidence(title: str, owner: str, links: list[dict], **fields):
	values = {
		"title": title,
		"evidence_kind": "Record",
		"external_link": "https://intranet.example/aims/" + frappe.scrub(title),
		"evidence_owner": owner,
		"issued_on": frappe.utils.add_days(frappe.utils.today(), -30),
		"evidences": links,
	}
	return insert("AIMS Evidence", **{**values, **fields})


def management_review(chair: str, attendees: list[str], **fields):
	"""A review of the last twelve months, held today."""
	values = {
		"review_date": frappe.utils.today(),
		"period_from": frappe.utils.add_months(frappe.utils.today(), -12),
		"chair": chair,
		"attendees": [{"attendee": attendee} for attendee in attendees],
	}
	return insert("Management Review", **{**values, **fields})
