"""The order groups are read in: the pivot's, with each outlet's own passages kept beside
their context. Plain sorting, so reordering for another pivot (`with_pivot`) needs no
alignment code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from operator import attrgetter
from typing import TYPE_CHECKING

from comparators.model import Comparison, Group, Member, Story

if TYPE_CHECKING:
    from comparators.discrepancies import Discrepancy


_AFTER_ID = attrgetter(*(f.name for f in fields(Group)[1:]))  # a group's fields but its id, the first

Place = tuple[int, int, int]  # a passage: (source's rank in the story, paragraph, sentence or -1)
# Groups before a reordering, and where each group after it stood in them (`positions_before`).
MovedFrom = tuple[Sequence[Group], list[int]]


@dataclass(frozen=True, slots=True)
class ReadingIndex:
    """Where every group's passages stand, worked out once for a story's groups: all that
    ordering them for any pivot needs (`order_groups`), so choosing another pivot only
    sorts. Groups are known by their member tuple, which renumbering keeps."""

    story: Story
    members: tuple[tuple[Member, ...], ...]  # held, so their ids below stay theirs
    first: dict[int, Place]  # id(members) -> the group's first passage
    first_in: dict[int, dict[str, tuple[int, int]]]  # id(members) -> source -> its first (paragraph, sentence)
    holders: dict[Place, tuple[int, ...]]  # passage -> id(members) of the groups holding it
    previous: dict[Place, Place]  # passage -> the one before it in its source
    # id(members) -> the other groups holding the group's first passage, else the passage
    # before it in its source, and so on (the first such passage's; () when none does):
    # what a group without a pivot passage follows, whatever the pivot.
    leaders: dict[int, tuple[int, ...]]

    @classmethod
    def of(cls, groups: Sequence[Group], story: Story) -> ReadingIndex:
        rank = {s.id: i for i, s in enumerate(story.sources)}
        first: dict[int, Place] = {}
        first_in: dict[int, dict[str, tuple[int, int]]] = {}
        holders: dict[Place, tuple[int, ...]] = {}
        for group in groups:
            key = id(group.members)
            in_source: dict[str, tuple[int, int]] = {}
            for m in group.members:
                here = (m.paragraph, -1 if m.sentence is None else m.sentence)
                place = (rank[m.source], *here)
                holders[place] = holders.get(place, ()) + (key,)
                if m.source not in in_source or here < in_source[m.source]:
                    in_source[m.source] = here
            first_in[key] = in_source
            first[key] = min((rank[source], *here) for source, here in in_source.items())
        in_order = sorted(holders)  # every passage, by source then position
        previous = {here: there for there, here in zip(in_order, in_order[1:]) if there[0] == here[0]}
        leaders: dict[int, tuple[int, ...]] = {}
        for key, place in first.items():
            others: tuple[int, ...] = ()
            while place is not None:
                others = tuple(h for h in holders[place] if h != key)
                if others:
                    break
                place = previous.get(place)
            leaders[key] = others
        return cls(story, tuple(g.members for g in groups), first, first_in, holders, previous, leaders)

    def fits(self, groups: Sequence[Group], story: Story) -> bool:
        """Made for these groups (in any order or numbering) of this story."""
        return (
            story is self.story
            and len(groups) == len(self.members)
            and all(id(group.members) in self.first for group in groups)
        )


def order_groups(
    groups: tuple[Group, ...], story: Story, pivot: str, index: ReadingIndex | None = None
) -> tuple[Group, ...]:
    """Groups in the pivot's reading order, renumbered g1, g2, ...

    Groups without a pivot passage go right after another group holding their
    first passage (a paragraph telling two facts), else after the group that
    holds the passage preceding it in its own source (recursively), so an
    outlet's own material stays next to its context; those with neither lead.
    `index`: the groups' `ReadingIndex` when already made (for another pivot).
    """
    if index is None or not index.fits(groups, story):
        index = ReadingIndex.of(groups, story)
    keys: dict[int, tuple] = {}
    first_in, first, holders, previous, leaders = index.first_in, index.first, index.holders, index.previous, index.leaders
    position: dict[int, int] = {}  # id(members) -> place in `groups`, made when two groups tie

    def later(others: list[int]) -> int:
        if len(others) == 1:
            return others[0]
        if not position:
            position.update((id(group.members), i) for i, group in enumerate(groups))
        return max(others, key=position.__getitem__)

    def key(g: int) -> tuple:  # g: id(members)
        """The group's place: its pivot passage's, else that of the group it follows
        plus its own first passage. Walked as a chain, not by recursion: a long
        document's groups can follow one another thousands deep."""
        chain: list[int] = []  # groups waiting for the key of the one they follow
        visiting: set[int] = set()
        result: tuple | None = None
        while result is None:
            if g in keys:
                result = keys[g]
                break
            on_pivot = first_in[g].get(pivot)
            if on_pivot is not None:
                result = keys[g] = (on_pivot,)
                break
            own = first[g]
            visiting.add(g)
            place: Place | None = own  # then each passage before it in its source
            while place is not None:
                others = [h for h in holders[place] if h != g and h not in visiting]
                if others:  # of two (a paragraph telling two facts), the later
                    chain.append(g)
                    g = later(others)
                    break
                place = previous.get(place)
            else:
                result = keys[g] = ((-1, -1), own)
        for g in reversed(chain):
            result = keys[g] = result + (first[g],)
        return result

    # A group with a pivot passage (most) is keyed without a call, and so is one whose
    # walk meets, at its first passage held by another group, a group already placed
    # (what `key` would find in one step): a new pivot on a 2,000-group story keys
    # some 1,400 groups without a pivot passage.
    keyed = []
    for group in groups:
        g = id(group.members)
        on_pivot = first_in[g].get(pivot)
        if on_pivot is not None:
            keyed.append((on_pivot,))
            continue
        found = keys.get(g)
        if found is None:
            others = leaders[g]
            if others:
                h = later(others)
                placed = keys.get(h)
                if placed is None:
                    h_on_pivot = first_in[h].get(pivot)
                    if h_on_pivot is not None:
                        placed = keys[h] = (h_on_pivot,)
                if placed is not None:
                    found = keys[g] = placed + (first[g],)
            if found is None:
                found = key(g)
        keyed.append(found)
    ordered = [groups[i] for i in sorted(range(len(groups)), key=keyed.__getitem__)]
    # Made with the fields in order, not `replace` (which looks them all up again per
    # group), in one `map`: a pivot change on a 2,000-group story renumbers all of them.
    return tuple(map(Group, _numbers(len(ordered)), *zip(*map(_AFTER_ID, ordered)))) if ordered else ()


