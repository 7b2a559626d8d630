"""Wire copy: how much of each source stands in long verbatim runs of another."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import numpy as np
from scipy import sparse

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
    out = np.zeros(len(words) - RUN + 1, dtype=np.int64)
    with np.errstate(over="ignore"):  # polynomial rolling hash, wrapping on purpose
        for k in range(RUN):
            out = out * np.int64(1_000_003) + ids[k : len(ids) - RUN + 1 + k]
    return out


def reuse(story: Story) -> tuple[Reuse, ...]:
    """For every ordered pair of sources (source, other), the share of `source`'s
    words that stand in runs of RUN+ words also found verbatim in `other`.

    Paragraph breaks do not interrupt runs (wire copy is often re-paragraphed).
    Case and apostrophe style are ignored; punctuation is. One pass per source
    over a (run x source) incidence matrix, so 200 sources cost seconds.
    """
    ids = [s.id for s in story.sources]
    out = []
    for sid, covered in zip(ids, _covered_words(story)):
        n = len(covered)
        found = covered.sum(axis=0)
        for b, other in enumerate(ids):
            if other != sid:
                share = round(float(found[b]) / n, 4) if n else 0.0
                out.append(Reuse(source=sid, other=other, verbatim_share=share))
    return tuple(out)


def words_found_elsewhere(story: Story) -> dict[str, tuple[int, int]]:
    """For each source, `(words standing in a run found verbatim in any other
    source, words)`: how much of it the story's other outlets also carry."""
    out = {}
    for a, (source, covered) in enumerate(zip(story.sources, _covered_words(story))):
        others = np.delete(covered, a, axis=1)
        out[source.id] = (int(others.any(axis=1).sum()) if others.size else 0, len(covered))
    return out


def _covered_words(story: Story) -> Iterator[np.ndarray]:
    """For each source in turn, a (words x sources) boolean matrix: whether the word stands
    in a run of RUN+ words that the other source holds too (its own column is all
    true where it has runs)."""
    ids = [s.id for s in story.sources]
    words = [_words(" ".join(p.text for p in s.paragraphs)) for s in story.sources]
    shingles = [_shingles(w) for w in words]
    every = np.concatenate(shingles) if shingles else np.zeros(0, dtype=np.int64)
    distinct, index = np.unique(every, return_inverse=True)
    owner = np.repeat(np.arange(len(ids)), [len(s) for s in shingles])
    holds = sparse.csr_matrix(
        (np.ones(len(every), dtype=np.int32), (index, owner)), shape=(len(distinct), len(ids))
    )
    holds.data[:] = 1  # a source holding a run twice still holds it once
    starts = np.concatenate([[0], np.cumsum([len(s) for s in shingles])])
    for a in range(len(ids)):
        n = len(words[a])
        if not len(shingles[a]):
            yield np.zeros((n, len(ids)), dtype=bool)
            continue
        # Which sources hold each run starting here; a word is covered when a
        # run covering it (starting up to RUN-1 words earlier) is held.
        hit = holds[index[starts[a] : starts[a + 1]]].toarray().astype(np.int32)
        marks = np.zeros((n + 1, len(ids)), dtype=np.int32)
        marks[: len(hit)] += hit
        marks[RUN : RUN + len(hit)] -= hit
        yield np.cumsum(marks, axis=0)[:n] > 0
