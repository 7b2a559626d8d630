"""What every view's layout shares: the views, what the screen tells them (`ViewState`),
and the `Layout` base that measures blocks and draws one block at a time.

A layout measures every block (a group, a quote, a legend) so the aligned view knows its
virtual height, then renders one block's lines only when they scroll into view. Blocks
with an `item` are what the cursor moves between: groups, quotes in the quotes view, or
discrepancies in the disagreements view.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from rich.text import Span, Text

from comparators import Group
from comparators.model import Mark
from tui.views.lookup import Lookup
from tui.views.mark_badge import mark_badge
from tui.views.render import Palette, drawn_hits, group_summary, member_plain, member_text
from tui.views.wrap import line_breaks


class View(StrEnum):
    COLUMNS = "columns"
    STACK = "stack"
    PAIR = "pair"
    QUOTES = "quotes"
    COVERAGE = "coverage"
    DISAGREEMENTS = "disagreements"


VIEW_CYCLE = (View.COLUMNS, View.STACK, View.PAIR, View.QUOTES, View.COVERAGE, View.DISAGREEMENTS)
GROUP_VIEWS = (View.COLUMNS, View.STACK, View.PAIR, View.COVERAGE)
CURSOR_MARK = "▌"
DISAGREE_MARK = "≠"  # on a group whose outlets disagree on a figure, name, date or time
MIN_COLUMN = 24  # narrower columns are unreadable: scroll sideways instead


# A search hit: (item, source id or None, k-th hit in that source's passage or the item's text).
SearchHit = tuple[int, str | None, int]


@dataclass(frozen=True, slots=True)
class ViewState:
    """Everything the aligned view shows, set by the screen (attributes down)."""

    lookup: Lookup
    view: View
    visible: tuple[str, ...]  # source ids shown, the pivot first
    partner: str | None = None  # the pair view's second source
    search: str = ""
    search_hit: SearchHit | None = None  # the hit `n` / `N` is on
    column_offset: int = 0  # first non-pivot column shown in the columns view
    marks: Mapping[str, Mark] = field(default_factory=dict)  # group id -> review mark


@dataclass(frozen=True, slots=True)
class Block:
    height: int
    item: int | None  # group index (quote index in the quotes view); None: not selectable
    anchors: tuple[tuple[str, int], ...] = ()  # (source id, first line) inside the block


def fit_width(text: Text, width: int) -> Text:
    text = text.copy()
    text.truncate(width, overflow="ellipsis", pad=True)
    return text


def cell_row(gutter: Text, cells: Sequence[Text], cell_width: int, separator: Text, width: int) -> Text:
    """`fit_width(Text.assemble(gutter, separator.join(fit_width(c, cell_width) for c in
    cells)), width)` (the same text and spans, in the same order), built in one `Text`
    rather than copying each cell and the row three times: a new pivot draws every cell
    on screen again."""
    row = Text(end="")
    row.append_text(gutter)
    spans, start = row.spans, len(row)
    under_separator = len(spans)  # `join` gives the joined cells the separator's style first
    for k, cell in enumerate(cells):
        if k:
            row.append_text(separator)
        cell_len = cell.cell_len
        if cell.style or cell_len > cell_width:
            row.append_text(fit_width(cell, cell_width))  # its style runs under its padding
        else:
            row.append_text(cell)
            row.append(" " * (cell_width - cell_len))
    if separator.style and cells:
        spans.insert(under_separator, Span(start, len(row), separator.style))
    # Each cell now takes `cell_width` cells exactly.
    row_width = gutter.cell_len + len(cells) * cell_width + max(0, len(cells) - 1) * separator.cell_len
    if row_width > width:
        return fit_width(row, width)
    row.append(" " * (width - row_width))
    return row


def wrap_lines(text: Text, width: int) -> list[Text]:
    """`text` cut at `line_breaks`, in one `divide` (slicing a `Text` divides it each time)."""
    spans = line_breaks(text.plain, width)
    bounds = [0, *sorted({offset for span in spans for offset in span}), len(text.plain)]
    pieces = text.divide(bounds[1:-1])
    piece_of = {(a, b): piece for a, b, piece in zip(bounds, bounds[1:], pieces) if a < b}
    return [piece_of[a, b] if a < b else text[a:b] for a, b in spans]


class Layout:
    """Base: a list of blocks and how to draw one of them at the given width."""

    ruler_height = 0

    def __init__(self, state: ViewState, width: int, palette: Palette) -> None:
        self.state = state
        self.lookup = state.lookup
        self.story = state.lookup.comparison.story
        self.width = max(20, width)
        self.palette = palette
        self.blocks: list[Block] = self.measure()

    @property
    def content_width(self) -> int:
        return self.width

    def measure(self) -> list[Block]:
        raise NotImplementedError

    def render_block(self, index: int, selected: bool) -> list[Text]:
        raise NotImplementedError

    def part_starts(self, index: int) -> tuple[int, ...]:
        """First line of each part block `index` is drawn in; the view draws a part only
        when one of its lines scrolls into view. One part, the whole block, unless a view
        has blocks taller than a screen (a 400-outlet group in the stack view)."""
        return (0,)

    def render_part(self, index: int, start: int) -> list[Text]:
        """The lines of block `index`'s part that begins at line `start`, unselected."""
        return self.render_block(index, False)

    def head_line(self, index: int, selected: bool) -> Text:
        """The block's first line: all that changes, with the gutter, under the cursor."""
        return self.group_header(self.blocks[index].item, selected, self.width)

    def ruler(self) -> Text | None:
        return None

    @property
    def passage_width(self) -> int | None:
        """The width a source's passage is wrapped at, in views that draw passages (None: none)."""
        return None

    def hit_line(self, index: int, source_id: str | None, k: int) -> int:
        """The line of block `index` that shows the k-th search hit in `source_id`'s text."""
        anchor = dict(self.blocks[index].anchors).get(source_id, 0)
        width = self.passage_width
        if source_id is None or not anchor or width is None:
            return anchor
        return anchor + self.passage_hit_line(self.blocks[index].item, source_id, k, width)

    def passage_hit_line(self, group_index: int, source_id: str, k: int, width: int) -> int:
        """Which wrapped line of the passage (as drawn at `width`) holds its k-th search hit."""
        group, quotes = self.lookup.groups[group_index], self.quotes(group_index, source_id)
        hits = drawn_hits(group, source_id, quotes, self.state.search)
        if k >= len(hits):
            return 0
        breaks = line_breaks(member_plain(group, source_id, quotes), width)
        return bisect_right([a for a, _ in breaks], hits[k]) - 1

    # -- helpers shared by the views

    def gutter(self, selected: bool) -> Text:
        return Text(CURSOR_MARK if selected else " ", self.palette.cursor if selected else "")

    def group_header(self, group_index: int, selected: bool, width: int) -> Text:
        group = self.lookup.groups[group_index]
        style = self.palette.cursor if selected else self.palette.header
        visible = set(self.state.visible)
        disagree = ""
        if any(d.disagrees_among(visible) for d in self.lookup.group_discrepancies.get(group_index, ())):
            disagree = f"{DISAGREE_MARK} "  # only while two outlets shown disagree
        line = Text.assemble(
            self.gutter(selected),
            (f"{group.id} ", style),
            (disagree, self.palette.only_here),
            (self.badge(group), self.palette.header),
            (group_summary(group, self.story, len(self.story.sources)), self.palette.dim),
        )
        return fit_width(line, width)

    def badge(self, group: Group, fixed: bool = False) -> str:
        """The group's review marks and a space ('' when unmarked and not `fixed`)."""
        badge = mark_badge(self.state.marks.get(group.id), fixed)
        return f"{badge} " if badge else ""

    def shown_groups(self) -> list[int]:
        visible = set(self.state.visible)
        return [i for i, sources in enumerate(self.lookup.group_sources) if not visible.isdisjoint(sources)]

    def quotes(self, group_index: int, source_id: str):
        return self.lookup.quotes_in(group_index, source_id)

    def current_hit(self, item: int, source_id: str | None) -> int | None:
        """Which search hit in `source_id`'s text of `item` is the current one, if any."""
        hit = self.state.search_hit
        if hit is not None and hit[0] == item and hit[1] == source_id:
            return hit[2]
        return None

    def passage(self, group_index: int, source_id: str) -> Text:
        """`source_id`'s passage in the group, marked against the sources shown."""
        return member_text(
            self.lookup.groups[group_index],
            source_id,
            self.quotes(group_index, source_id),
            self.palette,
            self.state.search,
            self.state.visible,
            self.current_hit(group_index, source_id),
        )
