"""The coverage view: who covers what: one line per group, one cell per source; then the reuse matrix."""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from tui.views.layout import Block, Layout, fit_width
from tui.views.render import ABSENT, group_summary, outlet, percent


class CoverageLayout(Layout):
    """Who covers what: one line per group, one cell per source; then the reuse matrix."""

    ruler_height = 1
    ID_WIDTH = 7

    def measure(self) -> list[Block]:
        visible = self.state.visible
        self.cell = 3 if len(visible) <= 30 else 1
        self.numbers = {s.id: n + 1 for n, s in enumerate(self.story.sources)}
        self.legend = self._legend_lines([f"{self.numbers[s]} {outlet(self.story, s)}" for s in visible])
        self.reuse = {(r.source, r.other): r.verbatim_share for r in self.lookup.comparison.reuse}
        self.groups = self.shown_groups()
        blocks = [Block(len(self.legend) + 1, None)]
        blocks += [Block(1, gi) for gi in self.groups]
        matrix_rows = len(visible) + 3 if self.reuse else 3
        blocks.append(Block(matrix_rows, None))
        return blocks

    def _legend_lines(self, entries: list[str]) -> list[str]:
        """The column numbers' outlets ("3 The Herald") run on in lines of the pane's width:
        one line per outlet took most of the pane at 80x24. An entry is never split."""
        lines: list[str] = []
        for entry in entries:
            if lines and cell_len(lines[-1]) + 2 + cell_len(entry) <= self.width - 2:
                lines[-1] += "  " + entry
            else:
                lines.append(entry)
        return lines

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
            return [fit_width(line, width) for line in lines + [Text()]]
        if block.item is None:
            return [fit_width(line, width) for line in self._matrix()]
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
        return [fit_width(line, width)]

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
