"""The base class for aims_app's integration tests, and helpers to act as real users.

One base works on Frappe v15 and v16: v16 renamed FrappeTestCase to IntegrationTestCase.
"""

import io
import os
import unittest
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread

import frappe
from frappe.desk.doctype.number_card.number_card import get_result
from pypdf import PdfReader
from werkzeug.test import Client, TestResponse

from aims_app.aims_library.tree import TreeNode
from aims_app.compat import ignored_test_records
from aims_app.install import optional_link_targets

try:
	from frappe.tests import IntegrationTestCase as _FrappeBase
except ImportError:
	from frappe.tests.utils import FrappeTestCase as _FrappeBase


class AimsTestCase(_FrappeBase):
	"""Every test starts from the installed site: what a test writes is rolled back when it ends.

	Frappe v15 rolls back only once per class; a test that must commit cleans up after itself.
	"""

	def setUp(self):
		# Frappe keeps the outgoing email account it found for the rest of the process; a request starts without
		# it, and so does each test (one that found none while emails were muted would leave a dummy account,
		# without an address, for every test after it).
		forget_outgoing_email_account()
		super().setUp()

	def tearDown(self):
		frappe.db.rollback()
		super().tearDown()


def default_outgoing_email_account() -> str | None:
	"""A default outgoing account, as a real site has one, for tests whose records send email (Frappe builds a
	notification's email at once in tests). Returns the account's name when this call created it."""
	if frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}):
		return None
	account = frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": "AIMS Outgoing",
			"email_id": "aims@example.com",
			"enable_outgoing": 1,
			"default_outgoing": 1,
			"smtp_server": "smtp.example.com",
			"no_smtp_authentication": 1,
		}
	).insert(ignore_permissions=True)
	forget_outgoing_email_account()
	return account.name


def forget_outgoing_email_account():
	if hasattr(frappe.local, "outgoing_email_account"):
		delattr(frappe.local, "outgoing_email_account")


def needs_apps(*apps: str):
	"""Run a test or test class only where these apps are installed; elsewhere it is skipped and says why."""
	missing = [app for app in apps if app not in frappe.get_installed_apps()]
	return unittest.skipIf(
		bool(missing), f"needs {', '.join(missing)}, which this site does not have installed"
	)


# For the test modules of doctypes that carry the ERPNext and HRMS links: Frappe's runner would otherwise build
# those apps' own test records (their companies, fiscal years, warehouses). aims_app's tests never use them;
# each makes the ERPNext records it relies on. Such a module says globals().update(IGNORE_OTHER_APPS_TEST_RECORDS),
# which sets the attribute the running Frappe reads (aims_app.compat.ignored_test_records).
OTHER_APPS_TEST_RECORDS = optional_link_targets()
IGNORE_OTHER_APPS_TEST_RECORDS = ignored_test_records(OTHER_APPS_TEST_RECORDS)


def make_user(email: str, roles: list[str]) -> str:
	"""A real desk user holding exactly these roles, created once per site. The users most tests act as are
	made before the tests run (aims_app.tests.setup), so this changes nothing for them."""
	held = frappe.get_all("Has Role", filters={"parenttype": "User", "parent": email}, pluck="role")
	if sorted(held) == sorted(roles) and frappe.db.exists("User", email):
		return email
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"send_welcome_email": 0,
				"user_type": "System User",
			}
		)
		user.insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	user.roles = []
	user.append_roles(*roles)
	user.save(ignore_permissions=True)
	return email


@contextmanager
def acting_as(user: str):
	"""Run a block as `user`, then return to whoever was running before."""
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user(previous)


def library_tree() -> list[TreeNode]:
	"""The stored library tree, as the pure tree rules take it."""
	rows = frappe.get_all(
		"Framework Requirement", fields=["name", "parent_framework_requirement", "lft", "rgt"], order_by="lft"
	)
	return [TreeNode(r.name, r.parent_framework_requirement, r.lft, r.rgt) for r in rows]


class ApiClient:
	"""HTTP requests through Frappe's own WSGI application, authenticated as a real user by API key.

	Each request runs in its own thread, so it gets its own request context and database connection,
	exactly as on a server: it sees only committed data.
	"""

	def __init__(self, user: str):
		doc = frappe.get_doc("User", user)
		secret = frappe.generate_hash(length=16)
		doc.api_key = doc.api_key or frappe.generate_hash(length=16)
		doc.api_secret = secret
		doc.save(ignore_permissions=True)
		self.user = user
		self.headers = {
			"Authorization": f"token {doc.api_key}:{secret}",
			"X-Frappe-Site-Name": frappe.local.site,
		}

	def request(self, method: str, path: str, json: dict | None = None) -> TestResponse:
		from frappe.app import application

		response = {}

		def send():
			response["value"] = Client(application).open(path, method=method, json=json, headers=self.headers)

		thread = Thread(target=send)
		thread.start()
		thread.join()
		return response["value"]

	def get(self, path: str, json: dict | None = None) -> TestResponse:
		return self.request("GET", path, json)

	def post(self, path: str, json: dict) -> TestResponse:
		return self.request("POST", path, json)

	def put(self, path: str, json: dict) -> TestResponse:
		return self.request("PUT", path, json)

	def delete(self, path: str) -> TestResponse:
		return self.request("DELETE", path)


class _AssetHandler(SimpleHTTPRequestHandler):
	"""Serves the bench's built assets (sites/assets) and nothing else, quietly."""

	def translate_path(self, path):
		if not path.startswith("/assets/"):
			return os.devnull
		return super().translate_path(path)

	def log_message(self, format, *args):
		pass


@contextmanager
def assets_served_locally():
	"""wkhtmltopdf loads the print stylesheet from the site's URL. Tests run without a web server (as in
	CI), so serve the built assets on 127.0.0.1 and point the site's URL there while the block runs."""
	handler = partial(_AssetHandler, directory=os.path.join(frappe.utils.get_bench_path(), "sites"))
	server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
	Thread(target=server.serve_forever, daemon=True).start()
	previous = frappe.local.conf.get("host_name")
	frappe.local.conf.host_name = f"http://127.0.0.1:{server.server_port}"
	try:
		yield
	finally:
		frappe.local.conf.host_name = previous
		server.shutdown()
		server.server_close()


def pdf_text(doctype: str, name: str, print_format: str) -> str:
	"""The words of a document printed to PDF through the framework, as a user downloads it, one space apart."""
	with assets_served_locally():
		pdf = frappe.get_print(doctype, name, print_format=print_format, as_pdf=True)
	assert pdf.startswith(b"%PDF"), "the print did not produce a PDF"
	text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
	return " ".join(text.split())


def card_value(name: str) -> float:
	"""A workspace card's number, fetched the way the desk's number card widget fetches it."""
	card = frappe.get_doc("Number Card", name)
	if card.type == "Custom":
		return frappe.get_attr(card.method)(filters=card.filters_json)["value"]
	return get_result(card.as_json(), card.filters_json)


@contextmanager
def counting_queries():
	"""Counts the SQL statements run in the block, the way FrappeTestCase.assertQueryCount does."""
	queries = []
	original = frappe.db.__class__.sql

	def sql(self, *args, **kwargs):
		queries.append(args[0])
		return original(self, *args, **kwargs)

	frappe.db.__class__.sql = sql
	try:
		yield queries
	finally:
		frappe.db.__class__.sql = original
