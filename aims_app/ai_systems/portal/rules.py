"""Rules for what people outside the desk send in (concerns, supplier answers and documents), with no Frappe
import: markup made harmless, the flood limit, the document limits, what a document's bytes show it to be,
questionnaire keys and the default questions."""

import hashlib
import html
import io
import re
import secrets
import zipfile
from pathlib import PurePosixPath

from aims_app.messages import Message, _

KEY_BYTES = 32
# What a browser would read as the start of a tag; a lone "<" or ">" (as in "3 < 5") is not one.
TAG_START = re.compile(r"<[A-Za-z!/?]")


def neutralise_markup(text: str | None) -> str | None:
	"""Text with any markup escaped, so the desk, its lists and emails never render it as HTML; text without
	a tag (comparisons such as "3 < 5" included) is kept exactly as typed. Escaped text has no tag left, so
	escaping it again changes nothing."""
	if not text or not TAG_START.search(text):
		return text
	return html.escape(text, quote=False)


# The most a member of the public may type into each field of the concern form, in characters.
CONCERN_FIELD_LIMITS = {
	"subject": 140,
	"reported_system": 140,
	"what_happened": 10_000,
	"contact_name": 140,
	"contact_email": 254,
}

# ... and of a supplier's answers to a questionnaire.
RESPONSE_FIELD_LIMITS = {"respondent_name": 140, "access_key": 100}
ANSWER_LIMIT = 10_000


def overlong_field(values: dict, limits: dict[str, int]) -> str | None:
	"""The first field whose text is longer than its limit, or None; the text itself is never repeated."""
	for fieldname, limit in limits.items():
		if len(str(values.get(fieldname) or "")) > limit:
			return fieldname
	return None


def client_address(remote_address: str | None, forwarded_for: str | None, trusted_proxies: int) -> str:
	"""The address a request came from. With no proxy in front of the site, the connection's own address:
	an X-Forwarded-For header is then whatever the sender wrote. Behind `trusted_proxies` proxies, each
	of which appends the address it was reached from, the entry that many places from the end."""
	hops = [hop.strip() for hop in (forwarded_for or "").split(",") if hop.strip()]
	if trusted_proxies > 0 and hops:
		return hops[-min(trusted_proxies, len(hops))]
	return remote_address or "local"


def over_the_limit(already_sent: int, limit: int) -> bool:
	"""Whether one more concern from an address that sent `already_sent` in the window passes the limit."""
	return limit > 0 and already_sent >= limit


def new_key() -> str:
	"""An unguessable questionnaire key for a supplier's link (256 bits)."""
	return secrets.token_urlsafe(KEY_BYTES)


def key_digest(key: str) -> str:
	"""What is stored of a questionnaire key: its SHA-256, so the database never holds a usable link."""
	return hashlib.sha256(key.encode()).hexdigest()


def allowed_types(setting: str | None) -> set[str]:
	"""File extensions from a setting such as "pdf, .docx, PNG"."""
	return {
		part.strip().lstrip(".").lower()
		for part in (setting or "").replace("\n", ",").split(",")
		if part.strip()
	}


def document_problem(filename: str, size: int, types: set[str], max_mb: int) -> Message | None:
	"""Why a supplier's document is refused, or None when it may be kept."""
	extension = PurePosixPath(filename or "").suffix.lstrip(".").lower()
	if not extension or extension not in types:
		return Message(
			_("{file} is not a document type we accept. Send one of: {types}."),
			{"file": filename, "types": ", ".join(sorted(types))},
		)
	if size > max_mb * 1024 * 1024:
		return Message(
			_("{file} is larger than {limit} MB. Send a smaller file or split it."),
			{"file": filename, "limit": max_mb},
		)
	if size == 0:
		return Message(_("{file} is empty."), {"file": filename})
	return None


