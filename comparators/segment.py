"""Passages to compare: paragraphs, and the sentences inside them.

The sentence splitter is a small rule set rather than pysbd: pysbd takes about
1.7 ms per paragraph here (180 ms for the five seeds), more than half the
pipeline's budget, and the rules below handle what news copy needs: titles and
ranks ("Adm.", "Col.", "Sen."), months ("Aug. 17"), initials and dotted
abbreviations ("U.S.", "U.N."), decimals and quotes closing a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from comparators.model import Story

GRANULARITIES = ("paragraph", "sentence")

# Words that end with a period without ending the sentence (compared lower-case).
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft no nos vs etc inc ltd co corp bros dept est approx
    adm gen col lt maj capt cmdr cdr sgt cpl pvt brig gov sen rep rev hon pres supt insp
    jan feb mar apr jun jul aug sep sept oct nov dec
    e.g i.e a.m p.m al fig
    """.split()
)

# A candidate end: terminal punctuation, optional closing quotes or brackets, space,
# then something that can start a sentence (`_`: a quote masked out by the speaker rules).
_BOUNDARY = re.compile(r"""[.!?…]+["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9_])""")
_WORD_BEFORE = re.compile(r"(\S+)$")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.){2,}$")  # U.S. U.N. a.m.
# Enough text before a period to see the word it ends, so a paragraph of megabytes
# costs time in proportion to its length.
_LOOK_BEHIND = 80


@lru_cache(maxsize=65536)
def sentence_boundaries(text: str) -> tuple[tuple[int, int], ...]:
    """`(end of a sentence, start of the next)` offsets in `text`, in order; a period
    after "Adm.", "U.S." or an initial ends none. The one splitter of the comparator
    layer: passages here, a quote's sentence in the speaker rules."""
    bounds = []
    for match in _BOUNDARY.finditer(text):
        end = match.start() + 1
        if _ends_sentence(text[max(0, end - _LOOK_BEHIND) : end]):
            bounds.append((end, match.end()))
    return tuple(bounds)


@lru_cache(maxsize=65536)
def split_sentences(text: str) -> tuple[str, ...]:
    """`text` cut into sentences, each stripped; `()` for blank text."""
    sentences: list[str] = []
    start = 0
    for _end, next_start in sentence_boundaries(text):
        sentence = text[start:next_start].strip()
        if sentence:
            sentences.append(sentence)
        start = next_start
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return tuple(sentences)


def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """`(start, end)` offsets in `text` of each sentence of `split_sentences(text)`."""
    spans, at = [], 0
    for sentence in split_sentences(text):
        start = text.find(sentence, at)
        if start < 0:  # cannot happen for text split here; keep the rest whole
            break
        spans.append((start, start + len(sentence)))
        at = start + len(sentence)
    return tuple(spans)


def _ends_sentence(head: str) -> bool:
    """Whether `head` (text up to and including its final punctuation) ends a sentence."""
    if not head.endswith("."):
        return True  # "!", "?" or a closing quote after them
    word = _WORD_BEFORE.search(head)
    if word is None:
        return True
    token = word.group(1).lstrip("\"'“‘([")
    bare = token[:-1].lower()
    if bare in _ABBREVIATIONS or _DOTTED.match(token):
        return False
    # A single capital initial ("J. Smith"), but not a one-letter sentence end.
    return not (len(bare) == 1 and token[0].isupper())


@dataclass(frozen=True, slots=True)
class Unit:
    """One passage the aligner places in a group: a paragraph or one sentence of it."""

    source: str
    paragraph: int
    sentence: int | None  # index inside the paragraph at sentence granularity
    text: str
    sentences: tuple[str, ...]  # what the comparator scores; one for a sentence unit


def units(story: Story, granularity: str = "paragraph") -> tuple[Unit, ...]:
    """The story's passages at `granularity`, in source order then text order."""
    if granularity not in GRANULARITIES:
        raise ValueError(f"granularity must be one of {', '.join(GRANULARITIES)}")
    out: list[Unit] = []
    for source in story.sources:
        for paragraph in source.paragraphs:
            sentences = split_sentences(paragraph.text) or (paragraph.text,)
            if granularity == "paragraph":
                out.append(Unit(source.id, paragraph.index, None, paragraph.text, sentences))
            else:
                out.extend(
                    Unit(source.id, paragraph.index, i, s, (s,)) for i, s in enumerate(sentences)
                )
    return tuple(out)
