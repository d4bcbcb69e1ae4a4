"""Readiness of the AIMS against ISO/IEC 42001: the facts the rules in rules.py beside this file decide
on, counted in set-based queries whatever the size of the organisation: six, each one SELECT of scalar
subqueries or one aggregate over a large table (AI systems, risks, evidence), computed afresh on every call.
Each count is keyed, and aliased in SQL, by its `Fact` (fact_names.py).

Every AIMS role reads the records counted here (see aims_app/permissions.py), and the rows are library
requirements, so nothing needs filtering per user. Shared by the "AIMS Readiness" report, the
"Readiness by Clause" chart and the "Framework Crosswalk" report.
"""

from collections import ChainMap, defaultdict
from datetime import date

import frappe
from frappe.query_builder import Case, Criterion, CustomFunction
from frappe.query_builder.functions import Coalesce, Count
from frappe.utils import add_days, getdate, today
from pypika.terms import PseudoColumn

from aims_app.ai_assurance.readiness.fact_names import Fact
from aims_app.ai_assurance.readiness.rules import (
	GAP,
	KNOWABLE_SYSTEM_FIELDS,
	NOT_APPLICABLE,
	PARTIAL,
	READY,
	UNKNOWN,
	ControlDecision,
	assess,
	group_summary,
	roll_up,
	status_counts,
)
from aims_app.ai_risk.applicability import by_control, control_decisions, evidence_by_control
from aims_app.ai_risk.risk_rules import above_appetite_criterion
from aims_app.ai_systems.eu_ai_act_timeline import REMINDER_LEAD_DAYS
from aims_app.ai_systems.monitoring.rules import current_since
from aims_app.integrations.company import restricted_to_company
from aims_app.integrations.people import FLAG, OWNED_RECORDS
from aims_app.roles import AIMS_ROLES
from aims_app.translation import text, value

FRAMEWORK = "ISO-42001"
ANNEX_A = f"{FRAMEWORK}-Annex A"
CLAUSES_PART = "Clauses"
ANNEX_A_PART = "Annex A"
# Columns counted on the way to a fact: records owned by leavers per doctype (summed into
# Fact.RECORDS_OWNED_BY_LEAVERS), risks to modify waiting for a control (Fact.RISKS_MODIFY_CONTROLS_DONE).
LEAVERS_PREFIX = "owned_by_leavers_"
RISKS_MODIFY_WAITING = "risks_modify_waiting"
OPERATING_STAGE = "Operation and monitoring"
MonthsBetween = CustomFunction("TIMESTAMPDIFF", ["unit", "start", "end"])
STATUS_COLOURS = {READY: "#29cd42", PARTIAL: "#ecad4b", GAP: "#e24c4c", NOT_APPLICABLE: "#b0b8c0"}


def readiness_rows(filters=None) -> list[frappe._dict]:
	"""Every clause, subclause, Annex A category and control in library order, with its status; with a Company
	filter (where ERPNext is installed), counted over that company's records."""
	requirements = library()
	decisions = {row.name: row for row in control_decisions()}
	facts, evidence = organisation_facts(filters)
	by_name = {row.name: row for row in requirements}
	below = defaultdict(list)
	for row in requirements:
		if not row.is_assessable:
			continue
		chain = ancestors(row, by_name)
		own = {
			Fact.EVIDENCE_CURRENT: sum(evidence.get(name, {}).get("current") or 0 for name in chain),
			Fact.EVIDENCE_EXPIRED: sum(evidence.get(name, {}).get("expired") or 0 for name in chain),
		}
		assessment = assess(row.requirement_id, ChainMap(own, facts), decision_of(decisions.get(row.name)))
		row.update(
			status=assessment.status,
			evidence_found="; ".join(text(m) for m in assessment.found),
			missing=" ".join(text(m) for m in assessment.missing),  # each one a sentence
			fix_route=assessment.route,
		)
		for name in chain[1:]:
			below[name].append(assessment.status)
	for row in requirements:
		if not row.is_assessable:
			row.update(
				status=roll_up(below[row.name]),
				evidence_found=text(group_summary(below[row.name])),
				missing="",
				fix_route=None,
			)
	return requirements


