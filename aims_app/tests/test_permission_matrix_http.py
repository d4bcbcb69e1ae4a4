"""The permission policy written by hand in aims_app/tests/policy.py, tried cell by cell over HTTP by real
users logged in.

For each AIMS role, a desk user holding none of them and Guest, on every aims_app doctype: read, list
(/api/resource and report view), create, write, delete, submit and cancel, and every script report of the
app. Where the policy gives a right only on one's own record, it is tried on a record of the user's own and
on one of someone else. Only a 2xx answer counts as allowed and only a 403 as refused: a 417 (the permission
check passed, then the controller refused the record) or any other answer is a failure, whatever was
expected. Submit and cancel of doctypes under a workflow are the workflow's actions: test_forbidden_transitions
tries them against the same policy.
"""

import frappe

from aims_app.tests import policy
from aims_app.tests.http import PRINCIPALS, LiveServerTestCase, error_message
from aims_app.tests.metadata import app_doctypes, script_reports


def outcome(response) -> str:
	if response.ok:
		return "allowed"
	if response.status_code == 403:
		return "denied"
	return f"HTTP {response.status_code} {error_message(response)[:300]}"


def has_workflow(doctype: str) -> bool:
	return bool(frappe.db.exists("Workflow", {"document_type": doctype, "is_active": 1}))


class TestPermissionMatrixOverHttp(LiveServerTestCase):
	wrong_means = "differ from the policy"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.doctypes = app_doctypes(singles=True)

	def expected(self, principal: str, doctype: str, right: str, own: bool = True) -> bool:
		return policy.allowed(doctype, PRINCIPALS[principal][1], right, own)

	def attempt(self, principal: str, doctype: str, action: str, expected: bool, response) -> str:
		self.tried += 1
		got = outcome(response)
		if got != ("allowed" if expected else "denied"):
			self.wrong.append(
				f"{principal} / {doctype} / {action}: policy {'allows' if expected else 'refuses'}, got {got}"
			)
		return got

	def owners(self, principal: str, doctype: str):
		"""(own?, user whose record it is): theirs, and someone else's where the policy has an owner rule."""
		email = PRINCIPALS[principal][0]
		yield True, ("Administrator" if email == "Guest" else email)
		if doctype in policy.OWN_RULES and email != "Guest":
			yield False, "Administrator"

	def test_every_doctype_has_a_policy(self):
		for doctype in self.doctypes:
			self.tried += 1
			if doctype not in policy.RIGHTS:
				self.wrong.append(f"{doctype} has no row in aims_app/tests/policy.py: write its policy")
		self.check()

	def test_read_and_list(self):
		for doctype in self.doctypes:
			single = frappe.get_meta(doctype).issingle
			name = doctype if single else self.records.of(doctype)
			for principal, session in self.sessions.items():
				expected = self.expected(principal, doctype, "R")
				self.attempt(
					principal, doctype, "read", expected, session.get(f"/api/resource/{doctype}/{name}")
				)
				if single:
					continue
				self.attempt(principal, doctype, "list", expected, session.get(f"/api/resource/{doctype}"))
				report_view = session.post(
					"/api/method/frappe.desk.reportview.get", json={"doctype": doctype, "fields": ["name"]}
				)
				self.attempt(principal, doctype, "report view", expected, report_view)
		self.check()

	def test_create(self):
		for doctype in self.doctypes:
			if frappe.get_meta(doctype).issingle:
				continue
			for principal, session in self.sessions.items():
				for own, user in self.owners(principal, doctype):
					self.records.of(doctype, user)
					response = session.post(
						f"/api/resource/{doctype}", json=self.records.values(doctype, user)
					)
					expected = self.expected(principal, doctype, "C", own)
					self.attempt(
						principal, doctype, f"create ({'own' if own else 'other'})", expected, response
					)
					if response.ok:
						self.records.made.append((doctype, response.json()["data"]["name"]))
		self.check()

	def test_write(self):
		for doctype in self.doctypes:
			single = frappe.get_meta(doctype).issingle
			for principal, session in self.sessions.items():
				for own, user in self.owners(principal, doctype):
					name = doctype if single else self.records.of(doctype, user)
					expected = self.expected(principal, doctype, "W", own)
					response = session.put(f"/api/resource/{doctype}/{name}", json={})
					self.attempt(
						principal, doctype, f"write ({'own' if own else 'other'})", expected, response
					)
		self.check()

	def test_delete(self):
		for doctype in self.doctypes:
			if frappe.get_meta(doctype).issingle:
				continue
			for principal, session in self.sessions.items():
				for own, user in self.owners(principal, doctype):
					name = self.records.of(doctype, user, fresh=True)
					expected = self.expected(principal, doctype, "D", own)
					response = session.delete(f"/api/resource/{doctype}/{name}")
					self.attempt(
						principal, doctype, f"delete ({'own' if own else 'other'})", expected, response
					)
		self.check()

	def test_submit_and_cancel(self):
		for doctype in self.doctypes:
			if not frappe.get_meta(doctype).is_submittable or has_workflow(doctype):
				continue
			for principal, session in self.sessions.items():
				for own, user in self.owners(principal, doctype):
					whose = "own" if own else "other"
					doc = frappe.get_doc(doctype, self.records.signable(doctype, user)).as_dict()
					response = session.post(
						"/api/method/frappe.client.submit", json={"doc": frappe.as_json(doc)}
					)
					expected = self.expected(principal, doctype, "S", own)
					self.attempt(principal, doctype, f"submit ({whose})", expected, response)
					name = self.records.submitted(doctype, user)
					response = session.post(
						"/api/method/frappe.client.cancel", json={"doctype": doctype, "name": name}
					)
					expected = self.expected(principal, doctype, "X", own)
					self.attempt(principal, doctype, f"cancel ({whose})", expected, response)
		self.check()

	def test_reports(self):
		for report in script_reports(fields=["name", "ref_doctype"]):
			for principal, session in self.sessions.items():
				response = session.post(
					"/api/method/frappe.desk.query_report.run",
					json={"report_name": report.name, "filters": {}},
				)
				expected = self.expected(principal, report.ref_doctype, "R")
				self.attempt(principal, report.ref_doctype, f"report {report.name}", expected, response)
		self.check()

	def test_auditors_do_not_audit_their_own_area(self):
		"""Refused with a message when the auditor owns a system in scope or is assigned to it; allowed otherwise."""
		auditor = PRINCIPALS["AIMS Auditor"][0]
		owned = self.records.of("AI System", auditor, fresh=True)
		assigned = self.records.of("AI System", "Administrator", fresh=True)
		self.records.of("AIMS Role Assignment", auditor, fresh=True, ai_system=assigned, requirement=None)
		independent = self.records.of("AI System", "Administrator", fresh=True)
		for system, own_area in ((owned, True), (assigned, True), (independent, False)):
			audit = {**self.records.values("AIMS Audit", auditor), "ai_systems": [{"ai_system": system}]}
			response = self.sessions["AIMS Auditor"].post("/api/resource/AIMS Audit", json=audit)
			self.tried += 1
			if response.ok:
				self.records.made.append(("AIMS Audit", response.json()["data"]["name"]))
			refused = response.status_code == 417 and policy.AUDITOR_INDEPENDENCE in error_message(response)
			if (refused, response.ok) != (own_area, not own_area):
				self.wrong.append(
					f"AIMS Auditor / AIMS Audit of {system} ({'their own area' if own_area else 'independent'}): "
					f"HTTP {response.status_code} {error_message(response)[:200]}"
				)
		self.check()
