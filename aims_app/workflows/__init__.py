"""The Frappe Workflows aims_app ships as fixtures, as `bench export-fixtures` writes them
(aims_app/fixtures/workflow*.json), which Frappe imports on install and migrate.

The names below are read from those files, so the file is the one place a workflow is written down.
States and actions are shared masters: an uninstall removes our workflows but leaves these names, as
Frappe leaves its own.
"""

import json
from pathlib import Path

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _fixture(name: str) -> list[dict]:
	return json.loads((FIXTURES / f"{name}.json").read_text())


WORKFLOW_DOCTYPES = tuple(workflow["document_type"] for workflow in _fixture("workflow"))
WORKFLOW_STATES = tuple(state["name"] for state in _fixture("workflow_state"))
WORKFLOW_ACTIONS = tuple(action["name"] for action in _fixture("workflow_action_master"))
