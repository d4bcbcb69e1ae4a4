"""The library as versioned data: what install and migrate plan to write (aims_app/aims_library/library_data.py).

The promise (issue 16): a migrate writes nothing when the shipped library is the installed one, and after a
change writes that change only; withdrawn entries are flagged, never deleted, and not while linked; the tree
keeps the standard's order; a library that does not check out changes nothing and names the entry."""

import dataclasses
import json
import shutil

import pytest

from aims_app.aims_library.library_data import (
	DATA,
	InstalledLibrary,
	LibraryError,
	file_digest,
	load_library,
	plan_library,
	refuse_linked_withdrawals,
)
from aims_app.aims_library.tree import TreeNode, nested_set_violations

CHANGED = "ISO-42001-A.6.2.4"


def installed_from(plan, installed=None) -> InstalledLibrary:
	"""The site after a plan is applied: what the applier writes, kept as the planner reads it back."""
	site = installed or InstalledLibrary()
	state = {"library_version": plan.version}
	for rows, changes in (
		(site.frameworks, plan.frameworks),
		(site.requirements, plan.requirements),
		(site.mappings, plan.mappings),
	):
		for row in changes.inserts:
			rows[row["name"]] = {**row, **state, "withdrawn": 0}
		for row in changes.updates:
			rows[row["name"]] = {**rows[row["name"]], **row, **state, "withdrawn": 0}
		for name in changes.adopt:
			rows[name] = {**rows[name], **state}
		for name in changes.withdraw:
			rows[name] = {**rows[name], "withdrawn": 1}
	for name, (lft, rgt) in plan.bounds.items():
		site.requirements[name] = {**site.requirements[name], "lft": lft, "rgt": rgt}
	return site


def tree(site: InstalledLibrary) -> list[TreeNode]:
	return [
		TreeNode(name, row["parent_framework_requirement"], row["lft"], row["rgt"])
		for name, row in site.requirements.items()
	]


def in_tree_order(site: InstalledLibrary) -> list[str]:
	return sorted(site.requirements, key=lambda name: site.requirements[name]["lft"])


def with_requirements(library, framework_code, change):
	"""A new library version in which `change` rewrote one framework's requirement list."""
	frameworks = tuple(
		dataclasses.replace(f, requirements=change(list(f.requirements)), sha256=f.sha256[::-1])
		if f.code == framework_code
		else f
		for f in library.frameworks
	)
	return dataclasses.replace(library, version="next", released="2026-12-24 00:00:00", frameworks=frameworks)


def without(library, name):
	"""A new library version that withdraws requirement `name` and the crosswalk rows that reach it."""
	frameworks = tuple(
		dataclasses.replace(
			f,
			requirements=[r for r in f.requirements if r["name"] != name],
			mappings=[m for m in f.mappings if name not in (m["requirement"], m["mapped_requirement"])],
			sha256=f.sha256[::-1],
		)
		for f in library.frameworks
	)
	return dataclasses.replace(library, version="next", released="2026-12-24 00:00:00", frameworks=frameworks)


# The standards (ISO/IEC 42001, NIST AI RMF, EU AI Act, ISO/IEC 27001: 332 requirements, 399 crosswalk rows) and,
# since library 2026.12.3, the catalogues: OWASP LLM 10 risks; MITRE ATLAS 16 tactics, 101 techniques, 69
# sub-techniques and its 2 headings; the MIT taxonomies 2 taxonomies, 3 causal dimensions, 9 causal categories,
# 7 domains and 24 subdomains. The catalogues' mapping rows are counted from their files, not from the builder.
STANDARDS_REQUIREMENTS, STANDARDS_MAPPINGS = 332, 399
CATALOGUE_REQUIREMENTS = 10 + (16 + 101 + 69 + 2) + (2 + 3 + 9 + 7 + 24)
REQUIREMENTS = STANDARDS_REQUIREMENTS + CATALOGUE_REQUIREMENTS
CATALOGUES = ("OWASP-LLM-2025", "MITRE-ATLAS", "MIT-AI-RISK")


@pytest.fixture(scope="module")
def catalogue_mappings(shipped):
	return sum(len(f.mappings) for f in shipped.frameworks if f.code in CATALOGUES)


@pytest.fixture(scope="module")
def shipped():
	return load_library()


@pytest.fixture
def site(shipped):
	return installed_from(plan_library(shipped, InstalledLibrary()))


