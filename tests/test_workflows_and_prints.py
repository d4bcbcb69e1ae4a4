"""Workflows and print formats ship consistent with the doctypes and roles they name."""

import json
import re

import jinja2
import pytest

from aims_app import hooks
from aims_app.roles import AIMS_ROLES
from aims_app.workflows import WORKFLOW_ACTIONS, WORKFLOW_DOCTYPES, WORKFLOW_STATES
from tests.conftest import APP, load_fixture


def test_fixture_files_hold_exactly_the_named_workflows_states_and_actions():
	assert {w["document_type"] for w in load_fixture("workflow.json")} == set(WORKFLOW_DOCTYPES)
	assert {s["name"] for s in load_fixture("workflow_state.json")} == set(WORKFLOW_STATES)
	assert {a["name"] for a in load_fixture("workflow_action_master.json")} == set(WORKFLOW_ACTIONS)
	assert {f["dt"] for f in hooks.fixtures} >= {"Workflow", "Workflow State", "Workflow Action Master"}


@pytest.mark.parametrize("workflow", load_fixture("workflow.json"), ids=lambda w: w["name"])
def test_workflow_names_only_shipped_states_actions_and_roles(workflow, doctypes):
	roles = set(AIMS_ROLES)
	states = {s["state"] for s in workflow["states"]}
	assert states <= set(WORKFLOW_STATES)
	assert {s["allow_edit"] for s in workflow["states"]} <= roles
	for transition in workflow["transitions"]:
		assert {transition["state"], transition["next_state"]} <= states
		assert transition["action"] in WORKFLOW_ACTIONS
		assert transition["allowed"] in roles
	doctype = doctypes[workflow["document_type"]]
	state_field = {f["fieldname"]: f for f in doctype["fields"]}[workflow["workflow_state_field"]]
	assert state_field["options"] == "Workflow State"
	assert state_field.get("allow_on_submit") or not doctype.get("is_submittable")


def print_formats() -> list[dict]:
	return [json.loads(p.read_text()) for p in APP.glob("*/print_format/*/*.json") if p.parent.name == p.stem]


# Output that cannot carry markup a user typed: numbers, dates, translated labels and option values.
SAFE_OUTPUT = re.compile(
	r"^(_\(|frappe\.utils\.format|(doc|row)\.\w*(count|version)\b|row\.(risk|evidence)_count\b)"
)


@pytest.mark.parametrize("print_format", print_formats(), ids=lambda p: p["name"])
def test_print_formats_compile_and_escape_what_users_typed(print_format, doctypes):
	assert print_format["doc_type"] in doctypes and print_format["standard"] == "Yes"
	jinja2.Environment().parse(print_format["html"])
	for expression in re.findall(r"{{\s*(.*?)\s*}}", print_format["html"], flags=re.S):
		if re.search(r"\b(doc|row)\.", expression) and not SAFE_OUTPUT.match(expression):
			assert expression.rstrip().endswith("| e"), (
				f"{print_format['name']}: {{{{ {expression} }}}} is not escaped"
			)


def test_every_print_format_carries_the_letter_head_document_control_and_page_footer():
	"""Issue 15: the shared head (letter head or organisation name, document-control block) and foot ("page n
	of m" in wkhtmltopdf's footer) are in one template that every print format imports."""
	shared = (APP / "templates" / "print" / "aims_document.html").read_text()
	jinja2.Environment().parse(shared)
	assert 'id="footer-html"' in shared and 'class="page"' in shared and 'class="topage"' in shared
	for field in (
		"document",
		"version",
		"status",
		"approved_by",
		"approved_on",
		"next_review",
		"classification",
	):
		assert f"control.{field}" in shared, field
	assert "page-break-inside: avoid" in shared and "table-header-group" in shared
	assert "word-break: break-word" not in shared, "a word breaks only when it alone is wider than its column"
	for print_format in print_formats():
		html = print_format["html"]
		assert html.startswith('{%- from "aims_app/templates/print/aims_document.html" import'), print_format[
			"name"
		]
		assert "document_head(doc," in html and "document_foot(doc)" in html, print_format["name"]
		# wkhtmltopdf splits a row across pages unless each cell's content is a block that avoids breaks
		cells = re.split(r"<td[^>]*>", html)[1:]
		assert all(cell.startswith("<div>") for cell in cells), print_format["name"]
	assert {p["doc_type"] for p in print_formats()} >= {
		"AIMS Scope",
		"AI Policy",
		"Statement of Applicability",
		"AI Impact Assessment",
		"AIMS Audit",
		"Management Review",
	}


def test_printing_a_record_opens_the_apps_own_format(doctypes):
	"""Print on a record of a doctype the app ships a format for opens one of them, not Frappe's Standard one
	(AI System: the technical documentation; its GPAI model documentation is chosen in the print view)."""
	formats: dict[str, set[str]] = {}
	for print_format in print_formats():
		formats.setdefault(print_format["doc_type"], set()).add(print_format["name"])
	for doctype, names in formats.items():
		assert doctypes[doctype].get("default_print_format") in names, doctype
	assert doctypes["AI System"]["default_print_format"] == "AI System Technical Documentation"
