"""A demo organisation for `bench --site SITE aims load-demo [--add] [--remove]`: Kestrel Mutual, a fictional
insurer, with a small AIMS that fills every screen (see records.py for what it holds).

Everything the demo writes goes through the doctypes' controllers and workflows, as the people of the demo
would do it. What it creates is listed, in order, in a manifest kept in the site's defaults; the Annex A control
decisions it records change Control Implementation records that install made, so their rows as they were are
kept there too. `--remove` deletes exactly what the manifest lists, newest first, with the ToDos, versions,
comments and workflow actions made for those records, and puts the controls back as they were."""

import json
from contextlib import contextmanager

import frappe
from frappe import _
from frappe.utils import now

from aims_app.translation import value

MANIFEST_KEY = "aims_demo_manifest"
# Made on install, one per control (changed by the demo, never created or deleted by it), and the library.
INSTALLED = {"Control Implementation"}
LIBRARY_MODULE = "AIMS Library"
# Records Frappe makes about a document, removed with it: doctype -> (reference doctype field, name field).
TRACES = {
	"ToDo": ("reference_type", "reference_name"),
	"Workflow Action": ("reference_doctype", "reference_name"),
	"Version": ("ref_doctype", "docname"),
	"Comment": ("reference_doctype", "reference_name"),
	"Notification Log": ("document_type", "document_name"),
	"Email Queue": ("reference_doctype", "reference_name"),
	"DocShare": ("share_doctype", "share_name"),
}


def complete_setup_wizard(email: str | None = None, full_name: str | None = None):
	"""Frappe's setup wizard, completed as its first page would send it on a new site (it also turns on the
	desk's guided setup, Module Onboarding); nothing happens where it was completed already."""
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	if frappe.db.get_single_value("System Settings", "setup_complete"):
		return
	setup_complete(
		{
			"language": "English",
			"country": "United Kingdom",
			"timezone": "Europe/London",
			"currency": "GBP",
			"full_name": full_name,
			"email": email,
		}
	)


class DemoRefused(frappe.ValidationError):
	pass


class Manifest:
	"""What the demo made (doctype, name) in order, the users it added, the roles it gave people who were on the
	site already, and the installed rows it changed."""

	def __init__(self):
		self.started = now()
		self.created: list[tuple[str, str]] = []
		self.users: list[str] = []
		self.granted: list[tuple[str, str]] = []
		self.changed: dict[str, dict] = {}

	def save(self):
		data = {
			"started": self.started,
			"created": self.created,
			"users": self.users,
			"granted": self.granted,
			"changed": self.changed,
		}
		frappe.db.set_global(MANIFEST_KEY, json.dumps(data, default=str))

	@classmethod
	def stored(cls) -> "Manifest | None":
		raw = frappe.db.get_global(MANIFEST_KEY)
		if not raw:
			return None
		data = json.loads(raw)
		manifest = cls()
		manifest.started = data["started"]
		manifest.created = [tuple(row) for row in data["created"]]
		manifest.users = data["users"]
		manifest.granted = [tuple(row) for row in data.get("granted", [])]
		manifest.changed = data["changed"]
		return manifest


def aims_records_on_site() -> dict[str, int]:
	"""How many records of each AIMS doctype people create the site holds (the library and the controls made on
	install do not count)."""
	modules = frappe.get_all(
		"Module Def", filters={"app_name": "aims_app", "name": ("!=", LIBRARY_MODULE)}, pluck="name"
	)
	doctypes = frappe.get_all(
		"DocType",
		filters={"module": ("in", modules), "istable": 0, "issingle": 0, "is_virtual": 0},
		pluck="name",
	)
	counts = {doctype: frappe.db.count(doctype) for doctype in doctypes if doctype not in INSTALLED}
	return {doctype: count for doctype, count in counts.items() if count}


def load(add: bool = False) -> Manifest:
	"""Load the demo, all or nothing; refused when it is loaded already, or when the site holds AIMS records and
	`add` is not given."""
	if Manifest.stored():
		raise DemoRefused(
			_(
				"The demo organisation is already loaded on {0}: remove it first (aims load-demo --remove)."
			).format(frappe.local.site)
		)
	found = aims_records_on_site()
	if found and not add:
		listed = ", ".join(f"{doctype}: {count}" for doctype, count in sorted(found.items()))
		raise DemoRefused(
			_(
				"{0} already holds AIMS records ({1}). Nothing was changed. Use --add to load the demo beside them."
			).format(frappe.local.site, listed)
		)
	from aims_app.demo.records import build

	manifest = Manifest()
	with quiet():
		try:
			build(Builder(manifest))
			manifest.save()
			frappe.db.commit()
		except Exception:
			frappe.db.rollback()
			raise
	return manifest


