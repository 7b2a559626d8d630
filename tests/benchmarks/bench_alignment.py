"""The comparison pipeline's speed and memory: the seeds, then 5, 50 and 200 sources.

A plain script (`make bench` runs it). Prints, for the five seeds, the median of
repeated runs of the whole pipeline (load, clean, segment, align, word diffs of
every group as the JSON export needs them, reuse, quotes) with every cache
emptied between runs; then synthetic stories (tests/support/synthetic.py) of 5, 50 and
200 sources x 40 paragraphs: time and peak memory of the alignment and of the
whole comparison. Exits non-zero when over budget: seeds 0.3 s, 50 x 40 under
5 s and 500 MB.
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

from command_line import script_parser  # noqa: E402
from lru_caches import module_caches  # noqa: E402
from synthetic import synthetic_story  # noqa: E402

from comparators import Settings, compare, default_story_path, load_story  # noqa: E402
from comparators.align import align  # noqa: E402
from comparators.export import to_json_dict  # noqa: E402

SEEDS_BUDGET_S = 0.3
SCALE_BUDGET_S = 5.0
SCALE_BUDGET_MB = 500.0
RUNS = 7


# Unbounded caches (`functools.cache`) and those of at most this many entries hold compiled
# patterns or the loaded link model, which a running process keeps; the bigger ones hold
# results per text or word.
KEPT_CACHE_SIZE = 64


def clear_caches() -> None:
    """Empty the comparator layer's caches of results per text or word, so each run works
    them out as a new story would (found, not listed, so a new cache is never missed)."""
    for _, cached in module_caches(("comparators",)):
        size = cached.cache_info().maxsize
        if size is not None and size > KEPT_CACHE_SIZE:
            cached.cache_clear()


def seeds() -> float:
    wall, parts = [], []
    for _ in range(RUNS + 1):  # the first run warms up imports and regexes
        clear_caches()
        start = time.perf_counter()
        story = load_story([default_story_path()])
        loaded = time.perf_counter()
        comparison = compare(story)
        compared = time.perf_counter()
        to_json_dict(comparison)  # every member's word diff
        done = time.perf_counter()
        wall.append(done - start)
        parts.append((loaded - start, compared - loaded, done - compared))
    wall, parts = wall[1:], parts[1:]
    median = statistics.median(wall)
    load, comp, diff = (statistics.median(p[i] for p in parts) for i in range(3))
    print(
        f"seeds, whole pipeline: median {median * 1000:.0f} ms over {RUNS} runs "
        f"(load+clean {load * 1000:.0f}, compare {comp * 1000:.0f}, all diffs {diff * 1000:.0f}; "
        f"budget {SEEDS_BUDGET_S * 1000:.0f} ms); {len(comparison.groups)} groups"
    )
    return median


def scale(n_sources: int, n_paragraphs: int = 40) -> tuple[float, float]:
    story = synthetic_story(n_sources, n_paragraphs, seed=0)
    units = sum(len(s.paragraphs) for s in story.sources)
    clear_caches()
    start = time.perf_counter()
    groups = align(story, Settings(threshold=None))
    aligned = time.perf_counter() - start
    clear_caches()
    start = time.perf_counter()
    comparison = compare(story)
    compared = time.perf_counter() - start
    start = time.perf_counter()
    to_json_dict(comparison)
    exported = time.perf_counter() - start
    clear_caches()
    tracemalloc.start()
    align(story, Settings(threshold=None))
    peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{n_sources:>4} sources x {n_paragraphs} ({units} paragraphs): align {aligned:.2f} s, "
        f"compare {compared:.2f} s, export with all diffs {exported:.2f} s, "
        f"{len(groups)} groups; align peak {peak_mb:.0f} MB traced, process max RSS {rss_mb:.0f} MB"
    )
    return aligned, peak_mb


def main(argv: list[str] | None = None) -> int:
    script_parser(__doc__).parse_args(argv)
    ok = seeds() < SEEDS_BUDGET_S
    for n in (5, 50, 200):
        seconds, peak_mb = scale(n)
        if n == 50:
            ok = ok and seconds < SCALE_BUDGET_S and peak_mb < SCALE_BUDGET_MB
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
