# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Max

from aims_app.ai_governance.doctype.aims_settings.aims_settings import get_risk_matrix
from aims_app.integrations.company import company_conditions, systems_of_department
from aims_app.reports import card, column

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


def execute(filters: dict | None = None):
	"""Every risk the user may read, with its treatment and acceptance (four queries, whatever the data)."""
	filters = frappe._dict(filters or {})
	risks = frappe.get_list(
		"AI Risk",
		fields=REGISTER_FIELDS,
		filters=list_filters(filters),
		order_by="name asc",
		limit_page_length=0,
	)
	controls = control_counts()
	acceptances = latest_acceptances()
	for risk in risks:
		risk.control_count = controls.get(risk.name, 0)
		risk.last_acceptance = acceptances.get(risk.name)
	return columns(), risks, None, chart(risks), summary(risks)


def list_filters(filters) -> dict:
	conditions = {
		field: filters.get(field)
		for field in ("ai_system", "risk_owner", "status", "residual_level", "risk_source")
		if filters.get(field)
	}
	if filters.get("above_appetite"):
		conditions["exceeds_appetite"] = 1
	if filters.get("department"):
		systems = systems_of_department(filters.department)
		if filters.get("ai_system"):
			systems = [name for name in systems if name == filters.ai_system]
		conditions["ai_system"] = ("in", systems or [""])
	conditions.update(company_conditions(filters, "AI Risk"))
	return conditions


def control_counts() -> dict[str, int]:
	treatment = frappe.qb.DocType("AI Risk Control")
	rows = (
		frappe.qb.from_(treatment)
		.select(treatment.parent, Count("*"))
		.where(treatment.parenttype == "AI Risk")
		.groupby(treatment.parent)
		.run()
	)
	return dict(rows)


def latest_acceptances() -> dict[str, str]:
	acceptance = frappe.qb.DocType("Risk Acceptance")
	rows = (
		frappe.qb.from_(acceptance)
		.select(acceptance.ai_risk, Max(acceptance.expires_on))
		.where(acceptance.docstatus == 1)
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
		column(_("Status"), "status", width=100),
		column(_("Inherent"), "inherent_level", width=90),
		column(_("Treatment"), "treatment_option", width=90),
		column(_("Controls"), "control_count", "Int", 80),
		column(_("Residual"), "residual_level", width=90),
		column(_("Above Appetite"), "exceeds_appetite", "Check", 110),
		column(_("Accepted Until"), "accepted_until", "Date", 110),
		column(_("Last Acceptance Expiry"), "last_acceptance", "Date", 150),
		column(_("Next Review"), "review_date", "Date", 110),
	]


def level_counts(risks) -> dict[str, int]:
	counts = dict.fromkeys(get_risk_matrix().levels, 0)
	for risk in risks:
		level = risk.residual_level or risk.inherent_level
		if level in counts:
			counts[level] += 1
	return counts


def chart(risks) -> dict:
	counts = level_counts(risks)
	return {
		"data": {"labels": list(counts), "datasets": [{"name": _("Risks"), "values": list(counts.values())}]},
		"type": "bar",
		"title": _("Risks by Current Level"),
	}


def summary(risks) -> list[dict]:
	return [
		card(_("Risks"), len(risks)),
		card(_("Above Appetite"), sum(bool(r.exceeds_appetite) for r in risks), "Red"),
		card(_("Accepted"), sum(r.status == "Accepted" for r in risks), "Green"),
		card(_("Review Due"), sum(r.status == "Review due" for r in risks), "Orange"),
	]
