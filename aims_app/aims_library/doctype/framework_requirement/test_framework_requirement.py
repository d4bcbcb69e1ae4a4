# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe

from aims_app.aims_library.doctype.framework_requirement.framework_requirement import get_children
from aims_app.aims_library.tree import nested_set_violations
from aims_app.roles import AIMS_ROLES
from aims_app.tests import AimsTestCase, acting_as, library_tree, make_user

ISO42001 = "ISO-42001"


def count(**filters) -> int:
	return frappe.db.count("Framework Requirement", filters)


class TestFrameworkRequirement(AimsTestCase):
	def test_iso42001_holds_clauses_annex_a_and_annex_c(self):
		expected = {
			"Clause": 7,
			"Subclause": 36,
			"Control Category": 9,
			"Control Objective": 2,
			"Control": 38,
			"Objective": 11,
			"Risk Source": 7,
		}
		for kind, number in expected.items():
			with self.subTest(kind=kind):
				self.assertEqual(count(framework=ISO42001, requirement_kind=kind), number)

	def test_controls_sit_under_their_objective_group(self):
		self.assertEqual(
			frappe.db.get_value("Framework Requirement", "ISO-42001-A.6.2.4", "parent_framework_requirement"),
			"ISO-42001-A.6.2",
		)
		self.assertEqual(
			frappe.db.get_value("Framework Requirement", "ISO-42001-A.10.4", "parent_framework_requirement"),
			"ISO-42001-A.10",
		)

	def test_what_can_be_assessed(self):
		# 32 leaf subclauses (6.1, 7.5, 9.2 and 9.3 are split further) and the 38 controls.
		self.assertEqual(count(framework=ISO42001, is_assessable=1, requirement_kind="Subclause"), 32)
		self.assertEqual(count(framework=ISO42001, is_assessable=1, requirement_kind="Control"), 38)
		self.assertEqual(count(framework=ISO42001, is_assessable=1), 70)

	def test_every_iso42001_entry_carries_our_guidance(self):
		missing = frappe.get_all(
			"Framework Requirement",
			filters={"framework": ISO42001, "requirement_kind": ("not in", ["Annex", "Section"])},
			or_filters={"guidance": ("is", "not set"), "evidence_expected": ("is", "not set")},
			pluck="name",
		)
		self.assertEqual(missing, [])

	def test_nist_ai_rmf_functions_categories_subcategories(self):
		self.assertEqual(count(framework="NIST-AI-RMF", requirement_kind="Function"), 4)
		self.assertEqual(count(framework="NIST-AI-RMF", requirement_kind="Category"), 19)
		self.assertEqual(count(framework="NIST-AI-RMF", requirement_kind="Subcategory"), 72)

	def test_eu_ai_act_articles_and_annex_iii_areas(self):
		for article in (5, 9, 10, 13, 14, 15, 26, 27, 50, 51, 53, 55, 72, 73):
			with self.subTest(article=article):
				self.assertTrue(frappe.db.exists("Framework Requirement", f"EU-AI-ACT-Art. {article}"))
		self.assertEqual(count(framework="EU-AI-ACT", requirement_kind="Annex III Area"), 8)
		self.assertEqual(
			frappe.db.get_value("Framework Requirement", "EU-AI-ACT-Art. 26", "applies_to"), "deployer"
		)

	def test_iso27001_clauses(self):
		self.assertEqual(count(framework="ISO-27001", requirement_kind="Clause"), 7)
		self.assertTrue(frappe.db.exists("Framework Requirement", "ISO-27001-6.1.3"))

	def test_tree_bounds_agree_with_parents(self):
		self.assertEqual(nested_set_violations(library_tree()), [])

	def test_tree_view_opens_on_the_frameworks(self):
		roots = get_children("Framework Requirement", parent="All Frameworks", is_root=True)
		self.assertEqual(
			{node.value for node in roots},
			{
				"ISO-42001",
				"NIST-AI-RMF",
				"EU-AI-ACT",
				"ISO-27001",
				"OWASP-LLM-2025",
				"MITRE-ATLAS",
				"MIT-AI-RISK",
			},
		)
		under_iso = [node.value for node in get_children("Framework Requirement", parent=ISO42001)]
		self.assertEqual(under_iso[0], "ISO-42001-4")

	def test_tree_view_follows_the_standards_order(self):
		top = [node.value for node in get_children("Framework Requirement", is_root=True, framework=ISO42001)]
		self.assertEqual(
			top, [f"ISO-42001-{i}" for i in ("4", "5", "6", "7", "8", "9", "10", "Annex A", "Annex C")]
		)
		categories = [
			node.title for node in get_children("Framework Requirement", parent="ISO-42001-Annex A")
		]
		self.assertEqual(len(categories), 9)
		self.assertTrue(categories[0].startswith("A.2 "))
		self.assertTrue(categories[-1].startswith("A.10 "))

	def test_aims_roles_read_the_library_but_cannot_change_it(self):
		for role in AIMS_ROLES:
			user = make_user(f"library-{frappe.scrub(role)}@example.com", [role])
			with self.subTest(role=role), acting_as(user):
				requirement = frappe.get_doc("Framework Requirement", "ISO-42001-A.2.2")
				self.assertTrue(frappe.has_permission("Framework Requirement", "read", requirement))
				requirement.title = "Changed"
				self.assertRaises(frappe.PermissionError, requirement.save)
				self.assertRaises(
					frappe.PermissionError, frappe.delete_doc, "Framework Requirement", "ISO-42001-A.2.2"
				)
				new = frappe.get_doc(
					{
						"doctype": "Framework Requirement",
						"framework": ISO42001,
						"requirement_id": "A.99",
						"title": "Not in the standard",
						"requirement_kind": "Control",
					}
				)
				self.assertRaises(frappe.PermissionError, new.insert)
		self.assertEqual(
			frappe.db.get_value("Framework Requirement", "ISO-42001-A.2.2", "title"), "AI policy"
		)

	def test_parent_must_belong_to_the_same_framework(self):
		child = frappe.get_doc(
			{
				"doctype": "Framework Requirement",
				"framework": "NIST-AI-RMF",
				"requirement_id": "GOVERN 9.9",
				"title": "An outcome",
				"requirement_kind": "Subcategory",
				"parent_framework_requirement": "ISO-42001-A.2",
			}
		)
		self.assertRaisesRegex(frappe.ValidationError, "belongs to framework ISO-42001", child.insert)
		self.assertFalse(frappe.db.exists("Framework Requirement", "NIST-AI-RMF-GOVERN 9.9"))
