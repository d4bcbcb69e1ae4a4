"""Our guidance covers the whole of ISO/IEC 42001 and is written in our words, not the standard's."""

import re

import pytest
import yaml

from tests.conftest import APP

GUIDANCE = yaml.safe_load((APP / "aims_library" / "library" / "iso42001_guidance.yaml").read_text())
# Requirement language of ISO management system standards; guidance that uses it is likely quoting.
NORMATIVE = re.compile(r"\b(shall|should consider|the organization shall)\b", re.IGNORECASE)


def test_guidance_covers_every_iso42001_entry(requirements):
	ids = {
		r["requirement_id"]
		for r in requirements
		if r["framework"] == "ISO-42001" and r["requirement_kind"] not in ("Annex", "Section")
	}
	assert set(GUIDANCE) == ids


@pytest.mark.parametrize("requirement_id", sorted(GUIDANCE))
def test_guidance_is_ours(requirement_id):
	entry = GUIDANCE[requirement_id]
	assert isinstance(entry["guidance"], str) and 40 <= len(entry["guidance"]) <= 600
	assert not NORMATIVE.search(entry["guidance"]), "reads like requirement text"
	assert isinstance(entry["evidence"], list) and len(entry["evidence"]) >= 2
	assert all(isinstance(item, str) and item.strip() for item in entry["evidence"])
	assert not any(NORMATIVE.search(item) for item in entry["evidence"])


def test_fixtures_carry_the_guidance(requirements):
	for r in requirements:
		if r["framework"] == "ISO-42001" and r["requirement_id"] in GUIDANCE:
			assert r["guidance"] == " ".join(GUIDANCE[r["requirement_id"]]["guidance"].split())
			assert r["evidence_expected"].count("\n- ") + 1 == len(GUIDANCE[r["requirement_id"]]["evidence"])
