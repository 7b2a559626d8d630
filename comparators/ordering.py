"""The order groups are read in: the pivot's, with each outlet's own passages kept beside
their context. Plain sorting, so reordering for another pivot (`with_pivot`) needs no
alignment code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from comparators.model import Comparison, Group, Member, Story

if TYPE_CHECKING:
    from comparators.discrepancies import Discrepancy


def order_groups(groups: tuple[Group, ...], story: Story, pivot: str) -> tuple[Group, ...]:
    """Groups in the pivot's reading order, renumbered g1, g2, ...

    Groups without a pivot passage go right after the group that holds the
    passage preceding them in their own source (recursively), so an outlet's
    own material stays next to its context; those with no earlier passage lead.
    """
    rank = {s.id: i for i, s in enumerate(story.sources)}

    def place(m: Member) -> tuple[int, int, int]:
        return (rank[m.source], m.paragraph, -1 if m.sentence is None else m.sentence)

    holder = {place(m): g for g, group in enumerate(groups) for m in group.members}
    in_order = sorted(holder)  # every passage, by source then position
    previous = {here: there for there, here in zip(in_order, in_order[1:]) if there[0] == here[0]}
    keys: dict[int, tuple] = {}
    visiting: set[int] = set()

    def key(g: int) -> tuple:
        if g in keys:
            return keys[g]
        on_pivot = [place(m)[1:] for m in groups[g].members if m.source == pivot]
        if on_pivot:
            keys[g] = (min(on_pivot),)
            return keys[g]
        own = min(place(m) for m in groups[g].members)
        visiting.add(g)
        result = ((-1, -1), own)
        before = previous.get(own)
        while before is not None:
            h = holder[before]
            if h != g and h not in visiting:
                result = key(h) + (own,)
                break
            before = previous.get(before)
        visiting.discard(g)
        keys[g] = result
        return result

    ordered = sorted(range(len(groups)), key=key)
    return tuple(replace(groups[g], id=f"g{i + 1}") for i, g in enumerate(ordered))


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


def with_pivot(comparison: Comparison, pivot: str) -> Comparison:
    """The same comparison read in another source's order (no re-alignment)."""
    comparison.story.source(pivot)  # KeyError for an unknown id
    groups = order_groups(comparison.groups, comparison.story, pivot)
    # Groups are numbered anew in the new order: discrepancies follow their group's
    # new id and order; their own ids stay.
    new_id = {group.members: group.id for group in groups}
    renamed = {group.id: new_id[group.members] for group in comparison.groups}
    discrepancies = in_group_order(
        [replace(d, group=renamed.get(d.group, d.group)) for d in comparison.discrepancies], groups
    )
    return replace(
        comparison,
        pivot=pivot,
        pivot_reason="chosen" if pivot != comparison.pivot else comparison.pivot_reason,
        settings=replace(comparison.settings, pivot=pivot),
        groups=groups,
        discrepancies=discrepancies,
    )
