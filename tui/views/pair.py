"""The pair view: the pivot against one other source, word by word: `[-pivot only-]{+other only+}`."""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from rich.text import Text

from comparators.diff_markup import WDIFF
from tui.views.layout import Block, Layout, fit_width, wrap_lines
from tui.views.render import clean, find_all, outlet, pair_plain, pair_text
from tui.views.wrap import line_breaks


class PairLayout(Layout):
    """The pivot against one other source, word by word: `[-pivot only-]{+other only+}`."""

    ruler_height = 1

    def pair(self) -> tuple[str, str | None]:
        return self.state.visible[0], self.state.partner

    def _texts(self, group_index: int) -> tuple[str, str]:
        """The pair's two passages in the group ('' where an outlet has none)."""
        return self.lookup.pair_texts(group_index, *self.pair())

    def measure(self) -> list[Block]:
        a, b = self.pair()
        self.text_width = width = self.width - 1
        blocks = []
        lookup = self.lookup
        for gi, (sources, texts) in enumerate(zip(lookup.group_sources, lookup.group_texts())):
            # One side alone is as tall whichever it is (`pair_height`).
            if a in sources:
                height = pair_height(texts[a], texts[b] if b in sources else "", width)
            elif b in sources:  # (b None is in no group)
                height = pair_height(texts[b], "", width)
            else:
                continue
            blocks.append(Block(height, gi))
        return blocks

    def _text(self, group_index: int, current_hit: int | None = None) -> Text:
        return pair_text(*self._texts(group_index), self.palette, self.state.search, current_hit)

    def ruler(self) -> Text:
        a, b = self.pair()
        if b is None:
            return fit_width(Text(" Pair view: show a second source (1-9) to compare", self.palette.dim), self.width)
        return fit_width(
            Text.assemble(
                " ",
                (WDIFF.around(-1, outlet(self.story, a)), self.palette.deleted),
                " → ",
                (WDIFF.around(1, outlet(self.story, b)), self.palette.inserted),
                ("  (c: compare with another outlet)", self.palette.dim),
            ),
            self.width,
        )

    def hit_line(self, index: int, source_id: str | None, k: int) -> int:
        plain = pair_plain(*self._texts(self.blocks[index].item))
        hits = find_all(plain, self.state.search)
        if k >= len(hits):
            return 0
        return bisect_right([a for a, _ in line_breaks(plain, self.text_width)], hits[k][0])  # -1 for the line index, +1 for the head line

    def render_block(self, index: int, selected: bool) -> list[Text]:
        gi = self.blocks[index].item
        gutter = self.gutter(selected)
        lines = [self.group_header(gi, selected, self.width)]
        text = self._text(gi, self.current_hit(gi, None))
        for line in wrap_lines(text, self.text_width):
            lines.append(fit_width(Text.assemble(gutter, line), self.width))
        lines.append(fit_width(gutter, self.width))
        return lines


@lru_cache(maxsize=1 << 16)
def pair_height(a: str, b: str, width: int) -> int:
    """Lines of `pair_text(a, b)`'s block at `width`: its head line, the text, a blank.
    Kept by texts: a new pivot measures some 1,000 pairs of the 2,000-group story, most
    with one side only, which another pair of outlets measured already. A text alone is
    as tall on either side (`[-a-]` and `{+a+}`: markers as wide, neither a space), so
    the pair view asks for it as `(text, "")`, spelt out without the word diff."""
    plain = pair_plain(a, b) if b else WDIFF.around(-1, clean(a)) if a else ""
    return 1 + len(line_breaks(plain, width)) + 1
