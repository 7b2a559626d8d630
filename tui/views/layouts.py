"""How each view lays a comparison out in lines, without drawing anything off screen.

A layout measures every block (a group, a quote, a legend) so the aligned view knows its
virtual height, then renders one block's lines only when they scroll into view. Blocks
with an `item` are what the cursor moves between: groups, quotes in the quotes view, or
discrepancies in the disagreements view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from rich.style import Style
from rich.text import Text

from comparators import Group, QuoteStatus
from comparators.model import Mark
from tui.views.lookup import Lookup
from tui.views.mark_badge import mark_badge
from tui.views.render import (
    ABSENT,
    Palette,
    clean,
    group_summary,
    member_plain,
    member_text,
    outlet,
    pair_text,
    percent,
    quote_status_label,
)
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


@dataclass(frozen=True, slots=True)
class ViewState:
    """Everything the aligned view shows, set by the screen (attributes down)."""

    lookup: Lookup
    view: View
    visible: tuple[str, ...]  # source ids shown, the pivot first
    partner: str | None = None  # the pair view's second source
    search: str = ""
    column_offset: int = 0  # first non-pivot column shown in the columns view
    marks: Mapping[str, Mark] = field(default_factory=dict)  # group id -> review mark


@dataclass(frozen=True, slots=True)
class Block:
    height: int
    item: int | None  # group index (quote index in the quotes view); None: not selectable
    anchors: tuple[tuple[str, int], ...] = ()  # (source id, first line) inside the block


def _fit(text: Text, width: int) -> Text:
    text = text.copy()
    text.truncate(width, overflow="ellipsis", pad=True)
    return text


def _lines(text: Text, width: int) -> list[Text]:
    return [text[a:b] for a, b in line_breaks(text.plain, width)]


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

    def head_line(self, index: int, selected: bool) -> Text:
        """The block's first line: all that changes, with the gutter, under the cursor."""
        return self.group_header(self.blocks[index].item, selected, self.width)

    def ruler(self) -> Text | None:
        return None

    # -- helpers shared by the views

    def gutter(self, selected: bool) -> Text:
        return Text(CURSOR_MARK if selected else " ", self.palette.cursor if selected else "")

    def group_header(self, group_index: int, selected: bool, width: int) -> Text:
        group = self.lookup.groups[group_index]
        style = self.palette.cursor if selected else self.palette.header
        visible = set(self.state.visible)
        disagree = ""
        if any(len(visible.intersection(d.sources)) > 1 for d in self.lookup.group_discrepancies.get(group_index, ())):
            disagree = f"{DISAGREE_MARK} "  # only while two outlets shown disagree
        line = Text.assemble(
            self.gutter(selected),
            (f"{group.id} ", style),
            (disagree, self.palette.only_here),
            (self.badge(group), self.palette.header),
            (group_summary(group, self.story, len(self.story.sources)), self.palette.dim),
        )
        return _fit(line, width)

    def badge(self, group: Group, fixed: bool = False) -> str:
        """The group's review marks and a space ('' when unmarked and not `fixed`)."""
        badge = mark_badge(self.state.marks.get(group.id), fixed)
        return f"{badge} " if badge else ""

    def shown_groups(self) -> list[int]:
        visible = set(self.state.visible)
        return [
            i for i, group in enumerate(self.lookup.groups) if visible.intersection(group.sources)
        ]

    def quotes(self, group_index: int, source_id: str):
        return self.lookup.quotes_in(group_index, source_id)


class StackLayout(Layout):
    """Each group: every outlet's version one under another, the outlet's name in front."""

    def measure(self) -> list[Block]:
        names = [len(outlet(self.story, s)) for s in self.state.visible]
        cap = 16 if self.width >= 100 else 12
        self.label_width = min(cap, max(names, default=4)) + 1
        self.text_width = max(10, self.width - 1 - self.label_width)
        blocks = []
        for gi in self.shown_groups():
            group = self.lookup.groups[gi]
            present = set(group.sources)
            anchors, height = [], 1
            for source_id in self.state.visible:
                if source_id in present:
                    anchors.append((source_id, height))
                    plain = member_plain(group, source_id, self.quotes(gi, source_id))
                    height += len(line_breaks(plain, self.text_width))
            if self._absent(group):
                height += 1
            blocks.append(Block(height + 1, gi, tuple(anchors)))
        return blocks

    def _absent(self, group: Group) -> list[str]:
        if len(self.state.visible) < 2:
            return []
        present = set(group.sources)
        return [s for s in self.state.visible if s not in present]

    def render_block(self, index: int, selected: bool) -> list[Text]:
        gi = self.blocks[index].item
        group = self.lookup.groups[gi]
        lines = [self.group_header(gi, selected, self.width)]
        gutter = self.gutter(selected)
        present = set(group.sources)
        for source_id in self.state.visible:
            if source_id not in present:
                continue
            label = _fit(Text(outlet(self.story, source_id), self.palette.label), self.label_width - 1)
            text = member_text(
                group, source_id, self.quotes(gi, source_id), self.palette, self.state.search
            )
            for n, line in enumerate(_lines(text, self.text_width)):
                head = label if n == 0 else Text(" " * (self.label_width - 1))
                lines.append(_fit(Text.assemble(gutter, head, " ", line), self.width))
        absent = self._absent(group)
        if absent:
            names = ", ".join(outlet(self.story, s) for s in absent)
            lines.append(_fit(Text.assemble(gutter, (f"{ABSENT} not in: {names}", self.palette.dim)), self.width))
        lines.append(_fit(gutter, self.width))
        return lines


