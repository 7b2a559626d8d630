"""A small comparison written by hand, for the report golden files.

Built from plain data, not by aligning anything: a change to the alignment, the quote
rules or the seeds never rewrites the goldens; only a change to how reports are laid
out does. Three outlets, every kind of group, a quote two outlets share and one only
one has, a disagreement, a line removed by cleaning, a loading warning, review marks
with a note.
"""

from __future__ import annotations

from comparators.discrepancies import Discrepancy, DiscrepancyValue
from comparators.model import (
    Comparison,
    Group,
    GroupKind,
    Link,
    Mark,
    Member,
    Paragraph,
    Quote,
    QuoteGroup,
    QuoteLink,
    QuoteMatch,
    QuoteStatus,
    QuotedTerm,
    Removal,
    Reuse,
    Rewording,
    Settings,
    Source,
    Story,
)

TEXTS = {
    "ap": (
        "The storm reached the coast early Tuesday, officials said.",
        "“We are ready for the worst,” said Mayor Ann Lee.",
        "Some 40 homes were damaged, the fire service said.",
    ),
    "reuters": (
        "The storm reached the coast on Tuesday, officials said.",
        "“We are ready for the worst,” Mayor Ann Lee said.",
        "About 45 homes were damaged, the fire service said.",
    ),
    "herald": (
        "A powerful storm made landfall on Tuesday morning, according to local officials.",
        "Schools will stay closed until Friday, the “Storm Desk” reported.",
        "“The worst is behind us,” Lee told the Herald.",
    ),
}

# Review marks the reports show with their notes.
MARKS = {
    "g1": Mark(reviewed=True),
    "g3": Mark(flagged=True, note="Check the count with the fire service"),
}


def _source(id: str, outlet: str, **metadata) -> Source:
    paragraphs = tuple(Paragraph(i, text, 2 * i + 1) for i, text in enumerate(TEXTS[id]))
    return Source(id=id, outlet=outlet, path=None, paragraphs=paragraphs, **metadata)


def _member(source: str, paragraph: int) -> Member:
    return Member(source, paragraph, TEXTS[source][paragraph])


def _offsets(source: str, paragraph: int, words: str) -> tuple[int, int]:
    start = TEXTS[source][paragraph].index(words)
    return start, start + len(words)


def _quote(source: str, number: int, paragraph: int, text: str, speaker: str, group: str, *matches: QuoteMatch) -> Quote:
    start, end = _offsets(source, paragraph, text)
    return Quote(
        id=f"{source}:q{number}",
        source=source,
        paragraph=paragraph,
        start=start,
        end=end,
        text=text,
        speaker=speaker,
        speaker_evidence="'X said' after the quote",
        status=QuoteStatus.SHARED if matches else QuoteStatus.UNIQUE,
        matches=matches,
        speaker_key="ann lee",
        group=group,
    )


def fixed_comparison() -> Comparison:
    story = Story(
        title="Storm hits the coast",
        sources=(
            _source("ap", "AP", title="Storm reaches the coast", date="2024-03-05", url="https://example.org/ap/storm"),
            _source("reuters", "Reuters", title="Storm makes landfall", date="2024-03-06", url="https://example.org/reuters"),
            _source(
                "herald",
                "The Herald",
                removed=(Removal("Share this article", "share-count", "a share button, not article text", 2),),
            ),
        ),
        settings=Settings(threshold=0.5, pivot="ap"),
        warnings=("herald.txt: not UTF-8; read as cp1252 (detected), check for odd characters",),
    )
    groups = (
        Group(
            "g1",
            GroupKind.SHARED,
            (_member("ap", 0), _member("reuters", 0), _member("herald", 0)),
            (Link(("ap", 0), ("reuters", 0), 0.9, ("storm", "coast"), 0.8),),
            rewording=Rewording.PARAPHRASE,
        ),
        Group(
            "g2",
            GroupKind.PARTIAL,
            (_member("ap", 1), _member("reuters", 1)),
            (Link(("ap", 1), ("reuters", 1), 0.95, ("ann", "lee"), 0.85),),
            rewording=Rewording.LIGHT,
        ),
        Group(
            "g3",
            GroupKind.PARTIAL,
            (_member("ap", 2), _member("reuters", 2)),
            (Link(("ap", 2), ("reuters", 2), 0.8, ("homes",), 0.75),),
            rewording=Rewording.LIGHT,
        ),
        Group("g4", GroupKind.UNIQUE, (_member("herald", 1),)),
        Group("g5", GroupKind.UNIQUE, (_member("herald", 2),)),
    )
    quotes = (
        _quote("ap", 1, 1, "We are ready for the worst,", "Ann Lee", "qg1", QuoteMatch("reuters:q1", "reuters", "shared", 1.0)),
        _quote("reuters", 1, 1, "We are ready for the worst,", "Ann Lee", "qg1", QuoteMatch("ap:q1", "ap", "shared", 1.0)),
        _quote("herald", 1, 2, "The worst is behind us,", "Lee", "qg2"),
    )
    return Comparison(
        story=story,
        settings=story.settings,
        pivot="ap",
        groups=groups,
        reuse=(
            Reuse("ap", "reuters", 0.62),
            Reuse("reuters", "ap", 0.6),
            Reuse("herald", "ap", 0.0),
            Reuse("ap", "herald", 0.0),
        ),
        quotes=quotes,
        quoted_terms=(QuotedTerm("herald:t1", "herald", 1, *_offsets("herald", 1, "Storm Desk"), "Storm Desk"),),
        pivot_reason="chosen",
        discrepancies=(
            Discrepancy(
                "d1",
                "number",
                "homes damaged",
                "g3",
                (
                    DiscrepancyValue("ap", 2, "Some 40 homes", "40", "2024-03-05"),
                    DiscrepancyValue("reuters", 2, "About 45 homes", "45", "2024-03-06"),
                ),
                later_update=True,
            ),
        ),
        quote_groups=(
            QuoteGroup("qg1", (("ap:q1", "reuters:q1"),), (QuoteLink(0, 0, "shared", 1.0),)),
            QuoteGroup("qg2", (("herald:q1",),)),
        ),
    )
