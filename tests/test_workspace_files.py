"""The workspace's number cards, charts, heat map and onboarding name things that exist."""

import ast
import json

import pytest

from tests.conftest import APP

WORKSPACE = APP / "ai_governance" / "workspace" / "aims" / "aims.json"


def standard_docs(folder: str) -> dict[str, dict]:
	docs = (json.loads(p.read_text()) for p in APP.glob(f"*/{folder}/*/*.json") if p.parent.name == p.stem)
	return {doc["name"]: doc for doc in docs}


@pytest.fixture(scope="module")
def workspace() -> dict:
	return json.loads(WORKSPACE.read_text())


def whitelisted_functions(module: str) -> set[str]:
	tree = ast.parse((APP.parent / (module.replace(".", "/") + ".py")).read_text())
	return {
		node.name
		for node in tree.body
		if isinstance(node, ast.FunctionDef)
		and any("whitelist" in ast.unparse(decorator) for decorator in node.decorator_list)
	}


def test_every_card_and_chart_on_the_workspace_is_shipped_and_placed(workspace, modules):
	cards, charts = standard_docs("number_card"), standard_docs("dashboard_chart")
	blocks = [b["data"] for b in json.loads(workspace["content"])]
	# The desk finds the row of a placed block by the row's label, so each label is the name placed.
	for table, key in (
		("number_cards", "number_card_name"),
		("charts", "chart_name"),
		("custom_blocks", "custom_block_name"),
	):
		assert all(row["label"] == row[key] for row in workspace[table]), table
	for row in workspace["number_cards"]:
		card = cards[row["number_card_name"]]
		assert card["is_standard"] and card["module"] in modules
		assert {"number_card_name": card["name"], "col": 3} in blocks
	for row in workspace["charts"]:
		chart = charts[row["chart_name"]]
		assert chart["is_standard"] and chart["module"] in modules
		assert any(b.get("chart_name") == chart["name"] for b in blocks)


def test_card_filters_name_real_fields_and_custom_cards_real_methods(doctypes):
	for card in standard_docs("number_card").values():
		assert card["document_type"] in doctypes, card["name"]  # Frappe shows a card to whoever reads it
		fieldnames = {f["fieldname"] for f in doctypes[card["document_type"]]["fields"]}
		for condition in json.loads(card["filters_json"]):
			assert condition[1] in fieldnames, (card["name"], condition)
		if card["type"] == "Custom":
			module, function = card["method"].rsplit(".", 1)
			assert function in whitelisted_functions(module), card["method"]


def test_group_by_charts_group_on_a_real_field(doctypes):
	for chart in standard_docs("dashboard_chart").values():
		if chart["chart_type"] == "Group By":
			fieldnames = {f["fieldname"] for f in doctypes[chart["document_type"]]["fields"]}
			assert chart["group_by_based_on"] in fieldnames, chart["name"]


def test_heat_map_block_has_its_files_and_is_placed(workspace):
	folder = APP / "ai_governance" / "custom_html_block" / "aims_risk_heat_map"
	for ext in ("html", "js", "css"):
		assert (folder / f"aims_risk_heat_map.{ext}").read_text().strip()
	assert "aims_app.ai_governance.dashboard.risk_heat_map" in (folder / "aims_risk_heat_map.js").read_text()
	assert "risk_heat_map" in whitelisted_functions("aims_app.ai_governance.dashboard")
	placed = [b["data"].get("custom_block_name") for b in json.loads(workspace["content"])]
	assert [row["custom_block_name"] for row in workspace["custom_blocks"]] == ["AIMS Risk Heat Map"]
	assert "AIMS Risk Heat Map" in placed


def test_onboarding_steps_exist_and_open_real_doctypes_and_reports(workspace, doctypes, reports):
	onboarding = standard_docs("module_onboarding")["AIMS"]
	steps = standard_docs("onboarding_step")
	assert [row["step"] for row in onboarding["steps"]] and {
		r["role"] for r in onboarding["allow_roles"]
	} == {"AIMS Manager"}
	for row in onboarding["steps"]:
		step = steps[row["step"]]
		if step["action"] == "View Report":
			assert step["reference_report"] in reports
		else:
			assert step["reference_document"] in doctypes
		if step["action"] == "Update Settings":
			assert doctypes[step["reference_document"]]["issingle"] == step["is_single"] == 1
	assert {"onboarding_name": "AIMS", "col": 12} in [b["data"] for b in json.loads(workspace["content"])]
