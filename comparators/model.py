"""Plain, immutable data passed from the comparator layer to views and reports.

Everything here is a frozen dataclass built by pure functions elsewhere in
`comparators/`; nothing in this module computes anything expensive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from enum import StrEnum
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # its rules compile a few dozen regexes: loaded when a story is compared
    from comparators.discrepancies import Discrepancy

T = TypeVar("T")

# Chinese and Japanese characters (kana, CJK ideographs); each one counts as a word.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHARACTER = re.compile(f"[{_CJK}]")
_CJK_WORD = re.compile(rf"[{_CJK}]|[^\s{_CJK}]*(?![{_CJK}])[^\W_][^\s{_CJK}]*")


def pickled_by_fields(cls: type[T]) -> type[T]:
    """A frozen dataclass pickled as a call with its fields in order (the same object
    back): about twice as fast both ways as a slotted dataclass's own state, which reads
    `fields()` again for each object, and worker processes (`workers.py`) send back
    hundreds of thousands (a long story's facts, a big story's groups)."""
    names = [f.name for f in fields(cls)]
    read = attrgetter(*names)
    if len(names) == 1:
        cls.__reduce__ = lambda self: (cls, (read(self),))
    else:
        cls.__reduce__ = lambda self: (cls, read(self))
    return cls


# ---------------------------------------------------------------- sources


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Removal:
    """A line or fragment that cleaning dropped from a source, and why."""

    text: str
    rule: str  # short identifier of the cleaning rule, e.g. "share-count"
    reason: str  # one human sentence a reader or report can show
    line: int  # 1-based line in the original file


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int  # 0-based position among the source's cleaned paragraphs
    text: str
    line: int  # 1-based line in the original file where it starts


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Source:
    id: str  # stable, unique inside a story, safe in file names and keys
    outlet: str
    path: Path | None
    paragraphs: tuple[Paragraph, ...]
    removed: tuple[Removal, ...] = ()
    title: str | None = None
    date: str | None = None  # ISO date as given by the manifest
    url: str | None = None
    dateline: str | None = None  # e.g. "MOSCOW/WASHINGTON, Aug. 17 (Xinhua) —"
    # The wire whose copy this is, as the text credits it ("AP" for a paper printing an
    # AP story); None when the text credits none. May equal `outlet`.
    origin: str | None = None
    outlet_evidence: str = "manifest"  # how the outlet name was found
    encoding: str = "utf-8"
    content_hash: str = ""  # sha256 of the file's bytes
    author: str | None = None  # from a web page's metadata
    fetched: str | None = None  # ISO time a web page was fetched (UTC)

    @property
    def words(self) -> int:
        """Words as a word processor counts them: runs between spaces, and each Chinese or
        Japanese character (those scripts put no space between words)."""
        if not any(_CJK_CHARACTER.search(p.text) for p in self.paragraphs):
            return sum(len(p.text.split()) for p in self.paragraphs)
        return sum(len(_CJK_WORD.findall(p.text)) for p in self.paragraphs)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Settings:
    """Comparison settings; `None` means "use the comparator's default"."""

    threshold: float | None = None
    comparator: str = "lexical"
    granularity: str = "paragraph"  # "paragraph" or "sentence"
    pivot: str | None = None  # source id; None picks the source with most text


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class SettingsOverride:
    """Settings a caller (the command line, a batch) puts over the manifest's:
    `None` leaves the manifest's value, or the default, in place."""

    threshold: float | None = None
    comparator: str | None = None
    granularity: str | None = None
    pivot: str | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Story:
    title: str
    sources: tuple[Source, ...]
    settings: Settings = Settings()
    manifest: Path | None = None
    warnings: tuple[str, ...] = ()

    def source(self, source_id: str) -> Source:
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)


# ---------------------------------------------------------------- alignment


class GroupKind(StrEnum):
    SHARED = "shared"  # every source of the story has a member
    PARTIAL = "partial"  # two or more sources, not all
    UNIQUE = "unique"  # one source only


class Rewording(StrEnum):
    IDENTICAL = "identical"
    LIGHT = "light rewording"
    PARAPHRASE = "paraphrase"