def library() -> list[frappe._dict]:
	"""ISO/IEC 42001's clauses 4 to 10 and Annex A, with each entry's depth, in library order."""
	requirement = frappe.qb.DocType("Framework Requirement")
	rows = (
		frappe.qb.from_(requirement)
		.select(
			requirement.name.as_("requirement"),
			requirement.name,
			requirement.requirement_id,
			requirement.title,
			requirement.requirement_kind,
			requirement.parent_framework_requirement.as_("parent_requirement"),
			requirement.is_assessable,
		)
		.where(requirement.framework == FRAMEWORK)
		.where(requirement.withdrawn == 0)
		.orderby(requirement.lft)
		.run(as_dict=True)
	)
	by_name = {row.name: row for row in rows}
	kept = []
	for row in rows:
		chain = ancestors(row, by_name)
		root = by_name[chain[-1]]
		if root.requirement_kind == "Clause" or root.name == ANNEX_A:
			row.indent = len(chain) - 1
			row.part = ANNEX_A_PART if root.name == ANNEX_A else CLAUSES_PART
			kept.append(row)
	return kept


def ancestors(row, by_name) -> list[str]:
	"""The requirement's name, then its parent's, up to the root."""
	chain = [row.name]
	while by_name[chain[-1]].parent_requirement in by_name:
		chain.append(by_name[chain[-1]].parent_requirement)
	return chain


def decision_of(control) -> ControlDecision | None:
	if not control:
		return None
	return ControlDecision(
		name=control.name,
		applicable=control.applicability == "Applicable",
		justification=control.justification,
		implementation_status=control.implementation_status,
		owner=control.control_owner,
	)


def readiness_chart(rows) -> dict:
	"""Assessable requirements by status under each clause (4 to 10) and each Annex A category."""
	heads = [row for row in rows if row.indent == (0 if row.part == CLAUSES_PART else 1)]
	under = defaultdict(list)
	by_name = {row.name: row for row in rows}
	for row in rows:
		if row.is_assessable:
			for name in ancestors(row, by_name):
				under[name].append(row.status)
	counts = [status_counts(under[head.name]) for head in heads]
	return {
		"labels": [head.requirement_id for head in heads],
		"datasets": [
			{"name": value(status), "values": [count[status] for count in counts]}
			for status in STATUS_COLOURS
		],
	}


def chart_options() -> dict:
	return {"type": "bar", "barOptions": {"stacked": 1}, "colors": list(STATUS_COLOURS.values())}


def filled(column) -> Criterion:
	return column.isnotnull() & (column != "")


def not_past(column, day: date) -> Criterion:
	return column.isnull() | (column >= day)


def count(table, *conditions, what="*"):
	query = frappe.qb.from_(table).select(Count(what).distinct() if what != "*" else Count("*"))
	for condition in conditions:
		query = query.where(condition)
	return query


def organisation_facts(filters=None) -> tuple[dict[Fact, int], dict[str, dict]]:
	"""Every count the readiness rules read, each query one SELECT of scalar subqueries, and the evidence
	per requirement; the records that carry a Company counted as a report's Company filter says."""
	day = getdate(today())
	year_ago = add_days(day, -365)
	small = {
		**governance_facts(day, year_ago),
		**component_facts(day),
		Fact.SOA_APPROVED: approved_soas(),
		**assurance_facts(day, year_ago),
		**leaver_facts(),
		**monitoring_facts(day),
		**lifecycle_facts(),
		**in_scope_system_facts(day),
	}
	large = (system_counts(day), risk_counts(day), treated_risk_counts(), evidence_counts(day))
	row = {}
	for query in (facts_query(small, filters), *(restricted_to_company(query, filters) for query in large)):
		row.update(query.run(as_dict=True)[0])
	evidence = restricted_to_company(evidence_by_control(), filters).run(as_dict=True)
	counts = {name: int(value or 0) for name, value in row.items()}
	leavers = sum(counts.pop(name) for name in list(counts) if name.startswith(LEAVERS_PREFIX))
	waiting = counts.pop(RISKS_MODIFY_WAITING)
	facts = {Fact(name): number for name, number in counts.items()}  # a column no rule reads fails here
	facts[Fact.RECORDS_OWNED_BY_LEAVERS] = leavers
	facts[Fact.RISKS_MODIFY_CONTROLS_DONE] = facts[Fact.RISKS_MODIFY_WITH_CONTROLS] - waiting
	return facts, by_control(evidence)


