"""What an AI System Stage Review and an AI System Change share: who asked, who must approve, and the
approver's signature. The workflow offers Approve and Reject (the system's owner only where
`needs_approver` is off); these checks hold whatever path the approval takes."""

import frappe
from frappe import _
from frappe.desk.form.assign_to import close_all_assignments
from frappe.utils import now_datetime

from aims_app.ai_systems.lifecycle.gates import approval_refusal, needs_approver
from aims_app.roles import AIMS_APPROVER
from aims_app.translation import label, text, value

REJECTED = "Rejected"
AWAITING_APPROVAL = "Awaiting Approval"


class ApprovedStep:
	"""Mixin for a submittable Document with ai_system, requested_by, needs_approver, approved_by,
	approved_on, rejection_reason and workflow_state."""

	def before_insert(self):
		self.requested_by = frappe.session.user

	def record_requester(self):
		"""Whoever asks for approval is the requester, who may not approve (a draft the model registry
		prepared is asked for by the owner who completes it)."""
		if (
			self.workflow_state == AWAITING_APPROVAL
			and self.get_db_value("workflow_state") != AWAITING_APPROVAL
		):
			self.requested_by = frappe.session.user

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
		"""The ToDos on it (the registry's request to its owner) are done once it is approved."""
		close_all_assignments(self.doctype, self.name, ignore_permissions=True)
