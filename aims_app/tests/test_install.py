"""What an admin gets from `bench install-app aims_app`, and what `bench migrate` must not disturb."""

import json
import subprocess
import sys

import frappe
from frappe.desk.doctype.tag.tag import add_tag
from frappe.desk.form import assign_to

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
	"""Every stored field of every library record except the nested-set bounds, which are bookkeeping."""
	snapshot = {}
	for doctype in LIBRARY_DOCTYPES:
		rows = frappe.get_all(doctype, fields=["*"], order_by="name")
		for row in rows:
			row.pop("lft", None)
			row.pop("rgt", None)
		snapshot[doctype] = [json.loads(frappe.as_json(row)) for row in rows]
	return snapshot


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

	def test_migrate_twice_changes_nothing_and_keeps_user_records(self):
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
		todo = assign_to.add(
			{
				"assign_to": ["Administrator"],
				"doctype": "Framework Requirement",
				"name": REQUIREMENT,
				"description": "Collect V&V reports",
			}
		)[0]["name"]
		add_tag("audit-focus", "Framework Requirement", REQUIREMENT)
		comment = frappe.get_doc("Framework Requirement", REQUIREMENT).add_comment(
			"Comment", "Auditor asked twice"
		)
		before = library_snapshot()
		frappe.db.commit()  # the migrate runs in another process and must see these records
		try:
			for attempt in (1, 2):
				result = run_migrate()
				self.assertEqual(
					result.returncode, 0, f"migrate {attempt} failed:\n{result.stdout}\n{result.stderr}"
				)
			frappe.db.rollback()  # end this connection's snapshot so the reads below see the migrated site
			after = library_snapshot()
			self.assertEqual(before.keys(), after.keys())
			for doctype in before:
				self.assertEqual(before[doctype], after[doctype], f"{doctype} changed across migrate")
			kept = frappe.get_doc("Requirement Mapping", mapping.name)
			self.assertEqual((kept.requirement, kept.mapped_requirement), (REQUIREMENT, nist))
			self.assertEqual(frappe.db.get_value("ToDo", todo, "reference_name"), REQUIREMENT)
			self.assertTrue(
				frappe.db.exists(
					"Tag Link",
					{
						"document_type": "Framework Requirement",
						"document_name": REQUIREMENT,
						"tag": "audit-focus",
					},
				)
			)
			self.assertEqual(frappe.db.get_value("Comment", comment.name, "reference_name"), REQUIREMENT)
			self.assertEqual(nested_set_violations(library_tree()), [])
		finally:
			for doctype, name in (
				("Comment", comment.name),
				("ToDo", todo),
				("Requirement Mapping", mapping.name),
			):
				frappe.delete_doc(doctype, name, force=True, ignore_missing=True)
			frappe.db.commit()
