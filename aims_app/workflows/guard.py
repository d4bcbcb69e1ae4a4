"""A workflow document's state and docstatus change only as one of its workflow's actions could change them."""

import frappe
from frappe import _
from frappe.model.workflow import (
	WorkflowPermissionError,
	get_transitions,
	get_workflow,
	get_workflow_name,
	has_approval_access,
)
from frappe.utils import cint

from aims_app.translation import value


def refuse_state_outside_workflow(doc, method=None):
	"""A workflow state written directly (REST, import), or a document signed without its workflow action, must
	be what a workflow action could have done from the stored state: Frappe checks the user's roles, but
	neither the self-approval rule of the transition nor that the state's docstatus is the record's (an action
	signs or cancels the record on the way; a plain submit would sign a draft that skipped its review)."""
	before = doc.get_doc_before_save()
	if not before or not get_workflow_name(doc.doctype):
		return
	workflow = get_workflow(doc.doctype)
	state = doc.get(workflow.workflow_state_field)
	target = next((s for s in workflow.states if s.state == state), None)
	if target and cint(target.doc_status) != doc.docstatus:
		frappe.throw(
			_("{0} is a state of a {1} document: use the workflow's actions to sign or cancel it.").format(
				frappe.bold(value(state)), (_("draft"), _("signed"), _("cancelled"))[cint(target.doc_status)]
			),
			WorkflowPermissionError,
		)
	if state == before.get(workflow.workflow_state_field):
		return
	transitions = [t for t in get_transitions(before, workflow) if t.next_state == state]
	if transitions and not any(has_approval_access(frappe.session.user, before, t) for t in transitions):
		frappe.throw(_("Self approval is not allowed"), WorkflowPermissionError)
