"""Valid records of any aims_app doctype, built from its metadata so that doctypes added later need no edit.

A record "of" a user has that user in every link to User, links to records of the same user (or, for what no
AIMS role creates, to records already on the site), and is owned by them: whatever record-level rule
applies, it is theirs. Records are committed (HTTP requests run in
their own connections) and removed by `remove_all`.
"""

import frappe

from aims_app.roles import AIMS_ROLES
from aims_app.tests.metadata import app_doctypes
from aims_app.validation import condition_holds

TEXT_TYPES = {"Small Text", "Text", "Long Text", "Text Editor", "Markdown Editor", "Code", "HTML Editor"}
NUMBER_TYPES = {"Int", "Float", "Currency", "Percent"}
TABLE_TYPES = {"Table", "Table MultiSelect"}
# Links whose record must be in a given state for the linking record to be valid: a change is recorded only
# on a system in operation.
LINKED_VALUES = {("AI System Change", "ai_system"): {"lifecycle_stage": "Operation and monitoring"}}
# Values chosen over the defaults: a generated metric that its generated measurements breach only notifies,
# so that no draft incident outlives the records made here.
CHOSEN_VALUES = {("AI Monitoring Metric", "on_breach"): "Notify the owner"}
OUTCOMES = "group,decision\n" + "a,1\na,0\nb,1\nb,0\n" * 40


def evaluate_outcomes(doc, records: "Records"):
	"""A fairness evaluation is signed once it has evaluated an outcomes file: two groups, equal rates."""
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"outcomes-{doc.name}.csv",
			"attached_to_doctype": doc.doctype,
			"attached_to_name": doc.name,
			"is_private": 1,
			"content": OUTCOMES.encode(),
		}
	).insert(ignore_permissions=True)
	doc.update({"outcomes_file": file.file_url, "group_columns": "group", "prediction_column": "decision"})
	doc.update(
		{"label_column": None, "score_column": None, "favourable_values": None, "positive_label_values": None}
	)
	doc.save(ignore_permissions=True)
	doc.evaluate()


def name_an_affected_party(doc, records: "Records"):
	"""An impact assessment is signed once it names who is affected (its form fills them from the system)."""
	if not doc.affected_parties:
		party = records.of("Interested Party", doc.owner)
		doc.append("affected_parties", {"interested_party": party, "how_affected": "Written by the tests."})
		doc.save(ignore_permissions=True)


# What signing a doctype needs beyond its fields filled in.
BEFORE_SIGNING = {"AI Fairness Evaluation": evaluate_outcomes, "AI Impact Assessment": name_an_affected_party}


