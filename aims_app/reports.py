"""Column and summary-card definitions for the app's Script Reports, in Frappe's own shapes.

Callers translate labels with _("...") themselves, so that the strings are found for translation.
"""

import html

from aims_app.markup_rules import TAG_START


def column(label: str, fieldname: str, fieldtype: str = "Data", width: int = 120, options: str | None = None):
	definition = {"label": label, "fieldname": fieldname, "fieldtype": fieldtype, "width": width}
	if options:
		definition["options"] = options
	return definition


def card(label: str, value: int, indicator: str = "Blue") -> dict:
	return {"label": label, "value": value, "datatype": "Int", "indicator": indicator}


def inert(rows: list) -> list:
	"""The rows with any text that holds markup escaped: the desk's report view and its print write Data cells
	as HTML, so what someone typed there ("<img onerror=...>") is shown as text and never runs. Text without a
	tag ("R&D", "score < 0.5") is kept exactly; escaping twice changes nothing. Rows are dicts (or lists)."""
	return [
		type(row)({key: inert_value(value) for key, value in row.items()})
		if isinstance(row, dict)
		else [inert_value(value) for value in row]
		for row in rows
	]


def inert_value(value):
	if isinstance(value, str) and TAG_START.search(value):
		return html.escape(value, quote=False)
	return value
