"""The weekly reminder digest (clause 9.1 and the reviews the AIMS plans): what is overdue and what falls due
in the coming days, from the rows the queries gathered."""

from dataclasses import dataclass
from datetime import date, timedelta

from aims_app.compat import form_path

HORIZON_DAYS = 30


@dataclass(frozen=True)
class DueItem:
	"""One date someone must act by: a review, an expiry, a deadline, a corrective action."""

	doctype: str
	name: str
	title: str
	what: str
	due_on: date
	owner: str | None


@dataclass(frozen=True)
class DigestLine:
	item: DueItem
	days: int  # days late when overdue, days left otherwise
	route: str


@dataclass(frozen=True)
class Digest:
	overdue: tuple[DigestLine, ...]
	coming: tuple[DigestLine, ...]
	horizon_days: int

	@property
	def is_empty(self) -> bool:
		return not (self.overdue or self.coming)


def desk_route(doctype: str, name: str) -> str:
	"""The record's path in the desk, as Frappe routes it (aims_app.compat.form_path)."""
	return form_path(doctype, name)


def build_digest(items: list[DueItem], today: date, horizon_days: int = HORIZON_DAYS) -> Digest:
	"""Overdue items first, the most overdue on top; then what falls due within the horizon, soonest first.
	Anything later is left for a later week."""
	ordered = sorted(items, key=lambda i: (i.due_on, i.doctype, i.name, i.what))
	until = today + timedelta(days=horizon_days)

	def line(item: DueItem) -> DigestLine:
		return DigestLine(item, abs((item.due_on - today).days), desk_route(item.doctype, item.name))

	return Digest(
		overdue=tuple(line(i) for i in ordered if i.due_on < today),
		coming=tuple(line(i) for i in ordered if today <= i.due_on <= until),
		horizon_days=horizon_days,
	)
