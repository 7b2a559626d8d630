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
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import combinations

from comparators.facts import Fact, amounts_agree, dimension, extract_facts, fold_name, zone_known
from comparators.model import Group, Quote, Story

# Two figures from different outlets are about the same thing when this many content
# words stand near both (names, places, what is counted), or when one part of a
# bracketed conversion agrees exactly.
MIN_SHARED_CONTEXT = 2
# Figures in passages alignment did not put together need more context in common.
MIN_STORY_CONTEXT = 4
CONTEXT_WORDS = 8  # on each side of a figure

# Spellings of one name fold to strings at least this similar (rapidfuzz ratio, 0-100),
# or share their consonants in order, vowels being what transliterations disagree on.
MIN_NAME_SIMILARITY = 85
MIN_SKELETON = 3  # consonants; shorter names collide by chance

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


@dataclass(frozen=True, slots=True)
class _Passage:
    source: str
    paragraph: int
    text: str


@dataclass(frozen=True, slots=True)
class _Found:
    kind: str
    fact: str
    group: str | None
    facts: tuple[tuple[_Passage, Fact], ...]


def find_discrepancies(
    story: Story, groups: Sequence[Group], quotes: Sequence[Quote] = ()
) -> tuple[Discrepancy, ...]:
    """Every discrepancy between outlets in the story's aligned groups and matched quotes.

    Takes the story, its groups in reading order and its quotes; returns
    `Discrepancy`s ordered by group, numbered d1, d2... A name spelled two ways
    is reported once, in the first group where both spellings meet.
    """
    order = {s.id: i for i, s in enumerate(story.sources)}
    published = {s.id: s.date for s in story.sources}
    found: list[_Found] = []
    for group in groups:
        passages = [_Passage(m.source, m.paragraph, m.text) for m in group.members]
        if len({p.source for p in passages}) > 1:
            found.extend(_compare(passages, group.id))
    found.extend(_quote_discrepancies(story, groups, quotes))
    group_of = {(m.source, m.paragraph): g.id for g in reversed(groups) for m in g.members}
    found = _story_number_discrepancies(story, group_of, found)
    found.extend(_name_discrepancies(_NameIndex(story), group_of))

    group_rank = {g.id: i for i, g in enumerate(groups)}

    def reading_order(item: _Found) -> tuple[int, int]:
        return group_rank.get(item.group, len(group_rank)), min(p.paragraph for p, _ in item.facts)

    # A paragraph reporting two facts stands in two groups, so one disagreement can
    # be found in several overlapping groups: it is told once, in the first, with
    # every value any of them found.
    merged: list[tuple[_Found, set]] = []
    for item in sorted(found, key=reading_order):
        spots = {(p.source, p.paragraph, fact.start) for p, fact in item.facts}
        same = next(
            (k for k, (kept, kept_spots) in enumerate(merged)
             if kept.kind == item.kind and len(spots & kept_spots) >= max(2, min(len(spots), len(kept_spots)) / 2)),
            None,
        )
        if same is None:
            merged.append((item, spots))
            continue
        kept, kept_spots = merged[same]
        extra = tuple((p, fact) for p, fact in item.facts if (p.source, p.paragraph, fact.start) not in kept_spots)
        merged[same] = (replace(kept, facts=kept.facts + extra), kept_spots | spots)

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


# ---------------------------------------------------------------- one set of passages


def _compare(passages: Sequence[_Passage], group: str | None) -> list[_Found]:
    facts = {p: _facts(p.text) for p in passages}
    by_source: dict[str, list[tuple[_Passage, Fact]]] = {}
    for passage in passages:
        by_source.setdefault(passage.source, []).extend((passage, f) for f in facts[passage])
    found: list[_Found] = []
    found.extend(_number_discrepancies(by_source, group))
    for kind in ("date", "weekday", "time"):
        found.extend(_single_value_discrepancies(by_source, group, kind))
    return found


@lru_cache(maxsize=8192)  # paragraphs: the name index and the groups read the same ones
def _facts(text: str) -> tuple[Fact, ...]:
    return extract_facts(text)


