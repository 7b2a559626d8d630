"""`synopsis batch INPUT -o OUT_DIR`: compare every story of a corpus on Dask.

INPUT is a folder of stories or a table of articles; OUT_DIR receives each
story's export JSON and the corpus tables as Parquet (comparators/corpus_batch.py).
Dask and pyarrow come with the `corpus` extra and are imported only here, when
the command runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.text import Text

from comparators.model import SettingsOverride
from comparators.reports.describe import count
from comparators.sanitize import strip_control
from tui.exit_codes import EXIT_BAD_INPUT

CORPUS_MODULES = ("distributed", "pyarrow")
EXIT_SOME_FAILED = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "input",
        metavar="INPUT",
        type=Path,
        help="a folder of stories (sub-folders or manifests) or a table of articles "
        "(.jsonl, .csv or .parquet with columns story, outlet, title, date, url, text)",
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT_DIR", type=Path, required=True,
        help="folder for the results (created; a rerun skips the stories already done)",
    )
    engine = parser.add_mutually_exclusive_group()
    engine.add_argument(
        "--workers", type=int, metavar="N",
        help="worker processes of the local Dask cluster (default: one per core)",
    )
    engine.add_argument(
        "--scheduler", metavar="tcp://HOST:PORT",
        help="run on this existing Dask cluster (its workers must see INPUT and OUT_DIR at the same paths)",
    )
    add_corpus_settings(parser)


def add_corpus_settings(parser: argparse.ArgumentParser) -> None:
    """The comparison settings that apply to every story of a corpus (no pivot: ids differ)."""
    group = parser.add_argument_group("comparison settings (override each manifest's settings)")
    group.add_argument("--threshold", type=float, help="similarity needed to link two passages")
    group.add_argument("--comparator", help="how passages are scored: lexical (default) or fuzzy")
    group.add_argument("--granularity", choices=["paragraph", "sentence"], help="unit of the aligned passages")


def missing_corpus_extra(command: str) -> str | None:
    """One line naming the `corpus` extra when Dask or pyarrow is not installed, else None."""
    from importlib.util import find_spec

    missing = [name for name in CORPUS_MODULES if find_spec(name) is None]
    if not missing:
        return None
    return f"synopsis: {command} needs {' and '.join(missing)}: pip install 'synopsis[corpus]'"


def run(args: argparse.Namespace) -> int:
    if problem := missing_corpus_extra("batch"):
        print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    if problem := _bad_option(args):
        print(f"synopsis: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    from comparators.corpus_batch import run_batch
    from comparators.corpus_engine import DaskEngine

    settings = SettingsOverride(
        threshold=args.threshold, comparator=args.comparator, granularity=args.granularity
    )
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    progress = _Progress(console)
    engine = DaskEngine(
        workers=args.workers or os.cpu_count() or 1,
        scheduler=args.scheduler,
        on_start=progress.started,
    )
    try:
        summary = run_batch(
            args.input, args.output, settings, engine, on_plan=progress.plan, on_result=progress.advance
        )
    except OSError as error:  # the output folder filled up or is not writable
        where = strip_control(str(error.filename or args.output))
        print(f"synopsis: cannot write {where}: {error.strerror or error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        progress.stop()
    if not summary.tables_written:
        console.print(Text(f"synopsis: {count(summary.stories, 'story', 'stories')} unchanged; nothing to do"))
        return 0
    rate = summary.compared / summary.seconds if summary.seconds else 0.0
    console.print(
        Text(
            f"synopsis: {count(summary.stories, 'story', 'stories')}: {summary.compared - len(summary.failures)} compared, "
            f"{len(summary.failures)} failed, {summary.unchanged} unchanged in {summary.seconds:.1f} s "
            f"({rate:.2f} stories/s); tables in {strip_control(str(args.output))}"
        )
    )
    return EXIT_SOME_FAILED if summary.failures else 0


def _bad_option(args: argparse.Namespace) -> str | None:
    """What is wrong with the options, checked once rather than failing every story."""
    from comparators.similarity import COMPARATORS

    if args.workers is not None and args.workers < 1:
        return "--workers: must be 1 or more"
    if args.threshold is not None and not 0 <= args.threshold <= 1:
        return f"--threshold: must be a number between 0 and 1, not {args.threshold!r}"
    if args.comparator is not None and args.comparator not in COMPARATORS:
        known = ", ".join(sorted(COMPARATORS))
        return f"--comparator: unknown comparator {strip_control(args.comparator)!r} (known: {known})"
    return None


class _Progress:
    """A Rich progress bar on stderr: stories done, failed, rate; a line per failure."""

    def __init__(self, console: Console) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.console = console
        self.bar = Progress(
            TextColumn("comparing", markup=False),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[failed]} failed", markup=False),
            TextColumn("{task.fields[rate]:.2f} stories/s", markup=False),
            TimeRemainingColumn(),
            console=console,
        )
        self.task = None
        self.failed = 0
        self.done = 0
        self.start = time.perf_counter()

    def plan(self, to_compare: int, unchanged: int) -> None:
        if unchanged:
            self.console.print(Text(f"synopsis: {count(unchanged, 'story', 'stories')} unchanged since the last run"))
        if to_compare:
            self.task = self.bar.add_task("comparing", total=to_compare, failed=0, rate=0.0)

    def started(self, dashboard: str | None, workers: int) -> None:
        where = f"; dashboard at {dashboard}" if dashboard else ""
        self.console.print(Text(f"synopsis: Dask cluster with {count(workers, 'worker')}{where}"))
        self.start = time.perf_counter()
        self.bar.start()

    def advance(self, result) -> None:
        self.done += 1
        if not result.ok:
            self.failed += 1
            self.bar.console.print(Text(f"synopsis: {result.story.id}: failed: {strip_control(result.error)}"))
        rate = self.done / max(time.perf_counter() - self.start, 1e-9)
        self.bar.update(self.task, advance=1, failed=self.failed, rate=rate)

    def stop(self) -> None:
        if self.bar.live.is_started:
            self.bar.stop()
