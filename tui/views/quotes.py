"""The quotes view: every quote: status, speaker, outlet and group, then its words."""

from __future__ import annotations

from rich.text import Text

from comparators import QuoteStatus
from comparators.quote_status import match_label, status_label
from tui.views.layout import Block, Layout, fit_width, wrap_lines
from tui.views.render import clean, outlet
from tui.views.wrap import line_breaks


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
            QuoteStatus.VARIANT: self.palette.quote_variant,
            QuoteStatus.SHARED: self.palette.quote,
        }[quote.status]
        gi = self.lookup.quote_group.get(quote.id)
        where = f" · {self.lookup.groups[gi].id}" if gi is not None else ""
        head = Text.assemble(
            self.gutter(selected),
            (status_label(quote.status), status_style),
            "  ",
            (clean(quote.speaker or "unknown speaker"), self.palette.header),
            " · ",
            (outlet(self.story, quote.source), self.palette.label),
            (where, self.palette.dim),
        )
        if selected:
            head.stylize(self.palette.cursor, 1)
        return fit_width(head, self.width)

    def render_block(self, index: int, selected: bool) -> list[Text]:
        qi = self.blocks[index].item
        if qi is None:
            return [fit_width(Text(" No quotes in the sources shown.", self.palette.dim), self.width)]
        quote = self.lookup.quotes[qi]
        gutter = self.gutter(selected)
        lines = [self.head_line(index, selected)]
        text = Text(clean(quote.text), self.palette.quote)
        if self.state.search:
            text.highlight_words([self.state.search], self.palette.match, case_sensitive=False)
        pad = Text(" " * (self.INDENT - 1))
        for line in wrap_lines(text, self.text_width):
            lines.append(fit_width(Text.assemble(gutter, pad, line), self.width))
        if quote.matches:
            others = ", ".join(
                f"{outlet(self.story, m.source)} ({match_label(m)})" for m in quote.matches
            )
            lines.append(fit_width(Text.assemble(gutter, pad, (f"also: {others}", self.palette.dim)), self.width))
        lines.append(fit_width(gutter, self.width))
        return lines
