"""Completeness rules for an AI impact assessment (clause 6.1.4, control A.5)."""

from dataclasses import dataclass

from aims_app.messages import Joined, Message, _

IMPACT_AREAS = (
	"Fairness",
	"Privacy",
	"Safety",
	"Security",
	"Autonomy and human rights",
	"Transparency",
	"Environment",
	"Society",
)


@dataclass(frozen=True)
class AreaRow:
	idx: int
	area: str
	relevant: bool
	impact_description: str | None
	severity: int | None
	likelihood: int | None


def area_problems(rows: list[AreaRow]) -> list[Message]:
	"""What keeps the impacts table from covering every area once, each assessed or explained."""
	problems = []
	seen = set()
	for row in rows:
		where = {"row": row.idx, "area": Message(row.area)}
		if row.area in seen:
			problems.append(Message(_("Row {row}: {area} is assessed twice."), where))
		seen.add(row.area)
		if not row.impact_description:
			if row.relevant:
				problems.append(Message(_("Row {row}: describe the possible impact for {area}."), where))
			else:
				problems.append(Message(_("Row {row}: describe why it is not relevant for {area}."), where))
		if row.relevant and not (row.severity and row.likelihood):
			problems.append(Message(_("Row {row}: give a severity and a likelihood for {area}."), where))
	missing = tuple(Message(area) for area in IMPACT_AREAS if area not in seen)
	if missing:
		problems.append(Message(_("Areas not considered: {areas}."), {"areas": Joined(missing)}))
	return problems


def missing_areas(present: list[str | None]) -> list[str]:
	"""The areas an assessment's impacts table lacks, in the order they are assessed."""
	return [area for area in IMPACT_AREAS if area not in present]


def area_order(area: str | None) -> int:
	"""Where an area's row stands in the table: the areas in their order, anything else after them."""
	return IMPACT_AREAS.index(area) if area in IMPACT_AREAS else len(IMPACT_AREAS)


def tier_name(system: dict) -> Message | str:
	tier = system.get("eu_ai_act_tier")
	return Message(tier) if tier else _("none")


def fundamental_rights_assessment_expected(tier: str | None, our_role: str | None) -> bool:
	"""Art. 27 concerns deployers of high-risk systems; whether this deployer is one it names is a judgement."""
	return tier == "High-risk" and our_role == "Deployer"


def review_reasons(before: dict, after: dict) -> list[Message]:
	"""Changes to an AI system that make its last impact assessment out of date."""
	reasons = []
	if (before.get("purpose") or "").strip() != (after.get("purpose") or "").strip():
		reasons.append(Message(_("the system's intended purpose changed")))
	if before.get("eu_ai_act_tier") != after.get("eu_ai_act_tier"):
		reasons.append(
			Message(
				_("the EU AI Act tier changed from {before} to {after}"),
				{"before": tier_name(before), "after": tier_name(after)},
			)
		)
	return reasons
