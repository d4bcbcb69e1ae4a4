"""Every whitelisted function and document method of the app, called over HTTP as Guest, as a desk user with
no AIMS role and as each AIMS role, each answer compared with the table written by hand in
aims_app/tests/policy.py (METHODS), issue 25.

The methods are found at run time: every module of aims_app is imported and Frappe's own register of
whitelisted functions (`frappe.whitelisted`) read, so a method added later fails here until the policy and
this test say who may call it and how. Each is called with real records made for the caller (their own, and
someone else's where the policy has owner rules): a module function at /api/method/<path>, a document method
through run_doc_method on the record, a link from an email by GET. Only a 2xx answer counts as allowed and
only a 403 as refused; anything else is a failure. The attempts per caller are printed.
"""

import base64
import importlib
import pkgutil
from collections import Counter

import frappe
from frappe.model.base_document import get_controller
from frappe.utils.background_jobs import get_queue

import aims_app
from aims_app.ai_systems.doctype.ai_concern.ai_concern import confirmation_key
from aims_app.ai_systems.portal.rules import key_digest, new_key
from aims_app.tests import default_outgoing_email_account, make_user, policy
from aims_app.tests.http import PRINCIPALS, LiveServerTestCase, error_message
from aims_app.tests.records import OUTCOMES
from aims_app.tests.test_permission_matrix_http import outcome
from aims_app.tests.test_portal import a_pdf

INVENTORY = frappe.get_app_path("aims_app", "ai_systems", "inventory", "example.yaml")
INVENTORY_PEOPLE = ("priya.shah@example.com", "liam.osei@example.com")  # the owners the example names
# What allowed calls queue on the long queue (no worker runs in the tests): taken off again at the end.
QUEUED_BY_CALLS = ("sync_models", "build_pack_file")


def app_modules() -> tuple[list[str], list[str]]:
	"""Every module of aims_app imported (its tests apart), and those that failed to import, with why."""
	imported, failed = [], []
	for module in pkgutil.walk_packages(aims_app.__path__, "aims_app."):
		if module.name.startswith("aims_app.tests") or ".test_" in module.name:
			continue
		try:
			importlib.import_module(module.name)
			imported.append(module.name)
		except Exception as error:
			failed.append(f"{module.name}: {error!r}")
	return imported, failed


def whitelisted_methods() -> dict[str, object]:
	"""Dotted path (`module.function` or `module.Class.method`) -> function, for what aims_app whitelists.
	Frappe 15 keeps its register in `frappe.whitelisted` (what `frappe.is_whitelisted` checks)."""
	register = getattr(frappe, "whitelisted", None)
	assert register is not None, (
		"this Frappe keeps no frappe.whitelisted: find its register of whitelisted methods"
	)
	return {
		f"{fn.__module__}.{fn.__qualname__}": fn
		for fn in register
		if (fn.__module__ or "").startswith("aims_app.")
	}


def controller_doctypes() -> dict[tuple[str, str], str]:
	"""(module, class name) of each aims_app doctype's controller -> the doctype."""
	from aims_app.tests.metadata import app_doctypes

	doctypes = {}
	for doctype in app_doctypes(singles=True):
		controller = get_controller(doctype)
		doctypes[(controller.__module__, controller.__name__)] = doctype
	return doctypes


def drop_queued_jobs(functions=QUEUED_BY_CALLS):
	"""Jobs the allowed calls queued for this site, taken off the queue so that no worker runs them later."""
	queue = get_queue("long")
	for job in queue.get_jobs():
		kwargs = job.kwargs or {}
		method = kwargs.get("method")
		name = getattr(method, "__name__", str(method))
		if kwargs.get("site") == frappe.local.site and any(function in name for function in functions):
			job.delete()


