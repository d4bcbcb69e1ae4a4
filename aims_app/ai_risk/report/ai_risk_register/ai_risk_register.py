# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Max
from frappe.utils import cint

from aims_app.ai_governance.doctype.aims_settings.aims_settings import get_risk_matrix
from aims_app.ai_risk.risk_rules import above_appetite_filters, counts_above_appetite
from aims_app.compat import count_all
from aims_app.integrations.company import company_conditions, systems_of_department
from aims_app.reports import card, column, inert
from aims_app.translation import value

PAGE_LENGTH = 500
REGISTER_FIELDS = [
	"name",
	"title",
	"ai_system",
	"risk_source",
	"risk_owner",
	"status",
	"inherent_level",
	"treatment_option",
	"residual_level",
	"exceeds_appetite",
	"accepted_until",
	"review_date",
]
# What the chart and the cards count, grouped in the order of the AI Risk index that holds them.
TOTALS_FIELDS = ("exceeds_appetite", "status", "residual_level", "inherent_level")


def execute(filters: dict | None = None):
	"""The risks the user may read, a page of PAGE_LENGTH at a time in name order, with their treatment and
	acceptance; the chart and the cards count every risk that matches (four or five queries, whatever the
	data)."""
	filters = frappe._dict(filters or {})
	conditions = list_filters(filters)
	page = max(cint(filters.page), 1)
	risks = frappe.get_list(
		"AI Risk",
		fields=REGISTER_FIELDS,
		filters=conditions,
		order_by="name asc",
		limit_start=(page - 1) * PAGE_LENGTH,
		limit_page_length=PAGE_LENGTH,
	)
	names = [risk.name for risk in risks]
	controls = control_counts(names)
	acceptances = latest_acceptances(names)
	systems = system_names({risk.ai_system for risk in risks if risk.ai_system})
	for risk in risks:
		risk.system_name = systems.get(risk.ai_system)
		risk.above_appetite = int(counts_above_appetite(risk.exceeds_appetite, risk.status))
		risk.control_count = controls.get(risk.name, 0)
		risk.last_acceptance = acceptances.get(risk.name)
	totals = risk_totals(conditions)
	return columns(), inert(risks), page_message(page, len(risks), totals), chart(totals), summary(totals)


def system_names(systems: set[str]) -> dict[str, str]:
	"""The names of the AI systems the user may read, which the register shows for their ids."""
	if not systems or not frappe.has_permission("AI System", "read"):
		return {}
	return dict(
		frappe.get_list(
			"AI System",
			filters={"name": ("in", list(systems))},
			fields=["name", "system_name"],
			limit_page_length=0,
			as_list=True,
		)
	)


def risk_totals(conditions: dict) -> list[frappe._dict]:
	"""How many matching risks the user may read, by status, appetite and level: counted in the database,
	with the user's permissions in the query."""
	grouped = ", ".join(TOTALS_FIELDS)
	return frappe.get_list(
		"AI Risk",
		fields=[*TOTALS_FIELDS, count_all("risks")],
		filters=conditions,
		group_by=grouped,
		order_by=grouped,
		limit_page_length=0,
	)


def page_message(page: int, shown: int, totals) -> str | None:
	"""Which rows of how many are shown, when they do not fit on one page."""
	total = sum(row.risks for row in totals)
	if total <= PAGE_LENGTH:
		return None
	first = (page - 1) * PAGE_LENGTH + 1
	return _("Risks {0} to {1} of {2}, in name order. Change Page, or filter, to see others.").format(
		first if shown else 0, first + shown - 1 if shown else 0, total
	)


def list_filters(filters) -> dict:
	conditions = {
		field: filters.get(field)
		for field in ("ai_system", "risk_owner", "status", "residual_level", "risk_source")
		if filters.get(field)
	}
	if filters.get("above_appetite"):
		# as the workspace card counts them; a status chosen too narrows them further (a decided one to none)
		chosen = conditions.pop("status", None)
		conditions.update(above_appetite_filters())
		if chosen:
			conditions["status"] = chosen if counts_above_appetite(True, chosen) else ("in", [""])
	if filters.get("department"):
		systems = systems_of_department(filters.department)
		if filters.get("ai_system"):
			systems = [name for name in systems if name == filters.ai_system]
		conditions["ai_system"] = ("in", systems or [""])
	conditions.update(company_conditions(filters, "AI Risk"))
	return conditions


def control_counts(risks: list[str]) -> dict[str, int]:
	if not risks:
		return {}
	treatment = frappe.qb.DocType("AI Risk Control")
	rows = (
		frappe.qb.from_(treatment)
		.select(treatment.parent, Count("*"))
		.where(treatment.parenttype == "AI Risk")
		.where(treatment.parent.isin(risks))
		.groupby(treatment.parent)
		.run()
	)
	return dict(rows)


def latest_acceptances(risks: list[str]) -> dict[str, str]:
	if not risks:
		return {}
	acceptance = frappe.qb.DocType("Risk Acceptance")
	rows = (
		frappe.qb.from_(acceptance)
		.select(acceptance.ai_risk, Max(acceptance.expires_on))
		.where(acceptance.docstatus == 1)
		.where(acceptance.ai_risk.isin(risks))
		.groupby(acceptance.ai_risk)
		.run()
	)
	return dict(rows)


def columns() -> list[dict]:
	return [
		column(_("Risk"), "name", "Link", 110, "AI Risk"),
		column(_("Title"), "title", width=220),
		column(_("AI System"), "ai_system", "Link", 170, "AI System"),
		column(_("Risk Source"), "risk_source", "Link", 140, "Framework Requirement"),
		column(_("Owner"), "risk_owner", "Link", 160, "User"),
		# Select: the desk shows a stored option in the user's language
		column(_("Status"), "status", "Select", 100),
		column(_("Inherent"), "inherent_level", "Select", 90),
		column(_("Treatment"), "treatment_option", "Select", 90),
		column(_("Controls"), "control_count", "Int", 80),
		column(_("Residual"), "residual_level", "Select", 90),
		column(_("Above Appetite"), "above_appetite", "Check", 110),
		column(_("Accepted Until"), "accepted_until", "Date", 110),
		column(_("Last Acceptance Expiry"), "last_acceptance", "Date", 150),
		column(_("Next Review"), "review_date", "Date", 110),
	]


def level_counts(totals) -> dict[str, int]:
	"""Risks at each level of the matrix, at their current score: residual where it is assessed."""
	counts = dict.fromkeys(get_risk_matrix().levels, 0)
	for row in totals:
		level = row.residual_level or row.inherent_level
		if level in counts:
			counts[level] += row.risks
	return counts


def chart(totals) -> dict:
	counts = level_counts(totals)
	return {
		"data": {
			"labels": [value(level) for level in counts],
			"datasets": [{"name": _("Risks"), "values": list(counts.values())}],
		},
		"type": "bar",
		"title": _("Risks by Current Level"),
	}


def summary(totals) -> list[dict]:
	def risks(matches) -> int:
		return sum(row.risks for row in totals if matches(row))

	return [
		card(_("Risks"), risks(lambda row: True)),
		card(
			_("Above Appetite"),
			risks(lambda row: counts_above_appetite(row.exceeds_appetite, row.status)),
			"Red",
		),
		card(_("Accepted"), risks(lambda row: row.status == "Accepted"), "Green"),
		card(_("Review Due"), risks(lambda row: row.status == "Review due"), "Orange"),
	]
