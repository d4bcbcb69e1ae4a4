"""What no one may do to a decision, tried over HTTP by real users logged in: refused with a message, and
the record read afterwards exactly as before. Who may take which workflow action is the policy written by hand
in aims_app/tests/policy.py, never the workflow fixtures: the actions each user is offered must be the policy's.

Every Workflow on an aims_app doctype, read from the site: from every state, every action the workflow does
not grant the user there (out of order, wrong role, condition unmet, own approval), through apply_workflow,
and every state and docstatus the user could not reach, written with PUT or through submit and cancel (a
state of another docstatus is reached only by the action, which signs or cancels the record on the way).
Then edits and deletion of every submittable doctype once submitted, and cancelling a record that a
submitted record links to.
"""

import frappe

from aims_app.tests import policy
from aims_app.tests.http import PRINCIPALS, LiveServerTestCase, error_message
from aims_app.tests.metadata import app_doctypes

RIGHT_FOR_DOCSTATUS = {(0, 1): "S", (1, 2): "X"}
EDITABLE_TYPES = {"Data", "Small Text", "Text", "Long Text", "Text Editor", "Select", "Int", "Float", "Date"}


def above_appetite(doc) -> bool:
	return bool(doc.get("needs_approver"))


def changed_value(field, value):
	if field.fieldtype == "Select":
		return next((o for o in (field.options or "").split("\n") if o and o != value), None)
	if field.fieldtype in ("Int", "Float"):
		return (value or 0) + 1
	if field.fieldtype == "Date":
		return str(frappe.utils.add_days(value or frappe.utils.today(), 1))
	return f"{value or ''} changed after signing"


