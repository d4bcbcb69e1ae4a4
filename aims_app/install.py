"""Install, migrate and uninstall steps that the framework's own sync does not cover."""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

from aims_app.ai_governance.dashboard import remove_workspace_extras, sync_heat_map_block
from aims_app.ai_risk.doctype.control_implementation.control_implementation import sync_with_library
from aims_app.roles import AIMS_ROLES
from aims_app.workflows import WORKFLOW_DOCTYPES

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
			}
		],
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
	},
}


def after_install():
	set_default_risk_matrix()
	add_optional_links()


def after_sync():
	sync_with_library()
	sync_heat_map_block()


def after_migrate():
	add_optional_links()
	sync_with_library()
	sync_heat_map_block()


def after_app_install(app_name: str):
	if app_name in OPTIONAL_LINK_FIELDS:
		add_optional_links()


def before_uninstall():
	remove_workspace_extras()
	remove_workflows()
	remove_roles()
	forget_demo()


def forget_demo():
	"""The demo's records go with the app's tables: its list of them must go too, or a reinstalled site would
	refuse the demo as loaded already."""
	from aims_app.demo import MANIFEST_KEY

	frappe.db.set_global(MANIFEST_KEY, None)


def set_default_risk_matrix():
	"""A usable 5×5 matrix from the first day; an organisation's own matrix is never overwritten."""
	settings = frappe.get_single("AIMS Settings")
	if settings.matrix_cells:
		return
	settings.set_default_matrix()
	settings.flags.ignore_permissions = True
	settings.save()


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
