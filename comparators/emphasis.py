"""What in an outlet's passage is worth marking, measured against a reference outlet.

A reader marks words so a fact-checker's eye goes where the outlets differ. What
differs depends on how the passage was written:

- a near copy (wire copy with a few edits) keeps most of the reference's words: the
  words it changed or added are the news, so they are marked (`Emphasis.EDIT`);
- a paraphrase says the same in its own words: marking every word that differs would
  mark them all, so only what carries meaning is: numbers, names, dates and times the
  other side does not give (`Emphasis.FACT`), and sentences no other outlet compared
  has a counterpart for (`Emphasis.OWN_SENTENCE`). Quotes are the quote layer's.

`member_emphasis(group, source_id, reference, others)` gives the passage's `Wording`
against `reference` and the character spans to mark, as plain data; views only style
them. The reference is usually the pivot; for the reference itself, its facts no other
outlet has and its own sentences are marked.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType

from comparators.diff import word_diff, wording_similarity
from comparators.facts import extract_facts, fold_name
from comparators.model import LIGHT_WORDING, Group
from comparators.segment import sentence_spans

OWN_SENTENCE = 0.25  # a sentence with fewer of its content words found elsewhere has no counterpart
CONTENT_WORD = 4  # letters: shorter words ("the", "and", "was") say little about content

_WORD = re.compile(r"\w+")


class Wording(StrEnum):
    REFERENCE = "reference"  # the passage others are measured against
    SAME = "same"  # word for word the reference's
    NEAR_COPY = "near copy"  # the reference's words with a few edits
    PARAPHRASE = "paraphrase"  # the same report in other words
    ALONE = "alone"  # no other outlet to compare with


class Emphasis(StrEnum):
    EDIT = "edit"  # words a near copy changed or added
    FACT = "fact"  # a number, name, date or time the other side does not give
    OWN_SENTENCE = "own sentence"  # a sentence no other compared outlet has a counterpart for


@dataclass(frozen=True, slots=True)
class Marked:
    start: int  # character offsets into `group.text_of(source_id)`
    end: int
    emphasis: Emphasis


@dataclass(frozen=True, slots=True)
class MemberEmphasis:
    wording: Wording
    marks: tuple[Marked, ...]  # sorted by start; spans of different kinds may overlap


def wording(text: str, reference: str) -> Wording:
    if text == reference:
        return Wording.SAME
    return Wording.NEAR_COPY if wording_similarity(reference, text) >= LIGHT_WORDING else Wording.PARAPHRASE


def member_emphasis(
    group: Group, source_id: str, reference: str | None, others: tuple[str, ...]
) -> MemberEmphasis:
    """How `source_id`'s passage in `group` relates to `reference`'s, and what to mark.

    `others` are the sources it is compared with (the ones a reader shows); sources
    absent from the group are ignored. `reference` may be `source_id` itself."""
    texts = _texts(group)
    compared = tuple(s for s in others if s in texts and s != source_id)
    text = texts.get(source_id, "")
    if not compared or not text:
        return MemberEmphasis(Wording.ALONE, ())
    if reference == source_id or reference not in texts:
        other_texts = tuple(texts[s] for s in compared)
        return MemberEmphasis(Wording.REFERENCE, _paraphrase_marks(text, other_texts, other_texts))
    against = texts[reference]
    kind = wording(text, against)
    if kind == Wording.SAME:
        return MemberEmphasis(kind, ())
    if kind == Wording.NEAR_COPY:
        return MemberEmphasis(kind, _edits(against, text))
    everyone = tuple(texts[s] for s in compared)
    return MemberEmphasis(kind, _paraphrase_marks(text, (against,), everyone))


_KEPT_TEXTS = 64  # groups whose texts are kept: more than a screen shows
_TEXTS: OrderedDict[int, tuple[tuple, Mapping[str, str]]] = OrderedDict()  # id(members) -> (members, texts)


def _texts(group: Group) -> Mapping[str, str]:
    """`group.texts()`, kept for the groups asked last: a view marks every member of a
    group in turn, and a group may have hundreds of members. Kept by the member tuple,
    which a pivot change keeps while it renumbers the groups, so the screen drawn again
    after one does not join them again. (Each entry is read and replaced whole, so a
    caller in another thread never gets another group's texts.)"""
    members = group.members
    kept = _TEXTS.get(id(members))
    if kept is None or kept[0] is not members:
        kept = (members, MappingProxyType(group.texts()))  # shared by every caller: read-only
        _TEXTS[id(members)] = kept
        if len(_TEXTS) > _KEPT_TEXTS:
            _TEXTS.popitem(last=False)  # the first kept: a screen's groups are asked in turn
    return kept[1]


@lru_cache(maxsize=8192)
def _edits(reference: str, text: str) -> tuple[Marked, ...]:
    marks, at = [], 0
    for op, piece in word_diff(reference, text):
        if op < 0:
            continue
        if op > 0 and piece.strip():
            start = at + len(piece) - len(piece.lstrip())
            marks.append(Marked(start, at + len(piece.rstrip()), Emphasis.EDIT))
        at += len(piece)
    return tuple(marks)


@lru_cache(maxsize=8192)
def _paraphrase_marks(
    text: str, fact_sides: tuple[str, ...], sentence_sides: tuple[str, ...]
) -> tuple[Marked, ...]:
    """Facts of `text` that none of `fact_sides` gives, and sentences none of
    `sentence_sides` has a counterpart for."""
    marks = [Marked(f.start, f.end, Emphasis.FACT) for f in _facts_missing(text, fact_sides)]
    elsewhere = set().union(*(_content_words(side) for side in sentence_sides))
    for start, end in sentence_spans(text):
        words = _content_words(text[start:end])
        if words and len(words & elsewhere) / len(words) < OWN_SENTENCE:
            marks.append(Marked(start, end, Emphasis.OWN_SENTENCE))
    return tuple(sorted(marks, key=lambda m: (m.start, m.end)))


def _facts_missing(text: str, sides: tuple[str, ...]):
    values = set().union(*(_fact_values(side) for side in sides))
    folded = [fold_name(side) for side in sides]
    for fact in extract_facts(text):
        if fact.kind == "name":
            # "Putin" and "President Vladimir Putin" name the same man: a name is given
            # when its last word is spelt anywhere on the other side.
            last = fold_name(fact.text.split()[-1])
            if last and not any(stem in side for stem in _name_stems(last) for side in folded):
                yield fact
        elif (fact.kind, fact.value) not in values:
            yield fact


_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "an", "i", "n")
_MIN_STEM = 4


def _name_stems(folded: str) -> tuple[str, ...]:
    """The folded name, and the place it may be the people or adjective of ("iranian" ->
    "iran", "syrian" -> "syri", "chinese" -> "chin"): "an Iranian airbase" gives no fact
    that "a base in Iran" lacks. Stems shorter than four letters are not trusted."""
    stems = [folded]
    for ending in _DEMONYM_ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= _MIN_STEM:
            stems.append(folded[: -len(ending)])
    return tuple(stems)


@lru_cache(maxsize=16384)
def _fact_values(text: str) -> frozenset[tuple[str, str]]:
    return frozenset((f.kind, f.value) for f in extract_facts(text) if f.kind != "name")


@lru_cache(maxsize=16384)
def _content_words(text: str) -> frozenset[str]:
    return frozenset(
        w.lower() for w in _WORD.findall(text) if len(w) >= CONTENT_WORD or w.isdigit()
    )
