"""Inventory as code: the YAML card imported and exported as real users (aims_app/ai_systems/inventory/transfer.py)."""

import frappe

from aims_app.ai_assurance.readiness.fact_names import Fact
from aims_app.ai_assurance.readiness.facts import organisation_facts
from aims_app.ai_systems.inventory.card import SECTIONS, dump_card
from aims_app.ai_systems.inventory.sample import sample_card
from aims_app.ai_systems.inventory.transfer import (
	card_schema,
	export_inventory,
	import_inventory,
	stored_records,
)
from aims_app.tests import AimsTestCase, ApiClient, acting_as, make_user

EXAMPLE = frappe.get_app_path("aims_app", "ai_systems", "inventory", "example.yaml")
DOCTYPES = {s.key: s.doctype for s in SECTIONS}
BOOKKEEPING = {"name", "creation", "modified", "modified_by", "owner", "parent", "idx"}
# A tier override is a decision: the import records it as taken by the importing user, now.
RECORDED_BY_IMPORT = {"overridden_by", "overridden_on"}


def example() -> bytes:
	with open(EXAMPLE, "rb") as stream:
		return stream.read()


def counts() -> dict[str, int]:
	return {doctype: frappe.db.count(doctype) for doctype in DOCTYPES.values()}


def system(inventory_id: str, **values) -> dict:
	return {
		"inventory_id": inventory_id,
		"system_name": f"Inventory test {inventory_id}",
		"system_owner": "priya.shah@example.com",
		"purpose": "Tested by test_inventory.",
	} | values


def card(**sections) -> str:
	return dump_card({"version": 1, **sections})


def snapshot() -> dict[str, dict]:
	"""Every stored field of the example's records and their rows, with links written as inventory ids."""
	ids = {
		doctype: {
			r.name: r.inventory_id or r.name for r in frappe.get_all(doctype, fields=["name", "inventory_id"])
		}
		for doctype in ("AI Model", "AI Dataset")
	}
	out = {}
	for key, doctype in DOCTYPES.items():
		for name in frappe.get_all(doctype, pluck="name"):
			record_id = frappe.db.get_value(doctype, name, "inventory_id") if key != "suppliers" else name
			doc = frappe.get_doc(doctype, name).as_dict(no_default_fields=True)
			if key != "suppliers":
				doc.inventory_id = record_id = record_id or name
			for table, link, target in (
				("models", "ai_model", "AI Model"),
				("datasets", "ai_dataset", "AI Dataset"),
			):
				for row in doc.get(table) or [] if doctype == "AI System" else []:
					row[link] = ids[target][row[link]]
			out[f"{key}/{record_id}"] = strip(doc)
	return out


def strip(value):
	if isinstance(value, dict):
		return {k: strip(v) for k, v in value.items() if k not in BOOKKEEPING | RECORDED_BY_IMPORT}
	if isinstance(value, list):
		return [strip(v) for v in value]
	return value


