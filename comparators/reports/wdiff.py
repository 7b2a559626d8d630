"""Word differences cut into words that carry their markers, for the text and Markdown reports.

The markers are the output's (`diff_markup`: wdiff's `[-removed-]{+added+}` in text,
`~~removed~~` / `**added**` in Markdown); a caller can wrap lines between any two words.
With colour the markers stay (they survive monochrome and copy-paste) and gain
red/green and a style.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from comparators.diff_markup import WDIFF, DiffMarkers
from comparators.reports.walk import Ops

_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*\n\s*")

# Removed: red, struck through; added: green, underlined.
_COLOR = {-1: ("\x1b[31;9m", "\x1b[0m"), 1: ("\x1b[32;4m", "\x1b[0m")}
_CHUNK = re.compile(r"\s+|\S+")


def cells(text: str) -> int:
    """Columns `text` takes in a terminal, measured as the reader measures it (Rich's
    `cell_len`: wide East Asian characters take two, combining marks none)."""
    if text.isascii():
        return len(text)
    # Imported here: an ASCII report (most of them) never loads Rich.
    from rich.cells import cell_len

    return cell_len(text)


@dataclass(frozen=True, slots=True)
class Word:
    text: str  # what is written, escape sequences included
    width: int  # how many columns it takes


def wdiff_paragraphs(
    ops: Ops, markers: DiffMarkers = WDIFF, *, color: bool = False, escape: Callable[[str], str] = str
) -> list[list[Word]]:
    """The differences as paragraphs of words, markers attached to the edge words.

    Words are cut at whitespace only, so a change inside a word or next to its
    punctuation stays glued to it: `capital {+Tehran+},`. `escape` is applied to the
    article's text (not to the markers), e.g. to keep Markdown from reading emphasis.
    """
    paragraphs: list[list[Word]] = []
    for paragraph_ops in split_paragraphs(ops):
        words: list[Word] = []
        pieces: list[str] = []  # the word being built, piece by piece
        width = 0
        for op, text in paragraph_ops:
            chunks = _CHUNK.findall(text)
            visible = [i for i, chunk in enumerate(chunks) if not chunk.isspace()]
            for i, chunk in enumerate(chunks):
                if chunk.isspace():
                    if pieces:
                        words.append(Word("".join(pieces), width))
                        pieces, width = [], 0
                    continue
                opening, closing = markers.edges(op)
                shown = (
                    (opening if i == visible[0] else "")
                    + escape(chunk)
                    + (closing if i == visible[-1] else "")
                )
                width += cells(shown)
                if op and color:
                    start, stop = _COLOR[op]
                    shown = start + shown + stop
                pieces.append(shown)
        if pieces:
            words.append(Word("".join(pieces), width))
        paragraphs.append(words)
    return paragraphs


def split_paragraphs(ops: Ops) -> list[list[tuple[int, str]]]:
    """The ops cut at paragraph breaks (blank lines), empty paragraphs left out."""
    paragraphs: list[list[tuple[int, str]]] = [[]]
    for op, text in ops:
        for k, part in enumerate(_PARAGRAPH_BREAK.split(text)):
            if k:
                paragraphs.append([])
            if part:
                paragraphs[-1].append((op, part))
    return [p for p in paragraphs if any(not text.isspace() for _, text in p)]


def wrap(words: list[Word], width: int, indent: str = "", hang: str | None = None) -> list[str]:
    """Greedy wrapping at `width` columns; a word longer than a line gets its own.

    The first line starts with `indent`, the others with `hang` (default: `indent`).
    """
    hang = indent if hang is None else hang
    lines: list[str] = []
    line: list[str] = []
    prefix = indent
    used = len(prefix)
    for word in words:
        if line and used + 1 + word.width > width:
            lines.append(prefix + " ".join(line))
            line, prefix = [], hang
            used = len(prefix)
        used += word.width + (1 if line else 0)
        line.append(word.text)
    if line:
        lines.append(prefix + " ".join(line))
    return lines
