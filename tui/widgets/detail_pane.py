"""The detail pane: what changed in the selected group, where its outlets disagree, its
quotes, what cleaning removed; why it was matched only on request (`s`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from rich.text import Text
from textual.widgets import RichLog

from comparators import Quote
from comparators.changes import ChangeKind
from comparators.model import Mark
from comparators.quote_status import status_label
from comparators.reports.describe import mark_words
from tui.views.lookup import Lookup, removals_near
from tui.views.render import clean, outlet

QUOTE_PREVIEW = 90  # characters of a quote shown in the pane
FOCUSED_TITLE = "Detail"


class DetailPane(RichLog):
    """Line API like the aligned view. The pane is as tall as what it says (up to its
    max-height) and hidden when it has nothing to say; developer scores behind `s`."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, wrap=True, markup=False, auto_scroll=False, min_width=20)
        self._text = Text()
        self._text_of: tuple | None = None  # what `_text` was built from (see `show`)
        self.show_scores = False

    def show(
        self,
        lookup: Lookup,
        group_index: int | None,
        quote: Quote | None = None,
        mark: Mark | None = None,
        shown: tuple[str, ...] | None = None,
    ) -> None:
        # A view change, a pivot change or a hidden source shows the cursor's group at
        # once and again when the view's `CursorMoved` arrives: the text is built once.
        # The lookup stands for the comparison and its order (a new one at each pivot).
        text_of = (lookup, group_index, quote, mark, shown, self.show_scores)
        if text_of == self._text_of:
            return
        self._text_of = text_of
        text = detail_text(lookup, group_index, quote, mark, scores=self.show_scores, shown=shown)
        has_something = bool(text.plain)
        if text == self._text and self.display == has_something:
            return  # drawn already, or drawn on the first resize
        self._text = text
        if self.display != has_something:  # a change of display lays the screen out again
            self.display = has_something
        self._draw()

    def _draw(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or not self.display:
            return  # drawn on the first resize
        lines = self.virtual_size.height
        self.clear()
        self.write(self._text, width=width, scroll_end=False)
        self.scroll_home(animate=False)
        if self.virtual_size.height != lines:
            self.refresh(layout=True)  # the pane's height follows its lines

    def on_resize(self) -> None:
        self._draw()

    # A title only while focused: the focused pane's title is what says, in reverse and
    # without colour too, where the keys go (the arrows then scroll this pane).
    def on_focus(self) -> None:
        self.border_title = FOCUSED_TITLE

    def on_blur(self) -> None:
        self.border_title = None


def detail_text(
    lookup: Lookup,
    group_index: int | None,
    quote: Quote | None = None,
    mark: Mark | None = None,
    scores: bool = False,
    shown: Collection[str] | None = None,
) -> Text:
    """What a reader checks in the selected group, in plain words ('' when nothing);
    with `scores`, the figures the alignment matched it by. With `shown`, only what
    those outlets say: a hidden outlet's edits, values, quotes and removals are left out."""
    story = lookup.comparison.story
    text = Text(end="")
    if group_index is None:
        return text
    shown = None if shown is None else set(shown)  # a group may have 400 members
    group = lookup.groups[group_index]

    def heading(title: str) -> None:
        text.append(f"\n{title}\n" if text.plain else f"{title}\n", style="bold underline")

    if scores:  # first: who asks for them reads them before the rest
        score_text(text, lookup, group_index, heading)
    if quote is not None:
        text.append("\n" if text.plain else "")
        text.append(f"Quote by {clean(quote.speaker or 'unknown speaker')}", style="italic")
        text.append(f" ({quote.speaker_evidence})" if quote.speaker_evidence else "", style="dim")
    edited = [c.sources for c in lookup.changes_shown(group_index, shown) if c.kind == ChangeKind.EDITED]
    order = {source.id: n for n, source in enumerate(story.sources)}
    for hub, partners in _by_shared_outlet(edited, order):
        text.append("\n" if text.plain else "")
        text.append("Edited copy: ", style="bold")
        others = ", ".join(outlet(story, s) for s in partners)
        each = "each of " if len(partners) > 1 else ""
        text.append(f"{outlet(story, hub)} and {each}{others} carry the same text with a few words changed.")
    if mark is not None:
        heading("Review")
        text.append(mark_words(mark) or "note", style="bold")
        if mark.note:
            text.append("\n" + clean(mark.note), style="italic")
    disagreements = lookup.discrepancies_shown(group_index, shown)
    if disagreements:
        heading("Where outlets disagree")
        for discrepancy in disagreements:
            text.append(f"{discrepancy.id} {clean(discrepancy.fact)}\n", style="bold")
            values = discrepancy.values_among(shown)
            for n, value in enumerate(values):
                text.append("  │  " if n else "  ", style="dim")
                text.append(f"{outlet(story, value.source)} ¶{value.paragraph + 1}: ", style="bold")
                text.append(clean(value.text))
                if discrepancy.later_update and value.published:
                    text.append(f" ({clean(value.published)})", style="dim")
            text.append("\n")
        text.rstrip()
    quotes = [q for q in lookup.quotes_in(group_index) if shown is None or q.source in shown]
    if quotes:
        heading("Quotes")
        for q in quotes:
            words = clean(q.text)
            if len(words) > QUOTE_PREVIEW:
                words = words[: QUOTE_PREVIEW - 1] + "…"
            text.append(f"{status_label(q.status)}  ", style="bold" if q.status != "shared" else "")
            text.append(f"{clean(q.speaker or 'unknown speaker')} ({outlet(story, q.source)}): ")
            text.append(words + "\n", style="italic")
        text.rstrip()
    sources = {source.id: source for source in story.sources}  # a group may have 400 members
    removed = [
        (member.source, removal)
        for member in group.members
        if shown is None or member.source in shown
        for removal in removals_near(sources[member.source], member.paragraph)
    ]
    if removed:
        heading("Removed nearby by cleaning")
        for source_id, removal in removed:
            text.append(f"{outlet(story, source_id)} line {removal.line}: ", style="bold")
            text.append(clean(removal.text), style="strike")
            text.append(f"  ({clean(removal.reason)})\n", style="dim")
        text.rstrip()
    return text


def _by_shared_outlet(pairs: list[tuple[str, ...]], order: dict[str, int]) -> list[tuple[str, list[str]]]:
    """Pairs of outlets as (outlet, its partners), the outlet in most pairs first: a wire
    story twelve outlets edit is one line, not eleven that push the rest out of the pane."""
    partners: dict[str, set[str]] = defaultdict(set)
    for a, b in pairs:
        partners[a].add(b)
        partners[b].add(a)
    found = []
    while partners:
        most = max(map(len, partners.values()))
        hub = min((s for s, mates in partners.items() if len(mates) == most), key=order.__getitem__)
        mates = partners.pop(hub)
        for mate in mates:
            partners[mate].discard(hub)
            if not partners[mate]:
                del partners[mate]
        found.append((hub, sorted(mates, key=order.__getitem__)))
    return found


def score_text(text: Text, lookup: Lookup, group_index: int, heading) -> None:
    """The alignment's figures for developers: group scores and each link's score and words."""
    story = lookup.comparison.story
    group = lookup.groups[group_index]
    heading(f"Scores of {group.id}")
    text.append("  ".join(f"{name} {value:.2f}" for name, value in group.scores.items()) or "none")
    if group.links:
        heading("Why matched")
        for link in group.links:
            a, b = outlet(story, link.a[0]), outlet(story, link.b[0])
            text.append(f"{a} ¶{link.a[1] + 1} ↔ {b} ¶{link.b[1] + 1}  {link.score:.2f}")
            text.append(f" wording {link.wording:.2f}", style="dim")
            if link.evidence:
                text.append(": " + ", ".join(clean(e) for e in link.evidence), style="dim")
            text.append("\n")
        text.rstrip()
