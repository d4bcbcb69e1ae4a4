"""What our ISO/IEC 42001 readiness covers of another framework, through the library's crosswalks."""

from collections.abc import Iterable

from aims_app.ai_assurance.readiness.rules import PARTIAL, READY, roll_up
from aims_app.messages import _

COVERED = _("Covered")
PARTLY_COVERED = _("Partly covered")
NOT_COVERED = _("Not covered")
NOT_MAPPED = _("Not mapped")
VERDICTS = (COVERED, PARTLY_COVERED, NOT_COVERED, NOT_MAPPED)


def coverage(statuses: Iterable[str]) -> str:
	"""The verdict on a target requirement from the readiness of the ISO/IEC 42001 requirements mapped to it,
	rolled up as a clause is from its parts (a requirement we excluded covers nothing)."""
	statuses = list(statuses)
	if not statuses:
		return NOT_MAPPED
	return {READY: COVERED, PARTIAL: PARTLY_COVERED}.get(roll_up(statuses), NOT_COVERED)
