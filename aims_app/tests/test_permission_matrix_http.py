"""The permission matrix of docs/permissions.md, tried cell by cell over HTTP by real users logged in.

For each AIMS role, a desk user holding none of them and Guest, on every aims_app doctype: read, list
(/api/resource and report view), create, write, delete, submit and cancel, and every script report of the
app, compared with what scripts/build_permission_matrix.py documents. Where a record-level rule binds the
user, changes are tried on a record of their own and on one of someone else. Submit and cancel of doctypes
under a workflow are left to test_forbidden_transitions: there the workflow decides.
"""

import importlib.util
from pathlib import Path

import frappe

from aims_app.roles import AIMS_ROLES
from aims_app.tests.http import PRINCIPALS, LiveServerTestCase, error_message
from aims_app.tests.metadata import app_doctypes, script_reports


def documented_matrix():
	"""The generator of docs/permissions.md (the static suite keeps the document equal to its output)."""
	path = Path(frappe.get_app_path("aims_app")).parent / "scripts" / "build_permission_matrix.py"
	spec = importlib.util.spec_from_file_location("build_permission_matrix", path)
	module = importlib.util.module_from_spec(spec)
	spec.loader.exec_module(module)
	return module


def outcome(response) -> str:
	"""allowed, denied, or validation: the permission check was passed and the controller then refused the
	record (a rule of its own, such as a complete impact assessment before signing)."""
	if response.ok:
		return "allowed"
	if response.status_code == 403:
		return "denied"
	if response.status_code == 417:
		return "validation"
	return f"error {response.status_code}: {error_message(response)[:300]}"


def has_workflow(doctype: str) -> bool:
	return bool(frappe.db.exists("Workflow", {"document_type": doctype, "is_active": 1}))


class TestPermissionMatrixOverHttp(LiveServerTestCase):
	wrong_means = "differ from docs/permissions.md"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		generator = documented_matrix()
		cls.rows = {row["doctype"]: row for row in generator.matrix()}
		cls.unrestricted = set(generator.UNRESTRICTED_ROLES)
		cls.doctypes = app_doctypes(singles=True)

	def setUp(self):
		super().setUp()
		self.validated = []

	def tearDown(self):
		super().tearDown()
		for line in self.validated:
			print(f"  allowed, then refused by the controller: {line}")

	def expected(self, principal: str, doctype: str, right: str, own: bool = True) -> bool:
		"""What the matrix documents: the right from one of the user's roles, and on someone else's record
		only if the record-level rule does not bind them (it names their role, or they are unrestricted)."""
		row = self.rows.get(doctype, {"rights": {}, "rule": ""})
		roles = set(PRINCIPALS[principal][1])
		if not any(right in row["rights"].get(role, "") for role in roles):
			return False
		exempt = self.unrestricted | {role for role in AIMS_ROLES if role in row["rule"]}
		return own or not row["rule"] or bool(roles & exempt)

	def attempt(self, principal: str, doctype: str, action: str, expected: bool, response) -> str:
		self.tried += 1
		got = outcome(response)
		if got == "validation":
			self.validated.append(f"{principal} / {doctype} / {action}: {error_message(response)[:200]}")
			got = "allowed"
		if got != ("allowed" if expected else "denied"):
			self.wrong.append(f"{principal} / {doctype} / {action}: documented {expected}, got {got}")
		return got

	def owners(self, principal: str, doctype: str):
		"""(own?, user whose record it is): theirs, and someone else's where a record-level rule applies."""
		email = PRINCIPALS[principal][0]
		yield True, ("Administrator" if email == "Guest" else email)
		if self.rows.get(doctype, {}).get("rule") and email != "Guest":
			yield False, "Administrator"

	def test_every_doctype_is_documented(self):
		for doctype in self.doctypes:
			self.tried += 1
			if doctype not in self.rows:
				self.wrong.append(f"{doctype} is missing from docs/permissions.md")
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
				user = PRINCIPALS[principal][0]
				user = "Administrator" if user == "Guest" else user
				self.records.of(doctype, user)
				values = self.records.values(doctype, user)
				response = session.post(f"/api/resource/{doctype}", json=values)
				self.attempt(principal, doctype, "create", self.expected(principal, doctype, "C"), response)
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
					doc = frappe.get_doc(doctype, self.records.of(doctype, user, fresh=True)).as_dict()
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
		reports = script_reports(fields=["name", "ref_doctype"])
		for report in reports:
			for principal, session in self.sessions.items():
				response = session.post(
					"/api/method/frappe.desk.query_report.run",
					json={"report_name": report.name, "filters": {}},
				)
				expected = self.expected(principal, report.ref_doctype, "R")
				self.attempt(principal, report.ref_doctype, f"report {report.name}", expected, response)
		self.check()

	def test_auditors_do_not_audit_their_own_area(self):
		auditor = PRINCIPALS["AIMS Auditor"][0]
		for own, user in ((True, auditor), (False, "Administrator")):
			system = self.records.of("AI System", user)
			audit = {**self.records.values("AIMS Audit", auditor), "ai_systems": [{"ai_system": system}]}
			response = self.sessions["AIMS Auditor"].post("/api/resource/AIMS Audit", json=audit)
			self.tried += 1
			if response.ok:
				self.records.made.append(("AIMS Audit", response.json()["data"]["name"]))
			refused = response.status_code == 417 and "own area" in error_message(response)
			if refused != own:
				self.wrong.append(
					f"AIMS Auditor / AIMS Audit of {'their own' if own else 'another'} system: "
					f"HTTP {response.status_code} {error_message(response)[:200]}"
				)
		self.check()
