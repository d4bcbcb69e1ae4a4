"""What people outside the desk send in (issue 15): markup shown as typed, the flood limit, questionnaire keys
and the limits on suppliers' documents."""

import re

import pytest

from aims_app.ai_systems.portal.rules import (
	DEFAULT_SUPPLIER_QUESTIONS,
	allowed_types,
	document_problem,
	key_digest,
	neutralise_markup,
	new_key,
	over_the_limit,
)

MB = 1024 * 1024


def test_markup_is_escaped_so_it_shows_as_typed():
	assert neutralise_markup('<script>alert("x")</script>') == '&lt;script&gt;alert("x")&lt;/script&gt;'
	assert neutralise_markup("<b onmouseover=alert(1)>hi</b>") == "&lt;b onmouseover=alert(1)&gt;hi&lt;/b&gt;"


def test_text_without_markup_is_kept_as_typed_and_escaping_twice_changes_nothing():
	for typed in ("Fish & chips, 3 > 2", "scores < 0.5 were rejected", "a <-> b", "1<2"):
		assert neutralise_markup(typed) == typed
	assert neutralise_markup("ok <3 but <b>bold</b>") == "ok &lt;3 but &lt;b&gt;bold&lt;/b&gt;"
	once = neutralise_markup("<i>x</i>")
	assert neutralise_markup(once) == once
	assert neutralise_markup(None) is None


@pytest.mark.parametrize(
	("sent", "limit", "refused"), [(0, 5, False), (4, 5, False), (5, 5, True), (9, 0, False)]
)
def test_the_flood_limit_refuses_the_one_past_it(sent, limit, refused):
	assert over_the_limit(sent, limit) is refused


def test_keys_are_long_random_and_stored_only_as_their_hash():
	keys = {new_key() for _ in range(50)}
	assert len(keys) == 50
	assert all(len(key) >= 43 and re.fullmatch(r"[A-Za-z0-9_\-]+", key) for key in keys)
	key = next(iter(keys))
	assert re.fullmatch(r"[0-9a-f]{64}", key_digest(key)) and key not in key_digest(key)
	assert key_digest(key) == key_digest(key) != key_digest(key + "x")


def test_document_types_come_from_the_setting_in_any_case_and_with_or_without_dots():
	assert allowed_types("pdf, .DOCX,\nPNG") == {"pdf", "docx", "png"}
	assert allowed_types(None) == set()


@pytest.mark.parametrize(
	("filename", "size", "expected"),
	[
		("report.pdf", 2 * MB, None),
		("REPORT.PDF", 10, None),
		("tool.exe", 10, "tool.exe is not a document type we accept. Send one of: docx, pdf."),
		("no-extension", 10, "no-extension is not a document type we accept. Send one of: docx, pdf."),
		("big.pdf", 5 * MB + 1, "big.pdf is larger than 5 MB. Send a smaller file or split it."),
		("empty.docx", 0, "empty.docx is empty."),
	],
)
def test_a_document_of_another_type_too_large_or_empty_is_refused_naming_it(filename, size, expected):
	problem = document_problem(filename, size, {"pdf", "docx"}, 5)
	assert (str(problem) if problem else None) == expected


def test_the_default_questions_cover_what_the_issue_names():
	topics = [str(topic) for topic, _ in DEFAULT_SUPPLIER_QUESTIONS]
	assert topics == ["Data use", "Model provenance", "Security", "Incident notification", "Subcontracting"]
	assert all(question.endswith("?") for _, question in DEFAULT_SUPPLIER_QUESTIONS)
