"""Install, migrate and uninstall steps that the framework's own sync does not cover, each a named step
that costs a few statements: the library is applied set-based (aims_app/aims_library/sync.py) and does
nothing on a migrate when the shipped library is the installed one."""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields
from frappe.permissions import add_permission

from aims_app.ai_governance.dashboard import remove_workspace_extras, sync_heat_map_block
from aims_app.ai_governance.onboarding import mark_steps_done
from aims_app.ai_risk.doctype.control_implementation.control_implementation import sync_with_library
from aims_app.ai_systems.portal.rules import DEFAULT_SUPPLIER_QUESTIONS
from aims_app.aims_library.sync import sync_library
from aims_app.compat import desk_path
from aims_app.messages import Message
from aims_app.patches.forget_fixture_file_hashes import forget_fixture_file_hashes
from aims_app.roles import AIMS_ROLES
from aims_app.translation import text
from aims_app.workflows import WORKFLOW_DOCTYPES


def company_field(insert_after: str, module: str) -> dict:
	"""ERPNext's Company, filled from the user's default company as on ERPNext's own forms."""
	return {
		"fieldname": "company",
		"fieldtype": "Link",
		"label": "Company",
		"options": "Company",
		"insert_after": insert_after,
		"module": module,
		"in_standard_filter": 1,
		"remember_last_selected_value": 1,
	}


def owner_left_field(insert_after: str, module: str) -> dict:
	"""Set each day while the owner is an Employee who has left (aims_app/integrations/people.py)."""
	return {
		"fieldname": "owner_left",
		"fieldtype": "Check",
		"label": "Owner Has Left",
		"insert_after": insert_after,
		"module": module,
		"read_only": 1,
		"in_standard_filter": 1,
		"depends_on": "owner_left",
	}


# Links to ERPNext and HRMS records, added only where that app is installed (aims_app works the same
# without). Employee comes with ERPNext; Training Event with HRMS.
OPTIONAL_LINK_FIELDS = {
	"erpnext": {
		"AI Supplier": [
			{
				"fieldname": "supplier",
				"fieldtype": "Link",
				"label": "ERPNext Supplier",
				"options": "Supplier",
				"insert_after": "supplier_name",
				"module": "AI Systems",
			}
		],
		"Competence Record": [
			{
				"fieldname": "employee",
				"fieldtype": "Link",
				"label": "Employee",
				"options": "Employee",
				"insert_after": "person",
				"module": "AI Governance",
			},
		],
		"AI System": [
			{
				"fieldname": "department",
				"fieldtype": "Link",
				"label": "Department",
				"options": "Department",
				"insert_after": "organisational_unit",
				"module": "AI Systems",
				"in_standard_filter": 1,
			},
			company_field("system_owner", "AI Systems"),
			owner_left_field("system_owner", "AI Systems"),
		],
		# Read by the Supplier form's Connections (aims_app/integrations/suppliers.py).
		"AI System Supplier": [
			{
				"fieldname": "supplier",
				"fieldtype": "Link",
				"label": "ERPNext Supplier",
				"options": "Supplier",
				"insert_after": "ai_supplier",
				"module": "AI Systems",
				"fetch_from": "ai_supplier.supplier",
				"read_only": 1,
			}
		],
		"AI Risk": [company_field("risk_owner", "AI Risk"), owner_left_field("risk_owner", "AI Risk")],
		"AIMS Scope": [company_field("title", "AI Governance")],
		"Control Implementation": [owner_left_field("control_owner", "AI Risk")],
		"AIMS Evidence": [
			owner_left_field("evidence_owner", "AI Risk"),
			company_field("evidence_owner", "AI Risk"),
		],
		"Nonconformity Corrective Action": [owner_left_field("action_owner", "AI Assurance")],
		# The other registers, so that each company's incidents, findings and assessments list apart.
		"AI Incident": [company_field("ai_system", "AI Systems")],
		"Nonconformity": [company_field("nc_owner", "AI Assurance")],
		"AI Impact Assessment": [company_field("ai_system", "AI Risk")],
	},
	"hrms": {
		"Competence Record": [
			{
				"fieldname": "training_event",
				"fieldtype": "Link",
				"label": "Training Event",
				"options": "Training Event",
				"insert_after": "how_gained",
				"module": "AI Governance",
				"depends_on": "eval:doc.how_gained=='Training'",
			},
		],
		"Training Program": [
			{
				"fieldname": "aims_competence_area",
				"fieldtype": "Data",
				"label": "AIMS Competence Area",
				"description": "Attendees who pass get an AIMS Competence Record in this area.",
				"insert_after": "status",
				"module": "AI Governance",
			},
			{
				"fieldname": "aims_validity_months",
				"fieldtype": "Int",
				"label": "Competence Valid For (Months)",
				"description": "Empty: the competence does not lapse.",
				"insert_after": "aims_competence_area",
				"module": "AI Governance",
				"depends_on": "aims_competence_area",
				"non_negative": 1,
			},
		],
		"Training Result Employee": [
			{
				"fieldname": "aims_passed",
				"fieldtype": "Check",
				"label": "Passed",
				"insert_after": "grade",
				"module": "AI Governance",
				"in_list_view": 1,
			}
		],
	},
}


def optional_link_targets() -> list[str]:
	"""The ERPNext and HRMS doctypes that the optional link fields point at."""
	return sorted(
		{
			field["options"]
			for fields in OPTIONAL_LINK_FIELDS.values()
			for rows in fields.values()
			for field in rows
			if field["fieldtype"] == "Link"
		}
	)


def after_install():
	fill_new_settings_defaults()
	fill_empty_settings_tables(("matrix_cells", "supplier_questions"))
	add_optional_links()
	sync_library()
	sync_with_library()


