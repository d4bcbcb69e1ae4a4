"""Shared fixtures of the static suite: the app's files, read without Frappe."""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "aims_app"
# Roles and workflows, as `bench export-fixtures` writes them; Frappe imports them on install and migrate.
FIXTURES = APP / "fixtures"


def doctype_json_paths() -> list[Path]:
	return sorted(p for p in APP.glob("*/doctype/*/*.json") if p.parent.name == p.stem)


@pytest.fixture(scope="session")
def doctypes() -> dict[str, dict]:
	return {d["name"]: d for d in (json.loads(p.read_text()) for p in doctype_json_paths())}


def report_json_paths() -> list[Path]:
	return sorted(p for p in APP.glob("*/report/*/*.json") if p.parent.name == p.stem)


@pytest.fixture(scope="session")
def reports() -> dict[str, dict]:
	return {r["name"]: r for r in (json.loads(p.read_text()) for p in report_json_paths())}


@pytest.fixture(scope="session")
def modules() -> list[str]:
	return [line.strip() for line in (APP / "modules.txt").read_text().splitlines() if line.strip()]


@pytest.fixture(scope="session")
def frappe_doctypes() -> set[str]:
	lines = (ROOT / "tests" / "data" / "frappe_doctypes.txt").read_text().splitlines()
	return {line for line in lines if line and not line.startswith("#")}


def load_fixture(name: str) -> list[dict]:
	return json.loads((FIXTURES / name).read_text())


def shipped_library():
	from aims_app.aims_library.library_data import load_library

	return load_library()


@pytest.fixture(scope="session")
def requirements() -> list[dict]:
	return [r for f in shipped_library().frameworks for r in f.requirements]


@pytest.fixture(scope="session")
def mappings() -> list[dict]:
	return [m for f in shipped_library().frameworks for m in f.mappings]


@pytest.fixture(scope="session")
def frameworks() -> list[dict]:
	return [f.record for f in shipped_library().frameworks]


def english(messages) -> list[str]:
	"""Rule messages as an English reader sees them (the templates filled in, untranslated)."""
	return [str(message) for message in messages]
