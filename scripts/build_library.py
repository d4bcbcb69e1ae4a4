#!/usr/bin/env python3
"""Build the library data from the reference facts and our own guidance.

    python scripts/build_library.py [--reference DIR] [--out DIR]

Reads the reference YAML (identifiers, official headings, crosswalk rows: facts with their
sources) and aims_app/aims_library/library/iso42001_guidance.yaml (our own words), and writes
aims_app/aims_library/data/: one JSON file per framework (its record, its requirements and the
crosswalk rows that reach it from ISO/IEC 42001) and manifest.json with the library's version and
each file's sha256, which install and `bench migrate` read (aims_app/aims_library/sync.py). Run it
after changing either input, bump LIBRARY_VERSION when the content changes, and commit what it writes.
"""

import argparse
import hashlib
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aims_app.aims_library.library_data import DATA, file_digest  # noqa: E402
from aims_app.aims_library.tree import display_title  # noqa: E402

DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference" / "iso42001"
GUIDANCE = ROOT / "aims_app" / "aims_library" / "library" / "iso42001_guidance.yaml"
# When each EU AI Act obligation applies and whose it is, with the amendments and their sources (our words).
EU_TIMELINE = ROOT / "aims_app" / "aims_library" / "library" / "eu_ai_act_timeline.yaml"
# Risk and threat catalogues: ids and names as published, descriptions and mappings to ISO/IEC 42001 in our words.
CATALOGUE_DIR = ROOT / "aims_app" / "aims_library" / "library"

# The library's version and release stamp (written to `creation` and `modified` of the records it adds or
# changes). Bump both when the content changes: a migrate applies the difference to the installed library.
LIBRARY_VERSION = "2026.12.3"
LIBRARY_RELEASE = "2026-12-08 00:00:00"

ISO42001, NIST, EU_AI_ACT, ISO27001 = "ISO-42001", "NIST-AI-RMF", "EU-AI-ACT", "ISO-27001"
OWASP_LLM, ATLAS, MIT_AI_RISK = "OWASP-LLM-2025", "MITRE-ATLAS", "MIT-AI-RISK"
# Each catalogue: its file of ids, names, our descriptions and mappings, and the kind of framework it is.
CATALOGUES = {
	OWASP_LLM: ("owasp_llm_2025.yaml", "Risk Catalogue"),
	ATLAS: ("mitre_atlas.yaml", "Threat Catalogue"),
	MIT_AI_RISK: ("mit_ai_risk.yaml", "Risk Catalogue"),
}

FRAMEWORKS = [
	{
		"framework_code": ISO42001,
		"title": "ISO/IEC 42001:2023",
		"framework_type": "Management System Standard",
		"is_certifiable": 1,
		"publisher": "ISO/IEC JTC 1/SC 42",
		"edition": "First edition, 2023-12",
		"reference_url": "https://www.iso.org/standard/81230.html",
		"description": "Requirements for establishing, implementing, maintaining and continually improving "
		"an AI management system.",
		"content_note": "Clause, control, objective and risk-source identifiers with their official headings. "
		"Guidance and expected evidence are written by the aims_app authors; no text of the standard is "
		"reproduced. Obtain the standard from ISO or a national standards body.",
	},
	{
		"framework_code": NIST,
		"title": "NIST AI RMF 1.0",
		"framework_type": "Risk Management Framework",
		"is_certifiable": 0,
		"publisher": "National Institute of Standards and Technology",
		"edition": "NIST AI 100-1",
		"published_on": "2023-01-26",
		"reference_url": "https://doi.org/10.6028/NIST.AI.100-1",
		"description": "Voluntary framework for managing AI risks, organised in the functions Govern, Map, "
		"Measure and Manage.",
		"content_note": "Functions, categories and subcategories with NIST's outcome statements, a US "
		"Government work in the public domain.",
	},
	{
		"framework_code": EU_AI_ACT,
		"title": "EU AI Act (Regulation (EU) 2024/1689)",
		"framework_type": "Regulation",
		"is_certifiable": 0,
		"publisher": "European Parliament and Council of the European Union",
		"edition": "OJ L, 2024/1689, as amended by Regulation (EU) 2026/1744",
		"reference_url": "http://data.europa.eu/eli/reg/2024/1689/oj",
		"description": "Harmonised rules on artificial intelligence in the European Union.",
		"content_note": "Article numbers and titles of the articles that bind providers and deployers of "
		"high-risk AI systems, Article 5, Article 50, the general-purpose AI model articles, and the "
		"eight Annex III areas. Summaries are in our words. The dates from which each obligation applies, "
		"with the transitional rules and their sources, follow the Act as amended by Regulation (EU) "
		"2026/1744 (Digital Omnibus on AI): high-risk obligations from 2 December 2027 (Annex III) and "
		"2 August 2028 (Annex I).",
	},
	{
		"framework_code": ISO27001,
		"title": "ISO/IEC 27001:2022",
		"framework_type": "Management System Standard",
		"is_certifiable": 1,
		"publisher": "ISO/IEC JTC 1/SC 27",
		"edition": "Third edition, 2022-10",
		"reference_url": "https://www.iso.org/standard/27001",
		"description": "Requirements for an information security management system.",
		"content_note": "Clauses 4 to 10 and the Annex A controls reached by the derived crosswalk: "
		"identifiers and official headings only.",
	},
]

