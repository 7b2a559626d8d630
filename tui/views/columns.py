"""The columns view: one row per group, one column per visible source; the pivot's column stays put."""

from __future__ import annotations

from rich.text import Text

from tui.views.layout import MIN_COLUMN, Block, Layout, cell_row, fit_width, wrap_lines
from tui.views.render import ABSENT, outlet


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
        anchors = tuple((s, 1) for s in self.columns)
        lines = [self.lookup.passage_lines(s, self.column_width) for s in self.columns]
        tallest = list(map(max, *lines, [1] * len(self.lookup.groups)))
        return [Block(1 + tallest[gi] + 1, gi, anchors) for gi in self.shown_groups()]

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
            cells.append(fit_width(Text(name, self.palette.label), self.column_width))
        return fit_width(Text.assemble(" ", Text("│", self.palette.dim).join(cells)), self.width)

    @property
    def passage_width(self) -> int:
        return self.column_width

    def render_block(self, index: int, selected: bool) -> list[Text]:
        block = self.blocks[index]
        gi = block.item
        present = self.lookup.group_sources[gi]
        cw = self.column_width
        columns: list[list[Text]] = []
        for source_id in self.columns:
            if source_id in present:
                columns.append(wrap_lines(self.passage(gi, source_id), cw))
            else:
                columns.append([Text(ABSENT.center(cw).rstrip(), self.palette.dim)])
        gutter = self.gutter(selected)
        separator = Text("│", self.palette.dim)
        lines = [self.group_header(gi, selected, self.width)]
        empty = Text()
        for row in range(block.height - 2):
            cells = [col[row] if row < len(col) else empty for col in columns]
            lines.append(cell_row(gutter, cells, cw, separator, self.width))
        lines.append(fit_width(gutter, self.width))
        return lines
