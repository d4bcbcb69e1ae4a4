"""Internal audit rules (clause 9.2): auditor independence, checklist completeness, findings."""

from dataclasses import dataclass

from aims_app.messages import Message, _

GRADE_OF_FINDING = {"Minor nonconformity": "Minor", "Major nonconformity": "Major"}
IMPROVEMENT_FINDINGS = ("Observation", "Opportunity for improvement")


@dataclass(frozen=True)
class Assignment:
	"""An AIMS Role Assignment: someone answers for a requirement or an AI system."""

	user: str
	requirement: str | None
	ai_system: str | None


def independence_conflicts(
	auditors: set[str],
	scope_requirements: set[str],
	scope_systems: set[str],
	system_owners: dict[str, str],
	assignments: list[Assignment],
) -> list[Message]:
	"""Why an auditor would audit their own work: a system they own or a requirement or system assigned to them."""
	conflicts = [
		Message(_("{user} owns the AI system {system}"), {"user": system_owners[system], "system": system})
		for system in sorted(scope_systems)
		if system_owners.get(system) in auditors
	]
	for assignment in assignments:
		if assignment.user not in auditors:
			continue
		if assignment.requirement in scope_requirements:
			conflicts.append(
				Message(
					_("{user} is assigned {requirement}"),
					{"user": assignment.user, "requirement": assignment.requirement},
				)
			)
		elif assignment.ai_system in scope_systems:
			conflicts.append(
				Message(
					_("{user} is assigned the AI system {system}"),
					{"user": assignment.user, "system": assignment.ai_system},
				)
			)
	return conflicts


def unanswered_rows(results: list[tuple[int, str | None]]) -> list[int]:
	"""Checklist rows (by number) with no result; "Not audited" is an answer."""
	return [idx for idx, result in results if not result]


def nonconformity_grade(result: str | None) -> str | None:
	return GRADE_OF_FINDING.get(result or "")
