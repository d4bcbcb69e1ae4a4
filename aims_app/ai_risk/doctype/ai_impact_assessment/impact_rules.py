"""Completeness rules for an AI impact assessment (clause 6.1.4, control A.5)."""

from dataclasses import dataclass

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


def area_problems(rows: list[AreaRow]) -> list[str]:
	"""What keeps the impacts table from covering every area once, each assessed or explained."""
	problems = []
	seen = set()
	for row in rows:
		if row.area in seen:
			problems.append(f"Row {row.idx}: {row.area} is assessed twice.")
		seen.add(row.area)
		if not row.impact_description:
			why = "the possible impact" if row.relevant else "why it is not relevant"
			problems.append(f"Row {row.idx}: describe {why} for {row.area}.")
		if row.relevant and not (row.severity and row.likelihood):
			problems.append(f"Row {row.idx}: give a severity and a likelihood for {row.area}.")
	missing = [area for area in IMPACT_AREAS if area not in seen]
	if missing:
		problems.append("Areas not considered: " + ", ".join(missing) + ".")
	return problems


def fundamental_rights_assessment_expected(tier: str | None, our_role: str | None) -> bool:
	"""Art. 27 concerns deployers of high-risk systems; whether this deployer is one it names is a judgement."""
	return tier == "High-risk" and our_role == "Deployer"


def review_reasons(before: dict, after: dict) -> list[str]:
	"""Changes to an AI system that make its last impact assessment out of date."""
	reasons = []
	if (before.get("purpose") or "").strip() != (after.get("purpose") or "").strip():
		reasons.append("the system's intended purpose changed")
	if before.get("eu_ai_act_tier") != after.get("eu_ai_act_tier"):
		reasons.append(
			f"the EU AI Act tier changed from {before.get('eu_ai_act_tier')} to {after.get('eu_ai_act_tier')}"
		)
	return reasons
