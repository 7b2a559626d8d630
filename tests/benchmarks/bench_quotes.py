"""Extracting, attributing and matching quotes: seeds under 50 ms, 50 x 40 under 2 s.

A plain script (`make bench` runs it): prints the median of repeated runs and
exits non-zero when over budget. The big story is `tests/support/synthetic.py`'s
`synthetic_story(50, 40)` when that exists, else 50 sources cut from the seeds'
paragraphs in turn (each seed quote then stands in ten sources: the worst case
for matching, every copy pairs with every other).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

from command_line import script_parser  # noqa: E402

from comparators import Story, load_story  # noqa: E402
from comparators.model import Paragraph, Source  # noqa: E402
from comparators.quote_matching import story_quotes  # noqa: E402
from comparators.segment import sentence_boundaries  # noqa: E402

SEEDS_BUDGET_MS = 50.0
BIG_BUDGET_MS = 2000.0


def seed_cut_story(n_sources: int, n_paragraphs: int) -> Story:
    seeds = load_story([])
    sources = []
    for i in range(n_sources):
        seed = seeds.sources[i % len(seeds.sources)]
        texts = [seed.paragraphs[(i + k) % len(seed.paragraphs)].text for k in range(n_paragraphs)]
        sources.append(
            Source(
                id=f"s{i:02d}",
                outlet=f"Outlet {i}",
                path=None,
                paragraphs=tuple(Paragraph(k, t, k + 1) for k, t in enumerate(texts)),
            )
        )
    return Story(title="synthetic", sources=tuple(sources))


def big_story() -> tuple[Story, str]:
    try:
        from synthetic import synthetic_story
    except ImportError:
        return seed_cut_story(50, 40), "seed paragraphs cut into 50 sources"
    return synthetic_story(50, 40, seed=0), "tests/support/synthetic.py"


def median_ms(story: Story, runs: int) -> tuple[float, int]:
    story_quotes(story)  # warm-up: regexes compiled
    timings = []
    for _ in range(runs):
        sentence_boundaries.cache_clear()  # time every run cold, as the first look at a story is
        start = time.perf_counter()
        quotes, _terms = story_quotes(story)
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), len(quotes)


def main(argv: list[str] | None = None) -> int:
    script_parser(__doc__).parse_args(argv)
    seeds_ms, seed_quotes = median_ms(load_story([]), runs=20)
    print(f"quotes of the 5 seeds ({seed_quotes} quotes): median {seeds_ms:.1f} ms (budget {SEEDS_BUDGET_MS:.0f} ms)")
    story, origin = big_story()
    big_ms, big_quotes = median_ms(story, runs=3)
    paragraphs = sum(len(s.paragraphs) for s in story.sources)
    print(
        f"quotes of {len(story.sources)} sources, {paragraphs} paragraphs ({origin}; {big_quotes} quotes): "
        f"median {big_ms:.0f} ms (budget {BIG_BUDGET_MS:.0f} ms)"
    )
    return 0 if seeds_ms < SEEDS_BUDGET_MS and big_ms < BIG_BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
