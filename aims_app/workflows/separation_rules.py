"""Separation of duties, one rule for every approval the AIMS asks for: whoever asked for a decision never takes
it, whatever their roles (Administrator included), so that every approval is someone else's check.

Where a workflow's transition forbids self-approval, its guard (aims_app.workflows.guard) asks this for whoever
takes it; the stage review, change and risk acceptance controllers ask it again when they are signed."""

from aims_app.messages import Message, _


def self_approval_refusal(is_requester: bool, self_approval_allowed: bool = False) -> Message | None:
	"""Why this person may not take the decision, or None when they may. The requester is who drafted the
	record or asked for its approval."""
	if is_requester and not self_approval_allowed:
		return Message(_("You asked for this: someone else must approve it."))
	return None


def requesters(owner: str | None, requested_by: str | None) -> set[str]:
	"""Who asked for a decision on a record: who drafted it, and who sent it for approval where it says so."""
	return {user for user in (owner, requested_by) if user}
