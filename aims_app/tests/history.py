"""What a record's history (its Version rows, the form's timeline) shows, for the tests to compare."""

import json

import frappe


def recorded_changes(doctype: str, name: str) -> list[tuple]:
	"""Every field change in the record's Versions, oldest first: (field, old, new, who)."""
	return [
		(field, old, new, version.owner)
		for version in versions(doctype, name)
		for field, old, new in version.data.get("changed", [])
	]


def recorded_row_changes(doctype: str, name: str) -> list[tuple]:
	"""Every change to a child row in the record's Versions: (table, row name, field, old, new, who)."""
	return [
		(table, row, field, old, new, version.owner)
		for version in versions(doctype, name)
		for table, _index, row, changes in version.data.get("row_changed", [])
		for field, old, new in changes
	]


def versions(doctype: str, name: str) -> list[frappe._dict]:
	rows = frappe.get_all(
		"Version",
		filters={"ref_doctype": doctype, "docname": name},
		fields=["data", "owner"],
		order_by="creation",
	)
	return [frappe._dict(owner=row.owner, data=json.loads(row.data)) for row in rows]
