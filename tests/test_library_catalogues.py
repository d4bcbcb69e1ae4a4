"""The risk and threat catalogues of the library (issue 31): every entry's id and name as its publisher lists them,
counted; a description in our words (the eight-word rule); mappings to ISO/IEC 42001 controls and risk sources that
exist, each with a confidence and a note; the source, version and licence on each catalogue's record.

The published lists are in tests/data/catalogues_published.yaml and the hashed runs of the sources' text in
tests/data/catalogue_source_runs.txt, each file naming its sources and the date they were read."""

from collections import Counter

import pytest
import yaml

from tests.conftest import APP, ROOT
from tests.eight_words import load_hashes, repeated_runs, run_hashes

DATA = ROOT / "tests" / "data"
PUBLISHED = yaml.safe_load((DATA / "catalogues_published.yaml").read_text(encoding="utf-8"))
SOURCE_RUNS = load_hashes(DATA / "catalogue_source_runs.txt")
REFERENCE = ROOT.parent / "shared" / "reference" / "iso42001"
LIBRARY = APP / "aims_library" / "library"

OWASP, ATLAS, MIT = "OWASP-LLM-2025", "MITRE-ATLAS", "MIT-AI-RISK"
CATALOGUES = (OWASP, ATLAS, MIT)
# The kinds that are catalogue entries a risk can instantiate; the others only group them.
ENTRY_KINDS = {
	"Risk",
	"Tactic",
	"Technique",
	"Sub-technique",
	"Causal Category",
	"Risk Domain",
	"Risk Subdomain",
}
LICENCES = {OWASP: "CC BY-SA 4.0", ATLAS: "Apache License 2.0", MIT: "CC BY 4.0"}
SOURCES = {
	OWASP: "github.com/OWASP/www-project-top-10-for-large-language-model-applications",
	ATLAS: "github.com/mitre-atlas/atlas-data",
	MIT: "arXiv.2408.12622",
}


def of(requirements, framework, *kinds):
	return {
		r["requirement_id"]: r
		for r in requirements
		if r["framework"] == framework and (not kinds or r["requirement_kind"] in kinds)
	}


def names(entries: dict) -> dict:
	return {rid: r["title"] for rid, r in entries.items()}


def test_owasp_llm_top_10_2025_is_the_published_list(requirements):
	assert names(of(requirements, OWASP, "Risk")) == PUBLISHED["owasp_llm_2025"]["risks"]
	assert len(of(requirements, OWASP)) == 10


def test_atlas_tactics_are_the_published_ones_in_matrix_order(requirements):
	tactics = of(requirements, ATLAS, "Tactic")
	assert list(names(tactics).items()) == list(PUBLISHED["mitre_atlas"]["tactics"].items())
	assert len(tactics) == 16


def test_atlas_techniques_and_sub_techniques_are_the_published_ones(requirements):
	published = PUBLISHED["mitre_atlas"]
	techniques = of(requirements, ATLAS, "Technique", "Sub-technique")
	assert names(techniques) == published["techniques"]
	assert Counter(r["requirement_kind"] for r in techniques.values()) == {
		"Technique": 101,
		"Sub-technique": 69,
	}
	parents = {
		rid: r["parent_framework_requirement"].removeprefix(f"{ATLAS}-")
		for rid, r in techniques.items()
		if r["requirement_kind"] == "Sub-technique"
	}
	assert parents == published["sub_technique_of"]


def test_atlas_techniques_serve_the_published_tactics():
	catalogue = yaml.safe_load((LIBRARY / "mitre_atlas.yaml").read_text(encoding="utf-8"))
	tactics = {t["id"]: t["tactics"] for t in catalogue["techniques"] if "tactics" in t}
	assert tactics == PUBLISHED["mitre_atlas"]["tactics_of"]
	assert str(PUBLISHED["mitre_atlas"]["version"]) in catalogue["catalogue"]["edition"]


def test_mit_causal_taxonomy_is_the_published_one(requirements):
	mit = of(requirements, MIT)
	published = PUBLISHED["mit_ai_risk"]["causal"]
	assert set(of(requirements, MIT, "Causal Dimension")) == set(published)
	for dimension, categories in published.items():
		found = {
			rid: r["title"]
			for rid, r in mit.items()
			if r["parent_framework_requirement"] == f"{MIT}-{dimension}"
		}
		assert found == {f"{dimension}.{number}": name for number, name in categories.items()}


