"""ERPNext's Company and Department on the AIMS reports, as ERPNext users filter every report."""

import frappe
from frappe import _
from frappe.core.doctype.user_permission.user_permission import get_user_permissions

from aims_app.integrations.people import erpnext_installed


def company_conditions(filters, doctype: str) -> dict:
	"""Conditions for frappe.get_list on `doctype` from a report's Company filter, where ERPNext is installed.
	A Company the user's permissions exclude is refused by name, not answered with an empty report; an unknown
	one, like any unknown filter value, finds nothing."""
	company = filters.get("company")
	if not company or not erpnext_installed() or not frappe.get_meta(doctype).has_field("company"):
		return {}
	if company not in permitted_companies(company):
		frappe.throw(
			_("You may not see the records of Company {0}.").format(frappe.bold(company)),
			frappe.PermissionError,
			title=_("Company not permitted"),
		)
	return {"company": company}


def permitted_companies(company: str) -> set[str]:
	"""The companies the user's User Permissions allow (ERPNext's way of restricting users to companies);
	without any, every company."""
	allowed = get_user_permissions().get("Company")
	return {row.get("doc") for row in allowed} if allowed else {company}


def systems_of_department(department: str) -> list[str]:
	"""AI systems of a department and of the departments under it (ERPNext's Department tree)."""
	if not department or not erpnext_installed():
		return []
	lft, rgt = frappe.db.get_value("Department", department, ["lft", "rgt"]) or (None, None)
	if lft is None:
		return []
	system = frappe.qb.DocType("AI System")
	tree = frappe.qb.DocType("Department")
	return (
		frappe.qb.from_(system)
		.join(tree)
		.on(tree.name == system.department)
		.select(system.name)
		.where(tree.lft >= lft)
		.where(tree.rgt <= rgt)
	).run(pluck=True)
