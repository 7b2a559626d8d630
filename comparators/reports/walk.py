"""The one walk over a comparison that every report format renders.

`walk(comparison, ...)` returns a `Report`: the report's sections in order, as plain
data, with every piece of article text, review note and warning already stripped of
control characters and escape sequences. Format modules only lay this data out; they
decide nothing about what a report contains or in which order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from comparators.diff import tokens, word_diff
from comparators.export import reference_source
from comparators.model import (
    Comparison,
    Group,
    GroupKind,
    Mark,
    QuoteStatus,
    Removal,
    Rewording,
    Source,
)
from comparators.quote_status import statements_by_speaker
from comparators.sanitize import strip_control

if TYPE_CHECKING:
    from comparators.discrepancies import Discrepancy

ONLY_CHOICES = ("differences", "unique", "quotes")

# A reuse pair is worth naming when this share of one outlet's words stands in long
# verbatim runs of the other's: below it, a shared quote or two explains the overlap.
LONG_RUN_SHARE = 0.10

# Below this share of an outlet's words in common with the reference, marking every
# difference only buries the text under markers: the passage is shown as written.
MIN_SHARED_WORDS = 0.5

Ops = tuple[tuple[int, str], ...]


@dataclass(frozen=True, slots=True)
class SourceEntry:
    id: str
    outlet: str
    title: str | None
    date: str | None
    url: str | None
    words: int
    removed: tuple[Removal, ...]


@dataclass(frozen=True, slots=True)
class ReusePair:
    """Two outlets sharing long verbatim runs, the one they weigh more in first."""

    source: str
    other: str
    share: float  # of `source`'s words standing in long verbatim runs of `other`
    back: float | None  # of `other`'s words in runs of `source` (None: not measured)


@dataclass(frozen=True, slots=True)
class Summary:
    passages: int
    shared_by_all: int
    shared_by_some: int
    only_one: int
    # matrix[i][j]: share of source i's words in long verbatim runs of source j, in
    # the order of Report.sources; None on the diagonal and where nothing was measured.
    reuse: tuple[tuple[float | None, ...], ...]
    long_runs: tuple[ReusePair, ...]  # pairs with a share >= LONG_RUN_SHARE, largest first


@dataclass(frozen=True, slots=True)
class Version:
    source: str
    ops: Ops  # word differences from the passage's reference; the reference's own is all 0

    @property
    def text(self) -> str:
        """This outlet's own words."""
        return "".join(text for op, text in self.ops if op >= 0)

    @property
    def rewritten(self) -> bool:
        """True when too few words are the reference's for a word diff to help."""
        shared = sum(len(_words(text)) for op, text in self.ops if op == 0)
        own = sum(len(_words(text)) for op, text in self.ops if op >= 0)
        return shared < MIN_SHARED_WORDS * own

    @property
    def same(self) -> bool:
        """True when the words are the reference's (spacing aside)."""
        return all(op == 0 or text.isspace() for op, text in self.ops)


@dataclass(frozen=True, slots=True)
class Passage:
    group: str
    kind: GroupKind
    rewording: Rewording | None
    sources: tuple[str, ...]  # the outlets that carry it, reference first
    versions: tuple[Version, ...]  # in the same order; versions[0] is the reference
    mark: Mark | None

    @property
    def reference(self) -> str:
        return self.sources[0]

    @property
    def identical(self) -> bool:
        return all(version.same for version in self.versions)


@dataclass(frozen=True, slots=True)
class Wording:
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QuoteEntry:
    """One remark as the outlets carry it: one wording, or several when reworded."""

    status: QuoteStatus
    wordings: tuple[Wording, ...]


@dataclass(frozen=True, slots=True)
class SpeakerQuotes:
    speaker: str | None  # None: no outlet says who spoke
    quotes: tuple[QuoteEntry, ...]  # unique first, then variant, then shared


@dataclass(frozen=True, slots=True)
class OwnPassage:
    group: str
    text: str
    mark: Mark | None


