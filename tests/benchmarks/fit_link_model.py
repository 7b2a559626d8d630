"""Fit the link model (comparators/link_model.json) and report it leave-one-story-out.

    .venv/bin/python tests/benchmarks/fit_link_model.py [--write] [--comparator NAME]
        [--model NAME] [--cut RULE] [--ablate] [--drop A,B] [--errors STORY,...|all]
        [--synthetic SHARE] [--balance]

For every labelled story (tests/support/labelled_stories.py: the seeds, and the real
stories of ../shared/eval when present), the aligner's candidate pairs are described by
comparators/evidence.py's features and labelled from the hand labels (related pairs are
left out of the fit). The shipped model (ONE_VIEW) is the mean of two probabilities: a
logistic regression on standardised features, and gradient-boosted trees of depth 2 whose
every feature's effect is held to the direction of its meaning (MEANING_SIGNS), stored as
node arrays the aligner evaluates with NumPy (evidence.TreeEnsemble). The lexical
comparator ships the mean of two such models (SHIPPED, `two-views`): one on its own
similarities, one on the `fuzzy` comparator's (FUZZY_VIEW) in their place; the `fuzzy`
comparator's model leaves FUZZY_VIEW out (its own similarities are those).

Every figure printed is held out: each story is aligned by a model fitted on the other
stories only, with a threshold chosen on those other stories, and then scored as
../shared/eval/score.py scores an export; then the same at each of FIXED_CUTS (so a
gain that is only a lucky choice of cut shows), and the mean average precision of the
held-out link ranking on the real stories. `--errors STORY[,STORY...]` (or `all`) lists
each story's held-out errors: the pairs its groups join against the labels (false links)
and the labelled links they miss, each with both passages, the pair's link probability
and its features. `--drop A,B` leaves those features out of every fit; `--ablate` repeats
the whole with each feature left out. `--write` fits on every story and stores the model, with the median of the
folds' thresholds.

`--synthetic SHARE` adds synthetic stories (SYNTHETIC_TRAINING, with their known origin
as labels) to every fold's training set, all together weighing SHARE of one mean story
(never to the seeds' fold, whose paragraphs they reuse, nor to any scoring);
`--balance` weighs each training story as much as the mean story.

`--model` tries another model class (`MODELS`; `logistic` is the previous release's
model), and `--cut` another rule for choosing a fold's cut on its training stories
(`CUT_RULES`); tests/benchmarks/ALIGNMENT.md gives their figures.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

from command_line import script_parser  # noqa: E402
from labelled_stories import LabelledStory, PairScore, group_pairs, labelled_stories, score_pairs  # noqa: E402

from comparators.align import _candidates, _Space, align, candidate_features  # noqa: E402
from comparators.evidence import FEATURES, MODEL_PATH, LinkModel, TreeEnsemble  # noqa: E402
from comparators.model import Settings  # noqa: E402
from comparators.segment import units  # noqa: E402
from comparators.similarity import Fuzzy, get_comparator  # noqa: E402

THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.15, 0.6, 0.05))
FIXED_CUTS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
REGULARISATION = 1.0  # sklearn's C; 0.1 and 0.01 gave the same held-out F1 within 0.003

# What each feature means for a link, for the models that are held to it: +1 more of
# it never makes a link less likely, -1 never more likely, 0 free.
MEANING_SIGNS = {
    "similarity": 1,
    "similarity_both": 1,
    "story_similarity": 1,
    "fuzzy_similarity": 1,
    "story_fuzzy_similarity": 1,
    "share_of_best_low": 1,
    "share_of_best_high": 1,
    "shared_runs": 1,
    "shared_names": 1,
    "numbers_disagree": -1,
    "shared_specific_words": 1,
    "story_specific_words": 1,
    "shared_actors": 1,
    "best_sentence_specific": 1,
    "shared_fact_words": 1,
    "shared_deeds": 1,
    "both_ledes": 1,
    "position_gap": -1,
    "length_gap": -1,
}
# Pairs of evidence whose meaning depends on each other, chosen by what they mean (not
# searched for on the held-out figure): a fact's own words weigh more in a pair that
# is otherwise alike (a rewrite), and less between paragraphs that merely share the
# topic; the same person doing something, in a pair sharing a fact's words, is one
# statement; different figures in otherwise alike paragraphs are often one fact
# updated (a death toll rewritten), in unlike ones different facts.
INTERACTIONS = (
    ("story_similarity", "story_specific_words"),
    ("shared_actors", "story_specific_words"),
    ("numbers_disagree", "story_similarity"),
)


class Fold(NamedTuple):
    score: PairScore  # the held-out story's groups at the fold's cut
    threshold: float  # the cut chosen on the other stories
    pairs: PairScore  # its links before grouping
    at_cuts: dict[float, float]  # its groups' F1 at each of FIXED_CUTS
    ranking: float  # average precision of its link probabilities (related pairs left out)
    model: object  # the fold's model at its cut
    joined: set  # the passage pairs its groups join at its cut


@dataclasses.dataclass(frozen=True)
class FittedLink:
    """A model fitted here for measurement only, shaped as the aligner uses a LinkModel."""

    predict: Callable[[np.ndarray], np.ndarray]
    threshold: float

    def probability(self, features: np.ndarray) -> np.ndarray:
        return self.predict(features).astype(np.float32)


def candidate_table(story: LabelledStory, comparator: str):
    """(features, labels, pairs) of the aligner's candidate pairs in `story`."""
    space = _Space(units(story.story, "paragraph"), story.story)
    scorer = get_comparator(comparator).fit(space.distinct_texts)
    pairs = _candidates(space, scorer, fuzzy_view=comparator != Fuzzy.name)
    features = candidate_features(space, pairs)
    keys = [
        ((space.units[a].source, space.units[a].paragraph), (space.units[b].source, space.units[b].paragraph))
        for a, b in zip(pairs.i.tolist(), pairs.j.tolist())
    ]
    labels = np.array([story.label(a, b) for a, b in keys], dtype=np.int8)
    return features, labels, keys


