# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import add_months, getdate

from aims_app.ai_governance.doctype.aims_settings.aims_settings import get_risk_matrix
from aims_app.ai_risk.doctype.ai_impact_assessment.impact_rules import (
	AreaRow,
	area_order,
	area_problems,
	fundamental_rights_assessment_expected,
	missing_areas,
	review_reasons,
)
from aims_app.ai_risk.risk_rules import IMPACT, LIKELIHOOD
from aims_app.ai_risk.scoring import refuse_off_scale
from aims_app.controllers.aims_document import AIMSDocument
from aims_app.history import record_change
from aims_app.translation import label, labels, text

FRIA_FIELDS = (
	"fria_process",
	"fria_period_frequency",
	"fria_affected_categories",
	"fria_specific_risks",
	"fria_human_oversight",
	"fria_measures",
)


class AIImpactAssessment(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from aims_app.ai_risk.doctype.ai_impact_assessment_area.ai_impact_assessment_area import (
			AIImpactAssessmentArea,
		)
		from aims_app.ai_risk.doctype.ai_impact_assessment_party.ai_impact_assessment_party import (
			AIImpactAssessmentParty,
		)

		affected_parties: DF.Table[AIImpactAssessmentParty]
		ai_system: DF.Link
		amended_from: DF.Link | None
		assessment_date: DF.Date
		assessor: DF.Link
		conclusion: DF.Literal["", "Impacts acceptable", "Acceptable with conditions", "Not acceptable"]
		conclusion_notes: DF.TextEditor | None
		foreseeable_misuse: DF.SmallText | None
		fria_affected_categories: DF.SmallText | None
		fria_applies: DF.Check
		fria_authority_notified_on: DF.Date | None
		fria_human_oversight: DF.SmallText | None
		fria_measures: DF.SmallText | None
		fria_period_frequency: DF.SmallText | None
		fria_process: DF.SmallText | None
		fria_specific_risks: DF.SmallText | None
		impacts: DF.Table[AIImpactAssessmentArea]
		intended_purpose: DF.SmallText
		needs_review: DF.Check
		next_review_date: DF.Date | None
		review_reason: DF.SmallText | None
		system_purpose: DF.SmallText | None
		system_name: DF.Data | None
		system_role: DF.Data | None
		system_tier: DF.Data | None
	# end: auto-generated types

	def before_insert(self):
		self.fill_from_system()

	def validate(self):
		self.refuse_missing_purpose()
		self.snapshot_system()
		self.set_area_levels()
		self.set_next_review_date()
		super().validate()

	def before_submit(self):
		self.refuse_incomplete_areas()
		self.refuse_missing_conclusion()
		super().before_submit()

	def fill_from_system(self):
		"""A new assessment starts from what the inventory already says about the system."""
		system = frappe.get_doc("AI System", self.ai_system)
		self.assessor = self.assessor or frappe.session.user
		self.intended_purpose = self.intended_purpose or system.purpose
		self.foreseeable_misuse = self.foreseeable_misuse or system.foreseeable_misuse
		# Rows the form adds by itself to an empty table, with nothing chosen in them, are no answer.
		self.set("affected_parties", [row for row in self.affected_parties if row.interested_party])
		self.set("impacts", [row for row in self.impacts if row.area])
		if not self.affected_parties:
			for party in system.interested_parties:
				self.append(
					"affected_parties",
					{"interested_party": party.interested_party, "how_affected": party.how_affected},
				)
		for area in missing_areas([row.area for row in self.impacts]):
			self.append("impacts", {"area": area, "relevant": 1})
		self.impacts.sort(key=lambda row: area_order(row.area))
		for idx, row in enumerate(self.impacts, start=1):
			row.idx = idx
		if fundamental_rights_assessment_expected(system.eu_ai_act_tier, system.our_role):
			self.fria_applies = 1

	def refuse_missing_purpose(self):
		"""The form leaves the purpose to the system's record; where neither says it, it is asked for."""
		if not (self.intended_purpose or "").strip():
			frappe.throw(
				_("{0} is empty, and AI System {1} states no purpose to fill it from: write it.").format(
					label(self.meta, "intended_purpose"), self.ai_system
				),
				frappe.MandatoryError,
				title=_("Missing Value"),
			)

	def snapshot_system(self):
		"""What the system was when assessed: a later change to these flags the assessment for review."""
		if self.docstatus == 0:
			self.system_purpose, self.system_tier, self.system_role = frappe.db.get_value(
				"AI System", self.ai_system, ["purpose", "eu_ai_act_tier", "our_role"]
			)

	def set_area_levels(self):
		matrix = get_risk_matrix()
		for row in self.impacts:
			label = _("Impacts, row {0}: ").format(row.idx)
			refuse_off_scale(row, matrix, {"severity": IMPACT, "likelihood": LIKELIHOOD}, label)
			row.level = (
				matrix.level_for(row.likelihood, row.severity) if row.severity and row.likelihood else None
			)

	def set_next_review_date(self):
		if not self.next_review_date:
			months = frappe.db.get_single_value("AIMS Settings", "impact_assessment_review_months") or 12
			self.next_review_date = add_months(getdate(self.assessment_date), months)

	def refuse_incomplete_areas(self):
		rows = [
			AreaRow(
				row.idx, row.area, bool(row.relevant), row.impact_description, row.severity, row.likelihood
			)
			for row in self.impacts
		]
		problems = area_problems(rows)
		if problems:
			frappe.throw("<br>".join(text(p) for p in problems), title=_("Impacts by Area Incomplete"))

	def refuse_missing_conclusion(self):
		missing = [f for f in ("affected_parties", "conclusion") if not self.get(f)]
		if self.fria_applies:
			missing += [f for f in FRIA_FIELDS if not self.get(f)]
		if missing:
			frappe.throw(
				_("Complete these before signing the assessment: {0}").format(labels(self.meta, missing)),
				frappe.MandatoryError,
				title=_("Assessment Incomplete"),
			)


def flag_for_review(ai_system: str, before: dict, after: dict):
	"""Called when an AI System is saved: its latest signed assessment no longer describes it."""
	reasons = review_reasons(before, after)
	if not reasons:
		return
	latest = frappe.get_all(
		"AI Impact Assessment",
		filters={"ai_system": ai_system, "docstatus": 1},
		order_by="assessment_date desc, creation desc",
		limit=1,
		pluck="name",
	)
	if latest:
		record_change(
			frappe.get_doc("AI Impact Assessment", latest[0]),
			{
				"needs_review": 1,
				"review_reason": _("Since this assessment, {0}.").format("; ".join(map(text, reasons))),
			},
		)
