"""Loading and cleaning the five seed articles, after import: must stay under 50 ms.

A plain script (`make bench` runs it): prints the median of repeated runs, in wall
time and in CPU time (steadier on a busy machine), and exits non-zero when the
wall-time median is over budget.
"""

from __future__ import annotations

import statistics
import sys
import time

from command_line import script_parser

from comparators import default_story_path, load_story

BUDGET_MS = 50.0
RUNS = 50


def main(argv: list[str] | None = None) -> int:
    script_parser(__doc__).parse_args(argv)
    load_story([default_story_path()])  # warm-up: regexes compiled, files cached
    wall, cpu = [], []
    for _ in range(RUNS):
        start, start_cpu = time.perf_counter(), time.process_time()
        story = load_story([default_story_path()])
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    median = statistics.median(wall)
    words = sum(s.words for s in story.sources)
    print(
        f"loading+cleaning the {len(story.sources)} seeds ({words} words): "
        f"median {median:.1f} ms wall, {statistics.median(cpu):.1f} ms CPU, "
        f"over {RUNS} runs (budget {BUDGET_MS:.0f} ms)"
    )
    return 0 if median < BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
