"""The auditor's pack (issue 15): every file in the zip is listed in its manifest with the SHA-256 of the
bytes inside and, for evidence, of the file on the site; a second pack of the unchanged site has the same
hashes; a manager scoped to one AI system gets a pack without what they cannot read; anyone else is refused
and nothing is written."""

import hashlib
import io
import json
import os
import tempfile
import zipfile

import frappe

from aims_app.ai_assurance.audit_pack import build
from aims_app.tests import AimsTestCase, acting_as, assets_served_locally, make_user
from aims_app.tests.scenarios import ai_risk, case_triage, evidence

MANAGER = "pack-manager@example.com"
SCOPED_MANAGER = "pack-scoped-manager@example.com"
VIEWER = "pack-viewer@example.com"
OWNER = "pack-owner@example.com"
CONTROL = "ISO-42001-A.6.2.4"
PERIOD = ("2026-01-01", "2026-12-31")


def system(name: str) -> str:
	return case_triage(name, OWNER).name


def evidence_with_file(title: str, ai_system: str, content: bytes) -> tuple[str, str]:
	"""An evidence record of CONTROL and `ai_system` with a private file attached; returns both names."""
	record = evidence(title, OWNER, [{"control_implementation": CONTROL}, {"ai_system": ai_system}])
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{title.lower().replace(' ', '-')}.txt",
			"content": content,
			"is_private": 1,
			"attached_to_doctype": "AIMS Evidence",
			"attached_to_name": record.name,
		}
	).insert(ignore_permissions=True)
	record.db_set("attachment", file.file_url)
	return record.name, file.name


def unpacked(user: str) -> tuple[dict, dict[str, bytes]]:
	"""The manifest and every file of a pack built as `user`."""
	path = os.path.join(tempfile.mkdtemp(), "pack.zip")
	with acting_as(user), assets_served_locally():
		build.build_pack(path, *PERIOD)
	with zipfile.ZipFile(path) as archive:
		files = {name: archive.read(name) for name in archive.namelist()}
	return json.loads(files["manifest.json"]), files


def sha256(data: bytes) -> str:
	return hashlib.sha256(data).hexdigest()


class TestAuditPack(AimsTestCase):
	def setUp(self):
		super().setUp()
		for user, roles in (
			(MANAGER, ["AIMS Manager"]),
			(SCOPED_MANAGER, ["AIMS Manager"]),
			(VIEWER, ["AIMS Viewer"]),
			(OWNER, ["AI System Owner", "AI Risk Owner"]),
		):
			make_user(user, roles)
		self.mine, self.other = system("Pack triage"), system("Pack pricing")
		self.my_risk = ai_risk(self.mine, OWNER, title="Pack risk seen").name
		self.other_risk = ai_risk(self.other, OWNER, title="Pack risk hidden").name
		self.my_evidence, self.my_file = evidence_with_file("Pack log mine", self.mine, b"reviewed 2026-03\n")
		self.other_evidence, self.other_file = evidence_with_file("Pack log other", self.other, b"other\n")

	def test_manifest_hashes_match_the_files_inside_and_on_the_site_and_a_second_pack(self):
		manifest, files = unpacked(MANAGER)
		listed = {entry["path"]: entry for entry in manifest["files"]}
		self.assertEqual(set(files) - {"manifest.json", "index.html"}, set(listed))
		for path, entry in listed.items():
			self.assertEqual(entry["sha256"], sha256(files[path]), path)
			self.assertEqual(entry["size"], len(files[path]), path)
			self.assertIn(entry["sha256"], files["index.html"].decode(), path)
		for file in (self.my_file, self.other_file):
			on_site = frappe.get_doc("File", file)
			entry = next(
				e for e in manifest["files"] if e["source"] == f"AIMS Evidence {on_site.attached_to_name}"
			)
			self.assertTrue(entry["path"].startswith(f"evidence/{CONTROL}/"), entry["path"])
			with open(on_site.get_full_path(), "rb") as stream:
				self.assertEqual(entry["sha256"], sha256(stream.read()))
		self.assertTrue(
			{"documents/nonconformity-log.pdf", "registers/risks.xlsx", "registers/ai-systems.xlsx"}
			<= set(listed)
		)
		self.assertTrue(all(files[p].startswith(b"%PDF") for p in listed if p.endswith(".pdf")))
		again, _files = unpacked(MANAGER)
		self.assertEqual(
			[(e["path"], e["sha256"]) for e in again["files"]],
			[(e["path"], e["sha256"]) for e in manifest["files"]],
		)

	def test_a_manager_scoped_to_one_system_gets_only_what_they_may_read(self):
		for doctype, value in (("AI System", self.mine), ("AIMS Evidence", self.my_evidence)):
			frappe.get_doc(
				{"doctype": "User Permission", "user": SCOPED_MANAGER, "allow": doctype, "for_value": value}
			).insert(ignore_permissions=True)
		manifest, files = unpacked(SCOPED_MANAGER)
		sources = {entry["source"] for entry in manifest["files"]}
		self.assertIn(f"AIMS Evidence {self.my_evidence}", sources)
		self.assertNotIn(f"AIMS Evidence {self.other_evidence}", sources)
		risks = files["registers/risks.xlsx"]
		systems = files["registers/ai-systems.xlsx"]
		self.assertIn(self.my_risk.encode(), xlsx_text(risks))
		self.assertNotIn(self.other_risk.encode(), xlsx_text(risks))
		self.assertIn(self.mine.encode(), xlsx_text(systems))
		self.assertNotIn(self.other.encode(), xlsx_text(systems))
		self.assertEqual(manifest["requested_by"], SCOPED_MANAGER)

	def test_the_built_pack_is_a_private_file_for_its_requester_alone(self):
		with acting_as(MANAGER), assets_served_locally():
			name = build.build_pack_file(*PERIOD)
		file = frappe.get_doc("File", name)
		path = file.get_full_path()
		self.addCleanup(os.remove, path)
		with open(path, "rb") as stream:
			self.assertEqual(file.content_hash, hashlib.sha256(stream.read()).hexdigest())
		self.assertTrue(file.is_private and file.file_url.endswith(".zip"))
		self.assertEqual(file.file_size, os.path.getsize(path))
		self.assertTrue(frappe.has_permission("File", "read", doc=file, user=MANAGER))
		self.assertFalse(frappe.has_permission("File", "read", doc=file, user=VIEWER))

	def test_someone_without_the_aims_manager_role_is_refused_and_nothing_is_written(self):
		packs = frappe.db.count("File", {"file_name": ("like", "auditors-pack-%")})
		with acting_as(VIEWER):
			with self.assertRaises(frappe.PermissionError) as refused:
				build.request_pack(*PERIOD)
			with self.assertRaises(frappe.PermissionError):
				build.build_pack_file(*PERIOD)
		self.assertIn("AIMS Manager", str(refused.exception))
		self.assertIn(VIEWER, str(refused.exception))
		self.assertEqual(frappe.db.count("File", {"file_name": ("like", "auditors-pack-%")}), packs)


def xlsx_text(data: bytes) -> bytes:
	"""The shared strings and sheet XML of an XLSX, where its cell values are."""
	with zipfile.ZipFile(io.BytesIO(data)) as book:
		return b"".join(book.read(name) for name in book.namelist() if name.startswith("xl/"))
