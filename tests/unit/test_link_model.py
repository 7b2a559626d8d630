"""The stored link model: a logistic model, optionally averaged with boosted trees that the
aligner evaluates with NumPy alone (comparators/evidence.py, LinkModel and TreeEnsemble)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from comparators.evidence import FEATURES, MODEL_PATH, FeatureBins, LinkModel, TreeEnsemble, link_model

# Three hand-made trees over the first three features (nodes numbered across trees; cuts
# that float32 features hold exactly):
#   tree 0 (nodes 0-4): feature 0 <= 0.5 ? leaf 1.0 : (feature 2 <= 0.375 ? -1.0 : 2.0)
#   tree 1 (nodes 5-9): feature 1 <= 0.25 ? (feature 1 <= 0.125 ? 0.5 : 0.25) : leaf -0.5
#   tree 2 (node 10):   leaf 0.1
HAND_MADE = {
    "feature": [0, 0, 2, 0, 0, 1, 1, 0, 0, 0, 0],
    "threshold": [0.5, 0.0, 0.375, 0.0, 0.0, 0.25, 0.125, 0.0, 0.0, 0.0, 0.0],
    "left": [1, 1, 3, 3, 4, 6, 7, 7, 8, 9, 10],
    "right": [2, 1, 4, 3, 4, 9, 8, 7, 8, 9, 10],
    "value": [0.0, 1.0, 0.0, -1.0, 2.0, 0.0, 0.0, 0.5, 0.25, -0.5, 0.1],
    "roots": [0, 5, 10],
    "depth": 2,
    "baseline": -0.2,
}


def _features(*rows: tuple[float, float, float]) -> np.ndarray:
    out = np.zeros((len(rows), len(FEATURES)), dtype=np.float32)
    out[:, :3] = rows
    return out


def _by_hand(x0: float, x1: float, x2: float) -> float:
    tree0 = 1.0 if x0 <= 0.5 else (-1.0 if x2 <= 0.375 else 2.0)
    tree1 = (0.5 if x1 <= 0.125 else 0.25) if x1 <= 0.25 else -0.5
    return -0.2 + tree0 + tree1 + 0.1


ROWS = [
    (0.0, 0.0, 0.0),
    (0.5, 0.125, 0.375),  # exactly at every cut: each goes left
    (0.625, 0.1875, 0.375),
    (0.625, 0.1875, 0.5),
    (0.9, 0.9, 0.9),
    (-3.0, 0.25, 7.0),
]


def test_the_trees_log_odds_are_each_pairs_leaves_summed():
    trees = TreeEnsemble.from_dict(HAND_MADE)
    got = trees.log_odds(_features(*ROWS))
    assert got == pytest.approx([_by_hand(*row) for row in ROWS])


def test_a_model_with_trees_averages_the_two_probabilities_and_survives_storage():
    weights = np.zeros(len(FEATURES), dtype=np.float32)
    weights[0] = 2.0
    logistic = LinkModel(
        mean=np.zeros(len(FEATURES), dtype=np.float32),
        scale=np.ones(len(FEATURES), dtype=np.float32),
        weights=weights,
        intercept=-1.0,
        threshold=0.4,
    )
    model = LinkModel.from_dict({**logistic.to_dict(), "trees": HAND_MADE})
    x = _features(*ROWS)
    expected = [0.5 / (1 + np.exp(1.0 - 2.0 * r[0])) + 0.5 / (1 + np.exp(-_by_hand(*r))) for r in ROWS]
    assert model.probability(x) == pytest.approx(expected, abs=1e-6)
    # A stored model without trees (the format before them) is the logistic model alone.
    assert LinkModel.from_dict(logistic.to_dict()).probability(x) == pytest.approx(logistic.probability(x))
    assert LinkModel.from_dict(json.loads(json.dumps(model.to_dict()))).probability(x) == pytest.approx(model.probability(x))


def test_trees_binned_together_with_another_views_give_their_own_log_odds():
    # Another view's trees cutting feature 0 elsewhere (0.25 and 0.75, and at 0.5 as this one
    # does) and feature 2 not at all: the features are searched once over both views' cuts.
    other = {
        **HAND_MADE,
        "feature": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        "threshold": [0.25, 0.0, 0.75, 0.0, 0.0, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0],
        "left": [1, 1, 3, 3, 4, 6, 6, 7, 8, 9, 10],
        "right": [2, 1, 4, 3, 4, 7, 6, 7, 8, 9, 10],
        "value": [0.0, 0.3, 0.0, -0.4, 0.6, 0.0, 0.7, -0.7, 0.0, 0.0, 0.1],
    }
    mine, theirs = TreeEnsemble.from_dict(HAND_MADE), TreeEnsemble.from_dict(other)

    def theirs_by_hand(x0: float) -> float:
        first = 0.3 if x0 <= 0.25 else (-0.4 if x0 <= 0.75 else 0.6)
        return -0.2 + first + (0.7 if x0 <= 0.5 else -0.7) + 0.1

    # At, just above and between the cuts only the other view has.
    x = _features(*ROWS, (0.25, 0.0, 0.0), (0.2500001, 0.0, 0.0), (0.75, 0.0, 0.0), (0.7, 0.0, 0.0), (0.76, 0.0, 0.0))
    binned = FeatureBins(x, [mine, theirs])
    assert binned.cuts[0].tolist() == [0.25, 0.5, 0.75]
    rows = x[:, :3].tolist()
    assert mine.log_odds(x, binned).tolist() == pytest.approx([_by_hand(*row) for row in rows])
    assert theirs.log_odds(x, binned).tolist() == pytest.approx([theirs_by_hand(row[0]) for row in rows])
    assert mine.log_odds(x, binned).tolist() == mine.log_odds(x).tolist()
    assert theirs.log_odds(x, binned).tolist() == theirs.log_odds(x).tolist()


def test_bins_found_for_other_trees_are_refused():
    mine, theirs = TreeEnsemble.from_dict(HAND_MADE), TreeEnsemble.from_dict({**HAND_MADE, "baseline": 0.0})
    x = _features(*ROWS)
    with pytest.raises(ValueError, match="other trees"):
        theirs.log_odds(x, FeatureBins(x, [mine]))


def test_trees_deeper_than_two_are_refused():
    with pytest.raises(ValueError, match="2 deep"):
        TreeEnsemble.from_dict({**HAND_MADE, "depth": 3}).log_odds(_features(ROWS[0]))


@pytest.mark.parametrize("comparator", ["lexical", "fuzzy"])
def test_both_shipped_models_load_with_their_trees(comparator):
    stored = json.loads(MODEL_PATH.read_text(encoding="utf-8"))[comparator]
    model = link_model(comparator)
    assert model is not None and model.trees is not None
    assert model.threshold == stored["threshold"]
    p = model.probability(np.array([stored["mean"]], dtype=np.float32))
    assert 0.0 < float(p[0]) < 1.0
