"""The stack view: each group: every outlet's version one under another, the outlet's name in front."""

from __future__ import annotations

from itertools import accumulate

from rich.text import Text

from tui.views.layout import Block, Layout, fit_width, wrap_lines
from tui.views.render import ABSENT, outlet


class StackLayout(Layout):
    """Each group: every outlet's version one under another, the outlet's name in front."""

    def measure(self) -> list[Block]:
        names = [len(outlet(self.story, s)) for s in self.state.visible]
        cap = 16 if self.width >= 100 else 12
        self.label_width = min(cap, max(names, default=4)) + 1
        self.text_width = max(10, self.width - 1 - self.label_width)
        lines = {s: self.lookup.passage_lines(s, self.text_width) for s in self.state.visible}
        visible, blocks = self.state.visible, []
        # 400 outlets make each group a loop over every one: kept to comprehensions and
        # `accumulate`, which run without a Python-level step per outlet.
        for gi in self.shown_groups():
            present = self.lookup.group_sources[gi]
            here = [s for s in visible if s in present]
            starts = list(accumulate([lines[s][gi] for s in here], initial=1))
            blocks.append(Block(starts[-1] + self._absent_lines(len(here)) + 1, gi, tuple(zip(here, starts))))
        return blocks

    def _absent(self, gi: int) -> list[str]:
        if len(self.state.visible) < 2:
            return []
        present = self.lookup.group_sources[gi]
        return [s for s in self.state.visible if s not in present]

    def _absent_lines(self, present: int) -> int:
        """The 'not in' line under a group `present` of the shown outlets are in: 1 when
        some shown outlet lacks it, else 0."""
        return 1 if 1 < len(self.state.visible) != present else 0

    @property
    def passage_width(self) -> int:
        return self.text_width

    def part_starts(self, index: int) -> tuple[int, ...]:
        """The header, each outlet's passage, then the closing lines: a group of 400
        outlets is hundreds of lines, of which a screen shows a few passages."""
        block = self.blocks[index]
        tail = block.height - 1 - self._absent_lines(len(block.anchors))
        return (0, *(line for _, line in block.anchors), tail)

    def render_part(self, index: int, start: int) -> list[Text]:
        if start == 0:
            return [self.group_header(self.blocks[index].item, False, self.width)]
        block = self.blocks[index]
        gi = block.item
        gutter = self.gutter(False)
        source_id = next((s for s, line in block.anchors if line == start), None)
        if source_id is not None:
            label = fit_width(Text(outlet(self.story, source_id), self.palette.label), self.label_width - 1)
            lines = []
            for n, line in enumerate(wrap_lines(self.passage(gi, source_id), self.text_width)):
                head = label if n == 0 else Text(" " * (self.label_width - 1))
                lines.append(fit_width(Text.assemble(gutter, head, " ", line), self.width))
            return lines
        lines = []
        absent = self._absent(gi)
        if absent:
            names = ", ".join(outlet(self.story, s) for s in absent)
            lines.append(fit_width(Text.assemble(gutter, (f"{ABSENT} not in: {names}", self.palette.dim)), self.width))
        lines.append(fit_width(gutter, self.width))
        return lines
