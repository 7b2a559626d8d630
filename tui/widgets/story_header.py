"""The header: the story's title and a one-line coverage summary."""

from __future__ import annotations

from rich.text import Text
from textual.visual import VisualType, visualize
from textual.widgets import Static

from tui.views.render import clean


MIN_TITLE = 24  # characters of the title kept however long the summary


class StoryHeader(Static):
    _shown: tuple[str, tuple[str, ...]] | None = None  # the title and summary last shown

    def show(self, title: str, summary: list[str]) -> None:
        """`summary` parts are joined with dots; screens add parts, e.g. review progress."""
        self._shown = (clean(title), tuple(summary))
        text, lines = self._fitted(*self._shown)
        # The whole screen is laid out again only when the header is not already as tall
        # as the new text: a new pivot or review mark changes its words, rarely its lines.
        self.update(text, layout=lines != self.content_size.height)

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)

    @staticmethod
    def _text(title: str, summary: tuple[str, ...]) -> Text:
        text = Text(title, style="bold", end="")
        if summary:
            text.append("  ")
            text.append(" · ".join(summary), style="dim")
        return text

    def _fitted(self, title: str, summary: tuple[str, ...]) -> tuple[Text, int | None]:
        """Title and summary, the title cut (…) at a word when both would not fit the
        header's lines: the summary (review progress, pivot, hidden sources) is what
        changes as one reads, and a headline's last words are what can go. With the
        lines the text takes (None before the first layout)."""
        text = self._text(title, summary)
        most = self.styles.max_height
        lines = self._lines(text)
        if most is None or lines is None or lines <= most.value:
            return text, lines
        fits = lambda n: self._lines(self._text(_cut(title, n), summary)) <= most.value  # noqa: E731
        # fits(low), or the least of a title kept when the summary alone fills the lines
        low, high = min(MIN_TITLE, len(title) - 1), len(title)
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if fits(middle) else (low, middle)
        text = self._text(_cut(title, low), summary)
        return text, self._lines(text)

    def _lines(self, content: VisualType) -> int | None:
        """Lines `content` takes at the current width (None before the first layout)."""
        width = self.content_size.width
        if not self.is_mounted or not width:
            return None
        return visualize(self, content).get_height(self.styles, width)


def _cut(title: str, length: int) -> str:
    """`title`'s first `length` characters, back to the last whole word, and '…'."""
    if length >= len(title):
        return title
    kept = title[:length]
    if " " in kept and not title[length].isspace():
        kept = kept[: kept.rindex(" ")]
    return kept.rstrip() + "…"