class TestForbiddenTransitions(LiveServerTestCase):
	wrong_means = "wrongly allowed"
	complete_records = True

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		doctypes = app_doctypes(singles=True)
		cls.workflows = [
			frappe.get_doc("Workflow", name)
			for name in frappe.get_all(
				"Workflow", filters={"document_type": ("in", doctypes), "is_active": 1}, pluck="name"
			)
		]
		cls.submittable = [d for d in doctypes if frappe.get_meta(d).is_submittable]

	def snapshot(self, doctype: str, name: str) -> dict:
		frappe.db.rollback()
		return frappe.get_doc(doctype, name).as_dict(convert_dates_to_str=True)

	def refused(self, what: str, doctype: str, name: str, method: str, path: str, json: dict, principal: str):
		"""Send the request as `principal`; note it unless it was refused with a message and changed nothing.
		A record wrongly changed is put back as it was, for the attempts that follow."""
		before = self.snapshot(doctype, name)
		response = self.sessions[principal].request(method, path, json=json)
		after = self.snapshot(doctype, name)
		self.tried += 1
		message = error_message(response)
		if response.ok or not message or before != after:
			self.wrong.append(
				f"{principal} / {doctype} {name} / {what}: HTTP {response.status_code}, "
				f"{'changed' if before != after else 'unchanged'}, message {message[:150]!r}"
			)
			frappe.db.set_value(
				doctype,
				name,
				{key: before[key] for key in ("docstatus", *self.state_fields) if key in before},
				update_modified=False,
			)
			frappe.db.commit()

	@property
	def state_fields(self):
		return [w.workflow_state_field for w in self.workflows]

	def record_in_state(self, workflow, state, user: str) -> str:
		name = self.records.of(workflow.document_type, user, fresh=True)
		frappe.db.set_value(
			workflow.document_type,
			name,
			{workflow.workflow_state_field: state.state, "docstatus": int(state.doc_status)},
			update_modified=False,
		)
		frappe.db.commit()
		return name

	def granted(self, workflow, doc, principal: str) -> list:
		"""The transitions the policy lets the user take from the record's state, on a record of their own."""
		roles = PRINCIPALS[principal][1]
		docstatus = {s.state: int(s.doc_status) for s in workflow.states}
		current = doc.get(workflow.workflow_state_field)
		actions = policy.offered_actions(doc.doctype, current, roles, above_appetite=above_appetite(doc))
		return [
			t
			for t in workflow.transitions
			if t.state == current
			and t.action in actions
			and t.allowed in roles
			and (doc.doctype, t.action) not in policy.NOT_ON_OWN_DRAFT
			and policy.allowed(
				doc.doctype,
				roles,
				RIGHT_FOR_DOCSTATUS.get((doc.docstatus, docstatus[t.next_state]), "W"),
				own=True,
			)
		]

	def each_record_in_each_state(self):
		"""(workflow, record, principal, transitions granted) for each state, on a record of the user's own."""
		for workflow in self.workflows:
			for state in workflow.states:
				for principal, (email, _) in PRINCIPALS.items():
					user = "Administrator" if email == "Guest" else email
					name = self.record_in_state(workflow, state, user)
					doc = frappe.get_doc(workflow.document_type, name)
					yield workflow, doc, principal, self.granted(workflow, doc, principal)

	def test_each_user_is_offered_the_actions_of_the_policy(self):
		for workflow, doc, principal, _granted in self.each_record_in_each_state():
			roles = PRINCIPALS[principal][1]
			state = doc.get(workflow.workflow_state_field)
			response = self.sessions[principal].post(
				"/api/method/frappe.model.workflow.get_transitions",
				json={"doc": frappe.as_json({"doctype": doc.doctype, "name": doc.name})},
			)
			self.tried += 1
			if not policy.allowed(doc.doctype, roles, "R", own=True):
				if response.status_code != 403:
					self.wrong.append(
						f"{principal} / {doc.doctype} {state}: HTTP {response.status_code}, not 403"
					)
				continue
			expected = policy.offered_actions(doc.doctype, state, roles, above_appetite=above_appetite(doc))
			offered = {t["action"] for t in response.json().get("message", [])} if response.ok else None
			if offered != expected:
				self.wrong.append(
					f"{principal} / {doc.doctype} {state}: offered {sorted(offered or [])} "
					f"(HTTP {response.status_code}), policy {sorted(expected)}"
				)
		self.check()

	def test_workflow_actions_out_of_order_or_by_the_wrong_role(self):
		for workflow, doc, principal, granted in self.each_record_in_each_state():
			for action in sorted({t.action for t in workflow.transitions} - {t.action for t in granted}):
				self.refused(
					f"{doc.get(workflow.workflow_state_field)} -> {action}",
					doc.doctype,
					doc.name,
					"POST",
					"/api/method/frappe.model.workflow.apply_workflow",
					{"doc": frappe.as_json({"doctype": doc.doctype, "name": doc.name}), "action": action},
					principal,
				)
		self.check()

	def test_workflow_state_and_docstatus_are_not_written_directly(self):
		for workflow, doc, principal, granted in self.each_record_in_each_state():
			docstatus = {s.state: int(s.doc_status) for s in workflow.states}
			reachable = {t.next_state for t in granted}
			in_place = {s for s in reachable if docstatus[s] == doc.docstatus}
			current = doc.get(workflow.workflow_state_field)
			path = f"/api/resource/{doc.doctype}/{doc.name}"
			for state in docstatus.keys() - in_place - {current}:
				field = workflow.workflow_state_field
				self.refused(
					f"PUT {field}={state}", doc.doctype, doc.name, "PUT", path, {field: state}, principal
				)
			for status in {0, 1, 2} - {docstatus[s] for s in reachable} - {doc.docstatus}:
				self.refused(
					f"PUT docstatus={status}",
					doc.doctype,
					doc.name,
					"PUT",
					path,
					{"docstatus": status},
					principal,
				)
				method = {1: "submit", 2: "cancel"}.get(status)
				if method == "submit":
					payload = {"doc": frappe.as_json(doc.as_dict())}
				elif method == "cancel":
					payload = {"doctype": doc.doctype, "name": doc.name}
				else:
					continue
				url = f"/api/method/frappe.client.{method}"
				self.refused(method, doc.doctype, doc.name, "POST", url, payload, principal)
		self.check()

	def test_submitted_records_are_not_edited_or_deleted(self):
		for doctype in self.submittable:
			name = self.records.submitted(doctype)
			doc = frappe.get_doc(doctype, name)
			fields = [
				f
				for f in frappe.get_meta(doctype).fields
				if f.fieldtype in EDITABLE_TYPES
				and not f.allow_on_submit
				and f.fieldname not in self.state_fields
				and changed_value(f, doc.get(f.fieldname)) is not None
			]
			path = f"/api/resource/{doctype}/{name}"
			for principal in PRINCIPALS:
				for field in fields:
					change = {field.fieldname: changed_value(field, doc.get(field.fieldname))}
					self.refused(f"PUT {field.fieldname}", doctype, name, "PUT", path, change, principal)
				self.refused("PUT docstatus=0", doctype, name, "PUT", path, {"docstatus": 0}, principal)
				self.refused("DELETE", doctype, name, "DELETE", path, None, principal)
		self.check()

	def test_records_that_others_depend_on_are_not_cancelled(self):
		for doctype in self.submittable:
			for link in frappe.get_all(
				"DocField",
				filters={"fieldtype": "Link", "options": doctype, "fieldname": ("!=", "amended_from")},
				fields=["parent", "fieldname"],
			):
				if link.parent not in self.submittable:
					continue
				name = self.records.submitted(doctype)
				self.records.submitted(link.parent, **{link.fieldname: name})
				for principal in PRINCIPALS:
					self.refused(
						f"cancel while {link.parent} links to it",
						doctype,
						name,
						"POST",
						"/api/method/frappe.client.cancel",
						{"doctype": doctype, "name": name},
						principal,
					)
		self.check()