class ColumnsLayout(Layout):
    """One row per group, one column per visible source; the pivot's column stays put."""

    ruler_height = 1

    def measure(self) -> list[Block]:
        visible = self.state.visible
        fit = max(1, self.width // (MIN_COLUMN + 1))  # columns of MIN_COLUMN and a separator
        others = visible[1:]
        self.offset = max(0, min(self.state.column_offset, len(others) - (fit - 1)))
        self.columns = visible[:1] + others[self.offset : self.offset + fit - 1]
        self.hidden_left = self.offset
        self.hidden_right = max(0, len(others) - self.offset - (fit - 1))
        n = len(self.columns)
        self.column_width = max(8, (self.width - 1 - (n - 1)) // n)
        blocks = []
        for gi in self.shown_groups():
            group = self.lookup.groups[gi]
            present = set(group.sources)
            tallest = 1
            for source_id in self.columns:
                if source_id in present:
                    plain = member_plain(group, source_id, self.quotes(gi, source_id))
                    tallest = max(tallest, len(line_breaks(plain, self.column_width)))
            blocks.append(Block(1 + tallest + 1, gi, tuple((s, 1) for s in self.columns)))
        return blocks

    def ruler(self) -> Text:
        cells = []
        for n, source_id in enumerate(self.columns):
            name = outlet(self.story, source_id)
            if n == 0:
                name = f"★ {name}"
            if n == 1 and self.hidden_left:
                name = f"◀{self.hidden_left} {name}"
            if n == len(self.columns) - 1 and self.hidden_right:
                name = f"{name} {self.hidden_right}▶"
            cells.append(_fit(Text(name, self.palette.label), self.column_width))
        return _fit(Text.assemble(" ", Text("│", self.palette.dim).join(cells)), self.width)

    def render_block(self, index: int, selected: bool) -> list[Text]:
        block = self.blocks[index]
        gi = block.item
        group = self.lookup.groups[gi]
        present = set(group.sources)
        cw = self.column_width
        columns: list[list[Text]] = []
        for source_id in self.columns:
            if source_id in present:
                text = member_text(
                    group, source_id, self.quotes(gi, source_id), self.palette, self.state.search
                )
                columns.append(_lines(text, cw))
            else:
                columns.append([Text(ABSENT.center(cw).rstrip(), self.palette.dim)])
        gutter = self.gutter(selected)
        separator = Text("│", self.palette.dim)
        lines = [self.group_header(gi, selected, self.width)]
        for row in range(block.height - 2):
            cells = [_fit(col[row] if row < len(col) else Text(), cw) for col in columns]
            lines.append(_fit(Text.assemble(gutter, separator.join(cells)), self.width))
        lines.append(_fit(gutter, self.width))
        return lines


class PairLayout(Layout):
    """The pivot against one other source, word by word: `[-pivot only-]{+other only+}`."""

    ruler_height = 1

    def pair(self) -> tuple[str, str | None]:
        return self.state.visible[0], self.state.partner

    def measure(self) -> list[Block]:
        a, b = self.pair()
        self.text_width = self.width - 1
        blocks = []
        for gi, group in enumerate(self.lookup.groups):
            present = set(group.sources)
            if a not in present and b not in present:
                continue
            plain = self._text(group).plain
            blocks.append(Block(1 + len(line_breaks(plain, self.text_width)) + 1, gi))
        return blocks

    def _text(self, group: Group) -> Text:
        a, b = self.pair()
        return pair_text(
            group.text_of(a), group.text_of(b) if b else "", self.palette, self.state.search
        )

    def ruler(self) -> Text:
        a, b = self.pair()
        if b is None:
            return _fit(Text(" Pair view: show a second source (1-9) to compare", self.palette.dim), self.width)
        return _fit(
            Text.assemble(
                " ",
                (f"[-{outlet(self.story, a)}-]", self.palette.deleted),
                " → ",
                (f"{{+{outlet(self.story, b)}+}}", self.palette.inserted),
                ("  (other source: the sources pane's cursor)", self.palette.dim),
            ),
            self.width,
        )

    def render_block(self, index: int, selected: bool) -> list[Text]:
        gi = self.blocks[index].item
        gutter = self.gutter(selected)
        lines = [self.group_header(gi, selected, self.width)]
        for line in _lines(self._text(self.lookup.groups[gi]), self.text_width):
            lines.append(_fit(Text.assemble(gutter, line), self.width))
        lines.append(_fit(gutter, self.width))
        return lines


class QuotesLayout(Layout):
    """Every quote: status, speaker, outlet and group, then its words."""

    INDENT = 3

    def measure(self) -> list[Block]:
        self.text_width = self.width - self.INDENT
        quotes = self.lookup.quotes
        visible = set(self.state.visible)
        blocks = []
        for qi, quote in enumerate(quotes):
            if quote.source not in visible:
                continue
            height = 1 + len(line_breaks(clean(quote.text), self.text_width))
            height += 1 if quote.matches else 0
            blocks.append(Block(height + 1, qi))
        return blocks or [Block(1, None)]

    def head_line(self, index: int, selected: bool) -> Text:
        quote = self.lookup.quotes[self.blocks[index].item]
        status_style = {
            QuoteStatus.UNIQUE: self.palette.quote_unique,
            QuoteStatus.VARIANT: self.palette.some,
            QuoteStatus.SHARED: self.palette.quote,
        }[quote.status]
        gi = self.lookup.quote_group.get(quote.id)
        where = f" · {self.lookup.groups[gi].id}" if gi is not None else ""
        head = Text.assemble(
            self.gutter(selected),
            (quote_status_label(quote.status), status_style),
            "  ",
            (clean(quote.speaker or "unknown speaker"), self.palette.header),
            " · ",
            (outlet(self.story, quote.source), self.palette.label),
            (where, self.palette.dim),
        )
        if selected:
            head.stylize(self.palette.cursor, 1)
        return _fit(head, self.width)

    def render_block(self, index: int, selected: bool) -> list[Text]:
        qi = self.blocks[index].item
        if qi is None:
            return [_fit(Text(" No quotes in the sources shown.", self.palette.dim), self.width)]
        quote = self.lookup.quotes[qi]
        gutter = self.gutter(selected)
        lines = [self.head_line(index, selected)]
        text = Text(clean(quote.text), self.palette.quote)
        if self.state.search:
            text.highlight_words([self.state.search], self.palette.match, case_sensitive=False)
        pad = Text(" " * (self.INDENT - 1))
        for line in _lines(text, self.text_width):
            lines.append(_fit(Text.assemble(gutter, pad, line), self.width))
        if quote.matches:
            others = ", ".join(
                f"{outlet(self.story, m.source)} ({m.kind} {m.similarity:.2f})" for m in quote.matches
            )
            lines.append(_fit(Text.assemble(gutter, pad, (f"also: {others}", self.palette.dim)), self.width))
        lines.append(_fit(gutter, self.width))
        return lines


class CoverageLayout(Layout):
    """Who covers what: one line per group, one cell per source; then the reuse matrix."""

    ruler_height = 1
    ID_WIDTH = 7

    def measure(self) -> list[Block]:
        visible = self.state.visible
        self.cell = 3 if len(visible) <= 30 else 1
        self.numbers = {s.id: n + 1 for n, s in enumerate(self.story.sources)}
        self.legend = [f"{self.numbers[s]:>3} {outlet(self.story, s)}" for s in visible]
        self.reuse = {(r.source, r.other): r.verbatim_share for r in self.lookup.comparison.reuse}
        self.groups = self.shown_groups()
        blocks = [Block(len(self.legend) + 1, None)]
        blocks += [Block(1, gi) for gi in self.groups]
        matrix_rows = len(visible) + 3 if self.reuse else 3
        blocks.append(Block(matrix_rows, None))
        return blocks

    @property
    def content_width(self) -> int:
        visible = self.state.visible
        grid = 1 + self.ID_WIDTH + self.cell * len(visible) + 30
        matrix = 1 + 22 + 5 * len(visible)
        return max(self.width, grid, matrix)

    def ruler(self) -> Text:
        if self.cell == 1:
            return Text(" " * (1 + self.ID_WIDTH) + "one cell per source, in the legend's order")
        cells = "".join(f"{self.numbers[s]:>{self.cell - 1}} " for s in self.state.visible)
        return Text.assemble(" " * (1 + self.ID_WIDTH), (cells, self.palette.label))

    def head_line(self, index: int, selected: bool) -> Text:
        return self.render_block(index, selected)[0]

    def render_block(self, index: int, selected: bool) -> list[Text]:
        block = self.blocks[index]
        width = self.content_width
        if index == 0:
            lines = [Text.assemble(" ", (line, self.palette.label)) for line in self.legend]
            return [_fit(line, width) for line in lines + [Text()]]
        if block.item is None:
            return [_fit(line, width) for line in self._matrix()]
        group = self.lookup.groups[block.item]
        present = set(group.sources)
        full = "█" * (self.cell - 1) + " " if self.cell > 1 else "█"
        empty = ABSENT.rjust(self.cell - 1) + " " if self.cell > 1 else ABSENT
        cells = Text()
        for source_id in self.state.visible:
            if source_id in present:
                cells.append(full, self.palette.label)
            else:
                cells.append(empty, self.palette.dim)
        style = self.palette.cursor if selected else self.palette.header
        line = Text.assemble(
            self.gutter(selected),
            (group.id.ljust(self.ID_WIDTH), style),
            cells,
            " ",
            (self.badge(group, fixed=True), self.palette.header),
            (group_summary(group, self.story, len(self.story.sources)), self.palette.dim),
        )
        return [_fit(line, width)]

    def _matrix(self) -> list[Text]:
        visible = self.state.visible
        title = Text(" Reuse: share of the row's words found verbatim in the column's source", self.palette.header)
        if not self.reuse:
            return [Text(), title, Text(" no reuse figures for this story", self.palette.dim)]
        head = " " * 23 + "".join(f"{self.numbers[s]:>5}" for s in visible)
        lines = [Text(), title, Text(head, self.palette.label)]
        for row in visible:
            line = Text(f" {self.numbers[row]:>3} {outlet(self.story, row)[:17]:<18}", self.palette.label)
            for column in visible:
                if row == column:
                    line.append("    —", self.palette.dim)
                else:
                    share = self.reuse.get((row, column), 0.0)
                    style = self.palette.only_here if share >= 0.5 else Style()
                    line.append(f"{percent(share):>5}", style)
            lines.append(line)
        return lines


class DisagreementsLayout(Layout):
    """Every discrepancy: what it is about and its group, then each outlet's value."""

    INDENT = 3

    def measure(self) -> list[Block]:
        self.text_width = self.width - self.INDENT
        visible = set(self.state.visible)
        blocks = []
        for di, discrepancy in enumerate(self.lookup.discrepancies):
            values = [v for v in discrepancy.values if v.source in visible]
            if len({v.source for v in values}) < 2:
                continue
            height = 1 + sum(len(line_breaks(self._value_line(v).plain, self.text_width)) for v in values)
            blocks.append(Block(height + 1, di))
        return blocks or [Block(1, None)]

    def _value_line(self, value) -> Text:
        return Text.assemble(
            (f"{outlet(self.story, value.source)} ¶{value.paragraph + 1}: ", self.palette.label),
            clean(value.text),
            (f"  {clean(value.value)}", self.palette.dim),
            (f"  {clean(value.published)}" if value.published else "", self.palette.dim),
        )

    def head_line(self, index: int, selected: bool) -> Text:
        discrepancy = self.lookup.discrepancies[self.blocks[index].item]
        head = Text.assemble(
            self.gutter(selected),
            (f"{DISAGREE_MARK} {discrepancy.id}", self.palette.only_here),
            "  ",
            (clean(discrepancy.fact), self.palette.header),
            (f" · {discrepancy.kind}", self.palette.dim),
            (f" · {discrepancy.group}" if discrepancy.group else "", self.palette.dim),
            (" · grows with publication date" if discrepancy.later_update else "", self.palette.dim),
        )
        if selected:
            head.stylize(self.palette.cursor, 1)
        return _fit(head, self.width)

    def render_block(self, index: int, selected: bool) -> list[Text]:
        di = self.blocks[index].item
        if di is None:
            return [_fit(Text(" No discrepancy between the sources shown.", self.palette.dim), self.width)]
        discrepancy = self.lookup.discrepancies[di]
        gutter = self.gutter(selected)
        pad = Text(" " * (self.INDENT - 1))
        lines = [self.head_line(index, selected)]
        visible = set(self.state.visible)
        for value in discrepancy.values:
            if value.source in visible:
                for line in _lines(self._value_line(value), self.text_width):
                    lines.append(_fit(Text.assemble(gutter, pad, line), self.width))
        lines.append(_fit(gutter, self.width))
        return lines


LAYOUTS: dict[View, type[Layout]] = {
    View.COLUMNS: ColumnsLayout,
    View.STACK: StackLayout,
    View.PAIR: PairLayout,
    View.QUOTES: QuotesLayout,
    View.COVERAGE: CoverageLayout,
    View.DISAGREEMENTS: DisagreementsLayout,
}


def make_layout(state: ViewState, width: int, palette: Palette) -> Layout:
    return LAYOUTS[state.view](state, width, palette)
