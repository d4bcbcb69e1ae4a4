"""The EU AI Act (Regulation (EU) 2024/1689) as rules: a system's risk tier and what follows from it.

`classify` takes the answers to the short questionnaire on the AI System form and gives the tier, the
reasons in order, and the obligations for the role the organisation plays. The serious-incident
functions give the reporting deadline of Art. 73. Dates are those of the Act's original timeline
(Art. 113); later amendments are not applied here.
"""

import datetime
from dataclasses import dataclass

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
	"a": "uses manipulative or deceptive techniques that cause significant harm",
	"b": "exploits vulnerabilities due to age, disability or a social or economic situation",
	"c": "scores people socially, leading to detrimental treatment",
	"d": "predicts criminal offences from profiling or personality traits alone",
	"e": "builds facial recognition databases by untargeted scraping",
	"f": "infers emotions in the workplace or in education",
	"g": "categorises people by sensitive traits from biometric data",
	"h": "identifies people remotely in real time in public spaces for law enforcement",
}
ANNEX_III_AREAS = {
	1: "biometrics",
	2: "critical infrastructure",
	3: "education and vocational training",
	4: "employment and workers management",
	5: "access to essential private and public services",
	6: "law enforcement",
	7: "migration, asylum and border control",
	8: "administration of justice and democratic processes",
}
DEROGATIONS = {
	"a": "performs a narrow procedural task",
	"b": "improves the result of a human activity already completed",
	"c": "detects decision patterns without replacing human assessment",
	"d": "performs a preparatory task to an assessment",
}
SYSTEMIC_RISK_FLOPS = 1e25

PROHIBITIONS_APPLY = "2025-02-02"
GPAI_RULES_APPLY = "2025-08-02"
GENERAL_APPLICATION = "2026-08-02"
ANNEX_I_ROUTE_APPLIES = "2027-08-02"


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


@dataclass(frozen=True)
class Obligation:
	article: str
	summary: str
	applies_from: str


@dataclass(frozen=True)
class TierResult:
	tier: str
	route: str | None
	annex_iii_area: int | None
	systemic_risk: bool
	transparency_duties: tuple[str, ...]
	reasons: tuple[str, ...]
	obligations: tuple[Obligation, ...]


AI_LITERACY = Obligation(
	"Art. 4", "Make sure staff who operate or use the system have sufficient AI literacy.", PROHIBITIONS_APPLY
)
STOP_PROHIBITED = Obligation(
	"Art. 5",
	"Do not place on the market, put into service or use the system: the practice is prohibited.",
	PROHIBITIONS_APPLY,
)
HIGH_RISK_PROVIDER = (
	("Art. 9", "Run a risk management system across the whole life cycle of the system."),
	("Art. 10", "Govern training, validation and test data for relevance, representativeness and bias."),
	("Art. 11", "Draw up the technical documentation before placing the system on the market."),
	("Art. 12", "Design the system to record events automatically (logs) over its lifetime."),
	("Art. 13", "Give deployers instructions for use that let them interpret and use the output."),
	("Art. 14", "Design the system so that people can oversee it effectively."),
	("Art. 15", "Reach an appropriate level of accuracy, robustness and cybersecurity."),
	("Art. 16", "Meet the provider's obligations, including name and contact on the system."),
	("Art. 17", "Operate a quality management system."),
	("Art. 18", "Keep the documentation for ten years after placing on the market."),
	("Art. 19", "Keep the automatically generated logs under your control for at least six months."),
	("Art. 20", "Take corrective action on non-conformity and inform those concerned."),
	("Art. 43", "Have the conformity assessment carried out before placing on the market."),
	("Art. 47", "Draw up the EU declaration of conformity."),
	("Art. 48", "Affix the CE marking."),
	("Art. 49", "Register the system in the EU database before placing it on the market."),
	("Art. 72", "Monitor the system after placing it on the market, following a documented plan."),
	("Art. 73", "Report serious incidents to the market surveillance authority within the deadlines."),
)
HIGH_RISK_DEPLOYER = (
	(
		"Art. 26",
		"Use the system as instructed, assign competent human oversight, monitor it, keep its logs "
		"for at least six months, and inform workers and affected people.",
	),
	(
		"Art. 73",
		"Inform the provider and the authorities without delay of a serious incident (through Art. 26(5)).",
	),
)
DEPLOYER_ANNEX_III = (
	(
		"Art. 27",
		"Assess the impact on fundamental rights before first use, where the deployer is a public body, "
		"provides public services, or uses the system for credit scoring or life and health insurance.",
	),
	("Art. 86", "Be ready to explain to affected people the system's role in decisions about them."),
)
ROLE_DUTIES = {
	"Importer": (
		(
			"Art. 23",
			"Check conformity assessment, documentation and CE marking before placing on the market.",
		),
	),
	"Distributor": (
		("Art. 24", "Check CE marking, declaration and instructions before making the system available."),
	),
	"Authorised representative": (
		("Art. 22", "Carry out the tasks in the provider's mandate and cooperate with authorities."),
	),
	"Product manufacturer": (
		(
			"Art. 25",
			"Take on the provider's obligations when the system is placed on the market "
			"under your name with your product.",
		),
	),
}
TRANSPARENCY = {
	"interacts_with_people": (
		"Art. 50(1)",
		"Provider",
		"Tell people they are interacting with an AI system, unless obvious.",
	),
	"generates_synthetic_content": (
		"Art. 50(2)",
		"Provider",
		"Mark synthetic audio, image, video or text as machine-generated.",
	),
	"emotion_recognition_or_biometric_categorisation": (
		"Art. 50(3)",
		"Deployer",
		"Inform people exposed to emotion recognition or biometric categorisation.",
	),
	"produces_deep_fakes": (
		"Art. 50(4)",
		"Deployer",
		"Disclose deep fakes and AI-generated text published to inform the public.",
	),
}
GPAI_PROVIDER = (
	(
		"Art. 53",
		"Keep technical documentation, inform downstream providers, have a copyright policy and "
		"publish a summary of the training content.",
	),
)
GPAI_SYSTEMIC = (
	("Art. 52", "Notify the Commission within two weeks of meeting the systemic-risk threshold."),
	(
		"Art. 55",
		"Evaluate the model, mitigate systemic risks, report serious incidents and secure the model.",
	),
)


