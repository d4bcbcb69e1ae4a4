"""What people outside the desk send in (issue 15): markup shown as typed, the flood limit, questionnaire keys
and the limits on suppliers' documents, their content included (issue 25: a file is what its bytes are, not
what its name says)."""

import io
import re
import zipfile

import pytest

from aims_app.ai_systems.portal.rules import (
	CONCERN_FIELD_LIMITS,
	DEFAULT_SUPPLIER_QUESTIONS,
	EXPECTED_KIND,
	allowed_types,
	client_address,
	content_problem,
	document_kind,
	document_problem,
	key_digest,
	neutralise_markup,
	new_key,
	over_the_limit,
	overlong_field,
)

MB = 1024 * 1024


def test_markup_is_escaped_so_it_shows_as_typed():
	assert neutralise_markup('<script>alert("x")</script>') == '&lt;script&gt;alert("x")&lt;/script&gt;'
	assert neutralise_markup("<b onmouseover=alert(1)>hi</b>") == "&lt;b onmouseover=alert(1)&gt;hi&lt;/b&gt;"


def test_text_without_markup_is_kept_as_typed_and_escaping_twice_changes_nothing():
	for typed in ("Fish & chips, 3 > 2", "scores < 0.5 were rejected", "a <-> b", "1<2"):
		assert neutralise_markup(typed) == typed
	assert neutralise_markup("ok <3 but <b>bold</b>") == "ok &lt;3 but &lt;b&gt;bold&lt;/b&gt;"
	once = neutralise_markup("<i>x</i>")
	assert neutralise_markup(once) == once
	assert neutralise_markup(None) is None


@pytest.mark.parametrize(
	("sent", "limit", "refused"), [(0, 5, False), (4, 5, False), (5, 5, True), (9, 0, False)]
)
def test_the_flood_limit_refuses_the_one_past_it(sent, limit, refused):
	assert over_the_limit(sent, limit) is refused


def test_keys_are_long_random_and_stored_only_as_their_hash():
	keys = {new_key() for _ in range(50)}
	assert len(keys) == 50
	assert all(len(key) >= 43 and re.fullmatch(r"[A-Za-z0-9_\-]+", key) for key in keys)
	key = next(iter(keys))
	assert re.fullmatch(r"[0-9a-f]{64}", key_digest(key)) and key not in key_digest(key)
	assert key_digest(key) == key_digest(key) != key_digest(key + "x")


def test_document_types_come_from_the_setting_in_any_case_and_with_or_without_dots():
	assert allowed_types("pdf, .DOCX,\nPNG") == {"pdf", "docx", "png"}
	assert allowed_types(None) == set()


@pytest.mark.parametrize(
	("filename", "size", "expected"),
	[
		("report.pdf", 2 * MB, None),
		("REPORT.PDF", 10, None),
		("tool.exe", 10, "tool.exe is not a document type we accept. Send one of: docx, pdf."),
		("no-extension", 10, "no-extension is not a document type we accept. Send one of: docx, pdf."),
		("big.pdf", 5 * MB + 1, "big.pdf is larger than 5 MB. Send a smaller file or split it."),
		("empty.docx", 0, "empty.docx is empty."),
	],
)
def test_a_document_of_another_type_too_large_or_empty_is_refused_naming_it(filename, size, expected):
	problem = document_problem(filename, size, {"pdf", "docx"}, 5)
	assert (str(problem) if problem else None) == expected


def test_the_default_questions_cover_what_the_issue_names():
	topics = [str(topic) for topic, _ in DEFAULT_SUPPLIER_QUESTIONS]
	assert topics == ["Data use", "Model provenance", "Security", "Incident notification", "Subcontracting"]
	assert all(question.endswith("?") for _, question in DEFAULT_SUPPLIER_QUESTIONS)


def a_zip(*parts: tuple[str, bytes]) -> bytes:
	out = io.BytesIO()
	with zipfile.ZipFile(out, "w") as archive:
		for name, data in parts:
			archive.writestr(name, data)
	return out.getvalue()


def ooxml(folder: str) -> bytes:
	return a_zip(("[Content_Types].xml", b"<Types/>"), (f"{folder}/document.xml", b"<doc/>"))


def opendocument(kind: str) -> bytes:
	return a_zip(
		("mimetype", f"application/vnd.oasis.opendocument.{kind}".encode()), ("content.xml", b"<x/>")
	)


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
# One sample of every type a supplier may send, as the tools that make them write their first bytes.
SAMPLES = {
	"pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
	"png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
	"jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
	"jpeg": b"\xff\xd8\xff\xe1\x00\x18Exif\x00",
	"gif": b"GIF89a\x01\x00\x01\x00",
	"docx": ooxml("word"),
	"xlsx": ooxml("xl"),
	"pptx": ooxml("ppt"),
	"odt": opendocument("text"),
	"ods": opendocument("spreadsheet"),
	"odp": opendocument("presentation"),
	"doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32,
	"xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32,
	"ppt": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32,
	"txt": "Über uns: scores < 0.5 were rejected; a <-> b, 3 > 2.\n".encode(),
	"csv": b"\xef\xbb\xbfgroup,decision\na,1\nb,0\n",
	"tsv": b"group\tdecision\na\t1\n",
	"md": b"# Model card\n\n- trained on 2024 data\n",
}


