"""Every doctype is well formed, sits in a declared module, and links only to doctypes that exist."""

import ast
import json

import pytest

from aims_app.roles import AIMS_ROLES
from tests.conftest import APP, doctype_json_paths

PATHS = doctype_json_paths()
LINK_TYPES = {"Link", "Table", "Table MultiSelect"}
# Names a field must not take: Document and Meta attributes it would shadow (a field "process" breaks Meta).
SHADOWING_FIELDNAMES = {
	"process",
	"meta",
	"flags",
	"doctype",
	"save",
	"insert",
	"submit",
	"cancel",
	"delete",
	"validate",
	"reload",
	"get",
	"set",
	"append",
	"update",
	"run_method",
	"db_set",
	"as_dict",
	"parent_doc",
	"permissions",
}


def scrub(name: str) -> str:
	return name.lower().replace(" ", "_").replace("-", "_")


def test_there_are_doctypes():
	assert len(PATHS) >= 3


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_doctype_json_is_consistent(path, modules):
	doc = json.loads(path.read_text())
	assert doc["doctype"] == "DocType"
	assert doc["module"] in modules
	assert path.parent.parent.parent.name == scrub(doc["module"]), "folder is not the doctype's module"
	assert path.stem == scrub(doc["name"])
	fieldnames = [f["fieldname"] for f in doc["fields"]]
	assert len(fieldnames) == len(set(fieldnames)), "duplicate fieldnames"
	assert not SHADOWING_FIELDNAMES & set(fieldnames), "a fieldname shadows a Document or Meta attribute"
	assert doc["field_order"] == fieldnames
	if doc.get("title_field"):
		assert doc["title_field"] in fieldnames
	for f in doc["fields"]:
		if f["fieldtype"] == "Select" and f.get("default"):
			assert f["default"] in f["options"].split("\n"), f["fieldname"]
		if f.get("fetch_from"):
			link_field = f["fetch_from"].split(".")[0]
			assert link_field in fieldnames, f["fieldname"]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_links_point_at_existing_doctypes(path, doctypes, frappe_doctypes):
	doc = json.loads(path.read_text())
	for f in doc["fields"]:
		if f["fieldtype"] in LINK_TYPES:
			assert f.get("options") in doctypes.keys() | frappe_doctypes, f"{doc['name']}.{f['fieldname']}"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_permissions_name_known_roles(path):
	doc = json.loads(path.read_text())
	if doc.get("istable"):
		return
	roles = {p["role"] for p in doc["permissions"]}
	assert roles, "no permissions: nobody could open it"
	assert roles <= set(AIMS_ROLES) | {"System Manager", "All", "Administrator"}


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_controller_is_typed_and_named_after_the_doctype(path):
	doc = json.loads(path.read_text())
	controller = path.with_suffix(".py")
	source = controller.read_text()
	tree = ast.parse(source)
	classes = [node.name for node in tree.body if isinstance(node, ast.ClassDef)]
	assert doc["name"].replace(" ", "").replace("-", "") in classes
	assert "# begin: auto-generated types" in source and "# end: auto-generated types" in source
	for f in doc["fields"]:
		if f["fieldtype"] not in {"Section Break", "Column Break", "Tab Break", "HTML", "Button"}:
			assert f"\t\t{f['fieldname']}: DF." in source, f"{f['fieldname']} missing from the typed block"


def test_library_is_read_only_for_all_but_system_manager(doctypes):
	for name in ("Compliance Framework", "Framework Requirement", "Requirement Mapping"):
		for perm in doctypes[name]["permissions"]:
			writes = any(perm.get(k) for k in ("write", "create", "delete", "submit", "cancel", "amend"))
			assert not writes or perm["role"] == "System Manager", f"{name}: {perm['role']} may write"
		readers = {p["role"] for p in doctypes[name]["permissions"] if p.get("read")}
		assert set(AIMS_ROLES) <= readers, f"{name}: not every AIMS role can read it"


def test_every_module_has_a_folder(modules):
	for module in modules:
		assert (APP / scrub(module) / "__init__.py").exists(), module
