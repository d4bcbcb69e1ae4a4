"""Readiness against ISO/IEC 42001 (a gap assessment): each clause-level requirement and each Annex A
control gets a status from facts about the records that evidence it.

The Frappe layer (facts.py beside this file) counts the facts named in the tables below in a
fixed number of queries; this module decides. A fact is a count of records, named by a `Fact`
(fact_names.py), for instance `Fact.IN_SCOPE_SYSTEMS_ASSESSED`: in-scope AI systems with a current impact
assessment. Messages are English templates marked with _() for Frappe's extractor; the Frappe layer
translates them and fills them in.
"""

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import quote

from aims_app.ai_assurance.readiness.fact_names import Fact
from aims_app.ai_risk.soa_rules import IMPLEMENTED
from aims_app.compat import desk_path
from aims_app.messages import Message, _

READY = _("Ready")
PARTIAL = _("Partial")
GAP = _("Gap")
NOT_APPLICABLE = _("Not applicable")
STATUSES = (READY, PARTIAL, GAP, NOT_APPLICABLE)

PARTIALLY_IMPLEMENTED = "Partially implemented"


def list_route(slug: str, **filters) -> str:
	"""A desk list filtered the way the list view reads its URL: a value, or [operator, value] as JSON."""
	query = "&".join(
		f"{name}={quote(json.dumps(value) if isinstance(value, list) else str(value))}"
		for name, value in filters.items()
	)
	return desk_path(f"{slug}?{query}" if query else slug)


def new_route(slug: str) -> str:
	return desk_path(f"{slug}/new")


@dataclass(frozen=True)
class Finding:
	"""What one check found: a score (1 met, 0.5 partly, 0 not met), the evidence seen, and what is missing.

	A vacuous finding is met with nothing to show (no expired evidence, no nonconformity to close): it
	cannot lift a requirement out of Gap on its own.
	"""

	score: float
	found: Message | None = None
	missing: Message | None = None
	route: str | None = None
	vacuous: bool = False


def must_be_a_fact(fact) -> None:
	"""A check and a population name their fact by `Fact`: a plain string, spelt right or not, is refused
	when the rule is made (at import), so the rules read only what the Frappe layer counts."""
	if not isinstance(fact, Fact):
		raise TypeError(f"{fact!r} is not a Fact (fact_names.py)")


@dataclass(frozen=True)
class Population:
	"""Records that must each meet a check, e.g. the in-scope AI systems. `empty` says what is missing
	when there are none and `route` where to add them; without it, having none is fine (no incident)."""

	fact: Fact
	empty: str | None = None
	route: str | None = None

	def __post_init__(self):
		must_be_a_fact(self.fact)


@dataclass(frozen=True)
class Check:
	"""One thing a requirement needs, read from the facts.

	kind "some": at least one record counted by `fact`; "every": every record of `population` is counted
	by `fact` (partly met when some are); "none": no record is counted by `fact`.
	"""

	kind: str
	fact: Fact
	found: str
	missing: str
	route: str
	population: Population | None = None

	def __post_init__(self):
		must_be_a_fact(self.fact)

	def evaluate(self, facts: Mapping[Fact, int]) -> Finding:
		have = facts.get(self.fact, 0)
		if self.kind == "none":
			if not have:
				return Finding(1, vacuous=True)
			return Finding(0, missing=Message(self.missing, {"count": have}), route=self.route)
		if self.kind == "some":
			if have:
				return Finding(
					1, found=Message(_("{label}: {count}"), {"label": Message(self.found), "count": have})
				)
			return Finding(0, missing=Message(self.missing), route=self.route)
		total = facts.get(self.population.fact, 0)
		if not total:
			if self.population.empty is None:
				return Finding(1, vacuous=True)
			return Finding(0, missing=Message(self.population.empty), route=self.population.route)
		found = Message(
			_("{label}: {have} of {total}"), {"label": Message(self.found), "have": have, "total": total}
		)
		if have >= total:
			return Finding(1, found=found)
		missing = Message(self.missing, {"missing": total - have, "total": total})
		return Finding(0.5 if have else 0, found=found if have else None, missing=missing, route=self.route)


def some(fact: Fact, found: str, missing: str, route: str) -> Check:
	return Check("some", fact, found, missing, route)


def every(fact: Fact, population: Population, found: str, missing: str, route: str) -> Check:
	return Check("every", fact, found, missing, route, population)


def none_of(fact: Fact, missing: str, route: str) -> Check:
	return Check("none", fact, "", missing, route)


