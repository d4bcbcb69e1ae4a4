"""Column and summary-card definitions for the app's Script Reports, in Frappe's own shapes.

Callers translate labels with _("...") themselves, so that the strings are found for translation.
"""


def column(label: str, fieldname: str, fieldtype: str = "Data", width: int = 120, options: str | None = None):
	definition = {"label": label, "fieldname": fieldname, "fieldtype": fieldtype, "width": width}
	if options:
		definition["options"] = options
	return definition


def card(label: str, value: int, indicator: str = "Blue") -> dict:
	return {"label": label, "value": value, "datatype": "Int", "indicator": indicator}