def remove() -> Manifest:
	manifest = Manifest.stored()
	if not manifest:
		raise DemoRefused(
			_("The demo organisation is not loaded on {0}: nothing to remove.").format(frappe.local.site)
		)
	removing_since = now()
	deleted = list(reversed(manifest.created)) + [("User", user) for user in manifest.users]
	with quiet():
		try:
			for doctype, name in deleted:
				delete_record(doctype, name)
			for email, role in manifest.granted:
				take_back_role(email, role)
			for key, row in manifest.changed.items():
				restore_row(*key.split("/", 1), row, manifest.started)
			delete_deletion_feed(
				deleted + [("Notification Settings", user) for user in manifest.users], removing_since
			)
			frappe.db.set_global(MANIFEST_KEY, None)
			frappe.db.commit()
		except Exception:
			frappe.db.rollback()
			raise
	return manifest


@contextmanager
def quiet():
	"""No email or notification goes out about demo records."""
	muted, frappe.flags.mute_emails = frappe.flags.mute_emails, True
	previous = frappe.session.user
	try:
		yield
	finally:
		frappe.flags.mute_emails = muted
		frappe.set_user(previous)


def delete_record(doctype: str, name: str):
	if not frappe.db.exists(doctype, name):
		return
	if frappe.get_meta(doctype).is_submittable and frappe.db.get_value(doctype, name, "docstatus") == 1:
		# A signed record is withdrawn, not cancelled: its workflow and controllers would act on other records.
		frappe.db.set_value(doctype, name, "docstatus", 2, update_modified=False)
	frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
	delete_traces(doctype, name)


def delete_traces(doctype: str, name: str, since: str | None = None):
	for trace, (type_field, name_field) in TRACES.items():
		filters = {type_field: doctype, name_field: name}
		if since:
			filters["creation"] = (">=", since)
		frappe.db.delete(trace, filters)


def delete_deletion_feed(deleted: list[tuple[str, str]], since: str):
	"""Frappe notes each deletion in the activity feed (a Comment naming the record): the demo's leave no note."""
	subjects = [_("{0} {1}").format(value(doctype), name) for doctype, name in deleted]
	frappe.db.delete(
		"Comment", {"comment_type": "Deleted", "creation": (">=", since), "subject": ("in", subjects)}
	)


def take_back_role(email: str, role: str):
	if frappe.db.exists("User", email):
		user = frappe.get_doc("User", email)
		user.flags.ignore_permissions = True
		user.remove_roles(role)


def restore_row(doctype: str, name: str, row: dict, since: str):
	"""An installed record put back exactly as it was (its modified time too), without what changing it left."""
	frappe.db.set_value(doctype, name, row, update_modified=False)
	delete_traces(doctype, name, since)


class Builder:
	"""Creates demo records as their people would, and lists them in the manifest."""

	def __init__(self, manifest: Manifest):
		self.manifest = manifest

	def user(self, email: str, full_name: str, role: str) -> str:
		"""A desk user of the demo company with one AIMS role (no password: nobody logs in as them)."""
		if not frappe.db.exists("User", email):
			first, last = full_name.split(" ", 1)
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": first,
					"last_name": last,
					"send_welcome_email": 0,
					"user_type": "System User",
				}
			)
			user.append_roles(role)
			user.insert(ignore_permissions=True)
			self.manifest.users.append(email)
		else:
			self.give_back_role(email, role)
		return email

	def give_back_role(self, email: str, role: str):
		"""Someone an earlier demo left behind loses their AIMS roles when the app is uninstalled: they get the
		demo role back, and `--remove` takes it away again and puts their User record back as it was."""
		user = frappe.get_doc("User", email)
		if role in {row.role for row in user.roles}:
			return
		self.manifest.changed.setdefault(
			f"User/{email}", frappe.db.get_value("User", email, "*", as_dict=True)
		)
		user.flags.ignore_permissions = True
		user.add_roles(role)
		self.manifest.granted.append((email, role))

	def insert(self, as_user: str, doctype: str, **fields):
		frappe.set_user(as_user)
		doc = frappe.get_doc({"doctype": doctype, **fields}).insert()
		self.manifest.created.append((doctype, doc.name))
		return doc

	def made(self, doctype: str, name: str):
		"""A record a controller made on the demo's behalf (a nonconformity an audit raised)."""
		self.manifest.created.append((doctype, name))

	def act(self, as_user: str, doc, action: str):
		from frappe.model.workflow import apply_workflow

		frappe.set_user(as_user)
		return apply_workflow(frappe.get_doc(doc.doctype, doc.name), action)

	def update(self, as_user: str, doc, **fields):
		frappe.set_user(as_user)
		doc = frappe.get_doc(doc.doctype, doc.name)
		doc.update(fields)
		doc.save()
		return doc

	def submit(self, as_user: str, doc):
		frappe.set_user(as_user)
		doc = frappe.get_doc(doc.doctype, doc.name)
		doc.submit()
		return doc

	def change_installed(self, as_user: str, doctype: str, name: str, **fields):
		key = f"{doctype}/{name}"
		if key not in self.manifest.changed:
			self.manifest.changed[key] = frappe.db.get_value(doctype, name, "*", as_dict=True)
		frappe.set_user(as_user)
		doc = frappe.get_doc(doctype, name)
		doc.update(fields)
		doc.save()
		return doc
