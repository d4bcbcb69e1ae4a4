# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.utils import add_days, today

from aims_app.tests import AimsTestCase, acting_as, make_user, pdf_text
from aims_app.tests.scenarios import cv_screening

AUDITOR = "auditor@example.com"
SYSTEM_OWNER = "cv-owner@example.com"
MANAGER = "aims-manager@example.com"


def clause_8_and_a6_audit(system: str, lead_auditor: str = AUDITOR, **fields):
	return frappe.get_doc(
		{
			"doctype": "AIMS Audit",
			"title": "Operation of the CV-screening system",
			"audit_type": "Internal",
			"start_date": add_days(today(), -2),
			"end_date": today(),
			"lead_auditor": lead_auditor,
			"auditees": "HR recruitment team",
			"requirements": [{"requirement": "ISO-42001-8"}, {"requirement": "ISO-42001-A.6"}],
			"ai_systems": [{"ai_system": system}],
			**fields,
		}
	).insert()


def answer_all(audit, result="Conforms", **exceptions):
	for row in audit.checklist:
		row.result = exceptions.get(row.requirement, result)
		row.evidence_seen = "Procedure and records sampled."


class TestAIMSAudit(AimsTestCase):
	def setUp(self):
		self.system = cv_screening(SYSTEM_OWNER).system.name

	def expected_requirements(self):
		requirement = frappe.qb.DocType("Framework Requirement")
		names = []
		for parent in ("ISO-42001-8", "ISO-42001-A.6"):
			lft, rgt = frappe.db.get_value("Framework Requirement", parent, ["lft", "rgt"])
			names += (
				frappe.qb.from_(requirement)
				.select(requirement.name)
				.where((requirement.lft >= lft) & (requirement.rgt <= rgt) & (requirement.is_assessable == 1))
				.orderby(requirement.lft)
				.run(pluck=True)
			)
		return names

	def test_the_checklist_holds_every_assessable_requirement_in_scope_with_its_guidance(self):
		with acting_as(AUDITOR):
			audit = clause_8_and_a6_audit(self.system)
		self.assertEqual([row.requirement for row in audit.checklist], self.expected_requirements())
		self.assertIn("ISO-42001-8.4", [row.requirement for row in audit.checklist])
		self.assertIn("ISO-42001-A.6.2.4", [row.requirement for row in audit.checklist])
		self.assertTrue(all(row.guidance and row.evidence_expected for row in audit.checklist))

	def test_an_auditor_cannot_audit_a_system_they_own_or_a_requirement_assigned_to_them(self):
		make_user(SYSTEM_OWNER, ["AI System Owner", "AIMS Auditor"])
		self.assertRaisesRegex(
			frappe.ValidationError,
			"cv-owner@example.com owns the AI system",
			clause_8_and_a6_audit,
			self.system,
			SYSTEM_OWNER,
		)
		frappe.get_doc(
			{
				"doctype": "AIMS Role Assignment",
				"user": AUDITOR,
				"raci": "Responsible",
				"requirement": "ISO-42001-8.2",
				"role_title": "Risk process lead",
				"responsibility": "Runs the AI risk assessment",
			}
		).insert()
		self.assertRaisesRegex(
			frappe.ValidationError,
			"auditor@example.com is assigned ISO-42001-8.2",
			clause_8_and_a6_audit,
			self.system,
		)
		self.assertFalse(frappe.db.exists("AIMS Audit", {"title": "Operation of the CV-screening system"}))

	def test_an_audit_with_unanswered_rows_cannot_be_submitted(self):
		with acting_as(AUDITOR):
			audit = clause_8_and_a6_audit(self.system)
			audit.checklist[0].result = "Conforms"
			self.assertRaisesRegex(frappe.ValidationError, "rows 2, 3", audit.submit)
		self.assertEqual(frappe.db.get_value("AIMS Audit", audit.name, "docstatus"), 0)

	def test_each_nonconformity_found_is_raised_and_linked_back_to_its_row(self):
		with acting_as(AUDITOR):
			audit = clause_8_and_a6_audit(self.system)
			answer_all(
				audit,
				**{
					"ISO-42001-8.4": "Minor nonconformity",
					"ISO-42001-A.6.2.6": "Opportunity for improvement",
				},
			)
			audit.checklist[0].audit_notes = "Sampled."
			audit.submit()
		self.assertEqual((audit.nonconformity_count, audit.improvement_count), (1, 1))
		row = next(r for r in audit.checklist if r.requirement == "ISO-42001-8.4")
		row.reload()
		nonconformity = frappe.get_doc("Nonconformity", row.nonconformity)
		self.assertEqual(
			(nonconformity.grade, nonconformity.source, nonconformity.aims_audit),
			("Minor", "Audit", audit.name),
		)
		self.assertEqual((nonconformity.requirement, nonconformity.nc_owner), ("ISO-42001-8.4", SYSTEM_OWNER))
		self.assertEqual(nonconformity.workflow_state, "Open")
		improvement = frappe.get_all(
			"ToDo",
			filters={"reference_type": "AIMS Audit", "reference_name": audit.name},
			fields=["allocated_to", "description"],
		)
		self.assertEqual(len(improvement), 1)
		self.assertIn("Opportunity for improvement on A.6.2.6", improvement[0].description)
		self.assertEqual(improvement[0].allocated_to, SYSTEM_OWNER)

		with acting_as(AUDITOR):
			text = pdf_text("AIMS Audit", audit.name, "AIMS Audit Report")
		self.assertIn("Audit Report", text)
		self.assertRegex(
			text, rf"8\.4 AI system impact assessment Minor nonconformity .*{nonconformity.name}"
		)
		for row in audit.checklist:
			self.assertIn(row.requirement.removeprefix("ISO-42001-") + " ", text)

	def test_a_finding_on_a_requirement_with_a_long_heading_is_raised_with_a_shortened_title(self):
		with acting_as(AUDITOR):
			audit = clause_8_and_a6_audit(self.system, requirements=[{"requirement": "NIST-AI-RMF-GOVERN 1"}])
			long_row = max(audit.checklist, key=lambda row: len(row.requirement_title))
			self.assertGreater(len(long_row.requirement_title), 140)
			answer_all(audit, **{long_row.requirement: "Major nonconformity"})
			audit.submit()
		long_row.reload()
		title = frappe.db.get_value("Nonconformity", long_row.nonconformity, "title")
		self.assertTrue(title.endswith("…: Major nonconformity"), title)
		self.assertLessEqual(len(title), 140)
