"""Names hold no markup (aims_app/markup_rules.py): what counts as markup, and every doctype whose records people
name by typing is checked on save (aims_app/controllers/aims_document.py)."""

import pytest

from aims_app.markup_rules import markup_in, markup_refused
from tests.conftest import APP

# Written by people who type markup on purpose: a browser would read each as a tag, comment or declaration.
MARKUP = [
	'<img src=x onerror="window.__xss=1">',
	"<script>window.__xss=1</script>",
	'"><svg onload=alert(1)>',
	"Chatbot </title><script>alert(1)</script>",
	"<!-- hidden -->",
	"<!DOCTYPE html>",
	"<?xml version='1.0'?>",
	"<b>Bold</b> name",
	"&lt;img src=x onerror=alert(1)&gt;",
	"&#60;script&#62;",
	"&#x3C;svg onload=alert(1)&#x3E;",
	"&amp;lt;script&amp;gt;",
	'"<img src=x onerror=alert(1)>"',
]
# Ordinary names: nothing in them starts a tag, decoded or not.
PLAIN = [
	"R&D chatbot",
	"Q&A assistant",
	'The "Smart" Bot',
	"Fraud score < 0.5",
	"Latency <= 200 ms",
	"a<1 and b>2",
	"<3 our customers",
	"Caf\u00e9 & Bar",
	"&amp; co",
	"AT&T; partner model",
	"",
	None,
]


@pytest.mark.parametrize("name", MARKUP)
def test_markup_is_found_and_quoted(name):
	found = markup_in(name)
	assert found and found.startswith("<"), name


@pytest.mark.parametrize("name", PLAIN)
def test_plain_names_pass(name):
	assert markup_in(name) is None


def test_the_quote_is_short_and_the_message_names_the_field():
	found = markup_in("Model " + "<b>" * 40)
	assert len(found) <= 25 and found.endswith("\u2026")
	message = str(markup_refused("System Name", found))
	assert message.startswith('System Name must be plain text: "<b><b>')


def typed_name_fields(doctype: dict) -> set[str]:
	"""What aims_app.validation.name_fields finds in a doctype's metadata, read from its JSON."""
	autoname = doctype.get("autoname") or ""
	names = {
		doctype.get("title_field"),
		autoname.removeprefix("field:") if autoname.startswith("field:") else None,
	}
	fields = {f["fieldname"]: f for f in doctype["fields"]}
	return {
		name
		for name in names
		if name in fields
		and fields[name]["fieldtype"] == "Data"
		and not fields[name].get("fetch_from")
		and not fields[name].get("read_only")
	}


def test_every_doctype_people_name_refuses_markup_on_save(doctypes):
	"""AIMSDocument refuses markup in typed names; only the two doctypes whose names the public writes opt out."""
	public = {"AI Concern", "AI Supplier Response"}
	opted_out = {
		name
		for name, doctype in doctypes.items()
		if not doctype.get("istable") and "refuses_markup_in_names = False" in controller_source(name)
	}
	assert opted_out == public
	assert {name for name, doctype in doctypes.items() if typed_name_fields(doctype)} - public


def controller_source(doctype: str) -> str:
	scrubbed = doctype.lower().replace(" ", "_")
	return next(APP.glob(f"*/doctype/{scrubbed}/{scrubbed}.py")).read_text()


def test_report_rows_show_markup_as_text_and_keep_plain_text_as_typed():
	from aims_app.reports import inert

	class Row(dict):
		pass

	rows = inert(
		[
			Row(title='<img src=x onerror="alert(1)">', note="R&D: score < 0.5", count=3),
			["</td><script>alert(1)</script>", None],
		]
	)
	assert type(rows[0]) is Row
	assert rows[0] == {
		"title": '&lt;img src=x onerror="alert(1)"&gt;',
		"note": "R&D: score < 0.5",
		"count": 3,
	}
	assert rows[1] == ["&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;", None]
	assert inert(rows) == rows  # escaping twice changes nothing
