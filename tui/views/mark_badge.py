"""How a review mark looks in the reader: symbols, so it survives a monochrome terminal."""

from __future__ import annotations

from comparators.model import Mark

REVIEWED, FLAGGED, NOTE = "✓", "⚑", "✎"


def mark_badge(mark: Mark | None, fixed: bool = False) -> str:
    """'✓⚑✎' for a reviewed, flagged group with a note ('' when unmarked); with
    `fixed`, always three cells, a space for each mark not set, so columns line up."""
    if mark is None:
        mark = Mark()
    cells = [(REVIEWED, mark.reviewed), (FLAGGED, mark.flagged), (NOTE, bool(mark.note))]
    if fixed:
        return "".join(symbol if on else " " for symbol, on in cells)
    return "".join(symbol for symbol, on in cells if on)