_NUMBERS: list[tuple[str, ...]] = [()]  # "g1", "g2", ...: the same strings for every order


def _numbers(n: int) -> tuple[str, ...]:
    """Group ids from g1, at least n of them."""
    kept = _NUMBERS[0]
    if len(kept) < n:
        kept = tuple(f"g{i + 1}" for i in range(n))
        _NUMBERS[0] = kept  # replaced whole: safe across threads
    return kept


def in_group_order(discrepancies, groups: tuple[Group, ...]) -> tuple[Discrepancy, ...]:
    """`discrepancies` sorted by the position of their group in `groups`."""
    position = {group.id: i for i, group in enumerate(groups)}
    return tuple(sorted(discrepancies, key=lambda d: position.get(d.group, len(position))))


def positions_before(before: Sequence[Group], after: Sequence[Group]) -> list[int] | None:
    """Each of `after`'s groups' position in `before`, when `after` holds the same groups
    renumbered and reordered (`with_pivot` keeps each group's member tuple, the very
    object), so whoever kept figures per group can move them instead of working them
    out again; None for other groups."""
    if len(before) != len(after):
        return None
    old = {id(group.members): i for i, group in enumerate(before)}
    order = [old.get(id(group.members)) for group in after]
    if None in order or len(set(order)) != len(order):
        return None
    return order


def with_pivot(comparison: Comparison, pivot: str, index: ReadingIndex | None = None) -> Comparison:
    """The same comparison read in another source's order (no re-alignment); `index`:
    its groups' `ReadingIndex` when kept from an earlier pivot change."""
    comparison.story.source(pivot)  # KeyError for an unknown id
    groups = order_groups(comparison.groups, comparison.story, pivot, index)
    # Groups are numbered anew in the new order: discrepancies follow their group's
    # new id and order; their own ids stay.
    # `order_groups` keeps each group's member tuple (the very object): matched by
    # identity, as hashing 400 outlets' members per group costs more than the sort.
    discrepancies = comparison.discrepancies
    if discrepancies:  # none: no walk over the groups to rename them
        new_id = {id(group.members): group.id for group in groups}
        renamed = {group.id: new_id[id(group.members)] for group in comparison.groups}
        discrepancies = in_group_order(
            [replace(d, group=renamed.get(d.group, d.group)) for d in discrepancies], groups
        )
    return replace(
        comparison,
        pivot=pivot,
        pivot_reason="chosen" if pivot != comparison.pivot else comparison.pivot_reason,
        settings=replace(comparison.settings, pivot=pivot),
        groups=groups,
        discrepancies=discrepancies,
    )
