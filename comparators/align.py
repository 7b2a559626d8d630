"""N-way alignment of passages across sources (placeholder: every passage alone)."""

from __future__ import annotations

from comparators.model import Group, GroupKind, Member, Settings, Story


def align(story: Story, settings: Settings) -> tuple[Group, ...]:
    groups = []
    for source in story.sources:
        for paragraph in source.paragraphs:
            member = Member(source.id, paragraph.index, paragraph.text)
            groups.append(Group(id="", kind=GroupKind.UNIQUE, members=(member,)))
    return tuple(groups)


def order_groups(groups: tuple[Group, ...], story: Story, pivot: str) -> tuple[Group, ...]:
    """Groups in the pivot's reading order, renumbered g1, g2, ..."""
    source_rank = {s.id: i for i, s in enumerate(story.sources)}

    def key(group: Group) -> tuple:
        on_pivot = [m.paragraph for m in group.members if m.source == pivot]
        if on_pivot:
            return (0, min(on_pivot), 0)
        first = group.members[0]
        return (1, source_rank[first.source], first.paragraph)

    from dataclasses import replace

    ordered = sorted(groups, key=key)
    return tuple(replace(g, id=f"g{i + 1}") for i, g in enumerate(ordered))
