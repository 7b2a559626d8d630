"""Report speed, after import: the seeds in every format under 0.5 s in total, and a
50-source story's text report under 5 s.

A plain script (`make bench` runs it): prints the figures and exits non-zero when over
budget. The comparisons are computed first and not timed (alignment has its own
budget); the word-diff caches are emptied before each timed run so every difference
is computed afresh, as on a first export.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

from command_line import script_parser  # noqa: E402

from comparators import compare, default_story_path, load_story  # noqa: E402
from comparators.diff import word_diff  # noqa: E402
from comparators.reports import FORMATS, render_report  # noqa: E402
from synthetic import synthetic_story  # noqa: E402

SEEDS_BUDGET_S = 0.5
LARGE_BUDGET_S = 5.0
LARGE_SOURCES, LARGE_PARAGRAPHS = 50, 40
RUNS = 5


def cold(render) -> float:
    """Seconds `render()` takes with the word-diff caches empty."""
    for cached in (word_diff, getattr(sys.modules["comparators.diff"], "_encoded_diff", None)):
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()
    start = time.perf_counter()
    render()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    script_parser(__doc__).parse_args(argv)
    seeds = compare(load_story([default_story_path()]))
    seed_runs = [cold(lambda: [render_report(seeds, f) for f in FORMATS]) for _ in range(RUNS)]
    per_format = {
        f: statistics.median(cold(lambda f=f: render_report(seeds, f)) for _ in range(RUNS))
        for f in FORMATS
    }
    seeds_s = statistics.median(seed_runs)
    print(
        f"seed reports, all {len(FORMATS)} formats: median {seeds_s * 1000:.0f} ms "
        f"over {RUNS} runs (budget {SEEDS_BUDGET_S * 1000:.0f} ms); "
        + ", ".join(f"{f} {s * 1000:.0f} ms" for f, s in per_format.items())
    )

    start = time.perf_counter()
    large = compare(synthetic_story(LARGE_SOURCES, LARGE_PARAGRAPHS, seed=0))
    compare_s = time.perf_counter() - start
    large_s = cold(lambda: render_report(large, "text"))
    words = sum(s.words for s in large.story.sources)
    print(
        f"{LARGE_SOURCES}-source story ({words} words, {len(large.groups)} passages): "
        f"text report {large_s:.2f} s (budget {LARGE_BUDGET_S:.0f} s; "
        f"comparison itself {compare_s:.2f} s, not counted)"
    )
    return 0 if seeds_s < SEEDS_BUDGET_S and large_s < LARGE_BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
