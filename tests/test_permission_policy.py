"""docs/permissions.md and the shipped workflows against the policy written by hand in
aims_app/tests/policy.py (the same table the integration suite tries on the live server): a right granted by
mistake in a doctype's JSON, or a workflow action given to the wrong role, fails here before any site runs."""

import importlib.util
import json

import pytest

from tests.conftest import APP, FIXTURES, ROOT


def load_policy():
	spec = importlib.util.spec_from_file_location("aims_permission_policy", APP / "tests" / "policy.py")
	module = importlib.util.module_from_spec(spec)
	spec.loader.exec_module(module)
	return module


policy = load_policy()


def documented_rows() -> tuple[list[str], dict[str, dict[str, str]]]:
	"""The roles of docs/permissions.md's header and, per doctype, each column's cell."""
	lines = [
		line for line in (ROOT / "docs" / "permissions.md").read_text().splitlines() if line.startswith("|")
	]
	split = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
	header, rows = split[0], split[2:]
	return header, {row[1]: dict(zip(header, row, strict=True)) for row in rows}


HEADER, DOCUMENTED = documented_rows()


def test_the_document_covers_exactly_the_doctypes_of_the_policy():
	assert set(DOCUMENTED) == set(policy.RIGHTS)


@pytest.mark.parametrize("doctype", sorted(policy.RIGHTS))
def test_documented_rights_are_the_policy(doctype):
	row = DOCUMENTED[doctype]
	for role in policy.AIMS_ROLES:
		assert row[role] == policy.documented_letters(doctype, role), f"{role} on {doctype}"


@pytest.mark.parametrize("doctype", sorted(policy.RIGHTS))
def test_a_record_level_rule_is_documented_where_the_policy_has_one(doctype):
	assert bool(DOCUMENTED[doctype]["Record-level rule"]) == (doctype in policy.OWN_RULES)


def transitions() -> dict[tuple[str, str], dict[str, set[str]]]:
	"""(doctype, state) -> action -> the roles the workflow fixture lets take it."""
	found = {}
	for workflow in json.loads((FIXTURES / "workflow.json").read_text()):
		for state in workflow["states"]:
			found[(workflow["document_type"], state["state"])] = {}
		for t in workflow["transitions"]:
			actions = found[(workflow["document_type"], t["state"])]
			actions.setdefault(t["action"], set()).add(t["allowed"])
	return found


def test_workflow_actions_are_given_to_the_roles_of_the_policy():
	expected = {
		key: {action: set(takers) for action, takers in actions.items()}
		for key, actions in policy.WORKFLOW_POLICY.items()
	}
	assert transitions() == expected


def test_approvals_on_ones_own_draft_are_refused_where_the_policy_says_so():
	for workflow in json.loads((FIXTURES / "workflow.json").read_text()):
		for t in workflow["transitions"]:
			own_refused = (workflow["document_type"], t["action"]) in policy.NOT_ON_OWN_DRAFT
			assert bool(t.get("allow_self_approval")) is not own_refused, (workflow["name"], t["action"])


def whitelisted_in_the_sources() -> set[str]:
	"""Every function and document method of the app decorated with `frappe.whitelist`, as a dotted path."""
	import ast

	found = set()

	def whitelisted(node) -> bool:
		return any(
			"frappe.whitelist"
			in ast.unparse(decorator.func if isinstance(decorator, ast.Call) else decorator)
			for decorator in node.decorator_list
		)

	for path in sorted(APP.rglob("*.py")):
		relative = path.relative_to(ROOT)
		if relative.parts[1] == "tests" or path.name.startswith("test_"):
			continue
		module = ".".join(relative.with_suffix("").parts)
		for node in ast.parse(path.read_text()).body:
			if isinstance(node, ast.FunctionDef) and whitelisted(node):
				found.add(f"{module}.{node.name}")
			elif isinstance(node, ast.ClassDef):
				found.update(
					f"{module}.{node.name}.{item.name}"
					for item in node.body
					if isinstance(item, ast.FunctionDef) and whitelisted(item)
				)
	return found


def test_every_whitelisted_method_has_a_row_in_the_policy():
	"""The integration test (aims_app/tests/test_whitelisted_methods_http.py) finds them at run time and calls
	each as every caller; this fails first, without a site."""
	found = whitelisted_in_the_sources()
	assert len(found) > 20
	assert sorted(found - set(policy.METHODS)) == [], "write who may call them in METHODS (policy.py)"
	assert sorted(set(policy.METHODS) - found) == [], "no longer whitelisted: take them out of METHODS"


@pytest.mark.parametrize("method", sorted(policy.METHODS))
def test_a_method_needs_rights_of_the_policy_roles_or_the_key(method):
	needs = policy.METHODS[method]
	if needs in (policy.KEY_HOLDER, policy.LINK_HOLDER):
		return
	if isinstance(needs, frozenset):
		assert needs <= {*policy.AIMS_ROLES, *policy.UNRESTRICTED}
		return
	for letter, doctype in needs:
		assert letter in policy.LETTERS
		assert doctype in policy.RIGHTS or doctype in (policy.ASKED, "Supplier"), doctype
	assert not policy.may_call(method, (), asked="AI System"), "a user without an AIMS role is refused"
