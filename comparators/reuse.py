"""Wire copy: how much of each source stands in long verbatim runs of another."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import permutations

import numpy as np

from comparators.model import Reuse, Story

RUN = 8  # words; shorter shared runs are set phrases ("the Islamic State group")

_WORD = re.compile(r"\w+(?:['’\-]\w+)*")


def _words(text: str) -> list[str]:
    # Curly and straight apostrophes are one character to a reader; so here.
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


def _shingles(words: Sequence[str]) -> np.ndarray:
    """One 64-bit hash per run of RUN consecutive words (empty when too short)."""
    if len(words) < RUN:
        return np.zeros(0, dtype=np.int64)
    ids = np.array([hash(w) for w in words], dtype=np.int64)
    # Polynomial rolling combination, vectorised over all window starts.
    out = np.zeros(len(words) - RUN + 1, dtype=np.int64)
    with np.errstate(over="ignore"):
        for k in range(RUN):
            out = out * np.int64(1_000_003) + ids[k : len(ids) - RUN + 1 + k]
    return out


def _covered(starts: np.ndarray, n_words: int) -> int:
    """Words covered by windows of RUN words starting where `starts` is true."""
    if n_words == 0 or not starts.any():
        return 0
    marks = np.zeros(n_words + 1, dtype=np.int64)
    idx = np.flatnonzero(starts)
    np.add.at(marks, idx, 1)
    np.add.at(marks, idx + RUN, -1)
    return int((np.cumsum(marks)[:n_words] > 0).sum())


def reuse(story: Story) -> tuple[Reuse, ...]:
    """For every ordered pair of sources (source, other), the share of `source`'s
    words that stand in runs of RUN+ words also found verbatim in `other`.

    Paragraph breaks do not interrupt runs (wire copy is often re-paragraphed).
    Case and apostrophe style are ignored; punctuation is.
    """
    words = {s.id: _words(" ".join(p.text for p in s.paragraphs)) for s in story.sources}
    shingles = {sid: _shingles(ws) for sid, ws in words.items()}
    unique = {sid: np.unique(sh) for sid, sh in shingles.items()}
    out = []
    for a, b in permutations([s.id for s in story.sources], 2):
        n = len(words[a])
        covered = _covered(np.isin(shingles[a], unique[b], assume_unique=False), n)
        out.append(Reuse(source=a, other=b, verbatim_share=round(covered / n, 4) if n else 0.0))
    return tuple(out)
