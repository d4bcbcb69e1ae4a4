# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

"""Issue 13's promise: an AI system moves through its life cycle only by approved stage reviews, a change in
operation is an approved AI System Change, a new model version in the registry without one shows, and the
technical documentation names the decisions."""

import frappe
from frappe.model.workflow import apply_workflow

from aims_app.ai_risk.doctype.ai_impact_assessment.test_ai_impact_assessment import (
	assess_every_area,
	complete_fria,
)
from aims_app.ai_systems.doctype.ai_system.ai_system import StageMoveError
from aims_app.ai_systems.doctype.ai_system_stage_review.ai_system_stage_review import next_gate
from aims_app.ai_systems.model_registry.test_model_registry import MLflowTestCase, configure
from aims_app.tests import AimsTestCase, acting_as, pdf_text
from aims_app.tests.scenarios import cv_screening, insert

OWNER = "cv-owner@example.com"  # AI System Owner
APPROVER = "approver@example.com"  # AIMS Approver
PRINT_FORMAT = "AI System Technical Documentation"
REFUSED = (frappe.ValidationError, frappe.PermissionError)


def stage_of(system: str) -> str:
	return frappe.db.get_value("AI System", system, "lifecycle_stage")


def update_system(name: str, **values):
	"""The owner writes on their system's form (anything but its stage)."""
	with acting_as(OWNER):
		system = frappe.get_doc("AI System", name)
		system.update(values)
		system.save()
		return system


def raise_review(system: str, target: str, **fields):
	with acting_as(OWNER):
		review = insert("AI System Stage Review", ai_system=system, target_stage=target, **fields)
		return apply_workflow(review, "Request Approval")


def justify_and_request(review, justification: str):
	"""The owner writes why each unmet criterion may wait, then asks for approval."""
	with acting_as(OWNER):
		review = frappe.get_doc(review.doctype, review.name)
		for row in review.criteria:
			if not row.met:
				row.justification = justification
		review.save()
		return apply_workflow(review, "Request Approval")


def approve(doc):
	with acting_as(APPROVER):
		return apply_workflow(frappe.get_doc(doc.doctype, doc.name), "Approve")


def reject(doc, reason: str):
	with acting_as(APPROVER):
		doc = frappe.get_doc(doc.doctype, doc.name)
		doc.rejection_reason = reason
		doc.save()
		return apply_workflow(doc, "Reject")


