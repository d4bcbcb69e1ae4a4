"""The risk and applicability cycle of an AIMS, as an organisation runs it for one high-risk system.

The CV-screening system from the inventory: three risks, one impact assessment, controls chosen, evidence
filed, residual risks accepted, the Statement of Applicability approved as version 1 and printed to PDF.
"""

import re

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_months, today

from aims_app.ai_risk.doctype.ai_impact_assessment.test_ai_impact_assessment import (
	assess_every_area,
	complete_fria,
)
from aims_app.ai_risk.report.ai_risk_register.ai_risk_register import execute as risk_register
from aims_app.tests import AimsTestCase, acting_as, pdf_text
from aims_app.tests.scenarios import ai_risk, cv_screening, evidence

MANAGER = "aims-manager@example.com"
SYSTEM_OWNER = "cv-owner@example.com"
RISK_OWNER = "risk-owner@example.com"
APPROVER = "approver@example.com"

EXCLUDED = {
	"ISO-42001-A.10.4": "We supply no AI system or service to customers.",
	"ISO-42001-A.8.5": "No AI system of ours has external users who receive information from it.",
}


class TestRiskWalkthrough(AimsTestCase):
	def test_cv_screening_from_risks_to_an_approved_printed_statement(self):
		system = cv_screening(SYSTEM_OWNER).system.name
		self.choose_controls()
		risks = self.raise_three_risks(system)
		self.assess_impact(system)
		self.file_evidence(system)
		self.accept_residual_risks(risks)

		with acting_as(RISK_OWNER):
			register = {row.name: row for row in risk_register({"ai_system": system})[1]}
		self.assertEqual(set(register), {r.name for r in risks})
		self.assertEqual(register[risks[0].name].status, "Accepted")
		self.assertEqual(register[risks[1].name].control_count, 2)

		soa = self.approve_statement()
		self.assertEqual((soa.version, soa.docstatus, soa.approved_by), (1, 1, APPROVER))
		self.assertEqual((soa.applicable_count, soa.not_applicable_count), (36, 2))
		fairness = next(r for r in soa.controls if r.control_implementation == "ISO-42001-A.7.4")
		self.assertEqual(fairness.risk_count, 2)
		self.assertEqual(fairness.evidence_count, 1)

		with acting_as(APPROVER):
			text = pdf_text("Statement of Applicability", soa.name, "Statement of Applicability")
		controls = frappe.get_all(
			"Framework Requirement",
			filters={"framework": "ISO-42001", "requirement_kind": "Control"},
			pluck="requirement_id",
		)
		self.assertEqual(len(controls), 38)
		missing = [c for c in controls if not re.search(rf"(?<![\d.]){re.escape(c)}(?![\d.])", text)]
		self.assertEqual(missing, [], "every Annex A control id appears in the PDF")
		self.assertIn("Statement of Applicability", text)
		self.assertIn("Approved", text)
		self.assertIn(EXCLUDED["ISO-42001-A.10.4"], text)

	def choose_controls(self):
		with acting_as(MANAGER):
			for name, justification in EXCLUDED.items():
				control = frappe.get_doc("Control Implementation", name)
				control.update({"applicability": "Not applicable", "justification": justification})
				control.save()
			for name in ("ISO-42001-A.7.4", "ISO-42001-A.9.3", "ISO-42001-A.6.2.6"):
				control = frappe.get_doc("Control Implementation", name)
				control.update(
					{
						"implementation_status": "Implemented",
						"control_owner": MANAGER,
						"implementation": "Described in the AIMS procedures, section 4.",
					}
				)
				control.save()

	def raise_three_risks(self, system):
		with acting_as(RISK_OWNER):
			return [
				ai_risk(
					system,
					RISK_OWNER,
					residual_likelihood=1,
					residual_impact=3,
					controls=[
						{"control_implementation": "ISO-42001-A.7.4", "how_it_treats": "Data quality checks"}
					],
				),
				ai_risk(
					system,
					RISK_OWNER,
					title="Recruiters rubber-stamp the ranking",
					risk_source="ISO-42001-C.3.3",
					likelihood=3,
					impact=4,
					residual_likelihood=2,
					residual_impact=4,
					controls=[
						{"control_implementation": "ISO-42001-A.9.3"},
						{"control_implementation": "ISO-42001-A.7.4"},
					],
				),
				ai_risk(
					system,
					RISK_OWNER,
					title="Supplier model update changes behaviour unannounced",
					risk_source="ISO-42001-C.3.6",
					likelihood=3,
					impact=3,
					controls=[{"own_control": "Release notes reviewed before each supplier update"}],
				),
			]

	def assess_impact(self, system):
		with acting_as(SYSTEM_OWNER):
			assessment = frappe.get_doc({"doctype": "AI Impact Assessment", "ai_system": system}).insert()
			assess_every_area(assessment)
			complete_fria(assessment)
			assessment.submit()

	def file_evidence(self, system):
		with acting_as(RISK_OWNER):
			evidence(
				"Quarterly selection-rate test",
				RISK_OWNER,
				[{"control_implementation": "ISO-42001-A.7.4"}, {"ai_system": system}],
				valid_until=add_months(today(), 3),
			)

	def accept_residual_risks(self, risks):
		within, above = risks[0], risks[1]  # Low residual; High residual, above the Medium appetite
		for risk, approver_needed in ((within, False), (above, True)):
			with acting_as(RISK_OWNER):
				acceptance = frappe.get_doc(
					{
						"doctype": "Risk Acceptance",
						"ai_risk": risk.name,
						"expires_on": add_months(today(), 6),
						"conditions": "Controls keep operating; reviewed at the next management review.",
					}
				).insert()
				self.assertEqual(bool(acceptance.needs_approver), approver_needed)
				acceptance = apply_workflow(acceptance, "Request Approval" if approver_needed else "Accept")
			if approver_needed:
				with acting_as(APPROVER):
					apply_workflow(acceptance, "Approve")

	def approve_statement(self):
		with acting_as(MANAGER):
			soa = frappe.get_doc({"doctype": "Statement of Applicability"}).insert()
		with acting_as(APPROVER):
			soa.reload()
			soa.submit()
		return soa
