"""The sources pane: one row per outlet with its figures, visibility and pivot.

Drawn with the Line API, as a `DataTable` with a row cursor draws it (same columns,
header, cursor and focus styles), but a row is rendered once and kept: a DataTable
renders every cell on screen again whenever one cell changes or its focus style does
(a pivot change, a source hidden, tab), which cost 10-20 ms at 200x50 on 400 outlets.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size, Spacing
from textual.scroll_view import ScrollView
from textual.strip import Strip

from comparators import Story
from comparators.html_source import is_web_page
from tui.keymap import SOURCES_BINDINGS
from tui.messages import ToggleRequested
from tui.views.lookup import Lookup, SourceFigures
from tui.views.render import clean, percent

COLUMNS = (
    ("n", "#"),
    ("shown", "show"),
    ("outlet", "outlet"),
    ("date", "date"),
    ("paragraphs", "¶"),
    ("words", "words"),
    ("only_here", "only here"),
    ("unique_quotes", "✱ quotes"),
)
FIXED_WIDTHS = {"shown": 8}  # the other columns are as wide as their widest cell
OUTLET_COLUMN = [key for key, _ in COLUMNS].index("outlet")
# ... but a long outlet name is cut (…) down to this before the figures leave the pane.
MIN_OUTLET_WIDTH = 14
SHOWN, HIDDEN, PIVOT = "●", "○", "★"
SHOWN_MARK, HIDDEN_MARK = Text(f"{SHOWN} shown"), Text(f"{HIDDEN} hidden", style="dim")
PIVOT_MARK = Text(f"{PIVOT} pivot", style="bold")  # the "show" cells: never changed in place
CELL_PADDING = 1

Row = list[Text]  # one cell per column


class SourcesPane(ScrollView, can_focus=True):
    """`focused_source` is the source under the cursor; cells are `Text`, never markup."""

    BINDINGS = [
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("ctrl+home", "edge(-1)", "Top", show=False),
        Binding("ctrl+end", "edge(1)", "Bottom", show=False),
        *SOURCES_BINDINGS,
    ]
    COMPONENT_CLASSES = {"sources-pane--header", "sources-pane--cursor"}
    # Textual's DataTable styles, so the pane looks as it did as one.
    DEFAULT_CSS = """
    SourcesPane {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .sources-pane--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .sources-pane--header {
                background-tint: $foreground 5%;
            }
        }
        & > .sources-pane--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &.-fits {
            overflow-x: hidden;
        }
        &:ansi > .sources-pane--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .sources-pane--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Sources"
        self._story: Story | None = None
        self._ids: list[str] = []  # source id of each row
        self._rows: list[Row] = []
        self._header: Row = [Text(label) for _, label in COLUMNS]
        self._widths: list[int] = []  # each column's content width, as drawn
        self._natural_widths: list[int] = []  # ... as wide as the widest cell
        self.cursor_row = 0
        self._figures: Mapping[str, SourceFigures] | None = None  # the figures the rows show
        # Rendered rows (-1: the header) by the styles they were drawn with: focused and
        # not, so tab and shift+tab draw nothing anew.
        self._drawn: dict[tuple[Style, ...], dict[tuple[int, bool], list[Segment]]] = {}

    # ------------------------------------------------------------ rows in

    def list_story(self, story: Story) -> None:
        """A row per source with what the story alone tells; figures come with `fill`."""
        self._story = story
        self._figures = None
        self._ids = [source.id for source in story.sources]
        pending = Text("…", justify="right", style="dim")
        self._rows = [
            [
                Text(str(n)),
                SHOWN_MARK,
                Text(clean(source.outlet)),
                Text(clean(source.date or "")),
                Text(str(len(source.paragraphs)), justify="right"),
                Text(str(source.words), justify="right"),
                pending,
                pending,
            ]
            for n, source in enumerate(story.sources, start=1)
        ]
        self.cursor_row = min(self.cursor_row, max(0, len(self._rows) - 1))
        self._measure()
        self._show_origin()

    def fill(self, lookup: Lookup, visible: set[str], pivot: str) -> None:
        """Each row's visibility and pivot marks, and the comparison's figures; only
        the rows that change are drawn again."""
        story = lookup.comparison.story
        if story is not self._story or len(self._rows) != len(story.sources):
            self.list_story(story)
        new_figures = lookup.figures is not self._figures  # a pivot change keeps them
        self._figures = lookup.figures
        changed = []
        for index, (source_id, row) in enumerate(zip(self._ids, self._rows)):
            mark = PIVOT_MARK if source_id == pivot else SHOWN_MARK if source_id in visible else HIDDEN_MARK
            if row[1] is not mark:  # the three marks are shared: 400 rows, no Text made
                row[1] = mark
                changed.append(index)
            if new_figures:
                figures = lookup.figures[source_id]
                row[6] = Text(percent(figures.only_here), justify="right")
                row[7] = Text(str(figures.unique_quotes), justify="right")
        if new_figures:
            self._measure()
        else:
            for index in changed:
                self._forget_row(index)

    def _measure(self) -> None:
        """Column widths from the cells, and everything drawn again."""
        widths = []
        for column, (key, _) in enumerate(COLUMNS):
            if key in FIXED_WIDTHS:
                widths.append(FIXED_WIDTHS[key])
            else:
                cells = [row[column] for row in self._rows] + [self._header[column]]
                widths.append(max(cell.cell_len for cell in cells))
        self._natural_widths = widths
        self._fit(force=True)

    def _fit(self, force: bool = False) -> None:
        """The columns' widths in the pane's: the outlet column gives up what the table
        lacks (down to MIN_OUTLET_WIDTH), so the figures stay on screen; drawn again
        when they change (`force`: the cells did)."""
        widths = list(self._natural_widths)
        room = self.scrollable_content_region.width  # 0 before the first layout
        over = sum(widths) + 2 * CELL_PADDING * len(widths) - room
        if room and over > 0 and widths:
            natural = widths[OUTLET_COLUMN]
            widths[OUTLET_COLUMN] = max(min(natural, MIN_OUTLET_WIDTH), natural - over)
        if widths == self._widths and not force:
            return
        self._widths = widths
        self._drawn.clear()
        table_width = sum(widths) + 2 * CELL_PADDING * len(widths)
        self.virtual_size = Size(table_width, len(self._rows) + 1)
        # Textual weighs its scrollbars again when the pane's size changes, not when the
        # table fits it again: a table that fits says so itself.
        self.set_class(bool(room) and table_width <= room, "-fits")
        self.refresh(layout=True)

    def _forget_row(self, index: int) -> None:
        for drawn in self._drawn.values():
            drawn.pop((index, True), None)
            drawn.pop((index, False), None)
        self.refresh_line(index + 1)  # below the header

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()  # rows drawn in other styles are kept apart (`_drawn`)

    # ------------------------------------------------------------ the cursor

    @property
    def focused_source(self) -> str | None:
        return self._ids[self.cursor_row] if self._ids else None

    def move_cursor(self, row: int) -> None:
        if not self._rows:
            return
        row = max(0, min(row, len(self._rows) - 1))
        if row != self.cursor_row:
            old, self.cursor_row = self.cursor_row, row
            self.refresh_line(old + 1)
            self.refresh_line(row + 1)
            self._show_origin()
        self._scroll_to_cursor()

    def _rows_on_screen(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)  # less the header

    def _scroll_to_cursor(self) -> None:
        """The cursor's row into view below the header, as a DataTable scrolls it."""
        row = Region(0, self.cursor_row + 1, 1, 1)  # the header is the first line
        self.scroll_to_region(row, spacing=Spacing(top=1), animate=False, force=True, x_axis=False)

    def action_cursor_down(self) -> None:  # also `j` (SOURCES_BINDINGS)
        self.move_cursor(self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_page(self, direction: int) -> None:
        height = self._rows_on_screen()
        self.scroll_to(y=self.scroll_offset.y + direction * height, animate=False, force=True)
        self.move_cursor(self.cursor_row + direction * height)

    def action_edge(self, direction: int) -> None:
        self.move_cursor(len(self._rows) - 1 if direction > 0 else 0)

    # left and right scroll sideways (ScrollView's keys); home and end too, as in a DataTable
    def action_scroll_home(self) -> None:
        self.scroll_to(x=0, animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_to(x=self.max_scroll_x, animate=False)

    def action_toggle_focused(self) -> None:
        if self.focused_source is not None:
            self.post_message(ToggleRequested(self.focused_source))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and offset.y >= 1:
            self.move_cursor(self.scroll_offset.y + offset.y - 1)

    def _show_origin(self) -> None:
        """Where the source under the cursor came from, in the pane's title, when the story
        holds web pages (a URL or an .html file): their text is the extractor's reading."""
        story, source_id = self._story, self.focused_source
        if story is None or source_id is None or not any(is_web_page(s) for s in story.sources):
            return
        source = story.source(source_id)
        if source.fetched and source.url:  # fetched now, or kept in a story folder
            origin, fetched = source.url, f" (fetched {source.fetched})"
        else:
            origin, fetched = source.path.name if source.path else source.url, ""
        self.border_title = Text(clean(f"Sources · from {origin}{fetched}"))  # Text: never markup

    # ------------------------------------------------------------ drawing

    def _styles(self) -> tuple[Style, Style, Style]:
        """The pane's, its header's and its cursor's styles, as a DataTable takes them."""
        return (
            self.rich_style,
            self.get_component_styles("sources-pane--header").rich_style,
            self.get_component_rich_style("sources-pane--cursor"),
        )

    def _row_segments(self, index: int, cursor: bool, styles: tuple[Style, Style, Style]) -> list[Segment]:
        """Row `index` (-1: the header) across the table and the pane's width."""
        drawn = self._drawn.setdefault(styles, {})
        key = (index, cursor)
        if key not in drawn:
            base, header, cursor_style = styles
            cells = self._header if index < 0 else self._rows[index]
            line = Text(end="", no_wrap=True)
            for cell, width in zip(cells, self._widths):
                pad = " " * CELL_PADDING
                line.append(pad)
                shown = cell.copy()
                shown.truncate(width, overflow="ellipsis")
                room = width - shown.cell_len
                if shown.justify == "right":
                    line.append(" " * room)
                    line.append_text(shown)
                else:
                    line.append_text(shown)
                    line.append(" " * room)
                line.append(pad)
            row_style = header if index < 0 else base
            pre = row_style + cursor_style if cursor else row_style
            post = Style.from_color(cursor_style.color, cursor_style.bgcolor) if cursor else None
            segments = list(Segment.apply_style(line.render(self.app.console), pre, post))
            remaining = self.size.width - line.cell_len
            if remaining > 0:
                segments.append(Segment(" " * remaining, pre))
            drawn[key] = segments
            if len(self._drawn) > 2:  # focused and not: older styles (a theme) go
                del self._drawn[next(iter(self._drawn))]
        return drawn[key]

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        styles = self._styles()
        index = -1 if y == 0 else self.scroll_offset.y + y - 1
        if index >= len(self._rows) or not self._widths:
            return Strip.blank(width, styles[0])
        segments = self._row_segments(index, index == self.cursor_row and index >= 0, styles)
        scroll_x = int(self.scroll_x)
        return Strip(segments).crop(scroll_x, scroll_x + width).adjust_cell_length(width, styles[0]).simplify()

    def on_resize(self) -> None:
        self._drawn.clear()  # the rows are drawn to the pane's width
        self._fit()
