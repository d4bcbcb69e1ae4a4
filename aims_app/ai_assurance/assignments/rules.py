"""Which assignments (Frappe ToDos) the action rows of one document call for.

Frappe keeps one open assignment per user and document (the "Assigned To" sidebar lists users), so a user who
owns several rows of one document has one ToDo that lists them. It follows the rows, not their text: edited
rows update it, it closes when the user's last row is done, and it is cancelled when the user owns no row any
more (the action was given to someone else or removed).
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Task:
	"""One action row: who owns it, what it says, by when, and whether it is done."""

	row: str
	owner: str | None
	text: str
	due: date | None
	done: bool = False


@dataclass(frozen=True)
class Assignment:
	"""An open ToDo on the document. `ours` when a row links to it; one assigned by hand from the sidebar is
	left alone unless its user gets a row of the document."""

	todo: str
	owner: str
	description: str
	due: date | None
	ours: bool


@dataclass(frozen=True)
class Wanted:
	owner: str
	description: str
	due: date | None


@dataclass(frozen=True)
class AssignmentPlan:
	add: tuple[Wanted, ...] = ()
	update: tuple[tuple[str, Wanted], ...] = ()  # (ToDo, what it should say)
	close: tuple[Assignment, ...] = ()  # every row of its user is done
	cancel: tuple[Assignment, ...] = ()  # its user owns no row any more, or holds a second ToDo


def describe(texts: list[str]) -> str:
	"""What the ToDo says: the row's text, or one line per row."""
	return "\n".join(text.strip() for text in texts)


def plan_assignments(tasks: list[Task], open_assignments: list[Assignment]) -> AssignmentPlan:
	pending: dict[str, list[Task]] = {}
	for task in tasks:
		if task.owner and not task.done:
			pending.setdefault(task.owner, []).append(task)
	held: dict[str, Assignment] = {}
	duplicates = []
	for assignment in sorted(open_assignments, key=lambda a: not a.ours):
		if assignment.owner in held:
			duplicates.append(assignment)
		else:
			held[assignment.owner] = assignment
	wanted = [
		Wanted(owner, describe([t.text for t in owned]), min((t.due for t in owned if t.due), default=None))
		for owner, owned in pending.items()
	]
	finished_owners = {t.owner for t in tasks if t.owner and t.done}
	released = [a for a in held.values() if a.ours and a.owner not in pending]
	return AssignmentPlan(
		add=tuple(w for w in wanted if w.owner not in held),
		update=tuple(
			(held[w.owner].todo, w)
			for w in wanted
			if w.owner in held and (held[w.owner].description, held[w.owner].due) != (w.description, w.due)
		),
		close=tuple(a for a in released if a.owner in finished_owners),
		cancel=tuple(a for a in released if a.owner not in finished_owners)
		+ tuple(a for a in duplicates if a.ours),
	)