EU_CHAPTERS = {
	"I": "General provisions",
	"II": "Prohibited AI practices",
	"III": "High-risk AI systems",
	"IV": "Transparency obligations for providers and deployers of certain AI systems",
	"V": "General-purpose AI models",
	"VI": "Measures in support of innovation",
	"VII": "Governance",
	"VIII": "EU database for high-risk AI systems",
	"IX": "Post-market monitoring, information sharing and market surveillance",
	"X": "Codes of conduct and guidelines",
	"XI": "Delegation of power and committee procedure",
	"XII": "Penalties",
	"XIII": "Final provisions",
}
EU_GPAI_ARTICLES = (51, 52, 53, 54, 55, 56)
EU_OPERATOR_ROLES = {
	"all",
	"provider",
	"deployer",
	"importer",
	"distributor",
	"authorised_representative",
	"gpai_provider",
	"gpai_provider_systemic",
}
# Definitions, penalties and dates bind operators only through other articles.
EU_NOT_ASSESSABLE = {3, 99, 101, 113}

ISO27001_CLAUSES = {
	"4": "Context of the organization",
	"5": "Leadership",
	"6": "Planning",
	"7": "Support",
	"8": "Operation",
	"9": "Performance evaluation",
	"10": "Improvement",
}
ISO27001_THEMES = {
	"A.5": "Organizational controls",
	"A.6": "People controls",
	"A.7": "Physical controls",
	"A.8": "Technological controls",
}


# Corrections from an independent check against public sources (issue 17), applied over the reference facts.
# The web page these clause headings cited numbers Annex A wrongly (it invents A.3.4 and others), so it is
# no source to cite; the NIST AIRC crosswalk confirms the same headings.
UNRELIABLE_SOURCE, CONFIRMING_SOURCE = "WEB_REGULUME", "NIST_AIRC_XW_42001"
RECITED_CLAUSES = ("6.1", "6.1.1", "6.1.2", "6.1.3", "6.1.4", "6.3")
# Crosswalk rows whose source prints a number and a title that name different items: kept, since the number
# is what the crosswalk maps, at Medium confidence, with the other reading in the note.
AMBIGUOUS_NIST_ROWS = {
	("A.2.2", "MAP 1.4"): 'The source prints "B.2.2 Customers": its number reads as A.2.2 AI policy (used '
	"here), its title as A.10.4 Customers (Annex B item B.10.4).",
	(
		"A.3.2",
		"GOVERN 3.2",
	): 'The source prints "B.3.2 Management review inputs": its number reads as A.3.2 AI '
	"roles and responsibilities (used here), its title as clause 9.3.2 Management review inputs.",
}


