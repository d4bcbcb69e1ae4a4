import datetime

import pytest

from aims_app.ai_systems.inventory.card import (
	SECTION,
	Card,
	CardError,
	Summary,
	card_from_records,
	check_card,
	check_references,
	diff_record,
	dump_card,
	name_from_inventory_id,
	parse_card,
	referenced_ids,
	schema_from_docfields,
)
from aims_app.ai_systems.inventory.sample import sample_card

from .conftest import APP

EXAMPLE = APP / "ai_systems" / "inventory" / "example.yaml"


@pytest.fixture(scope="module")
def schema(doctypes):
	return schema_from_docfields({name: d["fields"] for name, d in doctypes.items()})


def card(text: str, schema) -> Card:
	return check_card(parse_card(text, "team.yaml"), schema, "team.yaml")


SYSTEM = """version: 1
systems:
  - inventory_id: hr-screening
    system_name: Screening
    system_owner: a@example.com
    purpose: Ranks applications.
"""


def test_the_shipped_example_is_a_valid_card(schema):
	example = card(EXAMPLE.read_text(), schema)
	assert [len(example.records[s]) for s in SECTION] == [1, 2, 2, 2]
	check_references(example, {})
	system = example.records["systems"][0]
	assert system["performs_profiling"] == 1
	assert system["next_review_date"] == "2026-09-30"
	assert system["models"] == [
		{"model": "cv-screening-ranker", "purpose_in_system": "Ranks applications", "serving_alias": None}
	]


def test_the_card_names_what_it_describes_by_the_doctypes_fields(schema):
	assert {"system_name", "inventory_id", "tier_override", "annex_iii_area"} <= set(schema["AI System"])
	assert not {"eu_ai_act_tier", "computed_tier", "overridden_by", "obligations"} & set(schema["AI System"])
	assert "ai_model" not in schema["AI System Model"]


@pytest.mark.parametrize(
	("text", "message"),
	[
		("systems: []\n", "'version' is None; this AIMS reads version 1"),
		("version: 2\n", "'version' is 2"),
		(
			"version: 1\nsystem: []\n",
			"unknown key(s) system; allowed: version, suppliers, models, datasets, systems",
		),
		("- 1\n", "an inventory file is a mapping"),
		("version: 1\nmodels: {a: 1}\n", "'models' must be a list of records"),
		("version: 1\nmodels:\n  - model_name: X\n", "team.yaml: models #1: 'inventory_id' is required"),
	],
)
def test_the_file_shape_is_checked(schema, text, message):
	with pytest.raises(CardError) as error:
		card(text, schema)
	assert message in str(error.value)


def test_an_unknown_key_is_refused_naming_the_record_and_the_key(schema):
	with pytest.raises(CardError) as error:
		card(SYSTEM + "    risk_level: high\n", schema)
	assert str(error.value).startswith(
		"team.yaml: systems #1 (hr-screening): unknown key(s) risk_level; allowed:"
	)


def test_an_unknown_key_in_a_table_row_is_refused(schema):
	with pytest.raises(CardError) as error:
		card(SYSTEM + "    models:\n      - model: m1\n        role: x\n", schema)
	assert (
		"systems #1 (hr-screening), models row 1: unknown key(s) role; allowed: model, purpose_in_system"
		in str(error.value)
	)


def test_a_select_value_outside_the_options_lists_the_allowed_values(schema):
	with pytest.raises(CardError) as error:
		card(SYSTEM + "    lifecycle_stage: Live\n", schema)
	assert str(error.value) == (
		"team.yaml: systems #1 (hr-screening), field 'lifecycle_stage': 'Live' is not one of the allowed values: "
		"'Concept', 'Design and development', 'Verification and validation', 'Deployment', "
		"'Operation and monitoring', 'Retired', 'Unknown'."
	)


@pytest.mark.parametrize(
	("line", "message"),
	[
		(
			"performs_profiling: yes please",
			"field 'performs_profiling': expected true or false, got 'yes please'",
		),
		("organisational_unit: 42", "field 'organisational_unit': expected text (put it in quotes), got 42"),
		("next_review_date: next year", "field 'next_review_date': expected a date (YYYY-MM-DD)"),
		("training_compute_flops: lots", "field 'training_compute_flops': expected a number, got 'lots'"),
	],
)
def test_values_of_the_wrong_type_are_refused(schema, line, message):
	with pytest.raises(CardError) as error:
		card(SYSTEM + f"    {line}\n", schema)
	assert message in str(error.value)


