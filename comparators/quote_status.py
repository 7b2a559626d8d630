"""Quote status, the statements quotes form, and the words that name a status.

Worked out once here for the reader, `synopsis quotes` and the reports:

- a *quote's* status (`quote_status`): shared when any of its matches has the same
  words, else variant when any rewords it, else unique (no other outlet carries it);
- a *statement* (`statements_by_speaker`): the quotes joined by their matches, one
  remark however worded, cut into wordings (quotes joined by same-word matches). Its
  status is variant when it has several wordings, shared when its one wording is in
  several outlets, unique otherwise;
- the labels (`STATUS_LABELS`, `status_label`), with a glyph for the unique ones so the
  difference survives monochrome.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from comparators.model import Quote, QuoteMatch, QuoteStatus
from comparators.union_find import UnionFind

UNIQUE_QUOTE_MARK = "✱"

STATUS_LABELS = {
    QuoteStatus.SHARED: "shared",
    QuoteStatus.VARIANT: "worded differently",
    QuoteStatus.UNIQUE: "only here",
}

# Statements an editor should look at first: what only one outlet has, then rewordings.
STATUS_RANK = {QuoteStatus.UNIQUE: 0, QuoteStatus.VARIANT: 1, QuoteStatus.SHARED: 2}


def status_label(status: QuoteStatus) -> str:
    """'shared', 'worded differently' or '✱ only here'."""
    label = STATUS_LABELS[status]
    return f"{UNIQUE_QUOTE_MARK} {label}" if status == QuoteStatus.UNIQUE else label


def match_label(match: QuoteMatch) -> str:
    """How another outlet carries a quote, in the reader's words: 'same words' or
    'worded differently, 53% alike' (the words' similarity)."""
    if match.kind == QuoteStatus.SHARED:
        return "same words"
    return f"{STATUS_LABELS[QuoteStatus.VARIANT]}, {match.similarity:.0%} alike"


def quote_status(matches: Iterable[QuoteMatch]) -> QuoteStatus:
    """A quote's status from its matches in other outlets."""
    kinds = {match.kind for match in matches}
    if QuoteStatus.SHARED in kinds:
        return QuoteStatus.SHARED
    if QuoteStatus.VARIANT in kinds:
        return QuoteStatus.VARIANT
    return QuoteStatus.UNIQUE


@dataclass(frozen=True, slots=True)
class Statement:
    """One remark as the outlets carry it: one wording, or several when reworded."""

    status: QuoteStatus
    wordings: tuple[tuple[Quote, ...], ...]  # quotes with the same words, in story order


@dataclass(frozen=True, slots=True)
class SpeakerStatements:
    speaker: str | None  # the name most quotes give; None: no outlet says who spoke
    statements: tuple[Statement, ...]  # unique first, then variant, then shared
    key: str | None = None  # the speaker's key (`Quote.speaker_key`): who, however spelled


def statements_by_speaker(
    quotes: Sequence[Quote], source_order: Sequence[str]
) -> tuple[SpeakerStatements, ...]:
    """`quotes` (a story's, in story order) as statements grouped by speaker.

    One heading per person however outlets name them (the engine's speaker key), shown
    as the name most quotes give (the longest on a tie: "Adm. X Y" over "Y"). Speakers
    come in the order of their most telling statement, the unknown speaker last.
    """
    source_rank = {source: i for i, source in enumerate(source_order)}
    position = {q.id: i for i, q in enumerate(quotes)}
    by_id = {q.id: q for q in quotes}
    remark = UnionFind(by_id)  # the same remark, however worded
    wording = UnionFind(by_id)  # the same words
    for quote in quotes:
        for match in quote.matches:
            if match.quote in by_id:
                remark.join(quote.id, match.quote)
                if match.kind == QuoteStatus.SHARED:
                    wording.join(quote.id, match.quote)

    names: dict[str, list[str]] = {}
    for quote in quotes:
        if quote.speaker:
            names.setdefault(quote.speaker_key or quote.speaker, []).append(quote.speaker)
    speakers: dict[str | None, list[tuple[tuple[int, int], Statement]]] = {}
    for members in remark.sets():
        members.sort(key=lambda q: (source_rank[by_id[q].source], position[q]))
        wordings: dict[str, list[Quote]] = {}
        for quote_id in members:
            wordings.setdefault(wording.key(quote_id), []).append(by_id[quote_id])
        statement = Statement(_statement_status(wordings.values()), tuple(map(tuple, wordings.values())))
        keys = [by_id[q].speaker_key or by_id[q].speaker for q in members]
        key = _most_common([k for k in keys if k])
        first = min(position[q] for q in members)
        speakers.setdefault(key, []).append(((STATUS_RANK[statement.status], first), statement))

    def speaker_order(item: tuple[str | None, list]) -> tuple:
        key, entries = item
        return (key is None, min(rank for rank, _ in entries))

    return tuple(
        SpeakerStatements(
            _most_common(names.get(key) or [key]) if key is not None else None,
            tuple(statement for _, statement in sorted(entries, key=lambda e: e[0])),
            key,
        )
        for key, entries in sorted(speakers.items(), key=speaker_order)
    )


def _statement_status(wordings: Iterable[Sequence[Quote]]) -> QuoteStatus:
    wordings = list(wordings)
    if len(wordings) > 1:
        return QuoteStatus.VARIANT
    if len({q.source for q in wordings[0]}) > 1:
        return QuoteStatus.SHARED
    return QuoteStatus.UNIQUE


def _most_common(items: list[str]) -> str | None:
    """The most frequent item, the longest on a tie, then the first; None for none."""
    if not items:
        return None
    return max(dict.fromkeys(items), key=lambda i: (items.count(i), len(i)))
