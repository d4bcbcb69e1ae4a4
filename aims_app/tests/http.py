"""A real HTTP server for integration tests, and users logged in to it with a password and a cookie session.

Frappe's WSGI application is served from a thread on a free port of 127.0.0.1, as `bench serve` would: each
request has its own connection to the database, so it sees only committed data.
"""

import logging
from threading import Thread

import frappe
import requests
from frappe.app import application
from frappe.utils.password import update_password
from werkzeug.serving import make_server

from aims_app.roles import AIMS_ROLES
from aims_app.tests import AimsTestCase
from aims_app.tests.records import Records

PASSWORD = "Perm-test-password-1"

# Who the hardening tests act as: one user per AIMS role, a desk user holding none of them, and Guest.
PRINCIPALS = {
	**{role: (f"perm-http-{frappe.scrub(role)}@example.com", (role,)) for role in AIMS_ROLES},
	"Desk user": ("perm-http-desk-user@example.com", ()),
	"Guest": ("Guest", ()),
}


class LiveServer:
	def __init__(self):
		self.site = frappe.local.site
		logging.getLogger("werkzeug").setLevel(logging.WARNING)
		self._server = make_server("127.0.0.1", 0, application, threaded=True)
		self.url = f"http://127.0.0.1:{self._server.server_port}"
		Thread(target=self._server.serve_forever, daemon=True).start()

	def stop(self):
		self._server.shutdown()
		self._server.server_close()

	def sessions(self) -> dict[str, "Session"]:
		"""Every principal logged in (aims_app.tests.setup made them, with exactly their roles)."""
		return {principal: self.session(email) for principal, (email, _) in PRINCIPALS.items()}

	def session(self, user: str = "Guest") -> "Session":
		"""A browser-like session: Guest, or `user` logged in through /api/method/login."""
		session = Session(self)
		if user != "Guest":
			update_password(user, PASSWORD)
			frappe.db.commit()
			response = session.post("/api/method/login", json={"usr": user, "pwd": PASSWORD})
			assert response.status_code == 200, f"{user} could not log in: {response.text}"
		return session


class Session(requests.Session):
	"""requests.Session on the live server: paths are relative to it, answers are JSON. The test's own
	transaction is committed before each request, so the server sees what the test wrote and the test then
	reads what the server committed."""

	def __init__(self, server: LiveServer):
		super().__init__()
		self.base = server.url
		self.headers.update({"X-Frappe-Site-Name": server.site, "Accept": "application/json"})

	def request(self, method, url, *args, **kwargs):
		frappe.db.commit()
		return super().request(method, self.base + url, *args, **kwargs)


def error_message(response: requests.Response) -> str:
	"""What the user is told when a request is refused (the exception or the server messages)."""
	try:
		body = response.json()
	except ValueError:
		return ""
	messages = frappe.parse_json(body.get("_server_messages") or "[]")
	return " ".join(
		[body.get("exception") or "", *(frappe.parse_json(m).get("message", "") for m in messages)]
	).strip()


class LiveServerTestCase(AimsTestCase):
	"""One live server per class with every principal logged in, and records removed when the class ends.
	Each test counts what it tried and lists what went wrong; the figures are printed per test and in all."""

	wrong_means = "wrong"
	complete_records = False

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.records = Records(complete=cls.complete_records)
		cls.server = LiveServer()
		cls.sessions = cls.server.sessions()
		cls.figures = {}

	@classmethod
	def tearDownClass(cls):
		cls.server.stop()
		cls.records.remove_all()
		tried = sum(t for t, _ in cls.figures.values())
		wrong = sum(w for _, w in cls.figures.values())
		print(f"\n{cls.__name__}: {tried} tried, {wrong} {cls.wrong_means}")
		super().tearDownClass()

	def setUp(self):
		self.tried, self.wrong = 0, []

	def tearDown(self):
		self.figures[self._testMethodName] = (self.tried, len(self.wrong))
		print(f"\n{self._testMethodName}: {self.tried} tried, {len(self.wrong)} {self.wrong_means}")
		super().tearDown()

	def check(self):
		self.assertFalse(self.wrong, "\n".join(self.wrong))
