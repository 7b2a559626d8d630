"""Every message the reader's widgets and screen send up, each a small dataclass.

Attributes go down (the screen sets a widget's state); these come up: the screen
handles them as `on_<name>` (e.g. `on_cursor_moved`).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from comparators import Comparison
from tui.views.lookup import Lookup


@dataclass
class ComparisonReady(Message):
    """The comparison finished (in the background, or was given ready)."""

    comparison: Comparison
    lookup: Lookup


@dataclass
class ComparisonProgressed(Message):
    """The background comparison reached `stage`, with `done` (0 to 1) of the work behind it."""

    stage: str
    done: float

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ComparisonProgressed)


@dataclass
class ComparisonFailed(Message):
    """The comparison stopped with `error`; the reader explains it on screen."""

    error: Exception


@dataclass
class CursorMoved(Message):
    """The aligned view's selected group (and quote, in the quotes view) changed."""

    group: int | None
    quote: int | None

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, CursorMoved)  # only the latest position matters


@dataclass
class SearchRequested(Message):
    """Search for `term` (empty: the prompt was cancelled)."""

    term: str


@dataclass
class ToggleRequested(Message):
    """The sources pane asks to hide or show `source_id`."""

    source_id: str
