"""Suppliers that are likely one and the same (no Frappe import): "Palantir" and "Palantir Technologies", or
"Acme, Inc." and "ACME Inc", which an inventory written by many people names in more than one way. Two names
match when they agree once case, accents, punctuation and the words that only say what kind of company it
is are left out."""

import re
import unicodedata
from collections.abc import Iterable

# Words that say what kind of company a name belongs to, not which one.
COMPANY_WORDS = frozenset(
	{
		"ag",
		"bv",
		"co",
		"company",
		"corp",
		"corporation",
		"gmbh",
		"group",
		"holding",
		"holdings",
		"inc",
		"incorporated",
		"limited",
		"llc",
		"llp",
		"lp",
		"ltd",
		"nv",
		"plc",
		"sa",
		"sas",
		"se",
		"services",
		"solutions",
		"technologies",
		"technology",
		"the",
	}
)
WORD = re.compile(r"[^\W_]+")


def match_key(name: str | None) -> str:
	"""The name as compared: lower case, without accents, punctuation and company words ("" when nothing
	but those is left)."""
	plain = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().casefold()
	plain = plain.replace(".", "")  # "S.A." is "sa", "A.I." is "ai"
	return " ".join(word for word in WORD.findall(plain) if word not in COMPANY_WORDS)


def likely_duplicate(name: str, others: Iterable[str]) -> str | None:
	"""The first of `others` that is likely the same supplier as `name`, or None."""
	key = match_key(name)
	if not key:
		return None
	return next((other for other in others if other != name and match_key(other) == key), None)
