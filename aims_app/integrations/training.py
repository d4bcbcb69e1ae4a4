"""HRMS Training Results as AIMS competence (clause 7.2): a Training Program marked as serving an AIMS
competence area turns each passed attendee of a submitted result into a Competence Record."""

import frappe
from frappe import _
from frappe.utils import add_months, getdate


def competence_program(result):
	"""The Training Event and its program's AIMS area and validity, when the program serves an AIMS area."""
	event = frappe.get_doc("Training Event", result.training_event)
	if not event.training_program:
		return event, None
	program = frappe.db.get_value(
		"Training Program",
		event.training_program,
		["aims_competence_area", "aims_validity_months"],
		as_dict=True,
	)
	return event, program if program and program.aims_competence_area else None


def passed_rows(result) -> list:
	return [row for row in result.employees if row.get("aims_passed")]


def refuse_attendees_without_user(result, method=None) -> None:
	"""Before submit, so that nothing is written: each passed attendee must be a User to hold a competence."""
	if not competence_program(result)[1]:
		return
	passed = passed_rows(result)
	users = employee_users([row.employee for row in passed])
	without_user = [row for row in passed if not users.get(row.employee)]
	if without_user:
		frappe.throw(
			"<br>".join(
				_(
					"Row {0}: Employee {1} passed but has no User, so no Competence Record can name them."
					" Link a User to the Employee, then submit again."
				).format(row.idx, row.employee)
				for row in without_user
			),
			title=_("Attendee without a User"),
		)


def record_competence(result, method=None) -> None:
	"""On submit of a Training Result: a Competence Record for each attendee who passed, one per person and
	area; a later result (a resit, a refresher) updates it with its event, date and validity."""
	event, program = competence_program(result)
	if not program:
		return
	passed = passed_rows(result)
	users = employee_users([row.employee for row in passed])
	gained_on = getdate(event.end_time or event.start_time)
	valid_until = (
		add_months(gained_on, program.aims_validity_months) if program.aims_validity_months else None
	)
	for row in passed:
		values = {
			"person": users[row.employee],
			"employee": row.employee,
			"competence_area": program.aims_competence_area,
			"how_gained": "Training",
			"training_event": event.name,
			"gained_on": gained_on,
			"valid_until": valid_until,
			"evidence_description": _("Passed {0} ({1}), Training Result {2}").format(
				event.event_name, event.training_program, result.name
			),
		}
		existing = frappe.db.get_value(
			"Competence Record",
			{
				"person": values["person"],
				"competence_area": values["competence_area"],
				"how_gained": "Training",
			},
			"name",
		)
		record = (
			frappe.get_doc("Competence Record", existing) if existing else frappe.new_doc("Competence Record")
		)
		record.update(values)
		record.flags.ignore_permissions = True
		record.save()


def employee_users(employees: list[str]) -> dict[str, str]:
	if not employees:
		return {}
	return dict(
		frappe.get_all(
			"Employee", filters={"name": ("in", employees)}, fields=["name", "user_id"], as_list=True
		)
	)


def refuse_second_record_for_event(record) -> None:
	"""A training event evidences a person's competence once: a second record for it is refused."""
	if not record.get("training_event"):
		return
	other = frappe.db.get_value(
		"Competence Record",
		{"person": record.person, "training_event": record.training_event, "name": ("!=", record.name)},
		"name",
	)
	if other:
		frappe.throw(
			_("{0} already has Competence Record {1} from Training Event {2}.").format(
				record.person, other, record.training_event
			),
			frappe.DuplicateEntryError,
			title=_("Already recorded"),
		)
