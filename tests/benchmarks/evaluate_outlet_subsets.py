"""Held-out alignment of a story told by fewer outlets: does the figure hold at 2, 3, 4, 5?

    .venv/bin/python tests/benchmarks/evaluate_outlet_subsets.py [--samples N] [--sizes 2,3,...]
        [--stories] [--comparator NAME] [--errors K]

Every labelled story (tests/support/labelled_stories.py) has 6 outlets (the seeds 5),
but a user's story may have 3 or 10, and parts of the aligner depend on how many: the
story-relative features, a word's specificity, the grouping's three-quarters rule, the
ledes' rule. For each labelled story, the model held out for it (fitted, and its cut
chosen, on the other stories only: fit_link_model.py's folds, `held_out`) aligns subsets
of its outlets, each scored against the labels between the outlets present only
(`labelled_stories.sub_story`: a link to an absent outlet is not missed). Subsets of each
size k: all of them when there are at most N (`--samples`, default 20: every subset of
6 outlets), else N drawn with a seed fixed by the story's name and k. A subset with no
labelled link has no F1: its false links are counted apart.

Printed per k (and for the whole stories): the real stories' macro F1 (each story the
mean over its subsets), its lowest story, the macro precision and recall, the same F1
at the fixed cuts FIXED_CUTS, the naive baseline (word TF-IDF union-find,
evaluate_alignment.naive_pairs) on the same subsets, and `whole-story`: the whole
story's held-out alignment read on the subset's pairs only, which is what the aligner
finds between those outlets with every outlet in view (the gap to it is what aligning
fewer outlets loses); then the seeds. `--stories` adds each story's line under each k.
`--errors K` lists, for subsets of K outlets, the held-out false and missed links as
fit_link_model.py's `--errors` does (probabilities and features computed on the subset).
About two minutes.
"""

from __future__ import annotations

import itertools
import random
import sys
from dataclasses import dataclass
from math import comb
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

from command_line import script_parser  # noqa: E402
from evaluate_alignment import naive_pairs  # noqa: E402
from fit_link_model import FEATURES, at_cut, candidate_table, held_out, report_errors  # noqa: E402
from labelled_stories import LabelledStory, PairScore, group_pairs, labelled_stories, score_pairs, sub_story  # noqa: E402

from comparators.align import align  # noqa: E402
from comparators.model import Settings  # noqa: E402

FIXED_CUTS = (0.4, 0.5)
SAMPLES = 20  # every subset of a story of 6 outlets (at most 20 of one size)


@dataclass(frozen=True)
class SubsetScore:
    """One subset of a story's outlets, aligned held out."""

    story: str
    sources: tuple[str, ...]
    at_fold_cut: PairScore
    at_cuts: tuple[float, ...]  # F1 at each of FIXED_CUTS
    naive: float  # the naive baseline's F1
    # The whole story's held-out alignment read on these outlets' pairs only: what the
    # aligner gets right with every outlet in view, against which the subset's own is lost.
    whole: PairScore


def outlet_subsets(source_ids: list[str], size: int, samples: int, seed: str) -> list[tuple[str, ...]]:
    """The subsets of `source_ids` of `size`: all of them when there are at most
    `samples`, else `samples` of them drawn by a generator seeded with `seed` (the same
    every run), each in the order of `source_ids`."""
    if comb(len(source_ids), size) <= samples:
        return list(itertools.combinations(source_ids, size))
    every = list(itertools.combinations(source_ids, size))
    return sorted(random.Random(seed).sample(every, samples), key=every.index)


def aligned_pairs(story: LabelledStory, model, comparator: str) -> set:
    """The cross-source passage pairs `story`'s groups join, aligned by `model` at its cut."""
    return group_pairs(align(story.story, Settings(comparator=comparator), link=model))


def score_subset(story: LabelledStory, sources: tuple[str, ...], model, comparator: str, whole: set) -> SubsetScore | None:
    """`story` cut down to `sources`, aligned by `model` at its cut and at FIXED_CUTS, and
    the pairs `whole` (the whole story's alignment) joins between them; None when no
    labelled link joins two of those outlets."""
    part = sub_story(story, sources)
    if part.links == 0:
        return None
    fold = score_pairs(aligned_pairs(part, model, comparator), part)
    fixed = tuple(score_pairs(aligned_pairs(part, at_cut(model, cut), comparator), part).f1 for cut in FIXED_CUTS)
    baseline = score_pairs(naive_pairs(part.story), part).f1
    within = score_pairs({(a, b) for a, b in whole if a[0] in sources and b[0] in sources}, part)
    return SubsetScore(story.name, sources, fold, fixed, baseline, within)


def _by_story(scores: list[SubsetScore]) -> dict[str, list[SubsetScore]]:
    by_story: dict[str, list[SubsetScore]] = {}
    for score in scores:
        by_story.setdefault(score.story, []).append(score)
    return by_story


