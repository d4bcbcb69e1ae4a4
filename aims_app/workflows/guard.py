"""A workflow document's state and docstatus change only as one of its workflow's actions could change them."""

import frappe
from frappe import _
from frappe.model.workflow import (
	WorkflowPermissionError,
	get_transitions,
	get_workflow,
	get_workflow_name,
)
from frappe.utils import cint, comma_or

from aims_app.translation import text, value
from aims_app.workflows.separation_rules import requesters, self_approval_refusal


def refuse_state_outside_workflow(doc):
	"""A workflow state written directly (REST, import), or a document signed without its workflow action, must
	be what a workflow action could have done from the stored state: Frappe checks the user's roles, but
	neither the self-approval rule of the transition nor that the state's docstatus is the record's (an action
	signs or cancels the record on the way; a plain submit would sign a draft that skipped its review), and
	Frappe's plain submit and cancel move the state without asking whether the user may take that step."""
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
	stored = before.get(workflow.workflow_state_field)
	if state == stored:
		return
	transitions = [t for t in get_transitions(before, workflow) if t.next_state == state]
	if not transitions:
		refuse_move_without_action(doc, workflow, stored, state)
	refuse_own_approval(before, transitions)


def refuse_own_approval(before, transitions):
	"""Separation of duties (aims_app.workflows.separation_rules), where Frappe's own check lets Administrator
	approve what they asked for and looks only at who drafted the record, not at who sent it for approval."""
	asked = frappe.session.user in requesters(before.get("owner"), before.get("requested_by"))
	refusals = [self_approval_refusal(asked, bool(t.allow_self_approval)) for t in transitions]
	if all(refusals):
		frappe.throw(
			_("{0} {1}: {2}").format(value(before.doctype), before.name, text(refusals[0])),
			WorkflowPermissionError,
			title=_("Not Permitted"),
		)


def refuse_move_without_action(doc, workflow, stored: str, state: str):
	"""No action the user may take leads there; the workflow's transitions say who could."""
	takers = sorted({t.allowed for t in workflow.transitions if t.state == stored and t.next_state == state})
	if not takers:
		frappe.throw(
			_("{0} {1} cannot go from {2} to {3}: no action of its workflow leads there.").format(
				value(doc.doctype), doc.name, frappe.bold(value(stored)), frappe.bold(value(state))
			),
			WorkflowPermissionError,
		)
	frappe.throw(
		_("Only {0} can take {1} {2} from {3} to {4}.").format(
			comma_or([frappe.bold(value(role)) for role in takers], add_quotes=False),
			value(doc.doctype),
			doc.name,
			frappe.bold(value(stored)),
			frappe.bold(value(state)),
		),
		frappe.PermissionError,
		title=_("Not Permitted"),
	)
