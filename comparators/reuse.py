"""Wire copy: how much of each source stands in long verbatim runs of another."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

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


def reuse(story: Story, runs: Sequence[SharedRuns]) -> tuple[Reuse, ...]:
    """For every ordered pair of sources (source, other), the share of `source`'s
    words that stand in runs of RUN+ words also found verbatim in `other`.

    Paragraph breaks do not interrupt runs (wire copy is often re-paragraphed).
    Case and apostrophe style are ignored; punctuation is. One pass per source
    over the runs it shares (a sparse run x source incidence matrix), so the work
    grows with what sources share, not with words x sources. `runs` is
    `shared_runs(story)`.
    """
    ids = [s.id for s in story.sources]
    out = []
    for sid, (n, found, _) in zip(ids, runs):
        for b, other in enumerate(ids):
            if other != sid:
                share = round(float(found[b]) / n, 4) if n else 0.0
                out.append(Reuse(source=sid, other=other, verbatim_share=share))
    return tuple(out)


def words_found_elsewhere(story: Story, runs: Sequence[SharedRuns]) -> dict[str, tuple[int, int]]:
    """For each source, `(words standing in a run found verbatim in any other
    source, words)`: how much of it the story's other outlets also carry. `runs` is
    `shared_runs(story)`."""
    return {source.id: (found.elsewhere, found.words) for source, found in zip(story.sources, runs)}


class SharedRuns(NamedTuple):
    """What of one source stands in runs of RUN+ words other sources hold too."""

    words: int
    by_source: np.ndarray  # words in a run each source holds (its own: every word in a run)
    elsewhere: int  # words in a run some other source holds


def shared_runs(story: Story) -> tuple[SharedRuns, ...]:
    """`SharedRuns` of each source, in story order (reuse figures and the pivot use them)."""
    return tuple(_runs_of_each_source(story))


def _runs_of_each_source(story: Story) -> Iterator[SharedRuns]:
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
            yield SharedRuns(n, np.zeros(len(ids), dtype=np.int64), 0)
            continue
        # Which sources hold each run starting here (rows: run starts, in order).
        hit = holds[index[starts[a] : starts[a + 1]]]
        # Every run is its own source's: a run some other source holds has two holders.
        elsewhere = np.flatnonzero(np.diff(hit.indptr) > 1)
        by_source = hit.tocsc()  # each source's run starts, in order
        by_source.sort_indices()
        found = _union_lengths(by_source.indices, by_source.indptr)
        yield SharedRuns(n, found, int(_union_lengths(elsewhere, np.array([0, len(elsewhere)]))[0]))


def _union_lengths(run_starts: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """For each list `run_starts[bounds[k]:bounds[k + 1]]` of sorted run starts, how many
    words the runs of RUN words starting there cover: each run covers up to the next
    run's start (at most RUN words), the last one RUN words."""
    gaps = np.minimum(np.diff(run_starts), RUN).astype(np.int64)
    covered = np.append(gaps, RUN)
    last = bounds[1:] - 1  # each list's last run covers RUN words, whatever follows
    nonempty = bounds[1:] > bounds[:-1]
    covered[last[nonempty]] = RUN
    totals = np.zeros(len(bounds) - 1, dtype=np.int64)
    sizes = np.diff(bounds)
    owner = np.repeat(np.arange(len(sizes)), sizes)
    np.add.at(totals, owner, covered[: len(owner)])
    return totals
