"""Kestrel Mutual, a fictional insurer, and its AIMS: what `aims load-demo` loads (see aims_app/demo/__init__.py).

Six AI systems across the EU AI Act tiers (CV screening and life-insurance pricing high-risk, a customer chatbot
and a marketing copy assistant limited risk, two minimal), the scope and an approved policy, risks with their
treatments and one acceptance above the appetite, impact assessments, Annex A decisions with evidence, an
approved Statement of Applicability, an internal audit whose findings became nonconformities now at different
stages, an incident, and a management review. Dates are relative to the day the demo is loaded."""

import frappe
from frappe.utils import add_days, add_months, now_datetime, today

from aims_app.ai_assurance.doctype.audit_programme.audit_programme import create_audit
from aims_app.ai_risk.doctype.ai_impact_assessment.impact_rules import IMPACT_AREAS

DOMAIN = "kestrel-mutual.example"
ORGANISATION = "Kestrel Mutual"
PEOPLE = {
	"manager": ("ines.moreau", "Ines Moreau", "AIMS Manager"),
	"hr_owner": ("tom.okafor", "Tom Okafor", "AI System Owner"),
	"cx_owner": ("priya.nair", "Priya Nair", "AI System Owner"),
	"risk_owner": ("lena.berg", "Lena Berg", "AI Risk Owner"),
	"auditor": ("sam.keller", "Sam Keller", "AIMS Auditor"),
	"approver": ("ruth.adeyemi", "Ruth Adeyemi", "AIMS Approver"),
}
# Annex A decisions: control -> (status, how it is done); the last one is excluded with a reason.
CONTROLS = {
	"A.2.2": ("Implemented", "The AI policy, approved by the COO and published on the intranet."),
	"A.3.2": ("Implemented", "RACI per AI system in AIMS Role Assignment; owners named in the inventory."),
	"A.4.2": ("Implemented", "Every AI system, model, dataset and supplier is in the AI inventory."),
	"A.5.2": (
		"Implemented",
		"Impact assessment procedure: every in-scope system assessed before go-live and yearly.",
	),
	"A.6.2.4": (
		"Partially implemented",
		"Bias and accuracy tests before each release; the chatbot's are manual.",
	),
	"A.6.2.6": (
		"Planned",
		"Monitoring of outcomes per system; dashboards for CV screening and pricing first.",
	),
	"A.7.4": ("Implemented", "Dataset quality and bias checks recorded per dataset each quarter."),
	"A.9.3": ("Partially implemented", "Human review of every CV rejection and every declined life quote."),
	"A.10.3": ("Implemented", "Supplier assessments before contract and yearly, with AI clauses in the MSA."),
}
EXCLUDED = {
	"A.10.4": "Kestrel Mutual provides no AI systems to customers as products; its chatbot is a service channel."
}


