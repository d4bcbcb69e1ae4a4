"""What an admin gets from `bench install-app aims_app`, and what `bench migrate` must not disturb."""

import dataclasses
import json
import subprocess
import sys

import frappe
from frappe.desk.doctype.tag.tag import add_tag
from frappe.desk.form import assign_to
from frappe.desk.like import toggle_like

from aims_app.aims_library.library_data import load_library
from aims_app.aims_library.sync import sync_library
from aims_app.aims_library.tree import nested_set_violations
from aims_app.roles import AIMS_ROLES
from aims_app.tests import AimsTestCase, library_tree

LIBRARY_DOCTYPES = ("Compliance Framework", "Framework Requirement", "Requirement Mapping")
REQUIREMENT = "ISO-42001-A.6.2.4"


def run_migrate():
	"""`bench --site <site> migrate`, in its own process, exactly as an admin runs it."""
	return subprocess.run(
		[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "--site", frappe.local.site, "migrate"],
		cwd=frappe.utils.get_bench_path() + "/sites",
		capture_output=True,
		text=True,
		timeout=900,
	)


def library_snapshot() -> dict[str, list[dict]]:
	"""Every stored field of every library record, nested-set bounds and timestamps included."""
	return {
		doctype: [
			json.loads(frappe.as_json(row)) for row in frappe.get_all(doctype, fields=["*"], order_by="name")
		]
		for doctype in LIBRARY_DOCTYPES
	}


def differing(before: dict[str, list[dict]], after: dict[str, list[dict]]) -> dict[str, list[str]]:
	"""Per doctype, the names of the records whose stored fields differ (or that only one side has)."""
	changed = {}
	for doctype in LIBRARY_DOCTYPES:
		old = {row["name"]: row for row in before[doctype]}
		new = {row["name"]: row for row in after[doctype]}
		names = sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))
		if names:
			changed[doctype] = names
	return changed


def next_version(library, change_requirement, change_mapping):
	"""The shipped library as a new version in which the given functions rewrote some records."""
	frameworks = tuple(
		dataclasses.replace(
			framework,
			requirements=[change_requirement(r) for r in framework.requirements],
			mappings=[change_mapping(m) for m in framework.mappings],
			sha256="next-" + framework.sha256[:16],
		)
		for framework in library.frameworks
	)
	return dataclasses.replace(library, version="next", released="2026-12-24 00:00:00", frameworks=frameworks)


def hang_user_state(requirement: str) -> dict:
	"""What users add to a library record from the desk: an assignment, a tag, a comment and a like."""
	todo = assign_to.add(
		{
			"assign_to": ["Administrator"],
			"doctype": "Framework Requirement",
			"name": requirement,
			"description": "Collect V&V reports",
		}
	)[0]["name"]
	add_tag("audit-focus", "Framework Requirement", requirement)
	comment = frappe.get_doc("Framework Requirement", requirement).add_comment(
		"Comment", "Auditor asked twice"
	)
	toggle_like("Framework Requirement", requirement, add="Yes")
	return {"todo": todo, "comment": comment.name}


def unmapped_nist_subcategory(requirement: str) -> str:
	mapped = frappe.get_all(
		"Requirement Mapping", filters={"requirement": requirement}, pluck="mapped_requirement"
	)
	return frappe.get_all(
		"Framework Requirement",
		filters={"framework": "NIST-AI-RMF", "requirement_kind": "Subcategory", "name": ("not in", mapped)},
		pluck="name",
		limit=1,
		order_by="lft",
	)[0]


