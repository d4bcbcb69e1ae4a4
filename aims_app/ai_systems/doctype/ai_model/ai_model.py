# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from aims_app.ai_systems.inventory.transfer import name_by_inventory_id
from aims_app.controllers.aims_document import AIMSDocument


class AIModel(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		ai_supplier: DF.Link | None
		description: DF.SmallText | None
		inventory_id: DF.Data | None
		latest_in_registry: DF.Check
		missing_from_registry: DF.Check
		missing_from_registry_on: DF.Date | None
		model_card_url: DF.Data | None
		model_name: DF.Data
		model_type: DF.Literal[
			"Classification",
			"Regression",
			"Ranking or recommendation",
			"Large language model",
			"Other generative model",
			"Computer vision",
			"Speech",
			"Clustering or anomaly detection",
			"Reinforcement learning",
			"Rule-based",
			"Other",
		]
		model_version: DF.Data | None
		origin: DF.Literal["Internal", "Third party", "Open source"]
		registry: DF.Data | None
		registry_aliases: DF.Data | None
		registry_reference: DF.Data | None
		registry_stage: DF.Data | None
		registry_tags: DF.SmallText | None
		status: DF.Literal[
			"Discovered", "In development", "Validated", "In production", "Deprecated", "Retired"
		]
	# end: auto-generated types

	def autoname(self):
		"""Named by its Inventory ID where it has one (name_from_inventory_id); otherwise numbered."""
		name_by_inventory_id(self)
