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
        # A layout of the whole screen only when the header's height changes: a new
        # pivot or review mark changes its words, rarely its number of lines.
        before = self._height()
        self.update(text, layout=False)
        if before is None or self._height() != before:
            self.refresh(layout=True)

    def _height(self) -> int | None:
        """Lines the content takes at the current width (None before the first layout)."""
        width = self.content_size.width
        if not self.is_mounted or not width:
            return None
        return self.get_content_height(self.container_size, self.app.size, width)
