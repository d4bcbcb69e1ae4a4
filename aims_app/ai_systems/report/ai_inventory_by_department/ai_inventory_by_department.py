# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from collections import Counter, defaultdict

import frappe
from frappe import _

from aims_app.ai_governance.doctype.aims_settings.aims_settings import get_risk_matrix
from aims_app.ai_systems.eu_ai_act import TIERS
from aims_app.compat import count_all
from aims_app.integrations.company import company_conditions, department_tree
from aims_app.integrations.people import erpnext_installed
from aims_app.reports import card, column, inert
from aims_app.translation import value

NO_DEPARTMENT = ""
UNTIERED = "untiered"


def execute(filters: dict | None = None):
	"""AI systems by EU AI Act tier and their open risks by current level, per department (ERPNext's Department
	where it is installed, else the system's Department / Unit text); a department's row counts the departments
	under it too. Three queries, whatever the data."""
	filters = frappe._dict(filters or {})
	systems = visible_systems(filters)
	counts = department_counts(systems, open_risk_levels(filters, [s.name for s in systems]))
	rows = department_rows(counts, filters)
	return columns(), inert(rows), None, None, summary(systems, counts)


def visible_systems(filters) -> list[frappe._dict]:
	conditions = company_conditions(filters, "AI System")
	unit = "department" if erpnext_installed() else "organisational_unit"
	if filters.get("department"):
		conditions["department"] = ("in", department_tree(filters.department) or [""])
	return frappe.get_list(
		"AI System",
		fields=["name", f"{unit} as unit", "eu_ai_act_tier"],
		filters=conditions,
		limit_page_length=0,
	)


def open_risk_levels(filters, systems: list[str]) -> list[frappe._dict]:
	"""Open risks the user may read of the systems shown, by system and level (residual where assessed)."""
	if not systems:
		return []
	return frappe.get_list(
		"AI Risk",
		fields=["ai_system", "residual_level", "inherent_level", count_all("risks")],
		filters={
			"status": ("!=", "Closed"),
			"ai_system": ("in", systems),
			**company_conditions(filters, "AI Risk"),
		},
		group_by="ai_system, residual_level, inherent_level",
		order_by="ai_system",
		limit_page_length=0,
	)


def department_counts(systems, risk_rows) -> dict[str, Counter]:
	"""Each department's own systems by tier and risks by level."""
	unit_of = {system.name: system.unit or NO_DEPARTMENT for system in systems}
	counts = defaultdict(Counter)
	for system in systems:
		counts[unit_of[system.name]].update(["systems", system.eu_ai_act_tier or UNTIERED])
	for row in risk_rows:
		level = row.residual_level or row.inherent_level or UNTIERED
		counts[unit_of[row.ai_system]].update({"risks": row.risks, f"risk:{level}": row.risks})
	return counts


def department_rows(counts: dict[str, Counter], filters) -> list[dict]:
	"""One row per department with systems in it or under it, in tree order, each counting the departments
	under it too; without ERPNext, one row per Department / Unit."""
	if not erpnext_installed():
		return [row_of(unit, 0, counts[unit]) for unit in sorted(counts)]
	tree = department_parents(filters)
	totals = defaultdict(Counter)
	for department, own in counts.items():
		for name in chain_up(department, tree):
			totals[name].update(own)
	rows = [
		row_of(name, depth(name, tree), totals[name], parent=tree.get(name))
		for name in tree
		if totals[name]["systems"]
	]
	if counts.get(NO_DEPARTMENT):
		rows.append(row_of(NO_DEPARTMENT, 0, counts[NO_DEPARTMENT]))
	return rows


def department_parents(filters) -> dict[str, str | None]:
	"""The departments shown, in tree order, each with its parent (None at the top of what is shown)."""
	names = department_tree(filters.department) if filters.get("department") else None
	department = frappe.qb.DocType("Department")
	query = frappe.qb.from_(department).select(department.name, department.parent_department)
	if names is not None:
		query = query.where(department.name.isin(names or [""]))
	parents = dict(query.orderby(department.lft).run())
	return {name: parent if parent in parents else None for name, parent in parents.items()}


def chain_up(department: str, tree: dict) -> list[str]:
	chain = []
	while department in tree and department not in chain:
		chain.append(department)
		department = tree[department]
	return chain


def depth(department: str, tree: dict) -> int:
	return len(chain_up(department, tree)) - 1


def row_of(unit: str, indent: int, counted: Counter, parent: str | None = None) -> dict:
	levels = get_risk_matrix().levels
	return {
		"department": unit or _("No department"),
		"parent_department": parent,
		"indent": indent,
		"systems": counted["systems"],
		**{frappe.scrub(tier): counted[tier] for tier in (*TIERS, UNTIERED)},
		"risks": counted["risks"],
		**{f"risk_{frappe.scrub(level)}": counted[f"risk:{level}"] for level in levels},
	}


def columns() -> list[dict]:
	unit = _("Department") if erpnext_installed() else _("Department / Unit")
	# Data, not a Link to Department: Frappe filters a report's rows by the user's rights on each linked
	# doctype, and AIMS roles have no read on ERPNext's Department
	return [
		column(unit, "department", "Data", 220),
		column(_("AI Systems"), "systems", "Int", 100),
		*(column(value(tier), frappe.scrub(tier), "Int", 100) for tier in TIERS),
		column(_("Not Tiered"), UNTIERED, "Int", 100),
		column(_("Open Risks"), "risks", "Int", 100),
		*(
			column(_("Risks: {0}").format(value(level)), f"risk_{frappe.scrub(level)}", "Int", 110)
			for level in get_risk_matrix().levels
		),
	]


def summary(systems, counts) -> list[dict]:
	return [
		card(_("AI Systems"), len(systems)),
		card(_("High-Risk AI Systems"), sum(c["High-risk"] for c in counts.values()), "Red"),
		card(_("Open Risks"), sum(c["risks"] for c in counts.values()), "Orange"),
	]
