"""Quotes matched across outlets: same words (shared), same speaker in other words (variant).

Two quotes from different sources are *shared* when the shorter one, three words
or more, stands inside the longer one almost word for word: rapidfuzz's partial
ratio of their normalised texts (case, punctuation, hyphens and quote marks
ignored) is at least `SHARED_THRESHOLD`. A fragment quoted by one outlet inside
a longer quote of another counts, and so do two quotes that overlap by a run of
`SHARED_RUN` words or more (one outlet quotes a sentence further than the other).

They are *variants* when they are not shared (and the other's outlet does not already
print all of one's words), the same speaker says them (same
`speaker_key`) and they say the same thing in other words, as two translations
of one statement do: the share of the shorter quote's content words found in the
other reaches `VARIANT_THRESHOLD`. Words are compared by a crude stem (a common
suffix off, the first five letters: "capacities" meets "capacity"), spellings
alike count as one ("Hamadan"/"Hamedan"), and each word weighs by how rare it is
among the story's quotes (idf), so a topic word every quote has ("Syria") does
not make two statements one.

A named speaker's statements are also matched story-wide (`_speaker_statement_links`):
between two outlets, quotes of one speaker that nothing else matched there pair one to
one on a phrase in common, wherever alignment put their paragraphs.

A quote's status follows from its matches (`quote_status`); every match is kept with
its score.

Matching goes by *wording*, not by copy: quotes with the same normalised words and
speaker are scored once against each other wording (and with themselves, when
outlets other than one carry them), so a wire quote printed by hundreds of papers
costs what one copy does. Linked wordings form a `QuoteGroup`, one statement, which
every quote names; the export lists groups instead of every pairwise match.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import combinations

from rapidfuzz import fuzz, process

from comparators.model import Group, Quote, QuoteGroup, QuotedTerm, QuoteLink, QuoteMatch, Source, Story
from comparators.quote_status import quote_status
from comparators.quotes import MIN_PHRASE_WORDS, Span, find_spans, is_phrase, split_terms
from comparators.speakers import Attribution, attribute, speaker_keys
from comparators.union_find import UnionFind

SHARED_THRESHOLD = 0.9
VARIANT_THRESHOLD = 0.4
# Without a named speaker on one side, only the words tie two quotes: the same share of
# them, and three at least (a word or two in common do not make two statements one).
UNATTRIBUTED_VARIANT_THRESHOLD = VARIANT_THRESHOLD
MIN_VARIANT_STEMS = 3
_RARE_STEM_QUOTES = 40
SPELLING_RATIO = 85
SPELLING_MIN = 6
MIN_SHARED_WORDS = 3
SHARED_RUN = 12  # words in a row two overlapping quotes must share (a clause, not a list of places)
STEM = 5

_STOPWORDS = frozenset(
    """
    a an the and or but if of in on at to for from by with as is are was were be been being it its
    this that these those there their they them we us our you your he she his her i me my not no
    so than then too very can could will would should may might must do does did has have had
    which who whom what when where while about into over after before up down out just also all
    any some such only own same other more most much many each both few
    am im ive weve youre theyre hes shes its thats dont cant wont didnt isnt wasnt arent ill
    """.split()
)
_NOT_WORD = re.compile(r"[^\w]+")
_INNER_HYPHEN = re.compile(r"(?<=\w)[-‐‑–](?=\w)")


# "[flooded]": words an editor put inside a quote are not the speaker's.
_EDITORS_INSERTION = re.compile(r"\[[^\[\]]{1,40}\]")


@lru_cache(maxsize=16384)  # wire copy repeats a quote in every outlet carrying it: each text once
def normalise(text: str) -> str:
    """Lower case, accents, punctuation and editors' [insertions] gone,
    'co-operation' -> 'cooperation'."""
    text = unicodedata.normalize("NFKD", _EDITORS_INSERTION.sub(" ", text))
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
    else:
        if word.endswith("e") and len(word) > 4:  # "leave" meets "leaving"
            word = word[:-1]
    return word[:STEM]


def _stems(words: Sequence[str]) -> frozenset[str]:
    return frozenset(_stem(w) for w in words if w not in _STOPWORDS and not w.isdigit())


def group_quotes(
    quotes: Sequence[Quote], facts: Sequence[Group] = ()
) -> tuple[tuple[Quote, ...], tuple[QuoteGroup, ...]]:
    """`quotes` (every source of a story) matched, and the groups they form.

    Quotes with the same normalised words and speaker are one *wording*, scored once
    however many outlets carry it: a wire quote in 300 papers costs one comparison per
    other wording, not 300 x 299. In returns the story's quotes in story order; out
    come the same quotes with `matches` (every quote of another source they match,
    strongest first), `status` and `group` set, and the `QuoteGroup`s (connected
    wordings, numbered in story order). A quote matching nothing is a group of its own.
    With the story's aligned groups (`facts`), translations and retellings of one
    statement are matched through them too (`_fact_links`).
    """
    normalised = [normalise(q.text) for q in quotes]
    wording_of: dict[tuple[str, str | None], int] = {}
    copies: list[list[int]] = []
    for index, (quote, text) in enumerate(zip(quotes, normalised)):
        wording = wording_of.setdefault((text, quote.speaker_key), len(copies))
        if wording == len(copies):
            copies.append([])
        copies[wording].append(index)
    sources = [frozenset(quotes[i].source for i in members) for members in copies]
    firsts = [quotes[members[0]] for members in copies]
    texts = [normalised[members[0]] for members in copies]
    words = [t.split() for t in texts]
    canonical = spelling_groups(word for wording_words in words for word in wording_words)
    stems = [_stems([canonical[word] for word in wording_words]) for wording_words in words]
    frequency: Counter[str] = Counter()
    for wording, wording_stems in enumerate(stems):
        for stem in wording_stems:
            frequency[stem] += len(copies[wording])
    weight = {stem: math.log(1 + len(quotes) / count) for stem, count in frequency.items()}

    def apart(i: int, j: int) -> bool:
        """Whether some copy of wording i and some copy of wording j come from different sources."""
        if i == j:
            return len(sources[i]) > 1
        return len(sources[i]) > 1 or len(sources[j]) > 1 or sources[i] != sources[j]

    links: dict[tuple[int, int], tuple[str, float]] = {}

    def add(i: int, j: int, kind: str, score: float) -> None:
        links[(i, j)] = (kind, round(score, 3))

    shared_pairs: set[tuple[int, int]] = set()
    for i, j in _candidates(words, apart):
        short, long_ = (i, j) if len(texts[i]) <= len(texts[j]) else (j, i)
        if sum(w not in _STOPWORDS for w in words[short]) < MIN_PHRASE_WORDS:
            continue  # "part of us": one word and small ones match by chance
        if len(words[short]) < MIN_SHARED_WORDS:
            # A quoted phrase of two words is shared only word for word.
            if len(words[short]) >= MIN_PHRASE_WORDS and f" {texts[short]} " in f" {texts[long_]} ":
                add(i, j, "shared", 1.0)
                shared_pairs.add((i, j))
            continue
        shared_pairs.add((i, j))
        if texts[short] in texts[long_] or _content_words_within(words[short], words[long_]):
            add(i, j, "shared", 1.0)  # word for word, small words aside: no need to align
            continue
        run = _common_run(words[short], words[long_])
        if run >= SHARED_THRESHOLD:
            add(i, j, "shared", run)
            continue
        # Nearly the same words, but an edit apart ("given" / "granted"): worded differently.
        near = fuzz.partial_ratio(texts[short], texts[long_], score_cutoff=SHARED_THRESHOLD * 100) / 100
        if near >= SHARED_THRESHOLD:
            add(i, j, "variant", near)
        elif run * len(words[short]) >= SHARED_RUN:  # one outlet quotes a sentence further
            add(i, j, "shared", run)
        else:
            shared_pairs.discard((i, j))

    by_speaker: dict[str, list[int]] = defaultdict(list)
    for wording, quote in enumerate(firsts):
        if quote.speaker_key is not None:
            by_speaker[quote.speaker_key].append(wording)
    variant_pairs: set[tuple[int, int]] = set()
    shared_in: dict[int, set[str]] = defaultdict(set)  # wording -> outlets carrying all its words
    for (a, b), (kind, _) in links.items():
        if kind == "shared":
            short, long_ = (a, b) if len(words[a]) <= len(words[b]) else (b, a)
            shared_in[short].update(sources[long_])
    for members in by_speaker.values():
        for i, j in _pairs_with_self(members):
            if not apart(i, j) or (i, j) in shared_pairs:
                continue
            if i != j and (shared_in[i] & sources[j] or shared_in[j] & sources[i]):
                continue  # that outlet carries all of it in the same words already
            score = variant_similarity(stems[i], stems[j], weight)
            if score is not None:
                add(i, j, "variant", score)
                variant_pairs.add((i, j))
    unknown = [speaker_unnamed(quote) for quote in firsts]
    for i, j in _unattributed_candidates(stems, frequency, unknown, apart):
        if (i, j) in shared_pairs or (i, j) in variant_pairs:
            continue
        score = variant_similarity(stems[i], stems[j], weight, UNATTRIBUTED_VARIANT_THRESHOLD, MIN_VARIANT_STEMS)
        if score is not None:
            add(i, j, "variant", score)

    _speaker_statement_links(firsts, sources, words, canonical, stems, weight, links)
    if facts:
        _fact_links(quotes, copies, stems, links, facts)
    matches = _expanded(quotes, copies, links)
    group_of, groups = _groups(quotes, copies, links)
    result = []
    for index, (quote, found) in enumerate(zip(quotes, matches)):
        result.append(replace(quote, matches=tuple(found), status=quote_status(found), group=group_of[index]))
    return tuple(result), groups


def _pairs_with_self(members: Sequence[int]) -> Iterable[tuple[int, int]]:
    """Every pair of `members` in order, each member also paired with itself first."""
    for position, i in enumerate(members):
        yield i, i
        for j in members[position + 1 :]:
            yield (i, j) if i < j else (j, i)


def _expanded(
    quotes: Sequence[Quote], copies: Sequence[Sequence[int]], links: dict[tuple[int, int], tuple[str, float]]
) -> list[list[QuoteMatch]]:
    """Each quote's matches, strongest first: every copy of a linked wording from another
    source (one `QuoteMatch` object per copy and link, shared by all the quotes it matches).

    A wording's matches are gathered and sorted once; each of its copies keeps those
    from other sources than its own (a wire quote in 300 papers sorts one list, not 300)."""
    gathered: list[list[QuoteMatch]] = [[] for _ in copies]
    for (a, b), (kind, score) in links.items():
        to_b = [QuoteMatch(quotes[j].id, quotes[j].source, kind, score) for j in copies[b]]
        gathered[a].extend(to_b)
        if a != b:
            gathered[b].extend(QuoteMatch(quotes[i].id, quotes[i].source, kind, score) for i in copies[a])
    matches: list[list[QuoteMatch]] = [[] for _ in quotes]
    for wording, found in enumerate(gathered):
        if not found:
            continue
        found.sort(key=_strongest_first)
        for i in copies[wording]:
            source = quotes[i].source
            matches[i] = [m for m in found if m.source != source]
    return matches


def _strongest_first(match: QuoteMatch) -> tuple[bool, float, str]:
    return match.kind != "shared", -match.similarity, match.quote


def _groups(
    quotes: Sequence[Quote], copies: Sequence[Sequence[int]], links: dict[tuple[int, int], tuple[str, float]]
) -> tuple[list[str], tuple[QuoteGroup, ...]]:
    """Each quote's group id, and the groups: wordings joined by their links; a wording
    without any link is one group per copy (its copies match nothing, not even each other)."""
    union = UnionFind()
    linked = set()
    for a, b in links:
        linked.update((a, b))
        union.join(min(a, b), max(a, b))
    units: list[tuple[int, tuple[int, ...]]] = []  # (first quote, wordings) per group
    members: dict[int, list[int]] = defaultdict(list)
    for wording in range(len(copies)):
        if wording in linked:
            members[union.key(wording)].append(wording)
        else:
            units.extend((i, ()) for i in copies[wording])
    units.extend((copies[wordings[0]][0], tuple(wordings)) for wordings in members.values())
    units.sort()
    links_of: dict[int, list[tuple[tuple[int, int], tuple[str, float]]]] = defaultdict(list)
    for pair, link in links.items():
        links_of[union.key(pair[0])].append((pair, link))
    group_of = [""] * len(quotes)
    groups = []
    for number, (first, wordings) in enumerate(units, start=1):
        group_id = f"qg{number}"
        if not wordings:
            group_of[first] = group_id
            groups.append(QuoteGroup(group_id, ((quotes[first].id,),)))
            continue
        position = {wording: k for k, wording in enumerate(wordings)}
        for wording in wordings:
            for i in copies[wording]:
                group_of[i] = group_id
        group_links = sorted(
            (position[a], position[b], kind, score) for (a, b), (kind, score) in links_of[union.key(wordings[0])]
        )
        groups.append(
            QuoteGroup(
                group_id,
                tuple(tuple(quotes[i].id for i in copies[wording]) for wording in wordings),
                tuple(QuoteLink(*link) for link in group_links),
            )
        )
    return group_of, tuple(groups)


def _content_words_within(short: Sequence[str], long_: Sequence[str]) -> bool:
    """Whether the words of `short` that are not small words stand in `long_` in a row,
    small words aside ("I promise I will" / "I promise that I will")."""
    content = " ".join(w for w in short if w not in _STOPWORDS)
    return bool(content) and f" {content} " in f" {' '.join(w for w in long_ if w not in _STOPWORDS)} "


def _common_run(a: Sequence[str], b: Sequence[str]) -> float:
    """The longest run of words `a` and `b` have in common, as a share of `a`'s words."""
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size / len(a) if a else 0.0


