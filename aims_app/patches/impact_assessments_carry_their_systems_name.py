"""AI Impact Assessments are titled by their system's name (`system_name`, fetched from the AI System on save)
rather than its id: those saved before it was a field get it from their system."""

import frappe


def execute():
	assessments = frappe.get_all(
		"AI Impact Assessment", filters={"system_name": ("is", "not set")}, fields=["name", "ai_system"]
	)
	if not assessments:
		return
	names = dict(
		frappe.get_all(
			"AI System",
			filters={"name": ("in", {row.ai_system for row in assessments})},
			fields=["name", "system_name"],
			as_list=True,
		)
	)
	for row in assessments:
		if names.get(row.ai_system):
			frappe.db.set_value(
				"AI Impact Assessment", row.name, "system_name", names[row.ai_system], update_modified=False
			)