class TestWhitelistedMethodsOverHttp(LiveServerTestCase):
	wrong_means = "differ from the policy"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.modules, cls.import_failures = app_modules()
		cls.methods = whitelisted_methods()
		cls.doctypes = controller_doctypes()
		cls.email_account = default_outgoing_email_account()
		for user in INVENTORY_PEOPLE:
			make_user(user, ["AIMS Manager", "System Manager"])  # as test_concurrency makes them
		frappe.db.commit()
		cls.per_caller = Counter()

	@classmethod
	def tearDownClass(cls):
		drop_queued_jobs()
		if cls.email_account:
			frappe.delete_doc("Email Account", cls.email_account, force=True, ignore_permissions=True)
		frappe.db.commit()
		print("\nwhitelisted methods: " + ", ".join(f"{p} {n}" for p, n in cls.per_caller.items()))
		super().tearDownClass()

	# the calls -------------------------------------------------------------------------------------------

	def user_of(self, principal: str) -> str:
		"""Whose records a caller's calls name: their own (Guest has none: the Administrator's)."""
		email = PRINCIPALS[principal][0]
		return "Administrator" if email == "Guest" else email

	def doc_call(self, doctype: str, name: str, method: str) -> dict:
		return {"path": "/api/method/run_doc_method", "json": {"dt": doctype, "dn": name, "method": method}}

	def evaluation_with_outcomes(self, user: str) -> str:
		"""A draft fairness evaluation of the user's system with an outcomes file attached and its columns
		named: what *Evaluate* needs."""
		name = self.records.of("AI Fairness Evaluation", user, fresh=True)
		doc = frappe.get_doc("AI Fairness Evaluation", name)
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"outcomes-{name}.csv",
				"attached_to_doctype": doc.doctype,
				"attached_to_name": name,
				"is_private": 1,
				"content": OUTCOMES.encode(),
			}
		).insert(ignore_permissions=True)
		doc.update(
			{"outcomes_file": file.file_url, "group_columns": "group", "prediction_column": "decision"}
		)
		doc.update(
			{
				"label_column": None,
				"score_column": None,
				"favourable_values": None,
				"positive_label_values": None,
			}
		)
		doc.save(ignore_permissions=True)
		frappe.db.commit()
		return name

	def filed_evaluation(self, user: str) -> str:
		"""A signed fairness evaluation of the user's that was filed as evidence already (so the call checks
		the caller's rights and answers with that evidence, without printing the report again)."""
		name = self.records.submitted("AI Fairness Evaluation", user)
		frappe.db.set_value(
			"AI Fairness Evaluation", name, "evidence", self.records.of("AIMS Evidence", user)
		)
		frappe.db.commit()
		return name

	def concern(self, user: str) -> str:
		return self.records.of("AI Concern", user, fresh=True, ai_system=self.records.of("AI System", user))

	def sent_assessment(self, user: str) -> tuple[str, str]:
		"""A supplier assessment sent with a key of its own; returns it and the key its email would carry."""
		name = self.records.of("AI Supplier Assessment", user, fresh=True)
		key = new_key()
		frappe.db.set_value(
			"AI Supplier Assessment", name, {"access_key_hash": key_digest(key), "status": "Sent"}
		)
		frappe.db.commit()
		return name, key

	def programme_with_a_planned_audit(self, user: str) -> dict:
		row = {
			**self.records.values("Audit Programme Audit", user),
			"audit_title": "Planned by the method test",
			"aims_audit": None,
		}
		name = self.records.of("Audit Programme", user, fresh=True, audits=[row])
		return {"programme": name, "row_name": frappe.get_doc("Audit Programme", name).audits[0].name}

	def whose(self, method: str, principal: str):
		"""(own?, user whose records the call names): the caller's own, and where the method needs a change
		with an owner rule (an AI System Owner evaluating another owner's fairness evaluation), someone
		else's too."""
		yield True, self.user_of(principal)
		needs = policy.METHODS[method]
		owner_rule = isinstance(needs, tuple) and any(
			doctype in policy.OWN_RULES and letter != "R" for letter, doctype in needs
		)  # reading is never limited to one's own records
		if owner_rule and principal != "Guest":
			yield False, "Administrator"

	def calls(self, method: str, user: str) -> list[dict]:
		"""The requests that try `method` on the records of `user`: path, arguments, the doctype asked about
		(where the policy depends on it) and what the policy expects when it is not the caller's rights."""
		owner, short = method.rsplit(".", 1)
		api = f"/api/method/{method}"
		if doctype := self.doctypes.get(tuple(owner.rsplit(".", 1))):
			record = {
				"evaluate": self.evaluation_with_outcomes,
				"file_as_evidence": self.filed_evaluation,
				"make_incident": self.concern,
				"make_nonconformity": self.concern,
				"send_to_supplier": lambda user: self.records.of("AI Supplier Assessment", user),
			}[short](user)
			return [self.doc_call(doctype, record, short)]
		arguments = {
			"open_steps": lambda: {"ai_system": self.records.of("AI System", user)},
			"next_gate": lambda: {"ai_system": self.records.of("AI System", user)},
			"assess_value": lambda: {
				"metric": self.records.of("AI Monitoring Metric", user, source="Manual"),
				"value": 0.5,
			},
			"read_now": lambda: {"metric": self.records.of("AI Monitoring Metric", user, source="Manual")},
			"models_of_system": lambda: {
				"doctype": "AI Model",
				"txt": "",
				"searchfield": "name",
				"start": 0,
				"page_len": 20,
				"filters": {"ai_system": self.records.of("AI System", "Administrator")},
			},
			"upload_inventory": lambda: {
				"content": open(INVENTORY).read(),
				"filename": "example.yaml",
				"dry_run": 1,
			},
			"download_inventory": dict,
			"sync_now": dict,
			"get_published_policy": dict,
			"overdue_corrective_actions": lambda: {"filters": "[]"},
			"evidence_expiring": lambda: {"filters": "[]"},
			"evidence_expired": lambda: {"filters": "[]"},
			"risk_heat_map": dict,
			"make_ai_supplier": lambda: {"source_name": "A supplier of ERPNext"},
			"get_children": lambda: {"doctype": "Framework Requirement", "parent": "", "is_root": 1},
			"recompile_inputs": lambda: {"name": self.records.of("Management Review", user)},
			"create_audit": lambda: self.programme_with_a_planned_audit(user),
			"get": dict,
			"request_pack": dict,
			"my_packs": dict,
			"get_count": lambda: {"doctype": "AI System"},
		}
		if short == "attach_document":
			_name, key = self.sent_assessment(user)
			document = {
				"filename": f"statement-{frappe.generate_hash(length=6)}.pdf",
				"content": "data:application/pdf;base64," + base64.b64encode(a_pdf()).decode(),
			}
			return [
				{"path": api, "data": {"access_key": key, **document}},
				{"path": api, "data": {"access_key": "guessed-" + key[8:], **document}, "expect": False},
			]
		if short == "confirm_contact":
			# the link of the confirmation email, opened in a browser
			concern = self.records.of("AI Concern", user, fresh=True, contact_email="reporter@example.com")
			link = {"reference": concern, "key": confirmation_key(concern, "reporter@example.com")}
			return [{"path": api, "params": link}]
		if short not in arguments:
			return []
		asked = "AI System" if short == "get_count" else None
		return [{"path": api, "json": arguments[short](), "asked": asked}]

	# the tests ------------------------------------------------------------------------------------------

	def test_every_module_of_the_app_imports(self):
		self.tried += len(self.modules) + len(self.import_failures)
		self.wrong.extend(self.import_failures)
		self.check()

	def test_every_whitelisted_method_has_a_policy_and_a_call(self):
		self.assertGreater(len(self.methods), 20, "the app's whitelisted methods were not found")
		for method in sorted(self.methods):
			self.tried += 1
			if method not in policy.METHODS:
				self.wrong.append(
					f"{method} has no row in METHODS of aims_app/tests/policy.py: write who may call it"
				)
			elif not self.calls(method, self.user_of("AIMS Manager")):
				self.wrong.append(f"{method}: write how to call it in {__name__}.calls")
		for method in sorted(set(policy.METHODS) - set(self.methods)):
			self.tried += 1
			self.wrong.append(f"{method} is in the policy but not whitelisted (renamed or removed?)")
		self.check()

	def test_each_caller_gets_what_the_policy_says(self):
		for method in sorted(set(self.methods) & set(policy.METHODS)):
			for principal, session in self.sessions.items():
				for own, user in self.whose(method, principal):
					for call in self.calls(method, user):
						self.attempt(method, principal, session, own, call)
		self.check()

	def attempt(self, method: str, principal: str, session, own: bool, call: dict):
		frappe.cache.delete_keys("rl:")  # the questionnaire's limit per key counts every caller
		expected = call.get("expect")
		if expected is None:
			roles = PRINCIPALS[principal][1]
			expected = policy.may_call(method, roles, asked=call.get("asked"), own=own)
		if "params" in call:
			response = session.get(call["path"], params=call["params"])
		elif "json" in call:
			response = session.post(call["path"], json=call["json"])
		else:
			response = session.post(call["path"], data=call["data"])
		self.keep_what_was_made(method, response)
		self.tried += 1
		self.per_caller[principal] += 1
		got = outcome(response)
		if got != ("allowed" if expected else "denied"):
			self.wrong.append(
				f"{principal} / {'.'.join(method.rsplit('.', 2)[-2:])} ({'own' if own else 'other'} record): "
				f"policy {'allows' if expected else 'refuses'}, got {got}"
			)

	def keep_what_was_made(self, method: str, response):
		"""Records an allowed call made, removed with the test's own at the end."""
		made = {
			"make_incident": "AI Incident",
			"make_nonconformity": "Nonconformity",
			"create_audit": "AIMS Audit",
		}.get(method.rsplit(".", 1)[-1])
		if not (made and response.ok):
			return
		name = response.json().get("message")
		if isinstance(name, str) and frappe.db.exists(made, name):
			self.records.made.append((made, name))