def variant_similarity(
    a: frozenset[str], b: frozenset[str], weight: dict[str, float], threshold: float = VARIANT_THRESHOLD,
    min_common: int = 1,
) -> float | None:
    """Weighted share of the shorter stem set found in the other, or None below
    `threshold` or when they share fewer than `min_common` stems."""
    if not a or not b:
        return None
    short, other = (a, b) if len(a) <= len(b) else (b, a)
    common = short & other
    if len(common) < min_common:
        return None
    score = sum(weight[stem] for stem in common) / sum(weight[stem] for stem in short)
    return score if score >= threshold else None


def speaker_unnamed(quote: Quote) -> bool:
    """No named speaker: none found, or only a role ("the prime minister")."""
    return quote.speaker_key is None or quote.speaker_key.split()[0] in ("the", "a", "an", "his", "her")


def _unattributed_candidates(
    stems: Sequence[frozenset[str]], frequency: Counter[str], unknown: Sequence[bool], apart: Callable[[int, int], bool]
) -> list[tuple[int, int]]:
    """Pairs of wordings (a wording with itself too) from different sources, one of them
    without a named speaker, sharing `MIN_VARIANT_STEMS` stems that few quotes use (an
    index, not every pair)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for wording, wording_stems in enumerate(stems):
        for stem in wording_stems:
            if frequency[stem] <= _RARE_STEM_QUOTES:  # a word every other quote uses says nothing
                postings[stem].append(wording)
    counts: Counter[tuple[int, int]] = Counter()
    for members in postings.values():
        for i, j in _pairs_with_self(members):
            if (unknown[i] or unknown[j]) and apart(i, j):
                counts[(i, j)] += 1
    return sorted(pair for pair, count in counts.items() if count >= MIN_VARIANT_STEMS)


def spelling_groups(words: Iterable[str]) -> dict[str, str]:
    """Each word -> the first word spelt alike (rapidfuzz ratio >= `SPELLING_RATIO`).

    Transliterations and spellings ("Hamadan"/"Hamedan", "defence"/"defense")
    become one word, once for the whole story rather than for every pair of
    quotes. Only words of `SPELLING_MIN` letters or more that begin alike are
    compared: one letter turns a short word into another ("right"/"fight"), and
    "operations" is no spelling of "cooperation".
    """
    canonical: dict[str, str] = {}
    heads: dict[str, list[str]] = defaultdict(list)
    for word in sorted(set(words)):
        if len(word) >= SPELLING_MIN:
            same_start = heads[word[:2]]
            hit = process.extractOne(word, same_start, scorer=fuzz.ratio, score_cutoff=SPELLING_RATIO)
            if hit is not None:
                canonical[word] = hit[0]
                continue
            same_start.append(word)
        canonical[word] = word
    return canonical


def _candidates(words: Sequence[Sequence[str]], apart: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """Pairs of wordings (a wording with itself too) worth scoring for shared words.

    Words standing in another quote nearly verbatim bring their word pairs
    along: a pair needs half of the shorter quote's word pairs (those not made
    of two stopwords) in the other, or as many as a shared run of words has. Counting them through an index
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
        counts.update(combinations(members, 2))
    counts.update({(i, i): len(g) for i, g in enumerate(grams) if g})
    return sorted(
        pair
        for pair, count in counts.items()
        if count >= min(0.5 * min(len(grams[pair[0]]), len(grams[pair[1]])), SHARED_RUN - 1) and apart(*pair)
    )


