"""Where a measurable AI objective stands (clause 6.2), from its target and its latest measurement."""

from datetime import date


def objective_status(
	target: float | None, direction: str, latest: float | None, due_date: date | None, today: date
) -> str:
	if target is None:
		return "No target"
	if latest is None:
		return "Not measured"
	met = latest >= target if direction == "At least" else latest <= target
	if met:
		return "Achieved"
	if due_date and due_date < today:
		return "Missed"
	return "Off track"
