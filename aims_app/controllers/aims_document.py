"""What every AIMS record does on save beside its own rules. Each parent doctype's controller derives from
AIMSDocument; a controller that defines one of these methods itself calls the base's last, after its own
work (tests/test_controllers.py holds both), as Frappe ran document hooks after the controller's method.
"""

from frappe.model.document import Document

from aims_app.ai_governance.onboarding import mark_steps_done
from aims_app.ai_governance.onboarding_rules import FACT_DOCTYPES
from aims_app.integrations.people import clear_flags_on_reassignment
from aims_app.validation import clean_markup_in_text, refuse_markup_in_names, validate_conditional_mandatory
from aims_app.workflows.guard import refuse_state_outside_workflow


class AIMSDocument(Document):
	# A name someone types holds no markup (aims_app/markup_rules.py). Where the public writes the name (a
	# concern's subject, a supplier's respondent), the controller escapes it instead and sets this to False.
	refuses_markup_in_names = True

	def before_validate(self):
		clear_flags_on_reassignment(self)

	def validate(self):
		# Frappe v15 enforces mandatory_depends_on in the form only: the same gaps are refused from the API.
		validate_conditional_mandatory(self)
		if self.refuses_markup_in_names:
			refuse_markup_in_names(self)
		clean_markup_in_text(self)

	def before_save(self):
		refuse_state_outside_workflow(self)

	def before_submit(self):
		refuse_state_outside_workflow(self)

	def before_update_after_submit(self):
		refuse_state_outside_workflow(self)
		clean_markup_in_text(self)

	def before_cancel(self):
		refuse_state_outside_workflow(self)

	def on_update(self):
		# the guided setup's steps are done once the records say so
		if self.doctype in FACT_DOCTYPES:
			mark_steps_done(self)
