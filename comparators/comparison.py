"""The whole comparison of a story: what views and reports read."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from comparators.model import Group, Quote, QuoteGroup, QuotedTerm, Reuse, Settings, SettingsOverride, Story
from comparators.ordering import order_groups

if TYPE_CHECKING:  # its rules compile a few dozen regexes: loaded when a story is compared
    from comparators.discrepancies import Discrepancy
    from comparators.pipeline import Progress


@dataclass(frozen=True, slots=True)
class Comparison:
    story: Story
    settings: Settings  # as resolved: pivot and threshold filled in
    pivot: str  # source id whose order the groups follow
    groups: tuple[Group, ...]  # in reading order
    reuse: tuple[Reuse, ...] = ()
    quotes: tuple[Quote, ...] = ()
    warnings: tuple[str, ...] = ()  # e.g. a source left with no paragraphs
    quoted_terms: tuple[QuotedTerm, ...] = ()  # nicknames, names, scare quotes
    # Why the pivot is the pivot: "chosen", or a short label, a colon and figures
    # ("reused most: 382 of its 1229 words appear verbatim in another outlet").
    pivot_reason: str = ""
    discrepancies: tuple[Discrepancy, ...] = ()  # where outlets disagree, in reading order
    quote_groups: tuple[QuoteGroup, ...] = ()  # every quote's statement, named by `Quote.group`

    def group(self, group_id: str) -> Group:
        for group in self.groups:
            if group.id == group_id:
                return group
        raise KeyError(group_id)


def compare(story: Story, settings: SettingsOverride | None = None, progress: Progress | None = None) -> Comparison:
    """Align, diff and match quotes across the story's sources.

    `settings` overrides the story manifest's settings field by field (CLI wins);
    a field left None keeps the manifest's value. `progress`, when given, is called
    as the work goes (see `pipeline.run`).
    """
    from comparators.pipeline import run

    return run(story, settings, progress)


def in_group_order(discrepancies, groups: tuple[Group, ...]) -> tuple[Discrepancy, ...]:
    """`discrepancies` sorted by the position of their group in `groups`."""
    position = {group.id: i for i, group in enumerate(groups)}
    return tuple(sorted(discrepancies, key=lambda d: position.get(d.group, len(position))))


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
