"""Word-level differences inside aligned groups (first version; see issue 3).

Public contract used by views and reports:
- `word_diff(a, b)`: diff-match-patch style ops at word granularity,
  `(op, text)` with op -1 (only in a), 0 (both), 1 (only in b).
- `member_spans(group, source_id)`: the source's text in the group cut into spans,
  each marked by how many of the group's other sources share its words.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
import re

from comparators.model import Group

_WORD = re.compile(r"\S+|\s+")


class Sharing(StrEnum):
    ALL = "all"  # every other source in the group has these words
    SOME = "some"  # some other sources have them
    NONE = "none"  # only this source has them


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    sharing: Sharing


@lru_cache(maxsize=4096)
def word_diff(a: str, b: str) -> tuple[tuple[int, str], ...]:
    import difflib

    ta, tb = _WORD.findall(a), _WORD.findall(b)
    ops: list[tuple[int, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append((0, "".join(ta[i1:i2])))
        else:
            if i2 > i1:
                ops.append((-1, "".join(ta[i1:i2])))
            if j2 > j1:
                ops.append((1, "".join(tb[j1:j2])))
    return tuple(ops)


def member_spans(group: Group, source_id: str) -> tuple[Span, ...]:
    text = group.text_of(source_id)
    others = [s for s in group.sources if s != source_id]
    if not others:
        return (Span(text, Sharing.NONE),) if text else ()
    other_words = [set(_norm(w) for w in group.text_of(o).split()) for o in others]
    spans: list[Span] = []
    for token in _WORD.findall(text):
        if token.isspace():
            level = spans[-1].sharing if spans else Sharing.ALL
        else:
            hits = sum(_norm(token) in words for words in other_words)
            level = Sharing.ALL if hits == len(others) else Sharing.SOME if hits else Sharing.NONE
        if spans and spans[-1].sharing == level:
            spans[-1] = Span(spans[-1].text + token, level)
        else:
            spans.append(Span(token, level))
    return tuple(spans)


def _norm(word: str) -> str:
    return word.strip(".,;:!?\"'“”‘’()[]").lower()
