"""Where outlets disagree: figures, spellings, dates and times that differ across outlets.

Runs after alignment. Inside each aligned group (and between quotes of one speaker
that match across outlets) the facts of `comparators/facts.py` are compared source
against source: two figures about the same thing that cannot both be right, one
name spelled two ways, two dates or clock times for one event. A conversion, a
rounding ("about 25%" for 25.3%) or a figure only one outlet gives is no
discrepancy.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import combinations, islice

from comparators.cleaning import dateline_places
from comparators.facts import Fact, amounts_agree, dimension, extract_facts, fold_name, zone_known
from comparators.model import Group, Member, Quote, Source, Story
from comparators.union_find import UnionFind
from comparators.workers import in_background, worth_spreading

# Two figures from different outlets are about the same thing when this many content
# words stand near both (names, places, what is counted), or when one part of a
# bracketed conversion agrees exactly.
MIN_SHARED_CONTEXT = 2
# Figures in passages alignment did not put together need more context in common.
MIN_STORY_CONTEXT = 3
CONTEXT_WORDS = 8  # on each side of a figure
# The word right before a figure ("turnout was 62%") counts this many times another
# context word. (What an amount prices or measures, "$885 phone" and "$850 per phone",
# says on its own that two amounts are about one thing.)
HEAD_NOUN_WEIGHT = 3

# Two figures further apart than this factor are about different things, not one misreported.
MAX_RATIO = 10
STORY_VALUES = 64  # values of one thing past which story-wide comparison goes by shared clues
RARE_CONTEXT = 0.5  # weight of a context word that is a clue (at most two passages per outlet)

# Spellings of one name fold to strings at least this similar (rapidfuzz ratio, 0-100),
# or share their consonants in order, vowels being what transliterations disagree on.
MIN_NAME_SIMILARITY = 85
MIN_SKELETON = 3  # consonants; shorter names collide by chance
# ... unless both spellings stand in passages alignment put together ("Kyiv", "Kiev").
MIN_ALIGNED_SKELETON = 2
VARIANT_ROWS = 512  # names fuzzy-matched against all the others at once (bounds memory)

_TOKEN = re.compile(r"[\w'’]+(?:-[\w'’]+)*")
_CONTENT_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_STOP = frozenset(
    "a an the of and or in on at to from for by with as than that this these those is are was were "
    "be been being has have had it its their his her he she they we our who which when where while "
    "after before since until into about over under more less said says say also not but some around "
    "nearly almost roughly per cent percent million billion thousand".split()
)
_CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


@dataclass(frozen=True, slots=True)
class DiscrepancyValue:
    """One outlet's value in a discrepancy, as written and normalised."""

    source: str
    paragraph: int  # index among that source's paragraphs
    text: str  # as written, e.g. "some 50 kilometers (30 miles)"
    value: str  # normalised, e.g. "50 km / 30 mi"
    published: str | None = None  # the source's date, to tell a later update


@dataclass(frozen=True, slots=True)
class Discrepancy:
    id: str  # "d1", "d2"... in reading order
    kind: str  # "number", "name", "date" or "time"
    fact: str  # what the values are about, e.g. "crew member", "spelling of Hamadan"
    group: str | None  # the group where the values meet
    values: tuple[DiscrepancyValue, ...]  # every outlet's value, in story source order
    # A count that grows with the outlets' publication dates: usually a later update.
    later_update: bool = False

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v.source for v in self.values))

    def values_among(self, sources: Collection[str] | None) -> tuple[DiscrepancyValue, ...]:
        """The values `sources` give (None: every outlet's), in the story's order."""
        return self.values if sources is None else tuple(v for v in self.values if v.source in sources)

    def disagrees_among(self, sources: Collection[str]) -> bool:
        """Whether two of `sources` still give different values: the discrepancy as seen
        with the other outlets set aside (hidden in the reader). Values are compared
        normalised, as a report of those sources keeps them (`reports.subset`)."""
        values = self.values_among(sources)
        return len({v.source for v in values}) > 1 and len({v.value for v in values}) > 1


@dataclass(frozen=True, slots=True)
class _Passage:
    source: str
    paragraph: int
    text: str
    dateline: bool = False  # the source's dateline, standing for the paragraph it opened


@dataclass(frozen=True, slots=True)
class _Found:
    kind: str
    fact: str
    group: str | None
    facts: tuple[tuple[_Passage, Fact], ...]