class TestLifeCycleWithMLflow(MLflowTestCase):
	def test_cv_screening_from_concept_to_operation_then_a_registry_change_approved_and_documented(self):
		self.mlflow.client(
			"""
			client.create_registered_model("candidate-rank")
			client.create_model_version("candidate-rank", "s3://models/candidate-rank/1")
			client.set_registered_model_alias("candidate-rank", "champion", "1")
			"""
		)
		configure(self.mlflow.url)
		self.sync()
		v1 = frappe.db.get_value("AI Model", {"registry_reference": "models:/candidate-rank/1"})
		frappe.db.set_value("AI Model", v1, "status", "Validated")
		cv = cv_screening(OWNER, stage="Concept")
		system = cv.system.name
		update_system(
			system,
			models=[{"ai_model": v1, "purpose_in_system": "Ranks applications", "serving_alias": "champion"}],
		)

		design = raise_review(system, "Design and development")
		self.assertEqual(design.criteria, [], "entering design asks for nothing yet")
		approve(design)
		self.assertEqual(stage_of(system), "Design and development")

		update_system(
			system, requirements_specification="Rank within 2 s; explain each ranking to the recruiter."
		)
		verification = raise_review(system, "Verification and validation")
		self.assertEqual(
			{c.criterion_key: c.met for c in verification.criteria}, {"requirements": 1, "datasets": 1}
		)
		approve(verification)
		self.assertEqual(stage_of(system), "Verification and validation")

		with acting_as(OWNER):
			screening = frappe.get_doc("AI System", system)
			screening.verification_results = (
				"Ranking quality and selection rates by age band tested on hold-out data."
			)
			screening.deployment_plan = "Pilot with two recruiting teams for a month, then all of HR."
			for row in screening.obligations:
				row.addressed, row.how_addressed = 1, "Deployer duties met by the HR procedure"
			screening.save()
		with acting_as(OWNER):
			first_try = insert("AI System Stage Review", ai_system=system, target_stage="Deployment")
		unmet = {c.criterion_key: c.missing for c in first_try.criteria if not c.met}
		self.assertEqual(list(unmet), ["impact_assessment"])
		first_try = justify_and_request(first_try, "The assessment is being signed this week.")
		rejected = reject(first_try, "No signed impact assessment yet.")
		rejected.reload()
		self.assertEqual((rejected.workflow_state, rejected.docstatus), ("Rejected", 0))
		self.assertEqual(rejected.rejection_reason, "No signed impact assessment yet.")
		self.assertEqual(stage_of(system), "Verification and validation")

		with acting_as(OWNER):
			assessment = frappe.get_doc({"doctype": "AI Impact Assessment", "ai_system": system}).insert()
			assess_every_area(assessment)
			complete_fria(assessment)
			assessment.submit()
		deployment = raise_review(system, "Deployment")
		self.assertTrue(all(c.met for c in deployment.criteria), deployment.as_dict()["criteria"])
		deployment = approve(deployment)
		self.assertEqual((deployment.docstatus, deployment.approved_by), (1, APPROVER))
		self.assertEqual(stage_of(system), "Deployment")

		update_system(
			system,
			monitoring_plan="Weekly selection-rate report; quarterly drift review.",
			event_logging="Every ranking logged with model version and recruiter decision, kept 3 years.",
		)
		approve(raise_review(system, "Operation and monitoring"))
		self.assertEqual(stage_of(system), "Operation and monitoring")
		approved = frappe.get_all(
			"AI System Stage Review", filters={"ai_system": system, "docstatus": 1}, pluck="target_stage"
		)
		self.assertEqual(len(approved), 4)

		# A new version takes the champion alias in MLflow, with no change approved.
		self.mlflow.client(
			"""
			client.create_model_version("candidate-rank", "s3://models/candidate-rank/2")
			client.set_registered_model_alias("candidate-rank", "champion", "2")
			"""
		)
		before = frappe.get_doc("AI System", system)
		self.sync()
		v2 = frappe.db.get_value("AI Model", {"registry_reference": "models:/candidate-rank/2"})
		after = frappe.get_doc("AI System", system)
		self.assertEqual(after.unapproved_change_in_production, 1)
		self.assertEqual(
			[r.ai_model for r in after.models], [v1], "the sync changes nothing else on the system"
		)
		self.assertEqual(after.lifecycle_stage, before.lifecycle_stage)
		drafts = frappe.get_all(
			"AI System Change",
			filters={"ai_system": system, "docstatus": 0, "detected_by_registry": 1},
			fields=["name", "new_ai_model", "replaces_ai_model"],
		)
		self.assertEqual([(d.new_ai_model, d.replaces_ai_model) for d in drafts], [(v2, v1)])
		change_name = drafts[0].name
		todo = frappe.get_all(
			"ToDo",
			filters={"reference_type": "AI System Change", "reference_name": change_name, "status": "Open"},
			pluck="allocated_to",
		)
		self.assertEqual(todo, [OWNER])
		self.sync()
		self.assertEqual(
			frappe.db.count("AI System Change", {"ai_system": system}),
			1,
			"a second sync prepares no second draft",
		)

		with acting_as(OWNER):
			change = frappe.get_doc("AI System Change", change_name)
			change.update(
				{
					"reason": "Supplier retrained the ranker on 2026 applications.",
					"verification_done": "Selection rates by age band re-tested: within the four-fifths rule.",
					"rollback_plan": "Point the champion alias back at version 1.",
				}
			)
			change.save()
			change = apply_workflow(change, "Request Approval")
		change = approve(change)
		self.assertEqual((change.docstatus, change.approved_by), (1, APPROVER))
		served = frappe.get_doc("AI System", system)
		self.assertEqual([r.ai_model for r in served.models], [v2])
		self.assertEqual(served.unapproved_change_in_production, 0)
		self.assertFalse(frappe.get_all("ToDo", filters={"reference_name": change_name, "status": "Open"}))

		text = pdf_text("AI System", system, PRINT_FORMAT)
		for expected in (
			deployment.name,
			change.name,
			"candidate-rank 2",
			first_try.name,
			"No signed impact",
		):
			self.assertIn(expected, text)


