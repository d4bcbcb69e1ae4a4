"""Check and Act of the AIMS, once round: programme, audit, finding, correction, verification, review."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, today

from aims_app.ai_assurance.doctype.aims_audit.test_aims_audit import answer_all
from aims_app.ai_assurance.doctype.audit_programme.audit_programme import create_audit
from aims_app.tests import AimsTestCase, acting_as, pdf_text
from aims_app.tests.scenarios import cv_screening, management_review

MANAGER = "aims-manager@example.com"
AUDITOR = "auditor@example.com"
SYSTEM_OWNER = "cv-owner@example.com"
FIXER = "fixer@example.com"
APPROVER = "approver@example.com"


class TestAssuranceCycle(AimsTestCase):
	def setUp(self):
		self.system = cv_screening(SYSTEM_OWNER).system.name

	def test_one_full_cycle_ends_in_the_management_review_minutes(self):
		audit = self.audit_from_programme()
		nonconformity = frappe.get_doc("Nonconformity", {"aims_audit": audit.name})
		self.correct_and_close(nonconformity)

		with acting_as(MANAGER):
			review = management_review(APPROVER, [APPROVER, MANAGER])
		inputs = {row.input_area: row.summary for row in review.inputs}
		self.assertIn("Raised: 1", inputs["Nonconformities and corrective actions"])
		self.assertIn("Minor 1", inputs["Nonconformities and corrective actions"])
		self.assertIn("Closed in the period: 1", inputs["Nonconformities and corrective actions"])
		self.assertIn(f"{audit.name} Operation of the CV-screening system", inputs["Audit results"])
		self.assertIn("A.6.2.6", inputs["Opportunities for continual improvement"])
		self.assertIn("Still open as ToDos: 1", inputs["Opportunities for continual improvement"])

		with acting_as(APPROVER):
			review.reload()
			review.inputs[3].commentary = "One finding, closed within the month: the release checklist works."
			review.append(
				"decisions",
				{
					"decision": "Extend the bias test to the chatbot",
					"action_owner": FIXER,
					"due_date": add_days(today(), 60),
				},
			)
			review.submit()
		self.assertEqual(frappe.db.get_value("ToDo", review.decisions[0].todo, "allocated_to"), FIXER)

		with acting_as(APPROVER):
			text = pdf_text("Management Review", review.name, "Management Review Minutes")
		self.assertIn("Management Review Minutes", text)
		self.assertIn("Nonconformities and corrective actions", text)
		self.assertIn("Minor 1", text)
		self.assertIn("Extend the bias test to the chatbot", text)
		self.assertIn("the release checklist works", text)

	def audit_from_programme(self):
		with acting_as(MANAGER):
			programme = frappe.get_doc(
				{
					"doctype": "Audit Programme",
					"title": "AIMS audit programme",
					"programme_year": 2026,
					"programme_owner": MANAGER,
					"objectives": "Confirm the AIMS conforms to ISO/IEC 42001 and our AI policy before certification.",
					"criteria": "ISO/IEC 42001:2023; AI policy v2; EU AI Act deployer duties.",
					"audits": [
						{
							"audit_title": "Operation of the CV-screening system",
							"audit_type": "Internal",
							"planned_start": add_days(today(), -3),
							"planned_end": today(),
							"lead_auditor": AUDITOR,
						}
					],
				}
			).insert()
		with acting_as(MANAGER):
			name = create_audit(programme.name, programme.audits[0].name)
		with acting_as(AUDITOR):
			audit = frappe.get_doc("AIMS Audit", name)
			audit.update(
				{
					"requirements": [{"requirement": "ISO-42001-8"}, {"requirement": "ISO-42001-A.6"}],
					"ai_systems": [{"ai_system": self.system}],
				}
			)
			audit.save()
			answer_all(
				audit,
				**{
					"ISO-42001-8.4": "Minor nonconformity",
					"ISO-42001-A.6.2.6": "Opportunity for improvement",
				},
			)
			audit.submit()
		self.assertEqual(
			frappe.db.get_value("Audit Programme Audit", programme.audits[0].name, "aims_audit"), name
		)
		return audit

	def correct_and_close(self, nonconformity):
		with acting_as(SYSTEM_OWNER):
			nonconformity.correction = "Rolled the supplier model back to 3.2."
			nonconformity.save()
			nonconformity = apply_workflow(nonconformity, "Record Correction")
			nonconformity.root_cause = "The release checklist had no bias test step."
			nonconformity.save()
			nonconformity = apply_workflow(nonconformity, "Analyse Root Cause")
			nonconformity.append(
				"corrective_actions",
				{
					"action": "Add a bias test to the release checklist",
					"action_owner": FIXER,
					"due_date": add_days(today(), 14),
				},
			)
			nonconformity.save()
			nonconformity = apply_workflow(nonconformity, "Plan Actions")
		todo = {"reference_name": nonconformity.name, "allocated_to": FIXER, "status": "Open"}
		self.assertTrue(frappe.db.exists("ToDo", todo), "the action is assigned to its owner")
		with acting_as(FIXER):
			nonconformity.reload()
			nonconformity.corrective_actions[0].completed_on = today()
			nonconformity.save()
		with acting_as(SYSTEM_OWNER):
			nonconformity.reload()
			nonconformity = apply_workflow(nonconformity, "Request Verification")
		with acting_as(AUDITOR):
			nonconformity.update(
				{"effectiveness_result": "Effective", "verified_by": AUDITOR, "verified_on": today()}
			)
			nonconformity.save()
			nonconformity = apply_workflow(nonconformity, "Close")
		self.assertEqual(nonconformity.workflow_state, "Closed")