def cited_sources(clause: dict) -> str:
	sources = list(clause.get("title_sources") or [])
	if clause["id"] in RECITED_CLAUSES:
		sources = [CONFIRMING_SOURCE if s == UNRELIABLE_SOURCE else s for s in sources]
	return ", ".join(dict.fromkeys(sources))


def load_yaml(path: Path):
	with open(path, encoding="utf-8") as f:
		return yaml.safe_load(f)


def requirement_name(framework: str, requirement_id: str) -> str:
	return f"{framework}-{requirement_id}"


class LibraryBuilder:
	def __init__(self, reference: Path, guidance: dict):
		self.ref = reference
		self.guidance = guidance
		self.requirements: list[dict] = []
		self.names: set[str] = set()

	def add(self, framework, requirement_id, title, kind, parent=None, is_group=0, is_assessable=0, **extra):
		name = requirement_name(framework, requirement_id)
		if name in self.names:
			raise ValueError(f"duplicate requirement {name}")
		self.names.add(name)
		record = {
			"name": name,
			"framework": framework,
			"requirement_id": requirement_id,
			"title": " ".join(str(title).split()),
			"requirement_kind": kind,
			"parent_framework_requirement": requirement_name(framework, parent) if parent else None,
			"is_group": is_group,
			"is_assessable": is_assessable,
		}
		record.update({k: v for k, v in extra.items() if v not in (None, "")})
		record["display_title"] = display_title(requirement_id, record["title"])
		self.requirements.append(record)
		return name

	def with_guidance(self, requirement_id: str) -> dict:
		entry = self.guidance.get(requirement_id)
		if not entry:
			raise ValueError(f"no guidance written for ISO/IEC 42001 {requirement_id}")
		return {
			"guidance": " ".join(entry["guidance"].split()),
			"evidence_expected": "\n".join(f"- {item}" for item in entry["evidence"]),
		}

	def build_iso42001(self):
		data = load_yaml(self.ref / "clauses.yaml")
		parents = {c["parent"] for c in data["clauses"] if c.get("parent")}
		for clause in data["clauses"]:
			cid = clause["id"]
			top = clause["level"] == 1
			leaf = cid not in parents
			self.add(
				ISO42001,
				cid,
				clause["title"],
				"Clause" if top else "Subclause",
				parent=clause.get("parent"),
				is_group=0 if leaf else 1,
				is_assessable=1 if (leaf and not top) else 0,
				documented_information=1 if clause.get("documented_information_explicit") else 0,
				source_reference=cited_sources(clause),
				**self.with_guidance(cid),
			)

		annex_a = load_yaml(self.ref / "annex_a.yaml")
		self.add(ISO42001, "Annex A", "Reference control objectives and controls", "Annex", is_group=1)
		controls_by_group: dict[str, list[dict]] = {}
		for control in annex_a["controls"]:
			controls_by_group.setdefault(control["objective_group"], []).append(control)
		for category in annex_a["categories"]:
			self.add(
				ISO42001,
				category["id"],
				category["title"],
				"Control Category",
				parent="Annex A",
				is_group=1,
				**self.with_guidance(category["id"]),
			)
			for group in category["objective_groups"]:
				if group["id"] != category["id"]:
					self.add(
						ISO42001,
						group["id"],
						group["title"],
						"Control Objective",
						parent=category["id"],
						is_group=1,
						**self.with_guidance(group["id"]),
					)
				for control in controls_by_group[group["id"]]:
					self.add(
						ISO42001,
						control["id"],
						control["title"],
						"Control",
						parent=group["id"],
						is_assessable=1,
						source_reference=", ".join(control.get("title_sources") or []),
						**self.with_guidance(control["id"]),
					)

		annex_c = load_yaml(self.ref / "annex_c.yaml")
		self.add(
			ISO42001,
			"Annex C",
			"Potential AI-related organizational objectives and risk sources",
			"Annex",
			is_group=1,
		)
		self.add(
			ISO42001,
			"C.2",
			"Objectives",
			"Section",
			parent="Annex C",
			is_group=1,
			verification_note="Heading wording not checked against the published text.",
		)
		for objective in annex_c["objectives"]:
			self.add(
				ISO42001,
				objective["id"],
				objective["title"],
				"Objective",
				parent="C.2",
				verification_note=note_for(objective.get("numbering")),
				**self.with_guidance(objective["id"]),
			)
		self.add(
			ISO42001,
			"C.3",
			"Risk sources",
			"Section",
			parent="Annex C",
			is_group=1,
			verification_note="Heading wording not checked against the published text.",
		)
		for source in annex_c["risk_sources"]:
			self.add(
				ISO42001,
				source["id"],
				source["title"],
				"Risk Source",
				parent="C.3",
				verification_note=note_for(source.get("numbering")),
				**self.with_guidance(source["id"]),
			)

	def build_nist(self):
		data = load_yaml(self.ref / "nist_ai_rmf.yaml")
		for function in data["functions"]:
			self.add(NIST, function["id"], function["function_statement"], "Function", is_group=1)
			for category in function["categories"]:
				self.add(
					NIST, category["id"], category["statement"], "Category", parent=function["id"], is_group=1
				)
				for sub in category["subcategories"]:
					self.add(
						NIST,
						sub["id"],
						sub["statement"],
						"Subcategory",
						parent=category["id"],
						is_assessable=1,
					)

	def build_eu_ai_act(self):
		data = load_yaml(self.ref / "eu_ai_act.yaml")
		articles = {a["article"]: a for a in data["articles_relevant_to_high_risk_and_gpai"]}
		index = {a["article"]: a for a in data["all_articles_index"]}
		for number in EU_GPAI_ARTICLES:
			articles.setdefault(number, {**index[number], "roles": ["gpai_provider"]})
		chapters_done = set()
		for number in sorted(articles):
			article = articles[number]
			chapter = article["chapter"]
			chapter_id = f"Chapter {chapter}"
			if chapter not in chapters_done:
				self.add(EU_AI_ACT, chapter_id, EU_CHAPTERS[chapter], "Chapter", is_group=1)
				chapters_done.add(chapter)
			roles = article.get("roles") or []
			self.add(
				EU_AI_ACT,
				f"Art. {number}",
				article["title"],
				"Article",
				parent=chapter_id,
				is_assessable=int(bool(EU_OPERATOR_ROLES & set(roles)) and number not in EU_NOT_ASSESSABLE),
				applies_to=", ".join(role.replace("_", " ") for role in roles),
				guidance=article.get("gist_our_words"),
				source_reference=article.get("section"),
			)
		self.add(
			EU_AI_ACT, "Annex III", "High-risk AI systems referred to in Article 6(2)", "Annex", is_group=1
		)
		for area in data["annex_iii_high_risk_areas"]:
			self.add(
				EU_AI_ACT,
				f"Annex III.{area['point']}",
				area["area"],
				"Annex III Area",
				parent="Annex III",
				guidance="Covers: " + "; ".join(area["sub_points_our_words"]) + ".",
			)

	def build_iso27001(self, crosswalk: dict):
		rows = crosswalk["iso27001_2022"]["clause_alignment"]["rows"]
		subclauses = [(r["iso27001_2022"], r["iso27001_2022_title"]) for r in rows if r.get("iso27001_2022")]
		ids = [sid for sid, _ in subclauses]
		for clause_id, title in ISO27001_CLAUSES.items():
			self.add(ISO27001, clause_id, title, "Clause", is_group=1)
			for sid, stitle in subclauses:
				if sid.split(".")[0] != clause_id:
					continue
				parent = sid.rsplit(".", 1)[0]
				has_children = any(other.startswith(sid + ".") for other in ids)
				self.add(
					ISO27001,
					sid,
					stitle,
					"Subclause",
					parent=parent,
					is_group=int(has_children),
					is_assessable=int(not has_children),
				)
		derived = crosswalk["iso27001_2022"]["annex_a_derived_via_scf"]["rows"]
		controls = sorted(
			{(r["iso27001_2022"], r["iso27001_2022_title"]) for r in derived}, key=lambda c: id_key(c[0])
		)
		self.add(ISO27001, "Annex A", "Information security controls reference", "Annex", is_group=1)
		for theme, title in ISO27001_THEMES.items():
			members = [c for c in controls if c[0].rsplit(".", 1)[0] == theme]
			if not members:
				continue
			self.add(ISO27001, theme, title, "Control Category", parent="Annex A", is_group=1)
			for cid, ctitle in members:
				self.add(ISO27001, cid, ctitle, "Control", parent=theme, is_assessable=1)

	def build_catalogue(self, code: str, catalogue: dict):
		"""A catalogue's entries as requirements that are not assessed themselves: they name risks and threats,
		which an AI Risk instantiates; the controls that treat them are reached through the mappings."""
		meta = catalogue["catalogue"]
		where = f"{meta['title']}, {meta['edition']}"
		if code == ATLAS:
			tactics, techniques = catalogue["sections"]
			self.add_entry(code, tactics, "Section", None, where, is_group=1)
			for tactic in catalogue["tactics"]:
				self.add_entry(code, tactic, "Tactic", "Tactics", where)
			self.add_entry(code, techniques, "Section", None, where, is_group=1)
			techniques = sorted(catalogue["techniques"], key=lambda t: id_key(t["id"]))
			parents = {t.get("parent") for t in techniques}
			for technique in techniques:
				sub = technique.get("parent")
				self.add_entry(
					code,
					technique,
					"Sub-technique" if sub else "Technique",
					sub or "Techniques",
					where + ("" if sub else "; tactics " + ", ".join(technique["tactics"])),
					is_group=int(technique["id"] in parents),
				)
			return
		nodes = catalogue.get("groups", []) + catalogue["entries"]
		children: dict[str | None, list[dict]] = {}
		for node in nodes:
			children.setdefault(node.get("parent"), []).append(node)

		def add_below(parent):
			for node in children.get(parent, []):
				self.add_entry(code, node, node["kind"], parent, where, is_group=int(node["id"] in children))
				add_below(node["id"])

		add_below(None)

	def add_entry(self, code, entry, kind, parent, where, is_group=0):
		self.add(
			code,
			entry["id"],
			entry["name"],
			kind,
			parent=parent,
			is_group=is_group,
			guidance=" ".join(entry["description"].split()),
			source_reference=where,
		)