def test_every_type_a_supplier_may_send_has_a_sample_recognised_by_its_content():
	assert set(SAMPLES) == set(EXPECTED_KIND)
	for extension, data in SAMPLES.items():
		assert content_problem(f"evidence.{extension}", data) is None, extension
		assert content_problem(f"EVIDENCE.{extension.upper()}", data) is None, extension


@pytest.mark.parametrize(
	("filename", "data", "expected"),
	[
		("invoice.png", HTML, "invoice.png is named as a PNG image but holds HTML or other markup."),
		("report.pdf", HTML, "report.pdf is named as a PDF document but holds HTML or other markup."),
		("notes.txt", HTML, "notes.txt is named as plain text but holds HTML or other markup."),
		("data.csv", b"name,comment\nx,<img src=x onerror=alert(1)>\n", "holds HTML or other markup"),
		("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "holds HTML or other markup"),
		(
			"policy.pdf",
			b"MZ\x90\x00\x03\x00\x00\x00",
			"policy.pdf is named as a PDF document but holds a program.",
		),
		("policy.docx", b"\x7fELF\x02\x01\x01", "holds a program"),
		(
			"budget.xlsx",
			ooxml("word"),
			"budget.xlsx is named as an Excel workbook (xlsx) but holds a Word document",
		),
		(
			"letter.docx",
			a_zip(("payload.exe", b"MZ")),
			"letter.docx is named as a Word document (docx) but holds a ZIP",
		),
		("sheet.ods", opendocument("text"), "but holds an OpenDocument text (odt)"),
		("broken.docx", b"PK\x03\x04 not really a zip", "holds a ZIP archive"),
		("photo.jpg", SAMPLES["png"], "photo.jpg is named as a JPEG image but holds a PNG image."),
		("scan.png", SAMPLES["pdf"], "scan.png is named as a PNG image but holds a PDF document."),
		(
			"notes.txt",
			b"text\x00with a NUL",
			"notes.txt is named as plain text but holds data of an unknown type.",
		),
		("notes.txt", "Grüße".encode("latin-1"), "holds data of an unknown type"),
		(
			"old.doc",
			SAMPLES["docx"],
			"old.doc is named as a legacy Microsoft Office file (doc, xls, ppt) but holds",
		),
	],
)
def test_a_document_whose_content_is_not_its_type_is_refused_naming_the_file_and_what_it_holds(
	filename, data, expected
):
	problem = content_problem(filename, data)
	assert problem is not None and expected in str(problem)
	assert str(problem).endswith("Send the document itself, saved as its type.")


def test_a_type_whose_content_cannot_be_checked_is_not_accepted():
	problem = content_problem("archive.zip", a_zip(("a.txt", b"x")))
	assert (
		str(problem) == "archive.zip: the content of .zip files cannot be checked, so they are not accepted."
	)
	assert "cannot be checked" in str(content_problem("no-extension", b"plain"))


def test_text_is_markup_only_when_it_holds_a_tag():
	for text in (b"3 < 5 and 7 > 2", b"a <-> b", b"x<y", b"<3", b"email <> none"):
		assert document_kind(text) == "text", text
	for text in (b"<b>bold</b>", b"</div>", b"<!-- c -->", b'<?xml version="1.0"?>', b"<br/>", b"<a href=x>"):
		assert document_kind(text) == "markup", text


def test_an_overlong_field_is_named_and_text_within_the_limits_passes():
	limits = {"subject": 140, "what_happened": 10_000}
	assert overlong_field({"subject": "s" * 140, "what_happened": "w" * 10_000}, limits) is None
	assert overlong_field({"subject": "s" * 141}, limits) == "subject"
	assert overlong_field({"subject": "ok", "what_happened": "w" * 1_000_000}, limits) == "what_happened"
	assert overlong_field({}, limits) is None


def test_every_field_of_the_public_concern_form_has_a_limit():
	assert set(CONCERN_FIELD_LIMITS) == {
		"subject",
		"reported_system",
		"what_happened",
		"contact_name",
		"contact_email",
	}
	assert all(0 < limit <= 10_000 for limit in CONCERN_FIELD_LIMITS.values())


@pytest.mark.parametrize(
	("remote", "forwarded", "proxies", "expected"),
	[
		# no proxy: the header is the sender's own words and is ignored
		("203.0.113.9", "198.51.100.1", 0, "203.0.113.9"),
		("203.0.113.9", None, 0, "203.0.113.9"),
		# one proxy that appends what it saw: whatever the sender put before it does not count
		("10.0.0.2", "198.51.100.1, 203.0.113.9", 1, "203.0.113.9"),
		("10.0.0.2", "203.0.113.9", 1, "203.0.113.9"),
		# two proxies (a load balancer, then nginx)
		("127.0.0.1", "198.51.100.1, 203.0.113.9, 10.0.0.5", 2, "203.0.113.9"),
		# fewer hops than proxies configured: the first one there is
		("127.0.0.1", "203.0.113.9", 3, "203.0.113.9"),
		# a proxy configured but no header: the connection's address
		("10.0.0.2", "", 1, "10.0.0.2"),
		(None, None, 0, "local"),
	],
)
def test_the_client_address_trusts_only_the_configured_proxies(remote, forwarded, proxies, expected):
	assert client_address(remote, forwarded, proxies) == expected
