"""ERPNext and HRMS records as their users make them, for the tests that run where those apps are installed."""

import frappe
from frappe.utils import add_days, now_datetime, today


def company() -> str:
	"""The company the setup wizard made (the site's default)."""
	return (
		frappe.defaults.get_global_default("company") or frappe.get_all("Company", pluck="name", limit=1)[0]
	)


def supplier(name: str, **fields):
	return frappe.get_doc(
		{"doctype": "Supplier", "supplier_name": name, "supplier_type": "Company", **fields}
	).insert()


def contact(first_name: str, email: str, *links: tuple[str, str]):
	return frappe.get_doc(
		{
			"doctype": "Contact",
			"first_name": first_name,
			"email_ids": [{"email_id": email, "is_primary": 1}],
			"links": [{"link_doctype": doctype, "link_name": name} for doctype, name in links],
		}
	).insert()


def department(name: str, parent: str | None = None, is_group: bool = False) -> str:
	existing = frappe.db.get_value("Department", {"department_name": name, "company": company()})
	if existing:
		return existing
	return (
		frappe.get_doc(
			{
				"doctype": "Department",
				"department_name": name,
				"company": company(),
				"parent_department": parent or "All Departments",
				"is_group": int(is_group),
			}
		)
		.insert()
		.name
	)


def employee(first_name: str, user: str | None = None, **fields):
	return frappe.get_doc(
		{
			"doctype": "Employee",
			"first_name": first_name,
			"company": company(),
			"status": "Active",
			"gender": frappe.get_all("Gender", pluck="name", limit=1)[0],
			"date_of_birth": "1988-04-01",
			"date_of_joining": "2020-01-06",
			"user_id": user,
			**fields,
		}
	).insert()


def leave(employee_name: str, relieving_date: str | None = None):
	"""The employee leaves: status Left, relieved yesterday unless said otherwise."""
	record = frappe.get_doc("Employee", employee_name)
	record.status = "Left"
	record.relieving_date = relieving_date or add_days(today(), -1)
	record.save()
	return record


def training_event(program: str, employees: list[str]):
	start = add_days(now_datetime(), -2)
	event = frappe.get_doc(
		{
			"doctype": "Training Event",
			"event_name": f"{program} {frappe.generate_hash(length=6)}",
			"training_program": program,
			"event_status": "Completed",
			"type": "Workshop",
			"location": "Room 4",
			"start_time": start,
			"end_time": add_days(start, 1),
			"introduction": "Hands-on session.",
			"company": company(),
			"employees": [{"employee": name, "attendance": "Present"} for name in employees],
		}
	).insert()
	event.submit()
	return event


def training_program(name: str, area: str | None, validity_months: int | None = None):
	return frappe.get_doc(
		{
			"doctype": "Training Program",
			"training_program": name,
			"company": company(),
			"description": "Our own course.",
			"aims_competence_area": area,
			"aims_validity_months": validity_months,
		}
	).insert()


def training_result(event: str, passed: dict[str, bool]):
	"""A Training Result, not yet submitted: each employee with whether they passed."""
	return frappe.get_doc(
		{
			"doctype": "Training Result",
			"training_event": event,
			"employees": [
				{"employee": name, "hours": 6, "grade": "A" if ok else "D", "aims_passed": int(ok)}
				for name, ok in passed.items()
			],
		}
	).insert()


def ai_system(name: str, owner: str, **fields):
	"""An AI system in operation with what the form requires, and whatever the test adds."""
	return frappe.get_doc(
		{
			"doctype": "AI System",
			"system_name": name,
			"system_owner": owner,
			"lifecycle_stage": "Operation and monitoring",
			"purpose": "Help staff with routine decisions.",
			"our_role": "Deployer",
			"automation_level": "Human in the loop",
			**fields,
		}
	).insert()
