"""Corpus mode's speed and memory: 1,000 synthetic stories of 5-10 sources.

A plain script (`make bench` runs it; `--stories N` for a quicker look). Writes
the stories as folders (tests/corpus_helpers.py, 15 paragraphs a source), then
runs the whole batch (find, hash, compare, store, tables) three times into fresh
output folders: a plain sequential loop, a local Dask cluster of 1 worker, and
of 2 workers. Prints stories per second for each, the speed-up of 2 workers
over 1, and the peak memory of each worker process. Exits non-zero when over
budget: 2 workers over 10 minutes for the 1,000 stories (scaled for fewer), or a
worker over 1 GB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

from corpus_helpers import write_corpus  # noqa: E402

from comparators.corpus import StoryResult, peak_memory_mb, sequential  # noqa: E402
from comparators.corpus_batch import run_batch  # noqa: E402
from comparators.corpus_engine import DaskEngine  # noqa: E402
from comparators.model import Settings  # noqa: E402

STORIES = 1000
BUDGET_S_PER_1000 = 600.0
BUDGET_WORKER_MB = 1024.0


def timed_run(label: str, corpus: Path, out: Path, engine) -> tuple[float, dict[int, float]]:
    """Stories per second of one whole batch, and the peak memory (MB) of each process used."""
    peaks: dict[int, float] = defaultdict(float)

    def record(result: StoryResult) -> None:
        peaks[result.process] = max(peaks[result.process], result.peak_memory_mb)

    start = time.perf_counter()
    summary = run_batch(corpus, out, Settings(), engine, on_result=record)
    seconds = time.perf_counter() - start
    assert not summary.failures, summary.failures[:3]
    rate = summary.compared / seconds
    memory = ", ".join(f"{mb:.0f} MB" for mb in sorted(peaks.values()))
    print(f"{label}: {summary.compared} stories in {seconds:.1f} s, {rate:.2f} stories/s; peak memory {memory}", flush=True)
    return seconds, dict(peaks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=STORIES)
    stories = parser.parse_args(argv).stories
    budget = BUDGET_S_PER_1000 * stories / STORIES
    folder = Path(tempfile.mkdtemp(prefix="synopsis-bench-corpus-"))
    try:
        start = time.perf_counter()
        corpus = write_corpus(folder / "in", stories=stories, sources=(5, 10), paragraphs=15)
        print(f"{stories} synthetic stories of 5-10 sources x 15 paragraphs written in {time.perf_counter() - start:.1f} s")
        sequential_s, _ = timed_run("plain loop", corpus, folder / "out-loop", sequential)
        one_s, _ = timed_run("Dask, 1 worker", corpus, folder / "out-1", DaskEngine(workers=1))
        two_s, peaks = timed_run("Dask, 2 workers", corpus, folder / "out-2", DaskEngine(workers=2))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(
        f"2 workers: {one_s / two_s:.2f}x the speed of 1 worker, {sequential_s / two_s:.2f}x the plain loop; "
        f"budget {budget:.0f} s and {BUDGET_WORKER_MB:.0f} MB a worker; this process peaked at {peak_memory_mb():.0f} MB"
    )
    # The machine may be shared: figures mean little when the load exceeds the cores.
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    over = two_s > budget or any(mb > BUDGET_WORKER_MB for mb in peaks.values())
    return 1 if over else 0


if __name__ == "__main__":  # worker processes import this module: start nothing then
    sys.exit(main())
