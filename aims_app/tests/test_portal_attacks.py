"""The supplier questionnaire tried as an attacker would (issue 25), over real HTTP: one key sent with many
answers at the same moment, and documents whose content is not what their name says."""

import io
import json
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import frappe
import requests
from PIL import Image

from aims_app.tests import test_portal
from aims_app.tests.http import error_message
from aims_app.tests.test_portal import ACCEPT, PortalTestCase, a_pdf

PARALLEL = 8
HTML = b"<!DOCTYPE html><html><body><script>fetch('/api/method/logout')</script></body></html>"


def a_png() -> bytes:
	out = io.BytesIO()
	Image.new("RGB", (2, 2), "white").save(out, "PNG")
	return out.getvalue()


class TestQuestionnaireUnderAttack(PortalTestCase):
	settings = {
		"supplier_file_size_mb": 1,
		"supplier_file_types": "pdf, txt, png, docx",
		"supplier_reassessment_months": 12,
	}
	send = test_portal.TestSupplierQuestionnaire.send
	attach = test_portal.TestSupplierQuestionnaire.attach

	def attached(self, assessment: str) -> list[str]:
		frappe.db.rollback()  # read what the server committed
		return frappe.get_all(
			"File",
			filters={"attached_to_doctype": "AI Supplier Assessment", "attached_to_name": assessment},
			pluck="file_name",
		)

	def test_one_key_sent_with_many_answers_at_once_saves_one_and_refuses_the_others(self):
		name, key = self.send()
		questions = len(frappe.get_doc("AI Supplier Assessment", name).questions)
		frappe.db.commit()
		start = Barrier(PARALLEL)

		def answer(n: int) -> requests.Response:
			"""One supplier's browser (or one attacker's thread): its own connection, sent when all are ready."""
			data = {
				"access_key": key,
				"respondent_name": f"Sender {n}",
				"answers": [{"answer": f"Answer {n}.{q}"} for q in range(questions)],
			}
			start.wait(timeout=30)
			return requests.post(
				self.server.url + ACCEPT,
				data={"web_form": "supplier-questionnaire", "data": json.dumps(data)},
				headers={"X-Frappe-Site-Name": self.server.site, "Accept": "application/json"},
				timeout=120,
			)

		with ThreadPoolExecutor(PARALLEL) as pool:
			answers = list(pool.map(answer, range(PARALLEL)))

		statuses = sorted(response.status_code for response in answers)
		print(f"\n{PARALLEL} answers with one key at once: HTTP {statuses}")
		self.assertEqual(statuses, [200] + [403] * (PARALLEL - 1), [r.text[:300] for r in answers])
		for refused in (r for r in answers if r.status_code == 403):
			self.assertIn("already been answered: the link cannot be used again", error_message(refused))
		frappe.db.rollback()
		saved = frappe.get_all("AI Supplier Response", filters={"assessment": name}, pluck="name")
		self.assertEqual(len(saved), 1, saved)
		winner = next(r for r in answers if r.ok).json()["message"]["name"]
		self.assertEqual(saved, [winner])
		self.assertEqual(
			frappe.db.get_value("AI Supplier Assessment", name, ["status", "response"]), ("Answered", winner)
		)

	def test_a_document_whose_content_is_not_what_its_name_says_is_refused_naming_what_it_holds(self):
		name, key = self.send()
		for filename, data, found in (
			("invoice.png", HTML, "HTML or other markup"),
			("security-report.pdf", HTML, "HTML or other markup"),
			("notes.txt", b"See <img src=x onerror=alert(document.domain)>", "HTML or other markup"),
			("model-card.docx", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "a program"),
			("scan.png", a_pdf(), "a PDF document"),
			("statement.pdf", a_png(), "a PNG image"),
		):
			refused = self.attach(key, filename, data)
			self.assertEqual(refused.status_code, 417, f"{filename}: {refused.text[:300]}")
			message = error_message(refused)
			self.assertIn(f"{filename} is named as", message)
			self.assertIn(f"but holds {found}", message)
		self.assertEqual(self.attached(name), [])
		self.assertEqual(frappe.db.get_value("AI Supplier Assessment", name, "status"), "Sent")

		for filename, data in (
			("security-report.pdf", a_pdf()),
			("architecture.png", a_png()),
			("notes.txt", b"Our models are retrained monthly; accuracy < 0.9 triggers a review."),
		):
			accepted = self.attach(key, filename, data)
			self.assertEqual(accepted.status_code, 200, f"{filename}: {error_message(accepted)}")
		self.assertEqual(len(self.attached(name)), 3)

	def test_oversized_answers_are_refused_plainly_and_the_key_stays_unused(self):
		name, key = self.send()
		questions = len(frappe.get_doc("AI Supplier Assessment", name).questions)
		megabyte = "A" * 1_000_000
		for what, data in (
			("respondent", {"respondent_name": megabyte, "answers": [{"answer": "Yes."}] * questions}),
			("answer", {"respondent_name": "Supplier", "answers": [{"answer": megabyte}] * questions}),
		):
			response = self.server.session().post(
				ACCEPT,
				data={"web_form": "supplier-questionnaire", "data": json.dumps({"access_key": key, **data})},
			)
			self.assertEqual(response.status_code, 417, what)
			self.assertLess(len(response.content), 5_000, f"{what}: the answer repeats what was sent")
			self.assertIn("too long", error_message(response), what)
			self.assertNotIn("Traceback", response.text, what)
			self.assertFalse(response.json().get("exception"), f"{what}: a traceback was shown")
		frappe.db.rollback()
		self.assertFalse(frappe.get_all("AI Supplier Response", filters={"assessment": name}))
		self.assertEqual(frappe.db.get_value("AI Supplier Assessment", name, "status"), "Sent")
