"""Word-level differences inside aligned groups.

Public contract used by views and reports:
- `word_diff(a, b)`: diff-match-patch ops at word granularity, `(op, text)` with
  op -1 (only in a), 0 (both), 1 (only in b); joining the texts of ops 0 and -1
  gives `a` back, ops 0 and 1 give `b`.
- `member_spans(group, source_id)`: the source's text in the group cut into spans,
  each marked by how many of the group's other sources share its words.

Words are never split: each token (a word, a run of spaces, a punctuation mark)
is encoded as one character, diff-match-patch diffs the encoded strings, runs
its semantic cleanup on them, and only then are the characters decoded. The C++
build (`fast_diff_match_patch`) is used: on a 50-source story's groups (about 115
tokens a side) it takes 0.19 ms a pair against 3.3 ms for the pure-Python
package, with identical results, and reports diff hundreds of pairs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

import fast_diff_match_patch

from comparators.model import Group

_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|\s+|[^\w\s]")
_OPS = {"=": 0, "-": -1, "+": 1}


class Sharing(StrEnum):
    ALL = "all"  # every other source in the group has these words
    SOME = "some"  # some other sources have them
    NONE = "none"  # only this source has them


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    sharing: Sharing


def tokens(text: str) -> list[str]:
    """Words, whitespace runs and punctuation marks; joined they give `text` back."""
    return _TOKEN.findall(text)


def _code(k: int) -> str:
    """The k-th token's character: past Latin-1, skipping the surrogate block."""
    point = 0x100 + k
    return chr(point if point < 0xD800 else point + 0x800)


@lru_cache(maxsize=8192)
def _encoded_diff(a: str, b: str) -> tuple[tuple[tuple[int, int], ...], tuple[str, ...], tuple[str, ...]]:
    """(op, token count) runs of the word diff, and both token lists."""
    ta, tb = tokens(a), tokens(b)
    codes: dict[str, str] = {}

    def encode(ts: list[str]) -> str:
        return "".join(codes.setdefault(t, _code(len(codes))) for t in ts)

    # timelimit=0: no time limit; word-encoded passages are short enough.
    runs = fast_diff_match_patch.diff(
        encode(ta), encode(tb), timelimit=0, checklines=False, cleanup="Semantic", counts_only=True
    )
    return tuple((_OPS[op], n) for op, n in runs), tuple(ta), tuple(tb)


@lru_cache(maxsize=8192)
def word_diff(a: str, b: str) -> tuple[tuple[int, str], ...]:
    """Word-level diff of `a` -> `b` as `(op, text)` pairs, op in {-1, 0, 1}."""
    runs, ta, tb = _encoded_diff(a, b)
    i = j = 0
    ops: list[tuple[int, str]] = []
    for op, n in runs:
        if op == 1:
            ops.append((op, "".join(tb[j : j + n])))
            j += n
        else:
            ops.append((op, "".join(ta[i : i + n])))
            i += n
            if op == 0:
                j += n
    return tuple(ops)


def _shared_mask(a: str, b: str) -> list[bool]:
    """For each token of `a`: does it stand in a run that `b` shares?"""
    runs, _, _ = _encoded_diff(a, b)
    mask: list[bool] = []
    for op, n in runs:
        if op != 1:
            mask.extend([op == 0] * n)
    return mask


def member_spans(group: Group, source_id: str) -> tuple[Span, ...]:
    """`source_id`'s text in `group` as spans marked ALL / SOME / NONE shared.

    A word is shared with another source when the word diff against that
    source's text in the group keeps it as common; whitespace takes the level
    of the word before it.
    """
    text = group.text_of(source_id)
    if not text:
        return ()
    others = [s for s in group.sources if s != source_id]
    if not others:
        return (Span(text, Sharing.NONE),)
    masks = [_shared_mask(text, group.text_of(o)) for o in others]
    spans: list[Span] = []
    for k, token in enumerate(tokens(text)):
        if token.isspace() and spans:
            level = spans[-1].sharing
        else:
            hits = sum(mask[k] for mask in masks)
            level = Sharing.ALL if hits == len(others) else Sharing.SOME if hits else Sharing.NONE
        if spans and spans[-1].sharing == level:
            spans[-1] = Span(spans[-1].text + token, level)
        else:
            spans.append(Span(token, level))
    return tuple(spans)
