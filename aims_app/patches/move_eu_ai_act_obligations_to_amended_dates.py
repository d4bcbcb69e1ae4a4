"""Library 2026.12.2 dates the EU AI Act obligations by the Act as amended by Regulation (EU) 2026/1744 (the
Digital Omnibus on AI): high-risk duties from 2 December 2027 (Annex III) or 2 August 2028 (Annex I), the
transitional rules for systems placed on the market earlier, and whose duty each obligation is. Each AI
System's stored obligations move to the dates the library now gives, row by row, with a Version in the
system's history; whether and how each was addressed stays as people recorded it. The EU AI Act framework
record gets a note saying which library version did this and why."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from aims_app.ai_systems.doctype.ai_system.ai_system import next_upcoming
from aims_app.ai_systems.eu_ai_act import classify
from aims_app.ai_systems.eu_ai_act_timeline import amendment_of, load_timeline, status_on
from aims_app.history import record_change
from aims_app.messages import Message, MessageError
from aims_app.translation import text

LIBRARY_VERSION = "2026.12.2"
FRAMEWORK = "EU-AI-ACT"


def execute():
	moved = sum(move_obligations(name) for name in frappe.get_all("AI System", pluck="name"))
	add_library_note(moved)


def move_obligations(name: str) -> bool:
	"""The system's obligations re-dated from the library; True when a stored row changed."""
	system = frappe.get_doc("AI System", name)
	try:
		obligations = {o.article: o for o in classify(system.tier_answers()).obligations}
	except MessageError:
		return False  # answers the rules refuse: the next save shows the owner why
	on = getdate(today())
	rows, all_rows = {}, []
	for row in system.obligations:
		o = obligations.get(row.article)
		if o is None:
			continue
		values = {
			"applies_from": o.applies_from,
			"status": status_on(getdate(o.applies_from), on),
			"duty_of": o.duty_of,
			"deciding_rule": text(o.rule),
			"what_to_do": text(o.action),
		}
		if str(row.applies_from or "") != o.applies_from:
			values["reminded_on"] = None
		all_rows.append(values)
		if any(str(row.get(field) or "") != str(value or "") for field, value in values.items()):
			rows[row.name] = values
	if not rows:
		return False
	record_change(system, {"next_obligation_on": next_upcoming(all_rows)}, rows)
	return True


def add_library_note(systems_moved: int):
	if not frappe.db.exists("Compliance Framework", FRAMEWORK):
		return
	amendment = amendment_of(load_timeline(), LIBRARY_VERSION) or {}
	note = text(
		Message(
			_(
				"AIMS library {version}: the EU AI Act's dates now follow the Act as amended by {regulation} "
				"({journal}, in force {in_force}). {what} The stored obligations of {count} AI systems were "
				"moved to the amended dates."
			),
			{
				"version": LIBRARY_VERSION,
				"regulation": amendment.get("regulation", ""),
				"journal": amendment.get("official_journal", ""),
				"in_force": amendment.get("in_force_on", ""),
				"what": amendment.get("what_changed", ""),
				"count": systems_moved,
			},
		)
	)
	frappe.get_doc("Compliance Framework", FRAMEWORK).add_comment("Info", note)
