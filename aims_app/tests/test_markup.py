"""Nothing a user typed runs (issue 25), tried as an attacker would over real HTTP.

- Markup in a name (the title or naming field of every doctype people name by typing, refused by
  aims_app/controllers/aims_document.py) is refused over REST with a message, as plain text and as a JSON string (a value Frappe's own
  HTML sanitiser lets through because it parses as JSON), and nothing is stored.
- Values stored before names were checked, or through a path Frappe does not sanitise, are simulated by writing
  the database directly: the transparency pages and the concern form, fetched as Guest, every print format and
  every report show them as text, never as markup.
"""

import json
import re

import frappe
from bs4 import BeautifulSoup
from frappe.model.base_document import get_controller

from aims_app.markup_rules import TAG_START
from aims_app.roles import AI_SYSTEM_OWNER, AIMS_MANAGER
from aims_app.tests import make_user
from aims_app.tests.hostile import hostile_record, text_fields
from aims_app.tests.http import PRINCIPALS, LiveServerTestCase, error_message
from aims_app.tests.metadata import app_doctypes, app_modules, script_reports
from aims_app.tests.policy import RIGHTS
from aims_app.tests.test_bad_input import LIVE_IN_DATA, report_rows, strings_in
from aims_app.validation import name_fields

MARK = "aims-xss"
# What would run if shown as HTML: an element with a handler, a script, a breakout of an attribute, of the
# page's <title> and of a <script> that embeds data.
PAYLOADS = (
	f"<img src=x onerror=\"window.__xss='{MARK}'\">",
	f"<script>window.__xss='{MARK}'</script>",
	f'"><svg onload="window.__xss=\'{MARK}\'">',
	f"</title><img src=x onerror=\"window.__xss='{MARK}'\">",
	f"</script><img src=x onerror=\"window.__xss='{MARK}'\">",
)
PAYLOAD_TAGS = {"img", "svg", "script", "iframe"}
ENCODED = f"&lt;/title&gt;&lt;img src=x onerror=window.__xss='{MARK}'&gt;"
SYSTEM_MANAGER = "xss-system-manager@example.com"


def live_markup(page: str) -> list[str]:
	"""Elements of a payload that a browser would build from the page: an element of the payloads' kinds or an
	event handler carrying the mark, or a script element whose code is the payload's. (The mark as the text of
	an attribute, a meta tag's content say, is text.)"""
	found = []
	for tag in BeautifulSoup(page, "html.parser").find_all(True):
		marked = [name for name, value in tag.attrs.items() if MARK in str(value)]
		if marked and (tag.name in PAYLOAD_TAGS or any(name.lower().startswith("on") for name in marked)):
			found.append(str(tag)[:160])
		elif tag.name == "script" and (tag.string or "").strip().startswith("window.__xss"):
			found.append(str(tag)[:160])
	return found


def writer_of(doctype: str) -> str:
	"""Who changes the doctype's records: an AI System Owner where they may, else an AIMS Manager, else a
	System Manager (the library)."""
	rights = RIGHTS.get(doctype, {})
	if "w" in rights.get(AI_SYSTEM_OWNER, "").lower():
		return PRINCIPALS[AI_SYSTEM_OWNER][0]
	if "W" in rights.get(AIMS_MANAGER, ""):
		return PRINCIPALS[AIMS_MANAGER][0]
	return SYSTEM_MANAGER


def named_doctypes() -> list[str]:
	"""The AIMS doctypes whose records people name by typing, and whose controllers refuse markup there."""
	return [
		doctype
		for doctype in app_doctypes()
		if name_fields(frappe.get_meta(doctype)) and get_controller(doctype).refuses_markup_in_names
	]


