"""The life of a nonconformity (clause 10.2): what each stage needs before it is entered."""

from dataclasses import dataclass
from datetime import date

from aims_app.messages import Message, _

STAGES = ("Open", "Correction", "Root Cause Analysis", "Action", "Verification", "Closed")


@dataclass(frozen=True)
class ActionFacts:
	owner: str
	due_date: date
	completed_on: date | None


@dataclass(frozen=True)
class NonconformityFacts:
	correction: str | None
	root_cause: str | None
	actions: tuple[ActionFacts, ...]
	effectiveness_result: str | None
	verified_by: str | None


def action_status(action: ActionFacts, today: date) -> str:
	if action.completed_on:
		return "Done"
	return "Overdue" if action.due_date < today else "Open"


def entry_refusal(stage: str, facts: NonconformityFacts) -> Message | None:
	"""Why the nonconformity may not enter `stage` yet, or None when it may."""
	if stage == "Root Cause Analysis" and not facts.correction:
		return Message(_("Record the correction made at once before analysing the root cause."))
	if stage == "Action" and not facts.root_cause:
		return Message(_("Record the root cause before planning corrective actions."))
	if stage == "Verification":
		if not facts.actions:
			return Message(_("Plan at least one corrective action with an owner and a due date."))
		if any(not a.completed_on for a in facts.actions):
			return Message(
				_("Every corrective action must be completed before its effectiveness is verified.")
			)
	if stage == "Closed":
		if facts.effectiveness_result != "Effective":
			return Message(_("Closing needs an effectiveness check whose result is Effective."))
		if not facts.verified_by:
			return Message(_("Record who verified the effectiveness."))
		if facts.verified_by in {a.owner for a in facts.actions}:
			return Message(
				_(
					"The effectiveness must be verified by someone other than the owner of a corrective action."
				)
			)
	return None
