"""What people outside the desk send in (issue 15): markup shown as typed, the flood limit, questionnaire keys
and the limits on suppliers' documents."""

import re

import pytest

from aims_app.ai_systems.portal.rules import (
	CONCERN_FIELD_LIMITS,
	DEFAULT_SUPPLIER_QUESTIONS,
	allowed_types,
	client_address,
	document_problem,
	key_digest,
	neutralise_markup,
	new_key,
	over_the_limit,
	overlong_field,
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


def test_an_overlong_field_is_named_and_text_within_the_limits_passes():
	limits = {"subject": 140, "what_happened": 10_000}
	assert overlong_field({"subject": "s" * 140, "what_happened": "w" * 10_000}, limits) is None
	assert overlong_field({"subject": "s" * 141}, limits) == "subject"
	assert overlong_field({"subject": "ok", "what_happened": "w" * 1_000_000}, limits) == "what_happened"
	assert overlong_field({}, limits) is None


def test_every_field_of_the_public_concern_form_has_a_limit():
	assert set(CONCERN_FIELD_LIMITS) == {
		"subject",
		"reported_system",
		"what_happened",
		"contact_name",
		"contact_email",
	}
	assert all(0 < limit <= 10_000 for limit in CONCERN_FIELD_LIMITS.values())


@pytest.mark.parametrize(
	("remote", "forwarded", "proxies", "expected"),
	[
		# no proxy: the header is the sender's own words and is ignored
		("203.0.113.9", "198.51.100.1", 0, "203.0.113.9"),
		("203.0.113.9", None, 0, "203.0.113.9"),
		# one proxy that appends what it saw: whatever the sender put before it does not count
		("10.0.0.2", "198.51.100.1, 203.0.113.9", 1, "203.0.113.9"),
		("10.0.0.2", "203.0.113.9", 1, "203.0.113.9"),
		# two proxies (a load balancer, then nginx)
		("127.0.0.1", "198.51.100.1, 203.0.113.9, 10.0.0.5", 2, "203.0.113.9"),
		# fewer hops than proxies configured: the first one there is
		("127.0.0.1", "203.0.113.9", 3, "203.0.113.9"),
		# a proxy configured but no header: the connection's address
		("10.0.0.2", "", 1, "10.0.0.2"),
		(None, None, 0, "local"),
	],
)
def test_the_client_address_trusts_only_the_configured_proxies(remote, forwarded, proxies, expected):
	assert client_address(remote, forwarded, proxies) == expected
