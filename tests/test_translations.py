"""Every user-facing string is in the catalogue and translated into German.

The strings are extracted from the sources the way Frappe's `bench generate-pot-file` does (its extractors
in frappe/gettext/extractors, driven by frappe/babel_extractors.csv, then the app's own in
babel_extractors.csv), as near as a test without Frappe or babel can: DocType, Workspace, Report and
onboarding JSON, `_()` in Python and Jinja, `__()` in JavaScript. aims_app/locale/main.pot must hold them
all and aims_app/locale/de.po must translate every one. And no string can escape the extractor: `_()`
takes a literal everywhere but aims_app/translation.py, and `__()` never takes a built string.
"""

import ast
import json
import re
from pathlib import Path

import pytest

from aims_app.gettext_extractors import extract_fixtures, extract_jinja, extract_modules, extract_record
from tests.conftest import APP, ROOT

LOCALE = APP / "locale"
PY_MARKERS = {"_", "_lt", "N_"}
TRANSLATING_MODULE = APP / "translation.py"
EXCLUDE_SELECT_OPTIONS = {
	"naming_series",
	"number_format",
	"float_precision",
	"currency_precision",
	"minimum_password_score",
}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
JS_STRING = r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`(?:[^`\\$]|\\.)*`'
JS_CALL = re.compile(r"(?<![\w.$])__\(\s*")
JS_LITERAL_MESSAGE = re.compile(rf"({JS_STRING})(\s*\+\s*({JS_STRING}))*")


# --- reading .po files -------------------------------------------------------------------------------


def unquote(line: str) -> str:
	return json.loads(line) if line.startswith('"') else ""


def read_po(path: Path) -> dict[str, str]:
	"""msgid -> msgstr of a .po or .pot file (entries with a context keyed "context\\x04msgid")."""
	entries, current, key = {}, {}, None
	for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
		line = raw.strip()
		if not line or line.startswith("#"):
			if "msgid" in current:
				msgid = current["msgid"]
				full = f"{current['msgctxt']}\x04{msgid}" if current.get("msgctxt") else msgid
				entries[full] = current.get("msgstr", "")
			if not line:
				current, key = {}, None
			continue
		keyword, _sep, rest = line.partition(" ")
		if keyword in ("msgctxt", "msgid", "msgstr"):
			key = keyword
			current[key] = unquote(rest)
		elif line.startswith('"') and key:
			current[key] += unquote(line)
	entries.pop("", None)  # the header
	return entries


def po_header(path: Path) -> str:
	text = path.read_text(encoding="utf-8")
	match = re.search(r'msgid ""\nmsgstr ""\n((?:".*"\n)+)', text)
	return "".join(json.loads(line) for line in match.group(1).splitlines()) if match else ""


# --- extracting as Frappe does -----------------------------------------------------------------------


def source_files(pattern: str) -> list[Path]:
	return sorted(p for p in APP.glob(pattern) if "node_modules" not in p.parts)


def doctype_messages(data: dict):
	yield data["name"]
	if data.get("description"):
		yield data["description"]
	for field in data.get("fields", []):
		if field.get("label"):
			yield field["label"]
		if field.get("description"):
			yield field["description"]
		options = field.get("options")
		if (
			options
			and field["fieldtype"] == "Select"
			and field.get("fieldname") not in EXCLUDE_SELECT_OPTIONS
		):
			choices = [o for o in options.split("\n") if o and not o.isdigit()]
			if choices and "icon" not in choices[0]:
				yield from choices
		elif options and field["fieldtype"] == "HTML":
			yield options
	for link in data.get("links", []):
		yield from (value for value in (link.get("group"), link.get("link_doctype")) if value)
	yield from (perm["role"] for perm in data.get("permissions", []) if "role" in perm)


def workspace_messages(data: dict):
	yield data["label"]
	yield from (chart.get("label") for chart in data.get("charts", []))
	yield from (card.get("label") for card in data.get("number_cards", []))
	for link in data.get("links", []):
		yield link.get("label")
		yield link.get("description")
	for shortcut in data.get("shortcuts", []):
		yield shortcut.get("label")
		yield shortcut.get("format")
	for block in json.loads(data.get("content") or "[]"):
		if block.get("type") in ("header", "paragraph"):
			yield block.get("data", {}).get("text")


def json_messages(path: Path):
	data = json.loads(path.read_text())
	if not isinstance(data, dict):
		return
	kind = path.parent.parent.name
	if kind == "doctype":
		yield from doctype_messages(data)
	elif kind == "workspace" and data.get("doctype") == "Workspace":
		yield from workspace_messages(data)
	elif kind == "report" and data.get("doctype") == "Report":
		yield data.get("report_name")
	elif kind == "onboarding_step" and data.get("doctype") == "Onboarding Step":
		keys = ("title", "action_label", "description", "report_description")
		yield from (data.get(key) for key in keys)
	elif kind == "module_onboarding" and data.get("doctype") == "Module Onboarding":
		yield from (data.get(key) for key in ("title", "subtitle", "success_message"))


def python_messages(path: Path):
	for node in ast.walk(ast.parse(path.read_text())):
		if isinstance(node, ast.Call) and getattr(node.func, "id", None) in PY_MARKERS and node.args:
			first = node.args[0]
			if isinstance(first, ast.Constant) and isinstance(first.value, str):
				yield first.value


def js_messages(code: str):
	for call in JS_CALL.finditer(code):
		literal = JS_LITERAL_MESSAGE.match(code, call.end())
		if literal:
			parts = re.findall(JS_STRING, literal.group(0))
			yield "".join(js_unquote(part) for part in parts)


def js_unquote(literal: str) -> str:
	if literal[0] == "`":
		return literal[1:-1]
	if literal[0] == '"':
		return json.loads(literal)
	return json.loads('"' + literal[1:-1].replace("\\'", "'").replace('"', '\\"') + '"')


