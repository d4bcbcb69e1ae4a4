# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet

from aims_app.aims_library.tree import display_title
from aims_app.controllers.aims_document import AIMSDocument


class FrameworkRequirement(NestedSet, AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		applies_to: DF.Data | None
		display_title: DF.SmallText | None
		documented_information: DF.Check
		evidence_expected: DF.Text | None
		framework: DF.Link
		guidance: DF.Text | None
		is_assessable: DF.Check
		is_group: DF.Check
		lft: DF.Int
		library_version: DF.Data | None
		old_parent: DF.Link | None
		parent_framework_requirement: DF.Link | None
		requirement_id: DF.Data
		requirement_kind: DF.Literal[
			"Clause",
			"Subclause",
			"Annex",
			"Control Category",
			"Control Objective",
			"Control",
			"Section",
			"Objective",
			"Risk Source",
			"Function",
			"Category",
			"Subcategory",
			"Chapter",
			"Article",
			"Annex III Area",
		]
		rgt: DF.Int
		source_reference: DF.SmallText | None
		title: DF.SmallText
		verification_note: DF.SmallText | None
		withdrawn: DF.Check
	# end: auto-generated types

	def validate(self):
		self.display_title = display_title(self.requirement_id, self.title)
		self.validate_parent_framework()
		super().validate()

	def validate_parent_framework(self):
		parent = self.parent_framework_requirement
		if not parent:
			return
		parent_framework = frappe.db.get_value(self.doctype, parent, "framework")
		if parent_framework != self.framework:
			frappe.throw(
				_("Parent {0} belongs to framework {1}, not {2}.").format(
					frappe.bold(parent), parent_framework, self.framework
				),
				title=_("Invalid Parent"),
			)


@frappe.whitelist()
def get_children(
	doctype: str, parent: str | None = None, is_root: bool = False, framework: str | None = None, **kwargs
):
	"""Tree view nodes. Under the root, one node per framework (or, filtered, that framework's top level);
	below, requirements in the standard's own order (lft), not alphabetical: A.10 comes after A.9."""
	if parent and frappe.db.exists("Compliance Framework", parent):
		framework, is_root = parent, True
	elif frappe.utils.sbool(is_root) and not framework:
		frameworks = frappe.get_list(
			"Compliance Framework", fields=["name as value", "title"], order_by="title asc"
		)
		return [frappe._dict(framework, expandable=1) for framework in frameworks]
	filters = {"framework": framework} if framework else {}
	if frappe.utils.sbool(is_root) or not parent:
		filters["parent_framework_requirement"] = ("is", "not set")
	else:
		filters["parent_framework_requirement"] = parent
	return frappe.get_list(
		"Framework Requirement",
		fields=["name as value", "display_title as title", "is_group as expandable"],
		filters=filters,
		order_by="lft asc",
	)
