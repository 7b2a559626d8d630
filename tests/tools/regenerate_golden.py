"""Rewrite the report golden files from the seed story (`make golden`).

Run it deliberately after a change that is meant to alter reports, then read
`git diff tests/golden` before committing: the golden files are what the tests hold
every report to, byte for byte.
"""

from __future__ import annotations

import sys
from pathlib import Path

from comparators import compare, default_story_path, load_story
from comparators.reports import FORMATS, SUFFIXES, render_report

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def main() -> int:
    comparison = compare(load_story([default_story_path()]))
    GOLDEN.mkdir(exist_ok=True)
    for format in FORMATS:
        path = GOLDEN / f"seeds{SUFFIXES[format]}"
        text = render_report(comparison, format)
        changed = not path.exists() or path.read_text(encoding="utf-8") != text
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"{'updated' if changed else 'same   '} {path.relative_to(GOLDEN.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
