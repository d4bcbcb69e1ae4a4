"""The live Statement of Applicability: every Annex A control with its decision, the risks it treats and
its evidence, computed from the records in a fixed number of set-based queries.

Shared by the "Live Statement of Applicability" report, which shows counts, and the Statement of
Applicability document, which freezes these rows, with the names of the risks and evidence, when top
management approves them. Every AIMS role may read Control Implementations, AI Risks and AIMS Evidence, so
the rows need no per-record filtering.
"""

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, Count, GroupConcat
from frappe.utils import getdate, today

from aims_app.ai_risk.soa_rules import ControlFacts, soa_gaps
from aims_app.integrations.company import restricted_to_company
from aims_app.translation import text


def live_rows(with_names: bool = False, filters=None) -> list[frappe._dict]:
	"""One row per Annex A control in the library's order (three queries, whatever the data); with the names
	of the risks and evidence, or else counts only. With a Company filter (where ERPNext is installed), the
	risks and evidence of that company."""
	risks, evidence = (
		by_control(restricted_to_company(query, filters).run(as_dict=True))
		for query in treatment_queries(with_names)
	)
	rows = []
	for control in control_decisions():
		treated = risks.get(control.name, {})
		shown = evidence.get(control.name, {})
		row = frappe._dict(
			control_implementation=control.name,
			control_title=control.control_title,
			control_category=control.control_category,
			applicability=control.applicability,
			justification=control.justification,
			implementation_status=control.implementation_status,
			control_owner=control.control_owner,
			last_verified_on=control.last_verified_on,
			risk_count=treated.get("risk_count") or 0,
			risks=names(treated.get("risks")),
			evidence_count=shown.get("current") or 0,
			expired_evidence_count=shown.get("expired") or 0,
			evidence=names(shown.get("current_names")),
		)
		row.gaps = "; ".join(text(gap) for gap in soa_gaps(facts(row)))
		rows.append(row)
	return rows


def treatment_queries(with_names: bool = False) -> tuple:
	return risks_by_control(with_names), evidence_by_control(with_names)


def by_control(rows) -> dict[str, dict]:
	return {row.control: row for row in rows}


def facts(row) -> ControlFacts:
	return ControlFacts(
		applicable=row.applicability == "Applicable",
		justification=row.justification,
		implementation_status=row.implementation_status,
		risk_count=row.risk_count,
		current_evidence=row.evidence_count,
		expired_evidence=row.expired_evidence_count,
		owner=row.control_owner,
	)


def names(concatenated: str | None) -> str:
	return ", ".join(sorted(concatenated.split(","))) if concatenated else ""


def control_decisions() -> list[frappe._dict]:
	control = frappe.qb.DocType("Control Implementation")
	return (
		frappe.qb.from_(control)
		.select(
			control.name,
			control.control_title,
			control.control_category,
			control.applicability,
			control.justification,
			control.implementation_status,
			control.control_owner,
			control.last_verified_on,
		)
		.where(control.in_library == 1)
		.orderby(control.control_sort)
		.run(as_dict=True)
	)


def risks_by_control(with_names: bool = False):
	"""Risks still open (not closed) that name each control among their treatments."""
	risk = frappe.qb.DocType("AI Risk")
	treatment = frappe.qb.DocType("AI Risk Control")
	query = (
		frappe.qb.from_(treatment)
		.join(risk)
		.on(risk.name == treatment.parent)
		.select(
			treatment.control_implementation.as_("control"),
			Count(risk.name).distinct().as_("risk_count"),
		)
		.where(treatment.parenttype == "AI Risk")
		.where(treatment.control_implementation.isnotnull())
		.where(risk.status != "Closed")
		.groupby(treatment.control_implementation)
	)
	return query.select(GroupConcat(risk.name).distinct().as_("risks")) if with_names else query


def evidence_by_control(with_names: bool = False):
	"""Evidence filed against a control, either through its Control Implementation or its library entry,
	current and expired.

	A Control Implementation is named after its control, so both links group under one key.
	"""
	evidence = frappe.qb.DocType("AIMS Evidence")
	link = frappe.qb.DocType("AIMS Evidence Link")
	control = Coalesce(link.control_implementation, link.requirement)
	is_expired = evidence.valid_until < getdate(today())
	current = Case().when(is_expired, None).else_(evidence.name)
	query = (
		frappe.qb.from_(link)
		.join(evidence)
		.on(evidence.name == link.parent)
		.select(
			control.as_("control"),
			Count(current).distinct().as_("current"),
			Count(Case().when(is_expired, evidence.name)).distinct().as_("expired"),
		)
		.where(link.parenttype == "AIMS Evidence")
		.where(control.isnotnull())
		.groupby(control)
	)
	return query.select(GroupConcat(current).distinct().as_("current_names")) if with_names else query
