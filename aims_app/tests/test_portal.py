"""Outside the desk, over real HTTP: a concern reported as Guest through the web form, the public transparency
page, and a supplier answering a questionnaire through the link only they hold (issue 15)."""

import base64
import email
import io
import json
import re

import frappe
from frappe.utils import add_months, add_to_date, now_datetime, today
from pypdf import PdfWriter

from aims_app.ai_systems.doctype.ai_concern.ai_concern import confirmation_url, keyed_hash
from aims_app.tests import AimsTestCase, default_outgoing_email_account
from aims_app.tests.http import PRINCIPALS, LiveServer, error_message
from aims_app.tests.records import Records

ACCEPT = "/api/method/frappe.website.doctype.web_form.web_form.accept"
ATTACH = "/api/method/aims_app.ai_systems.doctype.ai_supplier_response.ai_supplier_response.attach_document"
MARKUP = '<script>alert("x")</script><b onmouseover="alert(1)">bold</b>'
MANAGER = PRINCIPALS["AIMS Manager"][0]
DESK_USER = PRINCIPALS["Desk user"][0]


class PortalTestCase(AimsTestCase):
	"""A live server, Guest and an AIMS Manager; records and settings the tests commit are undone at the end."""

	settings = {}

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.started = frappe.utils.now_datetime()
		cls.records = Records()
		cls.server = LiveServer()
		cls.manager = cls.server.session(MANAGER)
		cls.previous = {field: frappe.db.get_single_value("AIMS Settings", field) for field in cls.settings}
		cls.email_account = default_outgoing_email_account()
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		cls.server.stop()
		if cls.email_account:
			frappe.delete_doc("Email Account", cls.email_account, force=True, ignore_permissions=True)
			frappe.db.commit()
		made = {
			doctype: frappe.get_all(doctype, pluck="name", filters={"creation": (">=", cls.started)})
			for doctype in ("AI Concern", "AI Supplier Response", "AI Supplier Assessment")
		}
		for name in made["AI Supplier Assessment"]:
			frappe.db.set_value("AI Supplier Assessment", name, "docstatus", 0, update_modified=False)
		for doctype, names in made.items():
			for name in names:
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		cls.records.remove_all()
		for field, previous in cls.previous.items():
			frappe.db.set_single_value("AIMS Settings", field, previous)
		frappe.db.commit()
		super().tearDownClass()

	def setUp(self):
		super().setUp()
		for field, setting in self.settings.items():
			frappe.db.set_single_value("AIMS Settings", field, setting)
		# Frappe's own limit on the web form endpoint (10 a minute per address) would count across tests.
		frappe.cache.delete_keys("rl:")
		frappe.db.commit()

	def system(self, name: str, published: bool, **values) -> frappe._dict:
		"""An AI system with public wording, published on the transparency page or not."""
		doc = frappe.get_doc(
			"AI System", self.records.of("AI System", fresh=True, system_name=name, purpose=f"{name} purpose")
		)
		doc.update(
			{
				"publish_on_transparency_page": int(published),
				"who_it_affects": f"People affected by {name}",
				"human_oversight": f"A person checks every {name} result",
				"interacts_with_people": 1,
				**values,
			}
		)
		doc.save(ignore_permissions=True)
		frappe.db.commit()
		return doc


def a_pdf() -> bytes:
	"""A real one-page PDF, as a supplier's report is."""
	writer, out = PdfWriter(), io.BytesIO()
	writer.add_blank_page(width=72, height=72)
	writer.write(out)
	return out.getvalue()


def emails_about(name: str) -> list[str]:
	"""The HTML of every email queued about a record, decoded as a mail client renders it (the plain-text
	alternative is never read as markup)."""
	texts = []
	for message in frappe.get_all(
		"Email Queue", filters={"reference_name": name}, pluck="message", order_by="creation desc"
	):
		parts = email.message_from_string(message).walk()
		texts.append(
			"".join(
				part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
				for part in parts
				if part.get_content_type() == "text/html"
			)
		)
	return texts