@dataclass(frozen=True, slots=True)
class OwnPassages:
    source: str
    passages: tuple[OwnPassage, ...]  # in the outlet's own reading order


@dataclass(frozen=True, slots=True)
class Report:
    """A report's sections in order. A section is None when the report leaves it out."""

    title: str
    dates: tuple[str, str] | None  # earliest and latest source date
    pivot: str
    disagreements: tuple[Discrepancy, ...] | None  # where outlets disagree, text made safe
    sources: tuple[SourceEntry, ...]
    warnings: tuple[str, ...]  # the story's and the comparison's, as the JSON export has them
    summary: Summary | None
    passages: tuple[Passage, ...] | None
    quotes: tuple[SpeakerQuotes, ...] | None
    own: tuple[OwnPassages, ...] | None
    review: tuple[Passage, ...] | None  # the marked passages; None without marks
    # With flagged_only: (flagged passages, all the story's passages); else None.
    flagged: tuple[int, int] | None = None

    def outlet(self, source_id: str) -> str:
        for source in self.sources:
            if source.id == source_id:
                return source.outlet
        raise KeyError(source_id)


def walk(
    comparison: Comparison,
    *,
    only: str | None = None,
    marks: Mapping[str, Mark] | None = None,
    flagged_only: bool = False,
) -> Report:
    """The sections of `comparison`'s report, in order.

    `only` keeps one section besides the title and sources: "differences" (the
    passages whose outlets do not all carry the same words, after where outlets
    disagree), "unique" (each outlet's own passages) or "quotes". `marks` maps group ids to review marks; with
    `flagged_only`, only flagged groups' passages are reported.
    """
    if only is not None and only not in ONLY_CHOICES:
        raise ValueError(f"only must be one of {', '.join(ONLY_CHOICES)}, not {only!r}")
    story = comparison.story
    groups = comparison.groups
    if flagged_only:
        marks = marks or {}
        groups = tuple(g for g in groups if g.id in marks and marks[g.id].flagged)
    passages = (
        tuple(_passage(g, comparison.pivot, _safe_mark((marks or {}).get(g.id))) for g in groups)
        if only != "quotes"
        else ()
    )
    dates = sorted(s.date for s in story.sources if s.date)
    return Report(
        title=strip_control(story.title),
        dates=(strip_control(dates[0]), strip_control(dates[-1])) if dates else None,
        pivot=comparison.pivot,
        disagreements=(
            tuple(
                _disagreement(d)
                for d in comparison.discrepancies
                if not flagged_only or d.group in {g.id for g in groups}
            )
            if only in (None, "differences")
            else None
        ),
        sources=tuple(_source_entry(s) for s in story.sources),
        warnings=tuple(strip_control(w) for w in (*story.warnings, *comparison.warnings)),
        summary=_summary(comparison) if only is None else None,
        passages=(
            passages
            if only is None
            else tuple(p for p in passages if not _same_everywhere(p, len(story.sources)))
            if only == "differences"
            else None
        ),
        quotes=_quotes(comparison) if only in (None, "quotes") else None,
        own=_own(story.sources, groups, passages) if only in (None, "unique") else None,
        review=(
            tuple(p for p in passages if p.mark is not None and p.mark != Mark())
            if marks is not None and only is None
            else None
        ),
        flagged=(len(groups), len(comparison.groups)) if flagged_only else None,
    )


def _disagreement(discrepancy: Discrepancy) -> Discrepancy:
    return replace(
        discrepancy,
        fact=strip_control(discrepancy.fact),
        values=tuple(replace(v, text=strip_control(v.text), value=strip_control(v.value)) for v in discrepancy.values),
    )


def _safe_mark(mark: Mark | None) -> Mark | None:
    # Review files are edited by hand: a note is as untrusted as article text.
    return replace(mark, note=strip_control(mark.note)) if mark is not None and mark.note else mark


