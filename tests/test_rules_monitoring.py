"""Monitoring metrics (clause 9.1): warning and breach by direction, the breach on the far side of the
warning, and when a metric not measured within its frequency is overdue."""

from datetime import date

from aims_app.ai_systems.monitoring.rules import (
	BREACH,
	HIGHER_IS_BETTER,
	LOWER_IS_BETTER,
	WARNING,
	WITHIN,
	assess,
	batches,
	current_since,
	due_on,
	is_overdue,
	latest_metrics,
	parse_model_uri,
	run_filter,
	runs_of_versions,
	threshold_error,
)


def test_higher_is_better_breaches_at_or_below_the_breach_threshold():
	assert assess(0.95, HIGHER_IS_BETTER, warning=0.9, breach=0.8) == WITHIN
	assert assess(0.9, HIGHER_IS_BETTER, warning=0.9, breach=0.8) == WARNING
	assert assess(0.85, HIGHER_IS_BETTER, warning=0.9, breach=0.8) == WARNING
	assert assess(0.8, HIGHER_IS_BETTER, warning=0.9, breach=0.8) == BREACH
	assert assess(0.1, HIGHER_IS_BETTER, warning=0.9, breach=0.8) == BREACH


def test_lower_is_better_breaches_at_or_above_the_breach_threshold():
	assert assess(0.01, LOWER_IS_BETTER, warning=0.05, breach=0.1) == WITHIN
	assert assess(0.07, LOWER_IS_BETTER, warning=0.05, breach=0.1) == WARNING
	assert assess(0.1, LOWER_IS_BETTER, warning=0.05, breach=0.1) == BREACH


def test_a_breach_threshold_on_the_wrong_side_of_the_warning_is_refused_naming_both_fields():
	assert threshold_error(HIGHER_IS_BETTER, warning=0.9, breach=0.8) is None
	assert threshold_error(LOWER_IS_BETTER, warning=0.05, breach=0.1) is None
	assert threshold_error(HIGHER_IS_BETTER, warning=0.9, breach=0.9) is None
	wrong = str(threshold_error(HIGHER_IS_BETTER, warning=0.8, breach=0.9))
	assert "Breach Threshold (0.9)" in wrong and "Warning Threshold (0.8)" in wrong
	wrong = str(threshold_error(LOWER_IS_BETTER, warning=0.1, breach=0.05))
	assert "Breach Threshold (0.05)" in wrong and "Warning Threshold (0.1)" in wrong


def test_a_metric_is_overdue_once_its_interval_has_passed_since_the_last_measurement():
	measured = date(2026, 3, 1)
	assert due_on(measured, date(2026, 1, 1), "Weekly") == date(2026, 3, 8)
	assert not is_overdue(measured, date(2026, 1, 1), "Weekly", date(2026, 3, 8))
	assert is_overdue(measured, date(2026, 1, 1), "Weekly", date(2026, 3, 9))
	assert not is_overdue(measured, date(2026, 1, 1), "Monthly", date(2026, 3, 20))


def test_a_metric_never_measured_falls_due_one_interval_after_it_was_set_up():
	assert not is_overdue(None, date(2026, 3, 1), "Daily", date(2026, 3, 2))
	assert is_overdue(None, date(2026, 3, 1), "Daily", date(2026, 3, 3))


def test_the_query_cut_off_per_frequency_agrees_with_is_overdue():
	today = date(2026, 6, 30)
	for frequency, since in current_since(today).items():
		assert not is_overdue(since, since, frequency, today)
		assert is_overdue(date.fromordinal(since.toordinal() - 1), since, frequency, today)


def test_a_registered_model_version_is_read_from_its_uri():
	assert parse_model_uri("models:/fraud-scorer/2") == ("fraud-scorer", "2")
	assert parse_model_uri("models:/team/fraud/3") == ("team/fraud", "3")
	assert parse_model_uri("s3://bucket/model") is None
	assert parse_model_uri("models:/no-version") is None


def test_runs_are_searched_in_batches_and_every_metric_of_a_run_is_read_at_once():
	versions = [{"name": "m", "version": "1", "run_id": "a1"}, {"name": "m", "version": "2"}]
	assert runs_of_versions(versions) == {("m", "1"): "a1"}
	assert run_filter(["a1", "b2"]) == "attributes.run_id IN ('a1', 'b2')"
	assert [len(b) for b in batches(list(range(250)))] == [100, 100, 50]
	runs = [
		{
			"info": {"run_id": "a1"},
			"data": {
				"metrics": [{"key": "auc", "value": 0.91, "timestamp": 5}, {"key": "drift", "value": 0.2}]
			},
		},
		{"info": {"run_id": "b2"}, "data": {}},
	]
	assert latest_metrics(runs) == {"a1": {"auc": (0.91, 5), "drift": (0.2, 0)}, "b2": {}}
