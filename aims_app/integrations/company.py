"""ERPNext's Company and Department on the AIMS reports, as ERPNext users filter every report."""

import frappe
from frappe import _
from frappe.core.doctype.user_permission.user_permission import get_user_permissions
from frappe.query_builder import Criterion
from frappe.utils.nestedset import get_descendants_of

from aims_app.integrations.people import erpnext_installed


def boot_report_filters(bootinfo):
	"""The Company and Department filters of the AIMS reports and charts, defined once for all their scripts
	(`...frappe.boot.aims_company_filters`), and only where ERPNext is installed. They offer the companies the
	user may see, and their departments, as choices rather than links: picking a linked Company in the desk
	needs read on Company, which ERPNext gives its own roles and not the AIMS roles."""
	if not erpnext_installed():
		bootinfo.aims_company_filters = bootinfo.aims_department_filters = []
		return
	companies = sorted(restricted_companies() or frappe.get_all("Company", pluck="name"))
	default = frappe.defaults.get_user_default("Company")
	bootinfo.aims_company_filters = [
		choice_filter("company", _("Company"), companies, default if default in companies else None)
	]
	bootinfo.aims_department_filters = [
		choice_filter("department", _("Department"), departments_of(companies))
	]


def departments_of(companies: list[str]) -> list[str]:
	"""The departments of these companies and those of none (the tree's root), in tree order."""
	department = frappe.qb.DocType("Department")
	return (
		frappe.qb.from_(department)
		.select(department.name)
		.where(department.company.isin(companies or [""]) | department.company.isnull())
		.orderby(department.lft)
		.run(pluck=True)
	)


def choice_filter(fieldname: str, label: str, choices: list[str], default: str | None = None) -> dict:
	return {
		"fieldname": fieldname,
		"label": label,
		"fieldtype": "Select",
		"options": ["", *choices],
		"default": default,
	}


def company_conditions(filters, doctype: str) -> dict:
	"""Conditions for frappe.get_list on `doctype` from a report's Company filter, where ERPNext is installed.
	A Company the user's permissions exclude is refused by name, not answered with an empty report; an unknown
	one, like any unknown filter value, finds nothing."""
	company = filtered_company(filters)
	if not company or not frappe.get_meta(doctype).has_field("company"):
		return {}
	return {"company": company}


def filtered_company(filters) -> str | None:
	"""The Company a report or card is filtered on, once the user is known to be allowed to see it; None where
	there is no filter or ERPNext is not installed."""
	company = (filters or {}).get("company")
	if not company or not erpnext_installed():
		return None
	if company not in permitted_companies(company):
		frappe.throw(
			_("You may not see the records of Company {0}.").format(frappe.bold(company)),
			frappe.PermissionError,
			title=_("Company not permitted"),
		)
	return company


def permitted_companies(company: str) -> set[str]:
	"""The companies the user's User Permissions allow (ERPNext's way of restricting users to companies);
	without any, every company."""
	allowed = restricted_companies()
	return allowed if allowed is not None else {company}


def restricted_companies() -> set[str] | None:
	"""The companies a user with User Permissions on Company is restricted to; None for everyone else."""
	allowed = get_user_permissions().get("Company")
	return {row.get("doc") for row in allowed} if allowed else None


def company_criterion(table, filters) -> Criterion | None:
	"""What a count over `table` (a frappe.qb table of a doctype with a Company field) keeps: the filtered
	company's records; without a filter, for a user restricted to some companies, theirs and those that name
	no company (as frappe.get_list shows them); else everything (None)."""
	company = filtered_company(filters)
	if company:
		return table.company == company
	allowed = restricted_companies() if erpnext_installed() else None
	if allowed is None:
		return None
	return table.company.isin(sorted(allowed)) | table.company.isnull() | (table.company == "")


def department_tree(department: str) -> list[str]:
	"""The department and every department under it in ERPNext's Department tree."""
	if not department or not erpnext_installed() or not frappe.db.exists("Department", department):
		return []
	return [department, *get_descendants_of("Department", department, ignore_permissions=True)]


def systems_of_department(department: str) -> list[str]:
	"""AI systems of a department and of the departments under it."""
	departments = department_tree(department)
	if not departments:
		return []
	return frappe.get_all("AI System", filters={"department": ("in", departments)}, pluck="name")


def restricted_to_company(query, filters):
	"""A frappe.qb query over one doctype's records (maybe joined from its child rows) restricted as
	company_criterion says, on the first of its tables whose doctype has a Company field; unchanged where none
	has one (records of the whole AIMS: settings, policies, the library)."""
	for table in (*query._from, *(join.item for join in query._joins)):
		if has_company_field(table):
			criterion = company_criterion(table, filters)
			return query.where(criterion) if criterion is not None else query
	return query


def has_company_field(table) -> bool:
	"""Whether the table's doctype has ERPNext's Company field, from the cached columns first: tables of no
	doctype (Singles) have no such column, and asking for their meta would cost a query each time."""
	return "company" in frappe.db.get_db_table_columns(table._table_name) and frappe.get_meta(
		table._table_name.removeprefix("tab")
	).has_field("company")
