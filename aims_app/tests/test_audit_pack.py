"""The auditor's pack (issue 15): every file in the zip is listed in its manifest with the SHA-256 of the
bytes inside and, for evidence, of the file on the site; a second pack of the unchanged site has the same
hashes; a manager scoped to one AI system gets a pack without what they cannot read; anyone else is refused
and nothing is written. The printed documents, downloaded from the desk or taken from the pack, carry on every
page the organisation, the document id and "page n of m", with the table's headings again and no control's row
split across two pages."""

import hashlib
import io
import json
import os
import re
import subprocess
import tempfile
import unittest
import zipfile

import frappe
from pypdf import PdfReader

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


ORGANISATION = "Harbour Assurance Ltd"
APPROVER = "approver@example.com"


def wkhtmltopdf_version() -> str:
	try:
		return subprocess.check_output(["wkhtmltopdf", "--version"], text=True).strip()
	except OSError:
		return ""


def page_texts(pdf: bytes) -> list[str]:
	"""The words of each page of a PDF, one space apart."""
	return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def on_pages(pages: list[str], words: str) -> list[int]:
	"""The numbers (from 1) of the pages whose text holds `words` as a whole, not as part of a longer id."""
	pattern = re.compile(rf"(?<![\w.]){re.escape(words)}(?![\w.])")
	return [number for number, text in enumerate(pages, 1) if pattern.search(text)]


@unittest.skipUnless(
	"with patched qt" in wkhtmltopdf_version(),
	"page footers need wkhtmltopdf with patched Qt, as Frappe requires (0.12.6.1 with patched qt); found: "
	+ (wkhtmltopdf_version() or "no wkhtmltopdf"),
)
class TestPrintedForTheAuditor(AimsTestCase):
	"""What an auditor relies on from the printed pages themselves."""

	def setUp(self):
		super().setUp()
		make_user(MANAGER, ["AIMS Manager"])
		frappe.get_doc(
			{
				"doctype": "Letter Head",
				"letter_head_name": ORGANISATION,
				"source": "HTML",
				"is_default": 1,
				"content": f"<h1>{ORGANISATION}</h1>",
			}
		).insert(ignore_permissions=True)
		self.controls = self.justify_every_control()
		with acting_as(MANAGER):
			self.soa = frappe.get_doc({"doctype": "Statement of Applicability"}).insert()
		with acting_as(APPROVER):
			self.soa.reload()
			self.soa.submit()

	def justify_every_control(self) -> list[str]:
		"""Every Annex A control with a justification of one to six sentences (rows of every height, as people
		write them) ending in a word of its own, so that a row cut across two pages shows as its control id and
		its last word on different pages."""
		controls = frappe.get_all(
			"Framework Requirement",
			filters={"framework": "ISO-42001", "requirement_kind": "Control"},
			pluck="requirement_id",
		)
		reason = (
			"The organisation's own reasons for {0}, weighed against its AI risks and reviewed every year."
		)
		with acting_as(MANAGER):
			for number, control in enumerate(controls):
				sentences = (1, 2, 4, 6)[number % 4]
				record = frappe.get_doc("Control Implementation", f"ISO-42001-{control}")
				record.justification = (
					" ".join([reason.format(control)] * sentences) + " " + end_word(control)
				)
				record.save()
		return controls

	def test_a_long_statement_from_the_desk_and_the_pack_keeps_its_pages_and_rows_whole(self):
		with acting_as(APPROVER), assets_served_locally():
			desk = frappe.get_print(
				self.soa.doctype, self.soa.name, print_format=self.soa.doctype, as_pdf=True
			)
		_manifest, files = unpacked(MANAGER)
		packed = files[f"documents/statement-of-applicability/{self.soa.name}.pdf"]
		for source, pdf in (("desk", desk), ("pack", packed)):
			with self.subTest(source):
				pages = page_texts(pdf)
				self.assertGreater(len(pages), 2, "the statement of 38 controls spans pages")
				self.assert_every_page_carries(pages, self.soa.name)
				for number, text in enumerate(pages, 1):
					self.assertIn(
						"Annex A Control Applicable Justification", text, f"headings on page {number}"
					)
				for control in self.controls:
					where = on_pages(pages, control)
					self.assertEqual(len(where), 1, f"{control} is on one page, found on {where}")
					self.assertEqual(
						on_pages(pages, end_word(control)), where, f"the row of {control} is whole"
					)

	def test_every_document_in_the_pack_carries_the_organisation_its_id_and_its_pages(self):
		manifest, files = unpacked(MANAGER)
		documents = {
			entry["path"]: "Nonconformity Log"
			if entry["path"].endswith("nonconformity-log.pdf")
			else entry["source"].split()[-1]
			for entry in manifest["files"]
			if entry["path"].endswith(".pdf")
		}
		self.assertIn(f"documents/statement-of-applicability/{self.soa.name}.pdf", documents)
		self.assertIn("documents/nonconformity-log.pdf", documents)
		for path, document in documents.items():
			with self.subTest(path):
				self.assert_every_page_carries(page_texts(files[path]), document)

	def assert_every_page_carries(self, pages: list[str], document: str):
		# the organisation is the default company where ERPNext has one, else the default Letter Head's name
		organisation = frappe.db.get_default("company") or ORGANISATION
		for number, text in enumerate(pages, 1):
			footer = f"{organisation} · {document}"
			self.assertIn(footer, text, f"organisation and document on page {number}")
			self.assertIn(f"Page {number} of {len(pages)}", text)
		self.assertTrue(pages[0].startswith(ORGANISATION), "the letter head heads the first page")


def end_word(control: str) -> str:
	"""One word (no hyphen, where a line could wrap) that only the end of this control's justification holds."""
	return "closes" + control.replace(".", "x")
