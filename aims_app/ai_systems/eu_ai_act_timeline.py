"""When an EU AI Act obligation applies, read from the library: the law is data.

The dates, the transitional rules that move them for systems placed on the market before a cut-off, whose
duty each article is, and the amendments with their sources live in the library
(aims_app/aims_library/library/eu_ai_act_timeline.yaml, shipped inside eu-ai-act.json). This module reads
them and decides, for one obligation of one system, the date from which it applies and the rule that
decided it; and, on a given day, whether it applies already or is upcoming, and whether its owner is to be
told. No Frappe import: the Frappe layer (eu_ai_act_schedule.py, the AI System controller) calls it.
"""

import datetime
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from aims_app.messages import Message, _

LIBRARY_FILE = Path(__file__).resolve().parent.parent / "aims_library" / "data" / "eu-ai-act.json"

APPLIES = "Applies"
UPCOMING = "Upcoming"
STATUSES = (APPLIES, UPCOMING)
REMINDER_LEAD_DAYS = 30

# The date rule of the high-risk obligations depends on the route that makes the system high-risk.
HIGH_RISK = "high_risk"
ROUTE_RULES = {"Annex I": "high_risk_annex_i", "Annex III": "high_risk_annex_iii"}

DUTY_HOLDERS = ("Provider", "Deployer", "Both", "Importer", "Distributor", "Authorised representative")


@dataclass(frozen=True)
class Transitional:
	placed_before: datetime.date
	applies_from: datetime.date
	provision: str
	about: str
	source: str


@dataclass(frozen=True)
class DateRule:
	key: str
	applies_from: datetime.date
	provision: str
	about: str
	source: str
	transitional: tuple[Transitional, ...] = ()
	replaces: datetime.date | None = None
	legacy: dict | None = None


@dataclass(frozen=True)
class Duty:
	article: str
	duty_of: str
	date: str


@dataclass(frozen=True)
class Timeline:
	dates: dict[str, DateRule]
	duties: dict[str, Duty]
	amendments: tuple[dict, ...]
	act: dict


@dataclass(frozen=True)
class Dating:
	"""The date an obligation applies from and the rule that decided it (a Message to translate)."""

	applies_from: datetime.date
	provision: str
	rule: Message


def as_date(value) -> datetime.date:
	return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def date_rule(key: str, data: dict) -> DateRule:
	return DateRule(
		key=key,
		applies_from=as_date(data["applies_from"]),
		provision=data["provision"],
		about=data["about"],
		source=data["source"],
		transitional=tuple(
			Transitional(
				as_date(t["placed_before"]),
				as_date(t["applies_from"]),
				t["provision"],
				t["about"],
				t["source"],
			)
			for t in data.get("transitional") or ()
		),
		replaces=as_date(data["replaces"]) if data.get("replaces") else None,
		legacy=data.get("legacy"),
	)


def parse_timeline(data: dict) -> Timeline:
	return Timeline(
		dates={key: date_rule(key, rule) for key, rule in data["dates"].items()},
		duties={
			article: Duty(article, duty["duty_of"], duty["date"]) for article, duty in data["duties"].items()
		},
		amendments=tuple(data.get("amendments") or ()),
		act=data["act"],
	)


@lru_cache(maxsize=4)
def load_timeline(path: Path = LIBRARY_FILE) -> Timeline:
	"""The timeline of the shipped library (eu-ai-act.json, key "timeline")."""
	return parse_timeline(json.loads(path.read_text(encoding="utf-8"))["timeline"])


def duty_of(timeline: Timeline, article: str) -> Duty:
	duty = timeline.duties.get(article)
	if duty is None:
		raise KeyError(f"The library's EU AI Act timeline names no duty for {article}.")
	return duty


def rule_of(timeline: Timeline, article: str, route: str | None) -> DateRule:
	key = duty_of(timeline, article).date
	if key == HIGH_RISK:
		key = ROUTE_RULES.get(route or "", ROUTE_RULES["Annex III"])
	return timeline.dates[key]


def dating(
	timeline: Timeline, article: str, route: str | None = None, placed_on: datetime.date | None = None
) -> Dating:
	"""The date `article` applies from for a system on `route` placed on the market on `placed_on`, and why."""
	rule = rule_of(timeline, article, route)
	for transitional in rule.transitional:
		if placed_on is not None and placed_on < transitional.placed_before:
			return Dating(
				transitional.applies_from,
				transitional.provision,
				Message(
					_("{provision}: placed on the market on {placed_on}, before {cutoff}. {about}"),
					{
						"provision": transitional.provision,
						"placed_on": placed_on.isoformat(),
						"cutoff": transitional.placed_before.isoformat(),
						"about": transitional.about,
					},
				),
			)
	if rule.transitional and placed_on is None:
		first = rule.transitional[0]
		return Dating(
			rule.applies_from,
			rule.provision,
			Message(
				_(
					"{provision}: {about} Unless the system was placed on the market before {cutoff} "
					"({transitional}): record the date it was placed on the market."
				),
				{
					"provision": rule.provision,
					"about": rule.about,
					"cutoff": first.placed_before.isoformat(),
					"transitional": first.provision,
				},
			),
		)
	if rule.legacy and placed_on is not None and placed_on < rule.applies_from:
		return Dating(
			rule.applies_from,
			rule.provision,
			Message(
				_("{provision}: {about} Placed on the market on {placed_on}, before that date: {legacy}"),
				{
					"provision": rule.provision,
					"about": rule.about,
					"placed_on": placed_on.isoformat(),
					"legacy": f"{rule.legacy['provision']}: {rule.legacy['about']}",
				},
			),
		)
	return Dating(
		rule.applies_from,
		rule.provision,
		Message(_("{provision}: {about}"), {"provision": rule.provision, "about": rule.about}),
	)


def status_on(applies_from: datetime.date, today: datetime.date) -> str:
	"""Applies from its date on; Upcoming before."""
	return APPLIES if as_date(applies_from) <= today else UPCOMING


def due_for_reminder(
	applies_from: datetime.date, today: datetime.date, reminded_on: datetime.date | None = None
) -> bool:
	"""An upcoming obligation within the reminder lead (a month) that its owner has not been told of."""
	applies_from = as_date(applies_from)
	return reminded_on is None and today < applies_from <= today + datetime.timedelta(days=REMINDER_LEAD_DAYS)


def moved_dates(timeline: Timeline) -> dict[str, tuple[datetime.date, datetime.date]]:
	"""The date rules an amendment moved: key -> (the date it replaced, the date now)."""
	return {
		key: (rule.replaces, rule.applies_from)
		for key, rule in timeline.dates.items()
		if rule.replaces and rule.replaces != rule.applies_from
	}


def amendment_of(timeline: Timeline, library_version: str) -> dict | None:
	"""The amendment a library version brought, if any."""
	return next((a for a in timeline.amendments if a.get("library_version") == library_version), None)


def basis(timeline: Timeline) -> Message:
	"""What the dates follow: the Act and every amendment the library applies, with its Official Journal
	reference."""
	amended = "; ".join(f"{a['regulation']} ({a['official_journal']})" for a in timeline.amendments)
	if not amended:
		return Message(_("Dates as in {act}."), {"act": timeline.act["regulation"]})
	return Message(
		_("Dates as in {act}, as amended by {amendments}."),
		{"act": timeline.act["regulation"], "amendments": amended},
	)
