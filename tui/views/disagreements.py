"""The disagreements view: every discrepancy: what it is about and its group, then each outlet's value."""

from __future__ import annotations

from rich.text import Text

from tui.views.layout import DISAGREE_MARK, Block, Layout, fit_width, wrap_lines
from tui.views.render import clean, outlet
from tui.views.wrap import line_breaks


class DisagreementsLayout(Layout):
    """Every discrepancy: what it is about and its group, then each outlet's value."""

    INDENT = 3

    def measure(self) -> list[Block]:
        self.text_width = self.width - self.INDENT
        visible = set(self.state.visible)
        blocks = []
        for di, discrepancy in enumerate(self.lookup.discrepancies):
            if not discrepancy.disagrees_among(visible):
                continue
            values = discrepancy.values_among(visible)
            lines = (self._value_line(v, discrepancy.later_update).plain for v in values)
            height = 1 + sum(len(line_breaks(line, self.text_width)) for line in lines)
            blocks.append(Block(height + 1, di))
        return blocks or [Block(1, None)]

    def _value_line(self, value, dated: bool) -> Text:
        """'AP ¶29: some 50 kilometers (30 miles)  = 50 km / 30 mi': the value as written, then
        as compared when that says more (not a name's word it contains); the publication
        date only for a figure that grew with it, as in the reports."""
        where = f"{outlet(self.story, value.source)} ¶{value.paragraph + 1}"
        if dated and value.published:
            where += f", {clean(value.published)}"
        compared = clean(value.value)
        says_more = compared.lower() not in clean(value.text).lower()
        return Text.assemble(
            (f"{where}: ", self.palette.label),
            clean(value.text),
            (f"  = {compared}" if says_more else "", self.palette.dim),
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
        return fit_width(head, self.width)

    def render_block(self, index: int, selected: bool) -> list[Text]:
        di = self.blocks[index].item
        if di is None:
            return [fit_width(Text(" No discrepancy between the sources shown.", self.palette.dim), self.width)]
        discrepancy = self.lookup.discrepancies[di]
        gutter = self.gutter(selected)
        pad = Text(" " * (self.INDENT - 1))
        lines = [self.head_line(index, selected)]
        for value in discrepancy.values_among(set(self.state.visible)):
            for line in wrap_lines(self._value_line(value, discrepancy.later_update), self.text_width):
                lines.append(fit_width(Text.assemble(gutter, pad, line), self.width))
        lines.append(fit_width(gutter, self.width))
        return lines
