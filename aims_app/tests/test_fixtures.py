"""The round trip a Frappe engineer expects (issue 27): `bench export-fixtures` writes into aims_app/fixtures/
exactly the records the app ships there, which install and migrate imported."""

import json
from pathlib import Path

import frappe
from frappe.utils.fixtures import export_fixtures

from aims_app.compat import desk_path
from aims_app.tests import AimsTestCase


def fixture_files(folder: Path) -> dict[str, str]:
	return {path.name: path.read_text() for path in sorted(folder.glob("*.json"))}


def records(text: str) -> dict[str, dict]:
	"""A fixture file's records by name, without the values a later Frappe adds empty (new fields of its
	doctypes and their child tables), so that one shipped file serves every supported version, and without
	`modified`, the time of the import. A role's home page is the desk's path on this version (/app or /desk),
	set after the import: it is compared apart."""
	return {
		record["name"]: {
			key: value
			for key, value in filled(record).items()
			if key != "modified" and not (record["doctype"] == "Role" and key == "home_page")
		}
		for record in json.loads(text)
	}


def filled(record: dict) -> dict:
	"""The record's values that say something; in child rows not where they hang (parent, parentfield and
	parenttype, which Frappe v16's export leaves out)."""
	return {
		key: [filled(row) for row in value] if isinstance(value, list) else value
		for key, value in record.items()
		if value not in (None, "", 0, []) and key not in ("parent", "parentfield", "parenttype")
	}


class TestFixtures(AimsTestCase):
	def test_export_fixtures_writes_the_shipped_files(self):
		folder = Path(frappe.get_app_path("aims_app", "fixtures"))
		shipped = fixture_files(folder)
		self.addCleanup(restore, folder, shipped)
		export_fixtures(app="aims_app")
		exported = fixture_files(folder)
		self.assertEqual(sorted(exported), sorted(shipped))
		for name, text in shipped.items():
			with self.subTest(file=name):
				self.assertEqual(records(exported[name]), records(text))
		homes = {role["home_page"] for role in json.loads(exported["role.json"])}
		self.assertEqual(homes, {desk_path("aims")})


def restore(folder: Path, files: dict[str, str]):
	for path in folder.glob("*.json"):
		if path.name not in files:
			path.unlink()
	for name, text in files.items():
		(folder / name).write_text(text)
