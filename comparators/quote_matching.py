"""Quotes matched across outlets: same words (shared), same speaker in other words (variant).

Two quotes from different sources are *shared* when the shorter one, three words
or more, stands inside the longer one almost word for word: rapidfuzz's partial
ratio of their normalised texts (case, punctuation, hyphens and quote marks
ignored) is at least `SHARED_THRESHOLD`. A fragment quoted by one outlet inside
a longer quote of another counts.

They are *variants* when they are not shared, the same speaker says them (same
`speaker_key`) and they say the same thing in other words, as two translations
of one statement do: the share of the shorter quote's content words (cut to
their first five letters, so "capacities" meets "capacity") found in the other
reaches `VARIANT_THRESHOLD`, or their partial ratio reaches `VARIANT_RATIO`.

A quote's status is shared when any match is shared, else variant when any is a
variant, else unique; every match is kept with its score.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import combinations

from rapidfuzz import fuzz, process

from comparators.model import Quote, QuotedTerm, QuoteMatch, QuoteStatus, Story
from comparators.quotes import Span, find_spans, split_terms
from comparators.speakers import Attribution, attribute, speaker_keys

SHARED_THRESHOLD = 0.9
VARIANT_THRESHOLD = 0.5
SPELLING_RATIO = 80
MIN_SHARED_WORDS = 3
STEM = 5

_STOPWORDS = frozenset(
    """
    a an the and or but if of in on at to for from by with as is are was were be been being it its
    this that these those there their they them we us our you your he she his her i me my not no
    so than then too very can could will would should may might must do does did has have had
    which who whom what when where while about into over after before up down out just also all
    any some such only own same other more most much many each both few
    """.split()
)
_NOT_WORD = re.compile(r"[^\w]+")
_INNER_HYPHEN = re.compile(r"(?<=\w)[-‐‑–](?=\w)")


def normalise(text: str) -> str:
    """Lower case, accents and punctuation gone, 'co-operation' -> 'cooperation'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _INNER_HYPHEN.sub("", text.replace("’", "").replace("'", ""))
    return _NOT_WORD.sub(" ", text).strip()


_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ers", "er", "es", "ed", "ly", "s")


