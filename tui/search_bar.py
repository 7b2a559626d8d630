"""The `/` prompt at the bottom of the screen, as in less and vim."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    BINDINGS = [Binding("escape", "cancel", "Cancel search", id="search_cancel")]

    class Search(Message):
        """Search for `term` (empty: the prompt was cancelled)."""

        def __init__(self, term: str) -> None:
            super().__init__()
            self.term = term

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="search all text; enter to find, escape to cancel", id=id)

    def open(self) -> None:
        self.value = ""
        self.display = True
        self.focus()

    def _close(self, term: str) -> None:
        self.display = False
        self.post_message(self.Search(term))

    async def action_submit(self) -> None:
        self._close(self.value.strip())

    def action_cancel(self) -> None:
        self._close("")