def _number_discrepancies(by_source, group, min_context: int = MIN_SHARED_CONTEXT, with_agreeing: bool = True):
    """Figures that disagree between outlets, joined with the figures that agree with them.

    Per pair of outlets: figures about the same thing that agree pair off first; of
    the rest, disagreeing figures pair off by how much context they share, each at
    most once. Returns the sets of (passage, fact) holding at least one disagreement.
    """
    union = _UnionFind()
    disagreeing: list[tuple] = []
    buckets = {source: _bucketed(facts) for source, facts in by_source.items()}
    for first, second in combinations(sorted(by_source), 2):
        agreed: set[tuple] = set()
        candidates = []
        for a, b in _comparable_figures(by_source[first], buckets[second]):
            agree = amounts_agree(a[1].amounts, b[1].amounts)
            if agree:
                agreed.update((a, b))
                if with_agreeing:
                    union.join(a, b)
            elif agree is False:
                candidates.append((_context_score(a, b), a, b))
        used = set(agreed)
        for score, a, b in sorted(candidates, key=lambda c: -c[0]):
            if score < min_context or a in used or b in used:
                continue
            used.update((a, b))
            union.join(a, b)
            disagreeing.append(a)
    roots = {union.key(a) for a in disagreeing}
    found = []
    for members in union.sets():
        if union.key(members[0]) in roots and len({p.source for p, _ in members}) > 1:
            found.append(_Found("number", _number_label(members), group, tuple(members)))
    return found


def _story_number_discrepancies(story: Story, group_of, found: list[_Found]) -> list[_Found]:
    """`found` with the figures alignment left in different groups that disagree.

    Alignment may put two accounts of one figure in different groups, so figures
    whose surroundings agree closely are compared across the whole story too. A
    pair touching a discrepancy already found joins it; any other is a new one.
    """
    by_source: dict[str, list[tuple[_Passage, Fact]]] = {}
    for source in story.sources:
        for paragraph in source.paragraphs:
            passage = _Passage(source.id, paragraph.index, paragraph.text)
            by_source.setdefault(source.id, []).extend((passage, f) for f in _facts(paragraph.text))
    found = list(found)
    for item in _number_discrepancies(by_source, None, MIN_STORY_CONTEXT, with_agreeing=False):
        spots = {_spot(p, f) for p, f in item.facts}
        touching = [i for i, other in enumerate(found) if spots & {_spot(p, f) for p, f in other.facts}]
        if touching:
            other = found[touching[0]]
            new = tuple(x for x in item.facts if _spot(*x) not in {_spot(p, f) for p, f in other.facts})
            found[touching[0]] = replace(other, facts=other.facts + new)
            continue
        places = [(p.source, p.paragraph) for p, _ in item.facts]
        group = next((group_of[place] for place in places if place in group_of), None)
        found.append(replace(item, group=group))
    return found


def _spot(passage: _Passage, fact: Fact) -> tuple[str, int, int]:
    return passage.source, passage.paragraph, fact.start


def _bucketed(facts) -> dict[str, list]:
    """Figures by what they measure or count, so only comparable ones meet."""
    buckets: dict[str, list] = {}
    for item in facts:
        if item[1].kind == "number":
            for key in _buckets(item[1]):
                buckets.setdefault(key, []).append(item)
    return buckets


def _comparable_figures(facts_a, buckets):
    """Pairs of figures, one from `facts_a`, one from `buckets`, about the same kind of thing."""
    for a in facts_a:
        if a[1].kind != "number":
            continue
        seen: set[int] = set()
        for key in _buckets(a[1]):
            for b in buckets.get(key, ()):
                if id(b) not in seen and _same_thing(a[1], b[1]):
                    seen.add(id(b))
                    yield a, b


def _buckets(fact: Fact) -> set[str]:
    units = {amount.unit for amount in fact.amounts}
    if units <= {"", "points"}:
        return set(fact.key.split())
    return {dimension(unit) for unit in units if unit}


def _same_thing(first: Fact, second: Fact) -> bool:
    units_a = {a.unit for a in first.amounts}
    units_b = {a.unit for a in second.amounts}
    if units_a == {""} or units_b == {""} or "points" in units_a | units_b:
        # Plain counts compare only when they count the same thing ("24 crew", "25 crew members").
        return units_a == units_b and not _key_words(first.key).isdisjoint(_key_words(second.key))
    return True