def _with_attributed_phrases(
    source: Source, spans: tuple[Span, ...], terms: tuple[QuotedTerm, ...]
) -> tuple[list[Span], tuple[Attribution, ...], tuple[QuotedTerm, ...]]:
    """Quotes with their attributions, and the terms left, once quoted phrases of two or
    three words that someone is said to have said ("a victim of “deliberate sabotage”,
    she said") join the quotes; the rest stay terms (scare quotes, names)."""
    phrases = {term.id: term for term in terms if is_phrase(term.text)}
    if not phrases:
        return list(spans), attribute(source, spans, terms), terms
    as_spans = {
        term.id: Span(term.source, term.paragraph, term.start, term.paragraph, term.end, term.text)
        for term in phrases.values()
    }
    candidates = sorted([*spans, *as_spans.values()], key=lambda s: (s.paragraph, s.start))
    others = tuple(term for term in terms if term.id not in phrases)
    attributions = attribute(source, candidates, others)
    phrase_spans = {id(span): term_id for term_id, span in as_spans.items()}
    kept: list[Span] = []
    kept_attributions: list[Attribution] = []
    dropped: set[str] = set()
    for span, attribution in zip(candidates, attributions, strict=True):
        term_id = phrase_spans.get(id(span))
        if term_id is not None and attribution.speaker is None:
            dropped.add(term_id)
            continue
        kept.append(span)
        kept_attributions.append(attribution)
    left = tuple(term for term in terms if term.id not in phrases or term.id in dropped)
    return kept, tuple(kept_attributions), left


