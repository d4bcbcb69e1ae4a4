"""The weekly digest's rule, the digest's template, and the standard Notifications that remind owners."""

import json
import re
from datetime import date

import jinja2
import pytest

from aims_app.compat import desk_path
from aims_app.reminders.rules import DueItem, build_digest, desk_route
from aims_app.roles import AIMS_ROLES
from tests.conftest import APP

TODAY = date(2026, 11, 24)


def item(name: str, due_on: date, doctype: str = "AI Risk", what: str = "Risk review") -> DueItem:
	return DueItem(doctype, name, f"Title of {name}", what, due_on, "owner@example.com")


def test_overdue_first_most_late_on_top_then_what_falls_due_within_the_horizon():
	items = [
		item("RISK-3", date(2026, 12, 10)),
		item("RISK-1", date(2026, 11, 1)),
		item("RISK-4", date(2026, 12, 24)),  # the last day of the 30
		item("RISK-5", date(2026, 12, 25)),  # a later week's business
		item("RISK-2", date(2026, 11, 23)),
		item("RISK-6", TODAY),
	]
	digest = build_digest(items, TODAY)
	assert [(line.item.name, line.days) for line in digest.overdue] == [("RISK-1", 23), ("RISK-2", 1)]
	assert [(line.item.name, line.days) for line in digest.coming] == [
		("RISK-6", 0),
		("RISK-3", 16),
		("RISK-4", 30),
	]
	assert not digest.is_empty and digest.horizon_days == 30


def test_nothing_due_is_an_empty_digest():
	assert build_digest([], TODAY).is_empty
	assert build_digest([item("RISK-9", date(2027, 3, 1))], TODAY).is_empty


def test_items_due_the_same_day_keep_a_stable_order():
	same_day = [
		item("NC-2", TODAY, "Nonconformity", "Corrective action: b"),
		item("EV-1", TODAY, "AIMS Evidence", "Evidence validity ends"),
		item("NC-2", TODAY, "Nonconformity", "Corrective action: a"),
	]
	lines = build_digest(same_day, TODAY).coming
	assert [(line.item.doctype, line.item.what) for line in lines] == [
		("AIMS Evidence", "Evidence validity ends"),
		("Nonconformity", "Corrective action: a"),
		("Nonconformity", "Corrective action: b"),
	]


def test_desk_route_is_the_one_frappe_opens():
	assert desk_route("AI Impact Assessment", "AIA-00001") == desk_path("ai-impact-assessment/AIA-00001")
	assert desk_route("Risk Acceptance", "RA-RISK/1 #2") == desk_path("risk-acceptance/RA-RISK%2F1%20%232")


def test_digest_template_compiles_and_escapes_what_users_typed():
	source = (APP / "templates" / "emails" / "aims_weekly_digest.html").read_text()
	jinja2.Environment().parse(source)
	for typed in ("row.item.title", "row.item.name", "row.item.what", '(row.item.owner or "")'):
		assert f"{{{{ {typed} | e }}}}" in source


def notification_paths():
	return sorted(p for p in APP.glob("*/notification/*/*.json") if p.parent.name == p.stem)


def test_there_are_reminders_for_every_date_the_aims_plans():
	notifications = [json.loads(p.read_text()) for p in notification_paths()]
	reminded = {(n["document_type"], n["date_changed"]) for n in notifications}
	assert reminded == {
		("AI Policy", "review_date"),
		("AIMS Scope", "next_review_date"),
		("AI Risk", "review_date"),
		("AI Impact Assessment", "next_review_date"),
		("AIMS Evidence", "valid_until"),
		("Risk Acceptance", "expires_on"),
		("Competence Record", "valid_until"),
		("AI Incident", "reporting_deadline"),
		("Nonconformity Corrective Action", "due_date"),
	}


@pytest.mark.parametrize("path", notification_paths(), ids=lambda p: p.stem)
def test_standard_notification_names_real_fields_and_ships_its_template(path, doctypes):
	notification = json.loads(path.read_text())
	assert notification["is_standard"] == 1 and notification["enabled"] == 1
	assert path.stem == notification["name"].lower().replace(" ", "_")
	assert path.parent.parent.parent.name == notification["module"].lower().replace(" ", "_")
	assert notification["event"] in ("Days Before", "Days After") and notification["days_in_advance"] > 0
	fields = {f["fieldname"]: f for f in doctypes[notification["document_type"]]["fields"]}
	assert fields[notification["date_changed"]]["fieldtype"] == "Date"
	for recipient in notification["recipients"]:
		field, role = recipient.get("receiver_by_document_field"), recipient.get("receiver_by_role")
		assert field or role
		if field and field != "owner":
			assert (fields[field]["fieldtype"], fields[field]["options"]) == ("Link", "User")
		assert role is None or role in AIMS_ROLES
	message = path.with_suffix(".html").read_text()
	jinja2.Environment().parse(message)
	jinja2.Environment().parse(notification["subject"])
	assert "{{ url }}" in message
	for expression in re.findall(r"{{\s*(doc\.\w+[^}]*?)\s*}}", message):
		assert expression.endswith("| e") or expression.split(".")[1] in ("name", "version", "parent")
	assert "notification_context as get_context" in path.with_suffix(".py").read_text()
