"""The EU AI Act (Regulation (EU) 2024/1689) as rules: a system's risk tier and what follows from it.

`classify` takes the answers to the short questionnaire on the AI System form and gives the tier, the
reasons in order, and the obligations for the role the organisation plays, each dated by the library's
timeline (eu_ai_act_timeline.py: the Act as amended, with its transitional rules) and naming whose duty it
is and the rule that dated it. The serious-incident functions give the reporting deadline of Art. 73.
Reasons, obligations and refusals are Messages (aims_app/messages.py) for the Frappe layer to translate.
"""

import datetime
import math
import re
from dataclasses import dataclass

from aims_app.ai_systems.eu_ai_act_timeline import Timeline, dating, duty_of, load_timeline
from aims_app.messages import Joined, Message, MessageError, _

TIERS = ("Prohibited", "High-risk", "Limited risk", "Minimal risk", "GPAI model")
ROLES = (
	"Provider",
	"Deployer",
	"Importer",
	"Distributor",
	"Authorised representative",
	"Product manufacturer",
)

PRACTICES = {
	"a": _("uses manipulative or deceptive techniques that cause significant harm"),
	"b": _("exploits vulnerabilities due to age, disability or a social or economic situation"),
	"c": _("scores people socially, leading to detrimental treatment"),
	"d": _("predicts criminal offences from profiling or personality traits alone"),
	"e": _("builds facial recognition databases by untargeted scraping"),
	"f": _("infers emotions in the workplace or in education"),
	"g": _("categorises people by sensitive traits from biometric data"),
	"h": _("identifies people remotely in real time in public spaces for law enforcement"),
	"ba": _("generates intimate images or videos of real people without their consent"),
	"bb": _("generates child sexual abuse material"),
}
# The practices added to Art. 5(1) by Regulation (EU) 2026/1744 are their own articles in the timeline:
# they apply from a later date than the first eight.
ADDED_PRACTICES = ("ba", "bb")
ANNEX_III_AREAS = {
	1: _("biometrics"),
	2: _("critical infrastructure"),
	3: _("education and vocational training"),
	4: _("employment and workers management"),
	5: _("access to essential private and public services"),
	6: _("law enforcement"),
	7: _("migration, asylum and border control"),
	8: _("administration of justice and democratic processes"),
}
DEROGATIONS = {
	"a": _("performs a narrow procedural task"),
	"b": _("improves the result of a human activity already completed"),
	"c": _("detects decision patterns without replacing human assessment"),
	"d": _("performs a preparatory task to an assessment"),
}
ANNEX_I = _("Annex I")
ANNEX_III = _("Annex III")
SYSTEMIC_RISK_FLOPS = 1e25
POWER_OF_TEN = re.compile(r"^(?:(?P<mantissa>[0-9.]+)[x*·×])?10\^(?P<exponent>[+-]?[0-9]+)$")


@dataclass(frozen=True)
class TierAnswers:
	our_role: str = "Deployer"
	prohibited_practice: str | None = None
	is_gpai_model: bool = False
	training_compute_flops: float | None = None
	designated_systemic_risk: bool = False
	annex_i_product: bool = False
	annex_iii_area: int | None = None
	art6_3_derogation: str | None = None
	performs_profiling: bool = False
	interacts_with_people: bool = False
	generates_synthetic_content: bool = False
	emotion_recognition_or_biometric_categorisation: bool = False
	produces_deep_fakes: bool = False
	placed_on_market_on: datetime.date | None = None


@dataclass(frozen=True)
class Duty:
	"""An obligation before it is dated: its article and what it asks (a template marked with _())."""

	article: str
	summary: str


@dataclass(frozen=True)
class Obligation:
	article: str
	summary: str  # a template marked with _(), without parameters
	applies_from: str  # ISO date, from the library's timeline
	duty_of: str = ""  # Provider, Deployer, Both, or another operator (the library's duty table)
	rule: Message | None = None  # the provision and transitional rule that decided applies_from
	action: Message | None = None  # what to do, or whom to ask for what


@dataclass(frozen=True)
class TierResult:
	tier: str
	route: str | None
	annex_iii_area: int | None
	systemic_risk: bool
	transparency_duties: tuple[str, ...]
	reasons: tuple[Message, ...]
	obligations: tuple[Obligation, ...]