def summary(label: str, scores: list[SubsetScore]) -> str:
    """One line: the real stories' macro (each story the mean of its subsets), lowest
    story, precision, recall, F1 at the fixed cuts, the baseline's and the whole story's
    alignment's on the same pairs; and the seeds."""
    by_story = _by_story(scores)

    def mean(story: str, value) -> float:
        return float(np.mean([value(s) for s in by_story[story]]))

    real = [name for name in by_story if name != "seeds"]
    f1 = [mean(n, lambda s: s.at_fold_cut.f1) for n in real]
    line = f"{label:<6} {sum(len(by_story[n]) for n in real):>4}  "
    if real:
        line += f"F1 {np.mean(f1):.3f}  lowest {min(f1):.3f}  "
        line += f"P {np.mean([mean(n, lambda s: s.at_fold_cut.precision) for n in real]):.3f}  "
        line += f"R {np.mean([mean(n, lambda s: s.at_fold_cut.recall) for n in real]):.3f}  "
        for k, cut in enumerate(FIXED_CUTS):
            line += f"@{cut} {np.mean([mean(n, lambda s: s.at_cuts[k]) for n in real]):.3f}  "
        line += f"naive {np.mean([mean(n, lambda s: s.naive) for n in real]):.3f}  "
        line += f"whole-story F1 {np.mean([mean(n, lambda s: s.whole.f1) for n in real]):.3f} "
        line += f"(P {np.mean([mean(n, lambda s: s.whole.precision) for n in real]):.3f} R {np.mean([mean(n, lambda s: s.whole.recall) for n in real]):.3f})"
    if "seeds" in by_story:
        line += (
            f"  | seeds F1 {mean('seeds', lambda s: s.at_fold_cut.f1):.3f} (n {len(by_story['seeds'])}, "
            f"naive {mean('seeds', lambda s: s.naive):.3f}, whole-story {mean('seeds', lambda s: s.whole.f1):.3f})"
        )
    return line


def per_story(scores: list[SubsetScore]) -> list[str]:
    """Each story's mean precision, recall and F1 over its subsets, and its worst subset."""
    lines = []
    for name, own in _by_story(scores).items():
        worst = min(own, key=lambda s: s.at_fold_cut.f1)
        lines.append(
            f"    {name:<26} P {np.mean([s.at_fold_cut.precision for s in own]):.3f}  R {np.mean([s.at_fold_cut.recall for s in own]):.3f}  "
            f"F1 {np.mean([s.at_fold_cut.f1 for s in own]):.3f}  whole-story F1 {np.mean([s.whole.f1 for s in own]):.3f}  (worst {worst.at_fold_cut.f1:.3f}: {' '.join(worst.sources)})"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = script_parser(__doc__)
    parser.add_argument("--samples", type=int, default=SAMPLES, help="subsets of each size per story (default %(default)s)")
    parser.add_argument("--sizes", default="2,3,4,5", help="numbers of outlets, comma-separated (default %(default)s)")
    parser.add_argument("--comparator", default="lexical")
    parser.add_argument("--stories", action="store_true", help="each story's figures under each k")
    parser.add_argument("--errors", type=int, metavar="K", help="list the held-out errors of the subsets of K outlets")
    args = parser.parse_args(argv)
    stories = labelled_stories()
    tables = [candidate_table(s, args.comparator) for s in stories]
    folds = held_out(stories, tables, args.comparator, list(range(len(FEATURES))))
    sizes = sorted({int(k) for k in args.sizes.split(",")})
    scores: dict[int | str, list[SubsetScore]] = {k: [] for k in sizes}
    scores["all"] = []
    unlinked: dict[int, list[int]] = {k: [] for k in sizes}  # false links of subsets with no labelled link
    for story, fold in zip(stories, folds):
        ids = [s.id for s in story.story.sources]
        print(f"{story.name}: {len(ids)} outlets, held-out cut {fold.threshold:.3g}", file=sys.stderr)
        for k in sizes:
            if k >= len(ids):
                continue
            for sources in outlet_subsets(ids, k, args.samples, f"{story.name}:{k}"):
                result = score_subset(story, sources, fold.model, args.comparator, fold.joined)
                part = sub_story(story, sources)
                if result is None:
                    wrong = sum(1 for a, b in aligned_pairs(part, fold.model, args.comparator) if part.label(a, b) == 0)
                    unlinked[k].append(wrong)
                    print(f"  no labelled link: {' '.join(sources)}: {wrong} false links", file=sys.stderr)
                    continue
                scores[k].append(result)
                if args.errors == k:
                    joined = aligned_pairs(part, fold.model, args.comparator)
                    report_errors(part, candidate_table(part, args.comparator), fold.model, joined)
        scores["all"].append(score_subset(story, tuple(ids), fold.model, args.comparator, fold.joined))
    print(f"held out, {args.comparator}; per k: subsets of the real stories, their macro F1 (each story the mean of its subsets),")
    print("lowest story, macro precision and recall, macro F1 at fixed cuts, the naive baseline's, the whole story's")
    print("alignment's on the same pairs; then the seeds")
    for k in [*sizes, "all"]:
        if scores[k]:
            print(summary(f"k={k}", scores[k]))
            if k != "all" and unlinked[k]:
                print(f"       and {len(unlinked[k])} subsets with no labelled link: {sum(unlinked[k])} false links in all")
            if args.stories:
                print("\n".join(per_story(scores[k])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
