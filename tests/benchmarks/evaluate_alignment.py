"""Pairwise precision, recall and F1 of the seed alignment against the hand labels.

    .venv/bin/python tests/benchmarks/evaluate_alignment.py [--sweep]

Prints the default settings' figures, each comparator's, and a baseline: difflib's
ratio per paragraph pair, linking every pair above a threshold, with the best
threshold chosen on the labels themselves (so the baseline is flattered). Then the
same figures on a synthetic story (tests/synthetic.py), whose ground truth is
where each paragraph came from. There the baseline does well: the made-up
rewording is light, and pairwise thresholding is not charged for the groups that
merged paragraphs create. One synthetic story can flatter or punish a setting by
chance, so the mean F1 over ten more (other seeds and sizes) follows. `--sweep`
also prints both comparators' figures across thresholds.
"""

from __future__ import annotations

import difflib
import sys
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from alignment_labels import Labels, load_labels, predicted_pairs, score  # noqa: E402
from synthetic import synthetic_story_with_origin  # noqa: E402

from comparators import Settings, Story, compare, load_story  # noqa: E402


def difflib_baseline(story: Story, labels: Labels) -> tuple[float, object]:
    paragraphs = [(s.id, p.index, p.text) for s in story.sources for p in s.paragraphs]
    ratios = []
    for (sa, ia, ta), (sb, ib, tb) in combinations(paragraphs, 2):
        if sa != sb:
            ratio = difflib.SequenceMatcher(None, ta, tb, autojunk=False).ratio()
            ratios.append((ratio, frozenset(((sa, ia), (sb, ib)))))
    best = None
    for step in range(5, 100, 5):
        threshold = step / 100
        result = score({pair for r, pair in ratios if r >= threshold}, labels)
        if best is None or result.f1 > best[1].f1:
            best = (threshold, result)
    return best


def synthetic_labels(origin) -> Labels:
    """Paragraphs drawn from one pool item are links; nothing else is."""
    by_item: dict[int, list] = {}
    for key, items in origin.items():
        for item in items:
            by_item.setdefault(item, []).append(key)
    pairs = frozenset(
        frozenset((a, b)) for keys in by_item.values() for a, b in combinations(keys, 2) if a[0] != b[0]
    )
    return Labels(pairs, pairs)


# (seed, sources, paragraphs) of the synthetic stories averaged over
MORE_SYNTHETIC = (
    (3, 10, 30), (5, 8, 20), (11, 20, 40), (7, 6, 25), (1, 5, 15),
    (2, 10, 20), (4, 12, 30), (6, 5, 40), (8, 15, 25), (9, 30, 30),
)


def mean_synthetic_f1(settings: Settings | None = None) -> float:
    results = []
    for seed, sources, paragraphs in MORE_SYNTHETIC:
        story, origin = synthetic_story_with_origin(sources, paragraphs, seed=seed)
        results.append(score(predicted_pairs(compare(story, settings)), synthetic_labels(origin)).f1)
    return sum(results) / len(results)


def line(name: str, result) -> str:
    return (
        f"{name:<34} P {result.precision:.3f}  R {result.recall:.3f}  F1 {result.f1:.3f}"
        f"  ({result.predicted} predicted, {result.sure} sure)"
    )


def main(argv: list[str]) -> int:
    story = load_story([])
    labels = load_labels(story)
    print(f"{len(labels.sure)} sure links, {len(labels.possible) - len(labels.sure)} possible only")
    print(line("default settings", score(predicted_pairs(compare(story)), labels)))
    for name in ("lexical", "fuzzy"):
        print(line(f"comparator {name}", score(predicted_pairs(compare(story, Settings(comparator=name))), labels)))
    threshold, result = difflib_baseline(story, labels)
    print(line(f"baseline difflib ratio >= {threshold:.2f}", result))
    synthetic, origin = synthetic_story_with_origin(10, 30, seed=3)
    truth = synthetic_labels(origin)
    print(f"synthetic story, 10 sources x 30 paragraphs: {len(truth.sure)} links")
    print(line("default settings", score(predicted_pairs(compare(synthetic)), truth)))
    threshold, result = difflib_baseline(synthetic, truth)
    print(line(f"baseline difflib ratio >= {threshold:.2f}", result))
    print(f"default settings, mean F1 over {len(MORE_SYNTHETIC)} synthetic stories: {mean_synthetic_f1():.3f}")
    if "--sweep" in argv:
        for comparator, values in (("lexical", range(10, 60, 4)), ("fuzzy", range(40, 90, 5))):
            for t in values:
                settings = Settings(comparator=comparator, threshold=t / 100)
                result = score(predicted_pairs(compare(story, settings)), labels)
                print(line(f"  {comparator} threshold {t / 100:.2f}", result), end="")
                print(f"  synthetic mean F1 {mean_synthetic_f1(settings):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
