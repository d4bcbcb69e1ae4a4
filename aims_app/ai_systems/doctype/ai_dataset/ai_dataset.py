# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from aims_app.ai_systems.inventory.transfer import name_by_inventory_id
from aims_app.controllers.aims_document import AIMSDocument


class AIDataset(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		acquisition: DF.SmallText | None
		ai_supplier: DF.Link | None
		bias_checks: DF.Text | None
		contains_personal_data: DF.Check
		dataset_name: DF.Data
		gdpr_does_not_apply: DF.Check
		inventory_id: DF.Data | None
		last_checked_on: DF.Date | None
		legal_basis: DF.Data | None
		preparation_steps: DF.Text | None
		provenance: DF.Text | None
		quality_checks: DF.Text | None
		source_type: DF.Literal["Internal", "Third party", "Public or open", "Synthetic", "User-generated"]
		special_category_data: DF.Check
	# end: auto-generated types

	def autoname(self):
		"""Named by its Inventory ID where it has one (name_from_inventory_id); otherwise numbered."""
		name_by_inventory_id(self)
