"""N-way alignment: groups of passages, across sources, that report the same fact.

How it works:

1. Every passage is cut into sentences; the comparator scores sentences against
   the other sources' sentences, a block of passages at a time (the full score
   matrix is never held at once). In a story of more than PARTNER_SOURCES + 1
   sources each source is scored against PARTNER_SOURCES others around a ring,
   and against long sources (LONG_SOURCE passages) a passage is scored on a
   shortlist of its likeliest counterparts, found through an inverted index of
   the rare words it shares with them: the work grows with the passages, not
   their square.
2. A passage pair's similarity is the better of its two directions, a direction
   being the word-weighted mean of each sentence's best match in the other
   passage. Pairs above a floor, among the few best of each side in the other's
   source, are the candidates.
3. Each candidate is described by the evidence in `comparators/evidence.py`
   (similarities, the `fuzzy` comparator's too for the candidates' sentences only,
   verbatim runs, names, numbers, position...) and a model fitted on
   hand-labelled real stories turns that into the probability
   that both passages report the same fact. Pairs at or above the threshold are
   links.
4. Facts, not paragraphs: groups grow along links, strongest first. A passage
   joins a group when it is linked to at least `MAJORITY` of the group's
   passages from other sources it was scored against (at half the threshold), so one merged paragraph
   cannot chain two facts together; and a passage may join several groups, so a
   paragraph that reports two facts stands in both, and a fact an outlet split
   over two paragraphs holds both (at most `MAX_PER_SOURCE` of one source, and
   only next to each other). A passage stands in at most `MAX_GROUPS_PER_PASSAGE`
   groups: a document repeating itself would otherwise grow them with its repeats squared.
   Only links start or grow a group, but then a lede joins a group by the same rule
   through its weaker pairs with other ledes (each outlet sums up the main event in
   its own words, so one outlet's lede may link to the others' only at half the
   threshold; held out, with no other change, macro / lowest story / seeds
   0.792 / 0.721 / 0.886 -> 0.794 / 0.722 / 0.886). A lede also joins a group of
   ledes when linked to one of it and on average to all of it at half the threshold:
   counting pairs above that cut split the seed story's ledes on one pair at 0.246
   against 0.25 (with `shared_deeds`, held out 0.809 / 0.732 / 0.869 -> 0.814 / 0.760 / 0.884).
   Each member names the sentences of its paragraph that carry the group's fact.

Every figure is measured by `tests/benchmarks/evaluate_alignment.py`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import islice

import numpy as np
from scipy import sparse

from comparators.diff import lower_words, wording_similarity
from comparators.evidence import (
    OVERLAPS,
    LinkModel,
    PassageSets,
    link_model,
    pair_features,
    passage_sets,
    story_scale,
)
from comparators.model import (
    IDENTICAL_WORDING,
    LIGHT_WORDING,
    Group,
    GroupKind,
    Link,
    Member,
    Rewording,
    Settings,
    Story,
)
from comparators.segment import Unit, units
from comparators.similarity import Fuzzy, Scorer, fuzzy_pair_scores, fuzzy_word_set, get_comparator, scores_within
from comparators.workers import in_background, map_parts, worth_spreading

MAX_PER_SOURCE = 3  # an outlet rarely spreads one fact over more paragraphs
# Groups a passage may stand in: a bound for documents that repeat themselves (a live blog
# restating its sentences), where overlapping groups would otherwise grow with the square
# of the repeats. The labelled and synthetic stories need at most 16.
MAX_GROUPS_PER_PASSAGE = 16
LINK = 0.5  # a pair at LINK x threshold counts as linked when a passage joins a group
MAJORITY = 0.75  # share of a group's other-source passages a joining passage must be linked to
CANDIDATE_FLOOR = 0.05  # similarity below which a pair is never a candidate
CANDIDATES_PER_SOURCE = 3  # a passage's best few in each other source are candidates
SHARE_FLOOR = 0.25  # ...when at least this share of the weaker side's best match there
LEDE_WORDS = 20  # a lead paragraph sums up the story in a sentence or two
FOCUS = 0.5  # a member's sentence carries the fact when it matches at half its best sentence
EVIDENCE_TERMS = 6
PARTNER_SOURCES = 24  # in a big story, each source is scored against this many others
LONG_SOURCE = 150  # passages; against sources this long a passage is scored on a shortlist
# ...of its likeliest counterparts in each, by the rare words they share: as many as it may
# keep as candidates there (8 scored 2.5 times the pairs for a lower F1 on 10 x 200 and
# 10 x 1000 synthetic stories; bench_big_stories.py's docstring has the sweep)
SHORTLIST = CANDIDATES_PER_SOURCE
RARE_WORD_SPREAD = 2  # ...a word is rare when at most this many passages per source use it (on average)
SHORTLIST_ROWS = 8  # passages shortlisted together (their shortlists' union is scored)
SHORTLIST_BATCH = 256  # passages whose shortlists are found in one product
BLOCK_ROWS = 64  # passages scored against the whole story at once
GROUP_BATCH_SENTENCES = 256  # sentences of several groups scored in one product
GROUP_PARTS_PER_JOB = 4  # a big story's batches of groups are built in this many parts per job
PRIM_IN_NUMPY = 64  # members from which a group's spanning tree is grown in numpy
# Distinct keys are counted on a table over every possible key, not sorted, while the table
# has at most this many slots per key (5 bytes a slot: no more memory than the sort's arrays).
TABLE_SLOTS_PER_KEY = 2

_EMPTY: frozenset[int] = frozenset()  # a unit linked to nothing, or in no group yet
_SIZE_STEP = 1 << 32  # a group's rank in `_facts` per member: more than any group's number

_STOP = frozenset(
    """a an the and or but of in on at to for from by with as is was were be been are it its
    that this these those he she they we you i his her their our them us not no has have had
    said says say will would could should may might also than then there which who whom what
    when where while after before about into over under up out more most such other some any
    all one two new monday tuesday wednesday thursday friday saturday sunday""".split()
)


def default_threshold(comparator: str) -> float:
    """The link-probability cut used when none is set: the fitted model's, else the
    comparator's own similarity threshold (a comparator with no fitted model)."""
    model = link_model(comparator)
    return model.threshold if model is not None else get_comparator(comparator).default_threshold


