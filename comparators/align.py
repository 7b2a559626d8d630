"""N-way alignment: groups of passages, across sources, that report the same thing.

How it works, in four steps (matrix operations on blocks of passages, so the
full score matrix is never held at once):

1. Every passage is cut into sentences; the comparator scores every sentence
   against every other source's sentences.
2. A passage pair's score is the better of its two directions, a direction being
   the length-weighted mean of each sentence's best match in the other passage.
   So a paragraph an outlet split in two still matches the merged one fully.
3. Competitive linking: a pair is a candidate when it clears the threshold and
   is close to the best each side has in the other's source (both ways). Ledes
   (every source's first passage) are favoured: see `_favour_ledes`.
4. Candidates join groups, strongest first, under two conditions: at most
   `MAX_PER_SOURCE` passages of a source in a group (one outlet's split item),
   and at least `MAJORITY` of the cross-source pairs between the two groups
   scoring `LINK` x threshold or more, so a passage that merges two items cannot
   chain their groups together (the trap of union-find).

Defaults were chosen by measurement on the hand-labelled seeds and on synthetic
stories (tests/benchmarks/evaluate_alignment.py), favouring settings that do
well on both over the best figure on either.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
from scipy import sparse

from comparators.model import Group, GroupKind, Link, Member, Rewording, Settings, Story
from comparators.segment import Unit, units
from comparators.similarity import Scorer, get_comparator

MAX_PER_SOURCE = 3  # an outlet rarely spreads one item over more paragraphs
COMPETITION = 0.8  # a candidate scores at least this share of the side's best
LINK = 0.5  # a pair scoring LINK x threshold counts as linked when groups join
MAJORITY = 0.75  # share of cross-source pairs that must be linked for two groups to join
LEDE = 1.75  # a pair of ledes scores this many times its similarity...
LEDE_GUARD = 0.5  # ...when it is at least this share of each lede's best match in the story
EVIDENCE_TERMS = 6
BLOCK_ROWS = 64  # passages scored against the whole story at once

_TOKEN = re.compile(r"\w[\w'’-]*\w|\w")
_STOP = frozenset(
    """a an the and or but of in on at to for from by with as is was were be been are it its
    that this these those he she they we you i his her their our them us not no has have had
    said says say will would could should may might also than then there which who whom what
    when where while after before about into over under up out more most such other some any
    all one two new monday tuesday wednesday thursday friday saturday sunday""".split()
)


def align(story: Story, settings: Settings) -> tuple[Group, ...]:
    """Groups of `story`'s passages (at `settings.granularity`), unordered ids.

    Passages that match nothing come back as groups of one. Each group carries
    `scores` (cohesion, min_link, wording), its strongest `links` with evidence,
    and a rewording class.
    """
    comparator = get_comparator(settings.comparator)
    threshold = settings.threshold if settings.threshold is not None else comparator.default_threshold
    space = _Space(units(story, settings.granularity), story)
    if not space.units:
        return ()
    scorer = comparator.fit(space.distinct_texts)
    candidates, links = _candidate_edges(space, scorer, threshold)
    clusters = _merge(space, candidates, links)
    present = {u.source for u in space.units}
    return tuple(_group(space, scorer, members, present) for members in clusters)


@dataclass(frozen=True)
class _Space:
    """Passages and their sentences as flat arrays, sentences contiguous per passage."""

    units: tuple[Unit, ...]
    story: Story

    @cached_property
    def source_of(self) -> np.ndarray:  # source rank of every unit
        rank = {s.id: i for i, s in enumerate(self.story.sources)}
        return np.array([rank[u.source] for u in self.units], dtype=np.int64)

    @cached_property
    def is_lede(self) -> np.ndarray:  # the first unit of its source
        first = np.ones(len(self.units), dtype=bool)
        first[1:] = self.source_of[1:] != self.source_of[:-1]
        return first

    @cached_property
    def sentence_texts(self) -> list[str]:
        return [s for u in self.units for s in u.sentences]

    @cached_property
    def _distinct(self) -> tuple[list[str], np.ndarray]:
        index: dict[str, int] = {}
        ids = np.array([index.setdefault(t, len(index)) for t in self.sentence_texts], dtype=np.int64)
        return list(index), ids

    @property
    def distinct_texts(self) -> list[str]:
        """Each sentence text once: wire copy repeats sentences verbatim across outlets,
        and scoring a text once then copying its scores is much cheaper."""
        return self._distinct[0]

    @property
    def distinct_id(self) -> np.ndarray:  # sentence -> index in distinct_texts
        return self._distinct[1]

    @cached_property
    def sentence_start(self) -> np.ndarray:  # first sentence of each unit, plus the end
        counts = [len(u.sentences) for u in self.units]
        return np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)

    @cached_property
    def sentence_unit(self) -> np.ndarray:
        return np.repeat(np.arange(len(self.units)), np.diff(self.sentence_start))

    @cached_property
    def sentence_weight(self) -> np.ndarray:
        """Each sentence's share of its unit's words (so a unit's weights sum to 1)."""
        words = np.array([max(1, len(s.split())) for s in self.sentence_texts], dtype=np.float32)
        totals = np.add.reduceat(words, self.sentence_start[:-1])
        return words / totals[self.sentence_unit]

    @cached_property
    def unit_range_of_source(self) -> np.ndarray:  # [start, end) of each source's units
        n = len(self.story.sources)
        return np.searchsorted(self.source_of, np.arange(n + 1)).astype(np.int64)

    def sentences_of(self, unit_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Sentence indices of `unit_ids` (in order) and each unit's start in that list."""
        starts, ends = self.sentence_start[unit_ids], self.sentence_start[unit_ids + 1]
        lengths = ends - starts
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        index = np.repeat(starts - offsets, lengths) + np.arange(lengths.sum())
        return index, offsets

    @cached_property
    def document_frequency(self) -> Counter:
        return Counter(t for u in self.units for t in set(_terms(u.text)))


def _pair_scores(space: _Space, scorer: Scorer, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Passage scores rows x cols: max of the two directions' weighted best matches."""
    r_sent, r_start = space.sentences_of(rows)
    c_sent, c_start = space.sentences_of(cols)
    r_ids, r_back = np.unique(space.distinct_id[r_sent], return_inverse=True)
    c_ids, c_back = np.unique(space.distinct_id[c_sent], return_inverse=True)
    s = scorer.scores(r_ids, c_ids)[np.ix_(r_back, c_back)]
    r_weight = _weights(space.sentence_weight[r_sent], r_start)
    c_weight = _weights(space.sentence_weight[c_sent], c_start)
    forward = r_weight @ np.maximum.reduceat(s, c_start, axis=1)  # rows' sentences found in cols
    backward = (c_weight @ np.maximum.reduceat(s, r_start, axis=0).T).T
    return np.maximum(forward, backward)


def _weights(weights: np.ndarray, starts: np.ndarray) -> sparse.csr_matrix:
    """Sparse (units x sentences) matrix putting each sentence's weight on its unit."""
    n = len(weights)
    owner = np.searchsorted(starts, np.arange(n), side="right") - 1
    return sparse.csr_matrix((weights, (owner, np.arange(n))), shape=(len(starts), n))


def _candidate_edges(
    space: _Space, scorer: Scorer, threshold: float
) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Mutual competitive candidates, strongest first, as `(i, j)` with i < j; and
    the links, every cross-source pair scoring at least `LINK * threshold`, as an
    (n, 2) array of `(i, j)` with i < j."""
    n = len(space.units)
    bounds = space.unit_range_of_source
    nonempty = np.flatnonzero(np.diff(bounds))
    source_index = np.searchsorted(nonempty, space.source_of, side="right") - 1  # unit -> column of best
    best = np.zeros((n, len(nonempty)), dtype=np.float32)  # best score of a unit in each source
    found_i, found_j, found_score = [], [], []
    # Scores are symmetric: each block of one source's passages is scored against
    # the passages from its first one onwards only, and `best` is filled both ways.
    # A long source is cut into blocks of BLOCK_ROWS so a block stays a few MB.
    for rank, source in enumerate(nonempty):
        own_lo, own_hi = int(bounds[source]), int(bounds[source + 1])
        if own_hi == n:  # the last source: every pair is already scored
            break
        for lo in range(own_lo, own_hi, BLOCK_ROWS):
            hi = min(lo + BLOCK_ROWS, own_hi)
            scores = _pair_scores(space, scorer, np.arange(lo, hi), np.arange(own_hi, n))
            # Best per row in each later source; best per later passage in this source.
            starts = bounds[nonempty[rank + 1 :]] - own_hi
            best[lo:hi, rank + 1 :] = np.maximum.reduceat(scores, starts, axis=1)
            np.maximum(best[own_hi:, rank], scores.max(axis=0), out=best[own_hi:, rank])
            rows, cols = np.nonzero(scores >= LINK * threshold)
            found_i.append((rows + lo).astype(np.int32))  # millions of pairs at scale
            found_j.append((cols + own_hi).astype(np.int32))
            found_score.append(scores[rows, cols])
    if not found_i:
        return [], np.zeros((0, 2), dtype=np.int32)
    i, j, values = np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_score)
    values = _favour_ledes(space, best, source_index, i, j, values)
    # A pair is a candidate when each side finds the other among its best in the
    # other's source (within COMPETITION of its best there).
    mutual = (
        (values >= threshold)
        & (values >= COMPETITION * best[i, source_index[j]])
        & (values >= COMPETITION * best[j, source_index[i]])
    )
    order = np.lexsort((j[mutual], i[mutual], -values[mutual]))
    candidates = list(zip(i[mutual][order].tolist(), j[mutual][order].tolist()))
    return candidates, np.stack([i, j], axis=1)


def _favour_ledes(
    space: _Space, best: np.ndarray, source_index: np.ndarray, i: np.ndarray, j: np.ndarray, values: np.ndarray
) -> np.ndarray:
    """`values` of the pairs `(i, j)` with every pair of ledes weighted up by LEDE,
    updating `best` (unit x source) to match.

    News is written as an inverted pyramid: each outlet's first passage sums up
    the event, in words the whole story uses, so TF-IDF scores ledes low against
    each other. The weight goes only to a pair scoring at least LEDE_GUARD of each
    lede's best match anywhere: a first passage that closely matches some other
    passage reports that item, not the event in summary, and keeps its own match.
    """
    lede = space.is_lede
    overall = best.max(axis=1)  # each passage's best match in any other source
    favoured = lede[i] & lede[j] & (values >= LEDE_GUARD * overall[i]) & (values >= LEDE_GUARD * overall[j])
    if not favoured.any():
        return values
    values = np.where(favoured, values * np.float32(LEDE), values)
    np.maximum.at(best, (i[favoured], source_index[j[favoured]]), values[favoured])
    np.maximum.at(best, (j[favoured], source_index[i[favoured]]), values[favoured])
    return values


def _merge(space: _Space, candidates: list[tuple[int, int]], links: np.ndarray) -> list[list[int]]:
    """Join groups along candidate edges, strongest first, while each join keeps at
    most MAX_PER_SOURCE passages of a source and at least MAJORITY of the cross-source
    pairs between the two groups are links (so no chaining through one passage)."""
    n = len(space.units)
    source_of = space.source_of
    label = np.arange(n)  # unit -> group id
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    per_source = np.zeros((n, int(source_of.max()) + 1), dtype=np.int16)  # group x source
    per_source[np.arange(n), source_of] = 1
    # Links as a symmetric adjacency list (CSR): numbers, not a dict per passage.
    ends = np.concatenate([links, links[:, ::-1]])
    order = np.argsort(ends[:, 0], kind="stable")
    neighbours = ends[order, 1]
    start = np.concatenate([[0], np.cumsum(np.bincount(ends[:, 0], minlength=n))])
    del ends, order
    # Many candidates join the same two groups; a refused join stays refused until
    # one of them grows (a group keeps its id as it grows, so its size marks its state).
    refused: set[tuple[int, int, int, int]] = set()
    for i, j in candidates:
        a, b = int(label[i]), int(label[j])
        if a == b:
            continue
        if len(members[a]) < len(members[b]) or (len(members[a]) == len(members[b]) and a > b):
            a, b = b, a
        state = (a, len(members[a]), b, len(members[b]))
        if state in refused:
            continue
        count_a, count_b = per_source[a], per_source[b]
        if (count_a + count_b).max() > MAX_PER_SOURCE:
            refused.add(state)
            continue
        cross = len(members[a]) * len(members[b]) - int(count_a @ count_b)
        around = np.concatenate([neighbours[start[u] : start[u + 1]] for u in members[b]])
        if np.count_nonzero(label[around] == a) < MAJORITY * cross:
            refused.add(state)
            continue
        label[members[b]] = a
        members[a].extend(members.pop(b))
        per_source[a] += per_source[b]
    return [sorted(m) for m in members.values()]


def _group(space: _Space, scorer: Scorer, unit_ids: list[int], present: set[str]) -> Group:
    ids = np.array(unit_ids, dtype=np.int64)
    found = [space.units[i] for i in unit_ids]
    members = tuple(Member(u.source, u.paragraph, u.text, u.sentence) for u in found)
    sources = {u.source for u in found}
    if len(sources) == 1:
        return Group(id="", kind=GroupKind.UNIQUE, members=members)
    kind = GroupKind.SHARED if sources >= present else GroupKind.PARTIAL
    scores = _pair_scores(space, scorer, ids, ids)
    cross = space.source_of[ids][:, None] != space.source_of[ids][None, :]
    pair_values = scores[cross]
    tree = _spanning_links(scores, cross)
    links = tuple(_link(space, found[p], found[q], float(scores[p, q])) for p, q in tree)
    wording = float(np.mean([link.wording for link in links]))
    return Group(
        id="",
        kind=kind,
        members=members,
        links=links,
        scores={
            "cohesion": round(float(pair_values.mean()), 4),
            "min_link": round(float(pair_values.min()), 4),
            "wording": round(wording, 4),
        },
        rewording=_rewording(links),
    )


def _spanning_links(scores: np.ndarray, cross: np.ndarray) -> list[tuple[int, int]]:
    """Maximum spanning tree over cross-source pairs (Prim): each member's best reason."""
    n = len(scores)
    weights = np.where(cross, scores, -1.0)
    inside = np.zeros(n, dtype=bool)
    inside[0] = True
    best = weights[0].copy()
    parent = np.zeros(n, dtype=np.int64)
    edges = []
    for _ in range(n - 1):
        candidates = np.where(inside, -np.inf, best)
        q = int(np.argmax(candidates))
        if candidates[q] < 0:  # a same-source member with no cross link of its own
            q = int(np.flatnonzero(~inside)[0])
        edges.append((int(parent[q]), q))
        inside[q] = True
        better = weights[q] > best
        best[better] = weights[q][better]
        parent[better] = q
    return [(p, q) for p, q in edges if cross[p, q]]


def _link(space: _Space, a: Unit, b: Unit, score: float) -> Link:
    from rapidfuzz.distance import Indel

    terms_a, terms_b = _terms(a.text), _terms(b.text)
    shared = set(terms_a) & set(terms_b)
    df = space.document_frequency
    evidence = sorted(shared, key=lambda t: (df[t], -len(t), t))[:EVIDENCE_TERMS]
    words_a, words_b = _words(a.text), _words(b.text)
    return Link(
        a=(a.source, a.paragraph),
        b=(b.source, b.paragraph),
        score=round(score, 4),
        evidence=tuple(evidence),
        wording=round(Indel.normalized_similarity(words_a, words_b), 4),
    )


def _rewording(links: tuple[Link, ...]) -> Rewording | None:
    if not links:
        return None
    wording = float(np.mean([link.wording for link in links]))
    if min(link.wording for link in links) >= 0.98:
        return Rewording.IDENTICAL
    return Rewording.LIGHT if wording >= 0.6 else Rewording.PARAPHRASE


def _words(text: str) -> list[str]:
    return [w.lower() for w in _TOKEN.findall(text)]


def _terms(text: str) -> list[str]:
    """Words worth citing as evidence: not stop words, not single letters."""
    return [w for w in _words(text) if w not in _STOP and (len(w) > 2 or w.isdigit())]


def order_groups(groups: tuple[Group, ...], story: Story, pivot: str) -> tuple[Group, ...]:
    """Groups in the pivot's reading order, renumbered g1, g2, ...

    Groups without a pivot passage go right after the group that holds the
    passage preceding them in their own source (recursively), so an outlet's
    own material stays next to its context; those with no earlier passage lead.
    """
    rank = {s.id: i for i, s in enumerate(story.sources)}

    def place(m: Member) -> tuple[int, int, int]:
        return (rank[m.source], m.paragraph, -1 if m.sentence is None else m.sentence)

    holder = {place(m): g for g, group in enumerate(groups) for m in group.members}
    in_order = sorted(holder)  # every passage, by source then position
    previous = {here: there for there, here in zip(in_order, in_order[1:]) if there[0] == here[0]}
    keys: dict[int, tuple] = {}
    visiting: set[int] = set()

    def key(g: int) -> tuple:
        if g in keys:
            return keys[g]
        on_pivot = [place(m)[1:] for m in groups[g].members if m.source == pivot]
        if on_pivot:
            keys[g] = (min(on_pivot),)
            return keys[g]
        own = min(place(m) for m in groups[g].members)
        visiting.add(g)
        result = ((-1, -1), own)
        before = previous.get(own)
        while before is not None:
            h = holder[before]
            if h != g and h not in visiting:
                result = key(h) + (own,)
                break
            before = previous.get(before)
        visiting.discard(g)
        keys[g] = result
        return result

    ordered = sorted(range(len(groups)), key=key)
    return tuple(replace(groups[g], id=f"g{i + 1}") for i, g in enumerate(ordered))
