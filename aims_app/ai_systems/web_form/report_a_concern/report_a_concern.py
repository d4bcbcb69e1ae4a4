import frappe
from frappe import _
from frappe.utils import escape_html

from aims_app.ai_systems.portal.transparency import published_systems


def get_context(context):
	"""Who may report is a setting; the systems offered are the published ones only (never a Link field,
	whose options Frappe would list from every AI System)."""
	audience = frappe.db.get_single_value("AIMS Settings", "concern_form_audience")
	if audience == "Logged-in users only" and frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/report-a-concern/new"
		raise frappe.Redirect
	choices = [{"label": _("I don't know, or it is not listed"), "value": ""}]
	# Frappe's select writes each label as HTML, and the page embeds the options in a script: escaped here.
	choices += [
		{"label": escape_html(system.system_name), "value": system.name} for system in published_systems()
	]
	for field in context.web_form_doc.web_form_fields:
		if field.fieldname == "reported_system":
			field.fieldtype = "Select"
			field.options = choices
	return context
