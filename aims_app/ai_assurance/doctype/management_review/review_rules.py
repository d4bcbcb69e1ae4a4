"""Wording of the management review's compiled inputs (clause 9.3.2), from counts the records give."""

from aims_app.messages import Joined, Message, _

NONE = Message(_("none"))


def trend(current: int, previous: int) -> Message:
	if current == previous:
		return Message(_("{current} (same as the previous period)"), {"current": current})
	if current > previous:
		template = _("{current} (up from {previous} in the previous period)")
	else:
		template = _("{current} (down from {previous} in the previous period)")
	return Message(template, {"current": current, "previous": previous})


def counts_phrase(counts: dict[str, int]) -> Joined | Message:
	"""'High 3, Medium 5' in the given order, leaving out zeros; each label translated where it is shown."""
	shown = tuple(
		Message(_("{label} {count}"), {"label": Message(label), "count": count})
		for label, count in counts.items()
		if count
	)
	return Joined(shown) if shown else NONE


def listing(names: list, limit: int = 10) -> Joined | Message:
	if not names:
		return NONE
	shown = Joined(tuple(names[:limit]), "; ")
	more = len(names) - limit
	return Message(_("{names}; and {more} more"), {"names": shown, "more": more}) if more > 0 else shown