def validate_answers(answers: TierAnswers) -> None:
	if answers.our_role not in ROLES:
		raise ValueError(f"Our role {answers.our_role!r} is not one of: {', '.join(ROLES)}.")
	if answers.prohibited_practice and answers.prohibited_practice not in PRACTICES:
		raise ValueError(
			f"Prohibited practice {answers.prohibited_practice!r} is not an Art. 5(1) point (a to h)."
		)
	if answers.annex_iii_area is not None and answers.annex_iii_area not in ANNEX_III_AREAS:
		raise ValueError(f"Annex III area {answers.annex_iii_area!r} does not exist (1 to 8).")
	if answers.art6_3_derogation and answers.art6_3_derogation not in DEROGATIONS:
		raise ValueError(
			f"Art. 6(3) derogation {answers.art6_3_derogation!r} is not a point of Art. 6(3) (a to d)."
		)
	if answers.art6_3_derogation and answers.annex_iii_area is None:
		raise ValueError(
			"An Art. 6(3) derogation applies only to a system in an Annex III area: name the area."
		)
	if answers.training_compute_flops is not None and answers.training_compute_flops < 0:
		raise ValueError("Training compute (FLOPs) cannot be negative.")


def obligations_of(rows, applies_from: str) -> tuple[Obligation, ...]:
	return tuple(Obligation(article, summary, applies_from) for article, summary in rows)


def triggered_transparency(answers: TierAnswers) -> list[tuple[str, str, str]]:
	return [duty for field, duty in TRANSPARENCY.items() if getattr(answers, field)]


def transparency_obligations(answers: TierAnswers) -> tuple[Obligation, ...]:
	return tuple(
		Obligation(article, summary, GENERAL_APPLICATION)
		for article, role, summary in triggered_transparency(answers)
		if role == answers.our_role
	)


def high_risk_obligations(answers: TierAnswers, route: str) -> tuple[Obligation, ...]:
	applies_from = ANNEX_I_ROUTE_APPLIES if route == "Annex I" else GENERAL_APPLICATION
	role = answers.our_role
	acts_as_provider = role == "Provider" or (role == "Product manufacturer" and route == "Annex I")
	duties = ()
	if acts_as_provider:
		duties += obligations_of(HIGH_RISK_PROVIDER, applies_from)
	if role == "Deployer":
		duties += obligations_of(HIGH_RISK_DEPLOYER, applies_from)
		if route == "Annex III" and answers.annex_iii_area != 2:
			duties += obligations_of(DEPLOYER_ANNEX_III, applies_from)
	duties += obligations_of(ROLE_DUTIES.get(role, ()), applies_from)
	return duties


def article_order(obligation: Obligation) -> tuple[int, str]:
	number = obligation.article.removeprefix("Art. ").split("(")[0]
	return int(number), obligation.article