def align(
    story: Story,
    settings: Settings,
    link: LinkModel | None = None,
    jobs: int = 1,
    working_alone: Callable[[], None] | None = None,
) -> tuple[Group, ...]:
    """Groups of `story`'s passages (at `settings.granularity`), unordered ids.

    A passage may stand in several groups (one per fact it reports); passages
    that match nothing come back as groups of one. Each group carries `scores`
    (cohesion, min_link, wording, confidence), its strongest `links` with
    evidence, a rewording class, and for each member the sentences that carry
    the group's fact. `link` replaces the stored link model (for fitting and
    leave-one-story-out evaluation); its threshold then is the default. `jobs` over 1
    spreads a big story's independent work over that many processes (the same groups).
    `working_alone`, when given, is called once the candidates are scored, as the
    serial growth of the fact groups starts (no other process of this alignment runs
    then): the caller may start other work in another process meanwhile.
    """
    comparator = get_comparator(settings.comparator)
    model = link if link is not None else link_model(comparator.name)
    threshold = settings.threshold
    if threshold is None:
        threshold = model.threshold if model is not None else comparator.default_threshold
    space = _Space(units(story, settings.granularity), story)
    if not space.units:
        return ()
    # The passages' word sets are cut in another process while the comparator is fitted here.
    parallel = _parallel(space, jobs)
    fuzzy_view = model is not None and comparator.name != Fuzzy.name
    with in_background(lambda: _passage_sets(space), parallel) as sets:
        scorer = comparator.fit(space.distinct_texts)
        if parallel:  # while the word sets are still being cut
            space.read_before_forking(fuzzy_view)
        pairs = _candidates(space, scorer, sets(), jobs, fuzzy_view=fuzzy_view)
    if working_alone is not None:
        working_alone()
    probability = _link_probability(space, pairs, model)
    link_of = _PairValues(pairs.i, pairs.j, probability, len(space.units))
    clusters = _facts(space, pairs.i, pairs.j, probability, threshold, link_of)
    return _groups(space, scorer, clusters, link_of, jobs)


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
    def is_lede(self) -> np.ndarray:
        """The first unit of its source long enough to sum up a story (LEDE_WORDS):
        a caption or a headline left above the lead does not count."""
        lede = np.zeros(len(self.units), dtype=bool)
        seen: set[int] = set()
        for k, (source, words) in enumerate(zip(self.source_of.tolist(), self.length.tolist())):
            if source not in seen and words >= LEDE_WORDS:
                lede[k] = True
                seen.add(source)
        return lede

    @cached_property
    def position(self) -> np.ndarray:  # 0 for a source's first unit, 1 for its last
        bounds = self.unit_range_of_source
        start = bounds[self.source_of]
        size = bounds[self.source_of + 1] - start
        return ((np.arange(len(self.units)) - start) / np.maximum(1, size - 1)).astype(np.float32)

    @cached_property
    def length(self) -> np.ndarray:  # words per unit
        return np.array([len(u.text.split()) for u in self.units], dtype=np.float32)

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
    def _word_sets(self) -> tuple[list[str], np.ndarray]:
        index: dict[str, int] = {}
        of_text = [index.setdefault(fuzzy_word_set(t), len(index)) for t in self.distinct_texts]
        return list(index), np.array(of_text, dtype=np.int64)[self.distinct_id]

    @property
    def word_sets(self) -> list[str]:
        """Each distinct `fuzzy_word_set` of the sentences: sentences differing only in case,
        order or repeats share one, and so one score."""
        return self._word_sets[0]

    @property
    def word_set_id(self) -> np.ndarray:  # sentence -> index in word_sets
        return self._word_sets[1]

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

    def read_before_forking(self, fuzzy_view: bool = False) -> None:
        """Work out once, before work is forked into parts, what every part reads
        (each forked process would otherwise work it out again for itself); with
        `fuzzy_view`, the sentences' word sets too (`fuzzy_parts`)."""
        figures = ("sentence_weight", "sentence_unit", "distinct_id", "source_of", "evidence_rank")
        for figure in figures + (("_word_sets",) if fuzzy_view else ()):
            getattr(self, figure)

    def sentences_of(self, unit_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Sentence indices of `unit_ids` (in order) and each unit's start in that list."""
        starts, ends = self.sentence_start[unit_ids], self.sentence_start[unit_ids + 1]
        lengths = ends - starts
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        index = np.repeat(starts - offsets, lengths) + np.arange(lengths.sum())
        return index, offsets

    @cached_property
    def document_frequency(self) -> Counter:
        """How many passages use each term (each distinct text read once, counted per copy)."""
        df: Counter = Counter()
        for text, copies in Counter(u.text for u in self.units).items():
            for term in set(_terms(text)):
                df[term] += copies
        return df

    @cached_property
    def evidence_rank(self) -> dict[str, int]:
        """Each term's place in the story's one order of evidence: rarest first, then
        longest, then alphabetical. Sorted once, so a text's terms sort on one int each
        rather than on a key tuple built per term and per text (the same total order)."""
        df = self.document_frequency
        return {t: k for k, t in enumerate(sorted(df, key=lambda t: (df[t], -len(t), t)))}

    @cached_property
    def _evidence_order(self) -> dict[str, tuple[str, ...]]:
        return {}

    @cached_property
    def _shared(self) -> dict[tuple[str, str], tuple[tuple[str, ...], float]]:
        return {}

    def shared(self, a: str, b: str) -> tuple[tuple[str, ...], float]:
        """The evidence terms texts `a` and `b` share (the best EVIDENCE_TERMS of `a`'s
        that `b` uses too) and their wording similarity; once per pair of texts, as
        wire copies link the same two texts many times over."""
        found = self._shared.get((a, b))
        if found is None:
            theirs = _term_set(b)
            evidence = tuple(islice((t for t in self.evidence_order(a) if t in theirs), EVIDENCE_TERMS))
            found = evidence, round(wording_similarity(a, b), 4)
            self._shared[(a, b)] = found
        return found

    def evidence_order(self, text: str) -> tuple[str, ...]:
        """`text`'s distinct terms, the best evidence first: rarest in the story, then longest."""
        order = self._evidence_order.get(text)
        if order is None:
            order = tuple(sorted(set(_terms(text)), key=self.evidence_rank.__getitem__))
            self._evidence_order[text] = order
        return order


def _sentence_scores(space: _Space, scorer: Scorer, rows: np.ndarray, cols: np.ndarray):
    """Sentence scores of units `rows` x `cols`, with each side's sentence list and starts."""
    r_sent, r_start = space.sentences_of(rows)
    c_sent, c_start = space.sentences_of(cols)
    r_ids, r_back = np.unique(space.distinct_id[r_sent], return_inverse=True)
    c_ids, c_back = np.unique(space.distinct_id[c_sent], return_inverse=True)
    return scorer.scores(r_ids, c_ids)[np.ix_(r_back, c_back)], (r_sent, r_start), (c_sent, c_start)


def _scored_clusters(space: _Space, scorer: Scorer, batches: list[list[tuple[list[int], tuple | None]]]):
    """Each cluster of `batches` (`_cluster_batches`), in order, with the scores of its
    distinct sentence texts against each other, each of its sentences' row there, its
    sentence indices and each unit's start among them (None for a cluster of one
    source): a group of wire copies repeats a few texts hundreds of times, and its
    figures are read from the distinct ones.

    One call per batch (`scores_within`: each cluster's distinct sentences against
    themselves, no pair across clusters): a long story has tens of thousands of small
    groups, and a call per group costs far more in overhead than in arithmetic. A
    batch's scores are dropped once its groups are built, so memory stays that of one batch."""
    for batch in batches:
        scored = [entry for _, entry in batch if entry is not None]
        blocks = iter(scores_within(scorer, [ids for _, _, ids, _ in scored]))
        for unit_ids, entry in batch:
            if entry is None:
                yield unit_ids, None
                continue
            sent, start, _, at = entry
            yield unit_ids, (next(blocks), at, sent, start)


def _cluster_batches(space: _Space, clusters: list[list[int]]) -> list[list[tuple[list[int], tuple | None]]]:
    """The clusters, in order, in batches of up to GROUP_BATCH_SENTENCES sentences, each
    with its sentence indices, each unit's start among them, its distinct sentence texts
    and each sentence's row among those (None for a cluster of one source: nothing to
    score, it keeps its place in the batch)."""
    source_of = space.source_of
    batches: list[list[tuple[list[int], tuple | None]]] = []
    batch: list[tuple[list[int], tuple | None]] = []
    batch_size = 0
    for unit_ids in clusters:
        ids = np.array(unit_ids, dtype=np.int64)
        if len(ids) < 2 or (source_of[ids] == source_of[ids[0]]).all():
            batch.append((unit_ids, None))
            continue
        sent, start = space.sentences_of(ids)
        distinct, at = np.unique(space.distinct_id[sent], return_inverse=True)
        if batch_size and batch_size + len(sent) > GROUP_BATCH_SENTENCES:
            batches.append(batch)
            batch, batch_size = [], 0
        batch.append((unit_ids, (sent, start, distinct, at.ravel())))
        batch_size += len(sent)
    if batch:
        batches.append(batch)
    return batches


def _groups(
    space: _Space, scorer: Scorer, clusters: list[list[int]], link_of: _PairValues, jobs: int
) -> tuple[Group, ...]:
    """A `Group` of each cluster, in order; a big story's batches of clusters are dealt
    over `jobs` processes (GROUP_PARTS_PER_JOB parts each, for an even share)."""
    present = {u.source for u in space.units}
    batches = _cluster_batches(space, clusters)
    parts = min(len(batches), jobs * GROUP_PARTS_PER_JOB) if _parallel(space, jobs) else 1
    bounds = np.linspace(0, len(batches), parts + 1).astype(int).tolist()
    if parts > 1:
        space.read_before_forking()

    def built(part: int) -> list[Group]:
        return [
            _group(space, members, present, link_of, scored)
            for members, scored in _scored_clusters(space, scorer, batches[bounds[part] : bounds[part + 1]])
        ]

    return tuple(group for part in map_parts(built, parts, jobs) for group in part)


def _pair_parts(space: _Space, scorer: Scorer, rows: np.ndarray, cols: np.ndarray):
    """Unit blocks rows x cols: the two directions' weighted best matches."""
    s, (r_sent, r_start), (c_sent, c_start) = _sentence_scores(space, scorer, rows, cols)
    r_weight = _weights(space.sentence_weight[r_sent], r_start)
    c_weight = _weights(space.sentence_weight[c_sent], c_start)
    to_cols = np.maximum.reduceat(s, c_start, axis=1)  # each row sentence's best in each col unit
    forward = r_weight @ to_cols  # rows' sentences found in cols
    to_rows = np.maximum.reduceat(s, r_start, axis=0)
    backward = (c_weight @ to_rows.T).T
    return np.asarray(forward), np.asarray(backward)


def _weights(weights: np.ndarray, starts: np.ndarray) -> sparse.csr_matrix:
    """Sparse (units x sentences) matrix putting each sentence's weight on its unit."""
    n = len(weights)  # a unit's sentences are contiguous: its row holds columns starts[k]..starts[k + 1]
    return sparse.csr_matrix((weights, np.arange(n), np.append(starts, n)), shape=(len(starts), n))


class _PairValues:
    """A value for each pair of units (i < j), looked up for many pairs at once (0 for
    a pair not given): a sorted array, not a dict of hundreds of thousands of tuples."""

    def __init__(self, i: np.ndarray, j: np.ndarray, values: np.ndarray, units: int) -> None:
        self.units = units
        key = i.astype(np.int64) * units + j
        order = np.argsort(key, kind="stable")
        self.keys = key[order]
        self.values = values[order].astype(np.float64)

    def get(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        key = np.minimum(a, b) * self.units + np.maximum(a, b)
        if not len(self.keys):
            return np.zeros(len(key))
        at = np.maximum(np.searchsorted(self.keys, key, side="right") - 1, 0)  # the last given for a pair
        return np.where(self.keys[at] == key, self.values[at], 0.0)


@dataclass(frozen=True)
class _Candidates:
    """Candidate pairs (i < j, other sources) with their comparator scores."""

    i: np.ndarray
    j: np.ndarray
    forward: np.ndarray
    backward: np.ndarray
    best: np.ndarray  # (units x sources) each unit's best similarity in each source
    source_index: np.ndarray  # unit -> column of `best`
    overlap: np.ndarray  # (pairs x OVERLAPS) what each pair shares (evidence.OVERLAP_COLUMNS)
    sets: PassageSets
    fuzzy: tuple[np.ndarray, np.ndarray] | None = None  # `fuzzy_parts` of each pair, when asked for


def _parallel(space: _Space, jobs: int) -> bool:
    """Whether the story is big enough for its work to be spread over `jobs` processes."""
    return worth_spreading(len(space.units), jobs)


def _passage_sets(space: _Space) -> PassageSets:
    """`passage_sets` of the story's passages, from its outlets with passages."""
    return passage_sets(
        [u.text for u in space.units],
        sources=int(np.count_nonzero(np.diff(space.unit_range_of_source))),
        sentences=[u.sentences for u in space.units],
    )


def _candidates(
    space: _Space, scorer: Scorer, sets: PassageSets | None = None, jobs: int = 1, fuzzy_view: bool = False
) -> _Candidates:
    """Every cross-source pair above CANDIDATE_FLOOR that is among the
    CANDIDATES_PER_SOURCE best of either side in the other's source, over the
    source pairs `_partner_ranks` compares; in `jobs` processes at once for a big story.
    `fuzzy_view`: also the `fuzzy` comparator's directions of each kept pair (`fuzzy_parts`)."""
    n = len(space.units)
    bounds = space.unit_range_of_source
    nonempty = np.flatnonzero(np.diff(bounds))
    source_index = np.searchsorted(nonempty, space.source_of, side="right") - 1
    sets = _passage_sets(space) if sets is None else sets
    parts = jobs if _parallel(space, jobs) else 1
    if parts > 1:
        space.read_before_forking(fuzzy_view)

    def scored(part: int) -> tuple[np.ndarray, list[tuple[int, tuple[np.ndarray, ...]]]]:
        # Source ranks are dealt in turn to the parts (a small story's first ranks have
        # the most partners); each part fills a `best` of its own, merged by maximum.
        best = np.zeros((n, len(nonempty)), dtype=np.float32)
        found = [
            (rank, block)
            for rank in range(part, len(nonempty), parts)
            for block in _scored_source(space, scorer, sets, source_index, nonempty, rank, best)
        ]
        return best, found

    scored_parts = map_parts(scored, parts, jobs)
    best = scored_parts[0][0]
    for other, _ in scored_parts[1:]:
        np.maximum(best, other, out=best)
    # In rank order, as one process scoring the ranks in turn finds them (a stable sort).
    found = [block for _, block in sorted((item for _, items in scored_parts for item in items), key=lambda item: item[0])]
    if not found:
        empty = np.zeros(0, dtype=np.int32)
        zero = np.zeros(0, dtype=np.float32)
        return _Candidates(empty, empty, zero, zero, best, source_index, np.zeros((0, OVERLAPS), np.float32), sets)
    i, j, forward, backward = (np.concatenate(parts) for parts in zip(*found))
    # A pair scored from the later source's side (around the ring) comes as (j, i): put it as (i, j).
    swapped = i > j
    i, j = np.where(swapped, j, i), np.where(swapped, i, j)
    forward, backward = np.where(swapped, backward, forward), np.where(swapped, forward, backward)
    similarity = np.maximum(forward, backward)
    # Far below both sides' best match, a pair is no counterpart: drop it before ranking.
    near = similarity >= SHARE_FLOOR * np.minimum(best[i, source_index[j]], best[j, source_index[i]])
    i, j, forward, backward, similarity = (a[near] for a in (i, j, forward, backward, similarity))
    keep = _among_best(i, source_index[j], similarity) | _among_best(j, source_index[i], similarity)
    i, j = i[keep], j[keep]
    # What the kept pairs share, for them only (the floor keeps many more pairs than this),
    # and their fuzzy view: each pair's are its own, so the parts split the pairs.
    cuts = np.linspace(0, len(i), parts + 1).astype(int).tolist()

    def shared(part: int):
        a, b = i[cuts[part] : cuts[part + 1]], j[cuts[part] : cuts[part + 1]]
        return sets.overlap_pairs(a, b), fuzzy_parts(space, a, b) if fuzzy_view else None

    found_parts = map_parts(shared, parts, jobs)
    overlap = np.concatenate([o for o, _ in found_parts])
    fuzzy = tuple(np.concatenate(d) for d in zip(*(f for _, f in found_parts))) if fuzzy_view else None
    return _Candidates(i, j, forward[keep], backward[keep], best, source_index, overlap, sets, fuzzy)


def _scored_source(
    space: _Space,
    scorer: Scorer,
    sets: PassageSets,
    source_index: np.ndarray,
    nonempty: np.ndarray,
    rank: int,
    best: np.ndarray,
) -> Iterator[tuple[np.ndarray, ...]]:
    """The pairs above CANDIDATE_FLOOR between source `rank`'s units and those of its
    `_partner_ranks`, a block of rows at a time, as (i, j, forward, backward); `best` takes both sides' best scores (scores are symmetric: each source
    pair is scored once, and `best` is filled both ways)."""
    bounds = space.unit_range_of_source
    source = nonempty[rank]
    later = _partner_ranks(rank, len(nonempty))
    if not len(later):
        return
    own_lo, own_hi = int(bounds[source]), int(bounds[source + 1])
    partner_units = np.concatenate([np.arange(bounds[nonempty[r]], bounds[nonempty[r] + 1]) for r in later])
    shortlist = _Shortlist(sets, partner_units, source_index, len(nonempty)) if _is_long(bounds, nonempty[later]) else None
    step = BLOCK_ROWS if shortlist is None else SHORTLIST_ROWS
    for lo in range(own_lo, own_hi, step):
        hi = min(lo + step, own_hi)
        cols = partner_units if shortlist is None else shortlist.columns(lo, hi)
        if not len(cols):  # no passage of the block shares a rare word with the partners
            continue
        forward, backward = _pair_parts(space, scorer, np.arange(lo, hi), cols)
        scores = np.maximum(forward, backward)
        col_rank = source_index[cols]
        starts = np.flatnonzero(np.r_[True, col_rank[1:] != col_rank[:-1]])
        ranks = col_rank[starts]
        best[lo:hi, ranks] = np.maximum(best[lo:hi, ranks], np.maximum.reduceat(scores, starts, axis=1))
        best[cols, rank] = np.maximum(best[cols, rank], scores.max(axis=0))
        rows, at = np.nonzero(scores >= CANDIDATE_FLOOR)
        yield (
            (rows + lo).astype(np.int32),
            cols[at].astype(np.int32),
            forward[rows, at].astype(np.float32),
            backward[rows, at].astype(np.float32),
        )


def _is_long(bounds: np.ndarray, sources: np.ndarray) -> bool:
    """Whether the partner `sources` are long documents on average (reports, transcripts)."""
    return float(np.mean(bounds[sources + 1] - bounds[sources])) > LONG_SOURCE


class _Shortlist:
    """Against long sources, a passage's likely counterparts: in each source, the
    SHORTLIST passages sharing the most rare-word mass with it, from an inverted index
    of the rare words only (those in at most RARE_WORD_SPREAD passages per source on
    average): a topic word every passage uses would make each passage share something
    with every other, the work the square of the passages. Only these are scored
    sentence by sentence; a passage's true counterparts share its rare words, names
    and numbers. A passage sharing no rare word with a source has no shortlist there."""

    def __init__(self, sets: PassageSets, units: np.ndarray, source_index: np.ndarray, sources: int) -> None:
        self.rare = sets.rare_words_in_at_most(RARE_WORD_SPREAD * sources)
        self.units = units
        self.used_by = (self.rare[units] > 0).astype(np.float32).T.tocsr()  # words x units
        rank = source_index[units]
        self.starts = np.flatnonzero(np.r_[True, rank[1:] != rank[:-1]])
        self.ends = np.append(self.starts[1:], len(units))
        self.segment = np.repeat(np.arange(len(self.starts)), self.ends - self.starts)  # unit -> its source's segment
        self._lo = self._hi = 0  # the passages `_chosen` holds the shortlists of
        self._chosen = np.zeros((0, len(units)), dtype=bool)

    def columns(self, lo: int, hi: int) -> np.ndarray:
        """The units shortlisted for any of passages lo..hi, in order."""
        if not lo < hi <= self._hi or lo < self._lo:
            self._choose(lo, max(hi, lo + SHORTLIST_BATCH))
        return self.units[self._chosen[lo - self._lo : hi - self._lo].any(axis=0)]

    def _choose(self, lo: int, hi: int) -> None:
        """Each of passages lo..hi's shortlists (a row of `_chosen`), from one sparse
        product: in each source the SHORTLIST units sharing most, the earlier on a tie."""
        hi = min(hi, self.rare.shape[0])
        shared = (self.rare[lo:hi] @ self.used_by).tocsr()
        shared.sort_indices()  # a tie goes to the earlier unit
        row = np.repeat(np.arange(hi - lo), np.diff(shared.indptr))
        unit = shared.indices
        top = _among_best(row, self.segment[unit], shared.data, SHORTLIST)
        chosen = np.zeros((hi - lo, len(self.units)), dtype=bool)
        chosen[row[top], unit[top]] = True
        for start, end in zip(self.starts.tolist(), self.ends.tolist()):
            if end - start <= SHORTLIST:  # a source this short is scored whole
                chosen[:, start:end] = True
        self._lo, self._hi, self._chosen = lo, hi, chosen


def _partner_ranks(rank: int, count: int) -> np.ndarray:
    """The sources (ranks among `count` non-empty ones) whose passages source `rank`'s
    are scored against, each pair of sources once: every later source in a story of
    up to PARTNER_SOURCES + 1 sources; in a bigger one the PARTNER_SOURCES / 2 next
    around a ring, so each source meets PARTNER_SOURCES others and the work grows
    with the passages, not their square. Groups still span every source: a fact
    grows along the ring, link by link."""
    if count <= PARTNER_SOURCES + 1:
        return np.arange(rank + 1, count)
    return np.sort((rank + np.arange(1, PARTNER_SOURCES // 2 + 1)) % count)


def _among_best(
    unit: np.ndarray, other_source: np.ndarray, score: np.ndarray, count: int = CANDIDATES_PER_SOURCE
) -> np.ndarray:
    """Whether each pair is among its unit's `count` best in that source (on a tie, the earlier pair)."""
    order = _by_unit_source_best(unit, other_source, score)
    key_unit, key_source = unit[order], other_source[order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = (key_unit[1:] != key_unit[:-1]) | (key_source[1:] != key_source[:-1])
    starts = np.flatnonzero(new)
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.append(starts, len(order))))
    keep = np.zeros(len(order), dtype=bool)
    keep[order] = rank < count
    return keep


def _by_unit_source_best(unit: np.ndarray, other_source: np.ndarray, score: np.ndarray) -> np.ndarray:
    """The pairs' order by unit, then other source, then score from the best (on a tie,
    the earlier pair), as `np.lexsort((-score, other_source, unit))` gives it: one stable
    sort of one int64 per pair where the three fit in it (a non-negative float32's bits
    sort as it does), faster than `lexsort`'s three passes over the candidates."""
    sources = int(other_source.max()) + 1 if len(other_source) else 1
    key = unit.astype(np.int64) * sources + other_source
    fits = (
        score.dtype == np.float32
        and (not len(key) or (int(key.max()) < 1 << 31 and int(unit.min()) >= 0 and int(other_source.min()) >= 0))
        and bool(np.all(score >= 0))  # (no NaN)
        and not np.signbit(score).any()  # (-0.0 ties with 0.0 in lexsort; its bits would not)
    )
    if not fits:
        return np.lexsort((-score, other_source, unit))
    from_best = 0xFFFFFFFF - score.view(np.uint32).astype(np.int64)
    return np.argsort((key << 32) | from_best, kind="stable")


def _link_probability(space: _Space, pairs: _Candidates, model: LinkModel | None) -> np.ndarray:
    """Each candidate's probability of reporting the same fact (the fitted link
    model), or its similarity when the comparator has no fitted model."""
    similarity = np.maximum(pairs.forward, pairs.backward)
    if model is None or not len(pairs.i):
        return similarity
    return model.probability(candidate_features(space, pairs))


def fuzzy_parts(space: _Space, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The `fuzzy` comparator's two directions (`_pair_parts`) for the pairs (i, j) only:
    rapidfuzz's token-set ratio of each sentence of one passage with each of the other's,
    each distinct pair of sentences' word sets scored once (never every sentence pair of the story)."""
    count = len(i)
    if not count:
        return np.zeros(0, np.float32), np.zeros(0, np.float32)
    starts = space.sentence_start
    rows, cols = starts[i + 1] - starts[i], starts[j + 1] - starts[j]
    cells = rows * cols
    pair = np.repeat(np.arange(count), cells)
    offset = np.cumsum(cells) - cells  # each pair's first cell
    k = np.arange(int(cells.sum())) - offset[pair]
    row, col = k // cols[pair], k % cols[pair]
    a, b = starts[i][pair] + row, starts[j][pair] + col  # sentence indices
    word_sets = space.word_sets
    da, db = space.word_set_id[a], space.word_set_id[b]
    key = np.minimum(da, db) * len(word_sets) + np.maximum(da, db)  # the ratio is symmetric
    distinct, back = _distinct_keys(key, len(word_sets) ** 2)
    first, second = np.divmod(distinct, len(word_sets))
    score = fuzzy_pair_scores([word_sets[x] for x in first.tolist()], [word_sets[y] for y in second.tolist()])[back]
    weight = space.sentence_weight

    def direction(order: np.ndarray, sentence: np.ndarray, within: np.ndarray) -> np.ndarray:
        # each sentence's best match in the other passage, weighed by its share of its passage's words
        runs = np.flatnonzero(within[order] == 0)
        best = np.maximum.reduceat(score[order], runs)
        firsts = np.flatnonzero(np.r_[True, pair[order][runs][1:] != pair[order][runs][:-1]])
        return np.add.reduceat(weight[sentence[order][runs]] * best, firsts).astype(np.float32)

    forward = direction(np.arange(len(score)), a, col)
    # The cells by pair, then column, then row (`np.lexsort((row, col, pair))`), placed
    # directly: a pair's cells are row after row, so a cell's place column-wise is known.
    by_column = np.empty_like(k)
    by_column[offset[pair] + col * rows[pair] + row] = np.arange(len(k))
    backward = direction(by_column, b, row)
    return forward, backward


def _distinct_keys(key: np.ndarray, possible: int) -> tuple[np.ndarray, np.ndarray]:
    """`np.unique(key, return_inverse=True)` of non-negative keys below `possible`: through a
    table over the possible keys when there are few of them, so no sort is needed."""
    if possible > TABLE_SLOTS_PER_KEY * len(key) or len(key) >= 1 << 31:  # the slots are int32
        distinct, back = np.unique(key, return_inverse=True)
        return distinct, back.ravel()
    seen = np.zeros(possible, dtype=bool)
    seen[key] = True
    distinct = np.flatnonzero(seen)
    slot = np.empty(possible, dtype=np.int32)
    slot[distinct] = np.arange(len(distinct))
    return distinct, slot[key]


def candidate_features(space: _Space, pairs: _Candidates) -> np.ndarray:
    """The evidence (comparators/evidence.py FEATURES) of every candidate pair."""
    best = (pairs.best[pairs.i, pairs.source_index[pairs.j]], pairs.best[pairs.j, pairs.source_index[pairs.i]])
    return pair_features(
        pairs.sets,
        pairs.i,
        pairs.j,
        pairs.forward,
        pairs.backward,
        best,
        story_scale(pairs.best),
        space.is_lede,
        space.position,
        space.length,
        pairs.overlap,
        pairs.fuzzy,
    )


def _facts(
    space: _Space, i: np.ndarray, j: np.ndarray, probability: np.ndarray, threshold: float, link_of: _PairValues | None = None
) -> list[list[int]]:
    """Overlapping groups grown along links, strongest first (see the module
    docstring); then each group absorbs the smaller ones whose members would all
    join it (so one fact is not told as several overlapping groups); then every
    passage in no group as a group of its own."""
    source_of = space.source_of.tolist()
    neighbours = _neighbours(i, j, probability >= LINK * threshold, len(space.units))
    members: list[set[int]] = []
    # Larger groups first, then by number: one int per group, so sorting needs no key tuples.
    rank: list[int] = []
    counts: list[dict[int, int]] = []  # group -> its members per source
    # Counted as members join, so that testing a passage reads one count instead of
    # summing the group's members over the sources it was scored against (each source
    # is scored against those scored against it):
    scored_with: list[Counter] = []  # group -> for each source, its members scored against it
    holding: list[set[int]] = [set() for _ in space.units]  # unit -> groups it stands in
    compared = _compared_sources(space)

    def may_take(g: int, unit: int) -> bool:
        own = counts[g].get(source_of[unit], 0)
        if own >= MAX_PER_SOURCE:
            return False
        group = members[g]
        # A second passage of one source is the same fact split in two only when
        # it is next to one already in (else it is another fact the group's
        # merged paragraph also reports).
        return not own or unit - 1 in group or unit + 1 in group

    def joins(g: int, unit: int) -> bool:
        source = source_of[unit]
        own = counts[g].get(source, 0)
        if own and (own >= MAX_PER_SOURCE or (unit - 1 not in members[g] and unit + 1 not in members[g])):
            return False  # `may_take`, inline: it turns most passages away
        if compared is None:
            others = len(members[g]) - own
        else:  # only the sources it was scored against count (they are among the others)
            others = scored_with[g].get(source, 0)
        # Linked to enough of the group is linked to enough in all (the links into it are among them).
        return len(neighbours[unit] & members[g]) >= MAJORITY * others

    def add(g: int, unit: int) -> None:
        members[g].add(unit)
        count = counts[g]
        source = source_of[unit]
        count[source] = count.get(source, 0) + 1
        rank[g] -= _SIZE_STEP
        if compared is not None:
            scored_with[g].update(compared[unit])
        holding[unit].add(g)

    def start(a: int, b: int) -> None:
        rank.append(len(members))
        members.append(set())
        counts.append({})
        scored_with.append(Counter())
        add(len(members) - 1, a)
        add(len(members) - 1, b)

    def drop(g: int) -> None:
        for u in members[g]:
            holding[u].discard(g)
        members[g], counts[g], scored_with[g], rank[g] = set(), {}, Counter(), g

    def largest_first(groups: Collection[int]) -> Collection[int]:
        if len(groups) < 2:
            return groups
        if len(groups) == 2:  # the commonest case, without a sort
            g, h = groups
            return (g, h) if rank[g] < rank[h] else (h, g)
        return sorted(groups, key=rank.__getitem__)

    def grow(pairs: np.ndarray, may_start: bool, joins=joins) -> None:
        order = pairs[np.lexsort((j[pairs], i[pairs], -probability[pairs]))]
        for a, b in zip(i[order].tolist(), j[order].tolist()):
            held_a, held_b = holding[a], holding[b]
            if not held_a.isdisjoint(held_b):
                continue
            placed = False
            for here, there, held_there in ((held_a, b, held_b), (held_b, a, held_a)):
                if len(held_there) >= MAX_GROUPS_PER_PASSAGE:
                    continue
                for g in largest_first(here):
                    if joins(g, there):
                        add(g, there)
                        placed = True
                        break
                if placed:
                    break
            if may_start and not placed and max(len(held_a), len(held_b)) < MAX_GROUPS_PER_PASSAGE:
                start(a, b)

    if link_of is None:
        link_of = _PairValues(i, j, probability, len(space.units))

    def lede_joins(g: int, unit: int) -> bool:
        """A passage joins as any does; a lede also joins a group of ledes when linked to
        one of it and on average to all of it at the joining cut."""
        if joins(g, unit):
            return True
        if not is_lede[unit] or not may_take(g, unit):
            return False
        others = [m for m in members[g] if source_of[m] != source_of[unit] and (compared is None or source_of[m] in compared[unit])]
        if not others or not all(is_lede[m] for m in others):
            return False
        linked = link_of.get(np.full(len(others), unit), np.array(others))
        return float(linked.max()) >= threshold and float(linked.mean()) >= LINK * threshold

    lede = space.is_lede
    is_lede = lede.tolist()  # (read one passage at a time)
    grow(np.flatnonzero(probability >= threshold), may_start=True)
    # Ledes sum up the story's main event, each in its own words and angle, so one
    # outlet's lede may link to some others' only near the joining cut, and whether
    # each such pair falls just above or below it is chance: it still joins their group
    # when linked to one of it, and on average to all of it at the joining cut.
    grow(np.flatnonzero((probability < threshold) & (probability >= LINK * threshold) & lede[i] & lede[j]), may_start=False, joins=lede_joins)
    _absorb(members, holding, lede_joins, add, drop, largest_first)
    kept = [sorted(m) for m in members if m]
    alone = [[u] for u, held in enumerate(holding) if not held]  # (a merge leaves each passage in a group)
    return kept + alone


def _neighbours(i: np.ndarray, j: np.ndarray, linked: np.ndarray, count: int) -> list[AbstractSet[int]]:
    """Each of `count` units' partners among the pairs (i, j) where `linked`, as a set."""
    ends = np.concatenate([i[linked], j[linked]])
    others = np.concatenate([j[linked], i[linked]])
    order = np.argsort(ends, kind="stable")
    units_linked, starts = np.unique(ends[order], return_index=True)
    others_list = others[order].tolist()
    bounds = [*starts.tolist(), len(others_list)]
    partners: list[AbstractSet[int]] = [_EMPTY] * count
    for u, lo, hi in zip(units_linked.tolist(), bounds, bounds[1:]):
        partners[u] = set(others_list[lo:hi])
    return partners


def _compared_sources(space: _Space) -> list[frozenset[int]] | None:
    """For each unit, the sources (ranks in the story) it was scored against
    (`_partner_ranks`), or None when every source was scored against every other."""
    bounds = space.unit_range_of_source
    nonempty = np.flatnonzero(np.diff(bounds))
    count = len(nonempty)
    if count <= PARTNER_SOURCES + 1:
        return None
    # Read off each source's partners rather than testing every pair of sources (their square).
    partners: list[set[int]] = [set() for _ in range(count)]
    for rank in range(count):
        for other in _partner_ranks(rank, count).tolist():
            partners[rank].add(other)
            partners[other].add(rank)
    by_rank = [frozenset(int(nonempty[o]) for o in sorted(ranks)) for ranks in partners]
    rank_of = np.searchsorted(nonempty, space.source_of).tolist()
    return [by_rank[r] for r in rank_of]


def _absorb(members, holding, joins, add, drop, largest_first) -> None:
    """Merge each group into the largest overlapping one that each of its other
    members would join."""
    for small in sorted(range(len(members)), key=lambda g: (len(members[g]), g)):
        size = len(members[small])
        overlapping: set[int] = set()
        for u in members[small]:
            overlapping.update(holding[u])
        overlapping.discard(small)
        for big in largest_first([g for g in overlapping if len(members[g]) >= size]):
            within = members[big]
            for u in members[small]:
                # Joining leaves the group as it was, so any order: the first passage turned
                # away settles it, before the others are even told from the group's.
                if u not in within and not joins(big, u):
                    break
            else:
                for u in members[small] - within:
                    add(big, u)
                drop(small)
                break


def _group(
    space: _Space,
    unit_ids: list[int],
    present: set[str],
    link_of: _PairValues,
    scored: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None,
) -> Group:
    """One group from its units; `scored` is what `_scored_clusters` gives it."""
    ids = np.array(unit_ids, dtype=np.int64)
    found = [space.units[i] for i in unit_ids]
    sources = {u.source for u in found}
    if len(sources) == 1:
        members = tuple(Member(u.source, u.paragraph, u.text, u.sentence) for u in found)
        return Group(id="", kind=GroupKind.UNIQUE, members=members)
    kind = GroupKind.SHARED if sources >= present else GroupKind.PARTIAL
    distinct_scores, row_of, sentences, starts = scored
    # Each sentence's best match in each member (read once per distinct text).
    best_in_member = np.maximum.reduceat(distinct_scores[:, row_of], starts, axis=1)[row_of]
    focus = _focus(space.source_of[ids], best_in_member, starts)
    members = tuple(Member(u.source, u.paragraph, u.text, u.sentence, f) for u, f in zip(found, focus))
    # Each member's weighted best matches, summed as the sparse `_weights` product sums them.
    weighted = space.sentence_weight[sentences][:, None] * best_in_member
    forward = np.add.reduceat(weighted, starts, axis=0)
    scores = np.maximum(forward, forward.T)  # the better direction of each pair
    cross = space.source_of[ids][:, None] != space.source_of[ids][None, :]
    pair_values = scores[cross]
    tree = _spanning_links(scores, cross)
    links = tuple(_link(space, found[p], found[q], float(scores[p, q])) for p, q in tree)
    wording = float(np.mean([link.wording for link in links]))
    ends = np.array(tree, dtype=np.int64).reshape(-1, 2)
    confidence = np.mean(link_of.get(ids[ends[:, 0]], ids[ends[:, 1]]))
    return Group(
        id="",
        kind=kind,
        members=members,
        links=links,
        scores={
            "cohesion": round(float(pair_values.mean()), 4),
            "min_link": round(float(pair_values.min()), 4),
            "wording": round(wording, 4),
            "confidence": round(float(confidence), 4),
        },
        rewording=_rewording(links),
    )


def _focus(source_of: np.ndarray, best_in_member: np.ndarray, starts: np.ndarray) -> list[tuple[int, ...]]:
    """For each member, the indices of its sentences that carry the group's fact
    (those matching another source's member at FOCUS of the member's best
    sentence); () when every sentence does. `best_in_member`: (sentences x members)
    each sentence's best match among a member's sentences."""
    ends = np.append(starts[1:], len(best_in_member))
    owner = np.repeat(np.arange(len(starts)), ends - starts)
    other = source_of[owner][:, None] != source_of[None, :]
    best = np.where(other, best_in_member, -np.inf).max(axis=1)
    best = np.where(other.any(axis=1), best, 0.0).astype(best_in_member.dtype)
    member_best = np.maximum.reduceat(best, starts)[owner]
    carry = ((best >= FOCUS * member_best) | (member_best <= 0)).tolist()
    out = []
    for lo, hi in zip(starts.tolist(), ends.tolist()):
        mine = carry[lo:hi]
        out.append(() if all(mine) else tuple(k for k, c in enumerate(mine) if c))
    return out


def _spanning_links(scores: np.ndarray, cross: np.ndarray) -> list[tuple[int, int]]:
    """Maximum spanning tree over cross-source pairs (Prim): each member's best reason.

    In plain Python over lists for small groups, where a numpy call per step costs more
    than the arithmetic (tens of thousands of groups in a long story); in numpy for
    groups of hundreds (a story of hundreds of sources), the same tree."""
    n = len(scores)
    if n > PRIM_IN_NUMPY:
        return _spanning_links_numpy(scores, cross)
    weights = np.where(cross, scores, -1.0).tolist()
    outside = list(range(1, n))
    best = list(weights[0])
    parent = [0] * n
    edges = []
    for _ in range(n - 1):
        q = max(outside, key=best.__getitem__)  # the first of the best, as argmax
        if best[q] < 0:  # a same-source member with no cross link of its own
            q = outside[0]
        edges.append((parent[q], q))
        outside.remove(q)
        row = weights[q]
        for k in outside:
            if row[k] > best[k]:
                best[k] = row[k]
                parent[k] = q
    return [(p, q) for p, q in edges if cross[p, q]]


def _spanning_links_numpy(scores: np.ndarray, cross: np.ndarray) -> list[tuple[int, int]]:
    """`_spanning_links` a row at a time: the same choices (the first of the best) and ties."""
    n = len(scores)
    weights = np.where(cross, scores, -1.0)
    inside = np.zeros(n, dtype=bool)
    inside[0] = True
    best = weights[0].copy()
    parent = np.zeros(n, dtype=np.int64)
    edges = []
    for _ in range(n - 1):
        q = int(np.where(inside, -np.inf, best).argmax())
        if best[q] < 0:  # a same-source member with no cross link of its own
            q = int(np.argmin(inside))
        edges.append((int(parent[q]), q))
        inside[q] = True
        row = weights[q]
        closer = ~inside & (row > best)
        best[closer] = row[closer]
        parent[closer] = q
    return [(p, q) for p, q in edges if cross[p, q]]


def _link(space: _Space, a: Unit, b: Unit, score: float) -> Link:
    evidence, wording = space.shared(a.text, b.text)
    return Link(
        a=(a.source, a.paragraph), b=(b.source, b.paragraph), score=round(score, 4), evidence=evidence, wording=wording
    )


def _rewording(links: tuple[Link, ...]) -> Rewording | None:
    if not links:
        return None
    wording = float(np.mean([link.wording for link in links]))
    if min(link.wording for link in links) >= IDENTICAL_WORDING:
        return Rewording.IDENTICAL
    return Rewording.LIGHT if wording >= LIGHT_WORDING else Rewording.PARAPHRASE


@lru_cache(maxsize=65536)
def _term_set(text: str) -> frozenset[str]:
    return frozenset(_terms(text))


@lru_cache(maxsize=65536)
def _terms(text: str) -> tuple[str, ...]:
    """Words worth citing as evidence: not stop words, not single letters."""
    return tuple(w for w in lower_words(text) if w not in _STOP and (len(w) > 2 or w.isdigit()))

