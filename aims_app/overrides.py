"""Frappe's own whitelisted methods that aims_app answers in their place (hooks.py,
`override_whitelisted_methods`), each doing what a later Frappe does, so that every Frappe version the app
supports keeps the same promise."""

import frappe
from frappe.client import get_safe_filters


@frappe.whitelist()
def get_count(doctype, filters=None, debug=False, cache=False):
	"""`frappe.client.get_count` as Frappe 15.101 and later have it: the records are counted through the list
	query, with the permissions of whoever asks (Frappe 15.44 counted any doctype for any logged-in user).
	Refused with a 403 for someone who may not read the doctype; restricted users count only their rows."""
	from frappe.desk.reportview import get_count as count_as_the_list_does

	frappe.form_dict.doctype = doctype
	frappe.form_dict.filters = get_safe_filters(filters)
	frappe.form_dict.debug = debug
	frappe.form_dict.pop("cache", None)  # not an argument of the list query (upstream ignores it too)
	return count_as_the_list_does()
