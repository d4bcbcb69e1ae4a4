"""What Frappe v16 refuses or has renamed, kept out of the app's files (the design's "Frappe v15 and v16"): the
version differences live in aims_app/compat.py, and the test base class in aims_app/tests/__init__.py.

Each check reads the files as text or syntax trees, without Frappe, and names the file and line it objects to:
- SQL functions written as strings among the fields of get_list / get_all / get_value (v16: "SQL functions are
  not allowed as strings in SELECT"): compat.count_all, frappe.qb or the dict form instead;
- filters of five elements ([doctype, field, operator, value, False]) in Python and in the number cards',
  charts' and workspace shortcuts' stored filters (v16 takes two to four);
- the desk's path written by hand (/app on v15, /desk on v16): compat.desk_path / form_path in Python,
  frappe.utils.get_form_link or frappe.set_route in scripts, DESK (e2e/desk.js) in the browser checks;
- a Notification with a condition and no condition_type (v16 evaluates the condition only when it is "Python");
- the test names v16 deprecates: frappe.flags.in_test (compat.in_test), FrappeTestCase outside the one base,
  test_ignore and test_dependencies (compat.ignored_test_records).
"""

import ast
import json
import re
from pathlib import Path

import pytest

from tests.conftest import APP, ROOT

COMPAT = APP / "compat.py"
TEST_BASE = APP / "tests" / "__init__.py"
E2E_DESK = ROOT / "e2e" / "desk.js"
THIS = Path(__file__).resolve()

# What Frappe's list filters take as an operator (frappe.model.db_query, frappe.database.query)
OPERATORS = {
	"=",
	"!=",
	"<",
	">",
	"<=",
	">=",
	"in",
	"not in",
	"like",
	"not like",
	"is",
	"between",
	"timespan",
	"descendants of",
	"not descendants of",
	"ancestors of",
	"not ancestors of",
	"descendants of (inclusive)",
}
SQL_FUNCTION = re.compile(r"\b[a-z_]+\s*\(", re.I)
# "/app" as the start of a path: not part of a longer word or path ("apps/", "/home/x/app/...")
DESK_PATH = re.compile(r"(?<![\w./-])/app(?=$|[/?#\"'`])")
# the position of the fields argument when it is given positionally
FIELDS_POSITION = {"get_list": 1, "get_all": 1, "get_value": 2, "get_values": 2}
FIELDS_KEYWORDS = {"fields", "fieldname"}


def python_files(*roots: Path) -> list[Path]:
	return sorted(p for root in roots for p in root.rglob("*.py") if "node_modules" not in p.parts)


def app_python() -> list[Path]:
	return python_files(APP, ROOT / "tests")


def tree(path: Path) -> ast.Module:
	return ast.parse(path.read_text(), filename=str(path))


def label(path: Path) -> str:
	return path.relative_to(ROOT).as_posix()


