"""A list of outlets to pick one from, drawn with the Line API.

Only the rows on screen are drawn, and the list is sized from its labels' widths: a
story of 400 outlets opens a chooser as fast as one of five. (Textual's `OptionList`
measures and wraps every option whenever it is laid out: about 0.2 ms an option.)
Rows are one line each; labels wider than the list are cut with an ellipsis.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


class OutletList(ScrollView, can_focus=True):
    """Rows of (source id, label); `highlighted` is the cursor's row."""

    # The reader's own moves too (j k g G, space b), as in its sources pane.
    BINDINGS = [
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("pagedown,space", "page(1)", "Page Down", show=False),
        Binding("pageup,b", "page(-1)", "Page Up", show=False),
        Binding("home,g", "edge(-1)", "First", show=False),
        Binding("end,G", "edge(1)", "Last", show=False),
        Binding("enter", "select", "Select", show=False),
    ]
    COMPONENT_CLASSES = {"outlet-list--highlighted"}
    DEFAULT_CSS = """
    OutletList {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        padding: 0 1;
        background: $surface;
        &:focus {
            background-tint: $foreground 5%;
        }
        & > .outlet-list--highlighted {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
    }
    """

    highlighted: reactive[int] = reactive(0, always_update=True)

    class Selected(Message):
        """A row was chosen (enter or a click)."""

        def __init__(self, source_id: str) -> None:
            super().__init__()
            self.source_id = source_id

    def __init__(self, rows: list[tuple[str, Text]], highlighted: int = 0) -> None:
        super().__init__()
        self._set_rows(rows, highlighted)

    def _set_rows(self, rows: list[tuple[str, Text]], highlighted: int) -> None:
        self.rows = rows
        self.set_reactive(OutletList.highlighted, self.validate_highlighted(highlighted))
        self.virtual_size = Size(max((label.cell_len for _, label in rows), default=0), len(rows))

    def show(self, rows: list[tuple[str, Text]], highlighted: int = 0) -> None:
        """Other rows, the cursor on `highlighted` once laid out (as when mounted)."""
        self._set_rows(rows, highlighted)
        self.scroll_to(0, 0, animate=False, force=True)
        self.refresh()  # laid out again only when `virtual_size` changes (its reactive does it)
        self.call_after_refresh(self._scroll_to_highlighted)

    def validate_highlighted(self, row: int) -> int:
        return max(0, min(row, len(self.rows) - 1))

    def watch_highlighted(self) -> None:  # the reactive repaints the rows on screen
        self._scroll_to_highlighted()

    def on_mount(self) -> None:
        self.call_after_refresh(self._scroll_to_highlighted)

    def _scroll_to_highlighted(self) -> None:
        if self.rows:
            self.scroll_to_region(Region(0, self.highlighted, 1, 1), animate=False, force=True, immediate=True)

    # ------------------------------------------------------------ keys and mouse

    def action_cursor(self, delta: int) -> None:
        """Up and down wrap around the ends, as in Textual's `OptionList`; pages stop there."""
        if self.rows:
            self.highlighted = (self.highlighted + delta) % len(self.rows)

    def action_page(self, direction: int) -> None:
        self.highlighted += direction * max(1, self.scrollable_content_region.height)

    def action_edge(self, direction: int) -> None:
        self.highlighted = len(self.rows) - 1 if direction > 0 else 0

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Selected(self.rows[self.highlighted][0]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = self.scroll_offset.y + offset.y
        if 0 <= row < len(self.rows):
            self.highlighted = row
            self.action_select()

    # ------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = self.scroll_offset.y + y
        if not 0 <= row < len(self.rows):
            return Strip.blank(width, self.rich_style)
        label = self.rows[row][1].copy()
        label.truncate(width, overflow="ellipsis", pad=True)
        style = self.rich_style
        if row == self.highlighted:
            style += self.get_component_rich_style("outlet-list--highlighted")
        segments = [Segment(s.text, style + s.style if s.style else style) for s in label.render(self.app.console)]
        return Strip(segments, width)