def facts_query(subqueries: dict, filters=None):
	return frappe.qb.select(
		*(restricted_to_company(query, filters).as_(name) for name, query in subqueries.items())
	)


def leaver_facts() -> dict:
	"""Per doctype, records owned by people who have left: the owner_left flags, where ERPNext added them."""
	return {
		LEAVERS_PREFIX + frappe.scrub(doctype): count(
			frappe.qb.DocType(doctype), frappe.qb.DocType(doctype)[FLAG] == 1
		)
		for doctype in OWNED_RECORDS
		if frappe.get_meta(doctype).has_field(FLAG)
	}


def governance_facts(day: date, year_ago: date) -> dict:
	singles = frappe.qb.DocType("Singles")
	settings = singles.doctype == "AIMS Settings"
	value_chain = (
		"is_provider",
		"is_developer",
		"is_deployer",
		"is_importer",
		"is_distributor",
		"is_data_provider",
	)
	scope = frappe.qb.DocType("AIMS Scope")
	issue = frappe.qb.DocType("Context Issue")
	open_issue = Coalesce(issue.status, "") != "Closed"
	party = frappe.qb.DocType("Interested Party")
	addressed = party.addressed_by_aims == 1
	assignment = frappe.qb.DocType("AIMS Role Assignment")
	objective = frappe.qb.DocType("AI Objective")
	has_role = frappe.qb.DocType("Has Role")
	user = frappe.qb.DocType("User")
	competence = frappe.qb.DocType("Competence Record")
	aims_person = (
		(has_role.parenttype == "User")
		& has_role.role.isin(AIMS_ROLES)
		& has_role.parent.notin(("Administrator", "Guest"))
		& has_role.parent.isin(frappe.qb.from_(user).select(user.name).where(user.enabled == 1))
	)
	competent = has_role.parent.isin(
		frappe.qb.from_(competence).select(competence.person).where(not_past(competence.valid_until, day))
	)
	return {
		Fact.VALUE_CHAIN_ROLES: count(
			singles, settings, singles.field.isin(value_chain), singles.value == "1"
		),
		Fact.RISK_APPETITE_SET: count(
			singles, settings, singles.field == "risk_appetite", filled(singles.value)
		),
		Fact.SCOPES_CURRENT: count(scope, scope.docstatus == 1, not_past(scope.next_review_date, day)),
		Fact.CONTEXT_ISSUES_EXTERNAL: count(issue, open_issue, issue.issue_type == "External"),
		Fact.CONTEXT_ISSUES_INTERNAL: count(issue, open_issue, issue.issue_type == "Internal"),
		Fact.CONTEXT_ISSUES_OPEN: count(issue, open_issue),
		Fact.CONTEXT_ISSUES_OPEN_REVIEWED: count(issue, open_issue, not_past(issue.review_date, day)),
		Fact.INTERESTED_PARTIES: count(party),
		Fact.INTERESTED_PARTIES_REVIEWED: count(party, not_past(party.review_date, day)),
		Fact.INTERESTED_PARTIES_ADDRESSED: count(party, addressed),
		Fact.INTERESTED_PARTIES_ADDRESSED_HOW: count(party, addressed, filled(party.how_addressed)),
		**policy_facts(day),
		Fact.ROLE_ASSIGNMENTS_CURRENT: count(assignment, *current_assignment(assignment, day)),
		Fact.OBJECTIVES: count(objective),
		Fact.OBJECTIVES_WITH_TARGET: count(objective, objective.status != "No target"),
		Fact.OBJECTIVES_MEASURED: count(objective, objective.status.notin(("No target", "Not measured"))),
		Fact.OBJECTIVES_NOT_MISSED: count(objective, objective.status != "Missed"),
		Fact.AIMS_PEOPLE: count(has_role, aims_person, what=has_role.parent),
		Fact.AIMS_PEOPLE_COMPETENT: count(has_role, aims_person, competent, what=has_role.parent),
	}