def jinja_messages(code: str):
	yield from (message for _line, _func, message, _comments in extract_jinja(code, ""))
	# Frappe also reads `_("...")` with a regular expression, for JS microtemplates
	yield from (m.group(2) for m in re.finditer(r"""_\(\s*(["'])((?:(?!\1).)+)\1\s*[,)]""", code))


def app_extractor_messages():
	extractors = {
		"extract_fixtures": extract_fixtures,
		"extract_record": extract_record,
		"extract_modules": extract_modules,
	}
	for line in (ROOT / "babel_extractors.csv").read_text().splitlines():
		pattern, method = line.split(",")
		extract = extractors[method.rsplit(".", 1)[1]]
		for path in source_files(pattern.removeprefix("**/")) + source_files(pattern):
			with path.open("rb") as fileobj:
				yield from (message for _line, _f, message, _c in extract(fileobj, ("_",), [], {}))


def extracted() -> set[str]:
	messages = set()
	for path in source_files("**/*.json"):
		if path.parent.parent.name in (
			"doctype",
			"workspace",
			"report",
			"onboarding_step",
			"module_onboarding",
		):
			messages.update(json_messages(path))
	for path in source_files("**/*.py"):
		if path.name != "hooks.py":
			messages.update(python_messages(path))
	for path in source_files("**/*.js"):
		code = path.read_text()
		messages.update(jinja_messages(code) if "templates" in path.parts else js_messages(code))
	for path in source_files("**/*.html"):
		messages.update(jinja_messages(path.read_text()))
	messages.update(app_extractor_messages())
	return {m for m in messages if isinstance(m, str) and m.strip()}


@pytest.fixture(scope="module")
def catalogue() -> dict[str, str]:
	return read_po(LOCALE / "main.pot")


@pytest.fixture(scope="module")
def german() -> dict[str, str]:
	return read_po(LOCALE / "de.po")


# --- the catalogue ---------------------------------------------------------------------------------


def test_the_catalogue_holds_every_string_the_sources_show(catalogue):
	missing = sorted(extracted() - set(catalogue))
	assert not missing, (
		f"{len(missing)} strings are not in main.pot (run bench generate-pot-file): {missing[:20]}"
	)


def test_the_catalogue_holds_no_string_the_sources_dropped(catalogue):
	stale = sorted(set(catalogue) - extracted())
	assert not stale, f"main.pot holds strings no source has: {stale[:20]}"


