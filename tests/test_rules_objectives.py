from datetime import date

import pytest

from aims_app.ai_governance.doctype.ai_objective.objective_rules import objective_status

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
	"target,direction,latest,due,status",
	[
		(None, "At least", 0.9, None, "No target"),
		(0.8, "At least", None, None, "Not measured"),
		(0.8, "At least", 0.85, None, "Achieved"),
		(0.8, "At least", 0.7, date(2026, 12, 31), "Off track"),
		(0.8, "At least", 0.7, date(2026, 11, 1), "Missed"),
		(2.0, "At most", 1.5, None, "Achieved"),
		(2.0, "At most", 2.5, None, "Off track"),
	],
)
def test_status_follows_target_direction_latest_value_and_due_date(target, direction, latest, due, status):
	assert objective_status(target, direction, latest, due, TODAY) == status