# Populations: the records that must each meet a check.
IN_SCOPE_SYSTEMS = Population(
	Fact.IN_SCOPE_SYSTEMS, _("No AI system is marked as in scope."), list_route("ai-system", in_scope=1)
)
SCOPE_DATASETS = Population(
	Fact.SCOPE_DATASETS,
	_("No dataset is listed on an in-scope AI system."),
	list_route("ai-system", in_scope=1),
)
SCOPE_PERSONAL_DATASETS = Population(Fact.SCOPE_PERSONAL_DATASETS)
SCOPE_MODELS = Population(
	Fact.SCOPE_MODELS, _("No model is listed on an in-scope AI system."), list_route("ai-system", in_scope=1)
)
SCOPE_SUPPLIERS = Population(Fact.SCOPE_SUPPLIERS)
OBJECTIVES = Population(Fact.OBJECTIVES, _("No AI objective is recorded."), new_route("ai-objective"))
INTERESTED_PARTIES = Population(
	Fact.INTERESTED_PARTIES, _("No interested party is recorded."), new_route("interested-party")
)
ADDRESSED_PARTIES = Population(Fact.INTERESTED_PARTIES_ADDRESSED)
CONTEXT_ISSUES = Population(Fact.CONTEXT_ISSUES_OPEN)
AIMS_PEOPLE = Population(Fact.AIMS_PEOPLE, _("No enabled user holds an AIMS role."), list_route("user"))
OPEN_RISKS = Population(Fact.RISKS_OPEN)
MODIFIED_RISKS = Population(Fact.RISKS_MODIFY)
RETAINED_RISKS = Population(Fact.RISKS_RETAINED)
CURRENT_ASSESSMENTS = Population(
	Fact.ASSESSMENTS_CURRENT, _("No current impact assessment exists."), new_route("ai-impact-assessment")
)
REPORTABLE_INCIDENTS = Population(Fact.INCIDENTS_REPORTABLE)
OPEN_NONCONFORMITIES = Population(Fact.NONCONFORMITIES_OPEN)
CLOSED_NONCONFORMITIES = Population(Fact.NONCONFORMITIES_CLOSED)
EVIDENCE_RECORDS = Population(
	Fact.EVIDENCE_RECORDS, _("No evidence is recorded."), new_route("aims-evidence")
)

NEW_EVIDENCE = new_route("aims-evidence")

# Documented information filed against the requirement itself (or a requirement above it).
EVIDENCE = (
	some(
		Fact.EVIDENCE_CURRENT,
		_("Current evidence records"),
		_("No current evidence is filed against this requirement."),
		NEW_EVIDENCE,
	),
	none_of(
		Fact.EVIDENCE_EXPIRED,
		_("{count} evidence record(s) filed against this requirement have expired: renew or replace them."),
		list_route("aims-evidence", valid_until=["<", "Today"]),
	),
)

POLICY_PUBLISHED = some(
	Fact.POLICIES_PUBLISHED,
	_("Published AI policies"),
	_("No AI policy has been approved and published."),
	new_route("ai-policy"),
)
POLICY_CURRENT = some(
	Fact.POLICIES_CURRENT,
	_("Published AI policies within their review date"),
	_("No published AI policy is within its review date: review the policy."),
	list_route("ai-policy", status="Published"),
)
ROLES_ASSIGNED = some(
	Fact.ROLE_ASSIGNMENTS_CURRENT,
	_("Current role assignments"),
	_("No AIMS role assignment is current."),
	new_route("aims-role-assignment"),
)
SYSTEMS_ASSIGNED = every(
	Fact.IN_SCOPE_SYSTEMS_ASSIGNED,
	IN_SCOPE_SYSTEMS,
	_("In-scope AI systems with a current role assignment"),
	_("{missing} of {total} in-scope AI systems have no one assigned a role for them."),
	new_route("aims-role-assignment"),
)
# Counted where ERPNext is installed (aims_app/integrations/people.py flags what leavers own).
OWNERS_PRESENT = none_of(
	Fact.RECORDS_OWNED_BY_LEAVERS,
	_("{count} AIMS record(s) are owned by people who have left: reassign them."),
	list_route("ai-system", owner_left=1),
)
SYSTEMS_ASSESSED = every(
	Fact.IN_SCOPE_SYSTEMS_ASSESSED,
	IN_SCOPE_SYSTEMS,
	_("In-scope AI systems with a current impact assessment"),
	_(
		"{missing} of {total} in-scope AI systems have no current impact assessment "
		"(submitted and not past its next review)."
	),
	new_route("ai-impact-assessment"),
)
SYSTEMS_WITH_RISKS = every(
	Fact.IN_SCOPE_SYSTEMS_WITH_RISKS,
	IN_SCOPE_SYSTEMS,
	_("In-scope AI systems with assessed risks"),
	_("{missing} of {total} in-scope AI systems have no risk recorded against them."),
	new_route("ai-risk"),
)
SYSTEMS_WITH_RESOURCES = every(
	Fact.IN_SCOPE_SYSTEMS_WITH_RESOURCES,
	IN_SCOPE_SYSTEMS,
	_("In-scope AI systems listing their models, datasets or suppliers"),
	_("{missing} of {total} in-scope AI systems list none of their models, datasets or suppliers."),
	list_route("ai-system", in_scope=1),
)
SYSTEMS_WITH_DATASETS = every(
	Fact.IN_SCOPE_SYSTEMS_WITH_DATASETS,
	IN_SCOPE_SYSTEMS,
	_("In-scope AI systems listing their datasets"),
	_("{missing} of {total} in-scope AI systems list no dataset."),
	list_route("ai-system", in_scope=1),
)
SYSTEMS_SPECIFIED = every(
	Fact.IN_SCOPE_SYSTEMS_SPECIFIED,
	IN_SCOPE_SYSTEMS,
	_("In-scope AI systems with their intended purpose and foreseeable misuse"),
	_("{missing} of {total} in-scope AI systems lack their intended purpose or foreseeable misuse."),
	list_route("ai-system", in_scope=1, foreseeable_misuse=["is", "not set"]),
)
# Where a fact about a system may not be known yet, "Unknown" records that: a gap, never a claim.
UNKNOWN = "Unknown"
KNOWABLE_SYSTEM_FIELDS = (
	"lifecycle_stage",
	"our_role",
	"automation_level",
	"prohibited_practice",
	"annex_iii_area",
	"art6_3_derogation",
)
SYSTEMS_KNOWN = every(
	Fact.IN_SCOPE_SYSTEMS_KNOWN,
	IN_SCOPE_SYSTEMS,
	_("In-scope AI systems whose stage, our role, level of automation and EU AI Act answers are known"),
	_(
		"{missing} of {total} in-scope AI systems record Unknown for their life cycle stage, our role, level "
		"of automation or an EU AI Act question: find out and record it."
	),
	list_route("ai-system", in_scope=1),
)
SYSTEMS_OVERSEEN = every(
	Fact.IN_SCOPE_SYSTEMS_OVERSEEN,
	IN_SCOPE_SYSTEMS,
	_("In-scope AI systems with their human oversight described"),
	_("{missing} of {total} in-scope AI systems do not describe their human oversight."),
	list_route("ai-system", in_scope=1, human_oversight=["is", "not set"]),
)
SYSTEMS_REVIEWED = every(
	Fact.IN_SCOPE_SYSTEMS_REVIEWED,
	IN_SCOPE_SYSTEMS,
	_("In-scope AI systems with a next review date still ahead"),
	_("{missing} of {total} in-scope AI systems have no next review date, or it has passed."),
	list_route("ai-system", in_scope=1),
)
# The life cycle (issue 13): systems deployed or in operation, the stage reviews and changes that let them there.
DEPLOYED_SYSTEMS = Population(Fact.IN_SCOPE_SYSTEMS_DEPLOYED)
DEPLOYED_BY_REVIEW = every(
	Fact.IN_SCOPE_SYSTEMS_DEPLOYED_BY_REVIEW,
	DEPLOYED_SYSTEMS,
	_("In-scope AI systems deployed or in operation through an approved stage review"),
	_(
		"{missing} of {total} in-scope AI systems deployed or in operation have no approved AI System Stage "
		"Review into deployment or operation."
	),
	list_route("ai-system-stage-review", docstatus=1),
)
NO_UNAPPROVED_CHANGE = none_of(
	Fact.IN_SCOPE_SYSTEMS_UNAPPROVED_CHANGE,
	_(
		"{count} in-scope AI system(s) show an unapproved change in production: raise and approve the AI System Change."
	),
	list_route("ai-system", in_scope=1, unapproved_change_in_production=1),
)


