"""The header: the story's title and a one-line coverage summary."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.views.render import clean


class StoryHeader(Static):
    def show(self, title: str, summary: list[str]) -> None:
        """`summary` parts are joined with dots; screens add parts, e.g. review progress."""
        text = Text(clean(title), style="bold", end="")
        if summary:
            text.append("  ")
            text.append(" · ".join(summary), style="dim")
        self.update(text)