def find_discrepancies(
    story: Story, groups: Sequence[Group], quotes: Sequence[Quote] = (), jobs: int = 1
) -> tuple[Discrepancy, ...]:
    """Every discrepancy between outlets in the story's aligned groups and matched quotes.

    Takes the story, its groups in reading order and its quotes; returns
    `Discrepancy`s ordered by group, numbered d1, d2... A name spelled two ways
    is reported once, in the first group where both spellings meet. With `jobs`
    over 1, a big story's names are compared in a forked process while this one
    compares figures (the same discrepancies).
    """
    order = {s.id: i for i, s in enumerate(story.sources)}
    published = {s.id: s.date for s in story.sources}
    group_of = {(m.source, m.paragraph): g.id for g in reversed(groups) for m in g.members}
    groups_of: dict[tuple[str, int], set[str]] = {}
    for group in groups:
        for member in group.members:
            groups_of.setdefault((member.source, member.paragraph), set()).add(group.id)
    parallel = worth_spreading(sum(len(s.paragraphs) for s in story.sources), jobs)
    with in_background(lambda: _name_discrepancies(_NameIndex(story, groups_of), group_of), parallel) as names_found:
        index = _StoryFacts(story)
        found: list[_Found] = []
        for group in groups:
            if len({m.source for m in group.members}) > 1:
                found.extend(_compare([index.member_facts(m) for m in group.members], index, group.id))
        found.extend(_quote_discrepancies(story, index, groups, quotes))
        found = _story_number_discrepancies(index, group_of, found)
        found.extend(names_found())

    group_rank = {g.id: i for i, g in enumerate(groups)}

    def reading_order(item: _Found) -> tuple[int, int]:
        return group_rank.get(item.group, len(group_rank)), min(p.paragraph for p, _ in item.facts)

    # A paragraph reporting two facts stands in two groups, so one disagreement can
    # be found in several overlapping groups: it is told once, in the first, with
    # every value any of them found.
    merged: list[tuple[_Found, set]] = []
    kept_at: dict[tuple, list[int]] = {}  # spot -> indices in `merged` holding it
    for item in sorted(found, key=reading_order):
        spots = {(p.source, p.paragraph, fact.start) for p, fact in item.facts}
        # How many of its spots each kept one holds: `kept_at` lists k once per spot of merged[k].
        shared = Counter(k for spot in spots for k in kept_at.get(spot, ()))
        same = next(
            (k for k in sorted(shared)
             if merged[k][0].kind == item.kind
             and shared[k] >= max(2, min(len(spots), len(merged[k][1])) / 2)),
            None,
        )
        if same is None:
            merged.append((item, spots))
            for spot in spots:
                kept_at.setdefault(spot, []).append(len(merged) - 1)
            continue
        kept, kept_spots = merged[same]
        extra = tuple((p, fact) for p, fact in item.facts if (p.source, p.paragraph, fact.start) not in kept_spots)
        merged[same] = (replace(kept, facts=kept.facts + extra), kept_spots | spots)
        for spot in spots - kept_spots:
            kept_at.setdefault(spot, []).append(same)

    results: list[Discrepancy] = []
    for item, _ in merged:
        values = tuple(
            sorted(
                {
                    (p.source, p.paragraph, fact.start): DiscrepancyValue(
                        p.source, p.paragraph, fact.text, fact.value, published.get(p.source)
                    )
                    for p, fact in item.facts
                }.values(),
                key=lambda v: (order.get(v.source, 0), v.paragraph),
            )
        )
        results.append(
            Discrepancy(
                id=f"d{len(results) + 1}",
                kind=item.kind,
                fact=item.fact,
                group=item.group,
                values=values,
                later_update=item.kind == "number" and _grows_with_date(item.facts, published),
            )
        )
    return tuple(results)


# ---------------------------------------------------------------- facts, read once per story


@lru_cache(maxsize=65536)  # wire copy repeats paragraphs: each distinct text is read once
def _figure_readings(text: str) -> tuple[tuple, ...]:
    """What `_StoryFacts.figures` reads of each number, date and time of a text: the
    fields of its `_Figure` after the passage."""
    facts = [f for f in extract_facts(text) if f.kind != "name"]
    numbers = [f for f in facts if f.kind == "number"]
    signatures = {id(f): (_signature(f), _key_words(f.key)) for f in numbers}
    result = []
    for fact in facts:
        nearest, context = _context(text, fact.start, fact.end)
        neighbours: tuple = ()
        if fact.kind == "number":
            at = next(i for i, f in enumerate(numbers) if f is fact)
            neighbours = (
                signatures[id(numbers[at - 1])] if at > 0 and _one_sentence(text, numbers[at - 1], fact) else None,
                signatures[id(numbers[at + 1])]
                if at + 1 < len(numbers) and _one_sentence(text, fact, numbers[at + 1]) else None,
            )
        result.append(
            (
                fact, nearest, context, _key_words(fact.key), _dimensions(fact),
                (signatures[id(fact)][0], fact.key) if fact.kind == "number" else (), neighbours,
            )
        )
    return tuple(result)


@dataclass(frozen=True, slots=True, eq=False)
class _Figure:
    """A number, date or time in one passage, with what tells what it is about.

    Compared by identity: one object per fact of a passage, read once per story.
    """

    passage: _Passage
    fact: Fact
    nearest: str | None  # the content word right before it, folded ("turnout")
    context: frozenset[str]  # content words around it, folded
    keys: frozenset[str]  # what it counts or measures ("crew", "member"); empty when unsaid
    dimensions: tuple[str, ...]  # what its amounts measure: "count", "%", "length", "USD"...
    # The exact value with what it counts: figures alike in both say the same thing.
    signature: tuple
    neighbours: tuple  # signatures of the figures right before and after it in its passage

    @property
    def source(self) -> str:
        return self.passage.source

    @property
    def item(self) -> tuple[_Passage, Fact]:
        return self.passage, self.fact


