"""Hostile and broken input (issue 8): the files of aims_app/tests/bad_input/ and hostile text in every text
field of the app's doctypes, print formats and reports as found at run time. Each input gets a clear refusal
or comes out harmless, and nothing is half written. The figures are printed at the end."""

import json
import re
from pathlib import Path
from urllib.parse import urlencode

import frappe
from bs4 import BeautifulSoup
from frappe.desk.query_report import run as run_report
from frappe.utils import strip_html

from aims_app.ai_systems.inventory.card import MAX_BYTES
from aims_app.ai_systems.inventory.transfer import import_inventory
from aims_app.tests import AimsTestCase, ApiClient, make_user
from aims_app.tests.hostile import (
	changed,
	fill,
	fingerprint,
	hostile_record,
	save_unchecked,
	text_fields,
)
from aims_app.tests.metadata import app_doctypes, app_modules, script_reports

CORPUS = Path(__file__).parent / "bad_input"
MARK = "aims-xss"
NO_MATCH = "aims-no-such-value"
# What would run if a report cell were shown as HTML: a script tag, an event handler, a javascript: URL.
LIVE_IN_DATA = re.compile(r"<script|<[^>]*\son\w+\s*=|javascript:", re.IGNORECASE)
SQL_LEAKS = ("sql syntax", "pymysql", "programmingerror", "operationalerror", "dataerror", "traceback")
TALLY = {"inputs tried": 0, "partial writes": 0}


def markup_payloads() -> list[str]:
	return (CORPUS / "markup.txt").read_text().splitlines()


def sql_payloads() -> list[str]:
	return [line for line in (CORPUS / "sql_filters.txt").read_text().splitlines() if line]


def all_tables() -> list[str]:
	return app_doctypes() + app_doctypes(tables=True)


def fits(df, value: str) -> str:
	"""The value cut to the field's length, so that only the length test trips the length check."""
	return value[: df.length or 140] if df.fieldtype == "Data" else value


def live_markup(html: str) -> list[str]:
	"""Injected markup the browser would act on: a tag of ours, or any attribute or script carrying the mark."""
	found = []
	for tag in BeautifulSoup(html, "html.parser").find_all(True):
		if tag.name in ("script", "style") and MARK in (tag.string or ""):
			found.append(str(tag)[:120])
		elif any(MARK in str(value) for value in tag.attrs.values()):
			found.append(str(tag)[:120])
	return found


def leaks_sql(text: str) -> bool:
	return any(word in text.lower() for word in SQL_LEAKS)


def report_filters(report: str) -> list[str]:
	"""The filter fieldnames a Script Report's form script declares."""
	module = frappe.scrub(frappe.db.get_value("Report", report, "module"))
	folder = frappe.scrub(report)
	path = Path(frappe.get_app_path("aims_app", module, "report", folder, f"{folder}.js"))
	return re.findall(r"fieldname:\s*\"(\w+)\"", path.read_text()) if path.exists() else []


def report_rows(report: str, filters: dict) -> list:
	return run_report(report, filters=filters, ignore_prepared_report=True)["result"]


def strings_in(value):
	if isinstance(value, str):
		yield value
	elif isinstance(value, dict):
		for item in value.values():
			yield from strings_in(item)
	elif isinstance(value, list | tuple):
		for item in value:
			yield from strings_in(item)


