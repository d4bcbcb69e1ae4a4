"""The app's doctypes and modules as the site knows them, for tests that cover every doctype without naming
any (a doctype added later is covered without touching the tests)."""

import frappe


def app_modules() -> list[str]:
	return frappe.get_all("Module Def", filters={"app_name": "aims_app"}, pluck="name")


def app_doctypes(tables: bool = False, singles: bool = False) -> list[str]:
	"""The app's documents (or, with tables, its child tables); Single doctypes only when asked for."""
	filters = {"module": ("in", app_modules()), "istable": int(tables), "is_virtual": 0}
	if not singles:
		filters["issingle"] = 0
	return frappe.get_all("DocType", filters=filters, pluck="name", order_by="name")


def script_reports(fields: list[str] | None = None) -> list:
	"""The app's Script Reports (their names, or rows of `fields`)."""
	filters = {"module": ("in", app_modules()), "report_type": "Script Report", "disabled": 0}
	if fields:
		return frappe.get_all("Report", filters=filters, fields=fields)
	return frappe.get_all("Report", filters=filters, pluck="name")
