"""Showing a long comparison's progress: a bar on stderr while `export` or `report` compares
(`compared_from_args`).

Only on a terminal and only for a story of at least `LONG_STORY` passages (a small one
is done before a bar would be read); redirected stderr gets nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    import argparse

    from comparators.model import Comparison, Story
    from comparators.pipeline import Progress

LONG_STORY = 1000  # paragraphs, all sources together: a few seconds of comparing


def compared_from_args(args: argparse.Namespace, jobs: int) -> Comparison:
    """The story STORY names compared with the settings `args` give, in `jobs`
    processes, with a bar on a long story; its warnings go to stderr. A big story's word
    diffs (`args.diffs`) are worked out in the other processes while it is compared."""
    from comparators.collector import cycle_collection_paused

    # Importing the comparator layer (NumPy and SciPy with it) and reading the story make
    # objects that live until the command ends and no cycle garbage: the cycle collector's
    # passes over them found nothing (some 15 ms of CPU on the seeds). Comparing pauses it too.
    with cycle_collection_paused():
        from comparators import compare
        from tui.cli.story_args import print_warnings, settings_from_args, story_from_args

        story = story_from_args(args)
        with comparison_progress(story) as progress:
            comparison = compare(story, settings_from_args(args), progress, jobs=jobs, diffs=args.diffs)
    print_warnings(comparison.warnings)
    return comparison


def is_long(story: Story) -> bool:
    return sum(len(s.paragraphs) for s in story.sources) >= LONG_STORY


@contextmanager
def comparison_progress(story: Story, stream: TextIO | None = None) -> Iterator[Progress | None]:
    """A `Progress` callback drawing a bar on `stream` (stderr), or None when the
    stream is no terminal or the story is short."""
    stream = sys.stderr if stream is None else stream
    if not stream.isatty() or not is_long(story):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, TaskProgressColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    from tui.state.comparing import STAGE_NAMES

    bar = Bar(
        TextColumn("comparing"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[stage]}", markup=False),
        console=Console(file=stream, highlight=False),
        transient=True,
    )
    task = bar.add_task("comparing", total=1.0, stage="")

    def progress(stage: str, done: float) -> None:
        bar.update(task, completed=done, stage=STAGE_NAMES.get(stage, stage))
        bar.refresh()  # each stage drawn as it starts, however quickly the last one ended

    with bar:
        yield progress