def post_form(session, web_form: str, data: dict):
	return session.post(ACCEPT, data={"web_form": web_form, "data": json.dumps(data)})


def get_doc_over_http(session, doctype: str, name: str) -> dict:
	response = session.get(f"/api/resource/{doctype}/{name}")
	assert response.status_code == 200, response.text
	return response.json()["data"]


class TestConcernForm(PortalTestCase):
	settings = {"concern_form_audience": "Anyone", "concerns_per_hour": 3}

	def setUp(self):
		super().setUp()
		# Each test starts with the whole hourly allowance of the test's address.
		for name in frappe.get_all("AI Concern", filters={"creation": (">=", self.started)}, pluck="name"):
			frappe.delete_doc("AI Concern", name, force=True, ignore_permissions=True)
		frappe.db.commit()

	def report(self, session=None, **values):
		data = {"subject": "The chatbot was rude", "what_happened": "It insulted me.", **values}
		return post_form(session or self.server.session(), "report-a-concern", data)

	def confirm(self, reference: str, session=None):
		"""The reporter follows the link in the email asking them to confirm their address."""
		email_address = frappe.db.get_value("AI Concern", reference, "contact_email")
		link = confirmation_url(reference, email_address)
		return (session or self.server.session()).get(
			link[link.index("/api/") :], headers={"Accept": "text/html"}
		)

	def test_a_guest_reports_a_concern_that_the_manager_turns_into_an_incident(self):
		published = self.system("Concern Helpdesk Bot", published=True)
		form = self.server.session().get("/report-a-concern/new")
		self.assertEqual(form.status_code, 200)
		self.assertIn("Concern Helpdesk Bot", form.text)

		response = self.report(reported_system=published.name, contact_email="reporter@example.com")
		self.assertEqual(response.status_code, 200, error_message(response))
		reference = response.json()["message"]["name"]
		concern = frappe.get_doc("AI Concern", reference)
		self.assertEqual(
			(concern.status, concern.ai_system, concern.reported_through, concern.owner),
			("New", published.name, "Web form", "Guest"),
		)
		self.assertTrue(
			frappe.db.exists(
				"ToDo", {"reference_type": "AI Concern", "reference_name": reference, "status": "Open"}
			),
			"no AIMS Manager was given the concern to triage",
		)
		(asking,) = [text for text in emails_about(reference) if f"Its reference is {reference}" in text]
		self.assertNotIn("rude", asking, "the first email to an address no one confirmed quotes the concern")
		self.assertNotIn("insulted", asking)
		confirmed = self.confirm(reference)
		self.assertEqual(confirmed.status_code, 200, confirmed.text[:500])
		self.assertTrue(frappe.db.get_value("AI Concern", reference, "contact_confirmed"))
		self.assertTrue(
			any(f"Your reference is {reference}" in text for text in emails_about(reference)),
			"no email quotes the reference once the address was confirmed",
		)

		made = self.manager.post(
			"/api/method/run_doc_method",
			json={"dt": "AI Concern", "dn": reference, "method": "make_incident"},
		)
		self.assertEqual(made.status_code, 200, error_message(made))
		incident = made.json()["message"]
		self.assertEqual(frappe.db.get_value("AI Incident", incident, "ai_concern"), reference)
		self.assertEqual(
			frappe.db.get_value("AI Concern", reference, ["ai_incident", "status"]),
			(incident, "Turned into Incident"),
		)
		again = self.manager.post(
			"/api/method/run_doc_method",
			json={"dt": "AI Concern", "dn": reference, "method": "make_nonconformity"},
		)
		self.assertEqual(again.status_code, 417)
		self.assertIn("already turned into", error_message(again))
		self.assertFalse(frappe.db.exists("Nonconformity", {"ai_concern": reference}))
		frappe.delete_doc("AI Incident", incident, force=True, ignore_permissions=True)
		frappe.db.commit()

	def test_a_concern_turned_into_a_nonconformity_is_linked_both_ways(self):
		reference = self.report().json()["message"]["name"]
		made = self.manager.post(
			"/api/method/run_doc_method",
			json={"dt": "AI Concern", "dn": reference, "method": "make_nonconformity"},
		)
		self.assertEqual(made.status_code, 200, error_message(made))
		nonconformity = made.json()["message"]
		self.assertEqual(
			frappe.db.get_value("Nonconformity", nonconformity, ["ai_concern", "source"]),
			(reference, "Complaint"),
		)
		self.assertEqual(frappe.db.get_value("AI Concern", reference, "nonconformity"), nonconformity)
		frappe.delete_doc("Nonconformity", nonconformity, force=True, ignore_permissions=True)
		frappe.db.commit()

	def test_markup_in_every_field_reaches_the_desk_list_and_email_escaped(self):
		refused = self.report(subject=MARKUP, what_happened=MARKUP, contact_name=MARKUP, contact_email=MARKUP)
		self.assertEqual(refused.status_code, 417)
		self.assertIn("not a valid Email Address", error_message(refused))
		self.assertFalse(
			frappe.db.exists("AI Concern", {"creation": (">=", self.started), "subject": ("like", "%alert%")})
		)

		response = self.report(
			subject=MARKUP, what_happened=MARKUP, contact_name=MARKUP, contact_email="markup@example.com"
		)
		self.assertEqual(response.status_code, 200, error_message(response))
		reference = response.json()["message"]["name"]
		desk = self.manager.get(
			"/api/method/frappe.desk.form.load.getdoc", params={"doctype": "AI Concern", "name": reference}
		).json()["docs"][0]
		listed = self.manager.post(
			"/api/method/frappe.desk.reportview.get",
			json={
				"doctype": "AI Concern",
				"fields": ["name", "subject", "what_happened", "contact_name"],
				"filters": [["name", "=", reference]],
			},
		).json()["message"]
		self.assertEqual(self.confirm(reference).status_code, 200)
		emails = emails_about(reference)
		self.assertTrue(emails, "no email about the concern was queued")
		for where, text in (
			*((f"desk {field}", desk[field]) for field in ("subject", "what_happened", "contact_name")),
			("list", json.dumps(listed["values"])),
			*(("email", message) for message in emails),
		):
			self.assertNotIn("<script", text, where)
			self.assertNotIn("<b onmouseover", text, where)
		self.assertEqual(desk["what_happened"], MARKUP.replace("<", "&lt;").replace(">", "&gt;"))
		self.assertTrue(
			any("&lt;script&gt;" in message for message in emails), "the quoted text is not escaped"
		)

	def test_an_unpublished_system_is_neither_offered_nor_accepted_and_its_name_never_shown(self):
		hidden = self.system("Concern Secret Scorer", published=False)
		guest = self.server.session()
		self.assertNotIn("Concern Secret Scorer", guest.get("/report-a-concern/new").text)
		form_data = guest.get(
			"/api/method/frappe.website.doctype.web_form.web_form.get_form_data",
			params={"doctype": "AI Concern", "web_form_name": "report-a-concern"},
		)
		self.assertNotIn(hidden.name, form_data.text)
		self.assertNotIn("Concern Secret Scorer", form_data.text)

		for guess in (hidden.name, "AIS-99999"):
			refused = self.report(reported_system=guess)
			self.assertEqual(refused.status_code, 417, guess)
			message = error_message(refused)
			self.assertIn("Choose an AI system from the list, or leave Which AI system empty.", message)
			self.assertNotIn("Secret", message)
		self.assertFalse(frappe.db.exists("AI Concern", {"reported_system": hidden.name}))

	def test_a_flood_from_one_address_is_refused_past_the_limit(self):
		# The limit counts every concern of the last hour from this address, other tests' and checks' too.
		already = frappe.db.count(
			"AI Concern",
			{"sender_key": keyed_hash("127.0.0.1"), "creation": (">", add_to_date(now_datetime(), hours=-1))},
		)
		frappe.db.set_single_value("AIMS Settings", "concerns_per_hour", already + 3)
		before = frappe.db.count("AI Concern")
		answers = [self.report(subject=f"Flood {n}").status_code for n in range(4)]
		self.assertEqual(answers, [200, 200, 200, 429])
		refused = self.report(subject="Flood 5")
		self.assertIn("the most we accept from one address", error_message(refused))
		self.assertEqual(frappe.db.count("AI Concern") - before, 3)
		self.assertFalse(frappe.db.exists("AI Concern", {"subject": "Flood 3"}))

	def test_a_reporter_never_sees_another_concern(self):
		reference = self.report().json()["message"]["name"]
		guest, desk_user = self.server.session(), self.server.session(DESK_USER)
		for session in (guest, desk_user):
			self.assertEqual(session.get(f"/api/resource/AI Concern/{reference}").status_code, 403)
			self.assertEqual(session.get("/api/resource/AI Concern").status_code, 403)
		self.assertEqual(desk_user.get(f"/report-a-concern/{reference}").status_code, 403)
		self.assertNotIn(reference, guest.get("/report-a-concern/list").text)

	def test_a_concern_naming_someone_elses_address_never_quotes_it_to_them(self):
		response = self.report(
			subject="Your account is locked: call 555-0100",
			what_happened="Visit evil.example to unlock it.",
			contact_email="victim@example.com",
		)
		self.assertEqual(response.status_code, 200, error_message(response))
		reference = response.json()["message"]["name"]
		emails = emails_about(reference)
		self.assertTrue(emails, "the address given was not asked to confirm")
		for message in emails:
			self.assertNotIn("555-0100", message)
			self.assertNotIn("evil.example", message)
		self.assertFalse(frappe.db.get_value("AI Concern", reference, "contact_confirmed"))
		forged = self.server.session().get(
			"/api/method/aims_app.ai_systems.doctype.ai_concern.ai_concern.confirm_contact",
			params={"reference": reference, "key": "0" * 64},
			headers={"Accept": "text/html"},
		)
		self.assertEqual(forged.status_code, 404)
		self.assertFalse(frappe.db.get_value("AI Concern", reference, "contact_confirmed"))
		self.assertEqual(len(emails_about(reference)), len(emails), "a forged link sent an email")

	def test_a_concern_with_an_address_is_kept_on_a_site_without_outgoing_email(self):
		accounts = frappe.get_all("Email Account", filters={"enable_outgoing": 1}, pluck="name")
		for account in accounts:
			frappe.db.set_value("Email Account", account, "enable_outgoing", 0)
		self.addCleanup(frappe.db.commit)
		self.addCleanup(
			lambda: [frappe.db.set_value("Email Account", a, "enable_outgoing", 1) for a in accounts]
		)
		response = self.report(subject="Kept without mail", contact_email="someone@example.com")
		self.assertEqual(response.status_code, 200, error_message(response))
		self.assertNotIn("Email Account", error_message(response))
		reference = response.json()["message"]["name"]
		self.assertEqual(frappe.db.get_value("AI Concern", reference, "subject"), "Kept without mail")
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{"reference_doctype": "AI Concern", "reference_name": reference, "comment_type": "Info"},
			),
			"the concern does not say its reporter was not asked to confirm",
		)

	def test_oversized_fields_are_refused_plainly_without_echo_or_traceback(self):
		before = frappe.db.count("AI Concern")
		megabyte = "A" * 1_000_000
		for fieldname in ("subject", "what_happened", "contact_name"):
			response = self.report(**{fieldname: megabyte})
			self.assertEqual(response.status_code, 417, fieldname)
			self.assertLess(len(response.content), 5_000, f"{fieldname}: the answer repeats what was sent")
			self.assertIn("too long", error_message(response), fieldname)
			body = response.json()
			self.assertFalse(body.get("exc") or body.get("exception"), f"{fieldname}: a traceback was shown")
			self.assertNotIn("Traceback", response.text)
		self.assertEqual(frappe.db.count("AI Concern"), before)

	def test_a_forged_forwarded_address_does_not_escape_the_flood_limit(self):
		already = frappe.db.count(
			"AI Concern",
			{"sender_key": keyed_hash("127.0.0.1"), "creation": (">", add_to_date(now_datetime(), hours=-1))},
		)
		frappe.db.set_single_value("AIMS Settings", "concerns_per_hour", already + 2)
		answers = []
		for n in range(3):
			guest = self.server.session()
			guest.headers["X-Forwarded-For"] = f"198.51.100.{n}"
			answers.append(self.report(guest, subject=f"Forged {n}").status_code)
		self.assertEqual(answers, [200, 200, 429])

	def test_behind_a_configured_proxy_each_client_has_its_own_limit(self):
		from frappe.installer import update_site_config

		update_site_config("aims_trusted_proxies", 1)
		self.addCleanup(update_site_config, "aims_trusted_proxies", "None")
		frappe.db.set_single_value("AIMS Settings", "concerns_per_hour", 1)
		first, second = self.server.session(), self.server.session()
		first.headers["X-Forwarded-For"] = "203.0.113.7"
		second.headers["X-Forwarded-For"] = "forged, 203.0.113.8"
		self.assertEqual(self.report(first, subject="Client one").status_code, 200)
		self.assertEqual(self.report(second, subject="Client two").status_code, 200)
		self.assertEqual(self.report(first, subject="Client one again").status_code, 429)