def policy_facts(day: date) -> dict:
	"""Published AI policies."""
	policy = frappe.qb.DocType("AI Policy")
	published = (policy.docstatus == 1) & (policy.status == "Published")
	return {
		Fact.POLICIES_PUBLISHED: count(policy, published),
		Fact.POLICIES_CURRENT: count(policy, published, not_past(policy.review_date, day)),
	}


def current_assignment(assignment, day: date) -> tuple:
	return not_past(assignment.valid_to, day), assignment.valid_from.isnull() | (assignment.valid_from <= day)


def children_of_systems(doctype: str, field: str = "parent"):
	"""The given field of a child table of AI System, e.g. the systems that list any dataset."""
	child = frappe.qb.DocType(doctype)
	return frappe.qb.from_(child).select(child[field]).where(child.parenttype == "AI System")


def listed_on_scope_systems(doctype: str, field: str):
	"""Records (datasets, models, suppliers) listed on an in-scope AI system."""
	child = frappe.qb.DocType(doctype)
	system = frappe.qb.DocType("AI System")
	return (
		frappe.qb.from_(child)
		.join(system)
		.on(system.name == child.parent)
		.select(child[field])
		.where(child.parenttype == "AI System")
		.where(system.in_scope == 1)
	)


def in_scope_system_facts(day: date) -> dict:
	"""In-scope AI systems with what each clause asks of them in other records (risks among them); what their
	own fields show is counted in system_counts."""
	system = frappe.qb.DocType("AI System")
	in_scope = system.in_scope == 1
	assessment = frappe.qb.DocType("AI Impact Assessment")
	assignment = frappe.qb.DocType("AIMS Role Assignment")
	scope = frappe.qb.DocType("AIMS Scope")
	scope_item = frappe.qb.DocType("AIMS Scope Item")
	listed = (
		frappe.qb.from_(scope_item)
		.join(scope)
		.on(scope.name == scope_item.parent)
		.select(scope_item.ai_system)
		.where((scope.docstatus == 1) & (scope_item.coverage == "Included"))
	)
	with_models = system.name.isin(children_of_systems("AI System Model"))
	with_datasets = system.name.isin(children_of_systems("AI System Dataset"))
	with_suppliers = system.name.isin(children_of_systems("AI System Supplier"))
	risk = frappe.qb.DocType("AI Risk")
	return {
		Fact.IN_SCOPE_SYSTEMS_WITH_RISKS: count(
			system, in_scope, system.name.isin(frappe.qb.from_(risk).select(risk.ai_system))
		),
		Fact.IN_SCOPE_SYSTEMS_LISTED: count(system, in_scope, system.name.isin(listed)),
		Fact.IN_SCOPE_SYSTEMS_ASSIGNED: count(
			system,
			in_scope,
			system.name.isin(
				frappe.qb.from_(assignment)
				.select(assignment.ai_system)
				.where(Criterion.all(current_assignment(assignment, day)))
			),
		),
		Fact.IN_SCOPE_SYSTEMS_ASSESSED: count(
			system,
			in_scope,
			system.name.isin(
				frappe.qb.from_(assessment)
				.select(assessment.ai_system)
				.where(current_assessment(assessment, day))
			),
		),
		Fact.IN_SCOPE_SYSTEMS_WITH_RESOURCES: count(
			system, in_scope, with_models | with_datasets | with_suppliers
		),
		Fact.IN_SCOPE_SYSTEMS_WITH_DATASETS: count(system, in_scope, with_datasets),
		Fact.IN_SCOPE_SYSTEMS_WITH_MODELS: count(system, in_scope, with_models),
		Fact.IN_SCOPE_SYSTEMS_WITH_PARTIES: count(
			system, in_scope, system.name.isin(children_of_systems("AI System Interested Party"))
		),
		**obligation_facts(system, in_scope, day),
	}


