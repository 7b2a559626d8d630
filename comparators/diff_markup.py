"""How a word diff is written, per output: the one home of the markers.

Plain text and the terminal use wdiff's `[-removed-]{+added+}` (it survives monochrome
and copy-paste); Markdown uses `~~removed~~` / `**added**`, which GitHub and document
tools render as strike-through and bold instead of printing the brackets; HTML uses
`<del>` / `<ins>` (the caller escapes the text first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DiffMarkers:
    removed: tuple[str, str]  # opening and closing marker of words only in the reference
    added: tuple[str, str]  # of words only in the other version
    legend: str  # one line saying what the markers mean

    def around(self, op: int, text: str) -> str:
        """`text` inside the markers of a word-diff op (-1 removed, 1 added, 0 as is)."""
        opening, closing = self.edges(op)
        return opening + text + closing

    def edges(self, op: int) -> tuple[str, str]:
        return self.removed if op < 0 else self.added if op > 0 else ("", "")


WDIFF = DiffMarkers(("[-", "-]"), ("{+", "+}"), "[-removed-] {+added+}")
MARKDOWN = DiffMarkers(
    ("~~", "~~"),
    ("**", "**"),
    "Word differences: ~~struck~~ words are only in the first outlet named, **bold** ones only in the outlet shown.",
)
HTML = DiffMarkers(
    ("<del>", "</del>"),
    ("<ins>", "</ins>"),
    "Struck words are only in the first outlet named, underlined ones only in the outlet shown.",
)

# A character that can begin one of WDIFF's markers and the backslashes after it, with
# (looked ahead at, so that both pairs of "[-]" are seen) the character that can end one.
_WDIFF_PAIR = re.compile(r"([\[{+-])(\\*)(?=[\]}+-])")
_WDIFF_PAIRS = {"[-", "-]", "{+", "+}"}


def escape_wdiff(text: str) -> str:
    r"""`text` with each `[-`, `-]`, `{+` and `+}` of its own written with a backslash
    between its two characters (`[\-`), so that only WDIFF's markers read as markers.
    Backslashes already standing between them are doubled (`[\-` becomes `[\\\-`), so
    the article's own text can always be read back."""

    def escaped(match: re.Match[str]) -> str:
        first, slashes = match[1], match[2]
        if first + text[match.end()] not in _WDIFF_PAIRS:
            return match[0]
        return first + slashes * 2 + "\\"

    return _WDIFF_PAIR.sub(escaped, text)