_NO_SPEAKER = Attribution(None, "no speaker named; another outlet quotes the same words")


def _phrases_quoted_elsewhere(
    story: Story, pending: list[tuple[Span, Attribution]], terms: list[QuotedTerm]
) -> tuple[list[tuple[Span, Attribution]], list[QuotedTerm]]:
    """Quoted phrases no one is said to have said become quotes all the same when
    another outlet quotes those very words (in a quote or a phrase of its own)."""
    phrases = [t for t in terms if is_phrase(t.text)]
    if not phrases:
        return pending, terms
    quoted: dict[str, list[str]] = defaultdict(list)  # source -> normalised quoted texts
    for span, _ in pending:
        quoted[span.source].append(f" {normalise(span.text)} ")
    needles = [f" {normalise(term.text)} " for term in phrases]
    for term, needle in zip(phrases, needles):
        quoted[term.source].append(needle)
    promoted = {
        term.id
        for term, needle in zip(phrases, needles)
        if any(needle in text for source, texts in quoted.items() if source != term.source for text in texts)
    }
    if not promoted:
        return pending, terms
    order = {source.id: index for index, source in enumerate(story.sources)}
    extra = [
        (Span(t.source, t.paragraph, t.start, t.paragraph, t.end, t.text), _NO_SPEAKER)
        for t in phrases
        if t.id in promoted
    ]
    pending = sorted([*pending, *extra], key=lambda p: (order[p[0].source], p[0].paragraph, p[0].start))
    return pending, [t for t in terms if t.id not in promoted]


