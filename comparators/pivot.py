"""Which source the others are read against: the one they reuse most."""

from __future__ import annotations

from comparators.model import Group, GroupKind, Story
from comparators.reuse import SharedRuns, words_found_elsewhere

WIRE_SHARE = 0.2  # below this share of its words found elsewhere, nobody copied a source
TIE = 0.95  # sources within this share of the most copied words count as tied


def choose_pivot(story: Story, groups: tuple[Group, ...], runs: tuple[SharedRuns, ...]) -> tuple[str, str]:
    """`(source id, why)` of the default pivot; `why` starts with a short label
    ("reused most" or "most complete") and a colon, then the figures.

    The wire original that other outlets reprinted holds every run they copied
    from it, each reprint only the runs it kept: so the source with the most
    words found verbatim in another source. A wire and its one reprint hold the
    same runs; such ties (within TIE), and stories where no source has
    WIRE_SHARE of its words found elsewhere, go to the most complete account:
    the one in most groups shared with another outlet, then the longest.
    `runs` is `reuse.shared_runs(story)` (the reuse figures read them too).
    """
    found = words_found_elsewhere(story, runs)
    candidates = [s for s in story.sources if s.paragraphs] or list(story.sources)
    shared = dict.fromkeys(found, 0)
    for group in groups:
        if group.kind != GroupKind.UNIQUE:
            for source_id in group.sources:
                shared[source_id] += 1
    told = sum(1 for g in groups if g.kind != GroupKind.UNIQUE)

    def completeness(source) -> tuple[int, int]:
        return shared[source.id], source.words

    most = max(found[s.id][0] for s in candidates)
    copied = [s for s in candidates if most and found[s.id][0] >= TIE * most and found[s.id][0] >= WIRE_SHARE * found[s.id][1]]
    if copied:
        wire = max(copied, key=completeness)
        words, total = found[wire.id]
        return wire.id, f"reused most: {words} of its {total} words appear verbatim in another outlet"
    complete = max(candidates, key=completeness)
    return complete.id, f"most complete: in {shared[complete.id]} of {told} passages two or more outlets share"