AI_LITERACY = Duty(
	"Art. 4",
	_("Make sure staff who operate or use the system have sufficient AI literacy."),
)
STOP_PROHIBITED = _(
	"Do not place on the market, put into service or use the system: the practice is prohibited."
)
HIGH_RISK_PROVIDER = (
	("Art. 9", _("Run a risk management system across the whole life cycle of the system.")),
	("Art. 10", _("Govern training, validation and test data for relevance, representativeness and bias.")),
	("Art. 11", _("Draw up the technical documentation before placing the system on the market.")),
	("Art. 12", _("Design the system to record events automatically (logs) over its lifetime.")),
	("Art. 13", _("Give deployers instructions for use that let them interpret and use the output.")),
	("Art. 14", _("Design the system so that people can oversee it effectively.")),
	("Art. 15", _("Reach an appropriate level of accuracy, robustness and cybersecurity.")),
	("Art. 16", _("Meet the provider's obligations, including name and contact on the system.")),
	("Art. 17", _("Operate a quality management system.")),
	("Art. 18", _("Keep the documentation for ten years after placing on the market.")),
	("Art. 19", _("Keep the automatically generated logs under your control for at least six months.")),
	("Art. 20", _("Take corrective action on non-conformity and inform those concerned.")),
	("Art. 43", _("Have the conformity assessment carried out before placing on the market.")),
	("Art. 47", _("Draw up the EU declaration of conformity.")),
	("Art. 48", _("Affix the CE marking.")),
	("Art. 49", _("Register the system in the EU database before placing it on the market.")),
	("Art. 72", _("Monitor the system after placing it on the market, following a documented plan.")),
	("Art. 73", _("Report serious incidents to the market surveillance authority within the deadlines.")),
)
HIGH_RISK_DEPLOYER = (
	(
		"Art. 26",
		_(
			"Use the system as instructed, assign competent human oversight, monitor it, keep its logs "
			"for at least six months, and inform workers and affected people."
		),
	),
	(
		"Art. 73",
		_(
			"Inform the provider and the authorities without delay of a serious incident (through Art. 26(5))."
		),
	),
)
DEPLOYER_ANNEX_III = (
	(
		"Art. 27",
		_(
			"Assess the impact on fundamental rights before first use, where the deployer is a public body, "
			"provides public services, or uses the system for credit scoring or life and health insurance."
		),
	),
	("Art. 86", _("Be ready to explain to affected people the system's role in decisions about them.")),
)
ROLE_DUTIES = {
	"Importer": (
		(
			"Art. 23",
			_("Check conformity assessment, documentation and CE marking before placing on the market."),
		),
	),
	"Distributor": (
		("Art. 24", _("Check CE marking, declaration and instructions before making the system available.")),
	),
	"Authorised representative": (
		("Art. 22", _("Carry out the tasks in the provider's mandate and cooperate with authorities.")),
	),
	"Product manufacturer": (
		(
			"Art. 25",
			_(
				"Take on the provider's obligations when the system is placed on the market "
				"under your name with your product."
			),
		),
	),
}
TRANSPARENCY = {
	"interacts_with_people": (
		"Art. 50(1)",
		"Provider",
		_("Tell people they are interacting with an AI system, unless obvious."),
	),
	"generates_synthetic_content": (
		"Art. 50(2)",
		"Provider",
		_("Mark synthetic audio, image, video or text as machine-generated."),
	),
	"emotion_recognition_or_biometric_categorisation": (
		"Art. 50(3)",
		"Deployer",
		_("Inform people exposed to emotion recognition or biometric categorisation."),
	),
	"produces_deep_fakes": (
		"Art. 50(4)",
		"Deployer",
		_("Disclose deep fakes and AI-generated text published to inform the public."),
	),
}
GPAI_PROVIDER = (
	(
		"Art. 53",
		_(
			"Keep technical documentation, inform downstream providers, have a copyright policy and "
			"publish a summary of the training content."
		),
	),
)
GPAI_SYSTEMIC = (
	("Art. 52", _("Notify the Commission within two weeks of meeting the systemic-risk threshold.")),
	(
		"Art. 55",
		_("Evaluate the model, mitigate systemic risks, report serious incidents and secure the model."),
	),
)