def test_every_string_has_a_german_translation(catalogue, german):
	untranslated = sorted(msgid for msgid in catalogue if not german.get(msgid, "").strip())
	assert not untranslated, f"{len(untranslated)} strings have no German translation: {untranslated[:20]}"
	assert set(german) == set(catalogue), sorted(set(german) ^ set(catalogue))[:20]


def test_translations_keep_the_placeholders(german):
	"""A translation fills in the same values: {0} or {name} (with its format) all kept, none invented."""
	wrong = {
		msgid: msgstr
		for msgid, msgstr in german.items()
		if sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(msgstr))
	}
	assert not wrong, wrong


def test_translations_keep_the_markup(german):
	tag = re.compile(r"</?\w+")
	wrong = {
		msgid: msgstr
		for msgid, msgstr in german.items()
		if sorted(tag.findall(msgid)) != sorted(tag.findall(msgstr))
	}
	assert not wrong, wrong


def test_the_german_catalogue_is_in_frappes_format():
	header = po_header(LOCALE / "de.po")
	assert "Language: de\n" in header
	assert "Content-Type: text/plain; charset=utf-8\n" in header
	assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in header


def test_key_terms_are_translated_consistently(german):
	"""One German term for each of the AIMS's key terms, as a German auditor expects to read them."""
	terms = {
		"AI System": "KI-System",
		"Risk Acceptance": "Risikoakzeptanz",
		"Nonconformity": "Nichtkonformität",
		"Management Review": "Managementbewertung",
		"Statement of Applicability": "Erklärung zur Anwendbarkeit",
	}
	assert {term: german[term] for term in terms} == terms


# --- nothing escapes the extractor -----------------------------------------------------------------


def python_sources() -> list[Path]:
	return [p for p in source_files("**/*.py") if p != TRANSLATING_MODULE]


def test_python_translates_literals_only():
	"""`_()` (and the markers `_lt`, `N_`) take a literal: an f-string, a concatenation or a variable can
	not be extracted. Values (labels, options, rule messages) go through aims_app/translation.py."""
	built = [
		f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)[:90]}"
		for path in python_sources()
		for node in ast.walk(ast.parse(path.read_text()))
		if isinstance(node, ast.Call)
		and getattr(node.func, "id", None) in PY_MARKERS
		and not (node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str))
	]
	assert not built, built


def test_message_templates_are_marked():
	"""A rule's Message takes its template from `_()` (or a table of marked strings), never a bare literal,
	so that the extractor finds it."""
	bare = [
		f"{path.relative_to(ROOT)}:{node.lineno}"
		for path in python_sources()
		for node in ast.walk(ast.parse(path.read_text()))
		if isinstance(node, ast.Call)
		and getattr(node.func, "id", None) == "Message"
		and node.args
		and isinstance(node.args[0], ast.Constant | ast.JoinedStr | ast.BinOp)
	]
	assert not bare, bare


def js_first_argument(code: str, start: int) -> str:
	depth, i = 0, start
	while i < len(code):
		char = code[i]
		if char in "([{":
			depth += 1
		elif char in ")]}":
			if depth == 0:
				break
			depth -= 1
		elif char == "," and depth == 0:
			break
		elif char in "\"'`":
			match = re.compile(JS_STRING).match(code, i)
			i = match.end() if match else i + 1
			continue
		i += 1
	return code[start:i].strip()


def test_javascript_never_translates_a_built_string():
	"""`__()` takes a literal, or a stored value to show translated (`__(doc.status)`); never a template
	literal with ${}, nor a concatenation with a variable part."""
	built = []
	for path in source_files("**/*.js") + source_files("**/*.html"):
		code = path.read_text()
		for call in JS_CALL.finditer(code):
			argument = js_first_argument(code, call.end())
			literal = JS_LITERAL_MESSAGE.fullmatch(argument)
			value = re.fullmatch(r"[\w.$]+(\[[^\]\"'`]*\])?(\s*\|\|\s*(" + JS_STRING + "))?", argument)
			if not (literal or value):
				built.append(f"{path.relative_to(ROOT)}: __({argument[:80]}")
	assert not built, built