def obligation_facts(system, in_scope, day: date) -> dict:
	"""In-scope systems with EU AI Act obligations that apply on `day`, or start to within the reminder lead,
	and those of them with every such obligation addressed (the dates are the library's, stored per row)."""
	row = frappe.qb.DocType("AI System Obligation")
	soon = add_days(day, REMINDER_LEAD_DAYS)

	def systems_with(*conditions):
		query = frappe.qb.from_(row).select(row.parent).where(row.parenttype == "AI System")
		for condition in conditions:
			query = query.where(condition)
		return query

	applying, upcoming = row.applies_from <= day, (row.applies_from > day) & (row.applies_from <= soon)
	open_row = row.addressed == 0
	return {
		Fact.IN_SCOPE_SYSTEMS_OBLIGATIONS_APPLYING: count(
			system, in_scope, system.name.isin(systems_with(applying))
		),
		Fact.IN_SCOPE_SYSTEMS_OBLIGATIONS_APPLYING_ADDRESSED: count(
			system,
			in_scope,
			system.name.isin(systems_with(applying)),
			system.name.notin(systems_with(applying, open_row)),
		),
		Fact.IN_SCOPE_SYSTEMS_OBLIGATIONS_UPCOMING: count(
			system, in_scope, system.name.isin(systems_with(upcoming))
		),
		Fact.IN_SCOPE_SYSTEMS_OBLIGATIONS_UPCOMING_ADDRESSED: count(
			system,
			in_scope,
			system.name.isin(systems_with(upcoming)),
			system.name.notin(systems_with(upcoming, open_row)),
		),
	}


def monitoring_facts(day: date) -> dict:
	"""In-scope systems in operation with a metric measured within its frequency; in-scope high-risk systems
	with a submitted fairness evaluation within the interval of AIMS Settings."""
	system = frappe.qb.DocType("AI System")
	metric = frappe.qb.DocType("AI Monitoring Metric")
	evaluation = frappe.qb.DocType("AI Fairness Evaluation")
	operating, high_risk = operating_systems(system), high_risk_systems(system)
	measured_in_time = Criterion.any(
		[
			(metric.frequency == frequency) & (metric.latest_measured_on >= since)
			for frequency, since in current_since(day).items()
		]
	)
	singles = frappe.qb.DocType("Singles")
	interval = Coalesce(
		frappe.qb.from_(singles)
		.select(singles.value)
		.where((singles.doctype == "AIMS Settings") & (singles.field == "fairness_review_months")),
		frappe.get_meta("AIMS Settings").get_field("fairness_review_months").default,
	)
	# in the same SELECT as the other facts: less than the interval's months before today
	evaluated = (evaluation.docstatus == 1) & (
		MonthsBetween(PseudoColumn("MONTH"), evaluation.evaluated_on, day) < interval
	)
	return {
		Fact.IN_SCOPE_SYSTEMS_OPERATING_MONITORED: count(
			system,
			operating,
			system.name.isin(frappe.qb.from_(metric).select(metric.ai_system).where(measured_in_time)),
		),
		Fact.IN_SCOPE_SYSTEMS_HIGH_RISK_FAIRNESS_EVALUATED: count(
			system,
			high_risk,
			system.name.isin(frappe.qb.from_(evaluation).select(evaluation.ai_system).where(evaluated)),
		),
	}


