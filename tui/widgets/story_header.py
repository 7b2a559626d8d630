"""The header: the story's title and a one-line coverage summary."""

from __future__ import annotations

from rich.text import Text
from textual.visual import VisualType, visualize
from textual.widgets import Static

from tui.views.render import clean


class StoryHeader(Static):
    def show(self, title: str, summary: list[str]) -> None:
        """`summary` parts are joined with dots; screens add parts, e.g. review progress."""
        text = Text(clean(title), style="bold", end="")
        if summary:
            text.append("  ")
            text.append(" · ".join(summary), style="dim")
        # The whole screen is laid out again only when the header is not already as tall
        # as the new text: a new pivot or review mark changes its words, rarely its lines.
        self.update(text, layout=self._lines(text) != self.content_size.height)

    def _lines(self, content: VisualType) -> int | None:
        """Lines `content` takes at the current width (None before the first layout)."""
        width = self.content_size.width
        if not self.is_mounted or not width:
            return None
        return visualize(self, content).get_height(self.styles, width)
