"""The eight-word rule: a text of ours never repeats eight consecutive words of a source we may not copy.

The source itself is never stored: only the first 12 hex digits of the sha256 of each run of eight words, after
the words are lower-cased and stripped of punctuation (`scripts/source_shingles.py` writes them from a source
file kept outside the repository). A text breaks the rule when any of its own runs of eight words hashes to one
of them; the rare false alarm of a 48-bit prefix is told apart by reading the two texts.
"""

import hashlib
import re
from pathlib import Path

RUN = 8
WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
	return WORD.findall(text.lower())


def run_hash(run: list[str]) -> str:
	return hashlib.sha256(" ".join(run).encode()).hexdigest()[:12]


def run_hashes(text: str, n: int = RUN) -> dict[str, str]:
	"""Each run of `n` words in the text by its hash."""
	found = words(text)
	return {run_hash(found[i : i + n]): " ".join(found[i : i + n]) for i in range(len(found) - n + 1)}


def load_hashes(path: Path) -> set[str]:
	lines = path.read_text(encoding="utf-8").splitlines()
	return {line.split()[0] for line in lines if line.strip() and not line.startswith("#")}


def repeated_runs(text: str, source_hashes: set[str]) -> list[str]:
	"""The runs of eight words of `text` that the source also has."""
	return [run for digest, run in run_hashes(text).items() if digest in source_hashes]