def system_counts(day: date):
	"""In-scope AI systems and what their own fields show, in one pass whose counts add up over any split of
	them."""
	system = frappe.qb.DocType("AI System")
	in_scope = system.in_scope == 1
	deployed = deployed_systems(system)
	counts = {
		Fact.IN_SCOPE_SYSTEMS: counted_where(in_scope),
		Fact.IN_SCOPE_SYSTEMS_SPECIFIED: counted_where(
			in_scope & filled(system.purpose) & filled(system.foreseeable_misuse)
		),
		Fact.IN_SCOPE_SYSTEMS_DESCRIBED: counted_where(in_scope & filled(system.description)),
		Fact.IN_SCOPE_SYSTEMS_OVERSEEN: counted_where(in_scope & filled(system.human_oversight)),
		Fact.IN_SCOPE_SYSTEMS_KNOWN: counted_where(
			in_scope
			& Criterion.all([Coalesce(system[f], "") != UNKNOWN for f in KNOWABLE_SYSTEM_FIELDS])
			& (system.yes_no_answers_unknown == 0)
		),
		Fact.IN_SCOPE_SYSTEMS_REVIEWED: counted_where(in_scope & (system.next_review_date >= day)),
		Fact.IN_SCOPE_SYSTEMS_OPERATING: counted_where(operating_systems(system)),
		Fact.IN_SCOPE_SYSTEMS_HIGH_RISK: counted_where(high_risk_systems(system)),
		Fact.IN_SCOPE_SYSTEMS_DEPLOYED: counted_where(deployed),
		Fact.IN_SCOPE_SYSTEMS_DEPLOYED_VERIFIED: counted_where(
			deployed & filled(system.verification_results)
		),
		Fact.IN_SCOPE_SYSTEMS_DEPLOYED_PLANNED: counted_where(deployed & filled(system.deployment_plan)),
		Fact.IN_SCOPE_SYSTEMS_DEPLOYED_LOGGED: counted_where(deployed & filled(system.event_logging)),
		Fact.IN_SCOPE_SYSTEMS_WITH_REQUIREMENTS: counted_where(
			in_scope & filled(system.requirements_specification)
		),
		Fact.IN_SCOPE_SYSTEMS_UNAPPROVED_CHANGE: counted_where(
			in_scope & (system.unapproved_change_in_production == 1)
		),
	}
	return frappe.qb.from_(system).select(*named(counts))


def operating_systems(system) -> Criterion:
	return (system.in_scope == 1) & (system.lifecycle_stage == OPERATING_STAGE)


def high_risk_systems(system) -> Criterion:
	return (system.in_scope == 1) & (system.eu_ai_act_tier == "High-risk")


def deployed_systems(system) -> Criterion:
	return (system.in_scope == 1) & system.lifecycle_stage.isin(("Deployment", "Operation and monitoring"))


def lifecycle_facts() -> dict:
	"""In-scope systems deployed or in operation, and what their stage reviews, plans and changes show."""
	system = frappe.qb.DocType("AI System")
	review = frappe.qb.DocType("AI System Stage Review")
	deployed = deployed_systems(system)
	by_review = system.name.isin(
		frappe.qb.from_(review)
		.select(review.ai_system)
		.where((review.docstatus == 1) & review.target_stage.isin(("Deployment", "Operation and monitoring")))
	)
	return {
		Fact.IN_SCOPE_SYSTEMS_DEPLOYED_BY_REVIEW: count(system, deployed, by_review),
	}


def current_assessment(assessment, day: date) -> Criterion:
	return (assessment.docstatus == 1) & not_past(assessment.next_review_date, day)


