# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class AIMSEvidenceLink(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		ai_system: DF.Link | None
		control_implementation: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		requirement: DF.Link | None
	# end: auto-generated types


def on_doctype_update():
	"""An index holding what each evidence record evidences, so that counting them per control reads no table
	rows (Frappe calls this whenever it syncs the doctype)."""
	frappe.db.add_index(
		"AIMS Evidence Link",
		["parent", "parenttype", "control_implementation", "requirement"],
		"parent_targets",
	)
