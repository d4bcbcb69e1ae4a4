"""When a monitoring metric's value is a warning or a breach, and when the metric is overdue (clause 9.1,
A.6.2.6).

A value at or beyond a threshold counts as crossing it. "Higher is better": a breach threshold lies below the
warning threshold; "Lower is better": above it. A metric never measured falls due one interval after it was
set up.
"""

from datetime import date, timedelta

from aims_app.messages import Message, _

HIGHER_IS_BETTER = "Higher is better"
LOWER_IS_BETTER = "Lower is better"

WITHIN = "Within thresholds"
WARNING = "Warning"
BREACH = "Breach"
NOT_MEASURED = "Not measured"

# How long a measurement stays current: a metric not measured within this many days is overdue.
FREQUENCY_DAYS = {"Daily": 1, "Weekly": 7, "Monthly": 31, "Quarterly": 92, "Yearly": 366}


def beyond(value: float, threshold: float, direction: str) -> bool:
	"""Whether `value` is at or past `threshold` on the bad side."""
	return value <= threshold if direction == HIGHER_IS_BETTER else value >= threshold


def threshold_error(direction: str, warning: float, breach: float) -> Message | None:
	"""Why the breach threshold is not on the far side of the warning threshold, or None when it is."""
	if direction == HIGHER_IS_BETTER and breach > warning:
		return Message(
			_(
				"Breach Threshold ({breach}) must not be above Warning Threshold ({warning}): higher is better, "
				"so a breach is worse, that is lower, than a warning."
			),
			{"breach": breach, "warning": warning},
		)
	if direction == LOWER_IS_BETTER and breach < warning:
		return Message(
			_(
				"Breach Threshold ({breach}) must not be below Warning Threshold ({warning}): lower is better, "
				"so a breach is worse, that is higher, than a warning."
			),
			{"breach": breach, "warning": warning},
		)
	return None


def assess(value: float, direction: str, warning: float, breach: float) -> str:
	"""A measured value's state: Breach, Warning or Within thresholds."""
	if beyond(value, breach, direction):
		return BREACH
	if beyond(value, warning, direction):
		return WARNING
	return WITHIN


def due_on(last_measured_on: date | None, set_up_on: date, frequency: str) -> date:
	"""The last day a new measurement is on time."""
	return (last_measured_on or set_up_on) + timedelta(days=FREQUENCY_DAYS[frequency])


def is_overdue(last_measured_on: date | None, set_up_on: date, frequency: str, today: date) -> bool:
	return due_on(last_measured_on, set_up_on, frequency) < today


def current_since(today: date) -> dict[str, date]:
	"""Per frequency, the earliest measurement date still on time today: a query compares each metric's last
	measurement (or its set-up date) with its frequency's date, one condition per frequency."""
	return {frequency: today - timedelta(days=days) for frequency, days in FREQUENCY_DAYS.items()}


# Reading metric values from MLflow: the run behind each registered model version, all of a run's metrics at
# once (a run's data holds the latest value of every key), runs searched in batches.
RUNS_PER_SEARCH = 100


def parse_model_uri(uri: str) -> tuple[str, str] | None:
	"""(name, version) of `models:/<name>/<version>`, or None for anything else."""
	if not uri or not uri.startswith("models:/"):
		return None
	name, _slash, version = uri[len("models:/") :].rpartition("/")
	return (name, version) if name and version else None


def runs_of_versions(model_versions: list[dict]) -> dict[tuple[str, str], str]:
	"""(name, version) -> run id, from MLflow's model-versions/search JSON; versions without a run left out."""
	return {(v["name"], str(v["version"])): v["run_id"] for v in model_versions if v.get("run_id")}


def run_filter(run_ids: list[str]) -> str:
	"""An MLflow search filter for exactly these runs (run ids are hex, so need no escaping)."""
	return "attributes.run_id IN ({})".format(", ".join(f"'{run_id}'" for run_id in run_ids))


def batches(items: list, size: int = RUNS_PER_SEARCH) -> list[list]:
	return [items[i : i + size] for i in range(0, len(items), size)]


def latest_metrics(runs: list[dict]) -> dict[str, dict[str, tuple[float, int]]]:
	"""run id -> metric key -> (latest value, its timestamp in ms), from runs/search JSON."""
	return {
		run["info"]["run_id"]: {
			m["key"]: (float(m["value"]), int(m.get("timestamp") or 0))
			for m in (run.get("data") or {}).get("metrics") or []
		}
		for run in runs
	}
