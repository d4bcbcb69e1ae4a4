"""The shipped library: complete, uniquely named, a sound tree, every mapping end present, corrected where an
independent check against public sources found it wrong."""

import re
from collections import Counter

import pytest

from tests.conftest import FIXTURES, load_fixture

ISO42001_COUNTS = {
	"Clause": 7,
	"Subclause": 36,
	"Control Category": 9,
	"Control Objective": 2,
	"Control": 38,
	"Objective": 11,
	"Risk Source": 7,
}
NIST_COUNTS = {"Function": 4, "Category": 19, "Subcategory": 72}
REQUIREMENT_KINDS_OF_EACH_FRAMEWORK = {
	"ISO-42001": set(ISO42001_COUNTS) | {"Annex", "Section"},
	"NIST-AI-RMF": set(NIST_COUNTS),
	"EU-AI-ACT": {"Chapter", "Article", "Annex", "Annex III Area"},
	"ISO-27001": {"Clause", "Subclause", "Annex", "Control Category", "Control"},
	"OWASP-LLM-2025": {"Risk"},
	"MITRE-ATLAS": {"Section", "Tactic", "Technique", "Sub-technique"},
	"MIT-AI-RISK": {"Taxonomy", "Causal Dimension", "Causal Category", "Risk Domain", "Risk Subdomain"},
}


def kinds(requirements, framework):
	return Counter(r["requirement_kind"] for r in requirements if r["framework"] == framework)


def test_four_frameworks_and_three_catalogues(frameworks):
	assert [f["name"] for f in frameworks] == [
		"ISO-42001",
		"NIST-AI-RMF",
		"EU-AI-ACT",
		"ISO-27001",
		"OWASP-LLM-2025",
		"MITRE-ATLAS",
		"MIT-AI-RISK",
	]
	assert all(f["name"] == f["framework_code"] for f in frameworks)


@pytest.mark.parametrize("kind,number", ISO42001_COUNTS.items())
def test_iso42001_counts(requirements, kind, number):
	assert kinds(requirements, "ISO-42001")[kind] == number


@pytest.mark.parametrize("kind,number", NIST_COUNTS.items())
def test_nist_counts(requirements, kind, number):
	assert kinds(requirements, "NIST-AI-RMF")[kind] == number


def test_eu_ai_act_covers_prohibitions_high_risk_transparency_and_gpai(requirements):
	articles = {r["requirement_id"] for r in requirements if r["requirement_kind"] == "Article"}
	expected = (
		{"Art. 5", "Art. 50"} | {f"Art. {n}" for n in range(8, 28)} | {f"Art. {n}" for n in range(51, 57)}
	)
	assert expected <= articles
	assert kinds(requirements, "EU-AI-ACT")["Annex III Area"] == 8


def test_iso27001_has_clauses_4_to_10(requirements):
	clauses = [
		r["requirement_id"]
		for r in requirements
		if r["framework"] == "ISO-27001" and r["requirement_kind"] == "Clause"
	]
	assert clauses == [str(n) for n in range(4, 11)]


@pytest.mark.parametrize("framework,allowed", REQUIREMENT_KINDS_OF_EACH_FRAMEWORK.items())
def test_each_framework_uses_its_own_kinds(requirements, framework, allowed):
	assert set(kinds(requirements, framework)) == allowed


def test_names_are_unique_and_follow_the_naming_rule(requirements):
	names = [r["name"] for r in requirements]
	assert len(names) == len(set(names))
	assert all(r["name"] == f"{r['framework']}-{r['requirement_id']}" for r in requirements)


def test_parents_exist_in_the_same_framework_and_come_first(requirements):
	seen = {}
	for r in requirements:
		parent = r.get("parent_framework_requirement")
		if parent:
			assert parent in seen, f"{r['name']}: parent {parent} missing or listed after its child"
			assert seen[parent]["framework"] == r["framework"]
			assert seen[parent]["is_group"] == 1, f"{parent} has children but is not a group"
		seen[r["name"]] = r


def test_groups_have_children_and_leaves_do_not(requirements):
	parents = {r.get("parent_framework_requirement") for r in requirements}
	for r in requirements:
		assert bool(r["is_group"]) == (r["name"] in parents), r["name"]


