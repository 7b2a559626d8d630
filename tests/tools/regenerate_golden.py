"""Rewrite the report golden files from the hand-made comparison (`make golden`).

The goldens are rendered from `tests/support/fixed_comparison.py`, plain data written by hand,
so only a change to how reports are laid out moves them (an alignment change does not).
Run it deliberately after such a change, then read `git diff tests/golden` before
committing: the golden files are what the tests hold every report to, byte for byte.
"""

from __future__ import annotations

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TESTS / "support"))  # run as a script: the test helpers by hand

from comparators.reports import FORMATS, SUFFIXES, render_report  # noqa: E402
from fixed_comparison import MARKS, fixed_comparison  # noqa: E402

GOLDEN = TESTS / "golden"


def main() -> int:
    comparison = fixed_comparison()
    GOLDEN.mkdir(exist_ok=True)
    for format in FORMATS:
        path = GOLDEN / f"fixed{SUFFIXES[format]}"
        text = render_report(comparison, format, marks=MARKS)
        changed = not path.exists() or path.read_text(encoding="utf-8") != text
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"{'updated' if changed else 'same   '} {path.relative_to(TESTS.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
