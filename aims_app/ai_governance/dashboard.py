"""What the AIMS workspace shows where a Number Card's stored filters cannot say it: counts against today's
date (Frappe evaluates a card's dynamic filters in the browser only) and counts of child rows, and the risk
heat map (a Custom HTML Block, since Frappe's charts draw no matrix).

Each method refuses a user who cannot read the doctype it counts, and counts with one query. The other cards
are Frappe's own Document Type cards.
"""

from pathlib import Path

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, Count, NullIf
from frappe.utils import add_days, getdate, today

from aims_app.ai_governance.doctype.aims_settings.aims_settings import get_risk_matrix
from aims_app.ai_governance.heat_map import heat_map
from aims_app.ai_risk.risk_rules import above_appetite_criterion
from aims_app.integrations.company import company_criterion
from aims_app.roles import AIMS_ROLES

EVIDENCE_WARNING_DAYS = 30
HEAT_MAP_BLOCK = "AIMS Risk Heat Map"
HEAT_MAP_FILES = Path(__file__).parent / "custom_html_block" / "aims_risk_heat_map"
# Custom HTML Block field: file extension
FILE_PARTS = {"html": "html", "script": "js", "style": "css"}


def _card(value: int, doctype: str, route_options: dict) -> dict:
	"""A Custom Number Card's value; clicking the card opens the list with the same filters."""
	return {"value": value, "fieldtype": "Int", "route": ["List", doctype], "route_options": route_options}


def permitted(query, table):
	"""The count, for a user restricted to some companies by User Permissions (where ERPNext is installed), over
	their companies' records, as Frappe's own Document Type cards count."""
	criterion = company_criterion(table, None)
	return query.where(criterion) if criterion is not None else query


@frappe.whitelist()
def overdue_corrective_actions(filters=None) -> dict:
	"""Corrective actions marked overdue (on save and by the daily job). A Number Card on the child table itself
	would be hidden from everyone but System Managers, who alone read child doctypes directly."""
	frappe.has_permission("Nonconformity", "read", throw=True)
	action = frappe.qb.DocType("Nonconformity Corrective Action")
	nonconformity = frappe.qb.DocType("Nonconformity")
	overdue = (
		frappe.qb.from_(action)
		.join(nonconformity)
		.on(nonconformity.name == action.parent)
		.select(Count("*").as_("records"))
		.where(action.parenttype == "Nonconformity")
		.where(action.action_status == "Overdue")
	)
	(row,) = permitted(overdue, nonconformity).run(as_dict=True)
	return _card(row.records, "Nonconformity", {"Nonconformity Corrective Action.action_status": "Overdue"})


@frappe.whitelist()
def evidence_expiring(filters=None) -> dict:
	"""Evidence whose validity ends today or within the next 30 days."""
	window = [today(), add_days(today(), EVIDENCE_WARNING_DAYS)]
	return evidence_card(lambda valid_until: valid_until.between(*window), ["between", window])


@frappe.whitelist()
def evidence_expired(filters=None) -> dict:
	"""Evidence whose validity ended before today."""
	return evidence_card(lambda valid_until: valid_until < getdate(today()), ["<", today()])


def evidence_card(matches, route_filter: list) -> dict:
	frappe.has_permission("AIMS Evidence", "read", throw=True)
	evidence = frappe.qb.DocType("AIMS Evidence")
	counted = frappe.qb.from_(evidence).select(Count("*").as_("records")).where(matches(evidence.valid_until))
	(row,) = permitted(counted, evidence).run(as_dict=True)
	return _card(row.records, "AIMS Evidence", {"valid_until": route_filter})


@frappe.whitelist()
def risk_heat_map() -> dict:
	"""Risks not closed, placed at their current score: residual where it is assessed, else inherent; for a user
	restricted to some companies, their risks. Beside the grid, how many of them count as above the appetite
	(aims_app.ai_risk.risk_rules.counts_above_appetite: accepted ones do not), as the workspace card says."""
	frappe.has_permission("AI Risk", "read", throw=True)
	risk = frappe.qb.DocType("AI Risk")
	likelihood = Coalesce(NullIf(risk.residual_likelihood, 0), risk.likelihood)
	impact = Coalesce(NullIf(risk.residual_impact, 0), risk.impact)
	by_score = (
		frappe.qb.from_(risk)
		.select(
			likelihood.as_("likelihood"),
			impact.as_("impact"),
			Count("*").as_("risks"),
			Count(Case().when(above_appetite_criterion(risk), 1)).as_("above_appetite"),
		)
		.where(risk.status != "Closed")
		.groupby(likelihood, impact)
	)
	rows = permitted(by_score, risk).run(as_dict=True)
	settings = frappe.get_cached_doc("AIMS Settings")
	colours = {row.level: row.color for row in settings.risk_levels if row.color}
	counts = {(int(r.likelihood), int(r.impact)): r.risks for r in rows}
	above = sum(int(r.above_appetite or 0) for r in rows)
	return heat_map(get_risk_matrix(), counts, colours, above_appetite=above)


def sync_heat_map_block():
	"""The heat map's Custom HTML Block, kept as files in this app (Frappe syncs no such blocks itself)."""
	files = {
		part: (HEAT_MAP_FILES / f"aims_risk_heat_map.{ext}").read_text() for part, ext in FILE_PARTS.items()
	}
	roles = (*AIMS_ROLES, "System Manager")
	stored = frappe.db.get_value("Custom HTML Block", HEAT_MAP_BLOCK, list(FILE_PARTS), as_dict=True)
	if stored == files and block_roles() == sorted(roles):
		return  # unchanged: a migrate writes nothing
	if stored:
		block = frappe.get_doc("Custom HTML Block", HEAT_MAP_BLOCK)
	else:
		block = frappe.new_doc("Custom HTML Block")
	block.update(files)
	block.set("roles", [{"role": role} for role in roles])
	block.flags.ignore_permissions = True
	if block.is_new():
		block.insert(set_name=HEAT_MAP_BLOCK)
	else:
		block.save()


def block_roles() -> list[str]:
	return sorted(
		frappe.get_all(
			"Has Role", filters={"parenttype": "Custom HTML Block", "parent": HEAT_MAP_BLOCK}, pluck="role"
		)
	)


def remove_workspace_extras():
	"""The heat map block and the onboarding steps belong to no module, so an uninstall would leave them."""
	steps = frappe.get_all(
		"Onboarding Step Map", filters={"parenttype": "Module Onboarding", "parent": "AIMS"}, pluck="step"
	)
	frappe.delete_doc("Module Onboarding", "AIMS", force=True, ignore_permissions=True, ignore_missing=True)
	for step in steps:
		frappe.delete_doc("Onboarding Step", step, force=True, ignore_permissions=True, ignore_missing=True)
	frappe.delete_doc(
		"Custom HTML Block", HEAT_MAP_BLOCK, force=True, ignore_permissions=True, ignore_missing=True
	)