class _StoryFacts:
    """The facts of every paragraph of a story, read once, and how telling each word is.

    A context word counts by how specific it is to one fact of the story: a word in
    at most one paragraph per outlet on average counts 1; one standing in r
    paragraphs per outlet (the story's own vocabulary: its names, "percent", "vote")
    counts 1/r.
    """

    def __init__(self, story: Story) -> None:
        self.story = story
        self.paragraphs: dict[tuple[str, int], tuple[_Figure, ...]] = {}
        frequency: dict[str, int] = {}
        # Each distinct paragraph read once, counted as often as outlets carry it.
        copies = Counter(p.text for source in story.sources for p in source.paragraphs)
        for text, count in copies.items():
            for word in _words_of(text):
                frequency[word] = frequency.get(word, 0) + count
        outlets = max(1, len(story.sources))
        self._weight = {word: min(1.0, outlets / count) for word, count in frequency.items()}
        for source in story.sources:
            for paragraph in source.paragraphs:
                passage = _Passage(source.id, paragraph.index, paragraph.text)
                self.paragraphs[(source.id, paragraph.index)] = self.figures(passage)
        self._member_cache: dict[tuple[str, int, str], tuple[_Figure, ...]] = {}

    def weight(self, word: str) -> float:
        return self._weight.get(word, 1.0)

    def figures(self, passage: _Passage) -> tuple[_Figure, ...]:
        """The numbers, dates and times of a passage as `_Figure`s."""
        return tuple(_Figure(passage, *reading) for reading in _figure_readings(passage.text))

    def member_facts(self, member: Member) -> tuple[_Figure, ...]:
        """The figures of a group member: its paragraph's, or its own text's when it is a part."""
        figures = self.paragraphs.get((member.source, member.paragraph))
        if figures is not None and (not figures or figures[0].passage.text == member.text):
            return figures
        key = (member.source, member.paragraph, member.text)
        if key not in self._member_cache:
            self._member_cache[key] = self.figures(_Passage(member.source, member.paragraph, member.text))
        return self._member_cache[key]

    def context_score(self, a: _Figure, b: _Figure) -> float:
        """How surely two figures of different outlets are about the same thing.

        Shared context words by their weight, the word right before both once more,
        a part of a bracketed conversion that agrees exactly, the figure before or
        after standing alike ("73.2% ... 25.3%" against "73.2 percent ... 24.5 percent"),
        amounts pricing or measuring the same thing. Counts that do not say they count the same thing need that listing to compare.
        """
        number = a.fact.kind == "number"
        if number:
            listed_alike = any(_same_neighbour(x, y) for x, y in zip(a.neighbours, b.neighbours))
            counted = _counted(a)
            if counted and not listed_alike and a.keys.isdisjoint(b.keys):
                return float("-inf")  # "18 from Canada", "35 nationalities": not one thing (known before any word is weighed)
            if not listed_alike and (_respective(a) or _respective(b)):
                # "gave 7 and 8.9 billion, respectively": each is one of the things listed
                # elsewhere in its sentence, which its context words do not tell apart
                return float("-inf")
        weight = self._weight
        score = sum(weight.get(w, 1.0) for w in a.context & b.context)
        if a.nearest is not None and a.nearest == b.nearest:  # "turnout was 62%"
            score += HEAD_NOUN_WEIGHT * weight.get(a.nearest, 1.0)
        if not number:
            return score
        if any(x.unit and x.unit == y.unit and x.number == y.number for x in a.fact.amounts for y in b.fact.amounts):
            score += MIN_SHARED_CONTEXT
        if listed_alike:
            score += MIN_STORY_CONTEXT
        # What an amount prices or measures ("$885 phone", "$850 per phone") says what
        # it is: in one currency or unit, that is enough anywhere in the story.
        if not counted and a.keys & b.keys:
            score += MIN_STORY_CONTEXT
        return score


_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s")


def _one_sentence(text: str, first: Fact, second: Fact) -> bool:
    """Whether two figures of a passage stand in one sentence (a list, not the next thought)."""
    return not _SENTENCE_END.search(text, first.end, second.start)


def _same_neighbour(first, second) -> bool:
    """Whether two neighbouring figures (amounts, words after) say the same: counts
    must also count the same thing ("8 Americans" is not "8 Chinese")."""
    if first is None or second is None or first[0] != second[0]:
        return False
    counted = first[0][0][0] in ("", "points")
    return not counted or first[1] == second[1] or not first[1].isdisjoint(second[1])


def _words_of(text: str) -> set[str]:
    return {w for w in map(fold_name, _CONTENT_WORD.findall(text)) if len(w) > 1} - _STOP


def _signature(fact: Fact) -> tuple:
    return tuple((a.unit, a.low, a.high, a.number, a.upper) for a in fact.amounts)


def _dimensions(fact: Fact) -> tuple[str, ...]:
    if fact.kind != "number":
        return ()
    return tuple(dict.fromkeys(dimension(a.unit) if a.unit else "count" for a in fact.amounts))


_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)


def _respective(figure: _Figure) -> bool:
    """Whether a figure is one of a list its sentence pairs with other things ("respectively")."""
    text = figure.passage.text
    sentence_end = _SENTENCE_END.search(text, figure.fact.end)
    return bool(_RESPECTIVELY.search(text, figure.fact.end, sentence_end.start() if sentence_end else len(text)))


def _counted(figure: _Figure) -> bool:
    return figure.dimensions[0] in ("count", "points")


@lru_cache(maxsize=8192)
def _key_words(key: str) -> frozenset[str]:
    return frozenset(key.split())


@lru_cache(maxsize=65536)
def _context(text: str, start: int, end: int) -> tuple[str | None, frozenset[str]]:
    """The content word right before a figure, and the content words around it, folded:
    the last `CONTEXT_WORDS` words of `text[:start]` and the first of `text[end:]`."""
    before = [w for w in _words_before(text, start) if w.lower() not in _STOP]
    after = [m[0] for m in islice(_CONTENT_WORD.finditer(text, end), CONTEXT_WORDS)]  # no anchor: as on text[end:]
    after = [w for w in after if w.lower() not in _STOP]
    words = frozenset(w for w in map(fold_name, before + after) if len(w) > 1)
    return (fold_name(before[-1]) if before else None), words


def _words_before(text: str, start: int) -> list[str]:
    """`_CONTENT_WORD.findall(text[:start])[-CONTEXT_WORDS:]`, from the text's words found
    once: those ending by `start`, and a word running past it cut there, as the cut text reads it."""
    spans, ends = _content_word_spans(text)
    at = bisect_right(ends, start)
    words = [text[s:e] for s, e in spans[max(0, at - CONTEXT_WORDS) : at]]
    if at < len(spans) and spans[at][0] < start:
        words = (words + [text[spans[at][0] : start]])[-CONTEXT_WORDS:]
    return words


