"""Loading and cleaning the five seed articles, after import: must stay under 50 ms.

A plain script (`make bench` runs it): prints the median of repeated runs and
exits non-zero when over budget.
"""

from __future__ import annotations

import statistics
import sys
import time

from comparators import default_story_path, load_story

BUDGET_MS = 50.0
RUNS = 30


def main() -> int:
    load_story([default_story_path()])  # warm-up: regexes compiled, files cached
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        story = load_story([default_story_path()])
        timings.append((time.perf_counter() - start) * 1000)
    median = statistics.median(timings)
    words = sum(s.words for s in story.sources)
    print(
        f"loading+cleaning the {len(story.sources)} seeds ({words} words): "
        f"median {median:.1f} ms, best {min(timings):.1f} ms over {RUNS} runs "
        f"(budget {BUDGET_MS:.0f} ms)"
    )
    return 0 if median < BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