def validate_answers(answers: TierAnswers) -> None:
	if answers.our_role not in ROLES:
		refuse(_("Our role {role!r} is not one of: {roles}."), role=answers.our_role, roles=Joined(ROLES))
	if answers.prohibited_practice and answers.prohibited_practice not in PRACTICES:
		refuse(
			_("Prohibited practice {practice!r} is not an Art. 5(1) point (a to h, ba or bb)."),
			practice=answers.prohibited_practice,
		)
	if answers.annex_iii_area is not None and answers.annex_iii_area not in ANNEX_III_AREAS:
		refuse(_("Annex III area {area!r} does not exist (1 to 8)."), area=answers.annex_iii_area)
	if answers.art6_3_derogation and answers.art6_3_derogation not in DEROGATIONS:
		refuse(
			_("Art. 6(3) derogation {derogation!r} is not a point of Art. 6(3) (a to d)."),
			derogation=answers.art6_3_derogation,
		)
	if answers.art6_3_derogation and answers.annex_iii_area is None:
		refuse(_("An Art. 6(3) derogation applies only to a system in an Annex III area: name the area."))
	if answers.training_compute_flops is not None and answers.training_compute_flops < 0:
		refuse(_("Training compute (FLOPs) cannot be negative."))


def training_compute(written) -> float | None:
	"""Training compute as people write it ("3e25", "3.2 × 10^25", "10^25" or all the digits) as a number.
	It is kept as text on the AI System: the 10^25 FLOP of Art. 51(2) is beyond a Float column."""
	if written is None or isinstance(written, bool):
		return None
	if isinstance(written, int | float):
		value = float(written)
	else:
		compact = re.sub(r"[\s_]", "", str(written)).lower()
		if not compact:
			return None
		match = POWER_OF_TEN.match(compact)
		try:
			value = float(f"{match['mantissa'] or 1}e{match['exponent']}" if match else compact)
		except (ValueError, OverflowError):
			value = math.nan
	if not math.isfinite(value):
		refuse(
			_(
				"Training compute (FLOPs) {written!r} is not a number: write it as 3e25, 3 × 10^25 or in digits."
			),
			written=written,
		)
	if value < 0:
		refuse(_("Training compute (FLOPs) cannot be negative."))
	return value


def training_compute_text(value: float | None) -> str | None:
	"""How training compute is stored: the shortest text that gives the same number back."""
	if value is None:
		return None
	return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)


def refuse(template: str, **params):
	raise MessageError(Message(template, params))


def obligations_of(rows) -> tuple[Duty, ...]:
	return tuple(Duty(article, summary) for article, summary in rows)


# What to do or ask, where there is more to say than "it is yours to do".
ACTIONS = {
	"Art. 11": _(
		"Keep the technical documentation up to date on this system's records; the Technical Documentation "
		"print gathers it."
	),
	"Art. 26": _(
		"Ask the provider for the instructions for use, how to read and keep the logs, and the EU declaration "
		"of conformity; name the people who oversee the system in Human Oversight."
	),
	"Art. 27": _(
		"Ask the provider for what the instructions for use say about risks and oversight, and record the "
		"fundamental rights impact assessment as an AI Impact Assessment before first use."
	),
	"Art. 50(2)": _(
		"Build machine-readable marking (a watermark or metadata) into the output; the deciding rule says "
		"whether a system already on the market has longer."
	),
	"Art. 73": _(
		"Agree with the provider how each of you reports a serious incident and by when; record incidents as "
		"AI Incidents, which count the deadline."
	),
	"Art. 86": _(
		"Ask the provider how the system reaches its output, so that you can explain its part in a decision "
		"to the person it concerns."
	),
}
# What a deployer checks or asks for where the duty is the provider's.
PROVIDERS_DUTY_CHECKS = {
	"Art. 50(1)": _(
		"The provider's duty: check that the system tells people they are dealing with an AI system (for "
		"example in its first message), and ask the provider to confirm it."
	),
	"Art. 50(2)": _(
		"The provider's duty: ask the provider how the output is marked as machine-generated, and check that "
		"the marking survives where you publish the output."
	),
}
YOURS = _("Yours to do: record how in How Addressed, with the evidence.")
SHARED = _("A duty of provider and deployer alike: do your part, and ask the other party for theirs.")
PROVIDERS = _("The provider's duty: ask the provider how it is met and keep the answer as evidence.")


def action_for(article: str, holder: str, our_role: str = "Provider") -> Message:
	if holder == "Provider" and our_role != "Provider":
		return Message(PROVIDERS_DUTY_CHECKS.get(article, PROVIDERS))
	if article in ACTIONS:
		return Message(ACTIONS[article])
	return Message(SHARED if holder == "Both" else YOURS)