def deployed_check(fact: Fact, found: str, missing: str, field: str) -> Check:
	"""Every in-scope system deployed or in operation records `field` (a plan or result on its Life Cycle tab)."""
	return every(
		fact,
		DEPLOYED_SYSTEMS,
		found,
		missing,
		list_route("ai-system", in_scope=1, **{field: ["is", "not set"]}),
	)


SYSTEMS_WITH_REQUIREMENTS = every(
	Fact.IN_SCOPE_SYSTEMS_WITH_REQUIREMENTS,
	IN_SCOPE_SYSTEMS,
	_("In-scope AI systems with their requirements and specification"),
	_("{missing} of {total} in-scope AI systems record no requirements and specification."),
	list_route("ai-system", in_scope=1, requirements_specification=["is", "not set"]),
)
DEPLOYED_VERIFIED = deployed_check(
	Fact.IN_SCOPE_SYSTEMS_DEPLOYED_VERIFIED,
	_("Deployed in-scope AI systems with verification and validation results"),
	_("{missing} of {total} deployed in-scope AI systems record no verification and validation results."),
	"verification_results",
)
DEPLOYED_PLANNED = deployed_check(
	Fact.IN_SCOPE_SYSTEMS_DEPLOYED_PLANNED,
	_("Deployed in-scope AI systems with a deployment plan"),
	_("{missing} of {total} deployed in-scope AI systems record no deployment plan."),
	"deployment_plan",
)
DEPLOYED_LOGGED = deployed_check(
	Fact.IN_SCOPE_SYSTEMS_DEPLOYED_LOGGED,
	_("Deployed in-scope AI systems with event logging defined"),
	_("{missing} of {total} deployed in-scope AI systems define no event logging."),
	"event_logging",
)
ASSESSMENTS_NOT_FLAGGED = none_of(
	Fact.ASSESSMENTS_CURRENT_FLAGGED,
	_("{count} current impact assessment(s) are flagged for review after a change to their system."),
	list_route("ai-impact-assessment", docstatus=1, needs_review=1),
)
OBJECTIVES_EXIST = some(
	Fact.OBJECTIVES, _("AI objectives"), _("No AI objective is recorded."), new_route("ai-objective")
)
OBJECTIVES_TARGETED = every(
	Fact.OBJECTIVES_WITH_TARGET,
	OBJECTIVES,
	_("AI objectives with a target"),
	_("{missing} of {total} AI objectives have no target."),
	list_route("ai-objective", status="No target"),
)
OBJECTIVES_MEASURED = every(
	Fact.OBJECTIVES_MEASURED,
	OBJECTIVES,
	_("AI objectives measured against their target"),
	_("{missing} of {total} AI objectives have not been measured against a target."),
	list_route("ai-objective", status=["in", ["No target", "Not measured"]]),
)
OBJECTIVES_NOT_MISSED = every(
	Fact.OBJECTIVES_NOT_MISSED,
	OBJECTIVES,
	_("AI objectives not missed"),
	_("{missing} of {total} AI objectives were missed: plan what will be done about them."),
	list_route("ai-objective", status="Missed"),
)
PEOPLE_COMPETENT = every(
	Fact.AIMS_PEOPLE_COMPETENT,
	AIMS_PEOPLE,
	_("People in AIMS roles with a current competence record"),
	_("{missing} of {total} people holding an AIMS role have no current competence record."),
	new_route("competence-record"),
)
OPEN_RISKS_CURRENT = every(
	Fact.RISKS_OPEN_NOT_DUE,
	OPEN_RISKS,
	_("Open risks not due for review"),
	_("{missing} of {total} open risks are due for review."),
	list_route("ai-risk", status="Review due"),
)
RISKS_ABOVE_APPETITE_DECIDED = none_of(
	Fact.RISKS_ABOVE_APPETITE,
	_(
		"{count} open risk(s) rank above the risk appetite without an acceptance: top management decides "
		"them (Risk Acceptance)."
	),
	list_route("ai-risk", exceeds_appetite=1, status=["not in", ["Accepted", "Closed"]]),
)
RETAINED_RISKS_ACCEPTED = every(
	Fact.RISKS_RETAINED_ACCEPTED,
	RETAINED_RISKS,
	_("Retained risks with a current acceptance"),
	_("{missing} of {total} retained risks have no current risk acceptance."),
	new_route("risk-acceptance"),
)
SCOPE_CURRENT = some(
	Fact.SCOPES_CURRENT,
	_("Submitted AIMS scopes within their review date"),
	_("No submitted AIMS scope is current: submit one, or review the last one."),
	new_route("aims-scope"),
)
INTERNAL_AUDIT_DONE = some(
	Fact.INTERNAL_AUDITS_12M,
	_("Internal audits submitted in the last 12 months"),
	_("No internal audit has been submitted in the last 12 months."),
	new_route("aims-audit"),
)
REVIEW_HELD = some(
	Fact.REVIEWS_12M,
	_("Management reviews submitted in the last 12 months"),
	_("No management review has been submitted in the last 12 months."),
	new_route("management-review"),
)
NONCONFORMITIES_VERIFIED = every(
	Fact.NONCONFORMITIES_CLOSED_EFFECTIVE,
	CLOSED_NONCONFORMITIES,
	_("Closed nonconformities verified effective"),
	_("{missing} of {total} closed nonconformities were not verified as effective."),
	list_route("nonconformity", workflow_state="Closed"),
)
PARTIES_ADDRESSED = every(
	Fact.INTERESTED_PARTIES_ADDRESSED_HOW,
	ADDRESSED_PARTIES,
	_("Interested parties addressed, with how"),
	_("{missing} of {total} interested parties addressed by the AIMS do not say how."),
	list_route("interested-party", addressed_by_aims=1, how_addressed=["is", "not set"]),
)


