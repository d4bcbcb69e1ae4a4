"""What our ISO/IEC 42001 readiness covers of another framework, through the library's crosswalks."""

from collections.abc import Iterable

from aims_app.rules.readiness import NOT_APPLICABLE, PARTIAL, READY

COVERED = "Covered"
PARTLY_COVERED = "Partly covered"
NOT_COVERED = "Not covered"
NOT_MAPPED = "Not mapped"
VERDICTS = (COVERED, PARTLY_COVERED, NOT_COVERED, NOT_MAPPED)


def coverage(statuses: Iterable[str]) -> str:
	"""The verdict on a target requirement from the readiness of the ISO/IEC 42001 requirements mapped to it.

	Covered when every mapped requirement that applies is ready, partly when any is ready or partial;
	a requirement we excluded covers nothing.
	"""
	statuses = list(statuses)
	if not statuses:
		return NOT_MAPPED
	counted = [status for status in statuses if status != NOT_APPLICABLE]
	if counted and all(status == READY for status in counted):
		return COVERED
	if any(status in (READY, PARTIAL) for status in counted):
		return PARTLY_COVERED
	return NOT_COVERED
