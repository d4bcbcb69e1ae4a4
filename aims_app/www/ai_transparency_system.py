import frappe
from frappe import _
from frappe.utils import escape_html

from aims_app.ai_systems.portal.transparency import concern_form_url, published_system

no_cache = 1


def get_context(context):
	"""One published system; an unpublished or unknown name is a 404 that says nothing about it."""
	system = published_system(frappe.form_dict.system)
	context.system = system
	# Frappe's templates print the title as HTML (the breadcrumb) and strip tags from it for <title>, which
	# decodes what escaping encoded: the page gives its own <title> block, and Frappe an escaped title.
	context.title = escape_html(system.system_name)
	context.concern_url = concern_form_url(system.name)
	context.parents = [{"route": "ai-transparency", "title": _("How We Use AI")}]
	return context