class Records:
	"""Fields are filled in one of a few styles, the first the doctype's controller accepts: mandatory fields
	only (0), also optional links to other aims_app records and text (1), or every field (2), with dates of
	today or a month ahead. For records meant to be signed (complete), the fullest style is tried first."""

	STYLES = ((0, False), (1, False), (0, True), (1, True), (2, False), (2, True))

	def __init__(self, complete: bool = False):
		self.styles = tuple(reversed(self.STYLES)) if complete else self.STYLES
		self.ours = set(app_doctypes(singles=True))
		self.made: list[tuple[str, str]] = []
		self._shared: dict[tuple[str, str], str] = {}
		self._style: dict[str, tuple[int, bool]] = {}
		self._building: set[str] = set()

	def of(self, doctype: str, user: str = "Administrator", fresh: bool = False, **values) -> str:
		"""The name of a saved draft of `doctype` belonging to `user`: one per user, or a new one if fresh;
		for what no AIMS role creates, a record already on the site."""
		key = (doctype, user)
		found = None if values else self.existing(doctype)
		if found:
			return found
		if fresh or values or key not in self._shared:
			doc = self._insert(doctype, user, values)
			if user != "Administrator":
				frappe.db.set_value(doctype, doc.name, "owner", user, update_modified=False)
			self.made.append((doctype, doc.name))
			frappe.db.commit()
			if fresh or values:
				return doc.name
			self._shared[key] = doc.name
		return self._shared[key]

	def _insert(self, doctype: str, user: str, values: dict):
		known = self._style.get(doctype)
		styles = ([known] if known else []) + [style for style in self.styles if style != known]
		for style in styles:
			self._style[doctype] = style
			try:
				doc = frappe.get_doc({"doctype": doctype, **self.values(doctype, user), **values})
				return doc.insert(ignore_permissions=True)
			except (frappe.ValidationError, frappe.PermissionError) as error:
				frappe.db.rollback()
				failure = error
		self._style.pop(doctype, None)
		raise failure

	def existing(self, doctype: str) -> str | None:
		"""A record already on the site, for what no AIMS role creates (the library, one per control)."""
		if self.creatable(doctype):
			return None
		return next(iter(frappe.get_all(doctype, pluck="name", order_by="name", limit=1)), None)

	def submitted(self, doctype: str, user: str = "Administrator", **values) -> str:
		"""A new record of `user` marked submitted, in the first submitted state of its workflow if it has one:
		a signed record as the tests find it, without the doctype's own conditions for signing."""
		name = self.of(doctype, user, fresh=True, **values)
		state = {}
		workflow = frappe.get_all(
			"Workflow",
			filters={"document_type": doctype, "is_active": 1},
			fields=["name", "workflow_state_field"],
			limit=1,
		)
		if workflow:
			state[workflow[0].workflow_state_field] = frappe.get_all(
				"Workflow Document State",
				filters={"parent": workflow[0].name, "doc_status": "1"},
				pluck="state",
				order_by="idx",
				limit=1,
			)[0]
		frappe.db.set_value(doctype, name, {**state, "docstatus": 1}, update_modified=False)
		frappe.db.commit()
		return name

	def signable(self, doctype: str, user: str = "Administrator") -> str:
		"""A new draft of `user` with every field and every row of its tables filled in (a conclusion, checklist
		results, impacts by area), as signing asks."""
		doc = frappe.get_doc(doctype, self.draft_with_its_own_rows(doctype, user))
		for field in doc.meta.fields:
			if field.fieldtype not in TABLE_TYPES and not doc.get(field.fieldname) and self.fillable(field):
				doc.set(field.fieldname, self.value(field, user, (2, True), unique=False))
		for table in doc.meta.get_table_fields():
			fields = [f for f in frappe.get_meta(table.options).fields if self.fillable(f)]
			for row in doc.get(table.fieldname):
				for field in fields:
					if not row.get(field.fieldname):
						row.set(field.fieldname, self.value(field, user, (2, True), unique=False))
		doc.save(ignore_permissions=True)
		if prepare := BEFORE_SIGNING.get(doctype):
			prepare(doc, self)
		frappe.db.commit()
		return doc.name

	def draft_with_its_own_rows(self, doctype: str, user: str) -> str:
		"""A new draft whose tables the controller fills itself (one row per impact area, the audit checklist)
		where it does: tried with every table left empty, then one table at a time, then a row in each."""
		tables = [table.fieldname for table in frappe.get_meta(doctype).get_table_fields()]
		for empty in (tables, *([table] for table in tables)):
			try:
				return self.of(doctype, user, fresh=True, **{table: [] for table in empty})
			except (frappe.ValidationError, frappe.PermissionError):
				continue
		return self.of(doctype, user, fresh=True)

	def values(self, doctype: str, user: str, style: tuple[int, bool] | None = None) -> dict:
		"""Every mandatory field without a default (conditionally mandatory ones when their condition holds)
		and every link to User, for `user`, in the doctype's style."""
		style = style or self._style.get(doctype, self.styles[0])
		meta = frappe.get_meta(doctype)
		autoname = meta.autoname or ""
		self._building.add(doctype)
		values = {}
		for field in meta.fields:
			if field.fieldtype == "Link" and field.options == "User":
				values[field.fieldname] = user
			elif linked := LINKED_VALUES.get((doctype, field.fieldname)):
				values[field.fieldname] = self.of(field.options, user, **linked)
			elif (doctype, field.fieldname) in CHOSEN_VALUES:
				values[field.fieldname] = CHOSEN_VALUES[(doctype, field.fieldname)]
			elif field.read_only or field.default is not None:
				continue
			elif field.reqd or self.optional(field, style[0]):
				values[field.fieldname] = self.value(field, user, style, unique=field.fieldname in autoname)
		sample = frappe.new_doc(doctype)
		sample.update(values)
		for field in meta.fields:
			if field.mandatory_depends_on and condition_holds(sample, field.mandatory_depends_on):
				values[field.fieldname] = self.value(field, user, style, unique=False)
		self._building.discard(doctype)
		return {key: value for key, value in values.items() if value is not None}

	def value(self, field, user: str, style: tuple[int, bool], unique: bool):
		if field.fieldtype in TABLE_TYPES:
			return [self.values(field.options, user, style)]
		if field.fieldtype == "Link":
			return (
				self.of(field.options, user) if field.options in self.ours else self.existing(field.options)
			)
		if field.fieldtype == "Select":
			return next((option for option in (field.options or "").split("\n") if option), None)
		if field.fieldtype == "Check":
			return 1
		if field.fieldtype in NUMBER_TYPES:
			return 2000 + len(self.made) if unique or field.unique else 1
		if field.fieldtype == "Date":
			return frappe.utils.add_days(frappe.utils.today(), 30 if style[1] else 0)
		if field.fieldtype == "Datetime":
			return frappe.utils.now()
		if field.fieldtype in TEXT_TYPES:
			return "Written by the permission tests."
		if field.fieldtype == "Data":
			suffix = frappe.generate_hash(length=6)
			return {"Email": f"perm-{suffix}@example.com", "URL": f"https://example.com/{suffix}"}.get(
				field.options, f"Perm {field.label} {suffix}"
			)
		return None

	def optional(self, field, level: int) -> bool:
		"""Whether an optional field is filled at this level of the style."""
		if field.hidden or field.fieldname in ("amended_from", "workflow_state"):
			return False
		if field.fieldtype == "Link":
			return level >= 1 and field.options in self.ours - self._building
		if field.fieldtype == "Data" and not field.unique:
			return level >= 1
		return level >= 2 and field.fieldtype in {
			*TEXT_TYPES,
			*NUMBER_TYPES,
			*TABLE_TYPES,
			"Check",
			"Select",
			"Date",
		}

	def fillable(self, field) -> bool:
		return not field.read_only and (field.reqd or self.optional(field, 2))

	@staticmethod
	def creatable(doctype: str) -> bool:
		"""Whether any AIMS role may create it; the others (the library, one record per control) are linked
		to as they are on the site."""
		return any(p.create and p.role in AIMS_ROLES for p in frappe.get_meta(doctype).permissions)

	def remove_all(self):
		for doctype, name in reversed(self.made):
			if frappe.db.exists(doctype, name):
				if frappe.get_meta(doctype).is_submittable:
					frappe.db.set_value(doctype, name, "docstatus", 2, update_modified=False)
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
		self.made.clear()
		self._shared.clear()
		frappe.db.commit()
