"""Writers at the same time (issue 8): two users saving one record from the same loaded version, two imports of
one inventory at once, a daily job running while a user edits. Each writer is a thread with its own database
connection, as each request or job is on a server, and commits; what they wrote is removed at the end. The
number of lost updates is printed."""

import queue
from threading import Thread

import frappe
from frappe.utils import add_days, today

from aims_app.ai_risk.doctype.ai_risk.ai_risk import mark_risks_due_for_review
from aims_app.ai_risk.doctype.risk_acceptance.risk_acceptance import expire_acceptances
from aims_app.ai_systems.inventory.card import SECTIONS, parse_card
from aims_app.ai_systems.inventory.transfer import import_inventory
from aims_app.tests import AimsTestCase, make_user
from aims_app.tests.hostile import fill, naming_fields, save_unchecked, text_fields
from aims_app.tests.metadata import app_doctypes

EXAMPLE = frappe.get_app_path("aims_app", "ai_systems", "inventory", "example.yaml")
USER_A = "concurrency-a@example.com"
USER_B = "concurrency-b@example.com"
LOST = {"lost updates": 0}


class Connection:
	"""A thread with its own connection to the site, running the calls it is given one at a time as `user`."""

	def __init__(self, user: str):
		self.site, self.sites_path, self.user = frappe.local.site, frappe.local.sites_path, user
		self.calls = queue.Queue()
		self.thread = Thread(target=self.serve, daemon=True)
		self.thread.start()

	def serve(self):
		"""Each call ends its transaction, as a request does: what it did not commit is rolled back."""
		frappe.init(site=self.site, sites_path=self.sites_path)
		frappe.connect()
		frappe.set_user(self.user)
		try:
			while (call := self.calls.get()) is not None:
				function, reply = call
				try:
					result = (True, function())
				except Exception as error:
					result = (False, error)
				frappe.db.rollback()
				reply.put(result)
		finally:
			frappe.destroy()

	def send(self, function) -> queue.Queue:
		reply = queue.Queue()
		self.calls.put((function, reply))
		return reply

	@staticmethod
	def answer(reply: queue.Queue):
		ok, value = reply.get(timeout=60)
		if not ok:
			raise value
		return value

	def run(self, function):
		return self.answer(self.send(function))

	def close(self):
		self.calls.put(None)
		self.thread.join(timeout=30)


def committed(function):
	def call():
		value = function()
		frappe.db.commit()
		return value

	return call


def outcome(reply: queue.Queue):
	"""What one writer got: its return value, or the exception it raised."""
	try:
		return Connection.answer(reply)
	except Exception as error:
		return error


def stored_names() -> dict[str, set[str]]:
	return {doctype: set(frappe.get_all(doctype, pluck="name")) for doctype in app_doctypes()}


def plain_text(df) -> str:
	return "Written by test_concurrency"


def editable_field(doctype: str):
	"""A plain Data field of the doctype a user could edit after saving, if it has one."""
	return next(
		(
			df
			for df in text_fields(doctype)
			if df.fieldtype == "Data"
			and df.fieldname not in naming_fields(doctype)
			and not (df.read_only or df.set_only_once)
		),
		None,
	)