class TestBadInput(AimsTestCase):
	@classmethod
	def tearDownClass(cls):
		print(f"\nbad input: {TALLY['inputs tried']} inputs tried, {TALLY['partial writes']} partial writes")
		super().tearDownClass()

	def tried(self, before: dict, after: dict, what: str):
		TALLY["inputs tried"] += 1
		if changed(before, after):
			TALLY["partial writes"] += 1
		self.assertEqual(changed(before, after), [], f"{what} wrote to the database")

	def test_inventory_files_are_refused_whole_with_a_message_naming_the_file(self):
		files = {path.name: path.read_bytes() for path in sorted(CORPUS.glob("*.yaml"))}
		files["oversized.yaml"] = b"version: 1\n" + b"#" * MAX_BYTES
		tables = all_tables()
		for name, content in files.items():
			with self.subTest(name):
				before = fingerprint(tables)
				with self.assertRaises(frappe.ValidationError) as refused:
					import_inventory(content, name)
				message = strip_html(str(refused.exception))
				self.assertIn(name, message, "the message names the file")
				self.assertFalse(leaks_sql(message), message)
				frappe.clear_messages()
				self.tried(before, fingerprint(tables), name)
		self.assertFalse(Path("/tmp/aims-pwned").exists())

	def test_markup_in_every_text_field_comes_out_inert_in_print_formats_and_reports(self):
		payload = "".join(markup_payloads())

		def hostile(doctype: str):
			return hostile_record(doctype, lambda df: fits(df, payload))

		records = {}
		for doctype in app_doctypes():
			doc = hostile(doctype)
			records[doctype] = doc.name
			for row in (doc, *doc.get_all_children()):
				for df in text_fields(row.doctype):
					stored = frappe.db.get_value(row.doctype, row.name, df.fieldname) or ""
					self.assertNotIn("<script", stored, f"{row.doctype}.{df.fieldname} kept a script tag")
					self.assertNotIn("onerror", stored, f"{row.doctype}.{df.fieldname} kept an event handler")
		formats = frappe.get_all(
			"Print Format", filters={"module": ("in", app_modules())}, fields=["name", "doc_type"]
		)
		self.assertTrue(formats)
		for print_format in formats:
			with self.subTest(print_format.name):
				TALLY["inputs tried"] += 1
				name = records.get(print_format.doc_type) or hostile(print_format.doc_type).name
				html = frappe.get_print(print_format.doc_type, name, print_format=print_format.name)
				self.assertIn(MARK, html, "the hostile text reached the print")
				self.assertEqual(live_markup(html), [])
		for report in script_reports():
			with self.subTest(report):
				TALLY["inputs tried"] += 1
				for text in strings_in(report_rows(report, {})):
					self.assertIsNone(LIVE_IN_DATA.search(text), text)

	def test_unicode_edge_cases_are_stored_exactly_or_refused_cleanly(self):
		cases = json.loads((CORPUS / "unicode.json").read_text())
		tables = all_tables()
		for case, value in cases.items():
			for doctype in app_doctypes():
				with self.subTest(case=case, doctype=doctype):
					before = fingerprint(tables)
					frappe.db.savepoint("unicode")
					try:
						doc = hostile_record(doctype, lambda df, value=value: fits(df, value))
					except frappe.ValidationError:
						frappe.db.rollback(save_point="unicode")
						frappe.clear_messages()
						self.tried(before, fingerprint(tables), f"{case} in {doctype}")
						continue
					TALLY["inputs tried"] += 1
					for df in text_fields(doctype):
						if doc.get(df.fieldname) == fits(df, value):
							self.assertEqual(
								frappe.db.get_value(doctype, doc.name, df.fieldname), doc.get(df.fieldname)
							)
					frappe.db.rollback(save_point="unicode")

	def test_sql_in_report_filters_finds_nothing_and_leaks_nothing(self):
		for report in script_reports():
			for fieldname in report_filters(report):
				baseline = len(report_rows(report, {fieldname: NO_MATCH}))
				for value in sql_payloads():
					with self.subTest(report=report, filter=fieldname, value=value):
						TALLY["inputs tried"] += 1
						try:
							rows = report_rows(report, {fieldname: value})
						except frappe.ValidationError as refused:
							self.assertFalse(leaks_sql(str(refused)), str(refused))
							frappe.clear_messages()
							continue
						self.assertLessEqual(len(rows), baseline, "the filter value let extra rows through")

	def test_sql_in_list_filters_over_http_finds_nothing_and_leaks_nothing(self):
		api = ApiClient(make_user("bad-input-manager@example.com", ["AIMS Manager"]))
		frappe.db.commit()
		for doctype in app_doctypes():
			for value in sql_payloads():
				for filters in ({"name": value}, [["name", "like", value]]):
					with self.subTest(doctype=doctype, filters=filters):
						TALLY["inputs tried"] += 1
						query = urlencode(
							{"doctype": doctype, "filters": json.dumps(filters), "limit_page_length": 0}
						)
						response = api.get(f"/api/method/frappe.client.get_list?{query}")
						body = response.get_data(as_text=True)
						self.assertLess(response.status_code, 500, body[:500])
						self.assertFalse(leaks_sql(body), body[:500])
						if response.status_code == 200 and value not in ("%", "_"):
							self.assertEqual(response.json["message"], [], body[:500])

	def test_text_longer_than_a_data_field_is_refused_naming_the_field(self):
		for doctype in app_doctypes():
			doc = frappe.new_doc(doctype)
			tables = [doctype, *(df.options for df in doc.meta.get_table_fields())]
			targets = [(doc, df) for df in text_fields(doctype) if df.fieldtype == "Data"]
			for table in doc.meta.get_table_fields():
				row = doc.append(table.fieldname, {})
				targets += [(row, df) for df in text_fields(row.doctype) if df.fieldtype == "Data"]
			for row, df in targets:
				with self.subTest(doctype=row.doctype, field=df.fieldname):
					before = fingerprint(tables)
					attempt = fill(frappe.new_doc(doctype), lambda df: None)
					target = attempt if row is doc else attempt.get(row.parentfield)[0]
					too_long = "x" * ((df.length or 140) + 1)
					target.set(df.fieldname, too_long)
					frappe.db.savepoint("too_long")
					try:
						save_unchecked(attempt)
					except frappe.CharacterLengthExceededError as refused:
						self.assertIn(df.label, strip_html(str(refused)))
						frappe.clear_messages()
					else:
						# The controller fills this table itself (a review's inputs): the value never lands.
						self.assertFalse(frappe.db.exists(row.doctype, {df.fieldname: too_long}))
						frappe.db.rollback(save_point="too_long")
					self.tried(before, fingerprint(tables), f"{row.doctype}.{df.fieldname}")