def _training(tables, columns):
    """(features, labels, weights) of the labelled pairs; a table's optional fourth
    element weighs its pairs (`weighted`), else each weighs 1."""
    x = np.vstack([t[0][t[1] >= 0] for t in tables])[:, columns]
    y = np.concatenate([t[1][t[1] >= 0] for t in tables])
    w = np.concatenate([(t[3] if len(t) > 3 else np.ones(len(t[1]), dtype=np.float64))[t[1] >= 0] for t in tables])
    return x, y, w


def weighted(table, weight: float):
    """`table` with each of its pairs weighing `weight` in a fit."""
    return (*table[:3], np.full(len(table[1]), weight, dtype=np.float64))


def fit(tables, columns) -> LinkModel:
    """A logistic regression on standardised features (the previous release's model,
    and half of the shipped one)."""
    from sklearn.linear_model import LogisticRegression

    x, y, w = _training(tables, columns)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    model = LogisticRegression(C=REGULARISATION, max_iter=5000).fit((x - mean) / scale, y, sample_weight=w)
    weights = np.zeros(len(FEATURES), dtype=np.float32)
    weights[columns] = model.coef_[0]
    full_mean = np.zeros(len(FEATURES), dtype=np.float32)
    full_scale = np.ones(len(FEATURES), dtype=np.float32)
    full_mean[columns], full_scale[columns] = mean, scale
    return LinkModel(full_mean, full_scale, weights, float(model.intercept_[0]), threshold=0.5)


def _signs(tables, columns, source: str) -> list[int]:
    if source == "meaning":
        for name in sorted({FEATURES[c] for c in columns} - MEANING_SIGNS.keys()):
            print(f"  ({name} has no sign in MEANING_SIGNS: the trees leave it free)", file=sys.stderr)
        return [MEANING_SIGNS.get(FEATURES[c], 0) for c in columns]
    weights = fit(tables, columns).weights[columns]
    return [int(np.sign(w)) for w in weights]