class TestConcernFormForLoggedInUsers(PortalTestCase):
	settings = {"concern_form_audience": "Logged-in users only", "concerns_per_hour": 5}

	def test_guests_are_sent_to_log_in_and_refused_on_the_server(self):
		guest = self.server.session()
		page = guest.get("/report-a-concern/new", allow_redirects=False)
		self.assertIn(page.status_code, (301, 302))
		self.assertIn("/login", page.headers["Location"])
		refused = post_form(guest, "report-a-concern", {"subject": "Guest", "what_happened": "Tried."})
		self.assertEqual(refused.status_code, 403)
		self.assertIn("Log in to report a concern", error_message(refused))
		self.assertFalse(frappe.db.exists("AI Concern", {"subject": "Guest"}))

		member = post_form(
			self.server.session(DESK_USER),
			"report-a-concern",
			{"subject": "Member", "what_happened": "Saw it."},
		)
		self.assertEqual(member.status_code, 200, error_message(member))
		self.assertEqual(
			frappe.db.get_value("AI Concern", member.json()["message"]["name"], "owner"), DESK_USER
		)


class TestTransparencyPage(PortalTestCase):
	def test_published_systems_are_shown_and_unpublished_ones_are_not_found(self):
		shown = self.system(
			"Transparency Route Planner",
			published=True,
			generates_synthetic_content=1,
			impacts="Route Planner decides the order of home visits",
			technique="Route Planner uses constraint solving",
			personal_data="Yes, the GDPR does not apply",
			contact="planner-internal-team@example.com",
			code_repository="https://git.example.com/internal/route-planner",
			privacy_assessment="https://intranet.example.com/pia/route-planner",
		)
		hidden = self.system("Transparency Hidden Ranker", published=False)
		policy = frappe.get_doc("AI Policy", self.records.of("AI Policy", fresh=True))
		policy.db_set(
			{
				"public_summary": "We use AI only where a person stays accountable.",
				"status": "Published",
				"docstatus": 1,
				"published_on": frappe.utils.now_datetime(),
			}
		)
		frappe.db.commit()
		guest = self.server.session()

		page = guest.get("/ai-transparency")
		self.assertEqual(page.status_code, 200)
		for public in (
			"Transparency Route Planner",
			"Transparency Route Planner purpose",
			"People affected by Transparency Route Planner",
			"A person checks every Transparency Route Planner result",
			"We use AI only where a person stays accountable.",
			"/report-a-concern/new",
			"Route Planner decides the order of home visits",
			"Route Planner uses constraint solving",
			"Does it process personal data?",
		):
			self.assertIn(public, page.text)
		for internal in ("planner-internal-team", "git.example.com", "intranet.example.com"):
			self.assertNotIn(internal, page.text)
		self.assertNotIn("Transparency Hidden Ranker", page.text)
		self.assertNotIn(hidden.name, page.text)

		detail = guest.get(f"/ai-transparency/{shown.name}")
		self.assertEqual(detail.status_code, 200)
		self.assertIn("Transparency Route Planner purpose", detail.text)
		self.assertIn(f"/report-a-concern/new?reported_system={shown.name}", detail.text)
		for guess in (hidden.name, "AIS-99999"):
			missing = guest.get(f"/ai-transparency/{guess}")
			self.assertEqual(missing.status_code, 404, guess)
			self.assertNotIn("Transparency Hidden Ranker", missing.text)
		for path in ("/api/resource/AI System", f"/api/resource/AI System/{shown.name}"):
			self.assertEqual(guest.get(path).status_code, 403, path)