# Clause 9.1, A.6.2.6, A.7.4: systems watched in operation (AI Monitoring Metric) and high-risk systems'
# fairness evaluated (AI Fairness Evaluation).
OPERATING_SYSTEMS = Population(Fact.IN_SCOPE_SYSTEMS_OPERATING)
HIGH_RISK_SYSTEMS = Population(Fact.IN_SCOPE_SYSTEMS_HIGH_RISK)
SYSTEMS_MONITORED = every(
	Fact.IN_SCOPE_SYSTEMS_OPERATING_MONITORED,
	OPERATING_SYSTEMS,
	_("In-scope AI systems in operation with a monitoring metric measured within its frequency"),
	_(
		"{missing} of {total} in-scope AI systems in operation have no monitoring metric measured within "
		"its frequency."
	),
	new_route("ai-monitoring-metric"),
)
HIGH_RISK_FAIRNESS_EVALUATED = every(
	Fact.IN_SCOPE_SYSTEMS_HIGH_RISK_FAIRNESS_EVALUATED,
	HIGH_RISK_SYSTEMS,
	_("High-risk AI systems with a fairness evaluation within the review interval"),
	_(
		"{missing} of {total} high-risk AI systems have no submitted fairness evaluation within the interval "
		"set in AIMS Settings."
	),
	new_route("ai-fairness-evaluation"),
)