def component_facts(day: date) -> dict:
	"""Impact assessments, and the datasets, models and suppliers of in-scope systems, and incidents."""
	assessment = frappe.qb.DocType("AI Impact Assessment")
	current = current_assessment(assessment, day)
	assessment_party = frappe.qb.DocType("AI Impact Assessment Party")
	dataset = frappe.qb.DocType("AI Dataset")
	scope_dataset = dataset.name.isin(listed_on_scope_systems("AI System Dataset", "ai_dataset"))
	personal = (dataset.contains_personal_data == 1) & (dataset.gdpr_does_not_apply == 0)
	model = frappe.qb.DocType("AI Model")
	scope_model = model.name.isin(listed_on_scope_systems("AI System Model", "ai_model"))
	supplier = frappe.qb.DocType("AI Supplier")
	scope_supplier = supplier.name.isin(listed_on_scope_systems("AI System Supplier", "ai_supplier"))
	approved = supplier.assessment_result.isin(("Approved", "Approved with conditions"))
	incident = frappe.qb.DocType("AI Incident")
	reportable = Coalesce(incident.report_status, "Not required") != "Not required"
	return {
		Fact.ASSESSMENTS_SUBMITTED: count(assessment, assessment.docstatus == 1),
		Fact.ASSESSMENTS_CURRENT: count(assessment, current),
		Fact.ASSESSMENTS_CURRENT_FLAGGED: count(assessment, current, assessment.needs_review == 1),
		Fact.ASSESSMENTS_CURRENT_WITH_PARTIES: count(
			assessment,
			current,
			assessment.name.isin(frappe.qb.from_(assessment_party).select(assessment_party.parent)),
		),
		Fact.SCOPE_DATASETS: count(dataset, scope_dataset),
		Fact.SCOPE_DATASETS_ACQUIRED: count(dataset, scope_dataset, filled(dataset.acquisition)),
		Fact.SCOPE_DATASETS_QUALITY: count(
			dataset, scope_dataset, filled(dataset.quality_checks), filled(dataset.bias_checks)
		),
		Fact.SCOPE_DATASETS_PROVENANCE: count(dataset, scope_dataset, filled(dataset.provenance)),
		Fact.SCOPE_DATASETS_PREPARED: count(dataset, scope_dataset, filled(dataset.preparation_steps)),
		Fact.SCOPE_PERSONAL_DATASETS: count(dataset, scope_dataset, personal),
		Fact.SCOPE_PERSONAL_DATASETS_LAWFUL: count(
			dataset, scope_dataset, personal, filled(dataset.legal_basis)
		),
		Fact.SCOPE_MODELS: count(model, scope_model),
		Fact.SCOPE_MODELS_VALIDATED: count(
			model, scope_model, model.status.isin(("Validated", "In production"))
		),
		Fact.SCOPE_MODELS_DOCUMENTED: count(
			model, scope_model, filled(model.model_card_url) | filled(model.registry_reference)
		),
		Fact.SCOPE_SUPPLIERS: count(supplier, scope_supplier),
		Fact.SCOPE_SUPPLIERS_ASSESSED: count(
			supplier, scope_supplier, approved, not_past(supplier.next_assessment_date, day)
		),
		Fact.SCOPE_SUPPLIERS_WITH_RESPONSIBILITIES: count(
			supplier, scope_supplier, filled(supplier.responsibilities)
		),
		Fact.INCIDENTS_REPORTABLE: count(incident, reportable),
		Fact.INCIDENTS_REPORTED_ON_TIME: count(incident, reportable, incident.report_status != "Overdue"),
	}


def risk_counts(day: date):
	"""Risks by treatment, in one pass over the risks whose every count adds up over any split of them."""
	risk = frappe.qb.DocType("AI Risk")
	is_open, modify, retain = risk_treatments(risk)
	counts = {
		Fact.RISKS: Count("*"),
		Fact.RISKS_OPEN: counted_where(is_open),
		Fact.RISKS_OPEN_SCORED: counted_where(is_open & filled(risk.inherent_level)),
		Fact.RISKS_OPEN_NOT_DUE: counted_where(is_open & (risk.status != "Review due")),
		Fact.RISKS_OPEN_PLANNED: counted_where(is_open & filled(risk.treatment_option)),
		Fact.RISKS_MODIFY: counted_where(modify),
		Fact.RISKS_RETAINED: counted_where(retain),
		Fact.RISKS_RETAINED_ACCEPTED: counted_where(
			retain & (risk.status == "Accepted") & not_past(risk.accepted_until, day)
		),
		Fact.RISKS_ABOVE_APPETITE: counted_where(above_appetite_criterion(risk)),
	}
	return frappe.qb.from_(risk).select(*named(counts))