def note_for(numbering: str | None) -> str | None:
	if numbering and "unverified" in numbering:
		return "Number inferred from the order of the published list; not yet checked against the standard."
	return None


def id_key(requirement_id: str):
	return [int(part) if part.isdigit() else part for part in requirement_id.split(".")]


def mapping(
	iso_id,
	mapped_framework,
	mapped_id,
	relationship,
	status,
	confidence,
	source,
	url=None,
	notes=None,
	verified=0,
):
	"""One crosswalk row, always from the ISO/IEC 42001 side; its name is stable across rebuilds."""
	requirement = requirement_name(ISO42001, iso_id)
	mapped = requirement_name(mapped_framework, mapped_id)
	name = "RM-" + hashlib.sha1(f"{requirement}|{mapped}".encode()).hexdigest()[:10].upper()
	return {
		"name": name,
		"requirement": requirement,
		"requirement_framework": ISO42001,
		"mapped_requirement": mapped,
		"mapped_framework": mapped_framework,
		"relationship": relationship,
		"mapping_status": status,
		"confidence": confidence,
		"is_verified": verified,
		"mapping_source": source,
		"source_url": url,
		"notes": notes,
	}


def build_mappings(crosswalk: dict) -> list[dict]:
	sources = crosswalk["sources"]
	rows = []
	nist_source = sources["NIST_AIRC_XW_42001"]
	for item in crosswalk["nist_ai_rmf"]["by_iso_item"]:
		for sub in item.get("nist_ai_rmf") or []:
			ambiguity = AMBIGUOUS_NIST_ROWS.get((item["iso"], sub))
			rows.append(
				mapping(
					item["iso"],
					NIST,
					sub,
					"Related",
					"Published",
					"Medium" if ambiguity else "High",
					f"{nist_source['title']} (provider: Microsoft; listed by the NIST AI Resource Center)",
					nist_source.get("url"),
					" ".join(
						filter(
							None,
							(
								"Published against the final draft (FDIS) of ISO/IEC 42001; Annex B items read as "
								"the Annex A controls of the same number.",
								ambiguity,
							),
						)
					),
					verified=1,
				)
			)
	alignment = crosswalk["iso27001_2022"]["clause_alignment"]
	for row in alignment["rows"]:
		if not row.get("iso27001_2022"):
			continue
		same = row["relation"] == "same_hs_clause"
		rows.append(
			mapping(
				row["iso42001"],
				ISO27001,
				row["iso27001_2022"],
				"Equivalent" if same else "Equivalent Structure",
				"Derived",
				"High" if same else "Medium",
				"Harmonized structure shared by ISO management system standards (clause numbers compared)",
				notes=alignment["relation_values"][row["relation"]],
			)
		)
	derived = crosswalk["iso27001_2022"]["annex_a_derived_via_scf"]
	for row in derived["rows"]:
		rows.append(
			mapping(
				row["iso42001"],
				ISO27001,
				row["iso27001_2022"],
				"Related",
				"Derived",
				"Low",
				"Secure Controls Framework (SCF 2025.2.2) mappings of both standards, joined on shared SCF controls",
				notes="Shared SCF controls: "
				+ ", ".join(row["shared_scf_controls"])
				+ ". Review before relying on it.",
			)
		)
	for row in crosswalk["eu_ai_act"]["candidate_rows"]:
		for iso_item in row["iso42001_items"]:
			rows.append(
				mapping(
					iso_item,
					EU_AI_ACT,
					f"Art. {row['eu_ai_act_article']}",
					"Related",
					"Suggestion",
					row["confidence_editorial"].capitalize(),
					"aims_app editorial match of the Article's subject to ISO/IEC 42001 headings (unverified)",
					notes=row.get("note"),
				)
			)
	for code in CATALOGUES:
		rows += catalogue_mappings(code, load_catalogue(code))
	unique = {}
	for row in rows:
		unique.setdefault(row["name"], row)
	return list(unique.values())


