"""Direct quotations in a source's cleaned paragraphs, and quoted terms kept apart.

A quote mark opens when it sits before a word (after a space, a bracket, a dash or
another mark) and closes when it sits after one; a curly or guillemet mark's own
direction only breaks ties, so a straight `"` and a mistyped curly mark both work.
Marks nest (an inner quote inside an outer one belongs to the outer one). A
paragraph left open whose next paragraph opens with a mark continues into it (the
newspaper convention for long quotes); any other unclosed mark is skipped, and
the quotes inside it are kept, so one stray mark never hides the rest.

A source that opens more single marks than it prints double ones quotes with
single marks ('...' or ‘...’) and is read with them: a mark between two letters
(it's, Iran’s) is an apostrophe, and one after a plural "s" (Russians’ jets)
only closes when no later mark can. Otherwise single marks are left alone: an
apostrophe, or a quote nested inside a double-quoted one.

Words in marks that are not a quotation (a nickname, a place, a title, a scare
quote: fewer than three words, or a short run of capitalised words) become
`QuotedTerm`s; a fragment of three words or more woven into a sentence stays a
quote, because fragments are how outlets share a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from comparators.model import QuotedTerm, Source

_DOUBLE_OPEN, _DOUBLE_CLOSE, _DOUBLE_EITHER = "“«„‟", "”»", '"'
_SINGLE_OPEN, _SINGLE_CLOSE, _SINGLE_EITHER = "‘‹‚", "’›", "'"
# What may stand before an opening mark, and after a closing one.
_BEFORE_OPEN = set(" \t\n\u00a0([{—–-/") | set(_DOUBLE_OPEN + _SINGLE_OPEN + "\"'")
_AFTER_CLOSE = set(" \t\n\u00a0)]}.,;:!?…—–-/") | set(_DOUBLE_CLOSE + _SINGLE_CLOSE + "\"'")
_SPACE = set(" \t\n\u00a0\u202f")
_STOPS = set(".,;:!?…)]}")

_DOUBLE_MARK = re.compile(f"[{_DOUBLE_OPEN}{_DOUBLE_CLOSE}{_DOUBLE_EITHER}]")
_SINGLE_OPENING = re.compile(r"(?:^|(?<=[\s(\[—–]))['‘](?=\w)")
_WORD = re.compile(r"[\w’'-]+")
_SMALL_WORDS = frozenset("a an and at by for from in of on or the to with de la le du von van al".split())
MIN_QUOTE_WORDS = 3
MAX_TITLE_WORDS = 6


@dataclass(frozen=True, slots=True)
class Span:
    """Quoted words found in a source, before they are told apart as quote or term."""

    source: str
    paragraph: int
    start: int  # offsets in `paragraph` of the first quoted character
    end_paragraph: int
    end: int  # offset in `end_paragraph` just past the last quoted character
    text: str


@dataclass(frozen=True, slots=True)
class _Mark:
    at: int
    opens: bool
    weak: bool = False  # a single mark that may as well be a plural possessive


def find_spans(source: Source) -> tuple[Span, ...]:
    """Every stretch of quoted words in `source`, in reading order.

    Multi-paragraph quotes come back as one span; nested quotes are part of their
    outer span; a mark that is never closed is dropped, its inner quotes kept.
    """
    texts = [p.text for p in source.paragraphs]
    single = _quotes_with_single_marks(texts)
    spans = _spans(source, texts, single)
    # Quotes in the other kind of mark ('...' in an article quoting with "..."), unless
    # they sit inside a quote already found (a nested quote).
    return _merge(spans, _spans(source, texts, not single))


def _merge(spans: tuple[Span, ...], others: tuple[Span, ...]) -> tuple[Span, ...]:
    """`spans` with each of `others` that overlaps none of them, in reading order."""
    taken: dict[int, list[tuple[int, int]]] = {}
    for span in spans:
        for paragraph in range(span.paragraph, span.end_paragraph + 1):
            start = span.start if paragraph == span.paragraph else 0
            end = span.end if paragraph == span.end_paragraph else 1 << 30
            taken.setdefault(paragraph, []).append((start - 1, end + 1))
    extra = [
        span
        for span in others
        if span.end_paragraph == span.paragraph
        and not any(s < span.end and span.start < e for s, e in taken.get(span.paragraph, ()))
    ]
    return tuple(sorted((*spans, *extra), key=lambda s: (s.paragraph, s.start)))


def _spans(source: Source, texts: list[str], single: bool) -> tuple[Span, ...]:
    """The spans quoted with one kind of mark (single or double)."""
    marks = [_marks(t, single) for t in texts]
    spans: list[Span] = []
    running: list[tuple[int, int, int]] = []  # (paragraph, start, end) of a quote running on
    for index, text in enumerate(texts):
        found, unclosed, inner = _pair(marks[index])
        first = _first_content(text, marks[index])
        reopens = index + 1 < len(texts) and _first_content(texts[index + 1], marks[index + 1]) is not None
        if running:
            if found and found[0][0] == first:
                start, end = found.pop(0)
                spans.append(_joined(source, texts, [*running, (index, start, end)]))
                running = []
            elif unclosed is not None and unclosed == first and reopens:
                running.append((index, unclosed, len(text)))
                unclosed = None
            else:
                running = []  # never closed: skipped like any stray mark
        if unclosed is not None:
            if reopens:
                running = [(index, unclosed, len(text))]
            else:
                found = sorted(found + inner)
        for start, end in found:
            if end > start and text[start:end].strip():
                spans.append(Span(source.id, index, start, index, end, text[start:end]))
    return tuple(spans)


def _quotes_with_single_marks(texts: list[str]) -> bool:
    """Whether the source quotes with single marks: it opens more of them than it prints
    double marks (a source quoting with double marks opens single ones only to nest)."""
    doubles = sum(len(_DOUBLE_MARK.findall(t)) for t in texts)
    singles = sum(len(_SINGLE_OPENING.findall(t)) for t in texts)
    return singles > doubles


def _first_content(text: str, marks: list[_Mark]) -> int | None:
    """Where the words start when the paragraph opens with a mark, else None."""
    if marks and marks[0].opens and not text[: marks[0].at].strip():
        return marks[0].at + 1
    return None


def _joined(source: Source, texts: list[str], pieces: list[tuple[int, int, int]]) -> Span:
    (first, start, _), (last, _, end) = pieces[0], pieces[-1]
    text = "\n\n".join(texts[p][s:e].strip() for p, s, e in pieces)
    return Span(source.id, first, start, last, end, text)


# Every mark of each kind (single, double), found in one pass.
_ANY_MARK = {
    single: re.compile(f"[{re.escape(opening + closing + either)}]")
    for single, (opening, closing, either) in (
        (True, (_SINGLE_OPEN, _SINGLE_CLOSE, _SINGLE_EITHER)),
        (False, (_DOUBLE_OPEN, _DOUBLE_CLOSE, _DOUBLE_EITHER)),
    )
}


@lru_cache(maxsize=65536)  # wire copy: many outlets carry the same paragraph
def _marks(text: str, single: bool) -> tuple[_Mark, ...]:
    """The opening and closing marks of one paragraph, apostrophes left out."""
    opening, closing, either = (
        (_SINGLE_OPEN, _SINGLE_CLOSE, _SINGLE_EITHER) if single else (_DOUBLE_OPEN, _DOUBLE_CLOSE, _DOUBLE_EITHER)
    )
    marks: list[_Mark] = []
    last = len(text) - 1
    for found in _ANY_MARK[single].finditer(text):
        at, ch = found.start(), found[0]
        before = text[at - 1] if at > 0 else " "
        after = text[at + 1] if at < last else " "
        can_open = before in _BEFORE_OPEN and after not in _SPACE and after not in _STOPS
        can_close = before not in _SPACE and after in _AFTER_CLOSE
        if single:
            if can_open and not can_close:
                marks.append(_Mark(at, True))
            elif can_close and not can_open:
                # "Russians’ jets": a plural possessive looks like a closing mark
                weak = before in "sS" and after in _SPACE and text[at + 2 : at + 3].islower()
                marks.append(_Mark(at, False, weak))
            continue  # between letters, or alone between spaces: an apostrophe
        if not can_open and not can_close and before in ".,;:!?" and after.isalnum():
            marks.append(_Mark(at, True))  # 'said the mayor."Those': the space before it lost
        elif can_open != can_close:
            marks.append(_Mark(at, can_open))
        elif ch in opening:
            marks.append(_Mark(at, True))
        elif ch in closing:
            marks.append(_Mark(at, False))
        else:  # a straight mark with no telling context: close what is open
            marks.append(_Mark(at, not marks or not _is_open(marks)))
    if not single:
        marks = _with_mismatched_closers(text, marks)
    return tuple(marks)


# A single mark closing a double-quoted passage: "...to see us burn’, says", "...friends.’ "
_MISMATCHED_CLOSER = re.compile(r"(?<=[\w.!?…])[’'](?=[,.;:!?…]|\s*$)|(?<=[.!?…])[’'](?=\s)")


def _with_mismatched_closers(text: str, marks: list[_Mark]) -> list[_Mark]:
    """Double-mark `marks` plus single marks that close a quote opened with a double
    one ("“…’"), weak: they close only when no double mark later does."""
    if not any(m.opens for m in marks):
        return marks
    extra = [_Mark(m.start(), False, True) for m in _MISMATCHED_CLOSER.finditer(text)]
    return sorted([*marks, *extra], key=lambda m: m.at) if extra else marks


def _is_open(marks: list[_Mark]) -> bool:
    depth = 0
    for mark in marks:
        depth = depth + 1 if mark.opens else max(depth - 1, 0)
    return depth > 0


def _pair(marks: list[_Mark]) -> tuple[list[tuple[int, int]], int | None, list[tuple[int, int]]]:
    """Pair one paragraph's marks.

    Returns the closed top-level (start, end) content spans, the content start of
    the outermost mark left open (or None), and the spans closed inside the marks
    left open (top-level quotes after all when that mark turns out to be stray).
    Stray closing marks are skipped.
    """
    stack: list[tuple[int, list[tuple[int, int]]]] = []  # (content start, closed inner spans)
    found: list[tuple[int, int]] = []
    for i, mark in enumerate(marks):
        if mark.opens:
            stack.append((mark.at + 1, []))
            continue
        if not stack:
            continue
        if mark.weak and _closed_later(marks[i + 1 :]):
            continue
        start, _inner = stack.pop()
        (stack[-1][1] if stack else found).append((start, mark.at))
    if not stack:
        return found, None, []
    return found, stack[0][0], [span for _start, inner in stack for span in inner]


def _closed_later(marks: list[_Mark]) -> bool:
    """Whether a strong closing mark comes before the next opening one: then a weak
    closer (a possessive, a mismatched mark) is not the end of the quote."""
    for mark in marks:
        if mark.opens:
            return False
        if not mark.weak:
            return True
    return False


def is_term(text: str, standalone: bool = False) -> bool:
    """Whether quoted `text` is a name or scare quote rather than a quotation.

    Fewer than three words is a term unless it stands alone as a sentence
    (`standalone`, e.g. '"Never again," she said'); so is a short run of
    capitalised words (a title, a name) that does not end like a sentence (or
    ends on a stop or comma inside a sentence: American style puts them in the marks).
    """
    words = _WORD.findall(text)
    if not words:
        return True
    if len(words) < MIN_QUOTE_WORDS:
        return not (standalone and text.rstrip()[-1:] in ".,!?…")
    end = text.rstrip()[-1:]
    # A title inside a sentence may carry the sentence's stop or comma in its marks
    # ('his 1831 novel “The Hunchback of Notre Dame.”', American style).
    if len(words) <= MAX_TITLE_WORDS and (end not in ".,!?…;:" or (end in ".," and not standalone)):
        content = [w for w in words if w.lower() not in _SMALL_WORDS]
        return bool(content) and all(w[0].isupper() or w[0].isdigit() for w in content)
    return False


MIN_PHRASE_WORDS = 2


def is_phrase(text: str) -> bool:
    """Whether a quoted term of two or three words could be a quoted phrase ("deliberate
    sabotage") rather than a name or title ("Queen of Elections"): not every word capitalised.
    It is a quote when someone is said to have said it (see `quote_matching`)."""
    words = _WORD.findall(text)
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    if len(words) >= MIN_QUOTE_WORDS or len(content) < MIN_PHRASE_WORDS:
        return False  # "a betrayal" is a word in marks, "very bad" a phrase
    return not all(w[0].isupper() or w[0].isdigit() for w in content)


def _standalone(text: str, start: int) -> bool:
    """Whether the quote whose words start at `start` is a sentence of its own."""
    before = text[: max(start - 1, 0)].rstrip()
    return (not before or before[-1] in ".!?:”\"") and text[start : start + 1].isupper()


def split_terms(source: Source, spans: tuple[Span, ...]) -> tuple[tuple[Span, ...], tuple[QuotedTerm, ...]]:
    """`spans` told apart: quotations, and quoted terms (ids `<source>:t<n>`)."""
    quotes: list[Span] = []
    terms: list[QuotedTerm] = []
    for span in spans:
        text = source.paragraphs[span.paragraph].text
        multi = span.end_paragraph != span.paragraph
        if not multi and is_term(span.text, _standalone(text, span.start)):
            terms.append(
                QuotedTerm(
                    f"{source.id}:t{len(terms) + 1}",
                    source.id,
                    span.paragraph,
                    span.start,
                    span.end,
                    span.text,
                )
            )
        else:
            quotes.append(span)
    return tuple(quotes), tuple(terms)