def treated_risk_counts():
	"""Open risks to modify that name controls, and those of them with a control not yet implemented."""
	risk = frappe.qb.DocType("AI Risk")
	treatment = frappe.qb.DocType("AI Risk Control")
	control = frappe.qb.DocType("Control Implementation")
	waiting = Case().when(control.implementation_status != "Implemented", treatment.parent)
	counts = {
		Fact.RISKS_MODIFY_WITH_CONTROLS: Count(treatment.parent).distinct(),
		RISKS_MODIFY_WAITING: Count(waiting).distinct(),
	}
	return (
		frappe.qb.from_(treatment)
		.join(risk)
		.on(risk.name == treatment.parent)
		.left_join(control)
		.on(control.name == treatment.control_implementation)
		.select(*named(counts))
		.where(treatment.parenttype == "AI Risk")
		.where(risk_treatments(risk)[1])
	)


def counted_where(criterion: Criterion):
	return Count(Case().when(criterion, 1))


def named(counts: dict) -> list:
	return [term.as_(name) for name, term in counts.items()]


def risk_treatments(risk) -> tuple[Criterion, Criterion, Criterion]:
	"""Open risks, and those of them to modify and to retain."""
	is_open = risk.status != "Closed"
	return (
		is_open,
		is_open & (risk.treatment_option == "Modify"),
		is_open & (risk.treatment_option == "Retain"),
	)


def approved_soas():
	soa = frappe.qb.DocType("Statement of Applicability")
	return count(soa, soa.docstatus == 1)


def assurance_facts(day: date, year_ago: date) -> dict:
	programme = frappe.qb.DocType("Audit Programme")
	audit = frappe.qb.DocType("AIMS Audit")
	review = frappe.qb.DocType("Management Review")
	recent_review = (review.docstatus == 1) & (review.review_date >= year_ago)
	decision = frappe.qb.DocType("Management Review Decision")
	nonconformity = frappe.qb.DocType("Nonconformity")
	closed = nonconformity.workflow_state == "Closed"
	still_open = Coalesce(nonconformity.workflow_state, "") != "Closed"
	improvements = (
		frappe.qb.from_(decision)
		.join(review)
		.on(review.name == decision.parent)
		.select(Count("*"))
		.where(decision.parenttype == "Management Review")
		.where(recent_review)
		.where(decision.decision_kind.isin(("Improvement opportunity", "Change to the AIMS")))
	)
	return {
		Fact.AUDIT_PROGRAMMES_CURRENT: count(programme, programme.programme_year == day.year),
		Fact.INTERNAL_AUDITS_12M: count(
			audit,
			audit.docstatus == 1,
			audit.audit_type == "Internal",
			Coalesce(audit.end_date, audit.start_date) >= year_ago,
		),
		Fact.REVIEWS_12M: count(review, recent_review),
		Fact.REVIEWS_12M_WITH_INPUTS: count(review, recent_review, review.inputs_compiled_on.isnotnull()),
		Fact.REVIEWS_12M_WITH_DECISIONS: count(
			review,
			recent_review,
			review.name.isin(
				frappe.qb.from_(decision)
				.select(decision.parent)
				.where(decision.parenttype == "Management Review")
			),
		),
		Fact.IMPROVEMENT_DECISIONS_12M: improvements,
		Fact.NONCONFORMITIES_OPEN: count(nonconformity, still_open),
		Fact.NONCONFORMITIES_OPEN_ON_TIME: count(
			nonconformity, still_open, nonconformity.has_overdue_actions == 0
		),
		Fact.NONCONFORMITIES_CLOSED: count(nonconformity, closed),
		Fact.NONCONFORMITIES_CLOSED_EFFECTIVE: count(
			nonconformity, closed, nonconformity.effectiveness_result == "Effective"
		),
	}


def evidence_counts(day: date):
	"""Evidence records, current and versioned, in one pass whose counts add up over any split of them."""
	evidence = frappe.qb.DocType("AIMS Evidence")
	counts = {
		Fact.EVIDENCE_RECORDS: Count("*"),
		Fact.EVIDENCE_RECORDS_CURRENT: counted_where(not_past(evidence.valid_until, day)),
		Fact.EVIDENCE_RECORDS_VERSIONED: counted_where(filled(evidence.document_version)),
	}
	return frappe.qb.from_(evidence).select(*named(counts))