# Clause 4.2 (legal requirements of interested parties): the EU AI Act obligations of in-scope systems, dated
# by the library, addressed once they apply, and those that start to apply within a month.
SYSTEMS_WITH_OBLIGATIONS_APPLYING = Population(Fact.IN_SCOPE_SYSTEMS_OBLIGATIONS_APPLYING)
SYSTEMS_WITH_OBLIGATIONS_UPCOMING = Population(Fact.IN_SCOPE_SYSTEMS_OBLIGATIONS_UPCOMING)
OBLIGATIONS_APPLYING_ADDRESSED = every(
	Fact.IN_SCOPE_SYSTEMS_OBLIGATIONS_APPLYING_ADDRESSED,
	SYSTEMS_WITH_OBLIGATIONS_APPLYING,
	_("In-scope AI systems whose EU AI Act obligations that apply today are all addressed"),
	_(
		"{missing} of {total} in-scope AI systems have EU AI Act obligations that apply today and are not "
		"marked as addressed."
	),
	list_route("ai-system", in_scope=1),
)
OBLIGATIONS_UPCOMING_ADDRESSED = every(
	Fact.IN_SCOPE_SYSTEMS_OBLIGATIONS_UPCOMING_ADDRESSED,
	SYSTEMS_WITH_OBLIGATIONS_UPCOMING,
	_("In-scope AI systems whose EU AI Act obligations that start to apply within a month are addressed"),
	_(
		"{missing} of {total} in-scope AI systems have EU AI Act obligations that start to apply within a "
		"month and are not marked as addressed yet."
	),
	list_route("ai-system", in_scope=1, next_obligation_on=["is", "set"]),
)


def dataset_check(fact: Fact, found: str, missing: str, field_name: str) -> Check:
	return every(
		fact, SCOPE_DATASETS, found, missing, list_route("ai-dataset", **{field_name: ["is", "not set"]})
	)


