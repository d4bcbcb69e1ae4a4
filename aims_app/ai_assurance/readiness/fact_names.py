"""The facts readiness decides on: the one list of names that the rules (rules.py) read and the Frappe layer
(facts.py) counts. A fact is a count of records, e.g. `Fact.IN_SCOPE_SYSTEMS_ASSESSED`: in-scope AI systems
with a current impact assessment. A misspelt fact is an AttributeError when its module is imported.

Each value is its name in lower case (`auto()`): the column alias of its count in facts.py's queries. A
member is a `str`, so it serves as a dict key and an SQL alias as the plain name would.
"""

from enum import Enum, auto


class Fact(str, Enum):
	"""Python 3.11's StrEnum, written out for Python 3.10, which Frappe 15 runs on too."""

	@staticmethod
	def _generate_next_value_(name, start, count, last_values):
		return name.lower()

	def __str__(self) -> str:
		return self.value

	# Governance: AIMS Settings, scope, context, interested parties, policies, roles, objectives, people
	VALUE_CHAIN_ROLES = auto()
	RISK_APPETITE_SET = auto()
	SCOPES_CURRENT = auto()
	CONTEXT_ISSUES_EXTERNAL = auto()
	CONTEXT_ISSUES_INTERNAL = auto()
	CONTEXT_ISSUES_OPEN = auto()
	CONTEXT_ISSUES_OPEN_REVIEWED = auto()
	INTERESTED_PARTIES = auto()
	INTERESTED_PARTIES_REVIEWED = auto()
	INTERESTED_PARTIES_ADDRESSED = auto()
	INTERESTED_PARTIES_ADDRESSED_HOW = auto()
	POLICIES_PUBLISHED = auto()
	POLICIES_CURRENT = auto()
	ROLE_ASSIGNMENTS_CURRENT = auto()
	OBJECTIVES = auto()
	OBJECTIVES_WITH_TARGET = auto()
	OBJECTIVES_MEASURED = auto()
	OBJECTIVES_NOT_MISSED = auto()
	AIMS_PEOPLE = auto()
	AIMS_PEOPLE_COMPETENT = auto()

	# Impact assessments; datasets, models and suppliers of in-scope systems; incidents
	ASSESSMENTS_SUBMITTED = auto()
	ASSESSMENTS_CURRENT = auto()
	ASSESSMENTS_CURRENT_FLAGGED = auto()
	ASSESSMENTS_CURRENT_WITH_PARTIES = auto()
	SCOPE_DATASETS = auto()
	SCOPE_DATASETS_ACQUIRED = auto()
	SCOPE_DATASETS_QUALITY = auto()
	SCOPE_DATASETS_PROVENANCE = auto()
	SCOPE_DATASETS_PREPARED = auto()
	SCOPE_PERSONAL_DATASETS = auto()
	SCOPE_PERSONAL_DATASETS_LAWFUL = auto()
	SCOPE_MODELS = auto()
	SCOPE_MODELS_VALIDATED = auto()
	SCOPE_MODELS_DOCUMENTED = auto()
	SCOPE_SUPPLIERS = auto()
	SCOPE_SUPPLIERS_ASSESSED = auto()
	SCOPE_SUPPLIERS_WITH_RESPONSIBILITIES = auto()
	INCIDENTS_REPORTABLE = auto()
	INCIDENTS_REPORTED_ON_TIME = auto()

	SOA_APPROVED = auto()

	# Audits, management reviews, nonconformities
	AUDIT_PROGRAMMES_CURRENT = auto()
	INTERNAL_AUDITS_12M = auto()
	REVIEWS_12M = auto()
	REVIEWS_12M_WITH_INPUTS = auto()
	REVIEWS_12M_WITH_DECISIONS = auto()
	IMPROVEMENT_DECISIONS_12M = auto()
	NONCONFORMITIES_OPEN = auto()
	NONCONFORMITIES_OPEN_ON_TIME = auto()
	NONCONFORMITIES_CLOSED = auto()
	NONCONFORMITIES_CLOSED_EFFECTIVE = auto()

	# Records owned by people who have left (where ERPNext is installed)
	RECORDS_OWNED_BY_LEAVERS = auto()

	# In-scope AI systems: their own fields
	IN_SCOPE_SYSTEMS = auto()
	IN_SCOPE_SYSTEMS_SPECIFIED = auto()
	IN_SCOPE_SYSTEMS_DESCRIBED = auto()
	IN_SCOPE_SYSTEMS_OVERSEEN = auto()
	IN_SCOPE_SYSTEMS_KNOWN = auto()
	IN_SCOPE_SYSTEMS_REVIEWED = auto()
	IN_SCOPE_SYSTEMS_WITH_REQUIREMENTS = auto()
	IN_SCOPE_SYSTEMS_UNAPPROVED_CHANGE = auto()
	IN_SCOPE_SYSTEMS_OPERATING = auto()
	IN_SCOPE_SYSTEMS_HIGH_RISK = auto()
	IN_SCOPE_SYSTEMS_DEPLOYED = auto()
	IN_SCOPE_SYSTEMS_DEPLOYED_VERIFIED = auto()
	IN_SCOPE_SYSTEMS_DEPLOYED_PLANNED = auto()
	IN_SCOPE_SYSTEMS_DEPLOYED_LOGGED = auto()

	# In-scope AI systems: what other records show of them
	IN_SCOPE_SYSTEMS_WITH_RISKS = auto()
	IN_SCOPE_SYSTEMS_LISTED = auto()
	IN_SCOPE_SYSTEMS_ASSIGNED = auto()
	IN_SCOPE_SYSTEMS_ASSESSED = auto()
	IN_SCOPE_SYSTEMS_WITH_RESOURCES = auto()
	IN_SCOPE_SYSTEMS_WITH_DATASETS = auto()
	IN_SCOPE_SYSTEMS_WITH_MODELS = auto()
	IN_SCOPE_SYSTEMS_WITH_PARTIES = auto()
	IN_SCOPE_SYSTEMS_OBLIGATIONS_APPLYING = auto()
	IN_SCOPE_SYSTEMS_OBLIGATIONS_APPLYING_ADDRESSED = auto()
	IN_SCOPE_SYSTEMS_OBLIGATIONS_UPCOMING = auto()
	IN_SCOPE_SYSTEMS_OBLIGATIONS_UPCOMING_ADDRESSED = auto()
	IN_SCOPE_SYSTEMS_DEPLOYED_BY_REVIEW = auto()
	IN_SCOPE_SYSTEMS_OPERATING_MONITORED = auto()
	IN_SCOPE_SYSTEMS_HIGH_RISK_FAIRNESS_EVALUATED = auto()

	# Risks
	RISKS = auto()
	RISKS_OPEN = auto()
	RISKS_OPEN_SCORED = auto()
	RISKS_OPEN_NOT_DUE = auto()
	RISKS_OPEN_PLANNED = auto()
	RISKS_MODIFY = auto()
	RISKS_RETAINED = auto()
	RISKS_RETAINED_ACCEPTED = auto()
	RISKS_ABOVE_APPETITE = auto()
	RISKS_MODIFY_WITH_CONTROLS = auto()
	RISKS_MODIFY_CONTROLS_DONE = auto()

	# Evidence records, and the evidence filed against one requirement (or a requirement above it)
	EVIDENCE_RECORDS = auto()
	EVIDENCE_RECORDS_CURRENT = auto()
	EVIDENCE_RECORDS_VERSIONED = auto()
	EVIDENCE_CURRENT = auto()
	EVIDENCE_EXPIRED = auto()


# Counted per requirement (its own evidence and its ancestors'); every other fact once for the organisation.
REQUIREMENT_FACTS = frozenset({Fact.EVIDENCE_CURRENT, Fact.EVIDENCE_EXPIRED})
ORGANISATION_FACTS = frozenset(Fact) - REQUIREMENT_FACTS
