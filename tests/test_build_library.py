"""The shipped library data is exactly what scripts/build_library.py makes from the reference and guidance."""

import importlib.util

from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("build_library", ROOT / "scripts" / "build_library.py")
build_library = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_library)


def test_library_data_is_up_to_date():
	"""Fails, never skips, when the reference facts are missing: an unchecked library is not an up-to-date one."""
	reference = build_library.DEFAULT_REFERENCE
	assert reference.is_dir(), f"cannot check the library: the reference facts are not at {reference}"
	built = build_library.build(reference)
	shipped = {path.name: path.read_bytes() for path in build_library.DATA.iterdir()}
	assert sorted(shipped) == sorted(built)
	for filename, content in built.items():
		assert shipped[filename] == content, f"{filename} is stale: run scripts/build_library.py"
