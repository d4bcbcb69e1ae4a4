"""Markup in names, with no Frappe import. A name (an AI system's, a risk's title, a supplier's) is shown in many
places the app does not render itself: the desk's titles and links, Frappe's page titles and breadcrumbs, the
options of a web form's select. It is refused when it holds markup, so that no such place ever receives it.

What counts as markup is what a browser would read as the start of a tag, an end tag, a comment or a declaration:
"<" followed by a letter, "/", "!" or "?". A "<" followed by anything else ("score < 0.5", "<= 3", "< 10 ms") is
text, and so are "&" and quotes ("R&D chatbot", 'The "Smart" Bot'). Character references that decode to markup
("&lt;script&gt;", "&#60;img") count as markup too: Frappe decodes them again where it strips tags from a title.
"""

import html
import re

from aims_app.messages import Message, _

TAG_START = re.compile(r"<[A-Za-z/!?]")
# How much of the markup the message quotes.
QUOTED = 24
# Each decoding shortens the text, so this is only a bound on hostile nesting ("&amp;amp;lt;...").
MAX_DECODINGS = 8


def markup_in(text: str | None) -> str | None:
	"""The markup a name holds, as a browser would read it (decoded), cut to a quotable length; None when the
	text is plain."""
	if not text or not isinstance(text, str) or ("<" not in text and "&" not in text):
		return None
	for _decoding in range(MAX_DECODINGS):
		found = TAG_START.search(text)
		if found:
			snippet = text[found.start() : found.start() + QUOTED]
			return snippet + ("…" if len(text) > found.start() + QUOTED else "")
		decoded = html.unescape(text)
		if decoded == text:
			return None
		text = decoded
	return text[:QUOTED]


def markup_refused(field: str, found: str) -> Message:
	"""Why a name is refused: the field's label and the markup found (both escaped by the caller where the
	message is shown as HTML)."""
	return Message(
		_(
			'{field} must be plain text: "{found}" would be read as HTML markup. Remove the tag; a "<" '
			'followed by a space or a number, as in "score < 0.5", is fine.'
		),
		{"field": field, "found": found},
	)