def _stem(word: str) -> str:
    """A crude, language-light stem: one common suffix off, then the first five letters."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:STEM]


def _stems(words: Sequence[str]) -> frozenset[str]:
    return frozenset(_stem(w) for w in words if w not in _STOPWORDS and not w.isdigit())


def match_quotes(quotes: Sequence[Quote]) -> tuple[Quote, ...]:
    """`quotes` (every source of a story) with `matches` and `status` filled in."""
    texts = [normalise(q.text) for q in quotes]
    words = [t.split() for t in texts]
    stems = [_stems(w) for w in words]
    matches: list[list[QuoteMatch]] = [[] for _ in quotes]

    def add(i: int, j: int, kind: str, score: float) -> None:
        score = round(score, 3)
        matches[i].append(QuoteMatch(quotes[j].id, quotes[j].source, kind, score))
        matches[j].append(QuoteMatch(quotes[i].id, quotes[i].source, kind, score))

    shared_pairs: set[tuple[int, int]] = set()
    for i, j in _candidates(quotes, words):
        short, long_ = (i, j) if len(texts[i]) <= len(texts[j]) else (j, i)
        if len(words[short]) < MIN_SHARED_WORDS:
            continue
        score = fuzz.partial_ratio(texts[short], texts[long_], score_cutoff=SHARED_THRESHOLD * 100) / 100
        if score >= SHARED_THRESHOLD:
            add(i, j, "shared", score)
            shared_pairs.add((i, j))

    by_speaker: dict[str, list[int]] = defaultdict(list)
    for index, quote in enumerate(quotes):
        if quote.speaker_key is not None:
            by_speaker[quote.speaker_key].append(index)
    speaking = [members for members in by_speaker.values() if len({quotes[i].source for i in members}) > 1]
    canonical = spelling_groups(stem for members in speaking for i in members for stem in stems[i])
    for i in {i for members in speaking for i in members}:
        stems[i] = frozenset(canonical[stem] for stem in stems[i])
    for members in speaking:
        for i, j in combinations(members, 2):
            if quotes[i].source == quotes[j].source or (i, j) in shared_pairs:
                continue
            score = variant_similarity(stems[i], stems[j])
            if score is not None:
                add(i, j, "variant", score)

    result = []
    for quote, found in zip(quotes, matches):
        found.sort(key=lambda m: (m.kind != "shared", -m.similarity, m.quote))
        kinds = {m.kind for m in found}
        status = (
            QuoteStatus.SHARED
            if "shared" in kinds
            else QuoteStatus.VARIANT
            if "variant" in kinds
            else QuoteStatus.UNIQUE
        )
        result.append(replace(quote, matches=tuple(found), status=status))
    return tuple(result)


def variant_similarity(a: frozenset[str], b: frozenset[str]) -> float | None:
    """Share of the shorter stem set found in the other, or None below `VARIANT_THRESHOLD`."""
    if not a or not b:
        return None
    score = len(a & b) / min(len(a), len(b))
    return score if score >= VARIANT_THRESHOLD else None


def spelling_groups(stems: Iterable[str]) -> dict[str, str]:
    """Each stem -> the first stem spelt alike (rapidfuzz ratio >= `SPELLING_RATIO`).

    Transliterations and near spellings ("hamad"/"hamed") become one stem, once
    for the whole story rather than for every pair of quotes.
    """
    canonical: dict[str, str] = {}
    heads: list[str] = []
    for stem in sorted(set(stems)):
        if len(stem) >= 4:
            hit = process.extractOne(stem, heads, scorer=fuzz.ratio, score_cutoff=SPELLING_RATIO)
            if hit is not None:
                canonical[stem] = hit[0]
                continue
            heads.append(stem)
        canonical[stem] = stem
    return canonical


def _candidates(quotes: Sequence[Quote], words: Sequence[Sequence[str]]) -> list[tuple[int, int]]:
    """Pairs from different sources worth scoring for shared words.

    Words standing in another quote nearly verbatim bring their word pairs
    along: a pair needs at least half of the shorter quote's word pairs (those
    not made of two stopwords) in the other. Counting them through an index
    keeps a story of thousands of quotes from scoring every pair.
    """
    grams = [
        {(a, b) for a, b in zip(w, w[1:]) if a not in _STOPWORDS or b not in _STOPWORDS} for w in words
    ]
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, quote_grams in enumerate(grams):
        for gram in quote_grams:
            postings[gram].append(index)
    counts: Counter[tuple[int, int]] = Counter()
    for members in postings.values():
        for i, j in combinations(members, 2):
            if quotes[i].source != quotes[j].source:
                counts[(i, j)] += 1
    return sorted(
        pair for pair, count in counts.items() if count >= 0.5 * min(len(grams[pair[0]]), len(grams[pair[1]]))
    )


def story_quotes(story: Story) -> tuple[tuple[Quote, ...], tuple[QuotedTerm, ...]]:
    """Every source's quotes (attributed, keyed, matched) and quoted terms, in story order.

    Quote ids are `<source id>:q<n>`, numbered in reading order within a source.
    """
    pending: list[tuple[Span, Attribution]] = []
    terms: list[QuotedTerm] = []
    for source in story.sources:
        spans, source_terms = split_terms(source, find_spans(source))
        pending.extend(zip(spans, attribute(source, spans, source_terms)))
        terms.extend(source_terms)
    keys = speaker_keys((a.speaker, a.kind) for _, a in pending if a.speaker is not None)
    quotes: list[Quote] = []
    counts: dict[str, int] = defaultdict(int)
    for span, attribution in pending:
        counts[span.source] += 1
        quotes.append(
            Quote(
                id=f"{span.source}:q{counts[span.source]}",
                source=span.source,
                paragraph=span.paragraph,
                start=span.start,
                end=span.end,
                text=span.text,
                speaker=attribution.speaker,
                speaker_evidence=attribution.evidence,
                speaker_key=keys.get((attribution.speaker, attribution.kind)),
                end_paragraph=span.end_paragraph if span.end_paragraph != span.paragraph else None,
            )
        )
    return match_quotes(quotes), tuple(terms)