def load_catalogue(code: str) -> dict:
	return load_yaml(CATALOGUE_DIR / CATALOGUES[code][0])


EDITORIAL = "aims_app editorial mapping of the catalogue entry to ISO/IEC 42001 headings (unverified)"
INHERITED = "Derived from the aims_app editorial mapping of the entry's {0} (unverified)"


def catalogue_mapping(code, entry_id, row, status, source, url, note):
	"""Annex A controls treat a catalogue entry; Annex C risk sources are where it comes from."""
	return mapping(
		row["to"],
		code,
		entry_id,
		"Source Of" if row["to"].startswith("C.") else "Treats",
		status,
		row["confidence"],
		source,
		url,
		note,
	)


def catalogue_mappings(code: str, catalogue: dict) -> list[dict]:
	"""Each entry's own mappings first; an ATLAS technique also gets those of its tactics and a sub-technique
	those of its parent technique, derived at Low confidence with a note naming where they come from."""
	url = catalogue["catalogue"]["source_url"]
	entries = catalogue.get("entries") or catalogue["tactics"] + catalogue["techniques"]
	by_id = {entry["id"]: entry for entry in entries}
	rows = []
	for entry in entries:
		for row in entry.get("mappings") or []:
			rows.append(catalogue_mapping(code, entry["id"], row, "Suggestion", EDITORIAL, url, row["note"]))
	for entry in entries:
		via = [("tactic", by_id[t]) for t in entry.get("tactics") or []]
		if entry.get("parent") and code == ATLAS:
			via.append(("parent technique", by_id[entry["parent"]]))
		for what, origin in via:
			for row in mappings_of(origin, by_id):
				note = f"Through its {what} {origin['id']} {origin['name']}: {row['note']}"
				rows.append(
					catalogue_mapping(
						code,
						entry["id"],
						{**row, "confidence": "Low"},
						"Derived",
						INHERITED.format(what),
						url,
						note,
					)
				)
	return rows


