"""Verbs of saying and the sentence around a quote: the clause patterns the speaker rules read.

Sentences come from the comparator layer's one splitter (`segment.sentence_boundaries`);
look-behinds and sentences are bounded so a paragraph of megabytes costs time in
proportion to its length.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from comparators.segment import sentence_boundaries


_FINITE = (
    r"said|says|say|told|tells|added|adds|insisted|insists|stated|states|explained|explains|"
    r"noted|notes|pointed out|points out|stressed|stresses|warned|warns|wrote|writes|asked|asks|"
    r"replied|replies|announced|announces|claimed|claims|argued|argues|continued|continues|"
    r"confirmed|confirms|recalled|recalls|commented|comments|comment|remarked|remarks|urged|urges|"
    r"declared|declares|emphasi[sz]ed|emphasi[sz]es|acknowledged|acknowledges|admitted|admits|"
    r"observed|observes|suggested|suggests|concluded|concludes|tweeted|tweets|posted|testified|"
    r"vowed|vows|promised|promises|predicted|predicts|cautioned|complained|described|describes|"
    r"called|calls|underlined|underscored|reiterated|repeated|answered|responded|quipped|"
    r"whispered|shouted|reported|reports|read|reads|maintained|maintains|expressed|expresses|express|"
    r"began|begins|revealed|reveals"
)
_ING = r"adding|saying|noting|stressing|warning|insisting|explaining|arguing|describing|calling|pointing out"


def _words_pattern(alternatives: str) -> re.Pattern:
    """Whole words among `alternatives` ("a|b|c"), behind a look-ahead for their first
    letters: a word start with another letter is passed over without trying each word
    (half the time of scanning a passage for them)."""
    first = "".join(sorted({word[0] for word in alternatives.split("|")}))
    return re.compile(rf"\b(?=[{first}])(?:{alternatives})\b")


VERB = _words_pattern(f"{_FINITE}|{_ING}")
FINITE_VERB = _words_pattern(_FINITE)
QUOTED_AS_SAYING = re.compile(r"\bquot(?:ed|es|ing)\s+(?P<who>.{1,160}?)\s+as\s+(?:saying|telling|stating)\b")
ACCORDING_TO = re.compile(r"\baccording to\s+(?P<who>[^,.;:()]{1,120})", re.IGNORECASE)


# The object of an inverted "said X" ends at punctuation or a clause word.
OBJECT_END = re.compile(
    r"[,;:()—–]|\s(?:at|in|on|during|after|before|when|while|who|which|referring|speaking|"
    r"according|adding|told|said|to|from|about|that)\b"
)
MAX_SUBJECT_WORDS = 14


# A word before a verb form that makes it a noun: "the claims", "his remarks".
_DETERMINERS = frozenset("the a an his her its their our my your these those such this that".split())


# Look-behinds and sentences are bounded so that a paragraph of megabytes (an article
# on one line) costs time in proportion to its length, not to its length squared.
_LOOK_BEHIND = 80
MAX_SENTENCE_CHARS = 3000
LEADING_SPACE = re.compile(r"\s*")


def tail_before(text: str, end: int) -> str:
    """The few characters before `end`: enough for the last word or abbreviation."""
    return text[max(0, end - _LOOK_BEHIND) : end]


@lru_cache(maxsize=4096)
def _starts_and_ends(text: str) -> tuple[list[int], list[int]]:
    bounds = sentence_boundaries(text)
    return [start for _end, start in bounds], [end for end, _start in bounds]


def start_of_sentence(text: str, at: int) -> int:
    starts = _starts_and_ends(text)[0]
    index = bisect_right(starts, at)
    return max(starts[index - 1] if index else 0, at - MAX_SENTENCE_CHARS)


def end_of_sentence(text: str, at: int) -> int:
    ends = _starts_and_ends(text)[1]
    index = bisect_right(ends, at)
    return min(ends[index] if index < len(ends) else len(text), at + MAX_SENTENCE_CHARS)


def opens_sentence(text: str, start: int) -> bool:
    before = tail_before(text, max(start - 1, 0)).rstrip()
    return not before or before[-1] in ".!?:…\"”’_"


def is_noun(text: str, at: int) -> bool:
    """Whether the verb form at `at` is a noun here ("the claims", "his remarks")."""
    before = tail_before(text, at).split()
    return bool(before) and (before[-1].lower() in _DETERMINERS or before[-1].endswith(("’s", "'s")))
