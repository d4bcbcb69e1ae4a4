"""The library as versioned data: the files the app ships in aims_app/aims_library/data/, checked against
their manifest, and the plan that brings an installed library to the shipped one. No Frappe import: the
applier is aims_app/aims_library/sync.py.

manifest.json holds the library's version, its release stamp and, per framework, the file and its sha256.
Each framework file holds the Compliance Framework record, its requirements (parents before children, in
the standard's order) and the crosswalk rows from ISO/IEC 42001 that reach it.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from aims_app.aims_library.tree import nested_set_bounds
from aims_app.messages import Message, _

DATA = Path(__file__).resolve().parent / "data"
MANIFEST = "manifest.json"

FRAMEWORK_FIELDS = (
	"framework_code",
	"title",
	"framework_type",
	"is_certifiable",
	"publisher",
	"edition",
	"published_on",
	"reference_url",
	"description",
	"content_note",
)
REQUIREMENT_FIELDS = (
	"framework",
	"requirement_id",
	"title",
	"display_title",
	"requirement_kind",
	"parent_framework_requirement",
	"is_group",
	"is_assessable",
	"documented_information",
	"applies_to",
	"guidance",
	"evidence_expected",
	"source_reference",
	"verification_note",
)
MAPPING_FIELDS = (
	"requirement",
	"requirement_framework",
	"mapped_requirement",
	"mapped_framework",
	"relationship",
	"mapping_status",
	"confidence",
	"is_verified",
	"mapping_source",
	"source_url",
	"notes",
)
CHECK_FIELDS = frozenset(
	{"is_certifiable", "is_group", "is_assessable", "documented_information", "is_verified"}
)


class LibraryError(Exception):
	"""The shipped library cannot be applied; nothing was written. Each problem names the entry."""

	def __init__(self, problems: list[Message]):
		self.problems = problems
		super().__init__("\n".join(str(problem) for problem in problems))


@dataclass(frozen=True)
class ShippedFramework:
	code: str
	file: str
	sha256: str
	record: dict
	requirements: list[dict]
	mappings: list[dict]


@dataclass(frozen=True)
class ShippedLibrary:
	version: str
	released: str
	frameworks: tuple[ShippedFramework, ...]

	@property
	def hashes(self) -> dict[str, str]:
		return {framework.code: framework.sha256 for framework in self.frameworks}


def file_digest(content: bytes) -> str:
	return hashlib.sha256(content).hexdigest()


def load_library(data: Path = DATA) -> ShippedLibrary:
	"""The shipped library, every file checked against the sha256 its manifest gives."""
	manifest = json.loads((data / MANIFEST).read_text(encoding="utf-8"))
	frameworks, problems = [], []
	for entry in manifest["frameworks"]:
		content = (data / entry["file"]).read_bytes()
		digest = file_digest(content)
		if digest != entry["sha256"]:
			problems.append(
				Message(
					_(
						"Library file {file} does not match its manifest (sha256 {digest}, manifest says "
						"{expected}): it was changed without rebuilding the library."
					),
					{"file": entry["file"], "digest": digest, "expected": entry["sha256"]},
				)
			)
			continue
		body = json.loads(content)
		frameworks.append(
			ShippedFramework(
				entry["framework"],
				entry["file"],
				digest,
				body["framework"],
				body["requirements"],
				body["mappings"],
			)
		)
	if problems:
		raise LibraryError(problems)
	return ShippedLibrary(manifest["version"], manifest["released"], tuple(frameworks))


def normalised(fields: tuple[str, ...], record: dict) -> dict:
	"""The content of a record as stored: checks as 0/1, empty text as None, dates as text."""
	values = {}
	for fieldname in fields:
		value = record.get(fieldname)
		if fieldname in CHECK_FIELDS:
			values[fieldname] = int(value or 0)
		else:
			values[fieldname] = None if value in (None, "") else str(value)
	return values


@dataclass
class InstalledLibrary:
	"""What the site holds, by name: content fields plus `library_version`, `withdrawn` (requirements and
	mappings), `content_hash` (frameworks) and `lft`/`rgt` (requirements)."""

	frameworks: dict[str, dict] = field(default_factory=dict)
	requirements: dict[str, dict] = field(default_factory=dict)
	mappings: dict[str, dict] = field(default_factory=dict)

	def is_current(self, library: ShippedLibrary) -> bool:
		"""Every shipped framework is installed from a file with the same hash."""
		stored = {name: row.get("content_hash") for name, row in self.frameworks.items()}
		return all(stored.get(code) == sha for code, sha in library.hashes.items())


@dataclass
class Changes:
	"""What one doctype needs: rows to insert and to update (name and content), names to stamp with the
	library version (equal content, shipped before this library was versioned) and names to flag withdrawn."""

	inserts: list[dict] = field(default_factory=list)
	updates: list[dict] = field(default_factory=list)
	adopt: list[str] = field(default_factory=list)
	withdraw: list[str] = field(default_factory=list)

	def rows(self) -> int:
		return len(self.inserts) + len(self.updates) + len(self.adopt) + len(self.withdraw)


@dataclass
class LibraryPlan:
	version: str
	released: str
	frameworks: Changes
	requirements: Changes
	mappings: Changes
	# Nested-set bounds of every requirement whose bounds change (inserted ones included).
	bounds: dict[str, tuple[int, int]]

	def rows_written(self) -> dict[str, int]:
		"""Rows each doctype gets written, bounds included (a row is counted once)."""
		changed = {row["name"] for row in self.requirements.inserts + self.requirements.updates}
		changed |= set(self.requirements.adopt) | set(self.requirements.withdraw)
		return {
			"Compliance Framework": self.frameworks.rows(),
			"Framework Requirement": len(changed | set(self.bounds)),
			"Requirement Mapping": self.mappings.rows(),
		}


def plan_library(library: ShippedLibrary, installed: InstalledLibrary) -> LibraryPlan:
	"""The difference between the shipped and the installed library, after checking that the shipped one
	is whole: unique names, every parent and every mapping end present in the same version."""
	check_shipped(library)
	frameworks = [
		{"name": f.code, **normalised(FRAMEWORK_FIELDS, f.record), "content_hash": f.sha256}
		for f in library.frameworks
	]
	requirements = [
		{"name": r["name"], **normalised(REQUIREMENT_FIELDS, r)}
		for f in library.frameworks
		for r in f.requirements
	]
	mappings = [
		{"name": m["name"], **normalised(MAPPING_FIELDS, m)} for f in library.frameworks for m in f.mappings
	]
	bounds = nested_set_bounds(tree_order(requirements, installed.requirements))
	for row in requirements:
		row["lft"], row["rgt"] = bounds[row["name"]]
	return LibraryPlan(
		library.version,
		library.released,
		frameworks=framework_changes(frameworks, installed.frameworks),
		requirements=changes(requirements, installed.requirements, REQUIREMENT_FIELDS),
		mappings=changes(mappings, installed.mappings, MAPPING_FIELDS),
		bounds=moved(bounds, installed.requirements),
	)


def moved(bounds: dict[str, tuple[int, int]], installed: dict[str, dict]) -> dict[str, tuple[int, int]]:
	"""The bounds of the stored requirements that change; an unchanged tree shape changes none."""
	return {
		name: bound
		for name, bound in bounds.items()
		if name in installed and (installed[name].get("lft"), installed[name].get("rgt")) != bound
	}


def check_shipped(library: ShippedLibrary):
	problems: list[Message] = []
	names: dict[str, str] = {}
	for framework in library.frameworks:
		for row in framework.requirements:
			name, parent = row["name"], row.get("parent_framework_requirement")
			if name in names:
				problems.append(
					Message(
						_("Requirement {name} is listed twice in library {version}."),
						{"name": name, "version": library.version},
					)
				)
			if row["framework"] != framework.code:
				problems.append(
					Message(
						_("Requirement {name} belongs to framework {framework} but is shipped in {file}."),
						{"name": name, "framework": row["framework"], "file": framework.file},
					)
				)
			if parent and names.get(parent) != framework.code:
				problems.append(
					Message(
						_(
							"Requirement {name} names parent {parent}, which is not an earlier entry of "
							"{framework} in library {version}."
						),
						{
							"name": name,
							"parent": parent,
							"framework": framework.code,
							"version": library.version,
						},
					)
				)
			names[name] = framework.code
	seen = set()
	for framework in library.frameworks:
		for row in framework.mappings:
			if row["name"] in seen:
				problems.append(
					Message(
						_("Mapping {name} is listed twice in library {version}."),
						{"name": row["name"], "version": library.version},
					)
				)
			seen.add(row["name"])
			for end in (row["requirement"], row["mapped_requirement"]):
				if end not in names:
					problems.append(
						Message(
							_("Mapping {name} links {requirement}, which is not in library {version}."),
							{"name": row["name"], "requirement": end, "version": library.version},
						)
					)
	if problems:
		raise LibraryError(problems)


def tree_order(shipped: list[dict], installed: dict[str, dict]) -> list[tuple[str, str | None]]:
	"""(name, parent) of every requirement in sibling order: the shipped ones in the library's order, then
	those only the site has (withdrawn or the organisation's own) in their present order, under their parent."""
	shipped_names = {row["name"] for row in shipped}
	others = sorted(
		(row for name, row in installed.items() if name not in shipped_names),
		key=lambda row: (row.get("lft") or 0, row["name"]),
	)
	return [(row["name"], row["parent_framework_requirement"]) for row in shipped] + [
		(row["name"], row.get("parent_framework_requirement")) for row in others
	]


def changes(shipped: list[dict], installed: dict[str, dict], fields: tuple[str, ...]) -> Changes:
	result = Changes()
	shipped_names = set()
	for row in shipped:
		shipped_names.add(row["name"])
		stored = installed.get(row["name"])
		if stored is None:
			result.inserts.append(row)
		elif normalised(fields, stored) != normalised(fields, row) or stored.get("withdrawn"):
			result.updates.append({key: row[key] for key in ("name", *fields)})
		elif not stored.get("library_version"):
			result.adopt.append(row["name"])
	result.withdraw = sorted(
		name
		for name, stored in installed.items()
		if name not in shipped_names and stored.get("library_version") and not stored.get("withdrawn")
	)
	return result


def framework_changes(shipped: list[dict], installed: dict[str, dict]) -> Changes:
	result = Changes()
	for row in shipped:
		stored = installed.get(row["name"])
		if stored is None:
			result.inserts.append(row)
		elif (
			normalised(FRAMEWORK_FIELDS, stored) != normalised(FRAMEWORK_FIELDS, row)
			or stored.get("content_hash") != row["content_hash"]
		):
			result.updates.append(row)
	return result


def refuse_linked_withdrawals(plan: LibraryPlan, links: dict[str, list[str]]):
	"""A requirement the new version withdraws must not be in use: `links` gives, per withdrawn requirement,
	the records (audits, control decisions, ...) that still point at it."""
	problems = [
		Message(
			_(
				"Library {version} withdraws {name}, which {records} still link to. Unlink them, then "
				"migrate again."
			),
			{"version": plan.version, "name": name, "records": ", ".join(links[name][:10])},
		)
		for name in plan.requirements.withdraw
		if links.get(name)
	]
	if problems:
		raise LibraryError(problems)