CLAUSE_RULES: dict[str, tuple[Check, ...]] = {
	"4.1": (
		some(
			Fact.CONTEXT_ISSUES_EXTERNAL,
			_("External issues"),
			_("No external issue is recorded."),
			new_route("context-issue"),
		),
		some(
			Fact.CONTEXT_ISSUES_INTERNAL,
			_("Internal issues"),
			_("No internal issue is recorded."),
			new_route("context-issue"),
		),
		every(
			Fact.CONTEXT_ISSUES_OPEN_REVIEWED,
			CONTEXT_ISSUES,
			_("Open issues within their review date"),
			_("{missing} of {total} open context issues are past their review date."),
			list_route("context-issue", review_date=["<", "Today"]),
		),
	),
	"4.2": (
		some(
			Fact.INTERESTED_PARTIES,
			_("Interested parties"),
			_("No interested party is recorded."),
			new_route("interested-party"),
		),
		every(
			Fact.INTERESTED_PARTIES_REVIEWED,
			INTERESTED_PARTIES,
			_("Interested parties within their review date"),
			_("{missing} of {total} interested parties are past their review date."),
			list_route("interested-party", review_date=["<", "Today"]),
		),
		PARTIES_ADDRESSED,
		OBLIGATIONS_APPLYING_ADDRESSED,
		OBLIGATIONS_UPCOMING_ADDRESSED,
	),
	"4.3": (
		SCOPE_CURRENT,
		every(
			Fact.IN_SCOPE_SYSTEMS_LISTED,
			IN_SCOPE_SYSTEMS,
			_("In-scope AI systems included in a submitted scope"),
			_("{missing} of {total} in-scope AI systems are not included in a submitted AIMS scope."),
			new_route("aims-scope"),
		),
	),
	"4.4": (
		some(
			Fact.VALUE_CHAIN_ROLES,
			_("Roles in the AI value chain"),
			_("AIMS Settings do not say which roles the organisation plays in the AI value chain."),
			desk_path("aims-settings"),
		),
		some(
			Fact.RISK_APPETITE_SET,
			_("Risk appetite set"),
			_("AIMS Settings set no risk appetite."),
			desk_path("aims-settings"),
		),
		SCOPE_CURRENT,
	),
	"5.1": (POLICY_PUBLISHED, OBJECTIVES_EXIST, REVIEW_HELD),
	"5.2": (POLICY_PUBLISHED, POLICY_CURRENT),
	"5.3": (ROLES_ASSIGNED,),
	"6.1.1": (
		some(
			Fact.CONTEXT_ISSUES_OPEN,
			_("Open context issues"),
			_("No open context issue is recorded."),
			new_route("context-issue"),
		),
		some(
			Fact.INTERESTED_PARTIES,
			_("Interested parties"),
			_("No interested party is recorded."),
			new_route("interested-party"),
		),
		some(
			Fact.RISK_APPETITE_SET,
			_("Risk appetite set"),
			_("AIMS Settings set no risk appetite."),
			desk_path("aims-settings"),
		),
	),
	"6.1.2": (
		some(Fact.RISKS, _("AI risks"), _("No AI risk is recorded."), new_route("ai-risk")),
		every(
			Fact.RISKS_OPEN_SCORED,
			OPEN_RISKS,
			_("Open risks scored"),
			_("{missing} of {total} open risks have no likelihood and impact scored."),
			list_route("ai-risk", inherent_level=["is", "not set"]),
		),
		OPEN_RISKS_CURRENT,
		SYSTEMS_WITH_RISKS,
	),
	"6.1.3": (
		every(
			Fact.RISKS_OPEN_PLANNED,
			OPEN_RISKS,
			_("Open risks with a treatment option"),
			_("{missing} of {total} open risks have no treatment option."),
			list_route("ai-risk", treatment_option=["is", "not set"]),
		),
		every(
			Fact.RISKS_MODIFY_WITH_CONTROLS,
			MODIFIED_RISKS,
			_("Risks being modified that name their controls"),
			_("{missing} of {total} risks to be modified name no control."),
			list_route("ai-risk", treatment_option="Modify"),
		),
		RETAINED_RISKS_ACCEPTED,
		RISKS_ABOVE_APPETITE_DECIDED,
		some(
			Fact.SOA_APPROVED,
			_("Approved Statements of Applicability"),
			_("No Statement of Applicability has been approved."),
			new_route("statement-of-applicability"),
		),
	),
	"6.1.4": (SYSTEMS_ASSESSED,),
	"6.2": (OBJECTIVES_EXIST, OBJECTIVES_TARGETED, OBJECTIVES_NOT_MISSED),
	"6.3": EVIDENCE,
	"7.1": (SYSTEMS_WITH_RESOURCES, *EVIDENCE),
	"7.2": (PEOPLE_COMPETENT,),
	"7.3": (POLICY_PUBLISHED, *EVIDENCE),
	"7.4": (PARTIES_ADDRESSED, *EVIDENCE),
	"7.5.1": (
		some(
			Fact.EVIDENCE_RECORDS_CURRENT,
			_("Current evidence records"),
			_("No current evidence is recorded."),
			NEW_EVIDENCE,
		),
	),
	"7.5.2": (
		every(
			Fact.EVIDENCE_RECORDS_VERSIONED,
			EVIDENCE_RECORDS,
			_("Evidence records with a version"),
			_("{missing} of {total} evidence records carry no version."),
			list_route("aims-evidence", document_version=["is", "not set"]),
		),
	),
	"7.5.3": (
		every(
			Fact.EVIDENCE_RECORDS_CURRENT,
			EVIDENCE_RECORDS,
			_("Evidence records within their validity"),
			_("{missing} of {total} evidence records have expired."),
			list_route("aims-evidence", valid_until=["<", "Today"]),
		),
	),
	"8.1": (SYSTEMS_REVIEWED, DEPLOYED_BY_REVIEW, NO_UNAPPROVED_CHANGE, *EVIDENCE),
	"8.2": (SYSTEMS_WITH_RISKS, OPEN_RISKS_CURRENT),
	"8.3": (
		every(
			Fact.RISKS_MODIFY_CONTROLS_DONE,
			MODIFIED_RISKS,
			_("Risks being modified whose controls are all implemented"),
			_("{missing} of {total} risks to be modified wait for a control to be implemented."),
			list_route("ai-risk", treatment_option="Modify"),
		),
		RETAINED_RISKS_ACCEPTED,
	),
	"8.4": (SYSTEMS_ASSESSED, ASSESSMENTS_NOT_FLAGGED),
	"9.1": (OBJECTIVES_MEASURED, SYSTEMS_MONITORED, *EVIDENCE),
	"9.2.1": (INTERNAL_AUDIT_DONE,),
	"9.2.2": (
		some(
			Fact.AUDIT_PROGRAMMES_CURRENT,
			_("Audit programmes for this year"),
			_("No audit programme covers this year."),
			new_route("audit-programme"),
		),
		INTERNAL_AUDIT_DONE,
	),
	"9.3.1": (REVIEW_HELD,),
	"9.3.2": (
		some(
			Fact.REVIEWS_12M_WITH_INPUTS,
			_("Reviews in the last 12 months with their inputs compiled"),
			_("No management review in the last 12 months compiled its inputs."),
			new_route("management-review"),
		),
	),
	"9.3.3": (
		some(
			Fact.REVIEWS_12M_WITH_DECISIONS,
			_("Reviews in the last 12 months with recorded decisions"),
			_("No management review in the last 12 months recorded its decisions."),
			new_route("management-review"),
		),
	),
	"10.1": (
		some(
			Fact.IMPROVEMENT_DECISIONS_12M,
			_("Improvements decided in management reviews of the last 12 months"),
			_("No management review of the last 12 months decided an improvement or a change to the AIMS."),
			new_route("management-review"),
		),
		NONCONFORMITIES_VERIFIED,
	),
	"10.2": (
		every(
			Fact.NONCONFORMITIES_OPEN_ON_TIME,
			OPEN_NONCONFORMITIES,
			_("Open nonconformities without overdue actions"),
			_("{missing} of {total} open nonconformities have overdue corrective actions."),
			list_route("nonconformity", has_overdue_actions=1),
		),
		NONCONFORMITIES_VERIFIED,
	),
}

