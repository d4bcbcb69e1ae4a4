"""Babel extractors for what Frappe's own extractors leave out of aims_app/locale/main.pot: names the desk
shows translated (workflow states and actions, roles, modules, number cards, dashboard charts) and the
`_()` calls inside Jinja kept in JSON (print formats, notification subjects).

Frappe's `bench generate-pot-file` runs them through babel_extractors.csv at the root of the repository,
before its own (frappe/babel_extractors.csv). No Frappe import, so the static suite can run them too.
"""

import io
import json

from jinja2.ext import babel_extract

FIXTURE_NAMES = {
	"Workflow State": ("workflow_state_name", "Name of a workflow state"),
	"Workflow Action Master": ("workflow_action_name", "Name of a workflow action"),
	"Role": ("role_name", "Name of a role"),
}
RECORD_NAMES = {
	"Number Card": ("label", "Label of a number card"),
	"Dashboard Chart": ("chart_name", "Name of a dashboard chart"),
}
JINJA_FIELDS = {
	"Print Format": ("html", "Print format"),
	"Notification": ("subject", "Subject of a notification"),
}


def extract_fixtures(fileobj, keywords, comment_tags, options):
	"""Records in the fixture format (roles, workflows): a list of records; the names of those the desk shows translated."""
	for record in json.load(fileobj):
		if spec := FIXTURE_NAMES.get(record.get("doctype")):
			field, comment = spec
			if record.get(field):
				yield None, "_", record[field], [comment]


def extract_record(fileobj, keywords, comment_tags, options):
	"""A standard record exported as JSON (number card, dashboard chart, print format, notification)."""
	record = json.load(fileobj)
	if not isinstance(record, dict):
		return
	doctype = record.get("doctype")
	if spec := RECORD_NAMES.get(doctype):
		field, comment = spec
		if record.get(field):
			yield None, "_", record[field], [f"{comment} '{record.get('name')}'"]
	if spec := JINJA_FIELDS.get(doctype):
		field, comment = spec
		yield from extract_jinja(record.get(field) or "", f"{comment} '{record.get('name')}'", keywords)


def extract_jinja(template: str, comment: str, keywords=("_",)):
	for lineno, funcname, message, _comments in babel_extract(
		io.BytesIO(template.encode()), keywords or ("_",), [], {}
	):
		if funcname == "_" and isinstance(message, str):
			yield lineno, "_", message, [comment]


def extract_modules(fileobj, keywords, comment_tags, options):
	"""modules.txt: the module names the desk shows."""
	for line in fileobj.read().decode().splitlines():
		if line.strip():
			yield None, "_", line.strip(), ["Name of a module"]