def after_sync():
	"""After Frappe has synced the fixtures (roles and workflows) and the workspace, which install syncs after
	after_install."""
	set_role_home_pages()
	let_aims_roles_read_workflows()
	sync_heat_map_block()


def after_migrate():
	fill_new_settings_defaults()  # before anything saves AIMS Settings, which would store new fields empty
	fill_empty_settings_tables(("supplier_questions",))
	add_optional_links()
	set_role_home_pages()
	let_aims_roles_read_workflows()
	sync_library()
	sync_with_library()
	sync_heat_map_block()
	mark_steps_done()  # a site that had its records before the guided setup learnt to read them


def after_app_install(app_name: str):
	if app_name in OPTIONAL_LINK_FIELDS:
		add_optional_links()


def before_app_uninstall(app_name: str):
	"""The links to an app's records go with the app; their columns stay, so a reinstall finds the values."""
	for doctype, fields in OPTIONAL_LINK_FIELDS.get(app_name, {}).items():
		for field in fields:
			frappe.delete_doc(
				"Custom Field",
				f"{doctype}-{field['fieldname']}",
				force=True,
				ignore_missing=True,
				ignore_permissions=True,
			)
		frappe.clear_cache(doctype=doctype)


def before_uninstall():
	remove_workspace_extras()
	remove_workflows()
	remove_roles()
	forget_fixture_file_hashes()  # a site uninstalled before a migrate ran the patch that forgets them
	forget_demo()


def forget_demo():
	"""The demo's records go with the app's tables: its list of them must go too, or a reinstalled site would
	refuse the demo as loaded already."""
	from aims_app.demo import MANIFEST_KEY

	frappe.db.set_global(MANIFEST_KEY, None)


def fill_new_settings_defaults():
	"""AIMS Settings fields added by an upgrade get their default: a Single keeps only the values once saved, and
	a save that never had a field writes it empty (0 for a number, which would make a limit of nothing)."""
	singles = frappe.qb.DocType("Singles")
	stored = set(
		frappe.qb.from_(singles)
		.select(singles.field)
		.where(singles.doctype == "AIMS Settings")
		.run(pluck=True)
	)
	missing = {
		field.fieldname: field.default
		for field in frappe.get_meta("AIMS Settings").fields
		if field.default is not None and field.fieldname not in stored
	}
	if missing:
		frappe.db.set_single_value("AIMS Settings", missing)


def fill_empty_settings_tables(tablefields: tuple[str, ...]):
	"""AIMS Settings tables that are empty get their defaults, in one save; a table the organisation has filled is
	never touched, and when none is empty (every migrate) nothing is loaded."""
	meta = frappe.get_meta("AIMS Settings")
	empty = [
		fieldname
		for fieldname in tablefields
		if not frappe.db.exists(
			meta.get_field(fieldname).options, {"parenttype": "AIMS Settings", "parentfield": fieldname}
		)
	]
	if not empty:
		return
	settings = frappe.get_single("AIMS Settings")
	for fieldname in empty:
		SETTINGS_TABLE_DEFAULTS[fieldname](settings)
	settings.flags.ignore_permissions = True
	settings.save()


def add_default_supplier_questions(settings):
	"""The questions sent to suppliers, until the organisation writes its own."""
	for topic, question in DEFAULT_SUPPLIER_QUESTIONS:
		settings.append(
			"supplier_questions", {"topic": text(Message(topic)), "question": text(Message(question))}
		)


# A usable 5×5 matrix from the first day (install only); the questions sent to suppliers (install and migrate).
SETTINGS_TABLE_DEFAULTS = {
	"matrix_cells": lambda settings: settings.set_default_matrix(),
	"supplier_questions": add_default_supplier_questions,
}


def set_role_home_pages():
	"""Each AIMS role opens the AIMS workspace, at the desk's path on this Frappe version (aims_app.compat);
	a migrate that finds them so writes nothing."""
	home = desk_path("aims")
	for role in frappe.get_all("Role", filters={"name": ("in", AIMS_ROLES)}, fields=["name", "home_page"]):
		if role.home_page != home:
			frappe.db.set_value("Role", role.name, "home_page", home, update_modified=False)


def let_aims_roles_read_workflows():
	"""The AIMS roles take workflow actions, and Frappe v16's form reads the Workflow record as the user before
	it runs one (whether the action asks for confirmation): they read the workflow definitions, nothing more.
	A migrate that finds the rules there writes nothing."""
	for role in AIMS_ROLES:
		rule = {"parent": "Workflow", "role": role, "permlevel": 0, "if_owner": 0}
		if not frappe.db.exists("Custom DocPerm", rule):
			add_permission("Workflow", role, 0, "read")


def add_optional_links():
	installed = frappe.get_installed_apps()
	for app, fields in OPTIONAL_LINK_FIELDS.items():
		if app in installed:
			create_custom_fields(fields, ignore_validate=True)


def remove_roles():
	"""Roles are not tied to a module, so Frappe's uninstall would leave ours behind."""
	for role in AIMS_ROLES:
		frappe.db.delete("Has Role", {"role": role})
		frappe.db.delete("Custom DocPerm", {"role": role})
		frappe.delete_doc("Role", role, force=True, ignore_permissions=True, ignore_missing=True)


def remove_workflows():
	"""Workflows belong to no module, so Frappe's uninstall would leave ours (and their actions) behind."""
	for workflow in frappe.get_all(
		"Workflow", filters={"document_type": ("in", WORKFLOW_DOCTYPES)}, pluck="name"
	):
		frappe.delete_doc("Workflow", workflow, force=True, ignore_permissions=True)
	frappe.db.delete("Workflow Action", {"reference_doctype": ("in", WORKFLOW_DOCTYPES)})
