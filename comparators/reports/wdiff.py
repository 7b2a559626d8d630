"""Word differences in wdiff's notation: `[-removed-]` and `{+added+}`.

Shared by the text and Markdown reports. Differences are cut into words carrying
their markers, so a caller can wrap lines between any two words; with colour the
markers stay (they survive monochrome and copy-paste) and gain red/green and a style.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from comparators.reports.walk import Ops

_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*\n\s*")

# Removed: red, struck through; added: green, underlined.
_COLOR = {-1: ("\x1b[31;9m", "\x1b[0m"), 1: ("\x1b[32;4m", "\x1b[0m")}
_MARKERS = {-1: ("[-", "-]"), 0: ("", ""), 1: ("{+", "+}")}
_CHUNK = re.compile(r"\s+|\S+")


def cells(text: str) -> int:
    """Columns `text` takes in a terminal: wide East Asian characters take two."""
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


@dataclass(frozen=True, slots=True)
class Word:
    text: str  # what is written, escape sequences included
    width: int  # how many columns it takes


def wdiff_paragraphs(
    ops: Ops, *, color: bool = False, escape: Callable[[str], str] = str
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
                opening, closing = _MARKERS[op]
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
