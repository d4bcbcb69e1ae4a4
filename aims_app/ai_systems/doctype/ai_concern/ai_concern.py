# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import hmac
from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as assign
from frappe.email.doctype.email_account.email_account import EmailAccount
from frappe.rate_limiter import rate_limit
from frappe.utils import add_to_date, get_url, now_datetime
from frappe.utils.password import get_encryption_key

from aims_app.ai_systems.portal.limits import refuse_overlong_fields
from aims_app.ai_systems.portal.rules import (
	CONCERN_FIELD_LIMITS,
	client_address,
	neutralise_markup,
	over_the_limit,
)
from aims_app.ai_systems.portal.transparency import is_published
from aims_app.controllers.aims_document import AIMSDocument
from aims_app.integrations.people import aims_managers

REPORTER_FIELDS = ("subject", "reported_system", "what_happened", "contact_name", "contact_email")


class AIConcern(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		ai_incident: DF.Link | None
		ai_system: DF.Link | None
		anonymous: DF.Check
		contact_confirmed: DF.Check
		contact_email: DF.Data | None
		contact_name: DF.Data | None
		nonconformity: DF.Link | None
		reported_on: DF.Datetime | None
		reported_system: DF.Data | None
		reported_through: DF.Literal["Web form", "Desk"]
		sender_key: DF.Data | None
		status: DF.Literal[
			"New", "Under Review", "Turned into Incident", "Turned into Nonconformity", "Closed"
		]
		subject: DF.Data
		triage_notes: DF.SmallText | None
		what_happened: DF.SmallText
	# end: auto-generated types

	# the subject is what the public writes: escaped on save instead
	refuses_markup_in_names = False

	def before_insert(self):
		from_outside = frappe.session.user == "Guest" or bool(frappe.flags.in_web_form)
		if from_outside:
			# whatever goes wrong from here on, a visitor reads a message, never the server's traceback
			frappe.local.flags.disable_traceback = True
		refuse_overlong_fields(self, CONCERN_FIELD_LIMITS)
		self.reported_through = "Web form" if from_outside else "Desk"
		self.reported_on = now_datetime()
		self.contact_confirmed = 0
		if from_outside:
			self.refuse_guests_where_login_is_required()
			self.refuse_floods()
			# What the public typed is shown as typed; what desk users type goes through Frappe's own
			# sanitising, as in every other record.
			for fieldname in REPORTER_FIELDS:
				self.set(fieldname, neutralise_markup(self.get(fieldname)))

	def validate(self):
		if self.anonymous and (self.contact_name or self.contact_email):
			frappe.throw(
				_("You chose to report anonymously: leave your name and email empty, or untick {0}.").format(
					_("Report anonymously")
				),
				title=_("Anonymous Report"),
			)
		if self.is_new() and self.reported_system:
			self.link_the_system_named()
		super().validate()

	def link_the_system_named(self):
		"""The reporter picks from the published systems; any other value (a guess at an unpublished one
		included) is refused with the same words, so the answer says nothing about what exists."""
		if not is_published(self.reported_system):
			frappe.throw(
				_("Choose an AI system from the list, or leave {0} empty.").format(_("Which AI system")),
				title=_("Unknown AI System"),
			)
		self.ai_system = self.ai_system or self.reported_system

	def refuse_guests_where_login_is_required(self):
		audience = frappe.db.get_single_value("AIMS Settings", "concern_form_audience")
		if audience == "Logged-in users only" and frappe.session.user == "Guest":
			frappe.throw(
				_("Log in to report a concern about an AI system."), frappe.PermissionError, title=_("Log In")
			)

	def refuse_floods(self):
		self.sender_key = sender_key()
		limit = frappe.db.get_single_value("AIMS Settings", "concerns_per_hour") or 0
		concern = frappe.qb.DocType("AI Concern")
		sent = (
			frappe.qb.from_(concern)
			.select(frappe.query_builder.functions.Count("*"))
			.where(concern.sender_key == self.sender_key)
			.where(concern.creation > add_to_date(now_datetime(), hours=-1))
		).run()[0][0]
		if over_the_limit(sent, limit):
			frappe.throw(
				_(
					"You have reported {0} concerns in the last hour, the most we accept from one address. "
					"Please try again later, or write to us directly."
				).format(sent),
				frappe.RateLimitExceededError,
				title=_("Too Many Reports"),
			)

	def after_insert(self):
		managers = aims_managers()
		if managers:
			assign(
				{
					"doctype": self.doctype,
					"name": self.name,
					"assign_to": managers,
					"description": _("Triage AI concern {0}").format(self.name),
				},
				ignore_permissions=True,
			)
		if self.contact_email and not self.anonymous:
			self.ask_to_confirm_contact()

	def ask_to_confirm_contact(self):
		"""Anyone may type anyone's address: the first email only asks its owner to confirm it, and quotes
		nothing of what was sent. Without an outgoing email account the concern is kept all the same."""
		if not EmailAccount.find_outgoing(match_by_doctype=self.doctype):
			self.add_comment(
				"Info",
				_("No outgoing email account is set up: {0} was not asked to confirm their address.").format(
					self.contact_email
				),
			)
			return
		frappe.sendmail(
			recipients=[self.contact_email],
			subject=_("Please confirm your email address for concern {0}").format(self.name),
			message=frappe.render_template(
				"templates/emails/concern_confirm.html",
				{"reference": self.name, "confirm_url": confirmation_url(self.name, self.contact_email)},
			),
			reference_doctype=self.doctype,
			reference_name=self.name,
		)

	def acknowledge(self):
		"""What the reporter sent, quoted back to them once they confirmed the address is theirs."""
		frappe.sendmail(
			recipients=[self.contact_email],
			subject=_("Your concern {0} was received").format(self.name),
			message=frappe.render_template(
				"templates/emails/concern_received.html",
				{"reference": self.name, "subject": self.subject, "what_happened": self.what_happened},
			),
			reference_doctype=self.doctype,
			reference_name=self.name,
		)

	@frappe.whitelist()
	def make_incident(self) -> str:
		"""A new AI Incident from this concern, linked both ways."""
		if not self.ai_system:
			frappe.throw(
				_("Set the AI System of concern {0} before turning it into an incident.").format(self.name),
				title=_("AI System Missing"),
			)
		values = {
			"ai_system": self.ai_system,
			"occurred_on": self.reported_on,
			"became_aware_on": frappe.utils.getdate(self.reported_on),
			"severity": "Medium",
		}
		return self.turn_into("AI Incident", "ai_incident", "Turned into Incident", values)

	@frappe.whitelist()
	def make_nonconformity(self) -> str:
		"""A new Nonconformity from this concern (raised from a complaint), linked both ways."""
		values = {
			"grade": "Minor",
			"source": "Complaint",
			"raised_on": frappe.utils.today(),
			"nc_owner": frappe.session.user,
			"ai_system": self.ai_system,
		}
		return self.turn_into("Nonconformity", "nonconformity", "Turned into Nonconformity", values)

	def turn_into(self, doctype: str, link_field: str, status: str, values: dict) -> str:
		self.check_permission("write")
		self.refuse_if_already_turned()
		made = frappe.get_doc(
			{
				"doctype": doctype,
				"title": self.subject,
				"description": self.what_happened,
				"ai_concern": self.name,
				**values,
			}
		).insert()
		self.set(link_field, made.name)
		self.status = status
		self.save()
		return made.name

	def refuse_if_already_turned(self):
		made = self.ai_incident or self.nonconformity
		if made:
			frappe.throw(
				_("Concern {0} was already turned into {1}.").format(self.name, made),
				title=_("Already Handled"),
			)


def sender_key() -> str:
	"""Who sent a concern, as far as the flood limit needs to know: a keyed hash of the address the request
	came from, so the address itself is not stored beside an anonymous report."""
	return keyed_hash(request_address())


def request_address() -> str:
	"""The client's address: `aims_trusted_proxies` in the site config says how many proxies stand in front
	of the site (none by default, when X-Forwarded-For is only what the sender wrote)."""
	request = getattr(frappe.local, "request", None)
	return client_address(
		request.remote_addr if request else None,
		request.headers.get("X-Forwarded-For") if request else None,
		frappe.utils.cint(frappe.conf.get("aims_trusted_proxies")),
	)


def keyed_hash(text: str) -> str:
	return hmac.new(get_encryption_key().encode(), text.encode(), "sha256").hexdigest()


def confirmation_key(name: str, email: str) -> str:
	return keyed_hash(f"{name}\n{email}")


def confirmation_url(name: str, email: str) -> str:
	query = urlencode({"reference": name, "key": confirmation_key(name, email)})
	return get_url(f"/api/method/aims_app.ai_systems.doctype.ai_concern.ai_concern.confirm_contact?{query}")


@frappe.whitelist(allow_guest=True, methods=["GET"])
@rate_limit(limit=20, seconds=60 * 60)
def confirm_contact(reference: str, key: str):
	"""The link in the confirmation email: the address is marked confirmed and what was sent is quoted back.
	A wrong or altered link is told so, and says nothing about the concern."""
	contact = frappe.db.get_value(
		"AI Concern", reference, ["contact_email", "contact_confirmed"], as_dict=True
	)
	valid = bool(contact and contact.contact_email) and hmac.compare_digest(
		str(key), confirmation_key(reference, contact.contact_email)
	)
	if not valid:
		frappe.respond_as_web_page(
			_("Link Not Valid"),
			_("This confirmation link is not valid. Copy the whole link from the email, or report again."),
			http_status_code=404,
			indicator_color="red",
		)
		return
	if not contact.contact_confirmed:
		concern = frappe.get_doc("AI Concern", reference)
		concern.db_set("contact_confirmed", 1)
		concern.acknowledge()
		frappe.db.commit()  # a GET (the link in an email) is rolled back unless committed, as Frappe's unsubscribe does
	frappe.respond_as_web_page(
		_("Address Confirmed"),
		_(
			"Thank you. Your reference is {0}; we will write to you about your concern at this address."
		).format(reference),
		indicator_color="green",
	)
