# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import base64
import binascii
import io

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import now_datetime
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from aims_app.ai_systems.doctype.ai_supplier_assessment.ai_supplier_assessment import assessment_for_key
from aims_app.ai_systems.portal.limits import refuse_overlong_fields
from aims_app.ai_systems.portal.rules import (
	ANSWER_LIMIT,
	RESPONSE_FIELD_LIMITS,
	allowed_types,
	content_problem,
	document_problem,
	neutralise_markup,
)
from aims_app.controllers.aims_document import AIMSDocument
from aims_app.translation import text

MAX_DOCUMENTS = 10


class AISupplierResponse(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from aims_app.ai_systems.doctype.ai_supplier_response_answer.ai_supplier_response_answer import (
			AISupplierResponseAnswer,
		)

		access_key: DF.Data | None
		answered_on: DF.Datetime | None
		answers: DF.Table[AISupplierResponseAnswer]
		assessment: DF.Link | None
		respondent_name: DF.Data | None
	# end: auto-generated types

	# the respondent is what the supplier writes: escaped on save instead
	refuses_markup_in_names = False

	def before_insert(self):
		if frappe.session.user == "Guest":
			# whatever goes wrong from here on, a supplier reads a message, never the server's traceback
			frappe.local.flags.disable_traceback = True
		refuse_overlong_fields(self, RESPONSE_FIELD_LIMITS)
		for row in self.answers:
			refuse_overlong_fields(row, {"answer": ANSWER_LIMIT})
		self.answered_on = now_datetime()

	def take_the_questions_of(self, assessment: str):
		"""Answers arrive in the order of the questions sent; the questions themselves are the assessment's,
		whatever the form posted."""
		self.assessment = assessment
		questions = frappe.get_all(
			"AI Supplier Assessment Question",
			filters={"parent": assessment, "parenttype": "AI Supplier Assessment"},
			fields=["topic", "question"],
			order_by="idx",
		)
		if len(self.answers) != len(questions):
			frappe.throw(
				_("Answer each of the {0} questions (the form sent {1} answers).").format(
					len(questions), len(self.answers)
				),
				title=_("Answers Missing"),
			)
		for row, question in zip(self.answers, questions, strict=True):
			row.topic, row.question = question.topic, question.question

	def validate(self):
		if self.access_key:
			# the key is used under the assessment's row lock until this request commits: one answer per key
			self.take_the_questions_of(assessment_for_key(self.access_key, lock=True).name)
			self.access_key = None  # only its hash is kept, on the assessment
		elif self.is_new() and frappe.session.user == "Guest":
			assessment_for_key(None)
		if not self.assessment:
			frappe.throw(_("Choose the {0} these answers belong to.").format(_("AI Supplier Assessment")))
		self.respondent_name = neutralise_markup(self.respondent_name)
		for row in self.answers:
			if not (row.answer or "").strip():
				frappe.throw(
					_("Row {0}: answer the question about {1}.").format(row.idx, row.topic or row.question),
					title=_("Answer Missing"),
				)
			row.answer = neutralise_markup(row.answer)
		super().validate()

	def after_insert(self):
		if not self.assessment:
			return
		assessment = frappe.get_doc("AI Supplier Assessment", self.assessment)
		assessment.db_set({"status": "Answered", "response": self.name, "answered_on": self.answered_on})
		assessment.add_comment("Info", _("Answers received: {0}").format(self.name))

	def on_trash(self):
		"""Answers go only while their assessment is a draft, which then needs sending again (the key that
		brought them stays used)."""
		if not frappe.db.exists("AI Supplier Assessment", self.assessment or ""):
			return
		assessment = frappe.get_doc("AI Supplier Assessment", self.assessment)
		if assessment.response != self.name or assessment.docstatus == 2:
			return
		if assessment.docstatus == 1:
			frappe.throw(
				_("The answers {0} belong to the submitted assessment {1} and are kept with it.").format(
					self.name, assessment.name
				),
				title=_("Not Deleted"),
			)
		assessment.db_set({"response": None, "status": "Draft", "answered_on": None, "access_key_hash": None})


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(key="access_key", limit=30, seconds=60 * 60)
def attach_document(access_key: str, filename: str, content: str) -> str:
	"""A supporting document for the questionnaire a link opens, kept private on the assessment. Refused,
	with nothing saved, for a link that is not valid or used, a type not accepted, content that is not what
	the file's extension says, or a file too large."""
	assessment = assessment_for_key(access_key, lock=True)  # also counts the documents one at a time
	try:
		data = base64.b64decode(content.split(",", 1)[-1], validate=True)
	except (binascii.Error, ValueError):
		frappe.throw(_("{0} could not be read. Attach it again.").format(filename), title=_("Not Attached"))
	settings = frappe.get_single("AIMS Settings")
	problem = document_problem(
		filename, len(data), allowed_types(settings.supplier_file_types), settings.supplier_file_size_mb or 5
	) or content_problem(filename, data)  # what the bytes are, not only what the name says
	if problem:
		frappe.throw(text(problem), title=_("Not Attached"))
	refuse_unreadable_pdf(filename, data)
	attached = frappe.db.count(
		"File", {"attached_to_doctype": "AI Supplier Assessment", "attached_to_name": assessment.name}
	)
	if attached >= MAX_DOCUMENTS:
		frappe.throw(
			_("At most {0} documents can be attached to one questionnaire.").format(MAX_DOCUMENTS),
			title=_("Not Attached"),
		)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": filename,
			"attached_to_doctype": "AI Supplier Assessment",
			"attached_to_name": assessment.name,
			"is_private": 1,
			"content": data,
		}
	).insert(ignore_permissions=True)
	return file.file_name


def refuse_unreadable_pdf(filename: str, data: bytes) -> None:
	"""A PDF that does not open is refused here with a message, rather than by Frappe's own check of PDFs
	(Frappe 15.101 reads each one for scripts, and fails on a broken file)."""
	if not filename.lower().endswith(".pdf"):
		return
	try:
		reader = PdfReader(io.BytesIO(data))
		len(reader.pages)
	except (PyPdfError, ValueError):
		frappe.throw(
			_("{0} is not a readable PDF. Save it again as a PDF and attach it.").format(filename),
			title=_("Not Attached"),
		)