# Annex A controls: what the app's records show, on top of every control's decision, owner and evidence.
CONTROL_RULES: dict[str, tuple[Check, ...]] = {
	"A.2.2": (POLICY_PUBLISHED,),
	"A.2.3": (),
	"A.2.4": (POLICY_CURRENT,),
	"A.3.2": (ROLES_ASSIGNED, SYSTEMS_ASSIGNED, OWNERS_PRESENT),
	"A.3.3": (),
	"A.4.2": (SYSTEMS_WITH_RESOURCES,),
	"A.4.3": (SYSTEMS_WITH_DATASETS,),
	"A.4.4": (
		every(
			Fact.IN_SCOPE_SYSTEMS_WITH_MODELS,
			IN_SCOPE_SYSTEMS,
			_("In-scope AI systems listing their models"),
			_("{missing} of {total} in-scope AI systems list no model."),
			list_route("ai-system", in_scope=1),
		),
	),
	"A.4.5": (),
	"A.4.6": (PEOPLE_COMPETENT,),
	"A.5.2": (
		some(
			Fact.ASSESSMENTS_SUBMITTED,
			_("Submitted impact assessments"),
			_("No AI impact assessment has been submitted."),
			new_route("ai-impact-assessment"),
		),
	),
	"A.5.3": (SYSTEMS_ASSESSED,),
	"A.5.4": (
		every(
			Fact.ASSESSMENTS_CURRENT_WITH_PARTIES,
			CURRENT_ASSESSMENTS,
			_("Current impact assessments naming the people affected"),
			_("{missing} of {total} current impact assessments name no affected individuals or groups."),
			list_route("ai-impact-assessment", docstatus=1),
		),
	),
	"A.5.5": (SYSTEMS_ASSESSED,),
	"A.6.1.2": (OBJECTIVES_EXIST,),
	"A.6.1.3": (),
	"A.6.2.2": (SYSTEMS_SPECIFIED, SYSTEMS_WITH_REQUIREMENTS, SYSTEMS_KNOWN),
	"A.6.2.3": (
		every(
			Fact.IN_SCOPE_SYSTEMS_DESCRIBED,
			IN_SCOPE_SYSTEMS,
			_("In-scope AI systems with a description of their design"),
			_("{missing} of {total} in-scope AI systems have no description."),
			list_route("ai-system", in_scope=1, description=["is", "not set"]),
		),
		SYSTEMS_WITH_REQUIREMENTS,
	),
	"A.6.2.4": (
		every(
			Fact.SCOPE_MODELS_VALIDATED,
			SCOPE_MODELS,
			_("Models of in-scope systems validated or in production"),
			_("{missing} of {total} models of in-scope AI systems are not validated."),
			list_route("ai-model", status=["not in", ["Validated", "In production"]]),
		),
		DEPLOYED_VERIFIED,
	),
	"A.6.2.5": (SYSTEMS_OVERSEEN, DEPLOYED_PLANNED, DEPLOYED_BY_REVIEW),
	"A.6.2.6": (SYSTEMS_REVIEWED, SYSTEMS_MONITORED),
	"A.6.2.7": (
		every(
			Fact.SCOPE_MODELS_DOCUMENTED,
			SCOPE_MODELS,
			_("Models of in-scope systems with a model card or registry entry"),
			_("{missing} of {total} models of in-scope AI systems have no model card or registry entry."),
			list_route("ai-model", model_card_url=["is", "not set"]),
		),
		SYSTEMS_WITH_REQUIREMENTS,
		DEPLOYED_VERIFIED,
	),
	"A.6.2.8": (DEPLOYED_LOGGED,),
	"A.7.2": (SYSTEMS_WITH_DATASETS,),
	"A.7.3": (
		dataset_check(
			Fact.SCOPE_DATASETS_ACQUIRED,
			_("Datasets of in-scope systems saying how they were acquired"),
			_("{missing} of {total} datasets of in-scope AI systems do not say how they were acquired."),
			"acquisition",
		),
		every(
			Fact.SCOPE_PERSONAL_DATASETS_LAWFUL,
			SCOPE_PERSONAL_DATASETS,
			_("Datasets with personal data under the GDPR that state their legal basis"),
			_("{missing} of {total} datasets with personal data under the GDPR state no legal basis."),
			list_route(
				"ai-dataset", contains_personal_data=1, gdpr_does_not_apply=0, legal_basis=["is", "not set"]
			),
		),
	),
	"A.7.4": (
		dataset_check(
			Fact.SCOPE_DATASETS_QUALITY,
			_("Datasets of in-scope systems with quality and bias checks"),
			_("{missing} of {total} datasets of in-scope AI systems record no quality or bias checks."),
			"quality_checks",
		),
		HIGH_RISK_FAIRNESS_EVALUATED,
	),
	"A.7.5": (
		dataset_check(
			Fact.SCOPE_DATASETS_PROVENANCE,
			_("Datasets of in-scope systems with their provenance"),
			_("{missing} of {total} datasets of in-scope AI systems record no provenance."),
			"provenance",
		),
	),
	"A.7.6": (
		dataset_check(
			Fact.SCOPE_DATASETS_PREPARED,
			_("Datasets of in-scope systems with their preparation steps"),
			_("{missing} of {total} datasets of in-scope AI systems record no preparation steps."),
			"preparation_steps",
		),
	),
	"A.8.2": (SYSTEMS_SPECIFIED,),
	"A.8.3": (),
	"A.8.4": (
		every(
			Fact.INCIDENTS_REPORTED_ON_TIME,
			REPORTABLE_INCIDENTS,
			_("Reportable incidents not overdue"),
			_("{missing} of {total} incidents that must be reported are overdue."),
			list_route("ai-incident", report_status="Overdue"),
		),
	),
	"A.8.5": (
		every(
			Fact.IN_SCOPE_SYSTEMS_WITH_PARTIES,
			IN_SCOPE_SYSTEMS,
			_("In-scope AI systems naming their interested parties"),
			_("{missing} of {total} in-scope AI systems name no interested party."),
			list_route("ai-system", in_scope=1),
		),
		PARTIES_ADDRESSED,
	),
	"A.9.2": (SYSTEMS_OVERSEEN, DEPLOYED_BY_REVIEW),
	"A.9.3": (OBJECTIVES_EXIST, OBJECTIVES_TARGETED),
	"A.9.4": (SYSTEMS_SPECIFIED, NO_UNAPPROVED_CHANGE),
	"A.10.2": (
		every(
			Fact.SCOPE_SUPPLIERS_WITH_RESPONSIBILITIES,
			SCOPE_SUPPLIERS,
			_("Suppliers of in-scope systems with responsibilities agreed"),
			_("{missing} of {total} suppliers of in-scope AI systems have no responsibilities recorded."),
			list_route("ai-supplier", responsibilities=["is", "not set"]),
		),
	),
	"A.10.3": (
		every(
			Fact.SCOPE_SUPPLIERS_ASSESSED,
			SCOPE_SUPPLIERS,
			_("Suppliers of in-scope systems approved and not due for reassessment"),
			_(
				"{missing} of {total} suppliers of in-scope AI systems are unapproved or due for reassessment."
			),
			list_route("ai-supplier"),
		),
	),
	"A.10.4": (),
}