def mappings_of(entry: dict, by_id: dict) -> list[dict]:
	"""An entry's own mappings and, for a technique, its tactics' (what a sub-technique inherits)."""
	rows = list(entry.get("mappings") or [])
	for tactic in entry.get("tactics") or []:
		rows += by_id[tactic].get("mappings") or []
	return rows


FILES = {
	ISO42001: "iso-42001.json",
	NIST: "nist-ai-rmf.json",
	EU_AI_ACT: "eu-ai-act.json",
	ISO27001: "iso-27001.json",
	OWASP_LLM: "owasp-llm-2025.json",
	ATLAS: "mitre-atlas.json",
	MIT_AI_RISK: "mit-ai-risk.json",
}


def catalogue_framework(code: str, catalogue: dict) -> dict:
	"""The Compliance Framework record of a catalogue, its source, version and licence in `content_note`."""
	meta = catalogue["catalogue"]
	note = " ".join(
		filter(
			None,
			(
				" ".join(meta["attribution"].split()),
				f"Source: {meta['source_url']}.",
				f"Licence: {meta['licence']}.",
				" ".join((meta.get("licence_note") or "").split()),
				f"Applies to: {meta['applies_to']}.",
			),
		)
	)
	return {
		"framework_code": code,
		"title": meta["title"],
		"framework_type": CATALOGUES[code][1],
		"is_certifiable": 0,
		"publisher": meta["publisher"],
		"edition": meta["edition"],
		"published_on": meta.get("published_on"),
		"reference_url": meta["reference_url"],
		"description": " ".join(meta["description"].split()),
		"content_note": note,
	}