def test_values_are_read_as_stored(schema):
	record = card(
		SYSTEM + "    in_scope: false\n    training_compute_flops: 10\n    next_review_date: '2027-01-31'\n",
		schema,
	).records["systems"][0]
	assert (record["in_scope"], record["training_compute_flops"], record["next_review_date"]) == (
		0,
		10.0,
		"2027-01-31",
	)


def test_an_id_used_twice_is_refused(schema):
	with pytest.raises(CardError, match="systems: inventory_id 'hr-screening' appears more than once"):
		card(SYSTEM + SYSTEM.split("systems:\n")[1], schema)


def test_aliases_are_refused_before_they_expand(schema):
	bomb = "version: 1\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
		f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
		for p, n in zip("abcdefgh", "bcdefghi", strict=True)
	)
	with pytest.raises(CardError, match=r"team.yaml, line 3: YAML aliases \(\*a\) are not allowed"):
		parse_card(bomb, "team.yaml")


def test_deep_nesting_is_refused_before_it_is_built():
	with pytest.raises(CardError, match=r"team\.yaml, line 1: nested deeper than an inventory file ever is"):
		parse_card("[" * 100_000 + "]" * 100_000, "team.yaml")


def test_a_file_over_the_limit_is_refused_before_parsing():
	with pytest.raises(
		CardError, match=r"team\.yaml: the file is 2,001 bytes; an inventory file may be at most 2,000"
	):
		parse_card("[" * 2001, "team.yaml", max_bytes=2000)


def test_invalid_yaml_names_the_file():
	with pytest.raises(CardError, match=r"team\.yaml: not valid YAML"):
		parse_card("version: [1\n", "team.yaml")


def test_references_must_be_in_the_file_or_the_aims(schema):
	text = SYSTEM + "    models:\n      - model: scorer\n"
	with pytest.raises(CardError) as error:
		check_references(card(text, schema), {})
	assert (
		"systems #1 (hr-screening), models row 1: model 'scorer' is neither in the file's models nor in the AIMS"
		in (str(error.value))
	)
	check_references(card(text, schema), {"models": {"scorer"}})
	assert referenced_ids(card(text, schema))["models"] == {"scorer"}


def test_a_supplier_named_by_a_model_must_exist(schema):
	text = "version: 1\nmodels:\n  - {inventory_id: m, model_name: M, model_type: Other, ai_supplier: Acme}\n"
	with pytest.raises(CardError, match="models #1 \\(m\\), field 'ai_supplier': supplier 'Acme'"):
		check_references(card(text, schema), {})
	check_references(card(text, schema), {"suppliers": ["Acme"]})


def stored_system(**values):
	return {
		"inventory_id": "hr-screening",
		"system_name": "Screening",
		"system_owner": "a@example.com",
		"purpose": "Ranks applications.",
		"in_scope": 1,
		"training_compute_flops": 0,
		"next_review_date": datetime.date(2027, 1, 31),
		"models": [{"model": "m1", "purpose_in_system": None}],
	} | values


def test_diff_tells_created_updated_and_unchanged(schema):
	section = SECTION["systems"]
	record = card(
		SYSTEM + "    next_review_date: 2027-01-31\n    models:\n      - model: m1\n", schema
	).records["systems"][0]
	assert diff_record(section, record, None, schema) == ("created", [])
	assert diff_record(section, record, stored_system(organisational_unit="HR"), schema) == ("unchanged", [])
	assert diff_record(section, record, stored_system(purpose="Other."), schema) == ("updated", ["purpose"])
	moved = stored_system(models=[{"model": "m1", "purpose_in_system": "Ranks"}])
	assert diff_record(section, record, moved, schema) == ("updated", ["models"])


def test_export_reads_back_as_the_same_records(schema):
	records = {
		"suppliers": [
			{"supplier_name": "Acme", "supply_type": "Dataset", "assessment_result": "Not assessed"}
		],
		"systems": [stored_system(our_role="Deployer", datasets=[], suppliers=[])],
	}
	text = dump_card(card_from_records(records, schema))
	again = card(text, schema)
	for key, rows in records.items():
		for stored, record in zip(rows, again.records[key], strict=True):
			assert diff_record(SECTION[key], record, stored, schema) == ("unchanged", [])
	assert "organisational_unit" not in text
	assert "in_scope: true" in text