def story_quotes(story: Story) -> tuple[tuple[Quote, ...], tuple[QuotedTerm, ...]]:
    """Every source's quotes (attributed, keyed, matched) and quoted terms, in story order.

    Quote ids are `<source id>:q<n>`, numbered in reading order within a source.
    """
    quotes, terms, _groups = story_quote_groups(story)
    return quotes, terms


SourceQuotes = tuple[list[Span], tuple[Attribution, ...], tuple[QuotedTerm, ...]]


def source_quotes(source: Source) -> SourceQuotes:
    """A source's quotes, their attributions and its quoted terms: the part of
    `story_quote_groups` that reads one source alone (no other source, no group)."""
    spans, terms = split_terms(source, find_spans(source))
    return _with_attributed_phrases(source, spans, terms)


def story_quote_groups(
    story: Story, facts: Sequence[Group] = (), attributed: Sequence[SourceQuotes] | None = None
) -> tuple[tuple[Quote, ...], tuple[QuotedTerm, ...], tuple[QuoteGroup, ...]]:
    """`story_quotes(story)` and the quote groups (`group_quotes`) they form, matched
    through the story's aligned groups (`facts`) when given. `attributed`, when given,
    is `source_quotes` of each source in story order, worked out beforehand."""
    pending: list[tuple[Span, Attribution]] = []
    terms: list[QuotedTerm] = []
    if attributed is None:
        attributed = [source_quotes(source) for source in story.sources]
    for spans, attributions, source_terms in attributed:
        pending.extend(zip(spans, attributions))
        terms.extend(source_terms)
    pending, terms = _phrases_quoted_elsewhere(story, pending, terms)
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
    matched, groups = group_quotes(quotes, facts)
    return matched, tuple(terms), groups


