"""Checks the framework runs in the browser only, run again on the server (REST, imports, scripts)."""

import frappe
from frappe import _
from frappe.utils import getdate

from aims_app.translation import label, value


def validate_conditional_mandatory(doc, method=None):
	"""Frappe v15 enforces `mandatory_depends_on` in the form only; refuse the same gaps from the API."""
	missing = [
		label(row.meta, df.fieldname)
		if row is doc
		else _("Row {0}: {1}").format(row.idx, label(row.meta, df.fieldname))
		for row in (doc, *doc.get_all_children())
		for df in row.meta.fields
		if df.mandatory_depends_on
		and not row.get(df.fieldname)
		and condition_holds(row, df.mandatory_depends_on)
	]
	if missing:
		frappe.throw(
			_("Value missing for {0}: {1}").format(value(doc.doctype), ", ".join(missing)),
			frappe.MandatoryError,
			title=_("Missing Values Required"),
		)


def condition_holds(doc, condition: str) -> bool:
	if condition.startswith("eval:"):
		return bool(frappe.safe_eval(condition[5:], None, {"doc": frappe._dict(doc.as_dict())}))
	return bool(doc.get(condition))


def refuse_dates_out_of_order(doc, earlier: str, later: str, row_label: str = ""):
	"""Throw naming both fields when the date in `later` falls before the one in `earlier`."""
	first, second = doc.get(earlier), doc.get(later)
	if first and second and getdate(second) < getdate(first):
		frappe.throw(
			_("{0}{1} ({2}) cannot be before {3} ({4}).").format(
				row_label,
				label(doc.meta, later),
				frappe.format(second, "Date"),
				label(doc.meta, earlier),
				frappe.format(first, "Date"),
			),
			title=_("Invalid Date"),
		)
