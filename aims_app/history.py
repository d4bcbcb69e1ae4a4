"""Changes the system makes to a record outside its form keep the history a save would (ISO/IEC 42001 7.5).

A risk accepted by a signed decision, a policy superseded by a newer one, an assessment flagged by a change
to its system, a deadline passed overnight: the change is written without the record's own validations (the
record may be submitted, or the change belongs to another record's decision), and recorded as a Version by
Frappe's own machinery, so the record's timeline shows what changed, when and by whom.
"""

import frappe
from frappe.model.document import Document


def record_change(doc: Document, values: dict, rows: dict[str, dict] | None = None):
	"""Set `values` on `doc` (and each of `rows`, by row name, on its child rows), move its `modified` so that
	a form loaded before the change is refused as stale rather than saving the old values back, and write the
	Version row where the doctype tracks changes."""
	doc.load_doc_before_save()
	for row in doc.get_all_children():
		if row.name in (rows or {}):
			row.update(rows[row.name])
			frappe.db.set_value(row.doctype, row.name, rows[row.name], update_modified=False)
	doc.db_set(values, notify=True)
	doc.save_version()


def record_changes(doctype: str, names: list[str], values: dict):
	"""The same change on each record a set-based query found, each with its own Version."""
	for name in names:
		record_change(frappe.get_doc(doctype, name), values)