def test_install_inserts_the_whole_library_as_one_sound_tree_in_the_standards_order(
	shipped, catalogue_mappings
):
	plan = plan_library(shipped, InstalledLibrary())
	shipped_order = [r["name"] for f in shipped.frameworks for r in f.requirements]
	assert [r["name"] for r in plan.requirements.inserts] == shipped_order
	assert plan.rows_written() == {
		"Compliance Framework": 7,
		"Framework Requirement": REQUIREMENTS,
		"Requirement Mapping": STANDARDS_MAPPINGS + catalogue_mappings,
	}
	site = installed_from(plan)
	assert nested_set_violations(tree(site)) == []
	assert in_tree_order(site) == shipped_order
	bounds = sorted(b for row in site.requirements.values() for b in (row["lft"], row["rgt"]))
	assert bounds == list(range(1, 2 * REQUIREMENTS + 1)), "one pass, no gaps"
	assert in_tree_order(site).index("ISO-42001-A.2") < in_tree_order(site).index("ISO-42001-A.10")


def test_unchanged_library_is_current_and_plans_no_writes(shipped, site):
	assert site.is_current(shipped)
	plan = plan_library(shipped, site)
	assert sum(plan.rows_written().values()) == 0


def test_any_number_of_migrates_keeps_bounds_and_order(shipped, site):
	before = {name: (row["lft"], row["rgt"]) for name, row in site.requirements.items()}
	for _ in range(3):
		site = installed_from(plan_library(shipped, site), site)
	assert {name: (row["lft"], row["rgt"]) for name, row in site.requirements.items()} == before


def test_a_changed_requirement_is_the_only_row_written(shipped, site):
	def reword(requirements):
		return [{**r, "guidance": "Reworded."} if r["name"] == CHANGED else r for r in requirements]

	plan = plan_library(with_requirements(shipped, "ISO-42001", reword), site)
	assert [r["name"] for r in plan.requirements.updates] == [CHANGED]
	assert plan.requirements.inserts == plan.requirements.withdraw == [] and plan.bounds == {}
	assert plan.rows_written() == {
		"Compliance Framework": 1,
		"Framework Requirement": 1,
		"Requirement Mapping": 0,
	}


def test_a_changed_mapping_is_written_with_nothing_else(shipped, site):
	nist = next(f for f in shipped.frameworks if f.code == "NIST-AI-RMF")
	target = next(m for m in nist.mappings if m["requirement"] == CHANGED)
	changed = dataclasses.replace(
		nist, mappings=[{**m, "notes": "Checked."} if m is target else m for m in nist.mappings]
	)
	library = dataclasses.replace(
		shipped, version="next", frameworks=tuple(changed if f is nist else f for f in shipped.frameworks)
	)
	plan = plan_library(library, site)
	assert [m["name"] for m in plan.mappings.updates] == [target["name"]]
	assert plan.rows_written()["Framework Requirement"] == 0


def test_a_withdrawn_requirement_is_flagged_kept_and_stays_in_the_tree(shipped, site):
	library = without(shipped, "NIST-AI-RMF-MAP 1.4")
	plan = plan_library(library, site)
	assert plan.requirements.withdraw == ["NIST-AI-RMF-MAP 1.4"]
	assert len(plan.mappings.withdraw) == sum(
		m["mapped_requirement"] == "NIST-AI-RMF-MAP 1.4" for f in shipped.frameworks for m in f.mappings
	)
	after = installed_from(plan, site)
	assert after.requirements["NIST-AI-RMF-MAP 1.4"]["withdrawn"] == 1
	assert nested_set_violations(tree(after)) == []
	assert after.is_current(library)
	assert sum(plan_library(library, after).rows_written().values()) == 0


def test_a_new_requirement_moves_only_the_nodes_after_it(shipped, site):
	def add_control(requirements):
		index = next(i for i, r in enumerate(requirements) if r["name"] == "ISO-42001-A.2.4") + 1
		new = {**requirements[index - 1], "name": "ISO-42001-A.2.5", "requirement_id": "A.2.5"}
		return [*requirements[:index], new, *requirements[index:]]

	plan = plan_library(with_requirements(shipped, "ISO-42001", add_control), site)
	assert [r["name"] for r in plan.requirements.inserts] == ["ISO-42001-A.2.5"]
	before = in_tree_order(site)
	after = installed_from(plan, site)
	assert nested_set_violations(tree(after)) == []
	order = in_tree_order(after)
	assert order[order.index("ISO-42001-A.2.4") + 1] == "ISO-42001-A.2.5"
	unmoved = before[: before.index("ISO-42001-A.2.4")]
	assert not set(unmoved) & set(plan.bounds) - {"ISO-42001-A.2", "ISO-42001-Annex A"}