def _source_entry(source: Source) -> SourceEntry:
    return SourceEntry(
        id=source.id,
        outlet=strip_control(source.outlet),
        title=strip_control(source.title) if source.title else None,
        date=strip_control(source.date) if source.date else None,
        url=strip_control(source.url) if source.url else None,
        words=source.words,
        removed=tuple(
            replace(r, text=strip_control(r.text), rule=strip_control(r.rule),
                    reason=strip_control(r.reason))
            for r in source.removed
        ),
    )


def _passage(group: Group, pivot: str, mark: Mark | None) -> Passage:
    # The same reference as the JSON export's diffs; the others in story order.
    reference = reference_source(group, pivot)
    sources = (reference, *(s for s in group.sources if s != reference))
    texts = [strip_control(group.text_of(s)) for s in sources]
    reference = texts[0]
    versions = (Version(sources[0], ((0, reference),)),) + tuple(
        Version(s, word_diff(reference, text)) for s, text in zip(sources[1:], texts[1:])
    )
    return Passage(group.id, group.kind, group.rewording, sources, versions, mark)


def _words(text: str) -> list[str]:
    """Words and punctuation marks as the word diff counts them."""
    return [token for token in tokens(text) if not token.isspace()]


def _same_everywhere(passage: Passage, source_count: int) -> bool:
    return len(passage.sources) == source_count and passage.identical


def _summary(comparison: Comparison) -> Summary:
    kinds = [g.kind for g in comparison.groups]
    ids = [s.id for s in comparison.story.sources]
    shares = {(r.source, r.other): r.verbatim_share for r in comparison.reuse}
    matrix = tuple(
        tuple(None if a == b else shares.get((a, b)) for b in ids) for a in ids
    )
    rank = {source_id: i for i, source_id in enumerate(ids)}
    pairs: dict[frozenset[str], ReusePair] = {}
    for (a, b), share in shares.items():
        pair = ReusePair(a, b, share, shares.get((b, a)))
        known = pairs.get(frozenset((a, b)))
        if share >= LONG_RUN_SHARE and (known is None or share > known.share):
            pairs[frozenset((a, b))] = pair
    long_runs = sorted(
        pairs.values(), key=lambda p: (-p.share, rank[p.source], rank[p.other])
    )
    return Summary(
        passages=len(kinds),
        shared_by_all=kinds.count(GroupKind.SHARED),
        shared_by_some=kinds.count(GroupKind.PARTIAL),
        only_one=kinds.count(GroupKind.UNIQUE),
        reuse=matrix,
        long_runs=tuple(long_runs),
    )


def _own(sources, groups, passages: tuple[Passage, ...]) -> tuple[OwnPassages, ...]:
    """Each source's unique passages, in the source's own reading order."""
    paragraph = {g.id: g.members[0].paragraph for g in groups}
    unique = sorted(
        (p for p in passages if p.kind == GroupKind.UNIQUE), key=lambda p: paragraph[p.group]
    )
    return tuple(
        OwnPassages(
            source.id,
            tuple(
                OwnPassage(p.group, p.versions[0].text, p.mark)
                for p in unique
                if p.reference == source.id
            ),
        )
        for source in sources
    )


# ---------------------------------------------------------------- quotes


def _quotes(comparison: Comparison) -> tuple[SpeakerQuotes, ...]:
    """Statements by speaker, most telling first (`statements_by_speaker`), text made safe."""
    speakers = statements_by_speaker(comparison.quotes, [s.id for s in comparison.story.sources])
    return tuple(
        SpeakerQuotes(
            strip_control(speaker.speaker) if speaker.speaker is not None else None,
            tuple(
                QuoteEntry(
                    statement.status,
                    tuple(
                        Wording(strip_control(same[0].text), tuple(dict.fromkeys(q.source for q in same)))
                        for same in statement.wordings
                    ),
                )
                for statement in speaker.statements
            ),
        )
        for speaker in speakers
    )