def dated(
	duty: Duty,
	route: str | None,
	placed_on: datetime.date | None,
	timeline: Timeline | None = None,
	our_role: str = "Provider",
) -> Obligation:
	"""The obligation with the date the library's timeline gives it, whose duty it is, why that date, and
	what to do or ask in our role."""
	timeline = timeline or load_timeline()
	when = dating(timeline, duty.article, route, placed_on)
	holder = duty_of(timeline, duty.article).duty_of
	return Obligation(
		duty.article,
		duty.summary,
		when.applies_from.isoformat(),
		holder,
		when.rule,
		action_for(duty.article, holder, our_role),
	)


def triggered_transparency(answers: TierAnswers) -> list[tuple[str, str, str]]:
	return [duty for field, duty in TRANSPARENCY.items() if getattr(answers, field)]


def transparency_obligations(answers: TierAnswers) -> tuple[Duty, ...]:
	"""The Art. 50 duties the answers trigger for our role; a deployer also sees the provider's, which it
	checks the provider meets (their "What to Do or Ask" says how)."""
	return tuple(
		Duty(article, summary)
		for article, role, summary in triggered_transparency(answers)
		if role == answers.our_role or (answers.our_role == "Deployer" and role == "Provider")
	)


def high_risk_obligations(answers: TierAnswers, route: str) -> tuple[Duty, ...]:
	role = answers.our_role
	acts_as_provider = role == "Provider" or (role == "Product manufacturer" and route == ANNEX_I)
	duties = ()
	if acts_as_provider:
		duties += obligations_of(HIGH_RISK_PROVIDER)
	if role == "Deployer":
		duties += obligations_of(HIGH_RISK_DEPLOYER)
		if route == ANNEX_III and answers.annex_iii_area != 2:
			duties += obligations_of(DEPLOYER_ANNEX_III)
	duties += obligations_of(ROLE_DUTIES.get(role, ()))
	return duties


def article_order(obligation: Duty) -> tuple[int, str]:
	number = obligation.article.removeprefix("Art. ").split("(")[0]
	return int(number), obligation.article


def in_article_order(obligations) -> tuple[Duty, ...]:
	unique = {}
	for obligation in obligations:
		unique.setdefault(obligation.article, obligation)
	return tuple(sorted(unique.values(), key=article_order))


def classify(answers: TierAnswers) -> TierResult:
	"""The tier of a system from the questionnaire, checked in the order in which the Act's rules take precedence."""
	validate_answers(answers)
	transparency = tuple(article for article, _role, _summary in triggered_transparency(answers))

	def result(tier, reasons, duties, route=None, area=None, systemic=False):
		return TierResult(
			tier,
			route,
			area,
			systemic,
			transparency,
			tuple(reasons),
			tuple(
				dated(duty, route, answers.placed_on_market_on, our_role=answers.our_role)
				for duty in in_article_order((AI_LITERACY, *duties))
			),
		)

	if answers.prohibited_practice:
		practice = PRACTICES[answers.prohibited_practice]
		reason = Message(
			_("The system {practice}, a practice prohibited by Art. 5(1)({point})."),
			{"practice": Message(practice), "point": answers.prohibited_practice},
		)
		article = f"Art. 5(1)({answers.prohibited_practice})"
		if answers.prohibited_practice not in ADDED_PRACTICES:
			article = "Art. 5"
		return result("Prohibited", [reason], (Duty(article, STOP_PROHIBITED),))

	if answers.is_gpai_model:
		return classify_gpai(answers, result)

	if answers.annex_i_product:
		reason = Message(
			_(
				"The system is a safety component of, or itself, a product under the Union legislation in "
				"Annex I that needs third-party conformity assessment: high-risk under Art. 6(1)."
			)
		)
		duties = high_risk_obligations(answers, ANNEX_I) + transparency_obligations(answers)
		return result("High-risk", [reason], duties, route=ANNEX_I)

	if answers.annex_iii_area:
		return classify_annex_iii(answers, result)

	return classify_remaining(answers, result, [])