class TestConcurrency(AimsTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		for user in (USER_A, USER_B, "priya.shah@example.com", "liam.osei@example.com"):
			make_user(user, ["AIMS Manager", "System Manager"])
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		print(f"\nconcurrency: {LOST['lost updates']} lost updates")
		super().tearDownClass()

	def setUp(self):
		self.before = stored_names()
		self.a, self.b = Connection(USER_A), Connection(USER_B)

	def tearDown(self):
		self.a.close()
		self.b.close()
		frappe.db.rollback()
		for doctype, names in reversed(stored_names().items()):
			added = list(names - self.before[doctype])
			if added and frappe.get_meta(doctype).is_submittable:
				frappe.db.set_value(doctype, {"name": ("in", added)}, "docstatus", 2, update_modified=False)
			for name in added:
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
				frappe.db.commit()
		super().tearDown()

	def lost_unless(self, kept: bool, message: str):
		LOST["lost updates"] += not kept
		self.assertTrue(kept, message)

	def record_to_edit(self, doctype: str, **values):
		frappe.db.savepoint("record_to_edit")
		try:
			doc = save_unchecked(fill(frappe.new_doc(doctype), plain_text).update(values))
		except frappe.ValidationError:
			frappe.db.rollback(save_point="record_to_edit")
			frappe.clear_messages()
			return None
		frappe.db.commit()
		return doc

	def load_in_both(self, doctype: str, name: str) -> dict:
		loaded = {}
		self.a.run(lambda: loaded.update(a=frappe.get_doc(doctype, name)))
		self.b.run(lambda: loaded.update(b=frappe.get_doc(doctype, name)))
		return loaded

	def committed_value(self, doctype: str, name: str, fieldname):
		return self.b.run(
			lambda: frappe.db.get_value(doctype, name, fieldname, as_dict=isinstance(fieldname, list))
		)

	def edit(self, loaded: dict, who: str, fieldname: str, value: str):
		def call():
			doc = loaded[who]
			doc.set(fieldname, value)
			save_unchecked(doc)
			frappe.db.commit()

		return call

	def test_a_stale_save_is_refused_and_the_first_save_stays_on_every_doctype(self):
		covered = []
		for doctype in app_doctypes():
			field = editable_field(doctype)
			doc = field and self.record_to_edit(doctype)
			if not doc:
				continue
			covered.append(doctype)
			with self.subTest(doctype):
				loaded = self.load_in_both(doctype, doc.name)
				self.a.run(self.edit(loaded, "a", field.fieldname, "saved first by A"))
				with self.assertRaises(frappe.TimestampMismatchError):
					self.b.run(self.edit(loaded, "b", field.fieldname, "saved later by B from a stale copy"))
				stored = self.committed_value(doctype, doc.name, field.fieldname)
				self.lost_unless(stored == "saved first by A", f"{doctype}: A's save was overwritten")
		self.assertGreater(len(covered), len(app_doctypes()) // 2, covered)

	def test_two_saves_at_the_same_moment_one_wins_whole(self):
		for doctype in app_doctypes():
			field = editable_field(doctype)
			doc = field and self.record_to_edit(doctype)
			if not doc:
				continue
			with self.subTest(doctype):
				loaded = self.load_in_both(doctype, doc.name)
				replies = {
					"by A": self.a.send(self.edit(loaded, "a", field.fieldname, "by A")),
					"by B": self.b.send(self.edit(loaded, "b", field.fieldname, "by B")),
				}
				results = {value: outcome(reply) for value, reply in replies.items()}
				winners = [value for value, result in results.items() if not isinstance(result, Exception)]
				refused = [r for r in results.values() if isinstance(r, frappe.TimestampMismatchError)]
				self.assertEqual((len(winners), len(refused)), (1, 1), results)
				stored = self.committed_value(doctype, doc.name, field.fieldname)
				self.lost_unless(stored == winners[0], f"{doctype}: the winner's save was overwritten")

	def test_the_same_inventory_imported_twice_at_once_makes_each_record_once(self):
		with open(EXAMPLE, "rb") as stream:
			content = stream.read()
		card = parse_card(content, "example.yaml")
		replies = [
			connection.send(committed(lambda: import_inventory(content, "example.yaml")))
			for connection in (self.a, self.b)
		]
		results = [outcome(reply) for reply in replies]
		self.assertTrue(any(not isinstance(r, Exception) for r in results), results)
		for result in results:
			if isinstance(result, Exception):
				self.assertIsInstance(result, frappe.UniqueValidationError)
				self.assertIn("example.yaml", str(result))
		frappe.db.rollback()
		for section in SECTIONS:
			for record in card.get(section.key) or []:
				record_id = record[section.id_field]
				with self.subTest(section=section.key, id=record_id):
					names = frappe.get_all(
						section.doctype, filters={section.id_field: record_id}, pluck="name"
					)
					self.assertEqual(len(names), 1, f"{section.doctype} {record_id}: {names}")
					for table in section.tables:
						rows = frappe.db.count(table.doctype, {"parent": names[0], "parentfield": table.key})
						self.assertEqual(rows, len(record.get(table.key) or []), table.doctype)

	def test_the_daily_review_job_and_a_users_edit_lose_nothing(self):
		risk = self.record_to_edit("AI Risk", status="Open", review_date=add_days(today(), -1))
		loaded = self.load_in_both("AI Risk", risk.name)
		self.b.run(committed(mark_risks_due_for_review))
		self.assert_edit_keeps("AI Risk", risk.name, loaded, {"status": "Review due"})

	def test_the_daily_expiry_job_and_a_users_edit_lose_nothing(self):
		risk = self.record_to_edit("AI Risk", status="Accepted", accepted_until=add_days(today(), -1))
		acceptance = fill(frappe.new_doc("Risk Acceptance"), plain_text)
		acceptance.update({"ai_risk": risk.name, "expires_on": add_days(today(), -1), "docstatus": 1})
		save_unchecked(acceptance)
		frappe.db.commit()
		loaded = self.load_in_both("AI Risk", risk.name)
		self.b.run(committed(expire_acceptances))
		self.assert_edit_keeps("AI Risk", risk.name, loaded, {"status": "Review due", "accepted_until": None})

	def assert_edit_keeps(self, doctype: str, name: str, loaded: dict, by_job: dict):
		"""The user, working from the copy loaded before the job ran, saves; the job's changes must survive
		(the save is refused as stale, or keeps them)."""
		field = editable_field(doctype)
		try:
			self.a.run(self.edit(loaded, "a", field.fieldname, "edited while the job ran"))
		except frappe.TimestampMismatchError:
			pass
		stored = self.committed_value(doctype, name, list(by_job))
		self.lost_unless(stored == by_job, f"the job's change was overwritten by the user's save: {stored}")
