"""The committed fixtures are exactly what scripts/build_library.py makes from the reference and guidance."""

import importlib.util
import json

import pytest

from tests.conftest import FIXTURES, ROOT

spec = importlib.util.spec_from_file_location("build_library", ROOT / "scripts" / "build_library.py")
build_library = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_library)


@pytest.mark.skipif(
	not build_library.DEFAULT_REFERENCE.exists(), reason="shared/reference is not beside this checkout"
)
def test_fixtures_are_up_to_date():
	for filename, records in build_library.build(build_library.DEFAULT_REFERENCE).items():
		committed = json.loads((FIXTURES / filename).read_text())
		assert committed == json.loads(json.dumps(records)), (
			f"{filename} is stale: run scripts/build_library.py"
		)
