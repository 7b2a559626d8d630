"""Alignment quality in one table: the seeds, the labelled real stories, synthetic stories.

    .venv/bin/python tests/benchmarks/evaluate_alignment.py [--quick]

For each labelled story (tests/benchmarks/labelled_stories.py: the seeds, and every real
story of ../shared/eval when that folder is there), pairwise precision, recall and F1 of
the default settings, scored as ../shared/eval/score.py scores an export, next to:

- `held out`: the same story aligned by a link model fitted on the other labelled stories
  only (leave-one-story-out, tests/benchmarks/fit_link_model.py). The shipped model was
  fitted on every labelled story, so its own figure on them is flattered; the held-out
  one is what to expect on stories nobody labelled. `--quick` leaves it out (2 minutes).
- `naive`: word TF-IDF cosine between paragraphs, groups by union-find at 0.35 (the
  method of ../shared/eval/baseline_tfidf.py, run here on the loaded paragraphs).

Synthetic stories (tests/support/synthetic.py; the truth is where each paragraph was drawn from)
play no part in fitting: the mean over ten of them follows.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

from command_line import script_parser  # noqa: E402
from labelled_stories import LabelledStory, group_pairs, labelled_stories, score_pairs  # noqa: E402
from synthetic import synthetic_story_with_origin  # noqa: E402

from comparators import Story, compare  # noqa: E402

NAIVE_THRESHOLD = 0.35

# (seed, sources, paragraphs) of the synthetic stories averaged over
SYNTHETIC = (
    (3, 10, 30), (5, 8, 20), (11, 20, 40), (7, 6, 25), (1, 5, 15),
    (2, 10, 20), (4, 12, 30), (6, 5, 40), (8, 15, 25), (9, 30, 30),
)


def naive_pairs(story: Story) -> set:
    """Word TF-IDF cosine >= NAIVE_THRESHOLD across sources, closed by union-find."""
    paragraphs = [(s.id, p.index, p.text) for s in story.sources for p in s.paragraphs]
    tokens = [re.findall(r"[a-z0-9]+", t.lower().replace("’", "'")) for _, _, t in paragraphs]
    n = len(paragraphs)
    df = Counter(w for t in tokens for w in set(t))
    idf = {w: math.log((1 + n) / (1 + c)) + 1 for w, c in df.items()}
    vectors = []
    for t in tokens:
        v = {w: (1 + math.log(c)) * idf[w] for w, c in Counter(t).items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({w: x / norm for w, x in v.items()})
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in combinations(range(n), 2):
        if paragraphs[i][0] != paragraphs[j][0]:
            a, b = sorted((vectors[i], vectors[j]), key=len)
            if sum(x * b.get(w, 0.0) for w, x in a.items()) >= NAIVE_THRESHOLD:
                parent[find(i)] = find(j)
    members: dict[int, list] = {}
    for i in range(n):
        members.setdefault(find(i), []).append(paragraphs[i][:2])
    return {(a, b) for keys in members.values() for a, b in combinations(keys, 2) if a[0] != b[0]}


def synthetic_story(seed: int, sources: int, paragraphs: int) -> LabelledStory:
    story, origin = synthetic_story_with_origin(sources, paragraphs, seed=seed)
    by_item: dict[int, list] = {}
    for key, items in origin.items():
        for item in items:
            by_item.setdefault(item, []).append(key)
    links = {frozenset((a, b)) for keys in by_item.values() for a, b in combinations(keys, 2) if a[0] != b[0]}
    return LabelledStory(
        f"synthetic {sources}x{paragraphs} #{seed}", story, lambda a, b: int(frozenset((a, b)) in links), len(links)
    )


def main(argv: list[str] | None = None) -> int:
    parser = script_parser(__doc__)
    parser.add_argument("--quick", action="store_true", help="skip the held-out column (about 2 minutes)")
    args = parser.parse_args(argv)
    stories = labelled_stories()
    held = {}
    if not args.quick:
        from fit_link_model import FEATURES, candidate_table, held_out

        tables = [candidate_table(s, "lexical") for s in stories]
        held = {s.name: fold.score.f1 for s, fold in zip(stories, held_out(stories, tables, "lexical", list(range(len(FEATURES)))))}
    print(f"{'story':<34} {'P':>6} {'R':>6} {'F1':>6} {'held out':>9} {'naive':>6}")
    real, real_held, real_naive = [], [], []
    for story in stories:
        result = score_pairs(group_pairs(compare(story.story).groups), story)
        naive = score_pairs(naive_pairs(story.story), story).f1
        out = f"{held[story.name]:9.3f}" if story.name in held else f"{'-':>9}"
        print(f"{story.name:<34} {result.precision:6.3f} {result.recall:6.3f} {result.f1:6.3f} {out} {naive:6.3f}")
        if story.name != "seeds":
            real.append(result.f1)
            real_naive.append(naive)
            if story.name in held:
                real_held.append(held[story.name])
    if real:
        out = f"{np.mean(real_held):9.3f}" if real_held else f"{'-':>9}"
        print(f"{'real stories, macro':<34} {'':>6} {'':>6} {np.mean(real):6.3f} {out} {np.mean(real_naive):6.3f}")
        lowest = f"{min(real_held):9.3f}" if real_held else f"{'-':>9}"
        print(f"{'real stories, lowest':<34} {'':>6} {'':>6} {min(real):6.3f} {lowest} {min(real_naive):6.3f}")
    else:
        print("(no labelled real stories: ../shared/eval/stories is not there)")
    synthetic = [synthetic_story(*spec) for spec in SYNTHETIC]
    f1 = [score_pairs(group_pairs(compare(s.story).groups), s).f1 for s in synthetic]
    naive = [score_pairs(naive_pairs(s.story), s).f1 for s in synthetic]
    print(f"{f'synthetic, mean of {len(synthetic)}':<34} {'':>6} {'':>6} {np.mean(f1):6.3f} {'-':>9} {np.mean(naive):6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
