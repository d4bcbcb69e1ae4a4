"""What the public may see of the AIMS: the AI systems published on the transparency page (their public fields
only) and the public summary of the published AI Policy. Guests have no right on these doctypes, so the reads
here ignore permissions, and each one is limited to published records and the fields listed below."""

import frappe

PUBLIC_SYSTEM_FIELDS = (
	"name",
	"system_name",
	"purpose",
	"who_it_affects",
	"impacts",
	"technique",
	"operational_since",
	"personal_data",
	"human_oversight",
	"automation_level",
	"interacts_with_people",
	"generates_synthetic_content",
	"produces_deep_fakes",
	"emotion_recognition_or_biometric_categorisation",
)

CONCERN_FORM_ROUTE = "report-a-concern"


def _published():
	system = frappe.qb.DocType("AI System")
	query = frappe.qb.from_(system).select(*(system[field] for field in PUBLIC_SYSTEM_FIELDS))
	return system, query.where(system.publish_on_transparency_page == 1)


def published_systems() -> list[frappe._dict]:
	system, query = _published()
	return query.orderby(system.system_name).run(as_dict=True)


def published_systems_named(name: str) -> list[frappe._dict]:
	system, query = _published()
	return query.where(system.name == name).run(as_dict=True)


def published_system(name: str) -> frappe._dict:
	"""One published system's public fields; any other name is a page that does not exist."""
	rows = published_systems_named(name)
	if not rows:
		raise frappe.PageDoesNotExistError
	return rows[0]


def is_published(name: str | None) -> bool:
	return bool(name) and bool(published_systems_named(name))


def published_policy_summary() -> frappe._dict | None:
	"""The title, version, publication date and public summary of the AI Policy in force."""
	policy = frappe.qb.DocType("AI Policy")
	rows = (
		frappe.qb.from_(policy)
		.select(policy.title, policy.version, policy.published_on, policy.public_summary)
		.where(policy.status == "Published")
		.where(policy.docstatus == 1)
		.orderby(policy.published_on, order=frappe.qb.desc)
		.limit(1)
	).run(as_dict=True)
	return rows[0] if rows else None


def concern_form_url(system: str | None = None) -> str:
	return f"/{CONCERN_FORM_ROUTE}/new" + (f"?reported_system={system}" if system else "")
