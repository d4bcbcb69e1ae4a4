"""The document-control block every printed AIMS document carries, without Frappe: which field of each
doctype holds its version, approver, approval date, next review and state."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ControlFields:
	version: str | None = None
	approved_by: str | None = None
	approved_on: str | None = None
	next_review: str | None = None
	state: str | None = None  # a status field that says more than the signature (Published, Superseded)


FIELDS = {
	"AIMS Scope": ControlFields(
		approved_by="approved_by", approved_on="effective_from", next_review="next_review_date"
	),
	"AI Policy": ControlFields(
		version="version",
		approved_by="approved_by",
		approved_on="approved_on",
		next_review="review_date",
		state="status",
	),
	"Statement of Applicability": ControlFields(
		version="version", approved_by="approved_by", approved_on="approved_on"
	),
	"AI Impact Assessment": ControlFields(
		approved_by="assessor", approved_on="assessment_date", next_review="next_review_date"
	),
	"AIMS Audit": ControlFields(approved_by="lead_auditor", approved_on="end_date"),
	"Management Review": ControlFields(approved_by="chair", approved_on="review_date"),
	"AI System": ControlFields(next_review="next_review_date", state="lifecycle_stage"),
	"AI Fairness Evaluation": ControlFields(approved_by="system_owner", approved_on="evaluated_on"),
}


def version_of(name: str, amended_from: str | None, stored: int | None) -> int:
	"""The stored version, or else the revision Frappe's amendment naming shows: an original is version 1,
	its amendments are named after it with -1, -2 ... and are versions 2, 3 ..."""
	if stored:
		return int(stored)
	suffix = name.rsplit("-", 1)[-1]
	return int(suffix) + 1 if amended_from and suffix.isdigit() else 1
