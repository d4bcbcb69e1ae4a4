"""Gate criteria of an AI system's life cycle (8.1, A.6.2.2 to A.6.2.8, A.9), and who may sign a step.

An AI System moves from one stage to another only by an approved AI System Stage Review. The review lists
the criteria of each gate it passes, each decided here from facts about the system's records (gathered by
facts.py beside this file). A gate skipped, or passed with a criterion unmet, needs a written justification.
No Frappe import: the static suite tests this module without a site.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from aims_app.messages import Joined, Message, _
from aims_app.workflows.separation_rules import self_approval_refusal

CONCEPT = "Concept"
DESIGN = "Design and development"
VERIFICATION = "Verification and validation"
DEPLOYMENT = "Deployment"
OPERATION = "Operation and monitoring"
RETIRED = "Retired"
STAGES = (CONCEPT, DESIGN, VERIFICATION, DEPLOYMENT, OPERATION, RETIRED)
# Recorded where the stage is not known yet (an imported inventory): not a stage, so no gate leads from it.
UNKNOWN_STAGE = "Unknown"

HIGH_RISK = "High-risk"
# Tiers whose stage reviews and changes the system's owner may approve; the others need an AIMS Approver.
OWNER_APPROVES_TIERS = frozenset({"Limited risk", "Minimal risk"})
VALIDATED_MODEL_STATUSES = frozenset({"Validated", "In production"})


@dataclass(frozen=True)
class DatasetFacts:
	name: str
	has_provenance: bool
	has_quality_checks: bool


@dataclass(frozen=True)
class ModelFacts:
	name: str
	status: str


@dataclass(frozen=True)
class ObligationFacts:
	article: str
	addressed: bool


@dataclass(frozen=True)
class SystemFacts:
	"""What the records say about one AI system, as the gates read it."""

	tier: str | None = None
	requirements: bool = False
	datasets: tuple[DatasetFacts, ...] = ()
	models: tuple[ModelFacts, ...] = ()
	verification_results: bool = False
	current_assessment: str | None = None  # the signed impact assessment not flagged for review
	unaccepted_risks_above_appetite: tuple[str, ...] = ()
	deployment_plan: bool = False
	human_oversight: bool = False
	obligations: tuple[ObligationFacts, ...] = ()
	monitoring_plan: bool = False
	event_logging: bool = False
	retirement_plan: bool = False


@dataclass(frozen=True)
class Result:
	"""One criterion of a gate, decided: met, what was found and what is missing."""

	key: str
	controls: str
	label: Message
	met: bool
	found: Message | None = None
	missing: Message | None = None


@dataclass(frozen=True)
class Criterion:
	key: str
	controls: str
	label: Message
	decide: Callable[[SystemFacts], tuple[bool, Message | None, Message | None]] = field(compare=False)

	def result(self, facts: SystemFacts) -> Result:
		met, found, missing = self.decide(facts)
		return Result(self.key, self.controls, self.label, met, found, missing)


def recorded(attribute: str, found: str, missing: str):
	"""A criterion met when a description of the system is recorded."""

	def decide(facts: SystemFacts):
		if getattr(facts, attribute):
			return True, Message(found), None
		return False, None, Message(missing)

	return decide


def datasets_documented(facts: SystemFacts):
	if not facts.datasets:
		return False, None, Message(_("No dataset is listed on the system."))
	lacking = tuple(d.name for d in facts.datasets if not (d.has_provenance and d.has_quality_checks))
	found = Message(
		_("{count} dataset(s) listed, {documented} with provenance and quality checks"),
		{"count": len(facts.datasets), "documented": len(facts.datasets) - len(lacking)},
	)
	if lacking:
		return (
			False,
			found,
			Message(_("Provenance or quality checks missing on: {names}"), {"names": Joined(lacking)}),
		)
	return True, found, None


def models_verified(facts: SystemFacts):
	if not facts.models:
		return False, None, Message(_("No model is listed on the system."))
	unverified = tuple(m.name for m in facts.models if m.status not in VALIDATED_MODEL_STATUSES)
	missing = []
	if unverified:
		missing.append(Message(_("not validated: {names}"), {"names": Joined(unverified)}))
	if not facts.verification_results:
		missing.append(Message(_("no verification and validation results recorded on the system")))
	found = Message(
		_("{validated} of {count} current model version(s) validated"),
		{"validated": len(facts.models) - len(unverified), "count": len(facts.models)},
	)
	if missing:
		return False, found, Message(_("{items}."), {"items": Joined(tuple(missing), "; ")})
	return True, found, None


def assessment_current(facts: SystemFacts):
	if facts.current_assessment:
		return True, Message(_("Signed impact assessment {name}"), {"name": facts.current_assessment}), None
	return (
		False,
		None,
		Message(_("No signed impact assessment that is still current (not flagged for review).")),
	)


def risks_within_appetite(facts: SystemFacts):
	if facts.unaccepted_risks_above_appetite:
		return (
			False,
			None,
			Message(
				_("Open risks above the appetite without a current acceptance: {names}"),
				{"names": Joined(facts.unaccepted_risks_above_appetite)},
			),
		)
	return True, Message(_("No open risk above the appetite without a current acceptance")), None


def obligations_addressed(facts: SystemFacts):
	if facts.tier != HIGH_RISK:
		return True, Message(_("Not a high-risk system: no EU AI Act high-risk obligations to address")), None
	open_articles = tuple(o.article for o in facts.obligations if not o.addressed)
	if open_articles:
		return (
			False,
			None,
			Message(
				_("EU AI Act obligations not marked as addressed: {articles}"),
				{"articles": Joined(open_articles)},
			),
		)
	return (
		True,
		Message(
			_("{count} EU AI Act obligation(s) of our role addressed"), {"count": len(facts.obligations)}
		),
		None,
	)


REQUIREMENTS = Criterion(
	"requirements",
	"A.6.2.2, A.6.2.3",
	Message(_("Requirements and specification recorded")),
	recorded(
		"requirements",
		_("Requirements and specification recorded on the system"),
		_("No requirements and specification recorded on the system."),
	),
)
DATASETS = Criterion(
	"datasets", "A.7.4, A.7.5", Message(_("Datasets with provenance and quality checks")), datasets_documented
)
VERIFIED_MODELS = Criterion(
	"verified_models",
	"A.6.2.4",
	Message(_("Verification and validation evidence for the current model versions")),
	models_verified,
)
IMPACT_ASSESSMENT = Criterion(
	"impact_assessment", "A.5.2", Message(_("A current signed impact assessment")), assessment_current
)
RISKS = Criterion(
	"risks",
	"8.2, 8.3",
	Message(_("No open risk above the appetite without a current acceptance")),
	risks_within_appetite,
)
DEPLOYMENT_PLAN = Criterion(
	"deployment_plan",
	"A.6.2.5",
	Message(_("A deployment plan")),
	recorded(
		"deployment_plan", _("Deployment plan recorded"), _("No deployment plan recorded on the system.")
	),
)
HUMAN_OVERSIGHT = Criterion(
	"human_oversight",
	"A.9.2, A.9.3",
	Message(_("Human oversight described")),
	recorded(
		"human_oversight", _("Human oversight described"), _("The system's human oversight is not described.")
	),
)
OBLIGATIONS = Criterion(
	"obligations",
	"A.5.2, EU AI Act",
	Message(_("EU AI Act obligations of our role addressed (high-risk systems)")),
	obligations_addressed,
)
MONITORING_PLAN = Criterion(
	"monitoring_plan",
	"A.6.2.6",
	Message(_("A monitoring plan")),
	recorded(
		"monitoring_plan", _("Monitoring plan recorded"), _("No monitoring plan recorded on the system.")
	),
)
EVENT_LOGGING = Criterion(
	"event_logging",
	"A.6.2.8",
	Message(_("Event logging defined")),
	recorded("event_logging", _("Event logging defined"), _("No event logging defined on the system.")),
)
RETIREMENT_PLAN = Criterion(
	"retirement_plan",
	"A.6.2.5",
	Message(_("A retirement plan (data, users told, records kept)")),
	recorded(
		"retirement_plan", _("Retirement plan recorded"), _("No retirement plan recorded on the system.")
	),
)

# The rule table: what a system needs on entering each stage.
GATES: dict[str, tuple[Criterion, ...]] = {
	CONCEPT: (),
	DESIGN: (),
	VERIFICATION: (REQUIREMENTS, DATASETS),
	DEPLOYMENT: (VERIFIED_MODELS, IMPACT_ASSESSMENT, RISKS, DEPLOYMENT_PLAN, HUMAN_OVERSIGHT, OBLIGATIONS),
	OPERATION: (MONITORING_PLAN, EVENT_LOGGING),
	RETIRED: (RETIREMENT_PLAN,),
}


def stage_index(stage: str) -> int:
	if stage not in STAGES:
		raise ValueError(stage)
	return STAGES.index(stage)


def next_stage(current: str) -> str | None:
	"""The stage a system goes to next on its way forward, or None once retired or while unknown."""
	if current == UNKNOWN_STAGE:
		return None
	index = stage_index(current)
	return STAGES[index + 1] if index + 1 < len(STAGES) else None


def is_skip(current: str, target: str) -> bool:
	"""Whether the step leaves out a stage on the way forward; retirement may follow any stage."""
	return target != RETIRED and stage_index(target) > stage_index(current) + 1


def gates_passed(current: str, target: str) -> tuple[str, ...]:
	"""The stages whose gates the step passes: each stage after the current one up to the target (a skipped
	stage's criteria still apply); none on a step back, which returns a system to rework."""
	if target == RETIRED:
		return (RETIRED,)
	return STAGES[stage_index(current) + 1 : stage_index(target) + 1]


def criteria_results(current: str, target: str, facts: SystemFacts) -> list[Result]:
	return [criterion.result(facts) for stage in gates_passed(current, target) for criterion in GATES[stage]]


def step_refusal(current: str, target: str, skip_justification: str | None) -> Message | None:
	"""Why a stage review cannot ask for this step, or None when it can."""
	if target == current:
		return Message(_("The system is already at {stage}: choose another target stage."), {"stage": target})
	if current == RETIRED:
		return Message(_("The system is retired: it has no further stage."))
	if current == UNKNOWN_STAGE:
		return Message(
			_(
				"The system's stage is recorded as Unknown: record the stage it has reached on the AI System "
				"first (no review is needed for that), then review the step from there."
			)
		)
	if is_skip(current, target) and not (skip_justification or "").strip():
		skipped = STAGES[stage_index(current) + 1 : stage_index(target)]
		return Message(
			_("Going from {current} to {target} skips {skipped}: write a Skip Justification."),
			{"current": current, "target": target, "skipped": Joined(skipped)},
		)
	return None


def needs_approver(tier: str | None, settings_require_approver: bool) -> bool:
	"""Whether an AIMS Approver must sign: high-risk and every tier but limited and minimal risk, or always
	where the AIMS Settings say so. Otherwise the system's owner signs."""
	return settings_require_approver or tier not in OWNER_APPROVES_TIERS


def approval_refusal(
	needs_an_approver: bool, is_requester: bool, is_system_owner: bool, is_approver: bool
) -> Message | None:
	"""Why this person may not approve a stage review or change, or None when they may. Never the person who
	asked for it; an AIMS Approver where one is needed; otherwise the system's owner or an AIMS Approver."""
	if refusal := self_approval_refusal(is_requester):
		return refusal
	if needs_an_approver and not is_approver:
		return Message(_("Only an AIMS Approver can approve this for a system of this tier."))
	if not (is_system_owner or is_approver):
		return Message(_("Only the system's owner or an AIMS Approver can approve this."))
	return None


def approvers_to_assign(
	needs_an_approver: bool, asked_by: set[str], system_owner: str | None, approvers: list[str]
) -> list[str]:
	"""Whom a request for approval waits on, to be given it as a task: the system's owner where they may approve
	it and did not ask for it, else every AIMS Approver who did not ask for it."""
	if not needs_an_approver and system_owner and system_owner not in asked_by:
		return [system_owner]
	return sorted(user for user in set(approvers) if user not in asked_by)


def unjustified(results: list[tuple[str, bool, str | None]]) -> list[str]:
	"""The criteria (key, met, justification) left unmet without a written justification."""
	return [key for key, met, justification in results if not met and not (justification or "").strip()]