@dataclass(frozen=True)
class ControlDecision:
	"""A control's Control Implementation: whether it applies, how far it is implemented, who owns it."""

	name: str
	applicable: bool
	justification: str | None
	implementation_status: str | None
	owner: str | None


@dataclass(frozen=True)
class Assessment:
	status: str
	found: tuple[Message, ...] = ()
	missing: tuple[Message, ...] = ()
	route: str | None = None  # where to fix the first thing missing


def control_route(decision: ControlDecision) -> str:
	return desk_path(f"control-implementation/{quote(decision.name)}")


def decision_findings(decision: ControlDecision) -> list[Finding]:
	route = control_route(decision)
	status = decision.implementation_status or "Not started"
	if status == IMPLEMENTED:
		implemented = Finding(1, found=Message(_("Implemented")))
	elif status == PARTIALLY_IMPLEMENTED:
		implemented = Finding(0.5, missing=Message(_("The control is only partly implemented.")), route=route)
	else:
		missing = Message(_("The control is not implemented yet (status: {status})."), {"status": status})
		implemented = Finding(0, missing=missing, route=route)
	owner = (
		Finding(1, found=Message(_("Owner: {owner}"), {"owner": decision.owner}))
		if decision.owner
		else Finding(0, missing=Message(_("No one owns the control.")), route=route)
	)
	return [implemented, owner]


def assess(
	requirement_id: str, facts: Mapping[Fact, int], decision: ControlDecision | None = None
) -> Assessment:
	"""The status of one assessable requirement. `facts` holds the organisation's counts and this
	requirement's own evidence counts (`REQUIREMENT_FACTS` in fact_names.py); a fact it lacks counts as none."""
	if requirement_id in CLAUSE_RULES:
		findings = [check.evaluate(facts) for check in CLAUSE_RULES[requirement_id]]
	elif decision is None:
		missing = Message(_("The control has no Control Implementation: run a migrate to create it."))
		return Assessment(GAP, missing=(missing,))
	elif not decision.applicable:
		if decision.justification:
			excluded = Message(_("Excluded: {reason}"), {"reason": decision.justification})
			return Assessment(NOT_APPLICABLE, found=(excluded,))
		missing = Message(_("The control is excluded without a justification."))
		return Assessment(NOT_APPLICABLE, missing=(missing,), route=control_route(decision))
	else:
		checks = (*CONTROL_RULES.get(requirement_id, ()), *EVIDENCE)
		findings = [*decision_findings(decision), *(check.evaluate(facts) for check in checks)]
	gaps = unique([(f.missing, f.route) for f in findings if f.missing])
	return Assessment(
		status=status_of(findings),
		found=tuple(unique([f.found for f in findings if f.found])),
		missing=tuple(message for message, _route in gaps),
		route=next((route for _message, route in gaps if route), None),
	)


def unique(items: list) -> list:
	"""The items without repeats, in order: two checks may report the same thing."""
	return [item for i, item in enumerate(items) if item not in items[:i]]


def status_of(findings: list[Finding]) -> str:
	if all(finding.score >= 1 for finding in findings):
		return READY
	if not any(finding.score for finding in findings if not finding.vacuous):
		return GAP
	return PARTIAL


def roll_up(statuses: Iterable[str]) -> str:
	"""A group's status from its assessable children: excluded controls do not count against it."""
	counted = [status for status in statuses if status != NOT_APPLICABLE]
	if not counted:
		return NOT_APPLICABLE
	if all(status == READY for status in counted):
		return READY
	if all(status == GAP for status in counted):
		return GAP
	return PARTIAL


def status_counts(statuses: Iterable[str]) -> dict[str, int]:
	counts = Counter(statuses)
	return {status: counts.get(status, 0) for status in STATUSES}


def group_summary(statuses: Iterable[str]) -> Message:
	counts = status_counts(statuses)
	return Message(
		_("{ready} ready, {partial} partial, {gap} gap, {not_applicable} not applicable"),
		{
			"ready": counts[READY],
			"partial": counts[PARTIAL],
			"gap": counts[GAP],
			"not_applicable": counts[NOT_APPLICABLE],
		},
	)
