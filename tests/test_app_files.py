"""Hooks, workspace and patches name things that exist."""

import ast
import json
import re

from aims_app import hooks
from aims_app.roles import AIMS_ROLES
from tests.conftest import APP, ROOT, report_json_paths


def defined_functions(module_path) -> set[str]:
	tree = ast.parse(module_path.read_text())
	return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


def dotted_paths(value) -> list[str]:
	"""Every "aims_app.x.y" string anywhere in a hook value."""
	if isinstance(value, str):
		return [value] if value.startswith("aims_app.") else []
	if isinstance(value, dict):
		return [p for v in value.values() for p in dotted_paths(v)]
	if isinstance(value, list | tuple):
		return [p for v in value for p in dotted_paths(v)]
	return []


def test_each_hook_is_set_once():
	"""Frappe reads a hook's last assignment: a second `jinja = ...` would silently drop the first's methods."""
	tree = ast.parse((APP / "hooks.py").read_text())
	names = [
		t.id
		for node in tree.body
		if isinstance(node, ast.Assign)
		for t in node.targets
		if isinstance(t, ast.Name)
	]
	assert sorted(names) == sorted(set(names)), sorted({n for n in names if names.count(n) > 1})


def test_every_function_named_in_hooks_exists():
	paths = [p for name in dir(hooks) if not name.startswith("_") for p in dotted_paths(getattr(hooks, name))]
	assert paths
	for path in paths:
		module, function = path.rsplit(".", 1)
		file = APP.parent / (module.replace(".", "/") + ".py")
		assert function in defined_functions(file), path


def test_erpnext_is_not_required():
	assert "erpnext" not in hooks.required_apps


def test_workspace_offers_controls_and_clauses_lists(doctypes, reports):
	workspace = json.loads((APP / "ai_governance" / "workspace" / "aims" / "aims.json").read_text())
	assert workspace["name"] == "AIMS" and workspace["public"] == 1
	shortcuts = {s["label"]: s for s in workspace["shortcuts"]}
	assert {"Annex A Controls", "ISO 42001 Clauses"} <= shortcuts.keys()
	blocks = json.loads(workspace["content"])
	placed = {b["data"].get("shortcut_name") for b in blocks if b["type"] == "shortcut"}
	assert placed == set(shortcuts)
	for shortcut in shortcuts.values():
		if shortcut["type"] == "Report":
			assert shortcut["link_to"] in reports
			continue
		fieldnames = {f["fieldname"] for f in doctypes[shortcut["link_to"]]["fields"]}
		for condition in json.loads(shortcut.get("stats_filter") or "[]"):
			assert condition[1] in fieldnames
	for link in workspace["links"]:
		if link["type"] == "Link":
			assert link["link_to"] in (reports if link["link_type"] == "Report" else doctypes)


def test_patches_listed_exist():
	lines = (APP / "patches.txt").read_text().splitlines()
	for line in lines:
		line = line.strip()
		if line and not line.startswith(("#", "[")):
			assert (APP.parent / (line.split()[0].replace(".", "/") + ".py")).exists(), line


def test_reports_are_standard_script_reports_open_to_every_aims_role(doctypes):
	for path in report_json_paths():
		report = json.loads(path.read_text())
		assert report["report_type"] == "Script Report" and report["is_standard"] == "Yes"
		assert report["ref_doctype"] in doctypes
		assert {r["role"] for r in report["roles"]} >= set(AIMS_ROLES), report["name"]
		assert path.with_suffix(".py").exists() and path.with_suffix(".js").exists()


def test_permission_matrix_document_is_up_to_date():
	from scripts.build_permission_matrix import OUTPUT, render

	assert OUTPUT.read_text() == render(), "run python scripts/build_permission_matrix.py"


def test_each_workspace_card_counts_the_links_under_it():
	workspace = json.loads((APP / "ai_governance" / "workspace" / "aims" / "aims.json").read_text())
	cards, current = {}, None
	for link in workspace["links"]:
		if link["type"] == "Card Break":
			current = link["label"]
			cards[current] = (link["link_count"], 0)
		else:
			cards[current] = (cards[current][0], cards[current][1] + 1)
	assert all(declared == found for declared, found in cards.values()), cards


def test_readme_and_docs_link_only_inside_the_repository():
	"""A clone has README.md and docs/ but not the workplace around it: every link resolves in the repository."""
	for path in (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))):
		text = path.read_text()
		assert "../shared" not in text, path.name
		for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
			if target.startswith(("http://", "https://", "mailto:")):
				continue
			assert (path.parent / target).resolve().is_relative_to(ROOT), (path.name, target)
			assert (path.parent / target).exists(), (path.name, target)