def test_a_table_row_without_its_optional_fields_gets_their_defaults(schema):
	record = card(SYSTEM + "    datasets:\n      - dataset: d1\n", schema).records["systems"][0]
	assert record["datasets"] == [{"dataset": "d1", "usage": "Training"}]
	stored = stored_system(datasets=[{"dataset": "d1", "usage": "Training"}])
	assert diff_record(SECTION["systems"], record, stored, schema) == ("unchanged", [])


def test_text_differing_only_in_line_breaks_unicode_form_or_spaces_is_unchanged(schema):
	text = SYSTEM.replace(
		"purpose: Ranks applications.", 'purpose: "  Cafe\\u0301 list\\r\\nof applicants. "'
	)
	record = card(text, schema).records["systems"][0]
	assert record["purpose"] == "Caf\u00e9 list\nof applicants."
	stored = stored_system(purpose="Cafe\u0301 list\nof applicants.\n")
	assert diff_record(SECTION["systems"], record, stored, schema) == ("unchanged", [])


def test_text_is_compared_as_the_save_stores_it(schema):
	text = SYSTEM.replace("Ranks applications.", "Counts <Includes number of providers>.")
	record = card(text, schema).records["systems"][0]
	stored = stored_system(purpose="Counts &lt;Includes number of providers&gt;.")
	assert diff_record(SECTION["systems"], record, stored, schema)[0] == "updated"

	def escaped(_spec, value):
		return value.replace("<", "&lt;").replace(">", "&gt;")

	assert diff_record(SECTION["systems"], record, stored, schema, escaped) == ("unchanged", [])


def test_the_sample_inventory_is_a_valid_card_made_the_same_every_time(schema):
	content = dump_card(sample_card(120, ("a@example.com", "b@example.com")))
	assert content == dump_card(sample_card(120, ("a@example.com", "b@example.com")))
	sample = card(content, schema)
	check_references(sample, {})
	assert len(sample.records["systems"]) == 120
	texts = content.replace("\\r\\n", "\n")
	assert "<Includes number of providers>" in texts and "dataset: " in texts
	exported = card(dump_card(card_from_records(sample.records, schema)), schema)
	for key, records in sample.records.items():
		for record, stored in zip(exported.records[key], records, strict=True):
			assert diff_record(SECTION[key], record, stored, schema) == ("unchanged", []), record


def test_summary_counts_each_outcome():
	summary = Summary("team.yaml")
	summary.add("systems", "a", "created")
	summary.add("systems", "b", "updated", ["purpose"])
	summary.add("models", "m", "unchanged")
	assert summary.counts()["systems"] == {"created": 1, "updated": 1, "unchanged": 0}
	assert summary.lines()[1] == "models: 0 created, 0 updated, 1 unchanged"
	assert summary.as_dict()["records"][1] == {
		"section": "systems",
		"id": "b",
		"status": "updated",
		"changed": ["purpose"],
	}


def test_a_plain_text_description_keeps_its_lines_and_its_characters(schema):
	text = SYSTEM + '    description: "Counts <Includes number of providers>\\nper region.\\n\\nR&D pilot."\n'
	record = card(text, schema).records["systems"][0]
	assert record["description"] == (
		"<p>Counts &lt;Includes number of providers&gt;<br>per region.</p><p>R&amp;D pilot.</p>"
	)
	exported = card_from_records({"systems": [stored_system(**record)]}, schema)["systems"][0]
	assert exported["description"] == "Counts <Includes number of providers>\nper region.\n\nR&D pilot."


def test_a_description_written_as_html_stays_html(schema):
	text = SYSTEM + '    description: "<p>Ranks <b>applications</b>.</p>"\n'
	record = card(text, schema).records["systems"][0]
	assert record["description"] == "<p>Ranks <b>applications</b>.</p>"
	exported = card_from_records({"systems": [stored_system(**record)]}, schema)["systems"][0]
	assert exported["description"] == "<p>Ranks <b>applications</b>.</p>"


def test_a_model_or_dataset_is_named_by_its_inventory_id_where_frappe_takes_it_as_a_name():
	assert name_from_inventory_id(" cv-screening-ranker ") == "cv-screening-ranker"
	assert name_from_inventory_id(None) is None
	assert name_from_inventory_id("<img src=x>") is None