def _monotone_trees(tables, columns, signs: str = "meaning", depth: int = 2):
    """Gradient-boosted shallow trees, each feature's effect held to one direction
    (trees of depth 1 make an additive model of monotone step curves)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    x, y, w = _training(tables, columns)
    return HistGradientBoostingClassifier(
        max_depth=depth,
        learning_rate=0.05,
        max_iter=200,
        min_samples_leaf=40,
        l2_regularization=10.0,
        monotonic_cst=_signs(tables, columns, signs),
        random_state=0,
    ).fit(x, y, sample_weight=w)


def fit_monotone_trees(tables, columns, signs: str = "meaning", depth: int = 2) -> FittedLink:
    model = _monotone_trees(tables, columns, signs, depth)
    return FittedLink(lambda f: model.predict_proba(f[:, columns])[:, 1], 0.5)


def stored_trees(model, columns) -> TreeEnsemble:
    """A fitted HistGradientBoostingClassifier's trees as the NumPy TreeEnsemble the
    aligner evaluates (its features indexed in FEATURES); checked against sklearn's own
    predictions on the training features."""
    nodes = [predictor.nodes for predictor, in model._predictors]
    roots = np.cumsum([0] + [len(n) for n in nodes[:-1]])
    feature, threshold, left, right, value = [], [], [], [], []
    for root, tree in zip(roots.tolist(), nodes):
        for k, node in enumerate(tree):
            leaf = bool(node["is_leaf"])
            feature.append(0 if leaf else columns[int(node["feature_idx"])])
            threshold.append(0.0 if leaf else float(node["num_threshold"]))
            left.append(root + k if leaf else root + int(node["left"]))
            right.append(root + k if leaf else root + int(node["right"]))
            value.append(float(node["value"]) if leaf else 0.0)
    return TreeEnsemble(
        feature=np.array(feature, dtype=np.intp),
        threshold=np.array(threshold),
        left=np.array(left, dtype=np.intp),
        right=np.array(right, dtype=np.intp),
        value=np.array(value),
        roots=roots.astype(np.intp),
        depth=int(max(int(n["depth"].max()) for n in nodes)),
        baseline=float(np.ravel(model._baseline_prediction)[0]),
    )


def fit_logistic_and_trees(tables, columns) -> LinkModel:
    """The mean of the logistic model's probability and monotone boosted trees'."""
    trees = _monotone_trees(tables, columns)
    stored = stored_trees(trees, columns)
    x = np.vstack([t[0] for t in tables])
    expected = trees.predict_proba(x[:, columns])[:, 1]
    got = 1.0 / (1.0 + np.exp(-stored.log_odds(x)))
    assert np.abs(got - expected).max() < 1e-6, "stored trees disagree with sklearn's"
    return dataclasses.replace(fit(tables, columns), trees=stored)


def fit_additive(tables, columns, monotone: bool = False) -> FittedLink:
    """A generalised additive logistic model: each feature's effect a smooth curve
    (cubic splines at its quantiles), or with `monotone` an increasing or decreasing
    step curve (isotonic regression of the labels on that feature alone, by its sign
    of meaning) whose log-odds the logistic model weighs."""
    from sklearn.compose import ColumnTransformer
    from sklearn.isotonic import IsotonicRegression
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import SplineTransformer, StandardScaler

    x, y, w = _training(tables, columns)
    if monotone:
        curves = [
            IsotonicRegression(increasing=MEANING_SIGNS.get(FEATURES[c], 1) > 0, out_of_bounds="clip", y_min=0.005, y_max=0.995).fit(x[:, k], y, sample_weight=w)
            for k, c in enumerate(columns)
        ]

        def logits(f: np.ndarray) -> np.ndarray:
            p = np.column_stack([curve.predict(f[:, k]) for k, curve in enumerate(curves)])
            return np.log(p / (1.0 - p))

        model = make_pipeline(StandardScaler(), LogisticRegression(C=REGULARISATION, max_iter=5000)).fit(logits(x), y, logisticregression__sample_weight=w)
        return FittedLink(lambda f: model.predict_proba(logits(f[:, columns]))[:, 1], 0.5)
    binary = [k for k in range(len(columns)) if len(np.unique(x[:, k])) <= 2]
    smooth = [k for k in range(len(columns)) if k not in binary]
    shapes = ColumnTransformer(
        [("smooth", SplineTransformer(n_knots=5, degree=3, knots="quantile", extrapolation="linear"), smooth), ("binary", "passthrough", binary)]
    )
    model = make_pipeline(shapes, StandardScaler(), LogisticRegression(C=REGULARISATION, max_iter=5000)).fit(x, y, logisticregression__sample_weight=w)
    return FittedLink(lambda f: model.predict_proba(f[:, columns])[:, 1], 0.5)


def fit_interactions(tables, columns) -> FittedLink:
    """The logistic model with the INTERACTIONS' products as more features."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    products = [(FEATURES.index(a), FEATURES.index(b)) for a, b in INTERACTIONS if FEATURES.index(a) in columns and FEATURES.index(b) in columns]

    def widen(f: np.ndarray) -> np.ndarray:
        return np.column_stack([f[:, columns]] + [f[:, a] * f[:, b] for a, b in products])

    x, y, w = _training(tables, slice(None))  # every feature: `widen` picks the columns and products
    model = make_pipeline(StandardScaler(), LogisticRegression(C=REGULARISATION, max_iter=5000)).fit(widen(x), y, logisticregression__sample_weight=w)
    return FittedLink(lambda f: model.predict_proba(widen(f))[:, 1], 0.5)


