"""What people outside the desk may type: each field's length, refused by name before anything is saved."""

import frappe
from frappe import _

from aims_app.ai_systems.portal.rules import overlong_field
from aims_app.translation import label


def refuse_overlong_fields(doc, limits: dict[str, int]) -> None:
	"""A field of `doc` (a record or a table row) longer than its limit is refused, naming the field and the
	row; the text itself is never repeated, so a megabyte sent is not a megabyte answered."""
	fieldname = overlong_field(doc.as_dict(), limits)
	if not fieldname:
		return
	what = label(doc.meta, fieldname)
	if doc.get("parentfield"):
		what = _("Row {0}: {1}").format(doc.idx, what)
	frappe.throw(
		_("{0} is too long: write at most {1} characters.").format(what, limits[fieldname]),
		frappe.CharacterLengthExceededError,
		title=_("Too Long"),
	)