# `Link.wording` of two copies of one text (spacing and case aside), and the least a
# light rewording keeps; below it, a paraphrase.
IDENTICAL_WORDING = 0.98
LIGHT_WORDING = 0.6


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Member:
    """One source's passage inside a group."""

    source: str  # source id
    paragraph: int  # paragraph index in that source
    text: str
    sentence: int | None = None  # sentence index inside the paragraph (sentence granularity)
    # Indices of the paragraph's sentences that carry the group's fact; () when all do.
    # A paragraph reporting two facts stands in two groups, each naming its sentences.
    focus: tuple[int, ...] = ()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Link:
    """Evidence that two members report the same thing."""

    a: tuple[str, int]  # (source id, paragraph index)
    b: tuple[str, int]
    score: float
    evidence: tuple[str, ...] = ()  # shared rare words, names, numbers
    wording: float = 0.0  # word-sequence similarity (1.0: same words in the same order)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Group:
    id: str
    kind: GroupKind
    members: tuple[Member, ...]  # in story source order, then paragraph order
    links: tuple[Link, ...] = ()
    scores: dict[str, float] = field(default_factory=dict, hash=False, compare=False)
    rewording: Rewording | None = None  # None for unique groups

    @property
    def sources(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for member in self.members:
            seen.setdefault(member.source, None)
        return tuple(seen)

    def members_of(self, source_id: str) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.source == source_id)

    def text_of(self, source_id: str) -> str:
        """The source's passages in this group joined as one text ('' when absent)."""
        return "\n\n".join(m.text for m in self.members_of(source_id))

    def texts(self) -> dict[str, str]:
        """`text_of` every source the group has, in one pass over its members."""
        parts: dict[str, list[str]] = {}
        for member in self.members:
            parts.setdefault(member.source, []).append(member.text)
        return {source: "\n\n".join(texts) for source, texts in parts.items()}


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Reuse:
    """Share of `source`'s words standing in long verbatim runs of `other`."""

    source: str
    other: str
    verbatim_share: float


# ---------------------------------------------------------------- quotes


class QuoteStatus(StrEnum):
    SHARED = "shared"  # another outlet carries the same words
    VARIANT = "variant"  # another outlet has the same speaker saying it differently
    UNIQUE = "unique"  # no other outlet carries it


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class QuoteMatch:
    quote: str  # id of the matching quote
    source: str
    kind: str  # "shared" or "variant"
    similarity: float


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    source: str
    paragraph: int
    start: int  # character offsets of the quoted words inside the paragraph text
    end: int
    text: str
    speaker: str | None = None
    speaker_evidence: str = ""  # why this speaker, e.g. 'said after the quote'
    status: QuoteStatus = QuoteStatus.UNIQUE
    matches: tuple[QuoteMatch, ...] = ()
    # One key per person or organisation across the story's outlets, however each
    # outlet names them ("Komoyedo", "Adm. Vladimir Komoyedov"); None when unknown.
    speaker_key: str | None = None
    # A quote running on over several paragraphs ends in `end_paragraph` at `end`;
    # None when it ends in `paragraph`. `text` then joins the pieces with "\n\n".
    end_paragraph: int | None = None
    # The `QuoteGroup` holding every copy and variant of this statement ("" before matching).
    group: str = ""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class QuoteLink:
    """Every quote of wording `a` matches every quote of wording `b` from another source
    (`a == b`: the copies of one wording in different sources match each other)."""

    a: int  # index into `QuoteGroup.wordings`
    b: int
    kind: str  # "shared" or "variant"
    similarity: float


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """One statement: its wordings (quotes with the same words and speaker, scored once
    however many outlets carry them) and the links between them."""

    id: str  # "qg1", "qg2", ... in the story order of each group's first quote
    wordings: tuple[tuple[str, ...], ...]  # quote ids, in story order
    links: tuple[QuoteLink, ...] = ()

    @property
    def quotes(self) -> tuple[str, ...]:
        return tuple(quote for wording in self.wordings for quote in wording)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class QuotedTerm:
    """Words in quote marks that are not a quotation: a nickname, a name, a scare quote."""

    id: str
    source: str
    paragraph: int
    start: int  # character offsets of the words inside the paragraph text
    end: int
    text: str


# ---------------------------------------------------------------- review


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Mark:
    """A reviewer's marks on one group."""

    reviewed: bool = False
    flagged: bool = False
    note: str = ""


# ---------------------------------------------------------------- the comparison


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Comparison:
    """The whole comparison of a story: what views and reports read."""

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
