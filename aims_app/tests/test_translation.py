"""A user whose language is German works in German: labels, the rules' messages and what the rules write
into records, from aims_app/locale/de.po (compiled to the bench's .mo file as `bench build` does).

Each user logs in through /api/method/login on a live server, as a browser would, so the language is the
one Frappe takes from the user's settings; an English colleague on the same site still gets English.
"""

import json
import re

import frappe
from frappe.utils import add_months, today

from aims_app.compat import desk_path
from aims_app.tests import AimsTestCase, make_user
from aims_app.tests.http import LiveServer, error_message

GERMAN_MANAGER = "i18n-de-manager@example.com"
ENGLISH_MANAGER = "i18n-en-manager@example.com"


def speaking(email: str, language: str) -> str:
	make_user(email, ["AIMS Manager", "AI System Owner", "AI Risk Owner"])
	frappe.db.set_value("User", email, "language", language)
	return email


class TestGermanDesk(AimsTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.translate.clear_cache()
		cls.server = LiveServer()
		cls.german = cls.server.session(speaking(GERMAN_MANAGER, "de"))
		cls.english = cls.server.session(speaking(ENGLISH_MANAGER, "en"))
		cls.created = []

	@classmethod
	def tearDownClass(cls):
		cls.server.stop()
		for doctype, name in reversed(cls.created):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	def insert(self, session, doc: dict):
		response = session.post("/api/resource/" + doc["doctype"], json=doc)
		if response.status_code == 200:
			self.created.append((doc["doctype"], response.json()["data"]["name"]))
		return response

	def system(self, session, name: str):
		response = self.insert(
			session,
			{
				"doctype": "AI System",
				"system_name": name,
				"system_owner": GERMAN_MANAGER,
				"lifecycle_stage": "Concept",
				"purpose": "Read the mood of employees from their webcams during meetings.",
				"our_role": "Deployer",
				"automation_level": "Fully automated",
				"prohibited_practice": "f - Emotion recognition at work or in education",
			},
		)
		self.assertEqual(response.status_code, 200, error_message(response))
		return response.json()["data"]

	def test_the_eu_ai_act_reasons_and_obligations_are_written_in_the_users_language(self):
		german = self.system(self.german, "Stimmungsbarometer")
		self.assertEqual(german["computed_tier"], "Prohibited")  # the stored value stays the option
		self.assertEqual(
			german["tier_reasons"],
			"Das System erkennt Emotionen am Arbeitsplatz oder in Bildungseinrichtungen – eine nach "
			"Art. 5(1)(f) verbotene Praktik.",
		)
		obligations = {row["article"]: row["summary"] for row in german["obligations"]}
		self.assertEqual(
			obligations["Art. 5"],
			"Das System nicht in Verkehr bringen, nicht in Betrieb nehmen und nicht verwenden: Die Praktik "
			"ist verboten.",
		)

		english = self.system(self.english, "Mood meter")
		self.assertEqual(
			english["tier_reasons"],
			"The system infers emotions in the workplace or in education, a practice prohibited by Art. 5(1)(f).",
		)

	def test_a_refusal_names_the_field_and_gives_the_rule_in_german(self):
		risk = {
			"doctype": "AI Risk",
			"title": "Kontrolle erhöht das Risiko",
			"risk_owner": GERMAN_MANAGER,
			"risk_source": "ISO-42001-C.3.4",
			"description": "Eine Maßnahme, die das Risiko erhöht.",
			"likelihood": 1,
			"impact": 1,
			"residual_likelihood": 5,
			"residual_impact": 5,
		}
		refused = self.insert(self.german, risk)
		self.assertEqual(refused.status_code, 417, refused.text)
		self.assertIn(
			"Die Reststufe Kritisch liegt über der inhärenten Stufe Niedrig: Maßnahmen können ein Risiko nicht "
			"erhöhen.",
			error_message(refused),
		)

		unscored = self.insert(
			self.german, {**risk, "likelihood": 0, "residual_likelihood": 0, "residual_impact": 0}
		)
		self.assertIn(
			"Eintrittswahrscheinlichkeit ist erforderlich: Bewerten Sie es auf der Risikomatrix.",
			error_message(unscored),
		)
		self.assertFalse(frappe.db.exists("AI Risk", {"title": risk["title"]}))

	def test_a_management_review_keeps_the_wording_it_was_compiled_in(self):
		"""Inputs are compiled in the language of who compiles them, and stay so for every later reader."""
		response = self.insert(
			self.german,
			{
				"doctype": "Management Review",
				"review_date": today(),
				"period_from": add_months(today(), -12),
				"chair": GERMAN_MANAGER,
				"attendees": [{"attendee": GERMAN_MANAGER}],
			},
		)
		self.assertEqual(response.status_code, 200, error_message(response))
		review = response.json()["data"]
		compiled = {row["input_area"]: row["summary"] for row in review["inputs"]}
		self.assertRegex(
			compiled["AI incidents"],
			r"^Vorfälle im Zeitraum: \d+, davon schwerwiegend: \d+\. Meldungen überfällig oder verspätet: \d+\.$",
		)
		self.assertRegex(
			compiled["Actions from previous reviews"], r"^Offen \d+ \(überfällig \d+\), erledigt \d+\.$"
		)

		read = self.english.get(f"/api/resource/Management Review/{review['name']}")
		self.assertEqual(read.status_code, 200, error_message(read))
		self.assertEqual(
			{row["input_area"]: row["summary"] for row in read.json()["data"]["inputs"]}, compiled
		)

	def test_the_desk_gets_the_german_labels(self):
		"""The desk translates labels, options and workspace names with the messages its boot carries."""
		messages = boot_messages(self.server.session(GERMAN_MANAGER))
		self.assertEqual(messages["AI System"], "KI-System")
		self.assertEqual(messages["Intended Purpose"], "Zweckbestimmung")
		self.assertEqual(messages["EU AI Act Tier"], "Risikostufe nach KI-Verordnung")
		self.assertEqual(messages["High-risk"], "Hochrisiko")
		self.assertEqual(messages["Statement of Applicability"], "Erklärung zur Anwendbarkeit")
		self.assertNotIn("AI System", boot_messages(self.server.session(ENGLISH_MANAGER)))


def boot_messages(session) -> dict:
	"""The translations the desk hands its page (frappe.boot.__messages) for the logged-in user. Loading the desk
	gives the session a CSRF token that later requests would need: use a session of its own."""
	response = session.get(desk_path(), headers={"Accept": "text/html"})
	assert response.status_code == 200, response.status_code
	# Frappe 15.44 embeds the boot as a JSON string to parse, later v15 releases as an object literal
	embedded = re.search(
		r"frappe\.boot = (?:JSON\.parse\((.*?)\)|(\{.*?\}));\s*frappe\._messages", response.text, re.S
	)
	as_string, as_object = embedded.groups()
	return (json.loads(json.loads(as_string)) if as_string else json.loads(as_object))["__messages"]
