"""What an AI System Stage Review and an AI System Change share: who asked, who must approve, and the
approver's signature. The workflow offers Approve and Reject (the system's owner only where
`needs_approver` is off); these checks hold whatever path the approval takes."""

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as assign
from frappe.desk.form.assign_to import close_all_assignments
from frappe.utils import now_datetime

from aims_app.ai_systems.lifecycle.gates import approval_refusal, approvers_to_assign, needs_approver
from aims_app.roles import AIMS_APPROVER
from aims_app.translation import label, text, value
from aims_app.workflows.separation_rules import requesters

REJECTED = "Rejected"
AWAITING_APPROVAL = "Awaiting Approval"


class ApprovedStep:
	"""Mixin for a submittable Document with ai_system, requested_by, needs_approver, approved_by,
	approved_on, rejection_reason and workflow_state."""

	def before_insert(self):
		self.requested_by = frappe.session.user

	def approval_requested_now(self) -> bool:
		return (
			self.workflow_state == AWAITING_APPROVAL
			and self.get_db_value("workflow_state") != AWAITING_APPROVAL
		)

	def record_requester(self):
		"""Whoever asks for approval is the requester, who may not approve (a draft the model registry
		prepared is asked for by the owner who completes it)."""
		if self.approval_requested_now():
			self.requested_by = frappe.session.user
			self.flags.approval_requested = True

	def on_update(self):
		if self.flags.approval_requested:
			self.assign_approvers()
		elif self.workflow_state == REJECTED:
			self.close_assignments()
		super().on_update()

	def assign_approvers(self):
		"""Whoever may approve it is given it as a task (a ToDo, with Frappe's notification): their ToDo list is
		the one place where every approval waiting for them is."""
		system = self.system()
		users = approvers_to_assign(
			bool(self.needs_approver),
			requesters(self.owner, self.requested_by),
			system.system_owner,
			enabled_approvers(),
		)
		if users:
			assign(
				{
					"assign_to": users,
					"doctype": self.doctype,
					"name": self.name,
					"description": _("Approve or reject {0} {1} of AI System {2}.").format(
						value(self.doctype), self.name, system.system_name
					),
				},
				ignore_permissions=True,
			)

	def refuse_second_request(self):
		"""One request for approval at a time per system: the one waiting is decided first."""
		waiting = frappe.get_all(
			self.doctype,
			filters={
				"ai_system": self.ai_system,
				"workflow_state": AWAITING_APPROVAL,
				"docstatus": 0,
				"name": ("!=", self.name or ""),
			},
			pluck="name",
			limit=1,
		)
		if waiting:
			frappe.throw(
				_("{0} {1} already waits for approval for AI System {2}: approve or reject it first.").format(
					value(self.doctype), waiting[0], self.ai_system
				),
				title=_("Already Waiting for Approval"),
			)

	def system(self):
		return frappe.get_doc("AI System", self.ai_system)

	def set_needs_approver(self, system):
		self.system_tier = system.eu_ai_act_tier
		self.needs_approver = needs_approver(
			system.eu_ai_act_tier,
			bool(frappe.db.get_single_value("AIMS Settings", "approver_signs_every_step")),
		)

	def refuse_wrong_approver(self, system):
		user = frappe.session.user
		refusal = approval_refusal(
			needs_an_approver=bool(self.needs_approver),
			is_requester=user in (self.requested_by, self.owner),
			is_system_owner=user == system.system_owner,
			is_approver=AIMS_APPROVER in frappe.get_roles(user),
		)
		if refusal:
			frappe.throw(
				_("{0} {1}: {2}").format(value(self.doctype), self.name, text(refusal)),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)

	def refuse_rejection_without_reason(self, system):
		if self.workflow_state != REJECTED or self.get_db_value("workflow_state") == REJECTED:
			return
		self.refuse_wrong_approver(system)
		if not (self.rejection_reason or "").strip():
			frappe.throw(
				_("{0} is empty: write why {1} is rejected.").format(
					label(self.meta, "rejection_reason"), self.name
				),
				title=_("Missing Rejection Reason"),
			)

	def sign(self):
		self.approved_by = frappe.session.user
		self.approved_on = now_datetime()

	def close_assignments(self):
		"""The ToDos on it (the approvers', the registry's request to its owner) are done once it is decided."""
		close_all_assignments(self.doctype, self.name, ignore_permissions=True)


def enabled_approvers() -> list[str]:
	holders = frappe.get_all(
		"Has Role", filters={"parenttype": "User", "role": AIMS_APPROVER}, pluck="parent", distinct=True
	)
	return frappe.get_all(
		"User",
		filters=[
			["name", "in", holders or [""]],
			["name", "not in", ("Administrator", "Guest")],
			["enabled", "=", 1],
		],
		pluck="name",
	)
