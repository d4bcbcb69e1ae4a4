"""Plain text in a Text Editor field (no Frappe import). Text that comes in as plain text (an inventory file, a
spreadsheet, the REST API) would lose its line breaks in the editor, which shows HTML, and a "<" in it would
read as the start of a tag. It is stored as the HTML that shows it as written, and an export gives the plain
text back."""

import html
import re

# Text given for a Text Editor field is HTML when it holds one of the tags its editor writes; otherwise it is plain
# text, kept with its line breaks and its "<" as typed (editor_html).
EDITOR_TAG = re.compile(
	r"</?(p|div|br|span|ul|ol|li|b|i|u|s|strong|em|a|h[1-6]|blockquote|pre|code|table|tr|td|th|img|hr)\b",
	re.IGNORECASE,
)


def editor_html(value: str | None) -> str | None:
	"""The value as a Text Editor keeps it: HTML as it is, plain text as `plain_html`."""
	if not value or EDITOR_TAG.search(value):
		return value
	return plain_html(value)


def plain_html(text: str) -> str:
	"""Plain text as a Text Editor keeps it: each paragraph (split at blank lines) a <p>, each line break a <br>,
	every character shown as typed (escaped), so that the desk shows the text as it was written."""
	return "".join(f"<p>{line_breaks(paragraph)}</p>" for paragraph in re.split(r"\n\s*\n", text))


def line_breaks(paragraph: str) -> str:
	return "<br>".join(html.escape(line, quote=False) for line in paragraph.split("\n"))


def html_plain(value: str) -> str | None:
	"""The plain text a Text Editor value was made from by `plain_html`; None for any other HTML."""
	if not value.startswith("<p>") or not value.endswith("</p>"):
		return None
	text = "\n\n".join(
		html.unescape(paragraph.replace("<br>", "\n")) for paragraph in value[3:-4].split("</p><p>")
	)
	return text if plain_html(text) == value else None
