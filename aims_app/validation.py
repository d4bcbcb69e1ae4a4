"""Checks the framework runs in the browser only, run again on the server (REST, imports, scripts)."""

import ast
import unicodedata
from functools import lru_cache
from types import CodeType

import frappe
from frappe import _
from frappe.utils import getdate
from frappe.utils.safe_exec import WHITELISTED_SAFE_EVAL_GLOBALS, FrappeTransformer, compile_restricted

from aims_app.translation import label, value


def validate_conditional_mandatory(doc, method=None):
	"""Frappe v15 enforces `mandatory_depends_on` in the form only; refuse the same gaps from the API."""
	missing = [
		label(row.meta, df.fieldname)
		if row is doc
		else _("Row {0}: {1}").format(row.idx, label(row.meta, df.fieldname))
		for row in (doc, *doc.get_all_children())
		for df in conditionally_mandatory_fields(row.meta)
		if not row.get(df.fieldname) and condition_holds(row, df.mandatory_depends_on)
	]
	if missing:
		frappe.throw(
			_("Value missing for {0}: {1}").format(value(doc.doctype), ", ".join(missing)),
			frappe.MandatoryError,
			title=_("Missing Values Required"),
		)


def conditionally_mandatory_fields(meta) -> list:
	return [df for df in meta.fields if df.mandatory_depends_on]


def condition_holds(doc, condition: str) -> bool:
	"""A `depends_on`-style condition on the document, evaluated as `frappe.safe_eval` evaluates it."""
	if condition.startswith("eval:"):
		scope = {"__builtins__": {}, **WHITELISTED_SAFE_EVAL_GLOBALS}
		return bool(eval(compiled_condition(condition[5:]), scope, {"doc": frappe._dict(doc.as_dict())}))
	return bool(doc.get(condition))


@lru_cache(maxsize=1024)
def compiled_condition(expression: str) -> CodeType:
	"""`frappe.safe_eval`'s restricted compilation of an expression (the same normalisation, refusals and
	policy), made once per expression and process rather than once per document: an import of thousands of
	records spent a seventh of its time compiling the same few conditions."""
	expression = unicodedata.normalize("NFKC", expression)
	for node in ast.walk(ast.parse(expression, mode="eval")):
		if isinstance(node, ast.NamedExpr):
			raise SyntaxError(f"Operation not allowed: line {node.lineno} column {node.col_offset}")
	return compile_restricted(expression, filename="<safe_eval>", policy=FrappeTransformer, mode="eval")


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
