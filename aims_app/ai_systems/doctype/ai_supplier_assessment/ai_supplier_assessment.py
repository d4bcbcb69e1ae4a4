# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import add_months, get_url, now_datetime, today

from aims_app.ai_systems.portal.rules import key_digest, new_key
from aims_app.controllers.aims_document import AIMSDocument
from aims_app.translation import value

QUESTIONNAIRE_ROUTE = "supplier-questionnaire"


class QuestionnaireLinkRefused(frappe.ValidationError):
	"""A questionnaire link that is not valid or already used: refused as a permission (403)."""

	http_status_code = 403


class AISupplierAssessment(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from aims_app.ai_systems.doctype.ai_supplier_assessment_question.ai_supplier_assessment_question import (
			AISupplierAssessmentQuestion,
		)

		access_key_hash: DF.Data | None
		ai_supplier: DF.Link
		amended_from: DF.Link | None
		answered_on: DF.Datetime | None
		assessed_on: DF.Date | None
		conditions: DF.SmallText | None
		contact_email: DF.Data
		next_assessment_date: DF.Date | None
		questions: DF.Table[AISupplierAssessmentQuestion]
		response: DF.Link | None
		result: DF.Literal["", "Approved", "Approved with conditions", "Not approved"]
		review_notes: DF.SmallText | None
		sent_on: DF.Datetime | None
		status: DF.Literal["Draft", "Sent", "Answered", "Reviewed", "Cancelled"]
	# end: auto-generated types

	def onload(self):
		if self.response:
			self.set_onload("answers", answers_of(self.response))

	def before_validate(self):
		if self.is_new() and not self.questions:
			for row in frappe.get_single("AIMS Settings").supplier_questions:
				self.append("questions", {"topic": row.topic, "question": row.question})
		super().before_validate()

	def validate(self):
		if not self.questions:
			frappe.throw(
				_("Add at least one question, or set the default questions in AIMS Settings."),
				title=_("No Questions"),
			)
		super().validate()

	def before_submit(self):
		if not self.result:
			frappe.throw(
				_("Record the {0} before submitting.").format(_("Result")), title=_("Result Missing")
			)
		if self.result == "Approved with conditions" and not self.conditions:
			frappe.throw(
				_("Write the conditions of an approval with conditions in {0}.").format(_("Conditions")),
				title=_("Conditions Missing"),
			)
		self.assessed_on = self.assessed_on or today()
		if not self.next_assessment_date:
			months = frappe.db.get_single_value("AIMS Settings", "supplier_reassessment_months") or 12
			self.next_assessment_date = add_months(self.assessed_on, months)
		self.status = "Reviewed"
		super().before_submit()

	def on_submit(self):
		refresh_supplier_standing(self.ai_supplier)

	def on_cancel(self):
		self.db_set("status", "Cancelled")
		refresh_supplier_standing(self.ai_supplier)

	@frappe.whitelist()
	def send_to_supplier(self):
		"""Email the supplier contact a link only they hold. A new send replaces the key, so a link sent
		before stops working."""
		self.check_permission("write")
		if self.docstatus != 0 or self.status == "Answered":
			frappe.throw(
				_("Assessment {0} is {1}: it cannot be sent again.").format(self.name, value(self.status)),
				title=_("Not Sent"),
			)
		key = new_key()
		self.access_key_hash = key_digest(key)
		self.status = "Sent"
		self.sent_on = now_datetime()
		self.save()
		link = get_url(f"/{QUESTIONNAIRE_ROUTE}/new?access_key={key}")
		frappe.sendmail(
			recipients=[self.contact_email],
			subject=_("Questionnaire from {0}: please answer by following the link").format(
				frappe.db.get_default("company") or get_url()
			),
			message=frappe.render_template(
				"templates/emails/supplier_questionnaire.html",
				{"supplier": self.ai_supplier, "link": link, "count": len(self.questions)},
			),
			reference_doctype=self.doctype,
			reference_name=self.name,
		)
		frappe.msgprint(_("Sent to {0}.").format(self.contact_email), alert=True)


def answers_of(response: str) -> list[dict]:
	return frappe.get_all(
		"AI Supplier Response Answer",
		filters={"parent": response, "parenttype": "AI Supplier Response"},
		fields=["topic", "question", "answer"],
		order_by="idx",
	)


def refresh_supplier_standing(ai_supplier: str) -> None:
	"""The AI Supplier's last assessment, result and next date are those of its latest submitted assessment
	(or "Not assessed" once none is left)."""
	latest = frappe.get_all(
		"AI Supplier Assessment",
		filters={"ai_supplier": ai_supplier, "docstatus": 1},
		fields=["result", "assessed_on", "next_assessment_date"],
		order_by="assessed_on desc, creation desc",
		limit=1,
	)
	supplier = frappe.get_doc("AI Supplier", ai_supplier)
	if latest:
		supplier.assessment_result = latest[0].result
		supplier.last_assessment_date = latest[0].assessed_on
		supplier.next_assessment_date = latest[0].next_assessment_date
	else:
		supplier.assessment_result = "Not assessed"
		supplier.last_assessment_date = None
		supplier.next_assessment_date = None
	supplier.save(ignore_permissions=True)


def assessment_for_key(key: str | None, lock: bool = False) -> frappe._dict:
	"""The assessment a questionnaire link opens, refused when the key is unknown (guessed, or replaced by a
	later send) or already used. With `lock`, for a request that uses the key (answers, a document), the
	assessment's row is read under a lock held until the request ends: of requests bringing the same key at
	once, one goes ahead and the others wait, then find the key used (or replaced) and are refused."""
	found = (
		frappe.get_all(
			"AI Supplier Assessment",
			filters={"access_key_hash": key_digest(key)},
			pluck="name",
			limit=1,
		)
		if key
		else []
	)
	assessment = found and frappe.db.get_value(
		"AI Supplier Assessment",
		found[0],
		["name", "ai_supplier", "status", "docstatus", "access_key_hash"],
		as_dict=True,
		for_update=lock,
	)
	if not assessment or assessment.access_key_hash != key_digest(key):
		frappe.throw(
			_("This questionnaire link is not valid. Use the link in the latest email we sent you."),
			QuestionnaireLinkRefused,
			title=_("Link Not Valid"),
		)
	if assessment.status != "Sent" or assessment.docstatus != 0:
		frappe.throw(
			_("This questionnaire has already been answered: the link cannot be used again."),
			QuestionnaireLinkRefused,
			title=_("Already Answered"),
		)
	return assessment
