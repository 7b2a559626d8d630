"""Big stories are aligned without scoring every pair of passages, and still group whole facts."""

from __future__ import annotations

import comparators.align as align_module
from comparators import compare, load_story

from labelled_stories import group_pairs, labelled_stories, score_pairs
from reader_helpers import tiny_story

FACTS = [
    "Firefighters contained the blaze at the Harbour Street warehouse after six hours on Monday.",
    "The mayor, Ana Kowalczyk, said 1,200 residents were evacuated overnight as a precaution.",
    "Investigators from the state fire marshal's office are examining an electrical fault.",
]


def _wire_story(outlets: int):
    """Every outlet reprints the same three wire paragraphs, each lightly edited."""
    texts = {}
    for n in range(outlets):
        texts[f"Outlet {n:02d}"] = [f"{fact} Reported by desk {n}." for fact in FACTS]
    return tiny_story(texts, title="Warehouse fire")


def test_a_story_bigger_than_the_ring_still_groups_each_fact_across_every_outlet(monkeypatch):
    monkeypatch.setattr(align_module, "PARTNER_SOURCES", 4)  # twelve outlets: each scored against four
    comparison = compare(_wire_story(12))
    shared = [g for g in comparison.groups if len({m.source for m in g.members}) > 1]
    assert len(shared) == len(FACTS)
    for group in shared:
        assert len({m.source for m in group.members}) == 12
        assert len({m.paragraph for m in group.members}) == 1  # one fact, never two chained


def test_shortlisting_long_sources_keeps_the_seeds_alignment(monkeypatch):
    seeds = next(s for s in labelled_stories() if s.name == "seeds")
    full = score_pairs(group_pairs(compare(load_story([])).groups), seeds)
    monkeypatch.setattr(align_module, "LONG_SOURCE", 5)  # every seed article counts as long
    shortlisted = score_pairs(group_pairs(compare(load_story([])).groups), seeds)
    assert abs(shortlisted.f1 - full.f1) <= 0.02


def test_shortlists_found_for_many_passages_at_once_are_each_passages_own(monkeypatch):
    from synthetic import synthetic_story

    story = synthetic_story(4, 40, seed=5)
    monkeypatch.setattr(align_module, "LONG_SOURCE", 10)  # every source is long: passages are shortlisted
    batched = align_module.align(story, story.settings)
    monkeypatch.setattr(align_module, "SHORTLIST_BATCH", 1)  # each block's shortlists from a product of its own
    alone = align_module.align(story, story.settings)
    assert sum(len(g.members) > 1 for g in batched) > 10
    assert batched == alone


def test_scoring_many_groups_in_one_batch_gives_the_groups_scoring_each_alone_gives(monkeypatch):
    from synthetic import synthetic_story

    story = synthetic_story(6, 30, seed=3)
    batched = align_module.align(story, story.settings)
    monkeypatch.setattr(align_module, "GROUP_BATCH_SENTENCES", 1)  # every group its own product
    alone = align_module.align(story, story.settings)
    assert sum(len(g.members) > 1 for g in batched) > 20  # many groups shared a batch
    assert batched == alone


def test_a_passage_of_a_document_repeating_itself_stands_in_a_bounded_number_of_groups():
    from collections import Counter

    from synthetic import synthetic_story

    comparison = compare(synthetic_story(6, 150, seed=2, repetitive=True))
    held = Counter((m.source, m.paragraph) for g in comparison.groups for m in g.members)
    assert max(held.values()) == align_module.MAX_GROUPS_PER_PASSAGE  # reached, never passed


def test_groups_of_hundreds_get_the_spanning_links_small_groups_get(monkeypatch):
    from synthetic import synthetic_story

    story = synthetic_story(8, 20, seed=1)
    monkeypatch.setattr(align_module, "PRIM_IN_NUMPY", 10**9)  # every tree grown in plain Python
    in_python = align_module.align(story, story.settings)
    monkeypatch.setattr(align_module, "PRIM_IN_NUMPY", 1)  # every tree grown in numpy
    in_numpy = align_module.align(story, story.settings)
    assert sum(len(g.links) > 2 for g in in_python) > 5
    assert in_numpy == in_python


def test_scoring_several_sets_of_sentences_at_once_gives_each_sets_own_scores():
    import numpy as np

    from comparators.similarity import Fuzzy, Lexical, scores_within

    texts = [f"{fact} Reported by desk {n}." for n in range(3) for fact in FACTS] + FACTS
    sets = [np.array([0, 1, 9]), np.array([2, 5, 8, 11]), np.array([4]), np.array([0, 3, 6, 9])]
    for comparator in (Lexical(), Fuzzy()):
        scorer = comparator.fit(texts)
        together = scores_within(scorer, sets)
        assert [block.shape for block in together] == [(len(ids), len(ids)) for ids in sets]
        for ids, block in zip(sets, together):
            assert np.array_equal(block, scorer.scores(ids, ids))


