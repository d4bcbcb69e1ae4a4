"""The attacker's take on record-level rules: a write that changes the very field the permission depends on.

For every owner-scoped doctype (policy.OWNING_FIELDS) and every role that may change only its own records
there, over HTTP as that user logged in, along the three paths the desk and integrations use (REST PUT,
`frappe.client.set_value` and the form's `savedocs`):
- someone else's record, with each owning field set to the attacker (their email, or a system, risk or metric
  of their own): refused with 403, and the record as it was;
- their own record moved under someone else's system, risk or metric: refused, the record as it was;
- their own record handed over to a colleague (a person field): allowed, as the current holder may.
An AIMS Manager changes each owning field of anyone's record.
"""

import json

import frappe
from frappe.model import default_fields

from aims_app.roles import AIMS_MANAGER
from aims_app.tests import policy
from aims_app.tests.http import PRINCIPALS, LiveServerTestCase, error_message
from aims_app.tests.records import LINKED_VALUES

COLLEAGUE = "Administrator"
# Whom a record is handed over to: a colleague in the same role (aims_app/tests/setup.py makes them).
SAME_ROLE_COLLEAGUE = {
	"AI System Owner": "other-owner@example.com",
	"AI Risk Owner": "other-risk-owner@example.com",
}


class TestOwningFieldsOverHttp(LiveServerTestCase):
	wrong_means = "let through or refused wrongly"

	def attackers(self, doctype: str):
		"""The principals who may write their own records of `doctype` and no one else's."""
		for principal, (email, roles) in PRINCIPALS.items():
			if policy.allowed(doctype, roles, "W", own=True) and not policy.allowed(
				doctype, roles, "W", False
			):
				yield principal, email

	def writes(self, session, doctype: str, name: str, fieldname: str, value):
		"""The same change along each path a user has: (path, response)."""
		yield "REST PUT", session.put(f"/api/resource/{doctype}/{name}", json={fieldname: value})
		if fieldname not in default_fields:  # set_value refuses those itself, for anyone
			yield (
				"frappe.client.set_value",
				session.post(
					"/api/method/frappe.client.set_value",
					json={"doctype": doctype, "name": name, "fieldname": fieldname, "value": value},
				),
			)
		doc = frappe.get_doc(doctype, name).as_dict(no_default_fields=False)
		doc[fieldname] = value
		yield (
			"savedocs",
			session.post(
				"/api/method/frappe.desk.form.save.savedocs",
				data={"doc": json.dumps(doc, default=str), "action": "Save"},
			),
		)

	def value_for(self, doctype: str, fieldname: str, user: str) -> str:
		"""What makes a record `user`'s through `fieldname`: the user, or a record of theirs it links to."""
		field = frappe.get_meta(doctype).get_field(fieldname)
		if not field or field.options == "User":
			return user
		return self.records.of(field.options, user, **LINKED_VALUES.get((doctype, fieldname), {}))

	def owning(self, doctype: str, kind: str) -> tuple[str, ...]:
		return policy.OWNING_FIELDS[doctype].get(kind, ())

	def try_refused(self, who: str, doctype: str, name: str, fieldname: str, value):
		"""Each path's write of `value` must be refused with 403 and leave the record as it was."""
		before = frappe.db.get_value(doctype, name, fieldname)
		for path, response in self.writes(self.sessions[who], doctype, name, fieldname, value):
			self.tried += 1
			what = f"{who} sets {doctype} {fieldname} to {value} ({path})"
			if response.status_code != 403:
				got = f"{response.status_code} {error_message(response)[:200]}"
				self.wrong.append(f"{what}: expected 403, got {got}")
			stored = frappe.db.get_value(doctype, name, fieldname)
			if stored != before:
				self.wrong.append(f"{what}: {fieldname} was changed from {before} to {stored}")
				frappe.db.set_value(doctype, name, fieldname, before, update_modified=False)

	def expect_allowed(self, what: str, doctype: str, name: str, fieldname: str, value, response):
		self.tried += 1
		stored = frappe.db.get_value(doctype, name, fieldname)
		if not response.ok or stored != value:
			self.wrong.append(
				f"{what}: expected the change, got {response.status_code} {error_message(response)[:200]}, "
				f"{fieldname} = {stored}"
			)

	def test_every_owner_scoped_doctype_names_its_owning_fields(self):
		for doctype in policy.OWN_RULES:
			self.tried += 1
			if doctype not in policy.OWNING_FIELDS:
				self.wrong.append(f"{doctype}: no owning fields in aims_app/tests/policy.py")
		self.check()

	def test_someone_elses_record_is_not_made_ones_own(self):
		for doctype in policy.OWNING_FIELDS:
			for principal, email in self.attackers(doctype):
				for fieldname in (*self.owning(doctype, "people"), *self.owning(doctype, "containers")):
					name = self.records.of(doctype, COLLEAGUE, fresh=True)
					self.try_refused(
						principal, doctype, name, fieldname, self.value_for(doctype, fieldname, email)
					)
		self.check()

	def test_ones_own_record_is_not_moved_under_someone_elses(self):
		"""Where only the system, risk or metric makes a record someone's: a risk moved to another system stays
		its risk owner's, as a risk raised there would be."""
		for doctype in policy.OWNING_FIELDS:
			if self.owning(doctype, "people"):
				continue
			for principal, email in self.attackers(doctype):
				for fieldname in self.owning(doctype, "containers"):
					name = self.records.of(doctype, email, fresh=True)
					elsewhere = self.value_for(doctype, fieldname, COLLEAGUE)
					self.try_refused(principal, doctype, name, fieldname, elsewhere)
		self.check()

	def test_the_current_holder_hands_a_record_over(self):
		for doctype in policy.OWNING_FIELDS:
			for principal, email in self.attackers(doctype):
				session = self.sessions[principal]
				for fieldname in self.owning(doctype, "people"):
					if fieldname == "owner":
						continue  # who created a record is history, not handed over
					name = self.records.of(doctype, email, fresh=True)
					colleague = SAME_ROLE_COLLEAGUE[principal]
					response = session.put(f"/api/resource/{doctype}/{name}", json={fieldname: colleague})
					what = f"{principal} hands their {doctype} over to a colleague ({fieldname})"
					self.expect_allowed(what, doctype, name, fieldname, colleague, response)
		self.check()

	def test_an_aims_manager_changes_every_owning_field(self):
		manager = self.sessions[AIMS_MANAGER]
		someone = PRINCIPALS["AI System Owner"][0]
		for doctype in policy.OWNING_FIELDS:
			if not policy.allowed(doctype, (AIMS_MANAGER,), "W", own=False):
				continue
			for fieldname in (*self.owning(doctype, "people"), *self.owning(doctype, "containers")):
				if fieldname == "owner":
					continue
				name = self.records.of(doctype, COLLEAGUE, fresh=True)
				before = frappe.db.get_value(doctype, name, fieldname)
				value = self.value_for(doctype, fieldname, someone)
				response = manager.put(f"/api/resource/{doctype}/{name}", json={fieldname: value})
				what = f"AIMS Manager sets {doctype}.{fieldname}"
				self.expect_allowed(what, doctype, name, fieldname, value, response)
				# records are removed newest first: leave it under what was made before it
				frappe.db.set_value(doctype, name, fieldname, before, update_modified=False)
		self.check()

	def test_a_refusal_says_who_may_change_the_owning_field(self):
		owner = PRINCIPALS["AI System Owner"][0]
		session = self.sessions["AI System Owner"]
		mine = self.records.of("AI System", owner, fresh=True)
		theirs = self.records.of("AI Incident", COLLEAGUE, fresh=True)
		self.tried += 1
		response = session.put(f"/api/resource/AI Incident/{theirs}", json={"ai_system": mine})
		self.assertEqual(response.status_code, 403)
		mine_incident = self.records.of("AI Incident", owner, fresh=True, ai_system=mine)
		elsewhere = self.records.of("AI System", COLLEAGUE)
		response = session.put(f"/api/resource/AI Incident/{mine_incident}", json={"ai_system": elsewhere})
		self.assertEqual(response.status_code, 403)
		self.assertIn(f"cannot be set to {elsewhere}", error_message(response))
		self.assertEqual(frappe.db.get_value("AI Incident", mine_incident, "ai_system"), mine)
