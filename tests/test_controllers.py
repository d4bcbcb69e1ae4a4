"""Every AIMS doctype's behaviour is in its controller: each parent doctype's controller derives from
AIMSDocument (aims_app/controllers/aims_document.py), whose save rules run after the controller's own, and
hooks.py keeps document events for other apps' doctypes only."""

import ast
import json

import pytest

from aims_app import hooks
from tests.conftest import APP, doctype_json_paths

BASE = "AIMSDocument"
EVENTS = ("before_validate", "validate", "before_save", "before_submit", "before_update_after_submit")
EVENTS += ("before_cancel", "on_update")
MIXINS = {"ApprovedStep": APP / "ai_systems" / "lifecycle" / "approval.py"}


def parent_doctypes() -> list[tuple[str, object]]:
	found = []
	for path in doctype_json_paths():
		doctype = json.loads(path.read_text())
		if not doctype.get("istable"):
			found.append((doctype["name"], path.with_suffix(".py")))
	return found


def controller_class(path) -> ast.ClassDef:
	return next(
		node
		for node in ast.parse(path.read_text()).body
		if isinstance(node, ast.ClassDef)
		and any(ast.unparse(base) in (BASE, "Document", "NestedSet") for base in node.bases)
	)


def calls_base_last(method: ast.FunctionDef) -> bool:
	last = method.body[-1]
	return (
		isinstance(last, ast.Expr)
		and isinstance(last.value, ast.Call)
		and ast.unparse(last.value) == f"super().{method.name}()"
	)


def event_methods(cls: ast.ClassDef) -> list[ast.FunctionDef]:
	return [node for node in cls.body if isinstance(node, ast.FunctionDef) and node.name in EVENTS]


@pytest.mark.parametrize(("doctype", "path"), parent_doctypes(), ids=lambda value: str(value))
def test_each_controller_derives_from_the_base_and_calls_it_last(doctype, path):
	cls = controller_class(path)
	assert BASE in {ast.unparse(base) for base in cls.bases}, (
		f"{doctype}: {cls.name} does not derive from {BASE}"
	)
	for method in event_methods(cls):
		assert calls_base_last(method), f"{doctype}: {method.name} does not end with super().{method.name}()"


@pytest.mark.parametrize("mixin", MIXINS)
def test_mixins_pass_the_events_on(mixin):
	cls = next(
		n
		for n in ast.parse(MIXINS[mixin].read_text()).body
		if isinstance(n, ast.ClassDef) and n.name == mixin
	)
	for method in event_methods(cls):
		assert calls_base_last(method), f"{mixin}.{method.name}"


def test_document_events_are_only_for_other_apps_doctypes():
	ours = {doctype for doctype, _path in parent_doctypes()}
	assert hooks.doc_events, "the Supplier and Training Result hooks are registered"
	assert not ours & set(hooks.doc_events), "an AIMS doctype's behaviour belongs in its controller"
	assert "*" not in hooks.doc_events