# The `fuzzy` comparator's similarities (`align.fuzzy_parts`, on the candidates only), and
# the lexical comparator's, which the fuzzy view's model sees in their place.
FUZZY_VIEW = ("fuzzy_similarity", "story_fuzzy_similarity")
LEXICAL_VIEW = ("similarity", "similarity_both", "story_similarity", "share_of_best_low", "share_of_best_high")


def fit_two_views(tables, columns, fuzzy_view: bool = True) -> LinkModel:
    """The mean of two `fit_logistic_and_trees` models: one on the lexical comparator's
    similarities, the other on the fuzzy comparator's in their place (the rest of the
    evidence in both). Without `fuzzy_view` the second model sees no similarity at all
    (a control: how much of the gain is two models rather than the fuzzy view)."""
    lexical = fit_logistic_and_trees(tables, [c for c in columns if FEATURES[c] not in FUZZY_VIEW])
    hidden = LEXICAL_VIEW if fuzzy_view else LEXICAL_VIEW + FUZZY_VIEW
    other = fit_logistic_and_trees(tables, [c for c in columns if FEATURES[c] not in hidden])
    return dataclasses.replace(lexical, other_view=other)


MODELS: dict[str, Callable] = {
    "logistic": fit,
    "monotone-trees": fit_monotone_trees,
    "monotone-trees-logistic-signs": lambda tables, columns: fit_monotone_trees(tables, columns, signs="logistic"),
    "monotone-stumps": lambda tables, columns: fit_monotone_trees(tables, columns, depth=1),
    "additive": fit_additive,
    "additive-monotone": lambda tables, columns: fit_additive(tables, columns, monotone=True),
    "interactions": fit_interactions,
    "logistic-and-monotone-trees": fit_logistic_and_trees,
    "two-views": fit_two_views,
    "two-views-no-similarity": lambda tables, columns: fit_two_views(tables, columns, fuzzy_view=False),
}
STORABLE = ("logistic", "logistic-and-monotone-trees", "two-views", "two-views-no-similarity")
# The model each comparator ships (the `fuzzy` one's similarities are the fuzzy view: it has one).
SHIPPED = {"lexical": "two-views"}
ONE_VIEW = "logistic-and-monotone-trees"


def at_cut(model, threshold: float):
    return dataclasses.replace(model, threshold=threshold)


def f1_by_cut(model, stories, comparator: str, cuts) -> np.ndarray:
    """(stories x cuts) F1 of each story's aligned groups at each cut."""
    return np.array(
        [[score_pairs(group_pairs(align(s.story, Settings(comparator=comparator), link=at_cut(model, t))), s).f1 for t in cuts] for s in stories]
    )