class TestMarkupInNames(LiveServerTestCase):
	wrong_means = "stored or unexplained"

	@classmethod
	def setUpClass(cls):
		make_user(SYSTEM_MANAGER, ["System Manager"])
		frappe.db.commit()
		super().setUpClass()
		cls.sessions[SYSTEM_MANAGER] = cls.server.session(SYSTEM_MANAGER)

	def session_of(self, user: str):
		for principal, (email, _roles) in PRINCIPALS.items():
			if email == user:
				return self.sessions[principal]
		return self.sessions[user]

	def test_markup_in_every_name_is_refused_over_rest_and_nothing_is_stored(self):
		named = named_doctypes()
		self.assertTrue(named)
		for doctype in named:
			meta = frappe.get_meta(doctype)
			fieldnames = [f for f in (meta.title_field, (meta.autoname or "").removeprefix("field:")) if f]
			fields = [
				df for df in map(meta.get_field, dict.fromkeys(fieldnames)) if df and df.fieldtype == "Data"
			]
			user = writer_of(doctype)
			name = self.records.of(doctype, user, fresh=True)
			session = self.session_of(user)
			for df in fields:
				before = frappe.db.get_value(doctype, name, df.fieldname)
				# a record of the library is shared: put back whatever a broken build let through
				self.addCleanup(
					frappe.db.set_value, doctype, name, df.fieldname, before, update_modified=False
				)
				for payload in (*PAYLOADS, ENCODED, *(json.dumps(p) for p in PAYLOADS)):
					self.tried += 1
					answer = session.put(f"/api/resource/{doctype}/{name}", json={df.fieldname: payload})
					stored = frappe.db.get_value(doctype, name, df.fieldname)
					what = f"{doctype}.{df.fieldname} = {payload!r} as {user}"
					if answer.status_code != 417 or stored != before:
						self.wrong.append(f"{what}: {answer.status_code}, stored {stored!r}")
					elif "must be plain text" not in error_message(answer):
						self.wrong.append(f"{what}: told {error_message(answer)[:200]!r}")
				# through frappe.client.set_value too, the desk's own path
				self.tried += 1
				answer = session.post(
					"/api/method/frappe.client.set_value",
					json={"doctype": doctype, "name": name, "fieldname": df.fieldname, "value": PAYLOADS[0]},
				)
				if answer.status_code != 417 or frappe.db.get_value(doctype, name, df.fieldname) != before:
					self.wrong.append(f"set_value {doctype}.{df.fieldname}: {answer.status_code}")
		self.check()

	def test_a_new_record_named_with_markup_is_refused_whole(self):
		owner = PRINCIPALS[AI_SYSTEM_OWNER][0]
		values = self.records.values("AI System", owner)
		before = frappe.db.count("AI System")
		for payload in (PAYLOADS[0], json.dumps(PAYLOADS[0])):
			self.tried += 1
			answer = self.session_of(owner).post(
				"/api/resource/AI System", json={**values, "system_name": payload}
			)
			if answer.status_code != 417 or frappe.db.count("AI System") != before:
				self.wrong.append(f"create with {payload!r}: {answer.status_code}")
			elif "System Name must be plain text" not in error_message(answer):
				self.wrong.append(f"create with {payload!r}: told {error_message(answer)[:200]!r}")
		self.check()

	def test_a_name_stored_before_the_check_does_not_block_other_changes(self):
		owner = PRINCIPALS[AI_SYSTEM_OWNER][0]
		name = self.records.of("AI System", owner, fresh=True)
		# (text besides the tag: Frappe's own sanitiser, which runs on every save, would leave a name of a tag
		# alone empty, and a mandatory field empty is refused whatever this app does)
		frappe.db.set_value("AI System", name, "system_name", f"Legacy {PAYLOADS[0]}", update_modified=False)
		self.tried += 1
		answer = self.session_of(owner).put(
			f"/api/resource/AI System/{name}", json={"purpose": "Still saved."}
		)
		if answer.status_code != 200 or frappe.db.get_value("AI System", name, "purpose") != "Still saved.":
			self.wrong.append(
				f"a legacy name blocked a change: {answer.status_code} {error_message(answer)[:200]}"
			)
		self.check()

	def test_ordinary_names_are_kept_as_typed(self):
		owner = PRINCIPALS[AI_SYSTEM_OWNER][0]
		name = self.records.of("AI System", owner, fresh=True)
		for plain in ("R&D chatbot", 'The "Smart" Bot', "Fraud score < 0.5", "Latency <= 200 ms"):
			self.tried += 1
			answer = self.session_of(owner).put(
				f"/api/resource/AI System/{name}", json={"system_name": plain}
			)
			if answer.status_code != 200 or frappe.db.get_value("AI System", name, "system_name") != plain:
				self.wrong.append(f"{plain!r}: {answer.status_code} {error_message(answer)[:200]}")
		self.check()