class TestLifeCycleRefusals(AimsTestCase):
	"""Bad input: refused with a message naming the field or record, and nothing saved."""

	def system(self, stage="Concept"):
		"""The high-risk CV-screening system, recorded at `stage`."""
		return cv_screening(OWNER, stage=stage).system

	def spam_filter(self, stage="Concept"):
		"""A minimal-risk system: its owner approves its stage reviews."""
		return insert(
			"AI System",
			system_name="Spam filter",
			system_owner=OWNER,
			lifecycle_stage=stage,
			purpose="Filters spam from the support inbox.",
			our_role="Deployer",
			automation_level="Fully automated",
		)

	def test_the_stage_moves_by_no_other_path(self):
		system = self.system()
		with acting_as(OWNER), self.assertRaises(StageMoveError) as refusal:
			doc = frappe.get_doc("AI System", system.name)
			doc.lifecycle_stage = "Operation and monitoring"
			doc.save()
		self.assertIn("raise an AI System Stage Review", str(refusal.exception))
		self.assertIn(system.name, str(refusal.exception))
		with self.assertRaises(StageMoveError):
			doc = frappe.get_doc("AI System", system.name)
			doc.lifecycle_stage = "Deployment"
			doc.save(ignore_permissions=True)
		self.assertEqual(stage_of(system.name), "Concept")

	def test_the_approver_is_given_the_request_and_one_request_waits_at_a_time(self):
		"""Requesting approval gives each AIMS Approver a ToDo (their list of what waits for them), closed once
		it is decided; a second review of the system is not sent for approval while one waits."""
		system = self.system()
		review = raise_review(system.name, "Design and development")
		self.assertTrue(review.needs_approver, "a high-risk system's step is an AIMS Approver's")
		waiting = frappe.get_all(
			"ToDo",
			filters={"reference_type": review.doctype, "reference_name": review.name, "status": "Open"},
			pluck="allocated_to",
		)
		self.assertIn(APPROVER, waiting)
		self.assertNotIn(OWNER, waiting, "whoever asked is not asked to decide")
		with acting_as(OWNER):
			second = insert(
				"AI System Stage Review", ai_system=system.name, target_stage="Design and development"
			)
			with self.assertRaisesRegex(frappe.ValidationError, "already waits for approval"):
				apply_workflow(frappe.get_doc(second.doctype, second.name), "Request Approval")
		approve(review)
		self.assertFalse(
			frappe.get_all(
				"ToDo",
				filters={"reference_type": review.doctype, "reference_name": review.name, "status": "Open"},
			)
		)

	def test_the_systems_form_shows_the_next_gate_before_a_review_is_raised(self):
		system = self.system(stage="Design and development")
		frappe.db.set_value("AI Dataset", system.datasets[0].ai_dataset, "quality_checks", None)
		with acting_as(OWNER):
			gate = next_gate(system.name)
		self.assertEqual(gate["target"], "Verification and validation")
		unmet = [c["criterion"] for c in gate["criteria"] if not c["met"]]
		self.assertIn("Datasets with provenance and quality checks", unmet)

	def test_a_skip_needs_a_justification(self):
		system = self.system()
		with acting_as(OWNER), self.assertRaises(frappe.ValidationError) as refusal:
			insert("AI System Stage Review", ai_system=system.name, target_stage="Operation and monitoring")
		self.assertIn("Skip Justification", str(refusal.exception))
		self.assertFalse(frappe.db.exists("AI System Stage Review", {"ai_system": system.name}))
		with acting_as(OWNER):
			skipped = insert(
				"AI System Stage Review",
				ai_system=system.name,
				target_stage="Operation and monitoring",
				skip_justification="Bought in, already live at the supplier.",
			)
		skipped = justify_and_request(skipped, "Covered by the supplier's conformity documentation.")
		self.assertEqual(skipped.workflow_state, "Awaiting Approval")

	def test_no_one_approves_their_own_review(self):
		system = self.spam_filter()
		self.assertEqual(system.eu_ai_act_tier, "Minimal risk")
		review = raise_review(system.name, "Design and development")
		self.assertFalse(review.needs_approver)
		with acting_as(OWNER), self.assertRaises(REFUSED):
			apply_workflow(frappe.get_doc(review.doctype, review.name), "Approve")
		with acting_as(OWNER), self.assertRaises(REFUSED) as refusal:
			doc = frappe.get_doc(review.doctype, review.name)
			doc.workflow_state = "Approved"
			doc.submit()
		self.assertEqual(frappe.db.get_value(review.doctype, review.name, "docstatus"), 0)
		self.assertEqual(stage_of(system.name), "Concept")
		self.assertTrue(str(refusal.exception))

	def test_an_unmet_criterion_passes_only_with_a_justification(self):
		system = self.system(stage="Design and development")
		frappe.db.set_value("AI Dataset", system.datasets[0].ai_dataset, "quality_checks", None)
		with acting_as(OWNER):
			review = insert(
				"AI System Stage Review", ai_system=system.name, target_stage="Verification and validation"
			)
			with self.assertRaises(frappe.ValidationError) as refusal:
				apply_workflow(frappe.get_doc(review.doctype, review.name), "Request Approval")
		self.assertIn("cannot be sent for approval", str(refusal.exception))
		self.assertIn("Requirements and specification recorded", str(refusal.exception))
		self.assertIn("Datasets with provenance and quality checks", str(refusal.exception))
		self.assertEqual(frappe.db.get_value(review.doctype, review.name, "workflow_state"), "Draft")
		review = justify_and_request(
			review, "Specification kept in the supplier's contract; checks due next sprint."
		)
		approve(review)
		self.assertEqual(stage_of(system.name), "Verification and validation")

	def test_a_change_needs_a_system_in_operation_and_a_rollback_plan_for_a_new_model(self):
		concept = self.system()
		values = {
			"change_kind": "Retraining",
			"what_changes": "Retrained on 2026 data",
			"reason": "Drift in the applicant pool",
		}
		with acting_as(OWNER), self.assertRaises(frappe.ValidationError) as refusal:
			insert("AI System Change", ai_system=concept.name, **values)
		self.assertIn(concept.name, str(refusal.exception))
		self.assertIn("not in operation", str(refusal.exception))
		live = self.spam_filter(stage="Operation and monitoring")
		new_model = insert(
			"AI Model",
			model_name="CandidateRank",
			model_version="4.0",
			model_type="Ranking or recommendation",
			origin="Internal",
			status="Validated",
		)
		with acting_as(OWNER), self.assertRaises(frappe.ValidationError) as refusal:
			insert(
				"AI System Change",
				ai_system=live.name,
				**{
					**values,
					"change_kind": "New model version",
					"new_ai_model": new_model.name,
					"rollback_plan": " ",
				},
			)
		self.assertIn("Rollback Plan", str(refusal.exception))
		self.assertFalse(
			frappe.db.exists("AI System Change", {"ai_system": ("in", [concept.name, live.name])})
		)

	def test_where_the_settings_say_so_an_aims_approver_signs_every_step(self):
		system = self.spam_filter()
		frappe.db.set_single_value("AIMS Settings", "approver_signs_every_step", 1)
		with acting_as("aims-manager@example.com"):
			review = insert(
				"AI System Stage Review", ai_system=system.name, target_stage="Design and development"
			)
			review = apply_workflow(review, "Request Approval")
		self.assertTrue(review.needs_approver)
		with acting_as(OWNER), self.assertRaises(REFUSED):
			apply_workflow(frappe.get_doc(review.doctype, review.name), "Approve")
		approve(review)
		self.assertEqual(stage_of(system.name), "Design and development")