def build(b):
	day = today()
	people = {key: b.user(f"{login}@{DOMAIN}", name, role) for key, (login, name, role) in PEOPLE.items()}
	manager, hr, cx = people["manager"], people["hr_owner"], people["cx_owner"]
	risk_owner, auditor, approver = people["risk_owner"], people["auditor"], people["approver"]
	if not frappe.db.exists("Letter Head", {"is_default": 1}):
		# the organisation's head on every printed document, as a site's own Letter Head gives it
		b.insert(
			"Administrator",
			"Letter Head",
			letter_head_name=ORGANISATION,
			source="HTML",
			is_default=1,
			content=f"<h2>{ORGANISATION}</h2>",
		)

	parties = {
		name: b.insert(manager, "Interested Party", party_name=name, **fields).name
		for name, fields in {
			"Kestrel job applicants": dict(
				party_type="Affected individual or group",
				internal_or_external="External",
				needs_and_expectations="Fair treatment; a person reviews decisions about them; an explanation on request.",
				addressed_by_aims=1,
				how_addressed="Human review of every rejection; explanation letter template.",
			),
			"Kestrel policyholders": dict(
				party_type="Customer",
				internal_or_external="External",
				needs_and_expectations="Fair prices, correct answers from the chatbot, a person when they ask for one.",
				addressed_by_aims=1,
				how_addressed="Pricing reviewed by actuaries; chatbot hands over to an agent on request.",
			),
			"Financial conduct regulator": dict(
				party_type="Regulator or authority",
				internal_or_external="External",
				needs_and_expectations="Fair outcomes for consumers; records of how AI decisions are governed.",
				how_addressed="The AIMS records, available to the regulator on request.",
			),
		}.items()
	}
	b.insert(
		manager,
		"Context Issue",
		title="EU AI Act obligations for high-risk deployers apply",
		issue_type="External",
		category="Legal and regulatory",
		description="Recruitment and life-insurance pricing are Annex III areas.",
		effect_on_aims="Both systems need impact assessments, human oversight and logs.",
	)
	b.insert(
		manager,
		"Context Issue",
		title="Few staff trained in machine learning",
		issue_type="Internal",
		category="Organisational",
		description="Two data scientists; most systems are bought in.",
		effect_on_aims="Supplier assessment and competence records matter more than in-house model work.",
	)

	talent = b.insert(
		manager,
		"AI Supplier",
		supplier_name="TalentSense Analytics",
		supply_type="Complete AI system",
		assessment_result="Approved with conditions",
		last_assessment_date=add_months(day, -3),
		provision_details="Hosted candidate-ranking service, model updated each quarter.",
		contract_reference="MSA-2026-014",
	).name
	chat_vendor = b.insert(
		manager,
		"AI Supplier",
		supplier_name="Parlance Cloud",
		supply_type="AI model",
		assessment_result="Approved",
		last_assessment_date=add_months(day, -5),
		provision_details="Large language model API, EU data residency.",
	).name

	def model(owner, name, model_type, origin, supplier=None, **fields):
		return b.insert(
			owner,
			"AI Model",
			model_name=name,
			model_type=model_type,
			origin=origin,
			ai_supplier=supplier,
			status="In production",
			**fields,
		).name

	def dataset(owner, name, source, **fields):
		return b.insert(owner, "AI Dataset", dataset_name=name, source_type=source, **fields).name

	rank = model(hr, "CandidateRank", "Ranking or recommendation", "Third party", talent, model_version="3.2")
	applications = dataset(
		hr,
		"Applications 2019-2025",
		"Internal",
		contains_personal_data=1,
		legal_basis="Legitimate interest (recruitment); applicants informed in the privacy notice.",
		provenance="Applicant tracking system, pseudonymised before transfer.",
		bias_checks="Selection rates by gender and age band each quarter (four-fifths rule).",
		last_checked_on=add_days(day, -20),
	)
	llm = model(cx, "Parlance Chat 4", "Large language model", "Third party", chat_vendor)
	faq = dataset(cx, "Policy wording and FAQ corpus", "Internal", provenance="Published policy documents.")
	pricing = model(manager, "Life pricing GBM", "Regression", "Internal", model_version="2026.2")
	mortality = dataset(
		manager,
		"Mortality and claims experience",
		"Internal",
		contains_personal_data=1,
		special_category_data=1,
		legal_basis="Insurance exemption for health data; consent at application.",
		provenance="Claims system and reinsurer tables.",
	)

	def system(owner, name, unit, purpose, **fields):
		values = dict(
			system_name=name,
			system_owner=owner,
			organisational_unit=unit,
			lifecycle_stage="Operation and monitoring",
			in_scope=1,
			purpose=purpose,
			our_role="Deployer",
			automation_level="Decision support (a person decides)",
		)
		return b.insert(owner, "AI System", **{**values, **fields})

	cv = system(
		hr,
		"CV Screening",
		"Human Resources",
		"Rank incoming job applications for recruiters to review first.",
		foreseeable_misuse="Rejecting candidates on the ranking alone.",
		automation_level="Human in the loop",
		human_oversight="A recruiter reviews every ranking; nobody is rejected by the system alone.",
		annex_iii_area="4 - Employment and workers management",
		performs_profiling=1,
		affected_groups="Job applicants, recruiters",
		impacts="Decides the order in which recruiters read applications.",
		technique="Gradient-boosted ranking model",
		operational_since="2025-03-01",
		personal_data="Yes, the GDPR applies",
		legal_basis="Legitimate interest (recruitment); applicants informed in the privacy notice.",
		models=[{"ai_model": rank, "purpose_in_system": "Ranks applications"}],
		datasets=[{"ai_dataset": applications, "usage": "Production input"}],
		suppliers=[
			{"ai_supplier": talent, "supply_type": "Complete AI system", "supplies": "Hosted ranking service"}
		],
		interested_parties=[
			{"interested_party": parties["Kestrel job applicants"], "how_affected": "Ranked"}
		],
	)
	chatbot = system(
		cx,
		"Ask Kestrel customer chatbot",
		"Customer Service",
		"Answer policyholders' questions on the website and hand over to an agent.",
		automation_level="Human on the loop",
		human_oversight="Agents review a sample of conversations daily; a customer can ask for a person.",
		interacts_with_people=1,
		models=[{"ai_model": llm, "purpose_in_system": "Writes the answers"}],
		datasets=[{"ai_dataset": faq, "usage": "Production input"}],
		suppliers=[{"ai_supplier": chat_vendor, "supplies": "Language model API"}],
		interested_parties=[
			{"interested_party": parties["Kestrel policyholders"], "how_affected": "Advised"}
		],
	)
	life = system(
		manager,
		"Life insurance pricing",
		"Actuarial",
		"Propose the premium of a life and health policy for an underwriter to confirm.",
		our_role="Provider",
		annex_iii_area="5 - Essential private and public services",
		performs_profiling=1,
		models=[{"ai_model": pricing, "purpose_in_system": "Proposes the premium"}],
		datasets=[{"ai_dataset": mortality, "usage": "Training"}],
	)
	system(
		manager,
		"Claims fraud signals",
		"Claims",
		"Flag claims for a fraud investigator to look at; no claim is refused by the system.",
	)
	system(
		cx,
		"Marketing copy assistant",
		"Marketing",
		"Draft campaign texts that a marketer edits and approves.",
		generates_synthetic_content=1,
		interacts_with_people=0,
	)
	system(
		manager,
		"Mail room document classifier",
		"Operations",
		"Sort incoming letters and forms to the right team's queue.",
		lifecycle_stage="Deployment",
		automation_level="Fully automated",
	)

	scope = b.insert(
		manager,
		"AIMS Scope",
		title="Kestrel Mutual AIMS scope",
		effective_from=add_months(day, -6),
		scope_statement="All AI systems Kestrel Mutual develops or uses in its UK and EU insurance business.",
		boundaries="Reinsurers' own models are out of scope; their outputs are inputs to ours.",
		items=[
			{"item_type": "AI System", "ai_system": cv.name, "coverage": "Included"},
			{"item_type": "AI System", "ai_system": chatbot.name, "coverage": "Included"},
			{"item_type": "AI System", "ai_system": life.name, "coverage": "Included"},
			{"item_type": "Organisational Unit", "item": "Group IT", "coverage": "Included"},
		],
	)
	b.submit(manager, scope)

	fairness = b.insert(
		manager,
		"AI Objective",
		title="No unexplained gap in CV shortlisting rates",
		objective_owner=hr,
		annex_c_objective="ISO-42001-C.2.5",
		due_date=add_months(day, 6),
		metric="Lowest selection-rate ratio between age bands",
		direction="At least",
		target_value=0.8,
		baseline_value=0.72,
		measurements=[
			{"measured_on": add_months(day, -2), "value": 0.74},
			{"measured_on": day, "value": 0.79},
		],
	).name
	handover = b.insert(
		manager,
		"AI Objective",
		title="Chatbot hands over within one minute when asked",
		objective_owner=cx,
		metric="Share of handover requests answered within 60 s",
		unit="%",
		direction="At least",
		target_value=95,
		measurements=[{"measured_on": day, "value": 91}],
	).name

	policy = b.insert(
		manager,
		"AI Policy",
		title="Kestrel Mutual AI policy",
		policy_owner=manager,
		effective_date=day,
		review_date=add_months(day, 12),
		policy_statement="We use AI where it serves our policyholders and staff, with a person accountable for "
		"every system and a person deciding wherever a decision affects someone's job or cover.",
		commitments=[
			{
				"kind": "Meet applicable requirements",
				"text": "We meet the EU AI Act, data protection and insurance rules.",
			},
			{
				"kind": "Continual improvement of the AIMS",
				"text": "We review the AIMS yearly and act on what audits find.",
			},
			{
				"kind": "Responsible AI principle",
				"text": "No automated rejection of applicants or customers.",
			},
		],
		objectives=[{"ai_objective": fairness}, {"ai_objective": handover}],
		related_policies=[
			{
				"policy_name": "Information security policy",
				"area": "Information security",
				"relation": "AI systems follow it.",
			},
		],
	)
	for as_user, action in ((manager, "Submit for Review"), (approver, "Approve"), (manager, "Publish")):
		b.act(as_user, policy, action)

	b.insert(
		manager,
		"AIMS Role Assignment",
		user=hr,
		raci="Accountable",
		responsibility="CV Screening outcomes",
		ai_system=cv.name,
	)
	b.insert(
		manager,
		"AIMS Role Assignment",
		user=cx,
		raci="Accountable",
		responsibility="Chatbot answers",
		ai_system=chatbot.name,
	)
	b.insert(
		manager,
		"Competence Record",
		person=hr,
		competence_area="Bias testing of ranking systems",
		aims_role="AI System Owner",
		how_gained="Training",
		gained_on=add_months(day, -4),
		valid_until=add_months(day, 20),
	)

	def control(code):
		return f"ISO-42001-{code}"

	for code, (status, how) in CONTROLS.items():
		b.change_installed(
			manager,
			"Control Implementation",
			control(code),
			applicability="Applicable",
			implementation_status=status,
			control_owner=manager,
			implementation=how,
			last_verified_on=add_days(day, -10) if status == "Implemented" else None,
		)
	for code, why in EXCLUDED.items():
		b.change_installed(
			manager,
			"Control Implementation",
			control(code),
			applicability="Not applicable",
			justification=why,
		)

	def risk(owner, system_name, title, likelihood, impact, residual, controls, **fields):
		return b.insert(
			owner,
			"AI Risk",
			title=title,
			ai_system=system_name,
			risk_owner=risk_owner,
			likelihood=likelihood,
			impact=impact,
			residual_likelihood=residual[0],
			residual_impact=residual[1],
			treatment_option="Modify",
			controls=[{"control_implementation": control(c), "how_it_treats": how} for c, how in controls],
			**fields,
		)

	age_gap = risk(
		hr,
		cv.name,
		"Ranking disadvantages older applicants",
		4,
		4,
		(3, 4),
		[
			("A.7.4", "Quarterly selection-rate checks by age band"),
			("A.9.3", "A recruiter reviews every rejection"),
		],
		risk_source="ISO-42001-C.3.4",
		objectives=[{"objective": "ISO-42001-C.2.5"}],
		description="Historic hiring data under-represents applicants over 50 and the ranking learns it.",
		consequences_individuals="Qualified older applicants are never seen by a recruiter.",
		treatment_plan="Re-weight training data with the supplier; human review of every rejection.",
	)
	risk(
		cx,
		chatbot.name,
		"Chatbot states cover the policy does not give",
		3,
		4,
		(2, 2),
		[("A.6.2.4", "Answers tested against the policy wording before each release")],
		risk_source="ISO-42001-C.3.2",
		description="The model invents exclusions or cover when the FAQ corpus has no answer.",
	)
	risk(
		manager,
		life.name,
		"Premiums differ by postcode as a proxy for ethnicity",
		2,
		5,
		(2, 3),
		[("A.5.2", "Impact assessment of each model version")],
		objectives=[{"objective": "ISO-42001-C.2.5"}],
		description="Postcode features correlate with protected characteristics.",
	)
	acceptance = b.insert(
		risk_owner,
		"Risk Acceptance",
		ai_risk=age_gap.name,
		expires_on=add_months(day, 6),
		conditions="Accepted for six months while the supplier retrains; monthly selection-rate report to the COO.",
	)
	b.act(risk_owner, acceptance, "Request Approval")
	b.act(approver, acceptance, "Approve")

	def impacts(relevant: dict) -> list[dict]:
		return [
			{
				"area": area,
				"relevant": 1,
				"impact_description": relevant[area],
				"severity": 3,
				"likelihood": 2,
			}
			if area in relevant
			else {"area": area, "relevant": 0, "impact_description": "Not affected by this system."}
			for area in IMPACT_AREAS
		]

	cv_assessment = b.insert(
		hr,
		"AI Impact Assessment",
		ai_system=cv.name,
		assessment_date=add_days(day, -40),
		impacts=impacts(
			{
				"Fairness": "Age and gender gaps in shortlisting.",
				"Privacy": "Applicants' CVs processed by a supplier.",
				"Autonomy and human rights": "Access to work.",
				"Transparency": "Applicants do not see why they were ranked low.",
			}
		),
		fria_applies=1,
		fria_process="Recruitment for all roles; recruiters use the ranking to order their review.",
		fria_period_frequency="Continuous; about 4,000 applications a year.",
		fria_affected_categories="Job applicants, including older and disabled applicants.",
		fria_specific_risks="Indirect discrimination by age; exclusion of career changers.",
		fria_human_oversight="A recruiter reviews every ranking and every rejection.",
		fria_measures="Quarterly bias report; complaints route to the HR director.",
		conclusion="Acceptable with conditions",
		conclusion_notes="Conditional on the quarterly bias report and human review of every rejection.",
	)
	b.submit(hr, cv_assessment)
	b.insert(
		cx,
		"AI Impact Assessment",
		ai_system=chatbot.name,
		assessment_date=day,
		impacts=impacts(
			{"Transparency": "Customers must know they talk to a machine.", "Privacy": "Chat logs."}
		),
	)

	def evidence(owner, title, kind, links, **fields):
		return b.insert(
			owner,
			"AIMS Evidence",
			title=title,
			evidence_kind=kind,
			evidence_owner=owner,
			external_link=f"https://intranet.{DOMAIN}/aims/{len(b.manifest.created)}",
			issued_on=add_days(day, -30),
			evidences=links,
			**fields,
		)

	evidence(manager, "AI policy as published", "Policy", [{"control_implementation": control("A.2.2")}])
	evidence(
		hr,
		"Quarterly selection-rate report",
		"Report",
		[{"control_implementation": control("A.7.4")}, {"ai_system": cv.name}],
		valid_until=add_months(day, 3),
	)
	evidence(
		manager,
		"TalentSense supplier assessment",
		"Record",
		[{"control_implementation": control("A.10.3")}, {"ai_system": cv.name}],
	)
	evidence(
		cx,
		"Chatbot release test log",
		"Log",
		[{"control_implementation": control("A.6.2.4")}, {"ai_system": chatbot.name}],
		valid_until=add_days(day, -5),
	)

	soa = b.insert(
		manager, "Statement of Applicability", title="Statement of Applicability", aims_scope=scope.name
	)
	b.submit(approver, soa)

	programme = b.insert(
		manager,
		"Audit Programme",
		title="Kestrel Mutual AIMS audit programme",
		programme_year=int(day[:4]),
		programme_owner=manager,
		aims_scope=scope.name,
		objectives="Confirm the AIMS conforms to ISO/IEC 42001 and the AI policy before certification.",
		criteria="ISO/IEC 42001:2023; the AI policy; EU AI Act deployer duties.",
		audits=[
			{
				"audit_title": "Operation of CV screening",
				"audit_type": "Internal",
				"planned_start": add_days(day, -14),
				"planned_end": add_days(day, -12),
				"lead_auditor": auditor,
			}
		],
	)
	# The audit is made by the programme's own action, as its button does.
	frappe.set_user(manager)
	audit = frappe.get_doc("AIMS Audit", create_audit(programme.name, programme.audits[0].name))
	b.made("AIMS Audit", audit.name)
	audit = b.update(
		auditor,
		audit,
		auditees="Tom Okafor (HR), recruiters",
		requirements=[{"requirement": "ISO-42001-8"}, {"requirement": "ISO-42001-A.6"}],
		ai_systems=[{"ai_system": cv.name}],
	)
	findings = {
		"ISO-42001-8.4": "Minor nonconformity",
		"ISO-42001-8.2": "Minor nonconformity",
		"ISO-42001-A.6.2.6": "Minor nonconformity",
		"ISO-42001-A.6.2.4": "Opportunity for improvement",
	}
	for row in audit.checklist:
		row.result = findings.get(row.requirement, "Conforms")
		row.evidence_seen = "Procedure, release records and a sample of rankings."
	audit.summary = "The CV-screening system is run as the AIMS says, with three minor findings."
	audit.save()
	audit.submit()
	raised = frappe.get_all(
		"Nonconformity", filters={"aims_audit": audit.name}, pluck="name", order_by="name"
	)
	for name in raised:
		b.made("Nonconformity", name)
	stages = [
		("Record Correction", "Analyse Root Cause", "Plan Actions", "Request Verification", "Close"),
		("Record Correction", "Analyse Root Cause", "Plan Actions"),
		(),
	]
	for name, actions in zip(raised, stages, strict=False):
		advance(b, frappe.get_doc("Nonconformity", name), actions, people)

	incident = b.insert(
		cx,
		"AI Incident",
		title="Chatbot told a customer their travel policy covers cancellation for any reason",
		ai_system=chatbot.name,
		occurred_on=now_datetime(),
		became_aware_on=day,
		severity="Medium",
		status="Investigating",
		description="A customer relied on the answer and booked; the claim was later declined.",
		harm="Financial loss to the customer; complaint to the regulator possible.",
	)
	b.insert(
		manager,
		"Nonconformity",
		title="Chatbot answered outside the policy wording",
		grade="Minor",
		source="Incident",
		raised_on=day,
		nc_owner=cx,
		ai_system=chatbot.name,
		ai_incident=incident.name,
		requirement="ISO-42001-8.3",
		description="The release tests did not cover questions the FAQ corpus cannot answer.",
	)

	review = b.insert(
		manager,
		"Management Review",
		title="AIMS management review",
		review_date=day,
		period_from=add_months(day, -12),
		chair=approver,
		attendees=[{"attendee": approver}, {"attendee": manager}, {"attendee": hr}],
		conclusion="The AIMS is suitable and effective; the chatbot needs stronger release tests.",
		decisions=[
			{
				"decision": "Extend release tests to questions outside the FAQ corpus",
				"decision_kind": "Improvement opportunity",
				"action_owner": cx,
				"due_date": add_months(day, 2),
			}
		],
	)
	b.submit(approver, review)