class TestSupplierQuestionnaire(PortalTestCase):
	settings = {
		"supplier_file_size_mb": 1,
		"supplier_file_types": "pdf, txt",
		"supplier_reassessment_months": 12,
	}

	def send(self) -> tuple[str, str]:
		"""A new assessment of a new AI Supplier, sent over HTTP; returns it and the key in the email."""
		supplier = self.records.of("AI Supplier", fresh=True)
		created = self.manager.post(
			"/api/resource/AI Supplier Assessment",
			json={"ai_supplier": supplier, "contact_email": "supplier-contact@example.com"},
		)
		self.assertEqual(created.status_code, 200, error_message(created))
		name = created.json()["data"]["name"]
		sent = self.manager.post(
			"/api/method/run_doc_method",
			json={"dt": "AI Supplier Assessment", "dn": name, "method": "send_to_supplier"},
		)
		self.assertEqual(sent.status_code, 200, error_message(sent))
		message = emails_about(name)[0]
		return name, re.search(r"access_key=([A-Za-z0-9_\-]+)", message).group(1)

	def attach(self, key: str, filename: str, data: bytes):
		content = "data:application/octet-stream;base64," + base64.b64encode(data).decode()
		return self.server.session().post(
			ATTACH, data={"access_key": key, "filename": filename, "content": content}
		)

	def answer(self, key: str, count: int):
		return post_form(
			self.server.session(),
			"supplier-questionnaire",
			{
				"access_key": key,
				"respondent_name": "Dana, Head of Compliance",
				"answers": [{"answer": f"Answer {n}"} for n in range(count)],
			},
		)

	def test_a_supplier_answers_through_the_link_and_the_result_updates_the_ai_supplier(self):
		name, key = self.send()
		assessment = frappe.get_doc("AI Supplier Assessment", name)
		questions = [row.question for row in assessment.questions]
		self.assertEqual(
			[row.topic for row in assessment.questions],
			["Data use", "Model provenance", "Security", "Incident notification", "Subcontracting"],
		)
		self.assertNotIn(
			key, json.dumps(assessment.as_dict(), default=str), "the key is stored as it was sent"
		)

		guest = self.server.session()
		page = guest.get("/supplier-questionnaire/new", params={"access_key": key})
		self.assertEqual(page.status_code, 200)
		self.assertIn(json.dumps(questions[0])[1:-1], page.text)

		attached = self.attach(key, "security-report.pdf", a_pdf())
		self.assertEqual(attached.status_code, 200, error_message(attached))
		answered = self.answer(key, len(questions))
		self.assertEqual(answered.status_code, 200, error_message(answered))
		response = answered.json()["message"]["name"]

		assessment.reload()
		self.assertEqual((assessment.status, assessment.response), ("Answered", response))
		stored = frappe.get_doc("AI Supplier Response", response)
		self.assertFalse(stored.access_key)
		self.assertEqual([row.question for row in stored.answers], questions)
		files = frappe.get_all(
			"File",
			filters={"attached_to_doctype": "AI Supplier Assessment", "attached_to_name": name},
			fields=["file_name", "is_private"],
		)
		# Frappe keeps a file's name unless the site already holds one of that name.
		self.assertEqual(len(files), 1)
		self.assertEqual(files[0].file_name, attached.json()["message"])
		self.assertTrue(files[0].file_name.startswith("security-report"), files[0].file_name)
		self.assertEqual(files[0].is_private, 1)

		doc = get_doc_over_http(self.manager, "AI Supplier Assessment", name)
		doc.update({"result": "Approved with conditions", "conditions": "Yearly penetration test report."})
		submitted = self.manager.post("/api/method/frappe.client.submit", json={"doc": json.dumps(doc)})
		self.assertEqual(submitted.status_code, 200, error_message(submitted))
		supplier = frappe.get_doc("AI Supplier", assessment.ai_supplier)
		self.assertEqual(
			(
				supplier.assessment_result,
				str(supplier.last_assessment_date),
				str(supplier.next_assessment_date),
			),
			("Approved with conditions", today(), str(add_months(today(), 12))),
		)

	def test_a_used_or_guessed_link_is_refused_and_nothing_is_saved(self):
		name, key = self.send()
		count = len(frappe.get_doc("AI Supplier Assessment", name).questions)
		self.assertEqual(self.answer(key, count).status_code, 200)
		responses = frappe.db.count("AI Supplier Response")
		guest = self.server.session()
		for attempt, expected in (
			(key, "already been answered"),
			("guessed-" + key[8:], "not valid"),
			("", "not valid"),
		):
			page = guest.get("/supplier-questionnaire/new", params={"access_key": attempt})
			self.assertEqual(page.status_code, 403, attempt)
			refused = self.answer(attempt, count)
			self.assertEqual(refused.status_code, 403, attempt)
			self.assertIn(expected, error_message(refused))
			self.assertIn(expected, error_message(self.attach(attempt, "late.pdf", a_pdf())))
		self.assertEqual(frappe.db.count("AI Supplier Response"), responses)
		self.assertFalse(frappe.db.exists("File", {"file_name": "late.pdf"}))

	def test_an_oversized_or_disallowed_document_is_refused_with_nothing_attached(self):
		name, key = self.send()
		for filename, data, expected in (
			("model-card.exe", b"MZ binary", "is not a document type we accept"),
			("huge.pdf", b"%PDF" + b"0" * (1024 * 1024 + 1), "is larger than 1 MB"),
			("empty.txt", b"", "is empty"),
			("broken.pdf", b"%PDF-1.4 cut short", "is not a readable PDF"),
		):
			refused = self.attach(key, filename, data)
			self.assertEqual(refused.status_code, 417, filename)
			self.assertIn(expected, error_message(refused))
		self.assertFalse(
			frappe.db.exists(
				"File", {"attached_to_doctype": "AI Supplier Assessment", "attached_to_name": name}
			)
		)
		self.assertEqual(frappe.db.get_value("AI Supplier Assessment", name, "status"), "Sent")

	def test_answers_missing_for_some_questions_are_refused(self):
		name, key = self.send()
		refused = self.answer(key, 2)
		self.assertEqual(refused.status_code, 417)
		self.assertIn("Answer each of the 5 questions (the form sent 2 answers).", error_message(refused))
		self.assertEqual(frappe.db.get_value("AI Supplier Assessment", name, "status"), "Sent")
