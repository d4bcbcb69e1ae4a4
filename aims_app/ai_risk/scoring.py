"""Scores typed into forms, checked against the organisation's risk matrix with the field's own label."""

import frappe
from frappe import _

from aims_app.ai_risk.risk_matrix import RiskMatrix
from aims_app.ai_risk.risk_rules import outside_scale
from aims_app.translation import label, text, value


def refuse_off_scale(doc, matrix: RiskMatrix, fields: dict[str, str], row_label: str = ""):
	"""Throw naming the field when one of `fields` ({fieldname: axis}) holds a score the matrix lacks.

	Empty fields (0 is how Frappe stores an empty Int) are left to the caller: whether they are required
	depends on the record.
	"""
	for fieldname, axis in fields.items():
		value = doc.get(fieldname)
		if not value:
			continue
		problem = outside_scale(matrix, axis, int(value))
		if problem:
			frappe.throw(
				_("{0}{1}: {2}").format(row_label, label(doc.meta, fieldname), text(problem)),
				frappe.ValidationError,
				title=_("Score Outside the Risk Matrix"),
			)


def require_library_kind(doc, fieldname: str, requirement: str | None, kind: str, row_label: str = ""):
	"""A link to the library that must point at one kind of requirement (e.g. an Annex C risk source)."""
	if requirement and frappe.db.get_value("Framework Requirement", requirement, "requirement_kind") != kind:
		frappe.throw(
			_("{0}{1}: {2} is not an ISO/IEC 42001 {3}.").format(
				row_label, label(doc.meta, fieldname), frappe.bold(requirement), value(kind)
			),
			title=_("Wrong Library Entry"),
		)
