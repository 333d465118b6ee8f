"""gettext's "fuzzy" flag, kept as a test: each Korean string was reviewed against one English text.

decayviz/catalog/reviewed.json maps every catalog key to a fingerprint of the English it was
reviewed against. Editing an English string (or adding a pair) makes its key stale until someone
has read the Korean beside the new English and accepted it:

    python -m decayviz.catalog_review            # lists the stale keys, English and Korean
    python -m decayviz.catalog_review --accept KEY [KEY ...]
    python -m decayviz.catalog_review --accept-all   # only after reading every listed pair
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from decayviz.i18n import STRINGS

REVIEWED = Path(__file__).resolve().parent / "catalog" / "reviewed.json"


def fingerprint(english: str) -> str:
    return hashlib.sha256(english.encode()).hexdigest()[:12]


def reviewed() -> dict[str, str]:
    return json.loads(REVIEWED.read_text()) if REVIEWED.exists() else {}


def stale(strings: dict[str, tuple[str, str]] = STRINGS) -> list[str]:
    """The keys whose English changed (or appeared) since their Korean was last reviewed."""
    marks = reviewed()
    return sorted(key for key, (english, _) in strings.items() if marks.get(key) != fingerprint(english))


def accept(keys: list[str]) -> None:
    """Mark these keys' Korean as reviewed against their English as it is now; forget dead keys."""
    marks = {key: mark for key, mark in reviewed().items() if key in STRINGS}
    for key in keys:
        marks[key] = fingerprint(STRINGS[key][0])
    REVIEWED.write_text(json.dumps(dict(sorted(marks.items())), indent=0, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accept", nargs="+", metavar="KEY", default=[], help="mark these as reviewed")
    parser.add_argument("--accept-all", action="store_true", help="mark every stale key as reviewed")
    args = parser.parse_args()
    unknown = [key for key in args.accept if key not in STRINGS]
    if unknown:
        parser.error(f"not in the catalog: {', '.join(unknown)}")
    if args.accept or args.accept_all:
        accept(stale() if args.accept_all else args.accept)
    for key in stale():
        english, korean = STRINGS[key]
        print(f"{key}\n  en: {english}\n  ko: {korean}\n")
    print(f"{len(stale())} stale of {len(STRINGS)}")


if __name__ == "__main__":
    main()