@lru_cache(maxsize=16)  # the figures of a text are read one after the other: a few texts are enough
def _content_word_spans(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Where `_CONTENT_WORD` matches in `text`, and where each match ends."""
    spans = [m.span() for m in _CONTENT_WORD.finditer(text)]
    return spans, [e for _, e in spans]


# ---------------------------------------------------------------- one set of passages


def _compare(passages: Sequence[tuple[_Figure, ...]], index: _StoryFacts, group: str | None) -> list[_Found]:
    figures = [f for passage in passages for f in passage]
    found = _number_discrepancies([f for f in figures if f.fact.kind == "number"], index, group)
    for kind in ("date", "weekday", "time"):
        found.extend(_single_value_discrepancies([f for f in figures if f.fact.kind == kind], index, group, kind))
    return found


def _number_discrepancies(figures: Sequence[_Figure], index: _StoryFacts, group: str | None) -> list[_Found]:
    """Figures of one group that disagree between outlets, with the figures agreeing with them.

    Figures are sorted by what they measure, then by value: figures alike in value
    and in what they count say the same thing and are compared once, so the work
    grows with the distinct values, not with the outlets.
    """
    union = UnionFind()
    disagreeing = []
    for _, classes in _by_value(figures, lambda f: f.dimensions):
        for members in classes:
            for figure in members[1:]:
                union.join(members[0], figure)
        for left, right in _agreeing_classes(classes):
            union.join(left[0], right[0])
        for left, right, _ in _disagreeing_classes(classes, index, MIN_SHARED_CONTEXT):
            union.join(left[0], right[0])
            disagreeing.append(left[0])
    roots = {union.key(f) for f in disagreeing}
    found = []
    for members in union.sets():
        if union.key(members[0]) in roots and len({f.source for f in members}) > 1:
            found.append(_Found("number", _number_label(members), group, tuple(f.item for f in members)))
    return found


def _by_value(figures: Sequence[_Figure], buckets) -> list[tuple[str, list[list[_Figure]]]]:
    """Per bucket (what the figures measure), the figures sorted into classes of one value."""
    sorted_: dict[str, dict[tuple, list[_Figure]]] = {}
    for figure in figures:
        for bucket in dict.fromkeys(buckets(figure)):
            sorted_.setdefault(bucket, {}).setdefault(figure.signature, []).append(figure)
    return [(bucket, list(classes.values())) for bucket, classes in sorted_.items()]


# Members of a value class tried against another class's: enough to meet each context
# the value stands in, few enough that a value every outlet repeats costs little.
MEMBERS_TRIED = 8


def _agreeing_classes(classes: list[list[_Figure]]):
    """Pairs of value classes whose amounts agree (rounding, conversion) about one thing."""
    for first, second in combinations(classes, 2):
        if _class_verdict(first[0], second[0]):
            yield first, second


def _class_verdict(first: _Figure, second: _Figure) -> bool | None:
    """True when two figures agree about one thing, False when their amounts cannot both
    be right, None when they do not compare. Worked out once per two signatures (all
    it reads: the amounts and what they count), as a big story meets each pair often."""
    key = (first.signature, second.signature)
    # One look-up, never a check then a read: another comparison's thread may clear the cache between.
    verdict = _VERDICTS.get(key, _UNKNOWN)
    if verdict is _UNKNOWN:
        if len(_VERDICTS) > 65536:
            _VERDICTS.clear()
        verdict = _VERDICTS[key] = _verdict(first, second)
    return verdict


def _verdict(first: _Figure, second: _Figure) -> bool | None:
    verdict = amounts_agree(first.fact.amounts, second.fact.amounts)
    if verdict is False and _apart(first.fact.amounts, second.fact.amounts):
        return None  # "2.5 million" and "10": figures an order of magnitude apart count different things
    if verdict and _counted(first) and first.keys != second.keys and first.keys.isdisjoint(second.keys):
        return None  # "3 dead" and "3 injured": alike, but not one thing
    return verdict


def _apart(first, second) -> bool:
    """Whether two figures' amounts in a unit both give are more than `MAX_RATIO` apart."""
    pairs = [(a.number, b.number) for a in first for b in second if a.unit == b.unit]
    for x, y in pairs or [(first[0].number, second[0].number)]:
        low, high = sorted((abs(x), abs(y)))
        if high <= MAX_RATIO * low:
            return False
    return True


def _disagreeing_classes(
    classes: list[list[_Figure]], index: _StoryFacts, threshold: float, pairs: list[tuple[int, int]] | None = None
):
    """(class, class, (figure, figure)) for each two value classes that disagree about one thing.

    Two classes disagree when their amounts cannot both be right and some figure of
    one and some of the other, from outlets that do not also give the other value,
    share at least `threshold` of context; the two figures are the pair sharing most.
    `pairs` (i < j, in order) limits the classes compared; None compares every two.
    """
    if len(classes) < 2:
        return []
    sources = [frozenset(f.source for f in members) for members in classes]
    covered = [set(s) for s in sources]  # outlets giving a value that agrees with the class's
    pending = []
    for i, j in combinations(range(len(classes)), 2) if pairs is None else pairs:
        verdict = _class_verdict(classes[i][0], classes[j][0])
        if verdict:
            covered[i] |= sources[j]
            covered[j] |= sources[i]
        elif verdict is False:
            pending.append((i, j))
    found = []
    for i, j in pending:
        # The first MEMBERS_TRIED only: a value a thousand passages repeat is not walked whole.
        left = list(islice((f for f in classes[i] if f.source not in covered[j]), MEMBERS_TRIED))
        right = list(islice((f for f in classes[j] if f.source not in covered[i]), MEMBERS_TRIED))
        best = None
        for a in left:
            for b in right:
                if a.source != b.source:
                    score = index.context_score(a, b)
                    if best is None or score > best[0]:
                        best = (score, a, b)
        if best is not None and best[0] >= threshold:
            found.append((classes[i], classes[j], (best[1], best[2])))
    return found


_VERDICTS: dict[tuple, bool | None] = {}  # (signature, signature) -> `_class_verdict`
_UNKNOWN = object()  # not in _VERDICTS (None is a verdict there)


def _story_number_discrepancies(index: _StoryFacts, group_of, found: list[_Found]) -> list[_Found]:
    """`found` with the figures alignment left in different groups that disagree.

    Alignment may put two accounts of one figure in different groups, so figures
    whose surroundings agree closely are compared across the whole story too (counts
    only with counts of the same thing). A pair touching a discrepancy already found
    joins it; any other is a new one.
    """
    figures = [f for figures in index.paragraphs.values() for f in figures if f.fact.kind == "number"]

    def buckets(figure: _Figure):
        if _counted(figure):
            return (f"{figure.dimensions[0]} {key}" for key in figure.keys)
        return figure.dimensions

    union = UnionFind()
    for _, classes in _by_value(figures, buckets):
        pairs = _plausible_pairs(classes, index)
        for _, _, (a, b) in _disagreeing_classes(classes, index, MIN_STORY_CONTEXT, pairs):
            union.join(a, b)
    found = list(found)
    spots_of = [{_spot(p, f) for p, f in item.facts} for item in found]
    for members in union.sets():
        if len({f.source for f in members}) < 2:
            continue
        item = _Found("number", _number_label(members), None, tuple(f.item for f in members))
        spots = {_spot(p, f) for p, f in item.facts}
        touching = next((i for i, other in enumerate(spots_of) if spots & other), None)
        if touching is not None:
            other = found[touching]
            new = tuple(x for x in item.facts if _spot(*x) not in spots_of[touching])
            found[touching] = replace(other, facts=other.facts + new)
            spots_of[touching] |= spots
            continue
        places = [(p.source, p.paragraph) for p, _ in item.facts]
        group = next((group_of[place] for place in places if place in group_of), None)
        found.append(replace(item, group=group))
        spots_of.append(spots)
    return found


def _plausible_pairs(classes: list[list[_Figure]], index: _StoryFacts) -> list[tuple[int, int]] | None:
    """Past STORY_VALUES values of one thing, the pairs of value classes (i < j, in order)
    worth comparing across the story: those sharing a clue to what a figure is about (a
    context word at most a few passages per outlet use, a neighbouring figure, an amount
    in a unit, what an amount prices). A clue shared by more than STORY_VALUES values tells
    none apart and is not used. None (every pair) for fewer values: a long document giving
    a count a thousand times is then compared in time linear in its figures, not square.
    Pairs sharing no clue can still reach MIN_STORY_CONTEXT only through several common
    context words; those are the pairs this leaves out."""
    if len(classes) <= STORY_VALUES:
        return None
    by_clue: dict[object, list[int]] = {}
    for k, members in enumerate(classes):
        head = members[0]
        clues: set[object] = {("amount", a.unit, a.number) for a in head.fact.amounts if a.unit}
        if not _counted(head):
            clues.update(("key", key) for key in head.keys)
        for figure in members:
            clues.update(w for w in figure.context if index.weight(w) >= RARE_CONTEXT)
            clues.update(("neighbour", side, n[0]) for side, n in enumerate(figure.neighbours) if n is not None)
        for clue in clues:
            by_clue.setdefault(clue, []).append(k)
    pairs: set[tuple[int, int]] = set()
    for sharing in by_clue.values():
        if len(sharing) <= STORY_VALUES:
            pairs.update(combinations(sharing, 2))
    return sorted(pairs)


def _spot(passage: _Passage, fact: Fact) -> tuple[str, int, int]:
    return passage.source, passage.paragraph, fact.start


def _number_label(members) -> str:
    keys = [f.fact.key for f in members if f.fact.key and _counted(f)]
    if keys:
        return min(keys, key=len)
    units = sorted({a.unit for f in members for a in f.fact.amounts if a.unit})
    names = {"%": "percentage", "km": "distance", "mi": "distance", "m": "distance", "ft": "distance",
             "kg": "weight", "t": "weight", "lb": "weight", "km/h": "speed", "mph": "speed"}
    labels = dict.fromkeys(names.get(u, f"amount in {u}") for u in units)
    return ", ".join(labels) or "figure"


def _single_value_discrepancies(figures: Sequence[_Figure], index: _StoryFacts, group, kind: str) -> list[_Found]:
    # Dates and times compare only when each outlet gives one in the passage: with
    # several, which event each belongs to is guesswork.
    by_source: dict[str, list[_Figure]] = {}
    for figure in figures:
        by_source.setdefault(figure.source, []).append(figure)
    single = {s: of_kind[0] for s, of_kind in by_source.items() if len({f.fact.value for f in of_kind}) == 1}
    if len({f.fact.value for f in single.values()}) < 2:
        return []
    comparable = [
        (a, b)
        for a, b in combinations(sorted(single.values(), key=lambda f: f.source), 2)
        if _times_comparable(a.fact, b.fact)
        and a.fact.value != b.fact.value
        and index.context_score(a, b) >= MIN_SHARED_CONTEXT
    ]
    if kind == "date":
        comparable = [(a, b) for a, b in comparable if _date_differs(a.fact, b.fact)]
    if kind == "time":
        comparable = [(a, b) for a, b in comparable if a.fact.minutes != b.fact.minutes]
    if not comparable:
        return []
    label = {"date": "date", "weekday": "day of the week", "time": "time of day"}[kind]
    return [_Found("time" if kind == "time" else "date", label, group, tuple(single[s].item for s in sorted(single)))]


def _date_differs(first: Fact, second: Fact) -> bool:
    day_a, month_a, *year_a = first.value.split()
    day_b, month_b, *year_b = second.value.split()
    return (day_a, month_a) != (day_b, month_b) or (year_a and year_b and year_a != year_b)


def _times_comparable(first: Fact, second: Fact) -> bool:
    if first.kind != "time":
        return True
    if zone_known(first.zone) and zone_known(second.zone):
        return True
    return first.zone == second.zone  # both without a zone, or the same named zone


def _grows_with_date(facts, published) -> bool:
    dated = sorted(
        (published.get(p.source), f.amounts[0].number) for p, f in facts if published.get(p.source) and f.amounts
    )
    if len({d for d, _ in dated}) < 2:
        return False
    numbers = [n for _, n in dated]
    return numbers == sorted(numbers) and numbers[0] < numbers[-1]


# ---------------------------------------------------------------- quotes


def _quote_discrepancies(
    story: Story, index: _StoryFacts, groups: Sequence[Group], quotes: Sequence[Quote]
) -> list[_Found]:
    by_id = {q.id: q for q in quotes}
    group_of: dict[tuple[str, int], str] | None = None  # built on first need: most stories' quotes give no figure
    found: list[_Found] = []
    for quote in quotes:
        if not _has_figures(quote.text):
            continue  # before its matches: a wire quote has hundreds
        for match in quote.matches:
            other = by_id.get(match.quote)
            if other is None or other.source == quote.source or other.id < quote.id or other.text == quote.text:
                continue
            if not _has_figures(other.text):
                continue
            passages = {q.source: (_Passage(q.source, q.paragraph, q.text), q) for q in (quote, other)}
            if group_of is None:
                group_of = {(m.source, m.paragraph): g.id for g in groups for m in g.members}
            group = group_of.get((quote.source, quote.paragraph))
            for item in _compare([index.figures(p) for p, _ in passages.values()], index, group):
                facts = tuple(_in_paragraph(story, passages[p.source][1], p, f) for p, f in item.facts)
                fact = f"{item.fact} (quoting {quote.speaker or 'one speaker'})"
                found.append(_Found(item.kind, fact, group, facts))
    return found


def _has_figures(text: str) -> bool:
    return any(fact.kind != "name" for fact in extract_facts(text))


def _in_paragraph(story: Story, quote: Quote, passage: _Passage, fact: Fact) -> tuple[_Passage, Fact]:
    """A fact found in a quote's words, placed in the quote's paragraph."""
    if quote.end_paragraph is not None:
        return passage, fact  # a quote over several paragraphs keeps its own offsets
    text = story.source(quote.source).paragraphs[quote.paragraph].text
    paragraph = _Passage(quote.source, quote.paragraph, text)
    return paragraph, replace(fact, start=fact.start + quote.start, end=fact.end + quote.start)


# ---------------------------------------------------------------- names


@dataclass(frozen=True, slots=True)
class _Mention:
    passage: _Passage
    words: tuple[tuple[str, int, int], ...]  # the name's words as written, with their spans

    @property
    def text(self) -> str:
        if self.passage.dateline:
            # "KIEV, Ukraine": a place read out of the dateline shows the dateline, less its dash.
            return re.sub(r"\s*(?:—|–|--?|:)$", "", self.passage.text)
        return self.passage.text[self.words[0][1] : self.words[-1][2]]


def _name_tokens(text: str) -> tuple[str, ...]:
    """The words of a text, lower-cased, without a possessive 's."""
    return tuple(w.removesuffix("'s").removesuffix("’s") for w in _TOKEN.findall(text.lower()))


_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][\w'’]*")


class _NameIndex:
    """Names across the whole story, and what tells a spelling variant from another name."""

    def __init__(self, story: Story, groups_of: dict[tuple[str, int], set[str]] | None = None) -> None:
        self._groups_of = groups_of or {}
        self._places: dict[str, set[tuple[str, int]]] = {}  # a word of a name -> where it stands
        datelines = {s.id: _dateline_passage(s) for s in story.sources}
        tokens: dict[str, tuple[str, ...]] = {}  # per distinct text: wire copy repeats paragraphs

        def tokens_of(text: str) -> tuple[str, ...]:
            if text not in tokens:
                tokens[text] = _name_tokens(text)
            return tokens[text]

        self._words = {
            s.id: frozenset(
                w
                for text in [*(p.text for p in s.paragraphs), *([s.dateline] if datelines[s.id] else [])]
                for w in tokens_of(text)
            )
            for s in story.sources
        }
        texts = dict.fromkeys(p.text for s in story.sources for p in s.paragraphs)
        self._lower_words = frozenset(w for text in texts for w in _LOWER_WORD.findall(text))
        self.mentions: dict[str, dict[tuple[str, ...], _Mention]] = {}
        self._name_cache: dict[str, tuple[tuple[str, int, int], ...] | None] = {}
        for source in story.sources:
            if found := datelines[source.id]:
                passage, places = found
                for place in places:
                    if mention := self._mention(passage, place):
                        self._add(source.id, mention)
            for paragraph in source.paragraphs:
                passage = _Passage(source.id, paragraph.index, paragraph.text)
                for fact in extract_facts(paragraph.text):
                    if fact.kind == "name" and (mention := self._mention(passage, fact)):
                        self._add(source.id, mention)

    def _add(self, source: str, mention: _Mention) -> None:
        key = tuple(w.lower() for w, _, _ in mention.words)
        self.mentions.setdefault(source, {}).setdefault(key, mention)
        for word in key:
            self._places.setdefault(word, set()).add((source, mention.passage.paragraph))

    def _mention(self, passage: _Passage, fact: Fact) -> _Mention | None:
        words = self._name_words(fact.text)
        if words is None:
            return None
        return _Mention(passage, tuple((w, fact.start + start, fact.start + end) for w, start, end in words))

    def _name_words(self, name: str) -> tuple[tuple[str, int, int], ...] | None:
        """The words of `name` that are the name, with their spans in it; None when too
        little is left. Worked out once per name: a big story repeats each name hundreds of times."""
        if name in self._name_cache:
            return self._name_cache[name]
        # Titles and words that also stand in lower case ("President", "The") are not the name.
        words = []
        for match in re.finditer(r"\S+", name):
            word = match.group()
            lowered = word.lower()
            if lowered in self._lower_words or lowered in _CALENDAR_WORDS or any(
                part in self._lower_words and len(part) > 3 for part in lowered.split("-")[1:]
            ):
                continue
            words.append((word, match.start(), match.end()))
        found = tuple(words) if words and sum(len(fold_name(w)) for w, _, _ in words) >= 4 else None
        self._name_cache[name] = found
        return found

    def variants(self) -> list[tuple[tuple[str, str], _Mention, _Mention]]:
        """(differing words, mention in one outlet, mention in another) for every spelling pair.

        Works on the story's distinct names, not on pairs of outlets, so it grows with
        the vocabulary: words sharing a first letter are compared one to one; full names
        sharing a word in one place are compared word by word.
        """
        by_word: dict[str, dict[str, tuple[str, _Mention]]] = {}
        by_name: dict[tuple[str, ...], dict[str, _Mention]] = {}
        for source, mentions in self.mentions.items():
            for key, mention in mentions.items():
                by_name.setdefault(key, {})[source] = mention
                for word, _, _ in mention.words:
                    by_word.setdefault(word.lower(), {}).setdefault(source, (word, mention))
        found = []
        initials: dict[str, list[str]] = {}
        for word in by_word:
            initials.setdefault(fold_name(word)[:1], []).append(word)
        for words in initials.values():
            for a, b in _maybe_variants(words):
                x, y = words[a], words[b]
                if abs(len(x) - len(y)) <= 3 and (
                    spelling_variants(x, y)
                    or (spelling_variants(x, y, min_consonants=MIN_ALIGNED_SKELETON) and self._aligned(x, y))
                ):
                    found.extend(self._pairs(by_word[x], by_word[y]))
        places: dict[tuple[int, int, str], list[tuple[str, ...]]] = {}
        for key in by_name:
            if len(key) > 1:
                for position, word in enumerate(key):
                    places.setdefault((len(key), position, word), []).append(key)
        compared: set[tuple] = set()
        for names in places.values():
            for key_a, key_b in combinations(names, 2):
                if (key_a, key_b) in compared:
                    continue
                compared.add((key_a, key_b))
                differing = [(x, y) for x, y in zip(key_a, key_b) if x != y]
                # One person's full name: the words that differ may differ in vowels only.
                if all(spelling_variants(x, y, min_consonants=1) for x, y in differing):
                    found.extend(self._full_name_pairs(by_name[key_a], by_name[key_b], differing))
        return found

    def _aligned(self, x: str, y: str) -> bool:
        """Whether one outlet's `x` and another's `y` stand in passages aligned together."""
        groups_x: dict[str, set[str]] = {}
        for source, paragraph in self._places.get(x, ()):
            groups_x.setdefault(source, set()).update(self._groups_of.get((source, paragraph), ()))
        for source, paragraph in self._places.get(y, ()):
            groups = self._groups_of.get((source, paragraph), set())
            if any(other != source and groups & shared for other, shared in groups_x.items()):
                return True
        return False

    def _pairs(self, uses_x: dict[str, tuple[str, _Mention]], uses_y: dict[str, tuple[str, _Mention]]):
        x, y = next(iter(uses_x.values()))[0].lower(), next(iter(uses_y.values()))[0].lower()
        for source_a, (word_a, mention_a) in uses_x.items():
            for source_b, (word_b, mention_b) in uses_y.items():
                if self._exclusive(source_a, x, source_b, y):
                    yield (word_a, word_b), mention_a, mention_b

    def _full_name_pairs(self, uses_a: dict[str, _Mention], uses_b: dict[str, _Mention], differing):
        for source_a, mention_a in uses_a.items():
            for source_b, mention_b in uses_b.items():
                if all(self._exclusive(source_a, x, source_b, y) for x, y in differing):
                    written = [
                        (wa, wb)
                        for (wa, _, _), (wb, _, _) in zip(mention_a.words, mention_b.words)
                        if wa.lower() != wb.lower()
                    ]
                    for pair in written:
                        yield pair, mention_a, mention_b

    def _exclusive(self, source_a: str, x: str, source_b: str, y: str) -> bool:
        # An outlet that writes both spellings names two things, or quotes another outlet.
        return source_a != source_b and x not in self._words[source_b] and y not in self._words[source_a]


def _dateline_passage(source: Source) -> tuple[_Passage, tuple[Fact, ...]] | None:
    """A source's dateline as a passage of the paragraph it opens, with its places as names.

    Cleaning keeps the dateline ("KIEV, Ukraine --") as metadata, out of the text; the
    place an outlet reports from is a name like any other, and it belongs to the
    paragraph the dateline opened (that paragraph's line is the dateline's)."""
    if not source.dateline:
        return None
    line = next((r.line for r in source.removed if r.rule == "dateline"), None)
    paragraph = next((p.index for p in source.paragraphs if p.line == line), None)
    if paragraph is None:
        return None
    places, offset = [], 0
    for place in dateline_places(source.dateline):
        start = source.dateline.find(place, offset)
        if start >= 0:
            offset = start + len(place)
            places.append(Fact("name", place, start, offset, place, key=fold_name(place)))
    return _Passage(source.id, paragraph, source.dateline, dateline=True), tuple(places)


def _name_discrepancies(names: _NameIndex, group_of: dict[tuple[str, int], str]) -> list[_Found]:
    union = UnionFind()
    occurrences: dict[str, list[tuple[str, _Mention]]] = {}
    for (word_a, word_b), mention_a, mention_b in names.variants():
        union.join(fold_name(word_a), fold_name(word_b))
        occurrences.setdefault(fold_name(word_a), []).append((word_a, mention_a))
        occurrences.setdefault(fold_name(word_b), []).append((word_b, mention_b))
    found = []
    for keys in union.sets():
        first: dict[tuple[str, str], _Mention] = {}
        for key in keys:
            for word, mention in occurrences.get(key, []):
                spot = (mention.passage.source, word)
                if spot not in first or mention.passage.paragraph < first[spot].passage.paragraph:
                    first[spot] = mention
        if len({source for source, _ in first}) < 2:
            continue
        # Each value starts at its differing word: two words of one name spelled two
        # ways ("Vladimir Zelensky", "Volodymyr Zelenskiy") are two discrepancies.
        facts = tuple(
            (m.passage, Fact("name", m.text, _word_start(m, word), m.words[-1][2], word, key=fold_name(word)))
            for (_, word), m in first.items()
        )
        groups = [group_of.get((p.source, p.paragraph)) for p, _ in facts]
        shared = [g for g in groups if g is not None and groups.count(g) > 1]
        group = shared[0] if shared else next((g for g in groups if g is not None), None)
        spellings = " / ".join(sorted({f.value for _, f in facts}))
        if any(f.value[:1].islower() for _, f in facts):
            # "ez-Zor" reads as a name only with its first word: the shortest name written with it.
            shortest: dict[str, str] = {}
            for _, fact in facts:
                if fact.value not in shortest or len(fact.text) < len(shortest[fact.value]):
                    shortest[fact.value] = fact.text
            spellings = " / ".join(sorted(shortest.values()))
        found.append(_Found("name", f"spelling of {spellings}", group, facts))
    return found


def _word_start(mention: _Mention, word: str) -> int:
    return next((start for written, start, _ in mention.words if written == word), mention.words[0][1])


@lru_cache(maxsize=65536)
def spelling_variants(first: str, second: str, min_consonants: int = MIN_SKELETON) -> bool:
    """Whether two words of a name, as written, are one word spelled two ways.

    "Wróbel" and "Wrobel", "Hamadan" and "Hamedan", "Ezzor" and "ez-Zor" are;
    "Jane" and "John", "Iran" and "Iranian", "Russia-backed" and "Russian-backed"
    (one word grown from the other) are not. Words whose consonants agree in order and differ only in vowels count
    when they have at least `min_consonants` consonants (1 inside a full name
    whose other words agree: "Kim Se-yoon" and "Kim Se-yun").
    """
    from rapidfuzz.fuzz import ratio

    if first.lower() == second.lower():
        return False
    a, b = fold_name(first), fold_name(second)
    if not a or not b or a[0] != b[0]:
        return False
    if a == b:
        return True
    parts_a, parts_b = first.lower().split("-"), second.lower().split("-")
    if any(x != y and (x.startswith(y) or y.startswith(x)) for x, y in zip(parts_a, parts_b)):
        return False  # "Russia-backed" and "Russian-backed": one word grown from the other
    if ratio(a, b) >= MIN_NAME_SIMILARITY:
        return True
    # Consonants alike in order, lengths within one letter: vowels transliterated two ways.
    skeleton_a, skeleton_b = _consonants(a), _consonants(b)
    return skeleton_a == skeleton_b and len(skeleton_a) >= min_consonants and abs(len(a) - len(b)) <= 1


def _maybe_variants(words: list[str]) -> list[tuple[int, int]]:
    """The pairs (a < b, in order) of `words` that `spelling_variants` may accept: folded
    alike, as similar as MIN_NAME_SIMILARITY, or with one consonant skeleton. The
    other pairs are never compared, so a story of thousands of names costs a fuzzy
    match in C per pair and Python work per likely pair only."""
    import numpy as np
    from rapidfuzz.fuzz import ratio
    from rapidfuzz.process import cdist

    folded = [fold_name(w) for w in words]
    pairs: set[tuple[int, int]] = set()
    by_skeleton: dict[str, list[int]] = {}
    for k, f in enumerate(folded):
        if f:
            by_skeleton.setdefault(_consonants(f), []).append(k)
    for same in by_skeleton.values():
        pairs.update(combinations(same, 2))
    for lo in range(0, len(words), VARIANT_ROWS):
        # One below the cut: the exact test follows, float rounding cannot drop a pair.
        scores = cdist(folded[lo : lo + VARIANT_ROWS], folded, scorer=ratio, score_cutoff=MIN_NAME_SIMILARITY - 1)
        rows, cols = np.nonzero(scores)
        pairs.update((lo + r, c) for r, c in zip(rows.tolist(), cols.tolist()) if lo + r < c)
    return sorted(pairs)


_VOWELS = re.compile(r"[aeiouy]")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def _consonants(folded: str) -> str:
    return _DOUBLED.sub(r"\1", _VOWELS.sub("", folded))