def classify_gpai(answers: TierAnswers, result) -> TierResult:
	by_compute = (answers.training_compute_flops or 0) > SYSTEMIC_RISK_FLOPS
	systemic = answers.designated_systemic_risk or by_compute
	reasons = [Message(_("The model is a general-purpose AI model, governed by Chapter V (Art. 51 to 56)."))]
	if by_compute:
		reasons.append(
			Message(
				_(
					"Its training compute exceeds 10^25 FLOPs, so it is presumed to have systemic risk (Art. 51(2))."
				)
			)
		)
	elif answers.designated_systemic_risk:
		reasons.append(Message(_("The Commission designated it as a model with systemic risk (Art. 51(1)).")))
	duties = ()
	if answers.our_role == "Provider":
		duties = obligations_of(GPAI_PROVIDER)
		if systemic:
			duties += obligations_of(GPAI_SYSTEMIC)
	return result("GPAI model", reasons, duties + transparency_obligations(answers), systemic=systemic)


def classify_annex_iii(answers: TierAnswers, result) -> TierResult:
	area = answers.annex_iii_area
	in_area = {"area": area, "area_name": Message(ANNEX_III_AREAS[area])}
	if answers.art6_3_derogation and not answers.performs_profiling:
		reasons = [
			Message(
				_(
					"Its intended purpose falls in Annex III, area {area} ({area_name}), but the provider holds "
					"that it {derogation} and poses no significant risk (Art. 6(3)({point})), so it is not "
					"high-risk."
				),
				{
					**in_area,
					"derogation": Message(DEROGATIONS[answers.art6_3_derogation]),
					"point": answers.art6_3_derogation,
				},
			),
			Message(
				_(
					"The provider documents that assessment before placing the system on the market and "
					"registers it (Art. 6(4), Art. 49(2))."
				)
			),
		]
		duties = ()
		if answers.our_role == "Provider":
			duties = (
				Duty(
					"Art. 6",
					_(
						"Document the assessment that the system is not high-risk before placing it on the market."
					),
				),
				Duty(
					"Art. 49",
					_(
						"Register the system in the EU database as an Annex III system assessed as not high-risk."
					),
				),
			)
		return classify_remaining(answers, result, reasons, duties)
	reasons = [
		Message(
			_(
				"Its intended purpose falls in Annex III, area {area} ({area_name}): high-risk under Art. 6(2)."
			),
			in_area,
		)
	]
	if answers.art6_3_derogation:
		reasons.append(
			Message(_("The Art. 6(3) derogation does not apply because the system profiles natural persons."))
		)
	duties = high_risk_obligations(answers, ANNEX_III) + transparency_obligations(answers)
	return result("High-risk", reasons, duties, route=ANNEX_III, area=area)


def classify_remaining(answers: TierAnswers, result, reasons: list[Message], duties=()) -> TierResult:
	transparency = triggered_transparency(answers)
	if transparency:
		articles = tuple(article for article, _role, _summary in transparency)
		reasons = [
			*reasons,
			Message(
				_("Transparency duties apply ({articles}): limited risk."), {"articles": Joined(articles)}
			),
		]
		return result("Limited risk", reasons, duties + transparency_obligations(answers))
	reasons = [
		*reasons,
		Message(
			_(
				"No prohibited practice, high-risk use or transparency trigger: minimal risk, with no specific "
				"obligations beyond AI literacy."
			)
		),
	]
	return result("Minimal risk", reasons, duties)


@dataclass(frozen=True)
class IncidentFacts:
	is_serious: bool
	caused_death: bool = False
	widespread_infringement_or_critical_infrastructure: bool = False


def reporting_window_days(facts: IncidentFacts) -> int:
	"""Days to report after becoming aware (Art. 73(2) to (4)); the shortest window that applies."""
	if not facts.is_serious:
		refuse(
			_(
				"A reporting deadline applies only to a serious incident (Art. 73); this is not a serious incident."
			)
		)
	if facts.widespread_infringement_or_critical_infrastructure:
		return 2
	if facts.caused_death:
		return 10
	return 15


def reporting_deadline(aware_on: datetime.date, facts: IncidentFacts) -> datetime.date:
	return aware_on + datetime.timedelta(days=reporting_window_days(facts))


def is_report_overdue(
	deadline: datetime.date, reported_on: datetime.date | None, today: datetime.date
) -> bool:
	if reported_on is not None:
		return reported_on > deadline
	return today > deadline


def report_status(deadline: datetime.date, reported_on: datetime.date | None, today: datetime.date) -> str:
	"""How a serious incident's report stands: Due, Overdue, Reported on time or Reported late."""
	late = is_report_overdue(deadline, reported_on, today)
	if reported_on is not None:
		return "Reported late" if late else "Reported on time"
	return "Overdue" if late else "Due"
