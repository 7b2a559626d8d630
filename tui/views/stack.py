"""The stack view: each group: every outlet's version one under another, the outlet's name in front."""

from __future__ import annotations

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
        blocks = []
        lines = {s: self.lookup.passage_lines(s, self.text_width) for s in self.state.visible}
        for gi in self.shown_groups():
            present = self.lookup.group_sources[gi]
            anchors, height = [], 1
            for source_id in self.state.visible:
                if source_id in present:
                    anchors.append((source_id, height))
                    height += lines[source_id][gi]
            if self._absent(gi):
                height += 1
            blocks.append(Block(height + 1, gi, tuple(anchors)))
        return blocks

    def _absent(self, gi: int) -> list[str]:
        if len(self.state.visible) < 2:
            return []
        present = self.lookup.group_sources[gi]
        return [s for s in self.state.visible if s not in present]

    @property
    def passage_width(self) -> int:
        return self.text_width

    def part_starts(self, index: int) -> tuple[int, ...]:
        """The header, each outlet's passage, then the closing lines: a group of 400
        outlets is hundreds of lines, of which a screen shows a few passages."""
        block = self.blocks[index]
        tail = block.height - 1 - (1 if self._absent(block.item) else 0)
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