def in_article_order(obligations) -> tuple[Obligation, ...]:
	unique = {}
	for obligation in obligations:
		unique.setdefault(obligation.article, obligation)
	return tuple(sorted(unique.values(), key=article_order))


def classify(answers: TierAnswers) -> TierResult:
	"""The tier of a system from the questionnaire, checked in the order in which the Act's rules take precedence."""
	validate_answers(answers)
	transparency = tuple(article for article, _, _ in triggered_transparency(answers))

	def result(tier, reasons, duties, route=None, area=None, systemic=False):
		return TierResult(
			tier,
			route,
			area,
			systemic,
			transparency,
			tuple(reasons),
			in_article_order((AI_LITERACY, *duties)),
		)

	if answers.prohibited_practice:
		practice = PRACTICES[answers.prohibited_practice]
		reason = f"The system {practice}, a practice prohibited by Art. 5(1)({answers.prohibited_practice})."
		return result("Prohibited", [reason], (STOP_PROHIBITED,))

	if answers.is_gpai_model:
		return classify_gpai(answers, result)

	if answers.annex_i_product:
		reason = (
			"The system is a safety component of, or itself, a product under the Union legislation in Annex I "
			"that needs third-party conformity assessment: high-risk under Art. 6(1)."
		)
		duties = high_risk_obligations(answers, "Annex I") + transparency_obligations(answers)
		return result("High-risk", [reason], duties, route="Annex I")

	if answers.annex_iii_area:
		return classify_annex_iii(answers, result)

	return classify_remaining(answers, result, [])


def classify_gpai(answers: TierAnswers, result) -> TierResult:
	by_compute = (answers.training_compute_flops or 0) > SYSTEMIC_RISK_FLOPS
	systemic = answers.designated_systemic_risk or by_compute
	reasons = ["The model is a general-purpose AI model, governed by Chapter V (Art. 51 to 56)."]
	if by_compute:
		reasons.append(
			"Its training compute exceeds 10^25 FLOPs, so it is presumed to have systemic risk (Art. 51(2))."
		)
	elif answers.designated_systemic_risk:
		reasons.append("The Commission designated it as a model with systemic risk (Art. 51(1)).")
	duties = ()
	if answers.our_role == "Provider":
		duties = obligations_of(GPAI_PROVIDER, GPAI_RULES_APPLY)
		if systemic:
			duties += obligations_of(GPAI_SYSTEMIC, GPAI_RULES_APPLY)
	return result("GPAI model", reasons, duties + transparency_obligations(answers), systemic=systemic)


def classify_annex_iii(answers: TierAnswers, result) -> TierResult:
	area = answers.annex_iii_area
	in_area = f"Its intended purpose falls in Annex III, area {area} ({ANNEX_III_AREAS[area]})"
	if answers.art6_3_derogation and not answers.performs_profiling:
		derogation = DEROGATIONS[answers.art6_3_derogation]
		reasons = [
			f"{in_area}, but the provider holds that it {derogation} and poses no significant risk "
			f"(Art. 6(3)({answers.art6_3_derogation})), so it is not high-risk.",
			"The provider documents that assessment before placing the system on the market and registers it (Art. 6(4), Art. 49(2)).",
		]
		duties = ()
		if answers.our_role == "Provider":
			duties = (
				Obligation(
					"Art. 6",
					"Document the assessment that the system is not high-risk before placing it on the market.",
					GENERAL_APPLICATION,
				),
				Obligation(
					"Art. 49",
					"Register the system in the EU database as an Annex III system assessed as not high-risk.",
					GENERAL_APPLICATION,
				),
			)
		return classify_remaining(answers, result, reasons, duties)
	reasons = [f"{in_area}: high-risk under Art. 6(2)."]
	if answers.art6_3_derogation:
		reasons.append("The Art. 6(3) derogation does not apply because the system profiles natural persons.")
	duties = high_risk_obligations(answers, "Annex III") + transparency_obligations(answers)
	return result("High-risk", reasons, duties, route="Annex III", area=area)


def classify_remaining(answers: TierAnswers, result, reasons: list[str], duties=()) -> TierResult:
	transparency = triggered_transparency(answers)
	if transparency:
		articles = ", ".join(article for article, _, _ in transparency)
		reasons = [*reasons, f"Transparency duties apply ({articles}): limited risk."]
		return result("Limited risk", reasons, duties + transparency_obligations(answers))
	reasons = [
		*reasons,
		"No prohibited practice, high-risk use or transparency trigger: minimal risk, with no specific obligations beyond AI literacy.",
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
		raise ValueError(
			"A reporting deadline applies only to a serious incident (Art. 73); this is not a serious incident."
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
