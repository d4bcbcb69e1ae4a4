# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe

from aims_app.tests import AimsTestCase


def new_mapping(requirement: str, mapped: str):
	return frappe.get_doc(
		{
			"doctype": "Requirement Mapping",
			"requirement": requirement,
			"mapped_requirement": mapped,
			"relationship": "Related",
			"mapping_status": "Suggestion",
			"confidence": "Low",
			"mapping_source": "Our own review",
		}
	)


class TestRequirementMapping(AimsTestCase):
	def test_published_nist_crosswalk_is_complete(self):
		published = frappe.get_all(
			"Requirement Mapping",
			filters={"mapping_status": "Published", "mapped_framework": "NIST-AI-RMF"},
			fields=["mapped_requirement"],
		)
		self.assertEqual(len(published), 280)
		self.assertEqual(len({row.mapped_requirement for row in published}), 72)

	def test_every_mapping_end_exists(self):
		mapping = frappe.qb.DocType("Requirement Mapping")
		requirement = frappe.qb.DocType("Framework Requirement")
		for end in (mapping.requirement, mapping.mapped_requirement):
			dangling = (
				frappe.qb.from_(mapping)
				.left_join(requirement)
				.on(requirement.name == end)
				.select(mapping.name)
				.where(requirement.name.isnull())
				.run(pluck=True)
			)
			self.assertEqual(dangling, [])

	def test_suggestions_stay_marked_unverified(self):
		suggestions = frappe.get_all(
			"Requirement Mapping",
			filters={"mapping_status": "Suggestion"},
			fields=["is_verified", "mapped_framework"],
		)
		self.assertTrue(suggestions)
		self.assertEqual({row.is_verified for row in suggestions}, {0})
		# the EU AI Act crosswalk and the catalogues' mappings are the library's editorial suggestions
		self.assertEqual(
			{row.mapped_framework for row in suggestions},
			{"EU-AI-ACT", "OWASP-LLM-2025", "MITRE-ATLAS", "MIT-AI-RISK"},
		)

	def test_frameworks_are_fetched_from_the_requirements(self):
		mapping = new_mapping("ISO-42001-A.9.4", "ISO-27001-A.5.2").insert()
		self.assertEqual(
			(mapping.requirement_framework, mapping.mapped_framework), ("ISO-42001", "ISO-27001")
		)

	def test_mapping_within_one_framework_is_refused(self):
		self.assertRaisesRegex(
			frappe.ValidationError,
			"different frameworks",
			new_mapping("ISO-42001-A.2.2", "ISO-42001-5.2").insert,
		)
		self.assertRaisesRegex(
			frappe.ValidationError,
			"mapped to itself",
			new_mapping("ISO-42001-A.2.2", "ISO-42001-A.2.2").insert,
		)

	def test_a_pair_is_mapped_once(self):
		existing = frappe.get_all(
			"Requirement Mapping", fields=["requirement", "mapped_requirement"], limit=1, order_by="name"
		)[0]
		before = frappe.db.count("Requirement Mapping")
		self.assertRaises(
			frappe.DuplicateEntryError, new_mapping(existing.requirement, existing.mapped_requirement).insert
		)
		self.assertEqual(frappe.db.count("Requirement Mapping"), before)
