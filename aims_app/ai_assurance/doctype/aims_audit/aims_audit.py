# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from textwrap import shorten

import frappe
from frappe import _

from aims_app.ai_assurance.assignments.sync import sync_assignments, task
from aims_app.ai_assurance.doctype.aims_audit.audit_rules import (
	IMPROVEMENT_FINDINGS,
	Assignment,
	independence_conflicts,
	nonconformity_grade,
	unanswered_rows,
)
from aims_app.controllers.aims_document import AIMSDocument
from aims_app.translation import text, value
from aims_app.validation import refuse_dates_out_of_order


class AIMSAudit(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from aims_app.ai_assurance.doctype.aims_audit_checklist_item.aims_audit_checklist_item import (
			AIMSAuditChecklistItem,
		)
		from aims_app.ai_assurance.doctype.aims_audit_requirement.aims_audit_requirement import (
			AIMSAuditRequirement,
		)
		from aims_app.ai_assurance.doctype.aims_audit_system.aims_audit_system import AIMSAuditSystem
		from aims_app.ai_assurance.doctype.aims_audit_team_member.aims_audit_team_member import (
			AIMSAuditTeamMember,
		)

		ai_systems: DF.TableMultiSelect[AIMSAuditSystem]
		amended_from: DF.Link | None
		audit_programme: DF.Link | None
		audit_type: DF.Literal[
			"Internal", "Certification stage 1", "Certification stage 2", "Surveillance", "Supplier"
		]
		auditees: DF.SmallText | None
		checklist: DF.Table[AIMSAuditChecklistItem]
		conforms_count: DF.Int
		end_date: DF.Date
		improvement_count: DF.Int
		lead_auditor: DF.Link
		nonconformity_count: DF.Int
		requirements: DF.TableMultiSelect[AIMSAuditRequirement]
		start_date: DF.Date
		summary: DF.TextEditor | None
		team: DF.TableMultiSelect[AIMSAuditTeamMember]
		title: DF.Data
		units: DF.Data | None
	# end: auto-generated types

	def validate(self):
		self.refuse_end_before_start()
		self.refuse_auditing_own_area()
		if self.docstatus == 0:
			self.build_checklist()
		self.count_findings()
		super().validate()

	def before_submit(self):
		self.refuse_unanswered_rows()
		super().before_submit()

	def on_submit(self):
		self.raise_nonconformities()
		self.track_improvement_opportunities()

	def on_cancel(self):
		sync_assignments(self, "checklist", [])

	def refuse_end_before_start(self):
		refuse_dates_out_of_order(self, "start_date", "end_date")

	def auditors(self) -> set[str]:
		return {self.lead_auditor, *(member.auditor for member in self.team)}

	def scope_systems(self) -> set[str]:
		return {row.ai_system for row in self.ai_systems}

	def refuse_auditing_own_area(self):
		"""Clause 9.2.2: auditors are objective and impartial, so nobody audits what they answer for."""
		systems = self.scope_systems()
		owners = dict(
			frappe.get_all(
				"AI System",
				filters={"name": ("in", systems or [""])},
				fields=["name", "system_owner"],
				as_list=True,
			)
		)
		assignments = [
			Assignment(row.user, row.requirement, row.ai_system)
			for row in frappe.get_all(
				"AIMS Role Assignment",
				filters={"user": ("in", list(self.auditors()))},
				fields=["user", "requirement", "ai_system"],
			)
		]
		scope = {requirement.name for requirement in self.scope_requirements()}
		conflicts = independence_conflicts(self.auditors(), scope, systems, owners, assignments)
		if conflicts:
			frappe.throw(
				_(
					"An auditor cannot audit their own area: {0}. Choose another auditor or narrow the scope."
				).format("; ".join(text(conflict) for conflict in conflicts)),
				title=_("Auditor Not Independent"),
			)

	def scope_requirements(self) -> list[frappe._dict]:
		"""The assessable requirements under what was chosen (a clause brings its subclauses), in library order,
		with the library's guidance."""
		chosen = [row.requirement for row in self.requirements]
		if not chosen:
			return []
		requirement = frappe.qb.DocType("Framework Requirement")
		bounds = (
			frappe.qb.from_(requirement)
			.select(requirement.lft, requirement.rgt)
			.where(requirement.name.isin(chosen))
			.run()
		)
		within = None
		for lft, rgt in bounds:
			condition = (requirement.lft >= lft) & (requirement.rgt <= rgt)
			within = condition if within is None else within | condition
		return (
			frappe.qb.from_(requirement)
			.select(
				requirement.name,
				requirement.display_title,
				requirement.guidance,
				requirement.evidence_expected,
			)
			.where(within)
			.where(requirement.is_assessable == 1)
			.where(requirement.withdrawn == 0)
			.orderby(requirement.lft)
			.run(as_dict=True)
		)

	def build_checklist(self):
		"""One row per requirement in scope; answers already given to a requirement are kept."""
		answered = {row.requirement: row for row in self.checklist}
		rows = []
		for requirement in self.scope_requirements():
			row = answered.get(requirement.name)
			rows.append(
				{
					"requirement": requirement.name,
					"requirement_title": requirement.display_title,
					"guidance": requirement.guidance,
					"evidence_expected": requirement.evidence_expected,
					"result": row.result if row else None,
					"audit_notes": row.audit_notes if row else None,
					"evidence_seen": row.evidence_seen if row else None,
				}
			)
		self.set("checklist", rows)

	def count_findings(self):
		results = [row.result for row in self.checklist]
		self.conforms_count = results.count("Conforms")
		self.nonconformity_count = sum(bool(nonconformity_grade(r)) for r in results)
		self.improvement_count = sum(r in IMPROVEMENT_FINDINGS for r in results)

	def refuse_unanswered_rows(self):
		missing = unanswered_rows([(row.idx, row.result) for row in self.checklist])
		if missing:
			frappe.throw(
				_("Record a result on every checklist row before submitting the audit (rows {0}).").format(
					", ".join(str(i) for i in missing[:20])
				),
				title=_("Checklist Incomplete"),
			)

	def raise_nonconformities(self):
		"""Each nonconformity finding becomes a Nonconformity that links back to its checklist row."""
		for row in self.checklist:
			grade = nonconformity_grade(row.result)
			if not grade:
				continue
			nonconformity = frappe.get_doc(
				{
					"doctype": "Nonconformity",
					"title": _("{0}: {1}").format(
						short_heading(row.requirement_title or row.requirement), row.result
					),
					"grade": grade,
					"source": "Audit",
					"requirement": row.requirement,
					"aims_audit": self.name,
					"audit_checklist_item": row.name,
					"ai_system": next(iter(sorted(self.scope_systems())), None),
					"nc_owner": self.nonconformity_owner(row.requirement),
					"raised_on": self.end_date,
					"description": row.audit_notes or row.result,
				}
			).insert(ignore_permissions=True)
			row.db_set("nonconformity", nonconformity.name)

	def track_improvement_opportunities(self):
		"""Observations and opportunities for improvement (10.1) become ToDos, so they are followed up, not lost."""
		sync_assignments(
			self,
			"checklist",
			[
				task(
					row,
					self.nonconformity_owner(row.requirement),
					_("{0} on {1}: {2}").format(
						value(row.result), row.requirement_title or row.requirement, row.audit_notes or ""
					),
				)
				for row in self.checklist
				if row.result in IMPROVEMENT_FINDINGS
			],
		)

	def nonconformity_owner(self, requirement: str) -> str:
		"""Whoever is accountable for the requirement; else the owner of the audited system; else the audit's author."""
		accountable = frappe.db.get_value(
			"AIMS Role Assignment", {"requirement": requirement, "raci": "Accountable"}, "user"
		)
		systems = sorted(self.scope_systems())
		system_owner = systems and frappe.db.get_value("AI System", systems[0], "system_owner")
		return accountable or system_owner or self.owner


def short_heading(heading: str) -> str:
	"""A requirement's heading cut to fit a title beside the finding (NIST and EU headings run to 500+ characters)."""
	return shorten(heading, width=100, placeholder="…")
