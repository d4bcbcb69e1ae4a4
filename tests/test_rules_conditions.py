"""Which `depends_on` expressions read only fields of the record (their result can be reused for records with the
same values) and which read or do more (evaluated for every record)."""

import pytest

from aims_app.conditions import fields_read


@pytest.mark.parametrize(
	("expression", "fields"),
	[
		("doc.origin=='Third party'", ("origin",)),
		("doc.publish_on_transparency_page", ("publish_on_transparency_page",)),
		("doc.b and not doc.a", ("a", "b")),
		("doc.status in ('Open', 'Late') or doc.score > -1", ("score", "status")),
		("doc.owner_left is not None", ("owner_left",)),
	],
)
def test_an_expression_of_fields_and_constants_reads_those_fields(expression, fields):
	assert fields_read(expression) == fields


@pytest.mark.parametrize(
	"expression",
	[
		"doc",  # the whole record
		"len(doc.models)",  # a call
		"frappe.session.user == doc.owner",  # another name
		"doc.models[0]",  # a subscript
		"doc.supplier.name",  # an attribute of a field
		"doc.__class__",  # a private attribute
		"(x := doc.a)",  # an assignment
		"doc.a ==",  # no expression at all: safe_eval gives the error
	],
)
def test_an_expression_that_reads_or_does_more_is_not_reused(expression):
	assert fields_read(expression) is None
