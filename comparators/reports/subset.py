"""A comparison narrowed to some of its sources, as if the others were never loaded.

Reports and the reader's export honour hidden sources through this one function, so
a group's kind, a quote's status and the reuse figures are always stated relative to
the outlets the reader actually sees.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from comparators.ordering import in_group_order, with_pivot
from comparators.errors import StoryError
from comparators.model import Comparison, Group, GroupKind, Quote, QuoteGroup
from comparators.quote_status import quote_status


def restrict(comparison: Comparison, source_ids: Collection[str]) -> Comparison:
    """`comparison` with only the sources in `source_ids` (kept in story order).

    Groups lose the members of other sources (groups left empty disappear) and their
    kind is recomputed; quotes and reuse figures of other sources are dropped and the
    remaining quotes' status is recomputed from the matches that are left (quoted terms
    of other sources go too; quote groups keep their ids and lose the links no two kept
    sources make); a discrepancy stays while two kept outlets differ. When
    the pivot is not kept, the kept source with most words becomes the pivot. Group ids
    are kept, even when the pivot changes. Raises `StoryError` naming an unknown id or
    an empty selection.
    """
    story = comparison.story
    known = [s.id for s in story.sources]
    unknown = [i for i in source_ids if i not in known]
    if unknown:
        raise StoryError(
            None, f"unknown source id {unknown[0]!r}; this story has: {', '.join(known)}"
        )
    keep = set(source_ids)
    if not keep:
        raise StoryError(None, "no sources selected")
    if keep == set(known):
        return comparison
    if comparison.pivot not in keep:
        kept = [s for s in story.sources if s.id in keep]
        # with_pivot numbers groups in the new reading order; marks and the reader
        # refer to the ids they had, so those are put back (discrepancies' too).
        ids = {group.members: group.id for group in comparison.groups}
        discrepancies = comparison.discrepancies
        comparison = with_pivot(comparison, max(kept, key=lambda s: s.words).id)
        groups = tuple(replace(g, id=ids[g.members]) for g in comparison.groups)
        discrepancies = in_group_order(discrepancies, groups)
        comparison = replace(comparison, groups=groups, discrepancies=discrepancies)
    count = len(keep)
    groups = tuple(
        g for g in (_restrict_group(g, keep, count) for g in comparison.groups) if g is not None
    )
    quotes = tuple(_restrict_quote(q, keep) for q in comparison.quotes if q.source in keep)
    return replace(
        comparison,
        story=replace(story, sources=tuple(s for s in story.sources if s.id in keep)),
        groups=groups,
        reuse=tuple(r for r in comparison.reuse if r.source in keep and r.other in keep),
        quotes=quotes,
        quote_groups=_restrict_quote_groups(comparison.quote_groups, quotes),
        quoted_terms=tuple(t for t in comparison.quoted_terms if t.source in keep),
        discrepancies=_restrict_discrepancies(comparison.discrepancies, keep, groups),
    )


def _restrict_group(group: Group, keep: set[str], count: int) -> Group | None:
    members = tuple(m for m in group.members if m.source in keep)
    if not members:
        return None
    kept_sources = len({m.source for m in members})
    kind = (
        GroupKind.SHARED
        if kept_sources == count
        else GroupKind.PARTIAL
        if kept_sources > 1
        else GroupKind.UNIQUE
    )
    links = tuple(link for link in group.links if link.a[0] in keep and link.b[0] in keep)
    rewording = group.rewording if kept_sources > 1 else None
    return replace(group, kind=kind, members=members, links=links, rewording=rewording)


def _restrict_discrepancies(discrepancies, keep: set[str], groups: tuple[Group, ...]):
    # A discrepancy stays while two kept outlets still give different values; one whose
    # group went with the outlets left out moves to the group of its first kept value.
    ids = {g.id for g in groups}
    group_of = {(m.source, m.paragraph): g.id for g in reversed(groups) for m in g.members}
    kept = []
    for discrepancy in discrepancies:
        if discrepancy.disagrees_among(keep):
            values = discrepancy.values_among(keep)
            group = discrepancy.group
            if group not in ids:
                places = [(v.source, v.paragraph) for v in values]
                group = next((group_of[place] for place in places if place in group_of), None)
            kept.append(replace(discrepancy, values=values, group=group))
    return tuple(kept)


def _restrict_quote(quote: Quote, keep: set[str]) -> Quote:
    matches = tuple(m for m in quote.matches if m.source in keep)
    if len(matches) == len(quote.matches):
        return quote
    return replace(quote, matches=matches, status=quote_status(matches))


def _restrict_quote_groups(groups: tuple[QuoteGroup, ...], quotes: tuple[Quote, ...]) -> tuple[QuoteGroup, ...]:
    source_of = {q.id: q.source for q in quotes}
    kept = []
    for group in groups:
        position: dict[int, int] = {}
        wordings: list[tuple[str, ...]] = []
        for index, wording in enumerate(group.wordings):
            left = tuple(q for q in wording if q in source_of)
            if left:
                position[index] = len(wordings)
                wordings.append(left)
        if not wordings:
            continue
        links = []
        for link in group.links:
            if link.a in position and link.b in position:
                a, b = position[link.a], position[link.b]
                # A link holds between copies from different sources: two kept sources at least.
                if len({source_of[q] for q in (*wordings[a], *wordings[b])}) > 1:
                    links.append(replace(link, a=a, b=b))
        kept.append(replace(group, wordings=tuple(wordings), links=tuple(links)))
    return tuple(kept)
