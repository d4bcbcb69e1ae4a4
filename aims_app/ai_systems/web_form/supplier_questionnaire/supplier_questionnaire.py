import frappe
from frappe import _
from frappe.utils import escape_html

from aims_app.ai_systems.doctype.ai_supplier_assessment.ai_supplier_assessment import (
	QuestionnaireLinkRefused,
	assessment_for_key,
)


def get_context(context):
	"""Opens only with a valid, unused key from the supplier's email (checked again when the answers and each
	document arrive); shows the questions of that assessment."""
	try:
		assessment = assessment_for_key(frappe.form_dict.access_key)
	except QuestionnaireLinkRefused as refused:
		raise frappe.PermissionError(str(refused)) from refused  # a "Not Permitted" page with the message
	questions = frappe.get_all(
		"AI Supplier Assessment Question",
		filters={"parent": assessment.name, "parenttype": "AI Supplier Assessment"},
		fields=["topic", "question"],
		order_by="idx",
	)
	settings = frappe.get_single("AIMS Settings")
	context.questionnaire = frappe.as_json(
		{
			"questions": questions,
			"file_types": settings.supplier_file_types,
			"file_size_mb": settings.supplier_file_size_mb,
		}
	).replace("<", "\\u003c")  # inside the page's <script>: no tag, end tag or comment can start
	# Frappe's web form prints the title as HTML
	context.title = _("Questionnaire for {0}").format(escape_html(assessment.ai_supplier))
	return context