def test_mit_domain_taxonomy_has_the_7_domains_and_24_subdomains(requirements):
	published = PUBLISHED["mit_ai_risk"]
	assert names(of(requirements, MIT, "Risk Domain")) == published["domains"]
	subdomains = of(requirements, MIT, "Risk Subdomain")
	assert names(subdomains) == published["subdomains"]
	assert len(subdomains) == 24
	for rid, r in subdomains.items():
		assert r["parent_framework_requirement"] == f"{MIT}-{rid.split('.')[0]}"


@pytest.mark.parametrize("framework", CATALOGUES)
def test_each_catalogue_names_its_source_version_and_licence(frameworks, framework):
	record = next(f for f in frameworks if f["name"] == framework)
	assert record["framework_type"] in ("Risk Catalogue", "Threat Catalogue")
	assert not record["is_certifiable"]
	assert record["edition"] and record["reference_url"].startswith("https://")
	assert LICENCES[framework] in record["content_note"]
	assert SOURCES[framework] in record["content_note"]
	assert "aims_app authors' own" in record["content_note"]


def test_catalogue_entries_are_not_requirements_to_assess(requirements):
	"""Readiness and audits count assessable requirements; a catalogue entry is a risk to raise, not one."""
	assert not [r["name"] for r in requirements if r["framework"] in CATALOGUES and r["is_assessable"]]


@pytest.mark.parametrize("framework", CATALOGUES)
def test_every_entry_is_described(requirements, framework):
	for rid, r in of(requirements, framework).items():
		description = r.get("guidance") or ""
		assert 20 <= len(description) <= 400, rid
		assert description.endswith("."), rid
		assert description.lower() != r["title"].lower(), rid


@pytest.mark.parametrize("framework", CATALOGUES)
def test_every_entry_is_treated_by_an_annex_a_control(requirements, mappings, framework):
	treated = {m["mapped_requirement"] for m in mappings if m["relationship"] == "Treats"}
	untreated = [
		name
		for name in (r["name"] for r in of(requirements, framework, *ENTRY_KINDS).values())
		if name not in treated
	]
	assert not untreated


def test_catalogue_mappings_reach_annex_a_controls_and_annex_c_risk_sources_that_exist(mappings):
	controls = {c["id"] for c in yaml.safe_load((REFERENCE / "annex_a.yaml").read_text())["controls"]}
	sources = {s["id"] for s in yaml.safe_load((REFERENCE / "annex_c.yaml").read_text())["risk_sources"]}
	rows = [m for m in mappings if m["mapped_framework"] in CATALOGUES]
	assert rows
	for m in rows:
		iso_id = m["requirement"].removeprefix("ISO-42001-")
		assert m["requirement_framework"] == "ISO-42001", m["name"]
		if m["relationship"] == "Treats":
			assert iso_id in controls, m["name"]
		else:
			assert m["relationship"] == "Source Of" and iso_id in sources, m["name"]
		assert m["confidence"] in ("High", "Medium", "Low"), m["name"]
		assert m["notes"] and m["mapping_source"], m["name"]
		assert m["mapping_status"] in ("Suggestion", "Derived") and not m["is_verified"], m["name"]


def test_derived_atlas_mappings_say_where_they_come_from(mappings):
	derived = [m for m in mappings if m["mapped_framework"] == ATLAS and m["mapping_status"] == "Derived"]
	assert derived
	for m in derived:
		assert m["confidence"] == "Low", m["name"]
		assert m["notes"].startswith(("Through its tactic AML.TA", "Through its parent technique AML.T")), m[
			"name"
		]


def catalogue_texts(requirements, mappings, frameworks):
	for r in requirements:
		if r["framework"] in CATALOGUES:
			yield r["name"], r["guidance"]
	for m in mappings:
		if m["mapped_framework"] in CATALOGUES:
			yield m["name"], m["notes"]
	for f in frameworks:
		if f["name"] in CATALOGUES:
			yield f["name"], f["description"]


def test_no_description_repeats_eight_words_of_its_source(requirements, mappings, frameworks):
	copied = {
		name: runs
		for name, text in catalogue_texts(requirements, mappings, frameworks)
		if (runs := repeated_runs(text, SOURCE_RUNS))
	}
	assert not copied


def test_the_source_runs_cover_all_three_sources():
	assert len(SOURCE_RUNS) > 30000


def test_the_eight_word_rule_finds_a_copied_run_and_lets_seven_words_pass():
	source = "Our made-up source sentence has exactly these twelve words in it, no more."
	hashes = set(run_hashes(source))
	assert repeated_runs(
		"We wrote: source sentence has exactly these twelve words in, then stopped.", hashes
	) == ["source sentence has exactly these twelve words in"]
	assert repeated_runs("A source sentence has exactly these twelve words but differs.", hashes) == []
	assert repeated_runs("OUR made up SOURCE, sentence has exactly these twelve", hashes)