def _calibrated_cut(model_name: str, tables, columns) -> float:
    """The raw probability a Platt curve fitted on out-of-story probabilities (each
    training story scored by a model fitted on the other training stories) maps to
    0.5: the cut where a link is as likely as not."""
    from sklearn.linear_model import LogisticRegression

    scores, labels = [], []
    for k, table in enumerate(tables):
        inner = MODELS[model_name]([t for m, t in enumerate(tables) if m != k], columns)
        keep = table[1] >= 0
        scores.append(inner.probability(table[0][keep]))
        labels.append(table[1][keep])
    p = np.clip(np.concatenate(scores), 1e-6, 1 - 1e-6)
    logit = np.log(p / (1 - p)).reshape(-1, 1)
    platt = LogisticRegression(C=1e6).fit(logit, np.concatenate(labels))
    cut_logit = -platt.intercept_[0] / platt.coef_[0, 0]
    return float(1.0 / (1.0 + np.exp(-cut_logit)))


def choose_threshold(model, stories, comparator: str, rule: str = "best-mean") -> float:
    """The cut for a model fitted on these (training) stories, by `rule` (CUT_RULES)."""
    curve = f1_by_cut(model, stories, comparator, THRESHOLDS)
    mean = curve.mean(axis=0)
    if rule == "best-mean":  # the cut with the best mean F1 of the aligned groups
        return THRESHOLDS[int(np.argmax(mean))]
    if rule == "mean-of-optima":  # the mean of each story's own best cut
        return round(float(np.mean([THRESHOLDS[int(np.argmax(row))] for row in curve])), 3)
    if rule == "smoothed":  # the best of the mean F1 curve smoothed over neighbouring cuts
        padded = np.concatenate([mean[:1], mean, mean[-1:]])
        return THRESHOLDS[int(np.argmax(0.25 * padded[:-2] + 0.5 * padded[1:-1] + 0.25 * padded[2:]))]
    raise ValueError(f"unknown cut rule {rule!r}")


CUT_RULES = ("best-mean", "mean-of-optima", "smoothed", "calibrated")


def _average_precision(model, table) -> float:
    from sklearn.metrics import average_precision_score

    keep = table[1] >= 0
    return float(average_precision_score(table[1][keep], model.probability(table[0][keep]))) if table[1][keep].any() else float("nan")


# Synthetic stories (seed, sources, paragraphs) `--synthetic` adds to the training
# sets: not those evaluate_alignment.py scores.
SYNTHETIC_TRAINING = ((101, 6, 20), (102, 8, 25), (103, 5, 30), (104, 10, 20), (105, 7, 25), (106, 6, 15))


def synthetic_tables(comparator: str) -> list:
    from evaluate_alignment import synthetic_story

    return [candidate_table(synthetic_story(*spec), comparator) for spec in SYNTHETIC_TRAINING]


def training_set(tables, extra=(), share: float = 0.0, balance: bool = False) -> list:
    """The tables a model is fitted on: with `balance` each story weighs as much as
    the mean story, and the `extra` (synthetic) stories together weigh `share` of
    one mean story."""
    pairs = [max(1, int((t[1] >= 0).sum())) for t in tables]
    mean = float(np.mean(pairs))
    chosen = [weighted(t, mean / n) for t, n in zip(tables, pairs)] if balance else list(tables)
    if extra and share > 0:
        total = sum(max(1, int((t[1] >= 0).sum())) for t in extra)
        chosen += [weighted(t, share * mean / total) for t in extra]
    return chosen