@lru_cache(maxsize=8192)
def _key_words(key: str) -> frozenset[str]:
    return frozenset(key.split())


def _context_score(a: tuple[_Passage, Fact], b: tuple[_Passage, Fact]) -> int:
    exact_part = any(
        x.unit == y.unit and x.number == y.number and x.unit
        for x in a[1].amounts
        for y in b[1].amounts
    )
    nearest_a, words_a = _context(a[0].text, a[1].start, a[1].end)
    nearest_b, words_b = _context(b[0].text, b[1].start, b[1].end)
    # The word right before a figure says most about what it is ("turnout was 62%").
    nearest = nearest_a is not None and nearest_a == nearest_b
    # Figures listed alike ("73.2% ... 25.3%" and "73.2 percent ... 24.5 percent"): the
    # one before agrees exactly, so these two stand in the same place of one list.
    before_a, before_b = _figure_before(a[0].text, a[1].start), _figure_before(b[0].text, b[1].start)
    listed_alike = before_a is not None and before_b is not None and _same_figure(before_a, before_b)
    return (
        len(words_a & words_b)
        + nearest
        + (MIN_SHARED_CONTEXT if exact_part else 0)
        + (MIN_STORY_CONTEXT if listed_alike else 0)
    )


@lru_cache(maxsize=65536)
def _figure_before(text: str, start: int) -> Fact | None:
    """The figure nearest before `start` in `text`, if any."""
    figures = [f for f in _facts(text) if f.kind == "number" and f.end <= start]
    return figures[-1] if figures else None


def _same_figure(first: Fact, second: Fact) -> bool:
    return {(a.unit, a.number, a.upper) for a in first.amounts} == {(a.unit, a.number, a.upper) for a in second.amounts}


@lru_cache(maxsize=65536)
def _context(text: str, start: int, end: int) -> tuple[str | None, frozenset[str]]:
    """The content word right before a figure, and the content words around it, folded."""
    before = [w for w in _CONTENT_WORD.findall(text[:start])[-CONTEXT_WORDS:] if w.lower() not in _STOP]
    after = [w for w in _CONTENT_WORD.findall(text[end:])[:CONTEXT_WORDS] if w.lower() not in _STOP]
    words = frozenset(fold_name(w) for w in before + after) - {""}
    return (fold_name(before[-1]) if before else None), words


def _number_label(members) -> str:
    keys = [f.key for _, f in members if f.key]
    if keys:
        return min(keys, key=len)
    units = sorted({a.unit for _, f in members for a in f.amounts if a.unit})
    names = {"%": "percentage", "km": "distance", "mi": "distance", "m": "distance", "ft": "distance",
             "kg": "weight", "t": "weight", "lb": "weight", "km/h": "speed", "mph": "speed"}
    labels = dict.fromkeys(names.get(u, f"amount in {u}") for u in units)
    return ", ".join(labels) or "figure"


def _single_value_discrepancies(by_source, group, kind: str) -> list[_Found]:
    # Dates and times compare only when each outlet gives one in the passage: with
    # several, which event each belongs to is guesswork.
    single = {}
    for source, facts in by_source.items():
        of_kind = [(p, f) for p, f in facts if f.kind == kind]
        if len({f.value for _, f in of_kind}) == 1:
            single[source] = of_kind[0]
    comparable = [
        (a, b)
        for a, b in combinations(sorted(single.values(), key=lambda x: x[0].source), 2)
        if _times_comparable(a[1], b[1])
        and a[1].value != b[1].value
        and _context_score(a, b) >= MIN_SHARED_CONTEXT
    ]
    if kind == "date":
        comparable = [(a, b) for a, b in comparable if _date_differs(a[1], b[1])]
    if kind == "time":
        comparable = [(a, b) for a, b in comparable if a[1].minutes != b[1].minutes]
    if not comparable:
        return []
    label = {"date": "date", "weekday": "day of the week", "time": "time of day"}[kind]
    return [_Found("time" if kind == "time" else "date", label, group, tuple(single[s] for s in sorted(single)))]


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


