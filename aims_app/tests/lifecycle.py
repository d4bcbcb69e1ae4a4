"""What an uninstall must leave behind: nothing of aims_app. Called by scripts/test on the test site."""

import frappe

from aims_app.ai_governance.dashboard import HEAT_MAP_BLOCK
from aims_app.roles import AIMS_ROLES
from aims_app.workflows import WORKFLOW_DOCTYPES

MODULES = ("AIMS Library", "AI Governance", "AI Systems", "AI Risk", "AI Assurance")


def leftovers() -> dict[str, list[str]]:
	found = {
		"DocType": frappe.get_all("DocType", filters={"module": ("in", MODULES)}, pluck="name"),
		"Module Def": frappe.get_all("Module Def", filters={"app_name": "aims_app"}, pluck="name"),
		"Workspace": frappe.get_all("Workspace", filters={"module": ("in", MODULES)}, pluck="name"),
		"Report": frappe.get_all("Report", filters={"module": ("in", MODULES)}, pluck="name"),
		"Custom Field": frappe.get_all("Custom Field", filters={"module": ("in", MODULES)}, pluck="name"),
		"Role": frappe.get_all("Role", filters={"name": ("in", AIMS_ROLES)}, pluck="name"),
		"Workflow": frappe.get_all(
			"Workflow", filters={"document_type": ("in", WORKFLOW_DOCTYPES)}, pluck="name"
		),
		"Print Format": frappe.get_all("Print Format", filters={"module": ("in", MODULES)}, pluck="name"),
		"Number Card": frappe.get_all("Number Card", filters={"module": ("in", MODULES)}, pluck="name"),
		"Dashboard Chart": frappe.get_all(
			"Dashboard Chart", filters={"module": ("in", MODULES)}, pluck="name"
		),
		"Module Onboarding": frappe.get_all(
			"Module Onboarding", filters={"module": ("in", MODULES)}, pluck="name"
		),
		"Onboarding Step": frappe.get_all(
			"Onboarding Step", filters={"name": ("in", _our_onboarding_steps())}, pluck="name"
		),
		"Custom HTML Block": frappe.get_all(
			"Custom HTML Block", filters={"name": HEAT_MAP_BLOCK}, pluck="name"
		),
		"DefaultValue": frappe.get_all(
			"DefaultValue", filters={"defkey": ("like", "aims_app%")}, pluck="defkey"
		),
		"table": [t for t in frappe.db.get_tables() if t.removeprefix("tab") in _our_doctype_names()],
	}
	return {kind: names for kind, names in found.items() if names}


def _our_doctype_names() -> set[str]:
	"""Doctype names from this app's own folders, so leftover tables are found even without DocType rows."""
	import json
	from pathlib import Path

	app = Path(frappe.get_app_path("aims_app"))
	return {
		json.loads(path.read_text())["name"]
		for path in app.glob("*/doctype/*/*.json")
		if path.parent.name == path.stem
	}


def _our_onboarding_steps() -> list[str]:
	from pathlib import Path

	app = Path(frappe.get_app_path("aims_app"))
	return [frappe.parse_json(path.read_text())["name"] for path in app.glob("*/onboarding_step/*/*.json")]


def assert_nothing_left():
	found = leftovers()
	if found:
		raise AssertionError(f"aims_app left these behind after uninstall: {found}")
	print("nothing of aims_app is left on the site")
