from datetime import date

from aims_app.ai_systems.model_registry.rules import (
	SYNCED_FIELDS,
	Drift,
	plan_sync,
	registry_drift,
	registry_rows,
)

TODAY = date(2026, 11, 24)

# As MLflow 3's registered-models/search and model-versions/search answer (trimmed to what the sync reads).
FRAUD = {
	"name": "fraud-scorer",
	"description": "Scores card payments",
	"tags": [{"key": "team", "value": "risk"}, {"key": "mlflow.internal", "value": "x"}],
	"aliases": [{"alias": "champion", "version": "2"}, {"alias": "shadow", "version": "2"}],
}
CHURN = {"name": "churn"}
VERSIONS = [
	{"name": "fraud-scorer", "version": "1", "current_stage": "None", "description": "first"},
	{
		"name": "fraud-scorer",
		"version": "2",
		"current_stage": "Production",
		"description": "",
		"tags": [{"key": "dataset", "value": "2026-q3"}, {"key": "team", "value": "fraud"}],
	},
	{"name": "churn", "version": "1", "current_stage": "None", "description": ""},
]


def rows():
	return registry_rows([FRAUD, CHURN], VERSIONS)


def stored(row, name, **overrides):
	"""A record as the database returns it: empty text is None."""
	return {"name": name, **{f: (row[f] if row[f] != "" else None) for f in row}, **overrides}


def test_one_row_per_version_keyed_by_mlflow_model_uri():
	assert [r["registry_reference"] for r in rows()] == [
		"models:/churn/1",
		"models:/fraud-scorer/1",
		"models:/fraud-scorer/2",
	]
	assert set(rows()[0]) == {"registry_reference", *SYNCED_FIELDS}


def test_a_version_carries_its_description_stage_aliases_and_tags():
	v1, v2 = rows()[1], rows()[2]
	assert v1["description"] == "first"
	assert v2["description"] == "Scores card payments", (
		"an empty version description falls back to the model's"
	)
	assert (v1["registry_stage"], v2["registry_stage"]) == ("", "Production")
	assert (v1["registry_aliases"], v2["registry_aliases"]) == ("", "champion, shadow")
	assert v1["registry_tags"] == "team: risk"
	assert v2["registry_tags"] == "dataset: 2026-q3\nteam: fraud", "version tags win over model tags"


def test_only_the_highest_version_of_each_model_is_the_latest():
	assert [r["latest_in_registry"] for r in rows()] == [1, 0, 1]
	ten = registry_rows([CHURN], [{"name": "churn", "version": "10"}, {"name": "churn", "version": "9"}])
	assert [(r["model_version"], r["latest_in_registry"]) for r in ten] == [("9", 0), ("10", 1)]


def test_first_sync_creates_discovered_models_for_a_person_to_attach():
	plan = plan_sync(rows(), [], TODAY)
	assert plan.counts() == {"created": 3, "updated": 0, "unchanged": 0, "flagged": 0}
	assert {(r["status"], r["registry"], r["model_type"], r["origin"]) for r in plan.create} == {
		("Discovered", "MLflow", "Other", "Internal")
	}


def test_a_second_sync_with_nothing_new_changes_nothing():
	known = [stored(row, f"MDL-{i}") for i, row in enumerate(rows())]
	plan = plan_sync(rows(), known, TODAY)
	assert plan.counts() == {"created": 0, "updated": 0, "unchanged": 3, "flagged": 0}


def test_fields_a_person_owns_are_never_part_of_an_update():
	known = [
		stored(row, f"MDL-{i}", status="In production", ai_supplier="Acme", model_type="Regression")
		for i, row in enumerate(rows())
	]
	known[2]["description"] = "old text"
	plan = plan_sync(rows(), known, TODAY)
	assert plan.update == {"MDL-2": {"description": "Scores card payments"}}


def test_a_new_version_is_created_and_the_previous_latest_updated():
	known = [stored(row, f"MDL-{i}") for i, row in enumerate(rows())]
	versions = [*VERSIONS, {"name": "churn", "version": "2", "current_stage": "Staging"}]
	plan = plan_sync(registry_rows([FRAUD, CHURN], versions), known, TODAY)
	assert plan.counts() == {"created": 1, "updated": 1, "unchanged": 2, "flagged": 0}
	assert plan.create[0]["registry_reference"] == "models:/churn/2"
	assert plan.create[0]["registry_stage"] == "Staging"
	assert plan.update == {"MDL-0": {"latest_in_registry": 0}}


def test_a_version_gone_from_the_registry_is_flagged_once_and_never_deleted():
	known = [stored(row, f"MDL-{i}") for i, row in enumerate(rows())]
	without_churn = registry_rows([FRAUD], VERSIONS[:2])
	plan = plan_sync(without_churn, known, TODAY)
	assert plan.counts() == {"created": 0, "updated": 0, "unchanged": 2, "flagged": 1}
	assert plan.flag == {
		"MDL-0": {"missing_from_registry": 1, "missing_from_registry_on": TODAY, "latest_in_registry": 0}
	}
	known[0].update(missing_from_registry=1, latest_in_registry=0)
	assert plan_sync(without_churn, known, TODAY).counts()["flagged"] == 0


def test_a_version_that_comes_back_is_unflagged():
	known = [stored(row, f"MDL-{i}") for i, row in enumerate(rows())]
	known[0].update(missing_from_registry=1, missing_from_registry_on=TODAY)
	plan = plan_sync(rows(), known, TODAY)
	assert plan.update == {"MDL-0": {"missing_from_registry": 0, "missing_from_registry_on": None}}


def serving(system="AIS-1", alias="champion", reference="models:/fraud-scorer/1"):
	return {
		"ai_system": system,
		"serving_alias": alias,
		"registry_reference": reference,
		"model_name": "fraud-scorer",
	}


def test_a_new_version_taking_the_serving_alias_is_a_drift():
	# champion points at version 2 in the registry; the system was approved with version 1
	assert registry_drift(rows(), [serving()], covered=set()) == [
		Drift("AIS-1", "champion", "models:/fraud-scorer/1", "models:/fraud-scorer/2")
	]


def test_a_stage_name_serves_as_well_as_an_alias():
	assert [d.serving_reference for d in registry_drift(rows(), [serving(alias="Production")], set())] == [
		"models:/fraud-scorer/2"
	]


def test_no_drift_when_the_serving_version_is_the_approved_one_or_an_approved_change_covers_it():
	assert registry_drift(rows(), [serving(reference="models:/fraud-scorer/2")], set()) == []
	assert registry_drift(rows(), [serving()], {("AIS-1", "models:/fraud-scorer/2")}) == []
	assert registry_drift(rows(), [serving()], {("AIS-2", "models:/fraud-scorer/2")}) != [], (
		"a change approved for another system covers nothing here"
	)


def test_no_drift_when_no_version_holds_the_alias():
	assert registry_drift(rows(), [serving(alias="retired-alias")], set()) == []