def advance(b, nonconformity, actions, people):
	"""Move a nonconformity from the audit through the given workflow actions, recording what each stage needs."""
	owner, auditor = people["hr_owner"], people["auditor"]
	nonconformity = b.update(auditor, nonconformity, nc_owner=owner)
	needs = {
		"Record Correction": {
			"correction": "Rolled the supplier model back to the last tested version.",
			"correction_date": today(),
		},
		"Analyse Root Cause": {
			"root_cause_method": "5 Whys",
			"root_cause": "The release checklist had no bias test.",
		},
		"Plan Actions": {
			"corrective_actions": [
				{
					"action": "Add a bias test to the release checklist",
					"action_owner": owner,
					"due_date": add_days(today(), 14),
				}
			]
		},
		"Request Verification": {},
		"Close": {"effectiveness_result": "Effective", "verified_by": auditor, "verified_on": today()},
	}
	for action in actions:
		as_user = auditor if action == "Close" else owner
		if action == "Request Verification":
			nonconformity = frappe.get_doc("Nonconformity", nonconformity.name)
			nonconformity.corrective_actions[0].completed_on = today()
			frappe.set_user(owner)
			nonconformity.save()
		nonconformity = b.update(as_user, nonconformity, **needs[action])
		nonconformity = b.act(as_user, nonconformity, action)