class TestFrappeCountOverHttp(LiveServerTestCase):
	"""Frappe 15.44's `frappe.client.get_count` counted any doctype's records for anyone logged in; aims_app
	answers it as later Frappe does (docs/permissions.md)."""

	def count(self, principal: str, doctype: str, filters=None):
		return self.sessions[principal].post(
			"/api/method/frappe.client.get_count",
			json={"doctype": doctype, "filters": frappe.as_json(filters or {})},
		)

	def test_a_user_without_an_aims_role_is_refused_a_count_of_aims_records(self):
		self.records.of("AI System")
		self.records.of("AI Risk")
		for doctype in ("AI System", "AI Risk", "AI Concern"):
			for principal in ("Desk user", "Guest"):
				response = self.count(principal, doctype)
				self.tried += 1
				if response.status_code != 403:
					self.wrong.append(
						f"{principal} counted {doctype}: HTTP {response.status_code} {response.text[:200]}"
					)
		self.check()

	def test_a_viewer_gets_the_number_of_records_they_may_read(self):
		for doctype in ("AI System", "AI Risk"):
			self.records.of(doctype, fresh=True)
			stored = frappe.db.count(doctype)
			for filters, expected in ((None, stored), ({"name": "no such record"}, 0)):
				response = self.count("AIMS Viewer", doctype, filters)
				self.tried += 1
				if response.status_code != 200 or response.json()["message"] != expected:
					self.wrong.append(
						f"AIMS Viewer counting {doctype} {filters or ''}: HTTP {response.status_code} "
						f"{error_message(response) or response.text[:200]}, expected {expected}"
					)
		# a role without read on a doctype is refused it too: AI Concern is for managers, auditors and viewers
		response = self.count("AI System Owner", "AI Concern")
		self.tried += 1
		if response.status_code != 403:
			self.wrong.append(f"AI System Owner counted AI Concern: HTTP {response.status_code}")
		self.check()
