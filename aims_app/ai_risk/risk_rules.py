"""Scoring an AI risk on the organisation's matrix, and who may accept what is left of it.

Inherent scores describe the risk before treatment, residual scores with the controls in place. Until
the residual is assessed the inherent level is the risk's current level.
"""

from dataclasses import dataclass

from aims_app.ai_risk.risk_matrix import RiskMatrix
from aims_app.messages import Message, _
from aims_app.workflows.separation_rules import self_approval_refusal

LIKELIHOOD = "likelihood"
IMPACT = "impact"


@dataclass(frozen=True)
class RiskScore:
	inherent_level: str
	residual_level: str | None
	exceeds_appetite: bool

	@property
	def current_level(self) -> str:
		return self.residual_level or self.inherent_level


def scale_size(matrix: RiskMatrix, axis: str) -> int:
	return len(matrix.likelihoods if axis == LIKELIHOOD else matrix.impacts)


def outside_scale(matrix: RiskMatrix, axis: str, value: int | None) -> Message | None:
	"""Why `value` cannot be scored on the axis, or None when it can."""
	size = scale_size(matrix, axis)
	if value is None or not 1 <= value <= size:
		return Message(_("{value} is outside the matrix (1 to {size})"), {"value": value or 0, "size": size})
	return None


def score_risk(
	matrix: RiskMatrix,
	likelihood: int,
	impact: int,
	residual_likelihood: int | None = None,
	residual_impact: int | None = None,
) -> RiskScore:
	"""Levels of a risk whose scores are on the matrix (check them with `outside_scale` first)."""
	inherent = matrix.level_for(likelihood, impact)
	residual = None
	if residual_likelihood and residual_impact:
		residual = matrix.level_for(residual_likelihood, residual_impact)
	return RiskScore(inherent, residual, matrix.exceeds_appetite(residual or inherent))


def residual_problem(matrix: RiskMatrix, score: RiskScore) -> Message | None:
	"""Treatment lowers a risk or leaves it: a residual level above the inherent one is a scoring mistake."""
	if score.residual_level and matrix.rank(score.residual_level) > matrix.rank(score.inherent_level):
		return Message(
			_(
				"The residual level {residual} ranks above the inherent level {inherent}: controls cannot "
				"raise a risk. Score a new risk for what they introduce."
			),
			# level names are the settings' own; the defaults are in the catalogue and show translated
			{"residual": Message(score.residual_level), "inherent": Message(score.inherent_level)},
		)
	return None


# Statuses in which a risk above the appetite no longer waits for anyone: top management has accepted it (an
# expired acceptance sends the risk back to "Review due"), or it is closed.
DECIDED_STATUSES = ("Accepted", "Closed")


def counts_above_appetite(exceeds_appetite: bool, status: str | None) -> bool:
	"""Whether a risk counts as above the appetite: one definition for the workspace card, the heat map, the
	risk register, readiness and the management review. Its current level (residual where assessed) ranks
	above the appetite, it is not closed, and no acceptance covers it."""
	return bool(exceeds_appetite) and status not in DECIDED_STATUSES


def above_appetite_filters() -> dict:
	"""`counts_above_appetite` as list filters (frappe.get_list, the Number Card's filters)."""
	return {"exceeds_appetite": 1, "status": ("not in", DECIDED_STATUSES)}


def above_appetite_criterion(risk):
	"""`counts_above_appetite` as a frappe.qb criterion on the AI Risk table `risk`."""
	return (risk.exceeds_appetite == 1) & risk.status.notin(DECIDED_STATUSES)


def decides_acceptance(is_risk_owner: bool, is_approver: bool) -> bool:
	"""Whether this person takes part in accepting the risk: its owner, or top management (an AIMS Approver)."""
	return is_risk_owner or is_approver


def acceptance_refusal(
	needs_approver: bool, is_risk_owner: bool, is_approver: bool, is_requester: bool = False
) -> Message | None:
	"""Why this person may not accept the residual risk, or None when they may.

	Within the appetite the risk owner decides (top management may too); above it only top
	management (an AIMS Approver) does. The controller asks it when the acceptance is signed, the workflow
	(through the acceptance's owner_may_accept) when it offers the owner Accept or Request Approval. An
	acceptance sent for approval is approved by someone other than whoever asked (`is_requester`).
	"""
	if needs_approver and (refusal := self_approval_refusal(is_requester)):
		return refusal
	if needs_approver and not is_approver:
		return Message(
			_("The residual level is above the risk appetite: only an AIMS Approver can accept it.")
		)
	if not decides_acceptance(is_risk_owner, is_approver):
		return Message(_("Only the risk's owner or an AIMS Approver can accept a risk."))
	return None