def test_scores_over_a_dense_copy_are_the_sparse_products_very_floats(monkeypatch):
    # `similarity._product` sums each pair's terms over a dense copy in the order the
    # sparse product does: the same bits, or a tie in a group's spanning tree or among a
    # passage's best candidates could break the other way.
    import numpy as np

    import comparators.similarity as similarity
    from comparators.segment import units
    from synthetic import synthetic_story

    texts = sorted({s for u in units(synthetic_story(12, 8, seed=5), "paragraph") for s in u.sentences})
    scorer = similarity.Lexical().fit(texts)
    rng = np.random.default_rng(7)
    sets = [rng.choice(len(texts), size, replace=False) for size in (70, similarity.GRAM_ROWS, 12, 3, 1, 45)]

    def by_sparse_product(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        block = (scorer.vectors[rows] @ scorer.vectors[cols].T).toarray()
        return np.clip(np.asarray(block, dtype=np.float32), 0.0, 1.0)

    expected = [by_sparse_product(ids, ids) for ids in sets]
    assert len(texts) > 100 and any(0.0 < e[0, 1] < 1.0 for e in expected[:2])  # real overlaps, not all 0 or 1
    for dense_side in (similarity.DENSE_SIDE, 0):  # 0: every side too wide for the dense copy
        monkeypatch.setattr(similarity, "DENSE_SIDE", dense_side)
        together = similarity.scores_within(scorer, sets)
        alone = [scorer.scores(ids, ids) for ids in sets]
        for e, t, a in zip(expected, together, alone):
            assert t.shape == a.shape == e.shape and t.dtype == a.dtype == np.float32
            assert t.tobytes() == e.tobytes() and a.tobytes() == e.tobytes()
        for rows, cols in ((sets[0], sets[2]), (sets[2], sets[0]), (sets[3], sets[5])):  # either side the smaller
            assert scorer.scores(rows, cols).tobytes() == by_sparse_product(rows, cols).tobytes()


def test_a_scorer_of_dense_vectors_scores_sets_of_different_sizes():
    # An embedding comparator hands MatrixScorer dense rows; rows and columns of unequal
    # length take the product path that once assumed sparse input.
    import numpy as np

    from comparators.similarity import MatrixScorer

    vectors = np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 1.0]], dtype=np.float32)
    scorer = MatrixScorer(vectors)
    rows, cols = np.array([0]), np.array([1, 2])
    assert np.allclose(scorer.scores(rows, cols), [[0.6, 0.0]])
    assert np.allclose(scorer.scores(cols, rows), [[0.6], [0.0]])


def test_vectors_holding_a_repeated_entry_are_scored_by_the_sparse_product():
    # A row naming a column twice is summed by the sparse product; the dense copy of
    # `similarity._product` would keep one of the two, so such vectors take the sparse path.
    import numpy as np
    from scipy import sparse

    from comparators.similarity import MatrixScorer

    data = np.array([0.3, 0.4, 0.5, 0.6, 0.2, 0.1], dtype=np.float32)
    vectors = sparse.csr_matrix((data, np.array([0, 0, 2, 1, 2, 2]), np.array([0, 3, 5, 6])), shape=(3, 4))
    assert not vectors.has_canonical_format
    expected = np.clip((vectors @ vectors.T).toarray().astype(np.float32), 0.0, 1.0)
    scorer = MatrixScorer(vectors)
    ids = np.arange(3)
    assert np.array_equal(scorer.scores(ids, ids), expected)
    assert np.array_equal(scorer.scores(ids[:1], ids), expected[:1])
    assert np.array_equal(scorer.scores(ids, ids[1:]), expected[:, 1:])


def test_a_links_evidence_terms_come_rarest_then_longest_then_alphabetical():
    # The story's terms are ranked once; each text's terms must sort as the key
    # (passages using the term, minus its length, the term) sorts them.
    from comparators.align import _Space, _terms
    from comparators.segment import units
    from synthetic import synthetic_story

    story = synthetic_story(6, 12, seed=3)
    space = _Space(units(story, "paragraph"), story)
    df = space.document_frequency
    texts = {u.text for u in space.units}
    assert len(texts) > 20
    for text in texts:
        expected = tuple(sorted(set(_terms(text)), key=lambda t: (df[t], -len(t), t)))
        assert space.evidence_order(text) == expected


def test_pairs_sorted_in_one_key_come_in_lexsorts_order_ties_and_odd_scores_included():
    import numpy as np

    from comparators.align import _among_best, _by_unit_source_best

    rng = np.random.default_rng(7)
    unit = rng.integers(0, 40, 5000)
    source = rng.integers(0, 6, 5000)
    score = np.round(rng.random(5000), 2).astype(np.float32)  # many ties
    score[:50] = 0.0
    for scores in (score, score.astype(np.float64), np.where(score == 0, np.float32(-0.0), score)):
        expected = np.lexsort((-scores, source, unit))
        assert np.array_equal(_by_unit_source_best(unit, source, scores), expected)
    empty = np.zeros(0, dtype=np.int64)
    assert _among_best(empty, empty, np.zeros(0, dtype=np.float32)).tolist() == []
    kept = _among_best(unit, source, score)
    # Each unit keeps at most three pairs in a source, and none worse than one it drops.
    for u, s in {(int(a), int(b)) for a, b in zip(unit[:200], source[:200])}:
        mine = (unit == u) & (source == s)
        assert kept[mine].sum() == min(3, mine.sum())
        assert score[mine & kept].min() >= score[mine & ~kept].max(initial=0)