def _speaker_statement_links(
    firsts: Sequence[Quote],
    sources: Sequence[frozenset[str]],
    words: Sequence[Sequence[str]],
    canonical: dict[str, str],
    stems: Sequence[frozenset[str]],
    weight: dict[str, float],
    links: dict[tuple[int, int], tuple[str, float]],
) -> None:
    """Add to `links` the statements of one named speaker (name variants folded in
    the speaker key) that two outlets word differently, wherever in the story they
    stand, so a rewording is found whether or not alignment put the two paragraphs
    in one group (real stories' quote status 0.942 -> 0.963; the seeds' unchanged).

    An outlet tells a statement once: between two outlets, a speaker's quotes not yet
    matched there pair one to one, the largest weighted share of the shorter one's
    stems first. Two statements of one speaker often share topic words ("Syria",
    "cooperation", "president", "Ukraine"), so a pair needs a phrase in common (two
    content words side by side, small words aside: "customer safety"), and one side
    must stand alone so far: linking two quotes that each already belong to
    a statement would chain two statements on weak evidence.
    """
    partners: dict[int, set[str]] = defaultdict(set)  # wording -> outlets it is matched in
    for a, b in links:
        partners[a].update(sources[b])
        partners[b].update(sources[a])
    by_speaker: dict[str, list[int]] = defaultdict(list)
    for wording, quote in enumerate(firsts):
        if not speaker_unnamed(quote):
            by_speaker[quote.speaker_key].append(wording)
    known: dict[int, frozenset[tuple[str, str]]] = {}

    def phrases(wording: int) -> frozenset[tuple[str, str]]:
        """Pairs of content stems standing next to each other, small words aside."""
        if wording not in known:
            content = [_stem(canonical[w]) for w in words[wording] if w not in _STOPWORDS and not w.isdigit()]
            known[wording] = frozenset(zip(content, content[1:]))
        return known[wording]

    placed = set(partners)  # wordings in a statement with another outlet already
    candidates: list[tuple[float, int, int]] = []
    for members in by_speaker.values():
        for i, j in combinations(members, 2):
            if (i in placed and j in placed) or sources[i] & sources[j]:
                continue
            if not phrases(i) & phrases(j):
                continue  # topic words in common, not a phrase: maybe two statements
            score = variant_similarity(stems[i], stems[j], weight, 0.0)
            if score is not None:
                candidates.append((score, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    for score, i, j in candidates:
        if (i in placed and j in placed) or sources[j] & partners[i] or sources[i] & partners[j]:
            continue  # a closer counterpart in that outlet, or a link that would chain two statements
        partners[i].update(sources[j])
        partners[j].update(sources[i])
        placed.update((i, j))
        links[(i, j)] = ("variant", round(score, 3))


def _fact_links(
    quotes: Sequence[Quote],
    copies: Sequence[Sequence[int]],
    stems: Sequence[frozenset[str]],
    links: dict[tuple[int, int], tuple[str, float]],
    facts: Sequence[Group],
) -> None:
    """Add to `links` (between wordings) the translations and retellings of one
    statement that no wording test matched: two quotes of one named speaker that
    stand alone on each side in one aligned group (the same fact), share a content
    word, and have no match yet in each other's outlet, are the same statement
    worded differently."""
    wording = [0] * len(quotes)
    for w, members in enumerate(copies):
        for index in members:
            wording[index] = w
    partners: dict[int, set[str]] = defaultdict(set)  # wording -> outlets it is matched in
    for a, b in links:
        partners[a].update(quotes[i].source for i in copies[b])
        partners[b].update(quotes[i].source for i in copies[a])
    by_place: dict[tuple[str, int], list[int]] = defaultdict(list)
    for index, quote in enumerate(quotes):
        if not speaker_unnamed(quote):
            by_place[(quote.source, quote.paragraph)].append(index)
    for group in facts:
        if len(group.sources) < 2:
            continue
        said: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for member in group.members:
            for index in by_place.get((member.source, member.paragraph), ()):
                said[quotes[index].speaker_key][member.source].append(index)
        for per_source in said.values():
            alone = [found[0] for found in per_source.values() if len(found) == 1]
            for i, j in combinations(alone, 2):
                a, b = sorted((wording[i], wording[j]))
                if a == b or (a, b) in links or not stems[a] & stems[b]:
                    continue  # matched already, or not one content word in common
                if quotes[i].source in partners[wording[j]] or quotes[j].source in partners[wording[i]]:
                    continue  # an outlet tells a statement once: its match there is found
                partners[wording[i]].add(quotes[j].source)
                partners[wording[j]].add(quotes[i].source)
                # the share of the shorter quote's content words the other uses
                links[(a, b)] = ("variant", round(len(stems[a] & stems[b]) / min(len(stems[a]), len(stems[b])), 3))
