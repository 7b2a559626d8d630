"""A long renderable that does not change while shown (the help), drawn with the Line API.

It is rendered once per width, then each repaint only cuts the rows on screen, where a
`Static` in a `VerticalScroll` renders it twice per layout (once to measure its height,
once to draw it): a help of tables costs about 40 ms a layout that way.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.segment import Segment
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


class RenderedLines(ScrollView, can_focus=True):
    """Scrolls vertically through `renderable`, wrapped to the width it is given."""

    DEFAULT_CSS = """
    RenderedLines {
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

    def __init__(self, renderable: RenderableType, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.renderable = renderable
        self._rendered: dict[int, list[list[Segment]]] = {}  # the lines at each width laid out
        self._lines: list[list[Segment]] = []

    def update(self, renderable: RenderableType) -> None:
        """Show another renderable (rendered at the next layout)."""
        self.renderable = renderable
        self._rendered.clear()
        self._fit()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        """Render at the width inside the border and padding, less the vertical scrollbar
        when the lines are more than fit (as a scrolling container lays out its content)."""
        width, height = self.content_size  # inside the border and padding, scrollbars included
        if width <= 0:
            return
        lines = self._lines_at(width)
        if len(lines) > height and self.styles.overflow_y == "auto":
            width = max(1, width - self.styles.scrollbar_size_vertical)
            lines = self._lines_at(width)
        self._lines = lines
        self.virtual_size = Size(width, len(lines))

    def _lines_at(self, width: int) -> list[list[Segment]]:
        if width not in self._rendered:
            self._rendered[width] = self._render(width)
        return self._rendered[width]

    def _render(self, width: int) -> list[list[Segment]]:
        console = self.app.console
        options = self.app.console_options.update(highlight=False, width=width, height=None)
        segments = console.render(self.renderable, options)
        return list(Segment.split_and_crop_lines(segments, width, include_new_lines=False, pad=False))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = self.scroll_offset.y + y  # rounded, as Textual refreshes: int() froze a row short after a smooth scroll
        style = self.rich_style
        if not 0 <= row < len(self._lines):
            return Strip.blank(width, style)
        return Strip(Segment.apply_style(self._lines[row], style)).extend_cell_length(width, style)
