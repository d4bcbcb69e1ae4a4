# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import get_datetime, getdate, now_datetime, today

from aims_app.ai_systems.eu_ai_act import IncidentFacts, report_status, reporting_deadline
from aims_app.controllers.aims_document import AIMSDocument
from aims_app.history import record_changes
from aims_app.translation import label, labels


class AIIncident(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from aims_app.ai_systems.doctype.ai_incident_notification.ai_incident_notification import (
			AIIncidentNotification,
		)

		affected: DF.SmallText | None
		ai_concern: DF.Link | None
		ai_system: DF.Link
		became_aware_on: DF.Date
		caused_death: DF.Check
		description: DF.Text
		harm: DF.SmallText | None
		is_serious_incident: DF.Check
		notifications: DF.Table[AIIncidentNotification]
		occurred_on: DF.Datetime
		report_status: DF.Literal["Not required", "Due", "Overdue", "Reported on time", "Reported late"]
		reported_on: DF.Date | None
		reported_to: DF.Data | None
		reporting_deadline: DF.Date | None
		severity: DF.Literal["Low", "Medium", "High", "Critical"]
		status: DF.Literal["Open", "Investigating", "Resolved", "Closed"]
		title: DF.Data
		widespread_or_critical_infrastructure: DF.Check
	# end: auto-generated types

	def validate(self):
		self.validate_dates()
		self.validate_serious_incident_fields()
		self.set_report_status()
		super().validate()

	def validate_dates(self):
		if get_datetime(self.occurred_on) > now_datetime():
			frappe.throw(_("Occurred On cannot be in the future."), title=_("Invalid Date"))
		if getdate(self.became_aware_on) > getdate(today()):
			frappe.throw(_("We Became Aware On cannot be in the future."), title=_("Invalid Date"))
		if getdate(self.became_aware_on) < getdate(self.occurred_on):
			frappe.throw(_("We Became Aware On cannot be before Occurred On."), title=_("Invalid Date"))

	def validate_serious_incident_fields(self):
		if self.is_serious_incident:
			return
		only_for_serious = (
			"caused_death",
			"widespread_or_critical_infrastructure",
			"reported_to",
			"reported_on",
		)
		given = [f for f in only_for_serious if self.get(f)]
		if given:
			frappe.throw(
				_("{0} apply only to a serious incident: tick {1} or clear them.").format(
					labels(self.meta, given),
					frappe.bold(label(self.meta, "is_serious_incident")),
				),
				title=_("Not a Serious Incident"),
			)

	def set_report_status(self):
		if not self.is_serious_incident:
			self.reporting_deadline = None
			self.report_status = "Not required"
			return
		facts = IncidentFacts(
			is_serious=True,
			caused_death=bool(self.caused_death),
			widespread_infringement_or_critical_infrastructure=bool(
				self.widespread_or_critical_infrastructure
			),
		)
		self.reporting_deadline = reporting_deadline(getdate(self.became_aware_on), facts)
		self.report_status = report_status(
			getdate(self.reporting_deadline),
			getdate(self.reported_on) if self.reported_on else None,
			getdate(today()),
		)


def mark_overdue_reports():
	"""Daily: serious incidents whose deadline passed unreported show as overdue without anyone saving them."""
	incident = frappe.qb.DocType("AI Incident")
	overdue = (
		frappe.qb.from_(incident)
		.select(incident.name)
		.where(incident.report_status == "Due")
		.where(incident.reporting_deadline < getdate(today()))
		.run(pluck=True)
	)
	record_changes("AI Incident", overdue, {"report_status": "Overdue"})
