"""Gaps an auditor would raise on one row of the Statement of Applicability (clause 6.1.3)."""

from dataclasses import dataclass

from aims_app.messages import Message, _

IMPLEMENTED = "Implemented"


@dataclass(frozen=True)
class ControlFacts:
	applicable: bool
	justification: str | None
	implementation_status: str
	risk_count: int
	current_evidence: int
	expired_evidence: int
	owner: str | None


def soa_gaps(row: ControlFacts) -> list[Message]:
	if not row.applicable:
		return [] if row.justification else [Message(_("Excluded without a justification"))]
	gaps = []
	if not row.risk_count and not row.justification:
		gaps.append(Message(_("Included, but treats no risk and has no justification")))
	if not row.owner:
		gaps.append(Message(_("No owner")))
	if row.implementation_status == IMPLEMENTED and not row.current_evidence:
		gaps.append(Message(_("Implemented, but no current evidence")))
	if row.expired_evidence:
		gaps.append(Message(_("{count} expired evidence record(s)"), {"count": row.expired_evidence}))
	return gaps