class TestStoredMarkupStaysText(LiveServerTestCase):
	"""Hostile values written straight to the database, as a site upgraded from before names were checked (or
	a value Frappe's sanitiser let through) holds them."""

	wrong_means = "with live markup"

	def published_system(self, payload: str) -> str:
		name = self.records.of("AI System", fresh=True)
		frappe.db.set_value(
			"AI System",
			name,
			{
				"system_name": payload,
				"purpose": payload,
				"who_it_affects": payload,
				"human_oversight": payload,
				"publish_on_transparency_page": 1,
			},
			update_modified=False,
		)
		return name

	def published_policy(self, payload: str) -> str:
		name = self.records.of("AI Policy", fresh=True)
		frappe.db.set_value(
			"AI Policy",
			name,
			{
				"title": payload,
				"public_summary": payload,
				"status": "Published",
				"docstatus": 1,
				"published_on": frappe.utils.now_datetime(),
				"version": 9999,
			},
			update_modified=False,
		)
		return name

	def look(self, path: str, expect_mark: bool = True) -> str:
		self.tried += 1
		page = self.sessions["Guest"].get(path)
		if page.status_code != 200:
			self.wrong.append(f"{path}: {page.status_code}")
			return ""
		if expect_mark and MARK not in page.text:
			self.wrong.append(f"{path}: the hostile value is not on the page")
		self.wrong += [f"{path}: {element}" for element in live_markup(page.text)]
		return page.text

	def test_public_pages_show_stored_markup_as_text(self):
		previous = frappe.db.get_single_value("AIMS Settings", "concern_form_audience")
		frappe.db.set_single_value("AIMS Settings", "concern_form_audience", "Anyone")
		self.addCleanup(frappe.db.set_single_value, "AIMS Settings", "concern_form_audience", previous)
		for payload in (*PAYLOADS, ENCODED):
			system = self.published_system(payload)
			self.published_policy(payload)
			frappe.db.commit()
			self.look("/ai-transparency")
			page = self.look(f"/ai-transparency/{system}")
			title = re.search(r"<title>(.*?)</title>", page, re.S)
			if title and TAG_START.search(title.group(1)):
				self.wrong.append(f"/ai-transparency/{system}: markup in <title>: {title.group(1)[:120]}")
			form = self.look("/report-a-concern/new")
			embedded = re.search(r"frappe\.web_form_doc = (.*?);\s*frappe\.reference_doc", form, re.S)
			if not embedded:
				self.wrong.append("/report-a-concern/new: the form's options were not found")
				continue
			labels = [
				option.get("label", "")
				for field in json.loads(embedded.group(1))["web_form_fields"]
				if field["fieldname"] == "reported_system"
				for option in field["options"]
			]
			self.tried += 1
			self.wrong += [f"concern form option {label!r}" for label in labels if TAG_START.search(label)]
			frappe.db.set_value("AI System", system, "publish_on_transparency_page", 0)
		self.check()

	def test_every_print_format_and_report_shows_stored_markup_as_text(self):
		payload = "".join(PAYLOADS)
		records = {}
		for doctype in app_doctypes():
			doc = hostile_record(doctype, lambda df: "plain")
			for row in (doc, *doc.get_all_children()):
				values = {
					df.fieldname: payload[: df.length or 140] if df.fieldtype == "Data" else payload
					for df in text_fields(row.doctype)
				}
				if values:
					frappe.db.set_value(row.doctype, row.name, values, update_modified=False)
			records[doctype] = doc.name
		formats = frappe.get_all(
			"Print Format", filters={"module": ("in", app_modules())}, fields=["name", "doc_type"]
		)
		self.assertTrue(formats)
		for print_format in formats:
			self.tried += 1
			html = frappe.get_print(
				print_format.doc_type, records[print_format.doc_type], print_format=print_format.name
			)
			if MARK not in html:
				self.wrong.append(f"print {print_format.name}: the hostile text is not in the print")
			self.wrong += [f"print {print_format.name}: {element}" for element in live_markup(html)]
		for report in script_reports():
			self.tried += 1
			self.wrong += [
				f"report {report}: {text[:160]}"
				for text in strings_in(report_rows(report, {}))
				if LIVE_IN_DATA.search(text)
			]
		frappe.db.rollback()
		self.check()