def test_withdrawing_a_linked_requirement_is_refused_naming_entry_and_link(shipped, site):
	plan = plan_library(without(shipped, CHANGED), site)
	with pytest.raises(LibraryError) as error:
		refuse_linked_withdrawals(plan, {CHANGED: ["AIMS Audit AUD-0001"]})
	assert CHANGED in str(error.value) and "AIMS Audit AUD-0001" in str(error.value)


def test_a_parent_that_points_at_nothing_is_refused_naming_the_entry(shipped, site):
	def orphan(requirements):
		return [
			{**r, "parent_framework_requirement": "ISO-42001-A.99"} if r["name"] == CHANGED else r
			for r in requirements
		]

	with pytest.raises(LibraryError) as error:
		plan_library(with_requirements(shipped, "ISO-42001", orphan), site)
	assert CHANGED in str(error.value) and "ISO-42001-A.99" in str(error.value)


def test_a_mapping_to_a_missing_requirement_is_refused(shipped, site):
	def drop(requirements):
		return [r for r in requirements if r["name"] != "NIST-AI-RMF-MAP 1.4"]

	with pytest.raises(LibraryError) as error:
		plan_library(with_requirements(shipped, "NIST-AI-RMF", drop), site)
	assert "NIST-AI-RMF-MAP 1.4" in str(error.value)


def test_a_file_that_does_not_match_its_hash_is_refused_naming_the_file(tmp_path):
	shutil.copytree(DATA, tmp_path / "data")
	path = tmp_path / "data" / "eu-ai-act.json"
	body = json.loads(path.read_text())
	body["requirements"][0]["title"] += " (edited)"
	path.write_text(json.dumps(body))
	with pytest.raises(LibraryError) as error:
		load_library(tmp_path / "data")
	assert "eu-ai-act.json" in str(error.value)


def test_the_manifest_gives_each_files_sha256():
	manifest = json.loads((DATA / "manifest.json").read_text())
	assert manifest["version"] and manifest["released"]
	for entry in manifest["frameworks"]:
		assert file_digest((DATA / entry["file"]).read_bytes()) == entry["sha256"]


def test_records_shipped_before_the_library_was_versioned_are_adopted_not_rewritten(
	shipped, site, catalogue_mappings
):
	"""A site upgraded from the fixture-era library: same content, no library version yet."""
	for rows in (site.requirements, site.mappings):
		for row in rows.values():
			row["library_version"] = None
	for row in site.frameworks.values():
		row["content_hash"] = row["library_version"] = None
	plan = plan_library(shipped, site)
	assert plan.requirements.updates == plan.mappings.updates == []
	assert len(plan.requirements.adopt) == REQUIREMENTS
	assert len(plan.mappings.adopt) == STANDARDS_MAPPINGS + catalogue_mappings


def test_a_site_on_the_library_before_the_catalogues_gets_them_and_nothing_else_changes(
	shipped, catalogue_mappings
):
	"""A migrate from library 2026.12.2 (the standards only) to this one inserts the three catalogues, their
	entries and mappings, and leaves every row of the standards as it was."""
	before = dataclasses.replace(
		shipped, frameworks=tuple(f for f in shipped.frameworks if f.code not in CATALOGUES)
	)
	site = installed_from(plan_library(before, InstalledLibrary()))
	plan = plan_library(shipped, site)
	assert [row["name"] for row in plan.frameworks.inserts] == list(CATALOGUES)
	assert plan.frameworks.updates == plan.requirements.updates == plan.mappings.updates == []
	assert plan.requirements.withdraw == plan.mappings.withdraw == []
	assert len(plan.requirements.inserts) == CATALOGUE_REQUIREMENTS
	assert {row["framework"] for row in plan.requirements.inserts} == set(CATALOGUES)
	assert len(plan.mappings.inserts) == catalogue_mappings
	assert plan.bounds == {}, "the standards keep their place in the tree"
	after = installed_from(plan, site)
	assert nested_set_violations(tree(after)) == []


def test_the_organisations_own_records_are_never_withdrawn(shipped, site):
	site.mappings["own-mapping"] = {"name": "own-mapping", "library_version": None, "withdrawn": 0}
	site.requirements["own-requirement"] = {
		"name": "own-requirement",
		"parent_framework_requirement": "ISO-42001-4",
		"library_version": None,
		"withdrawn": 0,
		"lft": 10**6,
		"rgt": 10**6 + 1,
	}
	plan = plan_library(shipped, site)
	assert plan.requirements.withdraw == plan.mappings.withdraw == []
	after = installed_from(plan, site)
	assert nested_set_violations(tree(after)) == []
