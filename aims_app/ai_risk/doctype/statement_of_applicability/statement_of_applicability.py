# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.query_builder.functions import Max
from frappe.utils import now_datetime

from aims_app.ai_risk.applicability import live_rows
from aims_app.controllers.aims_document import AIMSDocument

# The columns of a frozen row, as the live SoA computes them.
SNAPSHOT_FIELDS = (
	"control_implementation",
	"control_title",
	"applicability",
	"justification",
	"implementation_status",
	"risk_count",
	"risks",
	"evidence_count",
	"evidence",
	"control_owner",
	"gaps",
)


class StatementofApplicability(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from aims_app.ai_risk.doctype.statement_of_applicability_control.statement_of_applicability_control import (
			StatementofApplicabilityControl,
		)

		aims_scope: DF.Link | None
		amended_from: DF.Link | None
		applicable_count: DF.Int
		approved_by: DF.Link | None
		approved_on: DF.Datetime | None
		controls: DF.Table[StatementofApplicabilityControl]
		gap_count: DF.Int
		implemented_count: DF.Int
		not_applicable_count: DF.Int
		notes: DF.SmallText | None
		snapshot_taken_on: DF.Datetime | None
		title: DF.Data
		version: DF.Int
	# end: auto-generated types

	def before_insert(self):
		self.version = next_version()

	def validate(self):
		if self.docstatus == 0:
			self.take_snapshot()
		super().validate()

	def before_submit(self):
		self.refuse_stale_snapshot()
		self.approved_by = frappe.session.user
		self.approved_on = now_datetime()
		super().before_submit()

	def take_snapshot(self):
		rows = live_rows(with_names=True)
		self.set("controls", [{f: row.get(f) for f in SNAPSHOT_FIELDS} for row in rows])
		self.snapshot_taken_on = now_datetime()
		self.applicable_count = sum(row.applicability == "Applicable" for row in rows)
		self.not_applicable_count = len(rows) - self.applicable_count
		self.implemented_count = sum(
			row.applicability == "Applicable" and row.implementation_status == "Implemented" for row in rows
		)
		self.gap_count = sum(bool(row.gaps) for row in rows)

	def refuse_stale_snapshot(self):
		"""Top management approves what it saw: if the records moved on since, the draft must be refreshed."""
		frozen = {row.control_implementation: snapshot_values(row) for row in self.controls}
		live = {row.control_implementation: snapshot_values(row) for row in live_rows(with_names=True)}
		changed = sorted(
			set(frozen) ^ set(live) | {c for c in frozen.keys() & live.keys() if frozen[c] != live[c]}
		)
		if changed:
			frappe.throw(
				_(
					"The controls changed since this draft was saved ({0}). Save the draft to refresh it, review it, then approve."
				).format(", ".join(changed[:10])),
				title=_("Statement Out of Date"),
			)


def snapshot_values(row) -> tuple:
	return tuple(row.get(f) or None for f in SNAPSHOT_FIELDS)


def next_version() -> int:
	soa = frappe.qb.DocType("Statement of Applicability")
	latest = frappe.qb.from_(soa).select(Max(soa.version)).run()[0][0]
	return (latest or 0) + 1
