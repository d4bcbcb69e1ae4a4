# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.utils import getdate, today

from aims_app.ai_governance.doctype.ai_objective.objective_rules import objective_status
from aims_app.controllers.aims_document import AIMSDocument
from aims_app.history import record_changes


class AIObjective(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from aims_app.ai_governance.doctype.ai_objective_measurement.ai_objective_measurement import (
			AIObjectiveMeasurement,
		)

		annex_c_objective: DF.Link | None
		baseline_value: DF.Float
		description: DF.SmallText | None
		direction: DF.Literal["At least", "At most"]
		due_date: DF.Date | None
		latest_measured_on: DF.Date | None
		latest_value: DF.Float
		measurements: DF.Table[AIObjectiveMeasurement]
		metric: DF.Data
		objective_owner: DF.Link
		status: DF.Literal["No target", "Not measured", "Off track", "Achieved", "Missed"]
		target_value: DF.Float
		title: DF.Data
		unit: DF.Data | None
	# end: auto-generated types

	def validate(self):
		self.sort_measurements()
		self.set_status()
		super().validate()

	def sort_measurements(self):
		self.measurements.sort(key=lambda row: getdate(row.measured_on))
		for idx, row in enumerate(self.measurements, start=1):
			row.idx = idx

	def set_status(self):
		latest = self.measurements[-1] if self.measurements else None
		self.latest_value = latest.value if latest else None
		self.latest_measured_on = latest.measured_on if latest else None
		self.status = objective_status(
			self.target_value if self.target_is_set() else None,
			self.direction,
			latest.value if latest else None,
			getdate(self.due_date) if self.due_date else None,
			getdate(today()),
		)

	def target_is_set(self) -> bool:
		"""A Float field stores an empty target as 0; a target of 0 is only meant when At most."""
		return bool(self.target_value) or (self.direction == "At most" and self.target_value == 0)


def mark_missed_objectives():
	"""Daily: objectives past their due date and still short of their target show as missed."""
	objective = frappe.qb.DocType("AI Objective")
	missed = (
		frappe.qb.from_(objective)
		.select(objective.name)
		.where(objective.status == "Off track")
		.where(objective.due_date < getdate(today()))
		.run(pluck=True)
	)
	record_changes("AI Objective", missed, {"status": "Missed"})
