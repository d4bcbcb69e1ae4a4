# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class AIRiskControl(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		control_implementation: DF.Link | None
		how_it_treats: DF.SmallText | None
		own_control: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types


def on_doctype_update():
	"""An index holding the controls each risk names, so that counting them per control reads no table
	rows (Frappe calls this whenever it syncs the doctype)."""
	frappe.db.add_index(
		"AI Risk Control", ["parent", "parenttype", "control_implementation"], "parent_control"
	)
