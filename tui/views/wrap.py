"""Word wrapping on plain strings, fast enough to measure thousands of passages.

The aligned view needs every group's height to size its virtual canvas but renders only
the visible lines; both use these same break offsets so they always agree.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich.cells import cell_len

_TOKEN = re.compile(r"\n|[^\S\n]+|[^\s]+")


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[tuple[int, int, int], ...]:
    """(start, end, kind) per token: kind 0 word, 1 space, 2 newline."""
    out = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        kind = 2 if token == "\n" else 1 if token.isspace() else 0
        out.append((match.start(), match.end(), kind))
    return tuple(out)


_OTHER_WHITESPACE = re.compile(r"[^\S ]")  # whitespace but the plain space: tabs, newlines...


@lru_cache(maxsize=65536)
def line_breaks(text: str, width: int) -> tuple[tuple[int, int], ...]:
    """(start, end) character offsets of each line of `text` wrapped to `width` cells.

    Spaces at a break are dropped; words longer than a line are cut; newlines force a
    break. An empty text is one empty line.
    """
    width = max(1, width)
    if text.isascii() and not _OTHER_WHITESPACE.search(text):
        return _spaced_ascii_breaks(text, width)
    lines: list[tuple[int, int]] = []
    start = end = 0  # current line [start, end) without trailing spaces
    used = 0
    pending_space = 0  # cells of spaces between `end` and the next word
    fresh = True  # nothing on the current line yet
    ascii_text = text.isascii()
    for tstart, tend, kind in _tokens(text):
        if kind == 2:
            lines.append((start, end))
            start = end = tend
            used = pending_space = 0
            fresh = True
            continue
        if kind == 1:
            if not fresh:
                pending_space += tend - tstart
            continue
        size = tend - tstart if ascii_text else cell_len(text[tstart:tend])
        if not fresh and used + pending_space + size <= width:
            used += pending_space + size
            end = tend
            pending_space = 0
            continue
        if not fresh:
            lines.append((start, end))
        start = tstart
        pending_space = 0
        while size > width:  # a word longer than the line: cut it
            cut = _cut(text, tstart, tend, width, ascii_text)
            lines.append((tstart, cut))
            tstart = start = cut
            size = tend - tstart if ascii_text else cell_len(text[tstart:tend])
        end = tend
        used = size
        fresh = False
    lines.append((start, end))
    return tuple(lines)


def _cut(text: str, start: int, end: int, width: int, ascii_text: bool) -> int:
    if ascii_text:
        return start + width
    used = 0
    for index in range(start, end):
        used += cell_len(text[index])
        if used > width:
            return max(index, start + 1)
    return end


def _spaced_ascii_breaks(text: str, width: int) -> tuple[tuple[int, int], ...]:
    """`line_breaks` of an ASCII text whose only whitespace is the space (what cleaned
    passages are), a line at a time with `str.rfind` rather than a step per word:
    measuring a pair of outlets over 2,000 groups spent most of its time in that loop."""
    n = len(text)
    start = n - len(text.lstrip(" "))  # the first word
    if start == n:
        return ((0, 0),)
    lines = []
    while True:
        limit = start + width  # a line holds text[start:limit] at most
        if limit >= n:  # the rest fits
            lines.append((start, len(text.rstrip(" "))))
            return tuple(lines)
        if text[limit] == " ":  # a word ends at the limit or before
            lines.append((start, start + len(text[start:limit].rstrip(" "))))
            following = limit
        else:  # a word runs over the limit: break before it, or cut it when it fills the line
            space = text.rfind(" ", start, limit)
            if space < 0:
                lines.append((start, limit))
                start = limit
                continue
            lines.append((start, start + len(text[start:space].rstrip(" "))))
            following = space
        while following < n and text[following] == " ":
            following += 1
        if following == n:
            return tuple(lines)
        start = following
