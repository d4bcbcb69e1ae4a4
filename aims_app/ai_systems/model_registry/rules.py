"""What a sync with an MLflow model registry does to the AI Model records (A.4.3, A.6.2.7).

One AI Model per registered model version, keyed on the registry and MLflow's own model URI
(`models:/<name>/<version>`). The sync owns only the fields in SYNCED_FIELDS; status, type, origin,
supplier and the AI systems a model is attached to belong to people and are never touched after creation.
"""

from dataclasses import dataclass, field
from datetime import date

REGISTRY = "MLflow"
SYNCED_FIELDS = (
	"model_name",
	"model_version",
	"description",
	"registry_stage",
	"registry_aliases",
	"registry_tags",
	"latest_in_registry",
)
# What a person finds on a model the registry revealed, until they attach it to an AI system.
NEW_MODEL_DEFAULTS = {"status": "Discovered", "model_type": "Other", "origin": "Internal"}


def model_uri(name: str, version: str) -> str:
	return f"models:/{name}/{version}"


def _tags(entity: dict) -> dict[str, str]:
	"""MLflow sends tags as a list of {key, value}; its own `mlflow.*` bookkeeping tags are left out."""
	return {
		t["key"]: t.get("value", "") for t in entity.get("tags") or [] if not t["key"].startswith("mlflow.")
	}


def registry_rows(registered_models: list[dict], model_versions: list[dict]) -> list[dict]:
	"""One row of AI Model values per model version, from the JSON of MLflow's two search endpoints."""
	models = {m["name"]: m for m in registered_models}
	latest = {}
	for version in model_versions:
		name, number = version["name"], int(version["version"])
		latest[name] = max(latest.get(name, number), number)
	rows = []
	for version in model_versions:
		model = models.get(version["name"], {})
		name, number = version["name"], version["version"]
		tags = {**_tags(model), **_tags(version)}
		stage = version.get("current_stage") or ""
		rows.append(
			{
				"registry_reference": model_uri(name, number),
				"model_name": name,
				"model_version": number,
				"description": (version.get("description") or model.get("description") or "").strip(),
				"registry_stage": "" if stage == "None" else stage,
				"registry_aliases": ", ".join(
					sorted(a["alias"] for a in model.get("aliases") or [] if a["version"] == number)
				),
				"registry_tags": "\n".join(f"{key}: {value}" for key, value in sorted(tags.items())),
				"latest_in_registry": int(int(number) == latest[name]),
			}
		)
	return sorted(rows, key=lambda row: (row["model_name"], int(row["model_version"])))


@dataclass
class SyncPlan:
	create: list[dict] = field(default_factory=list)
	# record name -> the fields to change on it
	update: dict[str, dict] = field(default_factory=dict)
	unchanged: list[str] = field(default_factory=list)
	flag: dict[str, dict] = field(default_factory=dict)

	def counts(self) -> dict[str, int]:
		return {
			"created": len(self.create),
			"updated": len(self.update),
			"unchanged": len(self.unchanged),
			"flagged": len(self.flag),
		}


def _same(stored, wanted) -> bool:
	if isinstance(wanted, int):
		return int(stored or 0) == wanted
	return (stored or "").strip() == wanted


def plan_sync(rows: list[dict], known: list[dict], today: date) -> SyncPlan:
	"""Decide what to create, update and flag.

	`known` holds the records already keyed to this registry: name, registry_reference, the synced fields
	and missing_from_registry. A record whose version is gone from the registry is flagged once, never
	deleted; one that comes back is unflagged.
	"""
	plan = SyncPlan()
	by_reference = {record["registry_reference"]: record for record in known}
	for row in rows:
		record = by_reference.pop(row["registry_reference"], None)
		if record is None:
			plan.create.append({**NEW_MODEL_DEFAULTS, "registry": REGISTRY, **row})
			continue
		changes = {f: value for f, value in row.items() if not _same(record.get(f), value)}
		if record.get("missing_from_registry"):
			changes.update(missing_from_registry=0, missing_from_registry_on=None)
		if changes:
			plan.update[record["name"]] = changes
		else:
			plan.unchanged.append(record["name"])
	for record in by_reference.values():
		if record.get("missing_from_registry"):
			plan.unchanged.append(record["name"])
		else:
			plan.flag[record["name"]] = {
				"missing_from_registry": 1,
				"missing_from_registry_on": today,
				"latest_in_registry": 0,
			}
	return plan


@dataclass(frozen=True)
class Drift:
	"""A system in operation whose serving model version changed in the registry without an approved change."""

	ai_system: str
	serving_alias: str
	approved_reference: str
	serving_reference: str


def serving_reference(rows: list[dict], model_name: str, alias: str) -> str | None:
	"""The version of `model_name` that holds `alias` (an MLflow alias, or a stage such as Production)."""
	for row in rows:
		aliases = {a.strip() for a in (row["registry_aliases"] or "").split(",") if a.strip()}
		if row["model_name"] == model_name and (alias in aliases or alias == row["registry_stage"]):
			return row["registry_reference"]
	return None


def registry_drift(rows: list[dict], serving: list[dict], covered: set[tuple[str, str]]) -> list[Drift]:
	"""`serving`: the model rows of systems in operation that name an alias (ai_system, serving_alias,
	registry_reference and model_name of the AI Model the row links). `covered`: (system, model reference)
	pairs an approved AI System Change brought in. A drift is a row whose alias now points at another version
	that no approved change covers."""
	drifts = []
	for row in serving:
		now = serving_reference(rows, row["model_name"], row["serving_alias"])
		if now and now != row["registry_reference"] and (row["ai_system"], now) not in covered:
			drifts.append(Drift(row["ai_system"], row["serving_alias"], row["registry_reference"], now))
	return drifts
