"""Translating where messages are shown: the one place where `_()` takes a value rather than a literal.

Every value translated here is in aims_app/locale/main.pot by another route: a Message's template is a
literal marked where the rule builds it, a label or Select option is extracted from its DocType's JSON,
and a workflow state from the fixtures. tests/test_translations.py holds the rest of the app to `_()`
with literals.
"""

from frappe import _

from aims_app.messages import Message


def text(message: Message) -> str:
	"""A rule's message in the user's language, its parameters filled in."""
	return message.render(_)


def label(meta, fieldname: str) -> str:
	"""A field's label in the user's language (`meta` of a DocType or a document)."""
	return _(meta.get_label(fieldname))


def labels(meta, fieldnames) -> str:
	return ", ".join(label(meta, fieldname) for fieldname in fieldnames)


def value(stored: str | None) -> str:
	"""A stored Select option, status, workflow state or DocType name, as the desk shows it."""
	return _(stored) if stored else ""
