"""What changed in each group, as a fact-checker looks for it.

A group holds a change when it shows something to check, not merely that outlets word
a passage their own way:

- EDITED: two outlets carry the same copy with a few words changed (their link's
  wording lies between a light rewording's and identical): the telling edits of wire copy.
- DISAGREES: outlets disagree on a figure, name, date or time (a discrepancy).
- UNIQUE_QUOTE: a quote no other outlet carries.
- REWORDED_QUOTE: a quote another outlet words differently.

Identical copies and paraphrases are no change: a word diff tells nothing about them.
The reader's `]`/`[` keys and its detail pane read these; nothing here is Textual's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from comparators.model import Comparison
from comparators.model import IDENTICAL_WORDING, LIGHT_WORDING, Group, Quote, QuoteStatus


class ChangeKind(StrEnum):
    EDITED = "edited copy"
    DISAGREES = "disagreement"
    UNIQUE_QUOTE = "unique quote"
    REWORDED_QUOTE = "reworded quote"


@dataclass(frozen=True, slots=True)
class Change:
    kind: ChangeKind
    sources: tuple[str, ...]  # the outlets it involves, in story order
    about: str = ""  # a discrepancy's or quote's id

    def shown_with(self, shown: Collection[str]) -> bool:
        """Visible while `shown` holds the outlets it needs: its one outlet, or two of them."""
        return sum(source in shown for source in self.sources) >= min(2, len(self.sources))


def quote_homes(groups: tuple[Group, ...], quotes: tuple[Quote, ...]) -> dict[str, int]:
    """Quote id -> index of the group holding its words (its paragraph's first group when
    the words were split across groups)."""
    quoted = {(quote.source, quote.paragraph) for quote in quotes}
    by_paragraph: dict[tuple[str, int], list[int]] = defaultdict(list)
    if quoted:  # only the quoted paragraphs' groups: a 400-outlet story has few next to its passages
        for i, group in enumerate(groups):
            for member in group.members:
                if (member.source, member.paragraph) in quoted:
                    by_paragraph[(member.source, member.paragraph)].append(i)
    homes: dict[str, int] = {}
    for quote in quotes:
        candidates = by_paragraph.get((quote.source, quote.paragraph), [])
        found = next(
            (i for i in candidates if quote.text in groups[i].text_of(quote.source)),
            candidates[0] if candidates else None,
        )
        if found is not None:
            homes[quote.id] = found
    return homes


def edited_pairs(group: Group) -> list[tuple[str, str]]:
    """Pairs of outlets whose copies of the group differ by a few words."""
    pairs = []
    for link in group.links:
        a, b = link.a[0], link.b[0]
        if a != b and LIGHT_WORDING <= link.wording < IDENTICAL_WORDING and (a, b) not in pairs:
            pairs.append((a, b))
    return pairs


def group_changes(comparison: Comparison, homes: dict[str, int] | None = None) -> tuple[tuple[Change, ...], ...]:
    """Each group's changes, in the comparison's group order; () where nothing changed.
    `homes` is `quote_homes` of the comparison when the caller has it already."""
    groups = comparison.groups
    homes = quote_homes(groups, comparison.quotes) if homes is None else homes
    order = {source.id: n for n, source in enumerate(comparison.story.sources)}
    found: list[list[Change]] = [[] for _ in groups]
    for i, group in enumerate(groups):
        for a, b in edited_pairs(group):
            found[i].append(Change(ChangeKind.EDITED, tuple(sorted((a, b), key=order.__getitem__))))
    position = {group.id: i for i, group in enumerate(groups)}
    for discrepancy in comparison.discrepancies:
        if discrepancy.group in position:
            found[position[discrepancy.group]].append(
                Change(ChangeKind.DISAGREES, discrepancy.sources, discrepancy.id)
            )
    for quote in comparison.quotes:
        if quote.id not in homes or quote.status == QuoteStatus.SHARED:
            continue
        if quote.status == QuoteStatus.UNIQUE:
            change = Change(ChangeKind.UNIQUE_QUOTE, (quote.source,), quote.id)
        else:
            others = {match.source for match in quote.matches} - {quote.source}
            sources = tuple(sorted({quote.source, *others}, key=lambda s: order.get(s, len(order))))
            change = Change(ChangeKind.REWORDED_QUOTE, sources, quote.id)
        found[homes[quote.id]].append(change)
    return tuple(tuple(changes) for changes in found)
