"""What goes into an auditor's pack and how it is laid out, without Frappe: the names of the files inside
the zip, the manifest and the offline index, and the normalisation that makes a second pack of an unchanged
site byte for byte the same (fixed zip timestamps; PDF font-subset tags and XLSX document dates that the
tools otherwise make up anew on every run)."""

import hashlib
import html
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass

# The earliest date a zip entry can hold: every entry gets it, so the zip does not depend on when it was built.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
CHUNK = 1024 * 1024
MANIFEST = "manifest.json"
INDEX = "index.html"


@dataclass(frozen=True)
class PackEntry:
	"""One file in the pack: where it is, what it evidences (a sentence for the auditor), which record it
	comes from, its size and SHA-256."""

	path: str
	evidences: str
	source: str
	size: int
	sha256: str


def slug(text: str, limit: int = 80) -> str:
	"""A file or folder name that every zip tool and file system takes: ASCII letters, digits, dash,
	underscore and single dots, nothing else (no slash, no `..`)."""
	ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
	cleaned = re.sub(r"\.{2,}", ".", re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_text)).strip("-.")
	return cleaned[:limit].rstrip("-.") or "file"


def document_path(section: str, name: str) -> str:
	return f"documents/{slug(section)}/{slug(name)}.pdf"


def register_path(register: str) -> str:
	return f"registers/{slug(register)}.xlsx"


def evidence_path(control: str | None, evidence: str, file_name: str) -> str:
	"""Evidence files sit in a folder per Annex A control; evidence that no control names, in `other`."""
	folder = slug(control) if control else "other"
	return f"evidence/{folder}/{slug(evidence)}-{slug(file_name, 120)}"


def zip_info(path: str) -> zipfile.ZipInfo:
	info = zipfile.ZipInfo(path, date_time=ZIP_DATE)
	info.compress_type = zipfile.ZIP_DEFLATED
	info.external_attr = 0o644 << 16
	return info


def write_bytes(archive: zipfile.ZipFile, path: str, data: bytes) -> tuple[int, str]:
	"""Write `data` at `path` in the zip; returns its size and SHA-256."""
	archive.writestr(zip_info(path), data)
	return len(data), hashlib.sha256(data).hexdigest()


def write_stream(archive: zipfile.ZipFile, path: str, source: io.BufferedIOBase) -> tuple[int, str]:
	"""Copy `source` into the zip a chunk at a time, hashing as it goes: memory stays one chunk whatever the
	file's size. Returns its size and SHA-256."""
	digest, size = hashlib.sha256(), 0
	with archive.open(zip_info(path), "w", force_zip64=True) as target:
		while chunk := source.read(CHUNK):
			digest.update(chunk)
			size += len(chunk)
			target.write(chunk)
	return size, digest.hexdigest()


def file_sha256(source: io.BufferedIOBase) -> str:
	digest = hashlib.sha256()
	while chunk := source.read(CHUNK):
		digest.update(chunk)
	return digest.hexdigest()


_FONT_SUBSET_TAG = re.compile(rb"/([A-Z]{6})\+")


def stable_pdf(pdf: bytes) -> bytes:
	"""The PDF with its font-subset tags (`/QNAAAA+DejaVuSans`, made up anew by wkhtmltopdf on every run)
	renamed in order of first appearance. The tags are six letters either way, so every offset in the file
	stays right, and the page shows the same."""
	renamed: dict[bytes, bytes] = {}

	def rename(match: re.Match) -> bytes:
		tag = renamed.setdefault(match.group(1), _tag(len(renamed)))
		return b"/" + tag + b"+"

	return _FONT_SUBSET_TAG.sub(rename, pdf)


def _tag(number: int) -> bytes:
	return bytes(65 + (number // 26**place) % 26 for place in range(5, -1, -1))


_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def stable_office_file(data: bytes, as_of: str) -> bytes:
	"""An XLSX (a zip) rewritten with fixed entry dates, and its document properties dated `as_of`
	(an ISO date-time) instead of the moment it was written."""
	out = io.BytesIO()
	with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
		for item in source.infolist():
			content = source.read(item)
			if item.filename == "docProps/core.xml":
				content = _CORE_DATES.sub(rb"\g<1>" + as_of.encode() + rb"\g<3>", content)
			target.writestr(zip_info(item.filename), content)
	return out.getvalue()


def manifest(entries: Iterable[PackEntry], about: dict) -> dict:
	"""The manifest: what the pack is about (period, requested by) and every file in path order."""
	return {**about, "files": [asdict(entry) for entry in sorted(entries, key=lambda e: e.path)]}


def render_index(pack: dict, labels: dict) -> str:
	"""A self-contained HTML page (no script, no outside link) listing every file with what it evidences and
	its SHA-256; each path links to the file beside it, so it opens offline from the unpacked zip.
	`labels` holds the translated headings: title, period, requested_by, file, evidences, source, size,
	sha256."""
	e = html.escape
	rows = "\n".join(
		f'<tr><td><a href="{e(item["path"])}">{e(item["path"])}</a></td><td>{e(item["evidences"])}</td>'
		f'<td>{e(item["source"])}</td><td class="n">{item["size"]}</td><td><code>{e(item["sha256"])}</code></td></tr>'
		for item in pack["files"]
	)
	return f"""<!DOCTYPE html>
<html lang="{e(pack.get("language", "en"))}"><head><meta charset="utf-8"><title>{e(labels["title"])}</title>
<style>
body {{ font-family: sans-serif; font-size: 10pt; margin: 2em; color: #000; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid #888; padding: 3px 6px; text-align: left; vertical-align: top; }}
th {{ background: #e8e8e8; }}
tr {{ page-break-inside: avoid; }}
td.n {{ text-align: right; }}
code {{ font-size: 8pt; word-break: break-all; }}
</style></head><body>
<h1>{e(labels["title"])}</h1>
<p>{e(labels["organisation"])}: {e(pack.get("organisation", ""))}<br>
{e(labels["period"])}: {e(pack["period_from"])} – {e(pack["period_to"])}<br>
{e(labels["requested_by"])}: {e(pack["requested_by"])}</p>
<table><thead><tr><th>{e(labels["file"])}</th><th>{e(labels["evidences"])}</th><th>{e(labels["source"])}</th>
<th>{e(labels["size"])}</th><th>{e(labels["sha256"])}</th></tr></thead>
<tbody>
{rows}
</tbody></table>
</body></html>
"""