# What a document holds, as its first bytes (and, for ZIP-based formats, its parts) show it, named in a
# refusal. The documents a supplier may send are those an extension below is expected to hold.
KINDS = {
	"pdf": Message(_("a PDF document")),
	"png": Message(_("a PNG image")),
	"jpeg": Message(_("a JPEG image")),
	"gif": Message(_("a GIF image")),
	"docx": Message(_("a Word document (docx)")),
	"xlsx": Message(_("an Excel workbook (xlsx)")),
	"pptx": Message(_("a PowerPoint presentation (pptx)")),
	"odt": Message(_("an OpenDocument text (odt)")),
	"ods": Message(_("an OpenDocument spreadsheet (ods)")),
	"odp": Message(_("an OpenDocument presentation (odp)")),
	"ole": Message(_("a legacy Microsoft Office file (doc, xls, ppt)")),
	"text": Message(_("plain text")),
	"markup": Message(_("HTML or other markup")),
	"zip": Message(_("a ZIP archive")),
	"program": Message(_("a program")),
	"unknown": Message(_("data of an unknown type")),
}
EXPECTED_KIND = {
	"pdf": "pdf",
	"png": "png",
	"jpg": "jpeg",
	"jpeg": "jpeg",
	"gif": "gif",
	"docx": "docx",
	"xlsx": "xlsx",
	"pptx": "pptx",
	"odt": "odt",
	"ods": "ods",
	"odp": "odp",
	"doc": "ole",
	"xls": "ole",
	"ppt": "ole",
	"txt": "text",
	"csv": "text",
	"tsv": "text",
	"md": "text",
}
SIGNATURES = (
	(b"%PDF-", "pdf"),
	(b"\x89PNG\r\n\x1a\n", "png"),
	(b"\xff\xd8\xff", "jpeg"),
	(b"GIF87a", "gif"),
	(b"GIF89a", "gif"),
	(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
	(b"PK\x03\x04", "zip"),
	(b"MZ", "program"),
	(b"\x7fELF", "program"),
	(b"\xca\xfe\xba\xbe", "program"),
	(b"\xcf\xfa\xed\xfe", "program"),
)
# Office Open XML: the folder of the main part; OpenDocument: the `mimetype` part, stored first.
OOXML_PARTS = (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx"))
OPENDOCUMENT = {
	b"application/vnd.oasis.opendocument.text": "odt",
	b"application/vnd.oasis.opendocument.spreadsheet": "ods",
	b"application/vnd.oasis.opendocument.presentation": "odp",
}
# A tag, closing tag, comment, doctype or processing instruction ("3 < 5" and "a <-> b" are none of them).
MARKUP = re.compile(
	r"<(?:[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?|/[A-Za-z][\w:.-]*\s*|![A-Za-z\[-][^<>]*|\?[A-Za-z][^<>]*)>"
)


def document_kind(data: bytes) -> str:
	"""What the bytes are (a key of KINDS): by their signature, the parts of a ZIP-based office file, or as
	text (valid UTF-8 without NUL), which is markup when it holds a tag."""
	for signature, kind in SIGNATURES:
		if data.startswith(signature):
			return zip_kind(data) if kind == "zip" else kind
	try:
		text = data.decode("utf-8-sig")
	except UnicodeDecodeError:
		return "unknown"
	if "\x00" in text:
		return "unknown"
	return "markup" if MARKUP.search(text) else "text"


def zip_kind(data: bytes) -> str:
	"""An Office Open XML or OpenDocument file by its parts, else a ZIP archive (readable or not)."""
	try:
		with zipfile.ZipFile(io.BytesIO(data)) as archive:
			names = archive.namelist()
			if "[Content_Types].xml" in names:
				return next(
					(kind for folder, kind in OOXML_PARTS if any(n.startswith(folder) for n in names)), "zip"
				)
			if names and names[0] == "mimetype":
				return OPENDOCUMENT.get(archive.read("mimetype").strip(), "zip")
	except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, EOFError, NotImplementedError):
		pass
	return "zip"


def content_problem(filename: str, data: bytes) -> Message | None:
	"""Why a document whose content is not what its extension says is refused (HTML named .png, a program
	named .pdf, a Word file named .xlsx), naming the file and what it holds; None when they agree."""
	extension = PurePosixPath(filename or "").suffix.lstrip(".").lower()
	expected = EXPECTED_KIND.get(extension)
	if not expected:
		return Message(
			_("{file}: the content of .{extension} files cannot be checked, so they are not accepted."),
			{"file": filename, "extension": extension},
		)
	found = document_kind(data)
	if found == expected:
		return None
	return Message(
		_("{file} is named as {expected} but holds {found}. Send the document itself, saved as its type."),
		{"file": filename, "expected": KINDS[expected], "found": KINDS[found]},
	)


# (topic, question): the questions a new site sends suppliers, in our own words; AIMS Settings edits them.
DEFAULT_SUPPLIER_QUESTIONS = (
	(
		_("Data use"),
		_(
			"Which of our data do you receive or process, for which purposes, and is any of it used to train "
			"or improve models that serve other customers?"
		),
	),
	(
		_("Model provenance"),
		_(
			"Where do the models you provide come from (built by you, licensed, open source), and how do you "
			"document their training data, evaluation and known limitations?"
		),
	),
	(
		_("Security"),
		_(
			"How do you protect the models, data and services you provide (access control, encryption, testing "
			"against misuse), and which certifications or audit reports can you share?"
		),
	),
	(
		_("Incident notification"),
		_(
			"How and how quickly will you tell us about an incident, a serious malfunction or a change that "
			"affects the AI you provide, and who is our contact?"
		),
	),
	(
		_("Subcontracting"),
		_(
			"Which subcontractors or other providers take part in what you supply to us, and how do you hold "
			"them to the same commitments?"
		),
	),
)