def held_out(
    stories, tables, comparator: str, columns, model_name: str | None = None, rule: str = "best-mean", extra=(), share: float = 0.0, balance: bool = False
) -> list[Fold]:
    """Each story aligned with a model fitted (and thresholded) on the others (and on
    `extra` stories, but for the seeds, whose paragraphs the synthetic ones reuse)."""
    model_name = model_name or SHIPPED.get(comparator, ONE_VIEW)
    folds = []
    for k, story in enumerate(stories):
        others = [m for m in range(len(stories)) if m != k]
        train = training_set([tables[m] for m in others], () if story.name == "seeds" else extra, share, balance)
        model = MODELS[model_name](train, columns)
        if rule == "calibrated":
            threshold = _calibrated_cut(model_name, [tables[m] for m in others], columns)
        else:
            threshold = choose_threshold(model, [stories[m] for m in others], comparator, rule)
        model = at_cut(model, threshold)
        joined = group_pairs(align(story.story, Settings(comparator=comparator), link=model))
        result = score_pairs(joined, story)
        at_cuts = dict(zip(FIXED_CUTS, f1_by_cut(model, [story], comparator, FIXED_CUTS)[0].tolist()))
        features, _, keys = tables[k]
        linked = np.flatnonzero(model.probability(features) >= threshold)
        pairs = score_pairs([keys[p] for p in linked.tolist()], story)
        folds.append(Fold(result, threshold, pairs, at_cuts, _average_precision(model, tables[k]), model, joined))
    return folds


def report(stories, folds: list[Fold]) -> None:
    """Each story's figures, and the F1 of the model's links before grouping (the
    grouping's cost or gain is the difference); then the figures at each fixed cut."""
    for story, fold in zip(stories, folds):
        result = fold.score
        print(
            f"  {story.name:<28} P {result.precision:.3f}  R {result.recall:.3f}  F1 {result.f1:.3f}  "
            f"(cut {fold.threshold:.3g}; links before grouping F1 {fold.pairs.f1:.3f}; ranking AP {fold.ranking:.3f})"
        )
    real = [(s, f) for s, f in zip(stories, folds) if s.name != "seeds"]
    seeds = [f for s, f in zip(stories, folds) if s.name == "seeds"]
    if not real:
        return
    f1 = [f.score.f1 for _, f in real]
    print(f"  real stories: macro F1 {np.mean(f1):.3f}, lowest {min(f1):.3f}; ranking mean AP {np.mean([f.ranking for _, f in real]):.3f}")
    cuts = [f.threshold for f in folds]
    print(f"  the folds' cuts {min(cuts):.3g}-{max(cuts):.3g}, median {np.median(cuts):.3g}")
    for cut in FIXED_CUTS:
        at = [f.at_cuts[cut] for _, f in real]
        seed = f"; seeds {seeds[0].at_cuts[cut]:.3f}" if seeds else ""
        print(f"  at cut {cut:<4}: real macro F1 {np.mean(at):.3f}, lowest {min(at):.3f}{seed}")


def report_errors(story: LabelledStory, table, model: LinkModel, joined: set) -> None:
    """The held-out alignment's false links (`joined` by its groups, labelled apart) and
    missed links (labelled, not joined) in `story`, with the pair's probability and features."""
    features, _, keys = table
    probability = model.probability(features)
    row = {frozenset(k): n for n, k in enumerate(keys)}
    text = {(s.id, p.index): p.text for s in story.story.sources for p in s.paragraphs}
    labelled = _labelled_links(story, text)
    false = sorted(p for p in joined if story.label(*p) == 0)
    missed = sorted(labelled - joined)
    for title, pairs in (("FALSE LINKS", false), ("MISSED LINKS", missed)):
        print(f"\n{story.name}: {len(pairs)} {title} (cut {model.threshold})")
        for n, (a, b) in enumerate(pairs, 1):
            k = row.get(frozenset((a, b)))
            if k is None:
                how = "not a candidate"
            else:
                how = f"p {probability[k]:.3f} " + ("(direct link)" if probability[k] >= model.threshold else "(below the cut)")
            print(f"--- {title.split()[0].lower()} {n}: {a[0]}#{a[1]} ~ {b[0]}#{b[1]}: {how}")
            if k is not None:
                print("    " + "  ".join(f"{name}={value:.3g}" for name, value in zip(FEATURES, features[k].tolist())))
            for key in (a, b):
                print(f"    [{key[0]}#{key[1]}] {text[key][:400]}")


