"""Reminders reach the people who must act: owners through Frappe's date-based Notifications, AIMS Managers
through the weekly digest."""

from email import message_from_string
from email.header import decode_header, make_header

import frappe
from frappe.email.doctype.notification.notification import evaluate_alert
from frappe.utils import add_days, today
from frappe.utils.user import get_users_with_role

from aims_app.compat import form_path
from aims_app.reminders.digest import send_weekly_digest
from aims_app.roles import AIMS_MANAGER
from aims_app.tests import AimsTestCase, default_outgoing_email_account, make_user
from aims_app.tests.scenarios import ai_risk, evidence, insert

MANAGER = "digest-manager@example.com"
OTHER_MANAGER = "digest-manager-2@example.com"
VIEWER = "digest-viewer@example.com"
OWNER = "evidence-keeper@example.com"
FIXER = "action-fixer@example.com"

LINKS = [{"requirement": "ISO-42001-7.2"}]


def run_daily_notifications():
	"""Frappe's daily evaluation of date-based Notifications (notification.trigger_notifications), without the
	commit it makes after each alert, so that the test's records roll back."""
	for name in frappe.get_all(
		"Notification", filters={"event": ("in", ("Days Before", "Days After")), "enabled": 1}, pluck="name"
	):
		alert = frappe.get_doc("Notification", name)
		for doc in alert.get_documents_for_today():
			evaluate_alert(doc, alert, alert.event)


def queued_since(before: set[str]) -> list[dict]:
	"""Email Queue rows added since `before`, each with its recipients and its HTML body decoded."""
	rows = []
	for queue in frappe.get_all(
		"Email Queue", fields=["name", "message", "reference_doctype", "reference_name"], order_by="creation"
	):
		if queue.name in before:
			continue
		parsed = message_from_string(queue.message)
		queue.subject = str(make_header(decode_header(parsed["Subject"])))
		queue.html = "".join(
			part.get_payload(decode=True).decode()
			for part in parsed.walk()
			if part.get_content_type() == "text/html"
		)
		queue.recipients = frappe.get_all(
			"Email Queue Recipient", filters={"parent": queue.name}, pluck="recipient"
		)
		rows.append(queue)
	return rows


def nonconformity(*actions):
	return insert(
		"Nonconformity",
		title="Bias test skipped before a model update",
		grade="Minor",
		source="Monitoring",
		requirement="ISO-42001-8.4",
		nc_owner=MANAGER,
		description="Version 3.3 went live before the quarterly selection-rate test.",
		corrective_actions=list(actions),
	)


class TestReminders(AimsTestCase):
	def setUp(self):
		"""With an outgoing account, Frappe sends a notification's email at once in tests, and sending commits,
		which would keep this test's records: email is queued, as on a site, but not sent."""
		frappe.flags.mute_emails = True
		default_outgoing_email_account()
		self.before = set(frappe.get_all("Email Queue", pluck="name"))

	def tearDown(self):
		frappe.flags.mute_emails = False
		super().tearDown()

	def test_an_owner_is_told_thirty_days_before_their_evidence_stops_being_valid(self):
		due = evidence("Bias test report Q3", OWNER, LINKS, valid_until=add_days(today(), 30))
		evidence("Bias test report Q2", OWNER, LINKS, valid_until=add_days(today(), 29))
		run_daily_notifications()

		sent = [q for q in queued_since(self.before) if q.reference_doctype == "AIMS Evidence"]
		self.assertEqual([(q.reference_name, q.recipients) for q in sent], [(due.name, [OWNER])])
		self.assertIn("Bias test report Q3", sent[0].subject)
		self.assertIn(frappe.utils.format_date(due.valid_until), sent[0].html)
		self.assertIn(form_path("AIMS Evidence", due.name), sent[0].html)

	def test_the_owner_of_a_corrective_action_is_told_the_day_after_it_fell_due(self):
		late = {"action": "Add the bias test to the release checklist", "action_owner": FIXER}
		done = {"action": "Roll back to 3.2", "action_owner": MANAGER, "completed_on": add_days(today(), -1)}
		nc = nonconformity(
			{**late, "due_date": add_days(today(), -1)}, {**done, "due_date": add_days(today(), -1)}
		)
		run_daily_notifications()

		sent = [q for q in queued_since(self.before) if q.reference_name == nc.name]
		self.assertEqual([(q.reference_doctype, q.recipients) for q in sent], [("Nonconformity", [FIXER])])
		self.assertIn("Add the bias test to the release checklist", sent[0].html)

	def test_every_reminder_renders_for_its_record(self):
		for name in frappe.get_all(
			"Notification", filters={"is_standard": 1, "module": ("like", "AI%")}, pluck="name"
		):
			alert = frappe.get_doc("Notification", name)
			doc = frappe.new_doc(alert.document_type)
			doc.update({alert.date_changed: add_days(today(), alert.days_in_advance), "name": "REC-1"})
			if doc.meta.istable:
				doc.update({"parent": "NC-1", "parenttype": "Nonconformity"})
			context = {"doc": doc, "alert": alert, "comments": None}
			alert.load_standard_properties(context)
			message = frappe.render_template(alert.message, context)
			self.assertIn(f"<strong>{context['due_on']}</strong>", message, name)
			self.assertIn(f'href="{context["url"]}"', message, name)
			self.assertTrue(frappe.render_template(alert.subject, context), name)

	def test_each_aims_manager_gets_one_weekly_digest_of_what_is_overdue_and_coming(self):
		risk_owner = make_user("digest-risk-owner@example.com", ["AI Risk Owner"])
		evidence(
			"Supplier bias attestation",
			OWNER,
			LINKS,
			valid_until=add_days(today(), -3),
			issued_on=add_days(today(), -90),
		)
		insert(
			"Competence Record",
			person=FIXER,
			competence_area="Fairness testing of ranking models",
			aims_role="AI Risk Owner",
			how_gained="Training",
			gained_on=add_days(today(), -300),
			valid_until=add_days(today(), 10),
		)
		ai_risk(
			None,
			risk_owner,
			title="Ranking drifts after supplier retraining",
			review_date=add_days(today(), 45),
		)
		nonconformity(
			{
				"action": "Add the bias test to the release checklist",
				"action_owner": FIXER,
				"due_date": add_days(today(), -2),
			}
		)
		send_weekly_digest()

		digests = [q for q in queued_since(self.before) if q.subject.startswith("AIMS weekly reminders")]
		managers = sorted(get_users_with_role(AIMS_MANAGER))
		self.assertIn(MANAGER, managers)
		self.assertIn(OTHER_MANAGER, managers)
		self.assertNotIn(VIEWER, managers)
		self.assertEqual(sorted(r for q in digests for r in q.recipients), sorted(managers))
		html = digests[0].html
		overdue, coming = html.split("Due within 30 days")
		self.assertIn("Supplier bias attestation", overdue)
		self.assertIn("Corrective action: Add the bias test to the release checklist", overdue)
		self.assertIn("Fairness testing of ranking models", coming)
		self.assertNotIn("Ranking drifts after supplier retraining", html)
