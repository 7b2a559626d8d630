"""The `/` prompt at the bottom of the screen, as in less and vim."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Static

from tui.messages import SearchRequested


class SearchBar(Horizontal):
    BINDINGS = [Binding("escape", "cancel", "Cancel search", id="search_cancel")]

    def compose(self) -> ComposeResult:
        yield Static("/", id="search-prompt")
        yield Input(placeholder="search all text; enter finds, escape cancels")

    def open(self) -> None:
        field = self.query_one(Input)
        field.value = ""
        self.display = True
        field.focus()

    def _close(self, term: str) -> None:
        self.display = False
        self.post_message(SearchRequested(term))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._close(event.value.strip())

    def action_cancel(self) -> None:
        self._close("")