def serialised(value) -> bytes:
	return (json.dumps(value, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def build(reference: Path) -> dict[str, bytes]:
	"""{file name: content} of the library data: one file per framework and the manifest."""
	guidance = load_yaml(GUIDANCE)
	crosswalk = load_yaml(reference / "crosswalk.yaml")
	builder = LibraryBuilder(reference, guidance)
	builder.build_iso42001()
	builder.build_nist()
	builder.build_eu_ai_act()
	builder.build_iso27001(crosswalk)
	catalogues = {code: load_catalogue(code) for code in CATALOGUES}
	for code, catalogue in catalogues.items():
		builder.build_catalogue(code, catalogue)
	mappings = build_mappings(crosswalk)
	files, manifest = {}, {"version": LIBRARY_VERSION, "released": LIBRARY_RELEASE, "frameworks": []}
	frameworks = FRAMEWORKS + [catalogue_framework(code, catalogue) for code, catalogue in catalogues.items()]
	for framework in frameworks:
		code = framework["framework_code"]
		body = {
			"framework": {"name": code, **{k: v for k, v in framework.items() if v is not None}},
			"requirements": [r for r in builder.requirements if r["framework"] == code],
			"mappings": [m for m in mappings if m["mapped_framework"] == code],
		}
		if code == EU_AI_ACT:
			body["timeline"] = load_yaml(EU_TIMELINE)
		content = serialised(body)
		files[FILES[code]] = content
		manifest["frameworks"].append(
			{"framework": code, "file": FILES[code], "sha256": file_digest(content)}
		)
	files["manifest.json"] = serialised(manifest)
	return files


def write(files: dict[str, bytes], out: Path):
	out.mkdir(parents=True, exist_ok=True)
	for filename, content in files.items():
		(out / filename).write_bytes(content)


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
	parser.add_argument("--out", type=Path, default=DATA)
	args = parser.parse_args()
	files = build(args.reference)
	write(files, args.out)
	for filename, content in files.items():
		print(f"{filename}: {len(content)} bytes")


if __name__ == "__main__":
	main()
