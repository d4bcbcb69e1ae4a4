"""Wording of the management review's compiled inputs (clause 9.3.2), from counts the records give."""


def trend(current: int, previous: int) -> str:
	if current == previous:
		return f"{current} (same as the previous period)"
	direction = "up" if current > previous else "down"
	return f"{current} ({direction} from {previous} in the previous period)"


def counts_phrase(counts: dict[str, int], empty: str = "none") -> str:
	"""'High 3, Medium 5' in the given order, leaving out zeros."""
	shown = [f"{label} {count}" for label, count in counts.items() if count]
	return ", ".join(shown) if shown else empty


def listing(names: list[str], limit: int = 10) -> str:
	if not names:
		return "none"
	more = len(names) - limit
	return "; ".join(names[:limit]) + (f"; and {more} more" if more > 0 else "")
