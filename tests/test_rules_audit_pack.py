"""The auditor's pack without a site: file names every zip tool takes, a manifest in path order, an index
that lists every file with its hash and escapes what users typed, zips and PDFs that come out the same
byte for byte when their content is the same, and the document-control block's version and state."""

import hashlib
import io
import re
import zipfile

from aims_app.ai_assurance.audit_pack import document_control, pack_rules
from aims_app.ai_assurance.audit_pack.pack_rules import PackEntry

LABELS = dict.fromkeys(
	("title", "organisation", "period", "requested_by", "file", "evidences", "source", "size", "sha256"), "L"
)


def test_names_inside_the_pack_are_plain_ascii_and_evidence_sits_in_its_control_folder():
	assert pack_rules.slug("Ärger / Über: ../etc") == "Arger-Uber-.-etc"
	assert pack_rules.slug("...") == "file"
	assert pack_rules.evidence_path("ISO-42001-A.6.2.4", "EV-00001", "log 2026.pdf") == (
		"evidence/ISO-42001-A.6.2.4/EV-00001-log-2026.pdf"
	)
	assert pack_rules.evidence_path(None, "EV-1", "a.txt") == "evidence/other/EV-1-a.txt"
	assert pack_rules.document_path("scope", "SCOPE-0001") == "documents/scope/SCOPE-0001.pdf"
	assert pack_rules.register_path("ai-systems") == "registers/ai-systems.xlsx"


def entries():
	return [
		PackEntry("registers/b.xlsx", "Register <b>", "b", 3, "b" * 64),
		PackEntry("documents/a.pdf", "Scope & more", "AIMS Scope S-1", 2, "a" * 64),
	]


def test_manifest_lists_files_in_path_order_with_what_the_pack_is_about():
	manifest = pack_rules.manifest(entries(), {"period_from": "2026-01-01", "period_to": "2026-12-31"})
	assert [f["path"] for f in manifest["files"]] == ["documents/a.pdf", "registers/b.xlsx"]
	assert manifest["files"][0] == {
		"path": "documents/a.pdf",
		"evidences": "Scope & more",
		"source": "AIMS Scope S-1",
		"size": 2,
		"sha256": "a" * 64,
	}
	assert manifest["period_to"] == "2026-12-31"


def test_index_links_every_file_shows_its_hash_escapes_text_and_needs_nothing_from_outside():
	about = {"period_from": "2026-01-01", "period_to": "2026-12-31", "requested_by": "<script>x</script>"}
	page = pack_rules.render_index(pack_rules.manifest(entries(), about), LABELS)
	assert '<a href="documents/a.pdf">' in page and '<a href="registers/b.xlsx">' in page
	assert "a" * 64 in page and "b" * 64 in page
	assert "<script>" not in page and "Register &lt;b&gt;" in page and "Scope &amp; more" in page
	assert not re.search(r"(src|href)=\"(https?:)?//", page)


def test_zip_entries_carry_a_fixed_date_and_streamed_files_hash_as_written():
	def build(data: bytes) -> bytes:
		out = io.BytesIO()
		with zipfile.ZipFile(out, "w") as archive:
			written = pack_rules.write_stream(archive, "evidence/x/f.bin", io.BytesIO(data))
			assert written == (len(data), hashlib.sha256(data).hexdigest())
			pack_rules.write_bytes(archive, "a.txt", b"a")
		return out.getvalue()

	data = bytes(range(256)) * 9000  # more than one chunk
	first = build(data)
	assert first == build(data)
	with zipfile.ZipFile(io.BytesIO(first)) as archive:
		assert {info.date_time for info in archive.infolist()} == {pack_rules.ZIP_DATE}
		assert archive.read("evidence/x/f.bin") == data


def office_file(when: str) -> bytes:
	out = io.BytesIO()
	with zipfile.ZipFile(out, "w") as book:
		book.writestr(
			zipfile.ZipInfo("docProps/core.xml", date_time=(2026, 1, 2, 3, 4, 5)),
			f'<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
			f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>',
		)
		book.writestr("xl/sheet1.xml", "<row/>")
	return out.getvalue()


def test_an_xlsx_written_at_another_moment_comes_out_the_same():
	first = pack_rules.stable_office_file(office_file("2026-12-01T10:00:00Z"), "2026-12-31T00:00:00Z")
	second = pack_rules.stable_office_file(office_file("2026-12-02T11:30:00Z"), "2026-12-31T00:00:00Z")
	assert first == second
	with zipfile.ZipFile(io.BytesIO(first)) as book:
		assert book.read("docProps/core.xml").count(b"2026-12-31T00:00:00Z") == 2
		assert book.read("xl/sheet1.xml") == b"<row/>"


def test_pdf_font_subset_tags_are_renamed_in_order_keeping_every_offset():
	pdf = b"%PDF-1.4\n/BaseFont /QNAAAA+DejaVuSans /FontName /QTAAAA+DejaVuSans-Bold /F /QNAAAA+DejaVuSans"
	other_run = pdf.replace(b"QNAAAA", b"XYAAAA").replace(b"QTAAAA", b"ZZAAAA")
	stable = pack_rules.stable_pdf(pdf)
	assert stable == pack_rules.stable_pdf(other_run)
	assert len(stable) == len(pdf)
	assert stable.count(b"/AAAAAA+DejaVuSans ") == 1 and b"/AAAAAB+DejaVuSans-Bold" in stable


def test_document_version_comes_from_the_record_or_its_amendments():
	assert document_control.version_of("SOA-0003", None, 4) == 4
	assert document_control.version_of("SCOPE-0001", None, None) == 1
	assert document_control.version_of("SCOPE-0001-2", "SCOPE-0001-1", None) == 3
	assert document_control.version_of("MR-2026-01", None, None) == 1


def test_every_doctype_in_the_document_control_table_names_its_own_fields(doctypes):
	for doctype, fields in document_control.FIELDS.items():
		names = {f["fieldname"] for f in doctypes[doctype]["fields"]}
		named = {value for value in vars(fields).values() if value}
		assert named <= names, (doctype, named - names)