class TestInventoryImport(AimsTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		for email in ("priya.shah@example.com", "liam.osei@example.com"):
			make_user(email, ["AI System Owner"])
		cls.manager = make_user("inventory-manager@example.com", ["AIMS Manager"])
		cls.owner = make_user("inventory-owner@example.com", ["AI System Owner"])
		cls.viewer = make_user("inventory-viewer@example.com", ["AIMS Viewer"])
		cls.api = {user: ApiClient(user) for user in (cls.manager, cls.owner)}
		frappe.db.commit()

	def import_as_manager(self, content, **kwargs):
		with acting_as(self.manager):
			return import_inventory(content, "team.yaml", **kwargs)

	def test_the_example_creates_its_records_and_a_second_import_changes_nothing(self):
		first = self.import_as_manager(example())
		self.assertEqual(first.counts()["systems"], {"created": 2, "updated": 0, "unchanged": 0})
		self.assertEqual(first.counts()["suppliers"]["created"], 1)
		screening = frappe.get_doc("AI System", {"inventory_id": "hr-cv-screening"})
		self.assertEqual(screening.eu_ai_act_tier, "High-risk")
		self.assertTrue(screening.obligations)
		model = frappe.db.get_value("AI Model", {"inventory_id": "cv-screening-ranker"})
		self.assertEqual([row.ai_model for row in screening.models], [model])
		modified = frappe.db.get_value("AI System", screening.name, "modified")

		second = self.import_as_manager(example())
		self.assertEqual(
			{key: c["unchanged"] for key, c in second.counts().items()},
			{"suppliers": 1, "models": 2, "datasets": 2, "systems": 2},
		)
		self.assertFalse([r for r in second.records if r[2] != "unchanged"])
		self.assertEqual(frappe.db.get_value("AI System", screening.name, "modified"), modified)

	def test_a_large_realistic_file_imported_twice_changes_nothing_the_second_time(self):
		"""Rows without their optional fields, markup-looking text, Windows line breaks, decomposed accents and
		stray spaces, long names, shared and repeated rows (aims_app/ai_systems/inventory/sample.py)."""
		content = dump_card(sample_card(300, ("priya.shah@example.com", "liam.osei@example.com")))
		first = self.import_as_manager(content)
		self.assertEqual(first.counts()["systems"], {"created": 300, "updated": 0, "unchanged": 0})
		second = self.import_as_manager(content)
		self.assertEqual([r for r in second.records if r[2] != "unchanged"], [])
		self.assertEqual(second.counts()["systems"]["unchanged"], 300)
		system = frappe.get_doc("AI System", {"inventory_id": "use-case-00001"})
		self.assertEqual(system.datasets[0].usage, "Training")
		self.assertEqual(
			frappe.db.get_value("AI System", {"inventory_id": "use-case-00011"}, "foreseeable_misuse"),
			"Counts claims &lt;Includes number of providers&gt; per region.",
		)
		# a plain-text description keeps its lines and shows its "<" as written
		self.assertEqual(
			frappe.db.get_value("AI System", {"inventory_id": "use-case-00000"}, "description"),
			"<p>Counts claims &lt;Includes number of providers&gt; per region.<br>Outputs: a ranked list.</p>",
		)
		self.assertEqual(
			frappe.db.get_value("AI Supplier", "Palantir Technologies", "likely_duplicate_of"), "Palantir"
		)

	def test_yes_no_answers_not_known_yet_hold_the_tier_back_as_a_gap(self):
		before = organisation_facts()[0]
		self.import_as_manager(
			card(systems=[system("unknown-yes-no", interacts_with_people=True, yes_no_answers_unknown=True)])
		)
		doc = frappe.get_doc("AI System", {"inventory_id": "unknown-yes-no"})
		self.assertFalse(doc.eu_ai_act_tier)
		self.assertIn("the yes/no questions", doc.tier_reasons)
		after = organisation_facts()[0]
		self.assertEqual(after[Fact.IN_SCOPE_SYSTEMS], before[Fact.IN_SCOPE_SYSTEMS] + 1)
		self.assertEqual(after[Fact.IN_SCOPE_SYSTEMS_KNOWN], before[Fact.IN_SCOPE_SYSTEMS_KNOWN])

		self.import_as_manager(
			card(systems=[system("unknown-yes-no", interacts_with_people=True, yes_no_answers_unknown=False)])
		)
		doc.reload()
		self.assertEqual(doc.eu_ai_act_tier, "Limited risk")
		self.assertEqual(
			organisation_facts()[0][Fact.IN_SCOPE_SYSTEMS_KNOWN], after[Fact.IN_SCOPE_SYSTEMS_KNOWN] + 1
		)

	def test_unknown_is_recorded_as_a_gap_and_the_first_known_stage_replaces_it(self):
		before = organisation_facts()[0]
		unknown = dict.fromkeys(
			("lifecycle_stage", "our_role", "automation_level", "annex_iii_area"), "Unknown"
		)
		self.import_as_manager(card(systems=[system("unknown-1", **unknown)]))
		doc = frappe.get_doc("AI System", {"inventory_id": "unknown-1"})
		self.assertEqual([doc.get(field) for field in unknown], ["Unknown"] * 4)
		self.assertFalse(doc.eu_ai_act_tier)
		self.assertIn("Annex III Area of Its Intended Purpose", doc.tier_reasons)
		after = organisation_facts()[0]
		self.assertEqual(after[Fact.IN_SCOPE_SYSTEMS], before[Fact.IN_SCOPE_SYSTEMS] + 1)
		self.assertEqual(after[Fact.IN_SCOPE_SYSTEMS_KNOWN], before[Fact.IN_SCOPE_SYSTEMS_KNOWN])

		known = {**unknown, "lifecycle_stage": "Deployment", "annex_iii_area": None}
		summary = self.import_as_manager(card(systems=[system("unknown-1", **known)]))
		self.assertIn(
			("systems", "unknown-1", "updated", ["lifecycle_stage", "annex_iii_area"]), summary.records
		)
		doc.reload()
		self.assertEqual(doc.lifecycle_stage, "Deployment")
		self.assertEqual(doc.eu_ai_act_tier, "Minimal risk")
		self.assertFalse(doc.obligations)
		self.assertIn("Our role is unknown", doc.tier_reasons)

	def test_impacts_technique_personal_data_contact_and_code_come_and_go_with_the_card(self):
		details = {
			"affected_groups": "Applicants",
			"impacts": "Decides who is invited to interview.",
			"technique": "Gradient-boosted trees",
			"operational_since": "2024-05-01",
			"personal_data": "Yes, the GDPR does not apply",
			"privacy_assessment": "https://intranet.example.com/pia/42",
			"contact": "People analytics team",
			"code_repository": "https://git.example.com/hr/screening",
		}
		self.import_as_manager(card(systems=[system("details-1", **details)]))
		with acting_as(self.manager):
			exported = export_inventory()
		self.assertIn("personal_data: Yes, the GDPR does not apply", exported)
		self.assertIn("operational_since: 2024-05-01", exported)
		stored = frappe.db.get_value("AI System", {"inventory_id": "details-1"}, list(details), as_dict=True)
		self.assertEqual({k: str(v) for k, v in stored.items()}, details)
		with self.assertRaises(frappe.MandatoryError) as refusal:
			self.import_as_manager(card(systems=[system("details-1", personal_data="Yes, the GDPR applies")]))
		self.assertIn("Legal Basis for Processing", str(refusal.exception))

	def test_a_changed_record_is_updated_and_the_change_reported(self):
		self.import_as_manager(example())
		changed = example().replace(b"organisational_unit: People", b"organisational_unit: Talent")
		summary = self.import_as_manager(changed)
		self.assertIn(("systems", "hr-cv-screening", "updated", ["organisational_unit"]), summary.records)
		self.assertEqual(
			frappe.db.get_value("AI System", {"inventory_id": "hr-cv-screening"}, "organisational_unit"),
			"Talent",
		)

	def test_an_import_records_a_stage_but_never_moves_an_existing_system(self):
		self.import_as_manager(example())
		moved = example().replace(
			b"lifecycle_stage: Deployment", b"lifecycle_stage: Operation and monitoring"
		)
		with self.assertRaises(frappe.ValidationError) as refusal:
			self.import_as_manager(moved)
		message = str(refusal.exception)
		self.assertIn("customer-support-assistant", message)
		self.assertIn("raise an AI System Stage Review", message)
		self.assertEqual(
			frappe.db.get_value(
				"AI System", {"inventory_id": "customer-support-assistant"}, "lifecycle_stage"
			),
			"Deployment",
		)

	def test_a_dry_run_checks_everything_and_writes_nothing(self):
		before = counts()
		summary = self.import_as_manager(example(), dry_run=True)
		self.assertEqual(summary.counts()["systems"]["created"], 2)
		self.assertEqual(counts(), before)

	def test_export_then_import_into_an_emptied_inventory_gives_the_same_records(self):
		"""Tests have one site, so "empty" is this site with every inventory record deleted."""
		self.import_as_manager(example())
		frappe.get_doc(
			{
				"doctype": "AI System",
				"system_name": "Made in the desk",
				"system_owner": "liam.osei@example.com",
				"purpose": "Has no inventory id yet.",
				"tier_override": "High-risk",
				"override_justification": "Decided by the board.",
			}
		).insert()
		before = snapshot()
		with acting_as(self.manager):
			exported = export_inventory()
		for doctype in ("AI System", "AI Model", "AI Dataset", "AI Supplier"):
			for name in frappe.get_all(doctype, pluck="name"):
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		self.assertEqual(sum(counts().values()), 0)

		summary = self.import_as_manager(exported)
		self.assertEqual({r[2] for r in summary.records}, {"created"})
		after = snapshot()
		self.assertEqual(sorted(after), sorted(before))
		for key, record in before.items():
			self.assertEqual(after[key], record, key)
		with acting_as(self.manager):
			self.assertEqual(export_inventory(), exported)

	def test_one_bad_record_and_nothing_is_written(self):
		before = counts()
		content = card(
			suppliers=[{"supplier_name": "Inventory test supplier", "supply_type": "Dataset"}],
			systems=[system("ok-1"), system("ok-2"), system("bad", lifecycle_stage="Live")],
		)
		with self.assertRaises(frappe.ValidationError) as error:
			self.import_as_manager(content)
		self.assertIn(
			"team.yaml: systems #3 (bad), field 'lifecycle_stage': 'Live' is not one of", str(error.exception)
		)
		self.assertEqual(counts(), before)

	def test_the_import_refuses_what_each_validation_refuses(self):
		"""Every check of a desk save, on a record that fails only it, often after a valid one."""
		for inventory_id in ("taken", "other"):
			frappe.get_doc({"doctype": "AI System", **system(inventory_id)}).insert()
		cases = {
			"mandatory field": (
				{"systems": [system("s1"), system("s2", purpose=None)]},
				frappe.MandatoryError,
				"team.yaml: systems #2 (s2): ",
				"purpose",
			),
			"AI System.validate (EU AI Act questionnaire)": (
				{"systems": [system("s1"), system("s2", training_compute_flops=-1.0)]},
				frappe.ValidationError,
				"team.yaml: systems #2 (s2): ",
				"Training compute (FLOPs) cannot be negative",
			),
			"AI Supplier.validate": (
				{
					"suppliers": [
						{"supplier_name": "Inv S", "supply_type": "Dataset", "assessment_result": "Approved"}
					]
				},
				frappe.ValidationError,
				"team.yaml: suppliers #1 (Inv S): ",
				"Last Assessment is required",
			),
			"conditional mandatory (doc_events validate)": (
				{
					"datasets": [
						{
							"inventory_id": "d1",
							"dataset_name": "D",
							"source_type": "Internal",
							"contains_personal_data": True,
						}
					]
				},
				frappe.MandatoryError,
				"team.yaml: datasets #1 (d1): ",
				"Legal Basis",
			),
			"link to a missing user": (
				{"systems": [system("s1"), system("s2", system_owner="nobody@example.com")]},
				frappe.LinkValidationError,
				"team.yaml: systems #2 (s2): ",
				"nobody@example.com",
			),
			"unique system name": (
				{"systems": [system("s1", system_name="Inventory test taken")]},
				frappe.UniqueValidationError,
				"team.yaml: systems #1 (s1): ",
				"Inventory test taken",
			),
			"unique system name, on an update": (
				{"systems": [system("other", system_name="Inventory test taken")]},
				frappe.UniqueValidationError,
				"team.yaml: systems #1 (other): ",
				"System Name",
			),
			"field length": (
				{"systems": [system("s1", organisational_unit="x" * 200)]},
				frappe.CharacterLengthExceededError,
				"team.yaml: systems #1 (s1): ",
				"Department / Unit",
			),
		}
		for case, (sections, error_class, label, detail) in cases.items():
			with self.subTest(case):
				before = counts()
				with self.assertRaises(error_class) as error:
					self.import_as_manager(card(**sections))
				self.assertTrue(str(error.exception).startswith(label), str(error.exception))
				self.assertIn(detail, str(error.exception))
				self.assertEqual(counts(), before)

	def test_a_file_larger_than_one_transaction_is_refused_whole(self):
		"""Frappe refuses more than MAX_WRITES_PER_TRANSACTION writes in one transaction (200,000 in v15);
		lowered here so that the example goes over it."""
		before = counts()
		frappe.db.MAX_WRITES_PER_TRANSACTION = 10
		try:
			with self.assertRaises(frappe.ValidationError) as error:
				self.import_as_manager(example())
		finally:
			del frappe.db.MAX_WRITES_PER_TRANSACTION
		self.assertTrue(str(error.exception).startswith("team.yaml: "), str(error.exception))
		self.assertIn("Split it into smaller files", str(error.exception))
		self.assertEqual(counts(), before)

	def test_only_aims_managers_import_or_export(self):
		before = counts()
		for user in (self.owner, self.viewer):
			with self.subTest(user), acting_as(user):
				with self.assertRaises(frappe.PermissionError):
					import_inventory(example(), "team.yaml")
				with self.assertRaises(frappe.PermissionError):
					export_inventory()
		self.assertEqual(counts(), before)

	def test_the_desk_upload_answers_with_the_summary_or_refuses(self):
		text = example().decode()
		path = "/api/method/aims_app.ai_systems.inventory.transfer.upload_inventory"
		answer = self.api[self.manager].post(path, {"content": text, "filename": "team.yaml", "dry_run": 1})
		self.assertEqual(answer.status_code, 200)
		self.assertEqual(answer.json["message"]["counts"]["systems"]["created"], 2)
		refused = self.api[self.owner].post(path, {"content": text, "filename": "team.yaml"})
		self.assertEqual(refused.status_code, 403)
		self.assertFalse(stored_records(SECTIONS[3], card_schema(), ["hr-cv-screening"]))

	def test_the_bench_commands_are_registered(self):
		from aims_app.commands import commands

		self.assertLessEqual({"export-inventory", "import-inventory"}, set(commands[0].commands))


SPREADSHEETS = frappe.get_app_path("aims_app", "ai_systems", "inventory", "spreadsheet")
TEMPLATES = (
	("1-ai-suppliers.csv", "AI Supplier"),
	("2-ai-models.csv", "AI Model"),
	("3-ai-datasets.csv", "AI Dataset"),
	("4-ai-systems.csv", "AI System"),
)
TEMPLATE_RECORDS = {
	"AI System": ("hr-cv-screening", "customer-support-assistant"),
	"AI Dataset": ("applications-2019-2025", "support-tickets-2025"),
	"AI Model": ("cv-screening-ranker", "support-assistant-llm"),
	"AI Supplier": ("Northwind Language Models", "Contoso Cloud"),
}


class TestSpreadsheetImport(AimsTestCase):
	"""docs/inventory-spreadsheet.md: the templates brought in through Frappe's Data Import, which commits each
	row, so the records are removed again at the end."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		for email in ("priya.shah@example.com", "liam.osei@example.com"):
			make_user(email, ["AI System Owner"])
		cls.manager = make_user("inventory-manager@example.com", ["AIMS Manager"])
		remove_template_records()

	def tearDown(self):
		remove_template_records()
		super().tearDown()

	def test_the_templates_bring_in_systems_with_their_models_datasets_and_suppliers(self):
		with acting_as(self.manager):
			for filename, doctype in TEMPLATES:
				import_template(doctype, filename)
		screening = frappe.get_doc("AI System", {"inventory_id": "hr-cv-screening"})
		self.assertEqual([row.ai_model for row in screening.models], ["cv-screening-ranker"])
		self.assertEqual(
			[(row.ai_dataset, row.usage) for row in screening.datasets],
			[("applications-2019-2025", "Training"), ("applications-2019-2025", "Validation")],
		)
		self.assertEqual(screening.personal_data, "Yes, the GDPR applies")
		self.assertEqual(
			screening.description,
			"<p>Scores each application against the job's criteria.<br>A recruiter reads every application.</p>",
		)
		self.assertEqual(screening.eu_ai_act_tier, "Minimal risk")
		support = frappe.get_doc("AI System", {"inventory_id": "customer-support-assistant"})
		self.assertEqual(
			[(row.ai_supplier, row.supply_type) for row in support.suppliers],
			[("Northwind Language Models", "AI model"), ("Contoso Cloud", "Platform or infrastructure")],
		)
		self.assertEqual((support.lifecycle_stage, support.our_role), ("Unknown", "Unknown"))
		self.assertEqual(support.code_repository, "https://git.example.com/support/assistant")


def import_template(doctype: str, filename: str):
	"""A template through Frappe's Data Import. Its console import keeps the log of its rows under no Data
	Import, and Frappe 15.101 takes the rows logged so by an earlier template for this one's and skips them:
	each template starts from no such log."""
	from frappe.core.doctype.data_import.data_import import import_file

	frappe.db.delete("Data Import Log", {"data_import": ("is", "not set")})
	import_file(doctype, f"{SPREADSHEETS}/{filename}", "Insert", console=True)


def remove_template_records():
	for doctype, ids in TEMPLATE_RECORDS.items():
		field = "name" if doctype == "AI Supplier" else "inventory_id"
		for name in frappe.get_all(doctype, filters={field: ("in", ids)}, pluck="name"):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	frappe.db.commit()