def string_parts(node: ast.AST) -> list[str]:
	"""The literal text of a string constant or of an f-string's fixed parts."""
	if isinstance(node, ast.Constant) and isinstance(node.value, str):
		return [node.value]
	if isinstance(node, ast.JoinedStr):
		return [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
	return []


def docstrings(module: ast.Module) -> set[int]:
	"""The ids of the docstring nodes (prose, where a path may be mentioned)."""
	found = set()
	for node in ast.walk(module):
		if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
			body = node.body
			if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
				found.add(id(body[0].value))
	return found


# SQL functions among the fields ---------------------------------------------------------------------------


def sql_function_fields(module: ast.Module, name_of_file: str) -> list[str]:
	found = []
	for node in ast.walk(module):
		if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
			continue
		name = node.func.attr
		if name not in FIELDS_POSITION:
			continue
		given = [k.value for k in node.keywords if k.arg in FIELDS_KEYWORDS]
		if len(node.args) > FIELDS_POSITION[name]:
			given.append(node.args[FIELDS_POSITION[name]])
		for value in given:
			items = value.elts if isinstance(value, ast.List | ast.Tuple | ast.Set) else [value]
			for item in items:
				if any(SQL_FUNCTION.search(text) for text in string_parts(item)):
					found.append(f"{name_of_file}:{item.lineno} {name}: {ast.unparse(item)}")
	return found


def test_no_sql_function_is_written_as_a_string_among_the_fields():
	found = [
		line
		for path in app_python()
		if path not in (COMPAT, THIS)
		for line in sql_function_fields(tree(path), label(path))
	]
	assert found == [], "use aims_app.compat.count_all, frappe.qb or {'COUNT': '*'}:\n" + "\n".join(found)


# Filters of five elements ---------------------------------------------------------------------------------


def is_five_element_filter(node: ast.AST) -> bool:
	return (
		isinstance(node, ast.List | ast.Tuple)
		and len(node.elts) == 5
		and isinstance(node.elts[2], ast.Constant)
		and node.elts[2].value in OPERATORS
	)


def test_no_filter_in_python_has_five_elements():
	found = [
		f"{label(path)}:{node.lineno} {ast.unparse(node)}"
		for path in app_python()
		if path != THIS
		for node in ast.walk(tree(path))
		if is_five_element_filter(node)
	]
	assert found == [], "filters take 2 to 4 elements on Frappe v16:\n" + "\n".join(found)


def stored_filters(path: Path) -> list[tuple[str, list]]:
	"""The filters a number card, chart or workspace shortcut stores, as (where, rows)."""
	found = []

	def walk(value, trail):
		if isinstance(value, dict):
			for key, inner in value.items():
				if isinstance(inner, str) and ("filter" in key) and inner.strip().startswith("["):
					found.append((f"{trail}.{key}", json.loads(inner)))
				else:
					walk(inner, f"{trail}.{key}")
		elif isinstance(value, list):
			for index, inner in enumerate(value):
				walk(inner, f"{trail}[{index}]")

	walk(json.loads(path.read_text()), label(path))
	return found


def json_with_filters() -> list[Path]:
	kinds = ("number_card", "dashboard_chart", "workspace", "notification", "report")
	return sorted(p for kind in kinds for p in APP.glob(f"*/{kind}/*/*.json"))


def test_the_stored_filters_are_found():
	paths = {p.parent.parent.name for p in json_with_filters() if stored_filters(p)}
	assert {"number_card", "dashboard_chart", "workspace"} <= paths


def test_no_stored_filter_has_five_elements():
	found = [
		f"{trail}: {row}"
		for path in json_with_filters()
		for trail, rows in stored_filters(path)
		for row in rows
		if isinstance(row, list) and len(row) == 5
	]
	assert found == [], "filters take 2 to 4 elements on Frappe v16:\n" + "\n".join(found)


# The desk's path ------------------------------------------------------------------------------------------


def desk_paths_in_python(module: ast.Module, name_of_file: str) -> list[str]:
	prose = docstrings(module)
	return [
		f"{name_of_file}:{node.lineno} {text!r}"
		for node in ast.walk(module)
		if id(node) not in prose
		for text in string_parts(node)
		if DESK_PATH.search(text)
	]


def desk_paths_in_text(path: Path) -> list[str]:
	return [
		f"{label(path)}:{number} {line.strip()}"
		for number, line in enumerate(path.read_text().splitlines(), 1)
		if DESK_PATH.search(line)
	]


def test_the_desk_path_is_written_only_in_the_compat_module():
	found = [
		line
		for path in app_python()
		if path not in (COMPAT, THIS)
		for line in desk_paths_in_python(tree(path), label(path))
	]
	for pattern in ("*.js", "*.html", "*.json"):
		found += [line for path in sorted(APP.rglob(pattern)) for line in desk_paths_in_text(path)]
	# the browser checks take the desk's path from E2E_DESK (AIMS_DESK, which scripts/test sets)
	found += [
		line
		for path in sorted((ROOT / "e2e").rglob("*.js"))
		if "node_modules" not in path.parts and path != E2E_DESK
		for line in desk_paths_in_text(path)
	]
	assert found == [], (
		"/app is /desk on Frappe v16: aims_app.compat.desk_path or form_path in Python, "
		"frappe.utils.get_form_link or frappe.set_route in scripts:\n" + "\n".join(found)
	)


# Notifications ---------------------------------------------------------------------------------------------


def notifications() -> list[Path]:
	return sorted(APP.glob("*/notification/*/*.json"))


def test_every_notification_with_a_condition_says_it_is_python():
	assert len(notifications()) >= 9
	found = [
		label(path)
		for path in notifications()
		if (n := json.loads(path.read_text())).get("condition") and n.get("condition_type") != "Python"
	]
	assert found == [], 'v16 evaluates a condition only with "condition_type": "Python":\n' + "\n".join(found)


# Deprecated test names -------------------------------------------------------------------------------------


def deprecated_names(module: ast.Module, name_of_file: str, base: bool = False) -> list[str]:
	"""`base`: the one test base, which may name FrappeTestCase (v15's name for IntegrationTestCase)."""
	found = []
	for node in ast.walk(module):
		line = f"{name_of_file}:{getattr(node, 'lineno', '?')}"
		if isinstance(node, ast.Attribute) and ast.unparse(node).endswith("flags.in_test"):
			found.append(f"{line} {ast.unparse(node)}: aims_app.compat.in_test()")
		if not base and (
			(isinstance(node, ast.Name) and node.id == "FrappeTestCase")
			or (isinstance(node, ast.alias) and node.name.split(".")[-1] == "FrappeTestCase")
			or (isinstance(node, ast.Attribute) and node.attr == "FrappeTestCase")
		):
			found.append(f"{line} FrappeTestCase: aims_app.tests.AimsTestCase")
		if isinstance(node, ast.Name) and node.id in ("test_ignore", "test_dependencies"):
			found.append(f"{line} {node.id}: aims_app.compat.ignored_test_records")
	return found


def test_no_deprecated_test_name_is_used():
	found = [
		line
		for path in app_python()
		if path not in (COMPAT, THIS)
		for line in deprecated_names(tree(path), label(path), base=path == TEST_BASE)
	]
	assert found == [], "\n".join(found)


# Each check sees what it looks for -------------------------------------------------------------------------


@pytest.mark.parametrize(
	"source",
	[
		'frappe.get_list("AI Risk", fields=["status", "count(*) as risks"], group_by="status")',
		'frappe.get_all("AI Risk", ["max(modified) as last"])',
		'frappe.db.get_value("AI Risk", {}, "count(name)")',
		'frappe.get_list("AI Risk", fields=[f"sum({field}) as total"])',
	],
)
def test_the_fields_check_sees_a_sql_function(source):
	assert sql_function_fields(ast.parse(source), "example.py")


def test_the_fields_check_lets_a_field_or_the_dict_form_be():
	source = 'frappe.get_list("AI Risk", fields=["name", "title", {"COUNT": "*", "as": "n"}, count_all("n")])'
	assert sql_function_fields(ast.parse(source), "example.py") == []


def test_the_filter_check_sees_five_elements():
	assert is_five_element_filter(ast.parse('["AI Risk", "status", "=", "Open", False]', mode="eval").body)
	assert not is_five_element_filter(ast.parse('["AI Risk", "status", "=", "Open"]', mode="eval").body)
	assert not is_five_element_filter(ast.parse("[1, 2, 3, 4, 5]", mode="eval").body)


def test_the_desk_path_check_sees_a_route():
	assert desk_paths_in_python(ast.parse('url = f"/app/{slug}/new"'), "example.py")
	assert desk_paths_in_python(ast.parse('def f():\n\t"""Opens /app/aims."""'), "example.py") == []
	assert DESK_PATH.search('href="/app/ai-risk/RISK-1"') and DESK_PATH.search("/app")
	assert not DESK_PATH.search("/home/frappe/frappe-bench/apps/frappe/app/x")
	assert not DESK_PATH.search("frappe.router.slug('app')")


@pytest.mark.parametrize(
	"source",
	[
		"now = frappe.flags.in_test",
		"if frappe.local.flags.in_test: pass",
		"from frappe.tests.utils import FrappeTestCase",
		"class T(frappe.tests.utils.FrappeTestCase): pass",
		'test_ignore = ["Company"]',
		'test_dependencies = ["Company"]',
	],
)
def test_the_test_name_check_sees_a_deprecated_name(source):
	assert deprecated_names(ast.parse(source), "example.py")
