"""Pure rules live beside the module that uses them and import nothing of Frappe, so that this suite can
test them without a site. Which files are pure is not listed by hand: it is every aims_app module that
this suite imports, and everything those import from aims_app in turn."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent


def imported_modules(path: Path) -> set[str]:
	modules = set()
	for node in ast.walk(ast.parse(path.read_text())):
		if isinstance(node, ast.Import):
			modules.update(alias.name for alias in node.names)
		elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
			modules.add(node.module)
	return modules


def module_file(module: str) -> Path | None:
	base = ROOT.joinpath(*module.split("."))
	for candidate in (base.with_suffix(".py"), base / "__init__.py"):
		if candidate.exists():
			return candidate
	return None


def app_files_imported_by(paths: list[Path]) -> dict[Path, set[str]]:
	"""Every aims_app file reachable from `paths` through imports, with the modules it imports."""
	seen: dict[Path, set[str]] = {}
	pending = list(paths)
	while pending:
		path = pending.pop()
		modules = imported_modules(path)
		if path.is_relative_to(ROOT / "aims_app"):
			seen[path] = modules
		for module in modules:
			if module.split(".")[0] != "aims_app":
				continue
			parts = module.split(".")
			# `from aims_app.x import y` also runs every package __init__ on the way
			for depth in range(1, len(parts) + 1):
				found = module_file(".".join(parts[:depth]))
				if found and found not in seen and found not in pending:
					pending.append(found)
	return seen


PURE = app_files_imported_by(sorted(TESTS.glob("test_*.py")))


def test_the_pure_rules_are_found():
	names = {path.relative_to(ROOT).as_posix() for path in PURE}
	assert "aims_app/ai_assurance/readiness/rules.py" in names
	assert "aims_app/ai_risk/risk_matrix.py" in names


def test_no_pure_file_imports_frappe():
	offenders = {
		path.relative_to(ROOT).as_posix(): sorted(m for m in modules if m.split(".")[0] == "frappe")
		for path, modules in PURE.items()
	}
	assert {path: found for path, found in offenders.items() if found} == {}
