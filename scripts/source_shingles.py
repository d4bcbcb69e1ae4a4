#!/usr/bin/env python3
"""Hashes of every run of eight words of a source text, for the eight-word rule (tests/eight_words.py).

    python scripts/source_shingles.py SOURCE.txt [...] >> tests/data/catalogue_source_runs.txt

Prints one hash a line, sorted and without repeats; the source text is read, never written anywhere.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.eight_words import run_hashes


def main():
	hashes = set()
	for path in sys.argv[1:]:
		hashes |= set(run_hashes(Path(path).read_text(encoding="utf-8")))
	print("\n".join(sorted(hashes)))


if __name__ == "__main__":
	main()
