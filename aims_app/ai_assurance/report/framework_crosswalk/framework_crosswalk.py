# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from collections import defaultdict

import frappe
from frappe import _

from aims_app.ai_assurance.readiness.crosswalk import (
	COVERED,
	NOT_COVERED,
	NOT_MAPPED,
	PARTLY_COVERED,
	coverage,
)
from aims_app.ai_assurance.readiness.facts import FRAMEWORK, readiness_rows
from aims_app.reports import card, column, inert
from aims_app.translation import value

VERDICT_CARDS = ((COVERED, "Green"), (PARTLY_COVERED, "Orange"), (NOT_COVERED, "Red"), (NOT_MAPPED, "Grey"))


def execute(filters: dict | None = None):
	"""Each requirement of NIST AI RMF, the EU AI Act and ISO/IEC 27001 with the ISO/IEC 42001 requirements
	mapped to it and what their readiness covers of it (a fixed number of queries, whatever the data)."""
	filters = frappe._dict(filters or {})
	statuses = {row.name: row.status for row in readiness_rows(filters)}
	rows = crosswalk_rows(statuses, filters)
	if filters.coverage:
		rows = [row for row in rows if row.coverage == filters.coverage]
	return columns(), inert(rows), None, None, summary(rows)


def crosswalk_rows(statuses: dict[str, str], filters) -> list[frappe._dict]:
	rows, mapped = {}, defaultdict(list)
	for link in target_mappings(filters.framework):
		rows.setdefault(
			link.target,
			frappe._dict(
				requirement=link.target,
				framework=link.framework,
				requirement_id=link.requirement_id,
				title=link.title,
			),
		)
		if link.iso_requirement and (link.is_verified or not filters.only_verified):
			mapped[link.target].append(link)
	for name, row in rows.items():
		links = mapped[name]
		row.coverage = coverage(
			statuses[link.iso_requirement] for link in links if link.iso_requirement in statuses
		)
		row.iso_requirements = "; ".join(
			_("{0} ({1})").format(
				link.iso_id,
				value(statuses[link.iso_requirement])
				if link.iso_requirement in statuses
				else _("Not assessed"),
			)
			for link in links
		)
		row.mappings = "; ".join(mapping_text(link) for link in links)
		row.unverified_count = sum(not link.is_verified for link in links)
		row.sources = "; ".join(dict.fromkeys(link.mapping_source for link in links if link.mapping_source))
		row.source_url = next((link.source_url for link in links if link.source_url), None)
	return list(rows.values())


def mapping_text(link) -> str:
	verified = _("verified") if link.is_verified else _("UNVERIFIED")
	return _("{0}: {1}, {2}, {3} confidence, {4}").format(
		link.iso_id,
		value(link.relationship),
		value(link.mapping_status),
		value(link.confidence) if link.confidence else _("unknown"),
		verified,
	)


def target_mappings(framework: str | None) -> list[frappe._dict]:
	"""Every requirement of the other frameworks that is assessable or mapped, one row per mapping from
	ISO/IEC 42001 (none for a requirement nothing maps to), in library order."""
	target = frappe.qb.DocType("Framework Requirement")
	source = frappe.qb.DocType("Framework Requirement").as_("source")
	mapping = frappe.qb.DocType("Requirement Mapping")
	query = (
		frappe.qb.from_(target)
		.left_join(mapping)
		.on(
			(mapping.mapped_requirement == target.name)
			& (mapping.requirement_framework == FRAMEWORK)
			& (mapping.withdrawn == 0)
		)
		.left_join(source)
		.on(source.name == mapping.requirement)
		.select(
			target.name.as_("target"),
			target.framework,
			target.requirement_id,
			target.title,
			mapping.requirement.as_("iso_requirement"),
			source.requirement_id.as_("iso_id"),
			mapping.relationship,
			mapping.mapping_status,
			mapping.confidence,
			mapping.is_verified,
			mapping.mapping_source,
			mapping.source_url,
		)
		.where(target.framework != FRAMEWORK)
		.where(target.withdrawn == 0)
		.where((target.is_assessable == 1) | mapping.name.isnotnull())
		.orderby(target.framework)
		.orderby(target.lft)
		.orderby(source.lft)
	)
	if framework:
		query = query.where(target.framework == framework)
	return query.run(as_dict=True)


def columns() -> list[dict]:
	return [
		column(_("Requirement"), "requirement", "Link", 230, "Framework Requirement"),
		column(_("Framework"), "framework", "Link", 120, "Compliance Framework"),
		column(_("Heading"), "title", width=260),
		column(_("Coverage"), "coverage", width=120),
		{**column(_("ISO/IEC 42001 Requirements"), "iso_requirements", width=260), "align": "left"},
		{**column(_("Mappings"), "mappings", width=360), "align": "left"},
		column(_("Unverified Mappings"), "unverified_count", "Int", 90),
		column(_("Mapping Source"), "sources", width=260),
		column(_("Source URL"), "source_url", width=200),
	]


def summary(rows) -> list[dict]:
	cards = []
	for framework in dict.fromkeys(row.framework for row in rows):
		verdicts = [row.coverage for row in rows if row.framework == framework]
		cards.extend(
			card(_("{0}: {1}").format(framework, value(verdict)), verdicts.count(verdict), indicator)
			for verdict, indicator in VERDICT_CARDS
		)
	return cards
