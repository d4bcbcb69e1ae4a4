"""Which parts of an AI system's technical documentation (A.6.2.7) its records fill. For a provider of a
high-risk system the document follows the sections of EU AI Act Annex IV (headings in our own words); a
section with nothing recorded is named as such rather than left out. Pure: tested without a site."""

from dataclasses import dataclass

from aims_app.messages import Message, _

PROVIDER = "Provider"
HIGH_RISK = "High-risk"


@dataclass(frozen=True)
class Recorded:
	"""What the documentation helper found for one system, as counts and flags."""

	purpose: bool = False
	components: int = 0  # models and datasets listed
	requirements: bool = False
	oversight: bool = False
	monitoring_plan: bool = False
	verification_results: bool = False
	risks: int = 0
	changes: int = 0  # approved stage reviews and changes
	certificates: int = 0  # evidence of kind Certificate filed against the system


# (number, heading, whether the records fill it)
ANNEX_IV = (
	("1", _("General description of the system"), lambda r: r.purpose),
	("2", _("Its elements and how it was developed"), lambda r: r.components > 0 and r.requirements),
	("3", _("Monitoring, functioning and control"), lambda r: r.oversight and r.monitoring_plan),
	("4", _("Fitness of the performance metrics"), lambda r: r.verification_results),
	("5", _("Risk management"), lambda r: r.risks > 0),
	("6", _("Changes over the life cycle"), lambda r: r.changes > 0),
	("7", _("Standards and specifications applied"), lambda r: r.certificates > 0),
	("8", _("EU declaration of conformity"), lambda r: r.certificates > 0),
	("9", _("Post-market monitoring"), lambda r: r.monitoring_plan),
)


def follows_annex_iv(our_role: str | None, tier: str | None) -> bool:
	return our_role == PROVIDER and tier == HIGH_RISK


def annex_iv_sections(recorded: Recorded) -> list[dict]:
	"""Each Annex IV section: number, heading and whether anything is recorded for it."""
	return [
		{"number": number, "heading": Message(heading), "recorded": bool(fills(recorded))}
		for number, heading, fills in ANNEX_IV
	]