def test_iso42001_assessable_units(requirements):
	assessable = Counter(
		r["requirement_kind"] for r in requirements if r["framework"] == "ISO-42001" and r["is_assessable"]
	)
	assert assessable == {"Subclause": 32, "Control": 38}


def test_every_mapping_end_exists(requirements, mappings):
	by_name = {r["name"]: r for r in requirements}
	for m in mappings:
		assert m["requirement"] in by_name, m["name"]
		assert m["mapped_requirement"] in by_name, m["name"]
		assert by_name[m["requirement"]]["framework"] == m["requirement_framework"]
		assert by_name[m["mapped_requirement"]]["framework"] == m["mapped_framework"]
		assert m["requirement_framework"] != m["mapped_framework"]


def test_mappings_are_unique_and_say_where_they_come_from(mappings):
	pairs = [(m["requirement"], m["mapped_requirement"]) for m in mappings]
	assert len(pairs) == len(set(pairs))
	assert len({m["name"] for m in mappings}) == len(mappings)
	for m in mappings:
		assert m["mapping_source"] and m["relationship"] and m["mapping_status"] and m["confidence"], m[
			"name"
		]


def test_crosswalk_statuses(mappings):
	status = Counter((m["mapped_framework"], m["mapping_status"]) for m in mappings)
	assert status[("NIST-AI-RMF", "Published")] == 280
	assert status[("EU-AI-ACT", "Suggestion")] > 0
	assert all(not m["is_verified"] for m in mappings if m["mapping_status"] != "Published")


def test_roles_fixture():
	roles = load_fixture("role.json")
	assert [r["name"] for r in roles] == [
		"AIMS Manager",
		"AI System Owner",
		"AI Risk Owner",
		"AIMS Auditor",
		"AIMS Approver",
		"AIMS Viewer",
	]
	assert all(r["desk_access"] == 1 for r in roles)


def test_the_fixtures_are_the_configuration_and_nothing_else():
	"""Roles and workflows ship as Frappe fixtures, in the files `bench export-fixtures` writes for the hooks'
	`fixtures`; the library ships as versioned data (aims_app/aims_library/data/), not as fixtures."""
	from aims_app import hooks

	expected = sorted(f"{entry['dt'].lower().replace(' ', '_')}.json" for entry in hooks.fixtures)
	assert sorted(path.name for path in FIXTURES.glob("*.json")) == expected


def words(text: str) -> list[str]:
	return re.findall(r"[a-z]+", text.lower())


def test_a_10_2_guidance_does_not_list_the_parties_as_the_standard_does(requirements):
	"""The control text lists the organisation, its partners, suppliers, customers and third parties in that
	order; our guidance must not repeat that run of words."""
	guidance = " ".join(words(next(r["guidance"] for r in requirements if r["name"] == "ISO-42001-A.10.2")))
	assert "partners suppliers customers" not in guidance
	assert "organisation its partners" not in guidance and "organization its partners" not in guidance


def test_clause_headings_cite_no_source_with_wrong_annex_a_numbering(requirements):
	by_id = {r["requirement_id"]: r for r in requirements if r["framework"] == "ISO-42001"}
	for clause in ("6.1", "6.1.1", "6.1.2", "6.1.3", "6.1.4", "6.3"):
		sources = by_id[clause]["source_reference"].split(", ")
		assert "WEB_REGULUME" not in sources, clause
		assert "NIST_AIRC_XW_42001" in sources, clause
	assert not any("WEB_REGULUME" in (r.get("source_reference") or "") for r in requirements)


@pytest.mark.parametrize(
	"control,subcategory,other_reading",
	[("A.2.2", "MAP 1.4", "B.10.4"), ("A.3.2", "GOVERN 3.2", "9.3.2")],
)
def test_crosswalk_rows_whose_source_number_and_title_disagree(mappings, control, subcategory, other_reading):
	row = next(
		m
		for m in mappings
		if m["requirement"] == f"ISO-42001-{control}"
		and m["mapped_requirement"] == f"NIST-AI-RMF-{subcategory}"
	)
	assert row["confidence"] == "Medium"
	assert row["mapping_status"] == "Published"
	assert other_reading in row["notes"]


def test_other_published_nist_rows_keep_high_confidence(mappings):
	published = [m for m in mappings if m["mapping_status"] == "Published"]
	assert sum(m["confidence"] == "Medium" for m in published) == 2
	assert sum(m["confidence"] == "High" for m in published) == 278
