"""Indexes over a `Comparison` the reader needs at every key press.

Built once per comparison (and again after a pivot change): where each group's passages
stand, so another pivot only sorts (`comparators.ordering.ReadingIndex`), which group holds a quote,
which quotes a group holds, what changed in each group (`comparators.changes`), where
outlets disagree, per-source figures for the sources pane, and the predicates the jump
keys use. Nothing here aligns or scores anything.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from comparators import Comparison, GroupKind, Quote, QuoteStatus
from comparators.changes import Change, ChangeKind, group_changes, quote_homes
from comparators.model import Removal, Source
from comparators.ordering import MovedFrom, ReadingIndex, positions_before
from tui.views.render import clean_texts, find_all, member_plain
from tui.views.wrap import line_breaks


@dataclass(frozen=True, slots=True)
class SourceFigures:
    paragraphs: int
    words: int
    only_here: float  # share of the source's words in passages no other outlet has
    unique_quotes: int


class Lookup:
    def __init__(self, comparison: Comparison, reordered: Lookup | None = None) -> None:
        """`reordered`: the lookup of the same comparison read in another order (before a
        pivot change, `with_pivot`); what does not depend on the order is taken from it."""
        self.comparison = comparison
        self.groups = comparison.groups
        self.position = {group.id: i for i, group in enumerate(self.groups)}
        order = _old_positions(reordered, comparison) if reordered is not None else None
        # The groups `reordered` held, and where each group now stood in them (a pivot
        # change): whoever keeps figures per group moves them (`positions_before`).
        self.moved_from: MovedFrom | None = (reordered.groups, order) if order is not None else None
        if order is not None:  # a group's outlets do not depend on the order
            self.group_sources = [reordered.group_sources[i] for i in order]
        else:
            self.group_sources = [frozenset(group.sources) for group in self.groups]
        self._passage_lines: dict[tuple[str, int], list[int]] = {}
        self.quote_group = quote_homes(self.groups, comparison.quotes)
        self.group_quotes: dict[int, list[Quote]] = defaultdict(list)
        for quote in comparison.quotes:
            if quote.id in self.quote_group:
                self.group_quotes[self.quote_group[quote.id]].append(quote)
        self._searchable: dict[int, str] = {}  # id(group.members) -> `searchable_text`
        self._group_texts: list[Mapping[str, str]] | None = None  # `group_texts`, once asked for
        self._hit_counts: tuple[str, dict[int, Mapping[str, int]]] = ("", {})  # (term, `hit_counts` by id(members))
        homed_anew = self._homed_anew(reordered, order) if order is not None else set()
        if order is not None:
            self._passage_lines = self._moved_lines(reordered, order, homed_anew)
            self._searchable = reordered._searchable  # kept by members, which a reorder keeps
            if reordered._group_texts is not None:  # a group's texts go with it
                self._group_texts = [reordered._group_texts[i] for i in order]
            self._hit_counts = reordered._hit_counts  # likewise
        # The quotes view lists quotes in the pivot's reading order.
        self.quotes = sorted(
            comparison.quotes, key=lambda q: (self.quote_group.get(q.id, len(self.groups)), q.id)
        )
        self.figures = reordered.figures if order is not None else self._figures()
        self.reading = reordered.reading if order is not None else ReadingIndex.of(self.groups, comparison.story)
        # Where outlets disagree: each discrepancy's group, and each group's discrepancies.
        self.discrepancies = comparison.discrepancies
        self.discrepancy_group: list[int | None] = [self.position.get(d.group) for d in self.discrepancies]
        self.discrepancy_by_id = {d.id: d for d in self.discrepancies}
        self.group_discrepancies: dict[int, list] = defaultdict(list)
        for discrepancy, group_index in zip(self.discrepancies, self.discrepancy_group):
            if group_index is not None:
                self.group_discrepancies[group_index].append(discrepancy)
        # Per group, what to check. A group's changes go with it when no quote and no
        # discrepancy moved to another group.
        if order is not None and not homed_anew and self._discrepancies_stay(reordered):
            self.changes = tuple(reordered.changes[i] for i in order)
        else:
            self.changes = group_changes(comparison, self.quote_group)

    def _figures(self) -> dict[str, SourceFigures]:
        only_here: dict[str, int] = defaultdict(int)
        for group in self.groups:
            if len(group.sources) == 1:
                only_here[group.sources[0]] += sum(len(m.text.split()) for m in group.members)
        unique_quotes: dict[str, int] = defaultdict(int)
        for quote in self.comparison.quotes:
            if quote.status == QuoteStatus.UNIQUE:
                unique_quotes[quote.source] += 1
        figures = {}
        for source in self.comparison.story.sources:
            words = source.words
            figures[source.id] = SourceFigures(
                paragraphs=len(source.paragraphs),
                words=words,
                only_here=only_here[source.id] / words if words else 0.0,
                unique_quotes=unique_quotes[source.id],
            )
        return figures

    def _homed_anew(self, before: Lookup, order: list[int]) -> set[int]:
        """The groups (by new position) a quote left or found a home in when `before`'s
        groups were reordered (a quote's words in two groups go to the first)."""
        if not before.quote_group and not self.quote_group:
            return set()
        now_at = {old: new for new, old in enumerate(order)}
        homes_before = {quote_id: now_at[gi] for quote_id, gi in before.quote_group.items()}
        return {
            gi
            for quote_id in homes_before.keys() | self.quote_group.keys()
            if homes_before.get(quote_id) != self.quote_group.get(quote_id)
            for gi in (homes_before.get(quote_id), self.quote_group.get(quote_id))
            if gi is not None
        }

    def _discrepancies_stay(self, before: Lookup) -> bool:
        """Each discrepancy in the same group (by its members) as in `before`, between the same outlets."""
        def homes(lookup: Lookup) -> dict[str, tuple]:
            return {
                d.id: (d.sources, lookup.groups[gi].members if gi is not None else None)
                for d, gi in zip(lookup.discrepancies, lookup.discrepancy_group)
            }
        return homes(before) == homes(self)

    def _moved_lines(self, before: Lookup, order: list[int], homed_anew: set[int]) -> dict[tuple[str, int], list[int]]:
        """`before`'s measured passages, each moved with its group; measured again where a
        quote found another home (`homed_anew`)."""
        moved = {}
        for (source_id, width), lines in before._passage_lines.items():
            moved[(source_id, width)] = [lines[i] for i in order]
            for gi in homed_anew:
                moved[(source_id, width)][gi] = self._lines_of(gi, source_id, width)
        return moved

    def passage_lines(self, source_id: str, width: int) -> list[int]:
        """Per group, the lines of the source's passage wrapped at `width` (0: absent),
        remembered: the columns and stack views measure every group whenever the shown
        columns or sources change."""
        key = (source_id, width)
        lines = self._passage_lines.get(key)
        if lines is None:
            lines = self._passage_lines[key] = [self._lines_of(gi, source_id, width) for gi in range(len(self.groups))]
        return lines

    def _lines_of(self, group_index: int, source_id: str, width: int) -> int:
        if source_id not in self.group_sources[group_index]:
            return 0
        plain = member_plain(self.groups[group_index], source_id, self.quotes_in(group_index, source_id))
        return len(line_breaks(plain, width))

    def group_texts(self) -> list[Mapping[str, str]]:
        """Per group, each outlet's passage (`Group.texts`): made once, then moved with the
        groups at a pivot change. The pair view reads two outlets' texts in every group
        when it is measured and searched; `Group.text_of` walks the members each time."""
        if self._group_texts is None:
            self._group_texts = [group.texts() for group in self.groups]
        return self._group_texts

    def pair_texts(self, group_index: int, a: str, b: str | None) -> tuple[str, str]:
        """`a`'s and `b`'s passages in the group ('' where one has none; `b` None: none)."""
        texts = self.group_texts()[group_index]
        return texts.get(a, ""), texts.get(b, "") if b is not None else ""

    def searchable_text(self, group_index: int) -> str:
        """Every outlet's passage in the group as drawn, lowered and joined: a search
        passes over a group holding no hit in one step, not one per outlet."""
        members = self.groups[group_index].members
        text = self._searchable.get(id(members))
        if text is None:
            texts = clean_texts(self.groups[group_index]).values()
            text = self._searchable[id(members)] = "\0".join(texts).lower()
        return text

    def hit_counts(self, term: str) -> list[Mapping[str, int]]:
        """Per group, how often `term` (lowered) occurs in each outlet's passage as drawn
        (outlets without a hit left out). Remembered for the last term searched, by the
        groups' members: a search after a pivot change or a source hidden finds the same
        hits in another order (cleaning 2,000 groups' texts again cost 30 ms)."""
        kept_term, by_members = self._hit_counts
        if kept_term != term:
            by_members = {}
            self._hit_counts = (term, by_members)
        counts = []
        for group_index, group in enumerate(self.groups):
            found = by_members.get(id(group.members))
            if found is None:
                found = by_members[id(group.members)] = self._count_hits(group_index, term)
            counts.append(found)
        return counts

    def _count_hits(self, group_index: int, term: str) -> Mapping[str, int]:
        if term not in self.searchable_text(group_index):
            return {}
        found = {}
        for source_id, text in clean_texts(self.groups[group_index]).items():
            if hits := find_all(text, term):
                found[source_id] = len(hits)
        return found

    def quotes_in(self, group_index: int, source_id: str | None = None) -> list[Quote]:
        quotes = self.group_quotes.get(group_index, [])
        return [q for q in quotes if source_id is None or q.source == source_id]

    # -- predicates of the jump keys, per group

    def changes_shown(self, group_index: int, shown: Collection[str] | None = None) -> list[Change]:
        """The group's changes still to see with only the outlets `shown` (None: all):
        a disagreement only while two of them give different values."""
        changes = self.changes[group_index]
        if shown is None:
            return list(changes)
        return [
            c
            for c in changes
            if (
                self.discrepancy_by_id[c.about].disagrees_among(shown)
                if c.kind == ChangeKind.DISAGREES
                else c.shown_with(shown)
            )
        ]

    def discrepancies_shown(self, group_index: int, shown: Collection[str] | None = None) -> list:
        """The group's discrepancies where two of the outlets `shown` (None: all) disagree."""
        found = self.group_discrepancies.get(group_index, [])
        return list(found) if shown is None else [d for d in found if d.disagrees_among(shown)]

    def group_matches(self, group_index: int, what: str, shown: Collection[str] | None = None) -> bool:
        """`shown`: the outlets on screen, when a change must be visible to count."""
        group = self.groups[group_index]
        if what == "change":
            return bool(self.changes_shown(group_index, shown))
        if what == "unique":
            return group.kind == GroupKind.UNIQUE or len(group.sources) == 1
        if what == "quote":
            return any(q.status != QuoteStatus.SHARED for q in self.quotes_in(group_index))
        if what == "discrepancy":
            return bool(self.discrepancies_shown(group_index, shown))
        raise ValueError(what)

    @staticmethod
    def quote_matches(quote: Quote, what: str) -> bool:
        if what == "unique":
            return quote.status == QuoteStatus.UNIQUE
        return quote.status != QuoteStatus.SHARED  # "change" and "quote"


def _old_positions(before: Lookup, comparison: Comparison) -> list[int] | None:
    """Where each of `comparison`'s groups stood in `before`, when `comparison` holds the
    same groups of the same story and quotes in another order; else None."""
    if before.comparison.story is not comparison.story or before.comparison.quotes is not comparison.quotes:
        return None
    return positions_before(before.groups, comparison.groups)


def removals_near(source: Source, paragraph: int) -> list[Removal]:
    """What cleaning dropped between the paragraph before and the one after `paragraph`."""
    paragraphs = source.paragraphs
    if not 0 <= paragraph < len(paragraphs):
        return []
    low = paragraphs[paragraph - 1].line if paragraph > 0 else 0
    high = paragraphs[paragraph + 1].line if paragraph + 1 < len(paragraphs) else float("inf")
    return [r for r in source.removed if low < r.line < high]