def _labelled_links(story: LabelledStory, text) -> set:
    """Every cross-source passage pair labelled 1 (candidates or not)."""
    keys = sorted(text)
    return {(a, b) for n, a in enumerate(keys) for b in keys[n + 1 :] if a[0] != b[0] and story.label(a, b) == 1}


def _comma_separated(text: str) -> list[str]:
    return text.split(",")


def main(argv: list[str] | None = None) -> int:
    parser = script_parser(__doc__)
    parser.add_argument("--write", action="store_true", help="fit on every story and store the model")
    parser.add_argument("--comparator", default="lexical", metavar="NAME", help="whose model is fitted (default %(default)s)")
    parser.add_argument("--model", choices=MODELS, metavar="NAME", help=f"one of {', '.join(MODELS)} (default: "
                        + "; ".join(f"{model} for {name}" for name, model in SHIPPED.items()) + f"; else {ONE_VIEW})")
    parser.add_argument("--cut", choices=CUT_RULES, default="best-mean", metavar="RULE",
                        help=f"one of {', '.join(CUT_RULES)} (default %(default)s)")
    parser.add_argument("--ablate", action="store_true", help="repeat the fit with each feature left out")
    parser.add_argument("--drop", type=_comma_separated, default=[], metavar="A,B", help="features left out of every fit")
    parser.add_argument("--errors", type=_comma_separated, metavar="STORY,...|all", help="list these stories' held-out errors")
    parser.add_argument("--synthetic", type=float, default=0.0, metavar="SHARE",
                        help="synthetic stories in every fold's training, weighing SHARE of one mean story")
    parser.add_argument("--balance", action="store_true", help="each training story weighs as much as the mean story")
    args = parser.parse_args(argv)
    comparator, rule = args.comparator, args.cut
    model_name = args.model or SHIPPED.get(comparator, ONE_VIEW)
    dropped = list(args.drop)
    if comparator == "fuzzy":  # its own similarities are the fuzzy view's
        dropped += FUZZY_VIEW
    unknown = sorted(set(dropped) - set(FEATURES))
    if unknown:
        print(f"fit_link_model: no such feature: {', '.join(unknown)}", file=sys.stderr)
        return 2
    stories = labelled_stories()
    tables = [candidate_table(s, comparator) for s in stories]
    every = [c for c, name in enumerate(FEATURES) if name not in dropped]
    print(f"comparator {comparator}, model {model_name}, cut {rule}, leave-one-story-out over {len(stories)} stories:")
    share, balance = args.synthetic, args.balance
    extra = synthetic_tables(comparator) if share > 0 else []
    folds = held_out(stories, tables, comparator, every, model_name, rule, extra, share, balance)
    report(stories, folds)
    if args.errors:
        for story, table, fold in zip(stories, tables, folds):
            if story.name in args.errors or "all" in args.errors:
                report_errors(story, table, fold.model, fold.joined)
    if args.ablate:
        for drop in every:
            ablated = held_out(stories, tables, comparator, [c for c in every if c != drop], model_name, rule, extra, share, balance)
            real = [f.score.f1 for s, f in zip(stories, ablated) if s.name != "seeds"]
            print(f"  without {FEATURES[drop]:<20} real macro F1 {np.mean(real):.3f}")
    if args.write:
        model = MODELS[model_name](training_set(tables, extra, share, balance), every)
        if not isinstance(model, LinkModel):
            print(f"--write stores a model the aligner can evaluate ({', '.join(STORABLE)})", file=sys.stderr)
            return 2
        # F1 is flat across cuts near the best, so one choice on every story would
        # follow noise: the median of the cuts the folds chose is steadier.
        threshold = float(np.median([fold.threshold for fold in folds]))
        stored = json.loads(MODEL_PATH.read_text(encoding="utf-8")) if MODEL_PATH.exists() else {}
        stored[comparator] = at_cut(model, threshold).to_dict()
        stored[comparator]["fitted_on"] = [s.name for s in stories]
        MODEL_PATH.write_text(json.dumps(stored, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH} ({comparator}, cut {threshold})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
