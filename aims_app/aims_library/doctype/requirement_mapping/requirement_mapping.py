# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from aims_app.controllers.aims_document import AIMSDocument


class RequirementMapping(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		confidence: DF.Literal["High", "Medium", "Low"]
		is_verified: DF.Check
		library_version: DF.Data | None
		mapped_framework: DF.Link | None
		mapped_requirement: DF.Link
		mapping_source: DF.SmallText
		mapping_status: DF.Literal["Published", "Derived", "Suggestion"]
		notes: DF.SmallText | None
		relationship: DF.Literal["Equivalent", "Equivalent Structure", "Related"]
		requirement: DF.Link
		requirement_framework: DF.Link | None
		source_url: DF.Data | None
		withdrawn: DF.Check
	# end: auto-generated types

	def validate(self):
		self.validate_distinct_frameworks()
		self.validate_not_duplicate()
		super().validate()

	def validate_distinct_frameworks(self):
		if self.requirement == self.mapped_requirement:
			frappe.throw(_("A requirement cannot be mapped to itself."), title=_("Invalid Mapping"))
		frameworks = frappe.get_all(
			"Framework Requirement",
			filters={"name": ("in", [self.requirement, self.mapped_requirement])},
			pluck="framework",
		)
		if len(set(frameworks)) < 2:
			frappe.throw(
				_("Both ends of a mapping must belong to different frameworks ({0} and {1} do not).").format(
					frappe.bold(self.requirement), frappe.bold(self.mapped_requirement)
				),
				title=_("Invalid Mapping"),
			)

	def validate_not_duplicate(self):
		duplicate = frappe.db.exists(
			"Requirement Mapping",
			{
				"requirement": self.requirement,
				"mapped_requirement": self.mapped_requirement,
				"name": ("!=", self.name),
			},
		)
		if duplicate:
			frappe.throw(
				_("{0} is already mapped to {1} in {2}.").format(
					frappe.bold(self.requirement), frappe.bold(self.mapped_requirement), duplicate
				),
				frappe.DuplicateEntryError,
				title=_("Duplicate Mapping"),
			)