def _quote_discrepancies(story: Story, groups: Sequence[Group], quotes: Sequence[Quote]) -> list[_Found]:
    by_id = {q.id: q for q in quotes}
    group_of = {(m.source, m.paragraph): g.id for g in groups for m in g.members}
    found: list[_Found] = []
    for quote in quotes:
        for match in quote.matches:
            other = by_id.get(match.quote)
            if other is None or other.source == quote.source or other.id < quote.id or other.text == quote.text:
                continue
            if not (_has_figures(quote.text) and _has_figures(other.text)):
                continue
            passages = {q.source: (_Passage(q.source, q.paragraph, q.text), q) for q in (quote, other)}
            group = group_of.get((quote.source, quote.paragraph))
            for item in _compare([p for p, _ in passages.values()], group):
                facts = tuple(_in_paragraph(story, passages[p.source][1], p, f) for p, f in item.facts)
                fact = f"{item.fact} (quoting {quote.speaker or 'one speaker'})"
                found.append(_Found(item.kind, fact, group, facts))
    return found


def _has_figures(text: str) -> bool:
    return any(fact.kind != "name" for fact in _facts(text))


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
        return self.passage.text[self.words[0][1] : self.words[-1][2]]


class _NameIndex:
    """Names across the whole story, and what tells a spelling variant from another name."""

    def __init__(self, story: Story) -> None:
        self._words = {
            s.id: frozenset(
                w.removesuffix("'s").removesuffix("’s") for p in s.paragraphs for w in _TOKEN.findall(p.text.lower())
            )
            for s in story.sources
        }
        self._lower_words = frozenset(
            w for s in story.sources for p in s.paragraphs for w in re.findall(r"(?<![\w-])[a-z][\w'’]*", p.text)
        )
        self.mentions: dict[str, dict[tuple[str, ...], _Mention]] = {}
        for source in story.sources:
            for paragraph in source.paragraphs:
                passage = _Passage(source.id, paragraph.index, paragraph.text)
                for fact in _facts(paragraph.text):
                    if fact.kind == "name" and (mention := self._mention(passage, fact)):
                        key = tuple(w.lower() for w, _, _ in mention.words)
                        self.mentions.setdefault(source.id, {}).setdefault(key, mention)

    def _mention(self, passage: _Passage, fact: Fact) -> _Mention | None:
        # Titles and words that also stand in lower case ("President", "The") are not the name.
        words = []
        for match in re.finditer(r"\S+", fact.text):
            word = match.group()
            lowered = word.lower()
            if lowered in self._lower_words or lowered in _CALENDAR_WORDS or any(
                part in self._lower_words and len(part) > 3 for part in lowered.split("-")[1:]
            ):
                continue
            words.append((word, fact.start + match.start(), fact.start + match.end()))
        if not words or sum(len(fold_name(w)) for w, _, _ in words) < 4:
            return None
        return _Mention(passage, tuple(words))

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
            for x, y in combinations(words, 2):
                if abs(len(x) - len(y)) <= 3 and spelling_variants(x, y):
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


def _name_discrepancies(names: _NameIndex, group_of: dict[tuple[str, int], str]) -> list[_Found]:
    union = _UnionFind()
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
        facts = tuple(
            (m.passage, Fact("name", m.text, m.words[0][1], m.words[-1][2], word, key=fold_name(word)))
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


_VOWELS = re.compile(r"[aeiouy]")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def _consonants(folded: str) -> str:
    return _DOUBLED.sub(r"\1", _VOWELS.sub("", folded))


class _UnionFind:
    def __init__(self) -> None:
        self._parent: dict = {}

    def key(self, item):
        self._parent.setdefault(item, item)
        while self._parent[item] != item:
            self._parent[item] = self._parent[self._parent[item]]
            item = self._parent[item]
        return item

    def join(self, a, b) -> None:
        root_a, root_b = self.key(a), self.key(b)
        if root_a != root_b:
            self._parent[root_b] = root_a

    def sets(self) -> list[list]:
        groups: dict = {}
        for item in list(self._parent):
            groups.setdefault(self.key(item), []).append(item)
        return list(groups.values())
