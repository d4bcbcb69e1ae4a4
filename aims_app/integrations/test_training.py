"""HRMS training as AIMS competence (clause 7.2): a submitted Training Result becomes Competence Records
(runs where HRMS is installed)."""

import frappe
from frappe.utils import add_months, getdate

from aims_app.ai_assurance.readiness.fact_names import Fact
from aims_app.ai_assurance.readiness.facts import organisation_facts
from aims_app.tests import AimsTestCase, erp, make_user, needs_apps

AREA = "Human oversight of AI decisions"
PASSER = "training-passer@example.com"
FAILER = "training-failer@example.com"


@needs_apps("hrms")
class TestTrainingCompetence(AimsTestCase):
	def setUp(self):
		make_user(PASSER, ["AI System Owner"])
		make_user(FAILER, ["AI System Owner"])
		self.passer = erp.employee("Alma", PASSER).name
		self.failer = erp.employee("Bert", FAILER).name
		self.program = erp.training_program("AI Oversight Basics", AREA, validity_months=24).name

	def records(self, **filters):
		return frappe.get_all(
			"Competence Record",
			filters={"competence_area": AREA, **filters},
			fields=["name", "person", "employee", "how_gained", "training_event", "gained_on", "valid_until"],
		)

	def test_each_attendee_who_passed_gets_one_competence_record_with_the_event_as_evidence(self):
		event = erp.training_event(self.program, [self.passer, self.failer])
		competent_before = organisation_facts()[0][Fact.AIMS_PEOPLE_COMPETENT]
		erp.training_result(event.name, {self.passer: True, self.failer: False}).submit()

		(record,) = self.records()
		gained_on = getdate(event.end_time)
		self.assertEqual(
			(record.person, record.employee, record.how_gained, record.training_event),
			(PASSER, self.passer, "Training", event.name),
		)
		self.assertEqual(
			(record.gained_on, record.valid_until), (gained_on, getdate(add_months(gained_on, 24)))
		)
		self.assertEqual(
			organisation_facts()[0][Fact.AIMS_PEOPLE_COMPETENT], competent_before + 1, "7.2 counts it"
		)

	def test_a_later_result_updates_the_record_instead_of_adding_one(self):
		first_event = erp.training_event(self.program, [self.passer, self.failer])
		erp.training_result(first_event.name, {self.passer: True, self.failer: False}).submit()
		(first,) = self.records(person=PASSER)

		resit = erp.training_event(self.program, [self.passer, self.failer])
		result = erp.training_result(resit.name, {self.passer: True, self.failer: True})
		result.submit()

		(updated,) = self.records(person=PASSER)
		self.assertEqual((updated.name, updated.training_event), (first.name, resit.name))
		self.assertEqual(updated.gained_on, getdate(resit.end_time))
		self.assertEqual(
			[r.training_event for r in self.records(person=FAILER)], [resit.name], "Bert passed the resit"
		)
		self.assertIn(
			result.name, frappe.db.get_value("Competence Record", first.name, "evidence_description")
		)

	def test_a_program_serving_no_aims_area_makes_no_competence_record(self):
		other = erp.training_program("Forklift Safety", None).name
		event = erp.training_event(other, [self.passer])
		erp.training_result(event.name, {self.passer: True}).submit()
		self.assertEqual(frappe.db.count("Competence Record", {"training_event": event.name}), 0)

	def test_an_attendee_without_a_user_refuses_the_submit_naming_the_row_and_nothing_is_saved(self):
		no_user = erp.employee("Cleo").name
		event = erp.training_event(self.program, [self.passer, no_user])
		result = erp.training_result(event.name, {self.passer: True, no_user: True})
		self.assertRaisesRegex(
			frappe.ValidationError, f"Row 2: Employee {no_user} passed but has no User", result.submit
		)
		self.assertEqual(frappe.db.get_value("Training Result", result.name, "docstatus"), 0)
		self.assertEqual(self.records(), [])

	def test_a_second_competence_record_for_the_same_training_event_is_refused(self):
		event = erp.training_event(self.program, [self.passer])
		erp.training_result(event.name, {self.passer: True}).submit()
		duplicate = frappe.get_doc(
			{
				"doctype": "Competence Record",
				"person": PASSER,
				"competence_area": AREA,
				"how_gained": "Training",
				"training_event": event.name,
				"gained_on": getdate(event.end_time),
			}
		)
		self.assertRaisesRegex(
			frappe.DuplicateEntryError,
			f"{PASSER} already has Competence Record .* from Training Event",
			duplicate.insert,
		)
		self.assertEqual(len(self.records()), 1)
