# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, today

from aims_app.ai_risk.doctype.ai_impact_assessment.ai_impact_assessment import flag_for_review
from aims_app.ai_systems.eu_ai_act import TierAnswers, classify, training_compute, training_compute_text
from aims_app.ai_systems.eu_ai_act_timeline import UPCOMING, status_on
from aims_app.ai_systems.plain_text import editor_html
from aims_app.controllers.aims_document import AIMSDocument
from aims_app.integrations.ai_system import show_erp_notes
from aims_app.messages import Message, MessageError
from aims_app.translation import label, labels, text, value

OVERRIDE_FIELDS = ("tier_override", "override_justification")
# "Unknown" is an answer where a fact may not be known yet; the readiness report counts it as a gap.
UNKNOWN = "Unknown"
TIER_QUESTIONS = ("prohibited_practice", "annex_iii_area", "art6_3_derogation")


class StageMoveError(frappe.ValidationError):
	"""A life-cycle stage set by any other path than an approved AI System Stage Review."""


class AISystem(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from aims_app.ai_systems.doctype.ai_system_dataset.ai_system_dataset import AISystemDataset
		from aims_app.ai_systems.doctype.ai_system_interested_party.ai_system_interested_party import (
			AISystemInterestedParty,
		)
		from aims_app.ai_systems.doctype.ai_system_model.ai_system_model import AISystemModel
		from aims_app.ai_systems.doctype.ai_system_obligation.ai_system_obligation import AISystemObligation
		from aims_app.ai_systems.doctype.ai_system_supplier.ai_system_supplier import AISystemSupplier

		affected_groups: DF.SmallText | None
		annex_i_product: DF.Check
		annex_iii_area: DF.Literal[
			"",
			"1 - Biometrics",
			"2 - Critical infrastructure",
			"3 - Education and vocational training",
			"4 - Employment and workers management",
			"5 - Essential private and public services",
			"6 - Law enforcement",
			"7 - Migration, asylum and border control",
			"8 - Justice and democratic processes",
			"Unknown",
		]
		art6_3_derogation: DF.Literal[
			"",
			"a - Narrow procedural task",
			"b - Improves a completed human activity",
			"c - Detects decision patterns without replacing human assessment",
			"d - Preparatory task to an assessment",
			"Unknown",
		]
		automation_level: DF.Literal[
			"Decision support (a person decides)",
			"Human in the loop",
			"Human on the loop",
			"Fully automated",
			"Unknown",
		]
		code_repository: DF.Data | None
		contact: DF.Data | None
		computed_tier: DF.Literal["", "Prohibited", "High-risk", "Limited risk", "Minimal risk", "GPAI model"]
		datasets: DF.Table[AISystemDataset]
		deployment_plan: DF.Text | None
		description: DF.TextEditor | None
		designated_systemic_risk: DF.Check
		emotion_recognition_or_biometric_categorisation: DF.Check
		eu_ai_act_route: DF.Data | None
		event_logging: DF.Text | None
		eu_ai_act_tier: DF.Literal[
			"", "Prohibited", "High-risk", "Limited risk", "Minimal risk", "GPAI model"
		]
		foreseeable_misuse: DF.SmallText | None
		generates_synthetic_content: DF.Check
		gpai_architecture: DF.SmallText | None
		gpai_authenticity: DF.SmallText | None
		gpai_built_on: DF.SmallText | None
		gpai_commission_notified_on: DF.Date | None
		gpai_copyright_policy: DF.SmallText | None
		gpai_cybersecurity: DF.SmallText | None
		gpai_data_checks: DF.SmallText | None
		gpai_design: DF.Text | None
		gpai_distribution: DF.SmallText | None
		gpai_energy_mwh: DF.Float
		gpai_evaluation: DF.Text | None
		gpai_first_released_on: DF.Date | None
		gpai_incident_reporting: DF.SmallText | None
		gpai_inputs: DF.SmallText | None
		gpai_integration: DF.SmallText | None
		gpai_licence: DF.Data | None
		gpai_model_versions: DF.SmallText | None
		gpai_outputs: DF.SmallText | None
		gpai_parameters: DF.Data | None
		gpai_provider_name: DF.Data | None
		gpai_systemic_risks: DF.Text | None
		gpai_training_data: DF.Text | None
		gpai_training_summary_url: DF.Data | None
		gpai_training_time: DF.Data | None
		gpai_uses: DF.SmallText | None
		human_oversight: DF.SmallText | None
		in_scope: DF.Check
		inventory_id: DF.Data | None
		impacts: DF.SmallText | None
		interacts_with_people: DF.Check
		interested_parties: DF.Table[AISystemInterestedParty]
		is_gpai_model: DF.Check
		legal_basis: DF.Data | None
		lifecycle_stage: DF.Literal[
			"Concept",
			"Design and development",
			"Verification and validation",
			"Deployment",
			"Operation and monitoring",
			"Retired",
			"Unknown",
		]
		models: DF.Table[AISystemModel]
		monitoring_plan: DF.Text | None
		next_obligation_on: DF.Date | None
		next_review_date: DF.Date | None
		obligations: DF.Table[AISystemObligation]
		operational_since: DF.Date | None
		organisational_unit: DF.Data | None
		our_role: DF.Literal[
			"Deployer",
			"Provider",
			"Importer",
			"Distributor",
			"Authorised representative",
			"Product manufacturer",
			"Unknown",
		]
		overridden_by: DF.Link | None
		overridden_on: DF.Datetime | None
		override_justification: DF.SmallText | None
		personal_data: DF.Literal["Unknown", "No", "Yes, the GDPR applies", "Yes, the GDPR does not apply"]
		privacy_assessment: DF.Data | None
		performs_profiling: DF.Check
		produces_deep_fakes: DF.Check
		prohibited_practice: DF.Literal[
			"",
			"a - Manipulative or deceptive techniques causing significant harm",
			"b - Exploiting vulnerabilities of age, disability or social situation",
			"c - Social scoring",
			"d - Predicting criminal offences from profiling alone",
			"e - Untargeted scraping of facial images",
			"f - Emotion recognition at work or in education",
			"g - Biometric categorisation by sensitive traits",
			"h - Real-time remote biometric identification for law enforcement",
			"ba - Intimate images of real people without consent",
			"bb - Child sexual abuse material",
			"Unknown",
		]
		placed_on_market_on: DF.Date | None
		publish_on_transparency_page: DF.Check
		purpose: DF.SmallText
		requirements_specification: DF.Text | None
		retirement_plan: DF.Text | None
		suppliers: DF.Table[AISystemSupplier]
		system_name: DF.Data
		system_owner: DF.Link
		technique: DF.SmallText | None
		tier_override: DF.Literal["", "Prohibited", "High-risk", "Limited risk", "Minimal risk", "GPAI model"]
		tier_reasons: DF.SmallText | None
		training_compute_flops: DF.Data | None
		transparency_duties: DF.Data | None
		unapproved_change_in_production: DF.Check
		verification_results: DF.Text | None
		who_it_affects: DF.SmallText | None
		yes_no_answers_unknown: DF.Check
	# end: auto-generated types

	def validate_higher_perm_levels(self):
		self.refuse_override_without_permission()
		super().validate_higher_perm_levels()

	def onload(self):
		show_erp_notes(self)
		self.explain_in_readers_language()

	def validate(self):
		# a description given as plain text (REST, Data Import) keeps its lines and shows its "<" as written
		self.description = editor_html(self.description)
		self.refuse_stage_move_without_review()
		self.keep_training_compute_as_number()
		self.apply_eu_ai_act_tier()
		self.record_override()
		super().validate()

	def on_update(self):
		before = self.get_doc_before_save()
		if before:
			flag_for_review(self.name, before.as_dict(), self.as_dict())
		super().on_update()

	def refuse_stage_move_without_review(self):
		"""The stage moves only when an approved AI System Stage Review is submitted (its on_submit sets
		flags.stage_review), whatever the path: form, REST, inventory import, data import. A new system is
		recorded at the stage it has reached when it enters the inventory; the readiness report shows each
		one deployed or in operation that no approved review put there. A stage recorded as Unknown is replaced
		by the one found out, as for a new system."""
		if self.flags.stage_review or self.is_new():
			return
		before = self.get_doc_before_save()
		stored = before and before.lifecycle_stage
		if stored and stored not in (self.lifecycle_stage, UNKNOWN):
			frappe.throw(
				_(
					"{0} of AI System {1} cannot be changed from {2} to {3} here: raise an AI System Stage "
					"Review for {1} with To Stage {3}; approving it moves the system."
				).format(
					label(self.meta, "lifecycle_stage"),
					self.name,
					frappe.bold(value(stored)),
					frappe.bold(value(self.lifecycle_stage)),
				),
				StageMoveError,
				title=_("Stage Review Needed"),
			)

	def refuse_override_without_permission(self):
		"""Frappe silently keeps the stored value of a field above the user's permlevel; these say why."""
		if self.flags.ignore_permissions or frappe.session.user == "Administrator":
			return
		if 1 in self.get_permlevel_access("write"):
			return
		changed = self.changed_fields(OVERRIDE_FIELDS)
		if changed:
			frappe.throw(
				_("Only an AIMS Manager can override the EU AI Act tier ({0}).").format(
					labels(self.meta, changed)
				),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)
		if self.changed_fields(("publish_on_transparency_page",)):
			frappe.throw(
				_(
					"Only an AIMS Manager publishes an AI system on the transparency page or takes it off: ask "
					"one to review the public wording of {0} and publish it."
				).format(self.name or self.system_name),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)

	def changed_fields(self, fields: tuple[str, ...]) -> list[str]:
		"""Those of `fields` this save changes; on a new record, those given a value."""
		before = self.get_doc_before_save()
		return [
			field
			for field in fields
			if ((before.get(field) if before else None) or None) != (self.get(field) or None)
		]

	def tier_answers(self) -> TierAnswers:
		return TierAnswers(
			# The tier does not depend on our role, only the obligations do (not listed while it is unknown).
			our_role="Deployer" if self.our_role == UNKNOWN else self.our_role,
			prohibited_practice=option_code(self.prohibited_practice),
			is_gpai_model=bool(self.is_gpai_model),
			training_compute_flops=training_compute(self.training_compute_flops),
			designated_systemic_risk=bool(self.designated_systemic_risk),
			annex_i_product=bool(self.annex_i_product),
			annex_iii_area=int(option_code(self.annex_iii_area)) if self.annex_iii_area else None,
			art6_3_derogation=option_code(self.art6_3_derogation),
			performs_profiling=bool(self.performs_profiling),
			interacts_with_people=bool(self.interacts_with_people),
			generates_synthetic_content=bool(self.generates_synthetic_content),
			emotion_recognition_or_biometric_categorisation=bool(
				self.emotion_recognition_or_biometric_categorisation
			),
			produces_deep_fakes=bool(self.produces_deep_fakes),
			placed_on_market_on=getdate(self.placed_on_market_on) if self.placed_on_market_on else None,
		)

	def keep_training_compute_as_number(self):
		"""A zero is no figure (what a spreadsheet or card leaves in an empty number): kept empty."""
		try:
			flops = training_compute(self.training_compute_flops)
			self.training_compute_flops = training_compute_text(flops or None)
		except MessageError as error:
			frappe.throw(text(error.message), title=_("EU AI Act Questionnaire"))

	def apply_eu_ai_act_tier(self):
		unknown = [label(self.meta, field) for field in TIER_QUESTIONS if self.get(field) == UNKNOWN]
		if self.yes_no_answers_unknown:
			unknown.append(_("the yes/no questions"))
		if unknown:
			self.computed_tier = self.eu_ai_act_route = self.transparency_duties = None
			self.tier_reasons = _("The tier is worked out once these answers are known: {0}.").format(
				", ".join(unknown)
			)
			self.eu_ai_act_tier = self.tier_override or None
			return
		try:
			result = classify(self.tier_answers())
		except MessageError as error:
			frappe.throw(text(error.message), title=_("EU AI Act Questionnaire"))
		self.computed_tier = result.tier
		self.eu_ai_act_route = route_text(result)
		self.transparency_duties = ", ".join(result.transparency_duties)
		self.tier_reasons = "\n".join(text(reason) for reason in result.reasons)
		self.eu_ai_act_tier = self.tier_override or result.tier
		if self.our_role == UNKNOWN:
			self.tier_reasons += "\n" + _(
				"Our role is unknown: the obligations that follow are listed once it is known."
			)
			return
		self.set_obligations(result.obligations)

	def set_obligations(self, obligations):
		"""The obligations the tier gives, each dated by the library, with its status today. Whether and how
		one is addressed is people's record and stays with its article; so does the day its owner was told
		it is coming, while its date stays the same."""
		kept = {row.article: row for row in self.obligations}
		on = getdate(today())
		rows = []
		for o in obligations:
			before = kept.get(o.article)
			same_date = before is not None and str(before.applies_from) == o.applies_from
			rows.append(
				{
					"article": o.article,
					"summary": text(Message(o.summary)),
					"duty_of": o.duty_of,
					"applies_from": o.applies_from,
					"status": status_on(getdate(o.applies_from), on),
					"deciding_rule": text(o.rule) if o.rule else None,
					"what_to_do": text(o.action) if o.action else None,
					"addressed": before.addressed if before else 0,
					"how_addressed": before.how_addressed if before else None,
					"reminded_on": before.reminded_on if same_date else None,
				}
			)
		self.set("obligations", rows)
		self.next_obligation_on = next_upcoming(rows)

	def explain_in_readers_language(self):
		"""The route, the tier's reasons and the obligations' summaries, deciding rules and actions are written
		in the language of whoever saved the system last; its reader sees them in their own, as the rules give
		them for the record's answers, while those give the stored tier and articles (the record is shown as
		stored otherwise)."""
		try:
			result = classify(self.tier_answers())
		except MessageError:
			return
		articles = [row.article for row in self.obligations]
		if result.tier != self.computed_tier or articles != [o.article for o in result.obligations]:
			return
		self.eu_ai_act_route = route_text(result)
		self.tier_reasons = "\n".join(text(reason) for reason in result.reasons)
		for row, obligation in zip(self.obligations, result.obligations, strict=True):
			row.summary = text(Message(obligation.summary))
			row.deciding_rule = text(obligation.rule) if obligation.rule else None
			row.what_to_do = text(obligation.action) if obligation.action else None

	def record_override(self):
		if not self.tier_override:
			self.override_justification = self.overridden_by = self.overridden_on = None
		elif self.changed_fields(OVERRIDE_FIELDS):
			self.overridden_by = frappe.session.user
			self.overridden_on = now_datetime()


def next_upcoming(rows: list[dict]) -> str | None:
	"""The earliest date among the obligations that do not apply yet."""
	return min((row["applies_from"] for row in rows if row["status"] == UPCOMING), default=None)


def route_text(result) -> str:
	"""The route to the tier, in the user's language."""
	if result.annex_iii_area:
		return _("{0}, area {1}").format(value(result.route), result.annex_iii_area)
	return value(result.route)


def option_code(option: str | None) -> str | None:
	"""The code before ' - ' in a questionnaire option ("4 - Employment ..." gives "4")."""
	return option.split(" - ", 1)[0].strip() if option else None