class TestInstall(AimsTestCase):
	def test_the_six_roles_have_desk_access(self):
		roles = frappe.get_all("Role", filters={"name": ("in", AIMS_ROLES)}, fields=["name", "desk_access"])
		self.assertEqual(sorted(r.name for r in roles), sorted(AIMS_ROLES))
		self.assertTrue(all(r.desk_access for r in roles))

	def test_workspace_shortcuts_open_controls_and_clauses(self):
		workspace = frappe.get_doc("Workspace", "AIMS")
		shortcuts = {s.label: s for s in workspace.shortcuts}
		expected = {"Annex A Controls": 38, "ISO 42001 Clauses": 43}
		for label, rows in expected.items():
			with self.subTest(shortcut=label):
				shortcut = shortcuts[label]
				filters = [f[:4] for f in json.loads(shortcut.stats_filter)]
				self.assertEqual(len(frappe.get_list(shortcut.link_to, filters=filters, pluck="name")), rows)

	def assert_user_state_kept(self, requirement: str, state: dict):
		self.assertEqual(frappe.db.get_value("ToDo", state["todo"], "reference_name"), requirement)
		self.assertTrue(
			frappe.db.exists(
				"Tag Link",
				{
					"document_type": "Framework Requirement",
					"document_name": requirement,
					"tag": "audit-focus",
				},
			)
		)
		self.assertEqual(frappe.db.get_value("Comment", state["comment"], "reference_name"), requirement)
		stored = frappe.db.get_value(
			"Framework Requirement",
			requirement,
			["_assign", "_user_tags", "_comments", "_liked_by"],
			as_dict=True,
		)
		self.assertIn("Administrator", json.loads(stored._assign))
		self.assertIn("audit-focus", stored._user_tags)
		self.assertIn("Auditor asked twice", stored._comments)
		self.assertIn("Administrator", json.loads(stored._liked_by))

	def test_migrate_twice_writes_no_library_row_and_keeps_user_records(self):
		nist = unmapped_nist_subcategory(REQUIREMENT)
		mapping = frappe.get_doc(
			{
				"doctype": "Requirement Mapping",
				"requirement": REQUIREMENT,
				"mapped_requirement": nist,
				"relationship": "Related",
				"mapping_status": "Suggestion",
				"confidence": "Medium",
				"mapping_source": "Internal review of the verification procedure",
			}
		).insert()
		state = hang_user_state(REQUIREMENT)
		before = library_snapshot()
		frappe.db.commit()  # the migrate runs in another process and must see these records
		try:
			for attempt in (1, 2):
				result = run_migrate()
				self.assertEqual(
					result.returncode, 0, f"migrate {attempt} failed:\n{result.stdout}\n{result.stderr}"
				)
				self.assertIn("no library rows written", result.stdout)
			# a new connection: it sees the migrated site, and Frappe v16's migrate kills connections idle for
			# half a minute, as this one was
			frappe.db.connect()
			after = library_snapshot()
			self.assertEqual(differing(before, after), {}, "a library row changed across two migrates")
			kept = frappe.get_doc("Requirement Mapping", mapping.name)
			self.assertEqual(
				(kept.requirement, kept.mapped_requirement, kept.withdrawn), (REQUIREMENT, nist, 0)
			)
			self.assert_user_state_kept(REQUIREMENT, state)
			self.assertEqual(nested_set_violations(library_tree()), [])
		finally:
			for doctype, name in (
				("Comment", state["comment"]),
				("ToDo", state["todo"]),
				("Requirement Mapping", mapping.name),
			):
				frappe.delete_doc(doctype, name, force=True, ignore_missing=True)
			toggle_like("Framework Requirement", REQUIREMENT, add="No")
			frappe.db.commit()

	def test_a_library_update_writes_the_changed_requirement_and_its_mappings_only(self):
		shipped = load_library()
		own_mappings = sorted(
			m["name"] for f in shipped.frameworks for m in f.mappings if m["requirement"] == REQUIREMENT
		)
		self.assertTrue(own_mappings)
		updated = next_version(
			shipped,
			lambda r: {**r, "guidance": r["guidance"] + " Reviewed."} if r["name"] == REQUIREMENT else r,
			lambda m: {**m, "notes": "Reviewed."} if m["name"] in own_mappings else m,
		)
		state = hang_user_state(REQUIREMENT)
		before = library_snapshot()
		try:
			written = sync_library(updated)
			after = library_snapshot()
			self.assertEqual(
				differing(before, after),
				{
					"Compliance Framework": sorted(f.code for f in shipped.frameworks),
					"Framework Requirement": [REQUIREMENT],
					"Requirement Mapping": own_mappings,
				},
			)
			self.assertEqual(
				written,
				{
					"Compliance Framework": len(shipped.frameworks),
					"Framework Requirement": 1,
					"Requirement Mapping": len(own_mappings),
				},
			)
			self.assertTrue(
				frappe.db.get_value("Framework Requirement", REQUIREMENT, "guidance").endswith("Reviewed.")
			)
			self.assert_user_state_kept(REQUIREMENT, state)
			self.assertEqual(sync_library(updated), {}, "the same version again writes nothing")
		finally:
			sync_library(shipped)
		self.assertEqual(differing(before, library_snapshot()), {}, "going back restores every field")

	def test_withdrawing_a_control_someone_decided_on_is_refused_and_changes_nothing(self):
		control = "ISO-42001-A.7.5"
		implementation = frappe.get_doc("Control Implementation", control)
		implementation.implementation_status = "Planned"
		implementation.save()
		shipped = load_library()
		withdrawn = next_version(shipped, lambda r: r, lambda m: m)
		withdrawn = dataclasses.replace(
			withdrawn,
			frameworks=tuple(
				dataclasses.replace(
					f,
					requirements=[r for r in f.requirements if r["name"] != control],
					mappings=[
						m for m in f.mappings if control not in (m["requirement"], m["mapped_requirement"])
					],
				)
				for f in withdrawn.frameworks
			),
		)
		before = library_snapshot()
		with self.assertRaises(frappe.ValidationError) as refused:
			sync_library(withdrawn)
		self.assertIn(control, str(refused.exception))
		self.assertIn(f"Control Implementation {control}", str(refused.exception))
		self.assertEqual(differing(before, library_snapshot()), {})

	def test_a_version_whose_parent_points_at_nothing_is_refused_and_changes_nothing(self):
		broken = next_version(
			load_library(),
			lambda r: (
				{**r, "parent_framework_requirement": "ISO-42001-A.99"} if r["name"] == REQUIREMENT else r
			),
			lambda m: m,
		)
		before = library_snapshot()
		with self.assertRaises(frappe.ValidationError) as refused:
			sync_library(broken)
		self.assertIn(REQUIREMENT, str(refused.exception))
		self.assertIn("ISO-42001-A.99", str(refused.exception))
		self.assertEqual(differing(before, library_snapshot()), {})

	def test_the_library_tree_is_gapless_and_in_the_standards_order(self):
		shipped = load_library()
		order = [r["name"] for f in shipped.frameworks for r in f.requirements]
		stored = frappe.get_all(
			"Framework Requirement", filters={"withdrawn": 0}, order_by="lft", pluck="name"
		)
		self.assertEqual(stored, order)
		self.assertEqual(nested_set_violations(library_tree()), [])
		sorts = frappe.get_all("Control Implementation", order_by="control_sort", pluck="name")
		self.assertEqual(sorts, [name for name in order if name in set(sorts)])
