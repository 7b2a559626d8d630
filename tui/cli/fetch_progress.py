"""Showing pages as they are fetched: a progress bar on stderr while a story's URLs load.

Only on a terminal; redirected stderr gets nothing here (the warnings that follow
already name every page that could not be had).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from comparators.errors import SourceUnavailable
from comparators.fetching import FetchedPage, Progress
from comparators.sanitize import strip_control


@contextmanager
def fetch_progress() -> Iterator[Progress | None]:
    """A `Progress` callback drawing a bar on stderr, or None when stderr is no terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
    from rich.progress import Progress as Bar

    bar = Bar(
        TextColumn("fetching"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[last]}", markup=False),
        console=Console(stderr=True, highlight=False),
        transient=True,
    )
    task = None

    def progress(url: str, result: FetchedPage | SourceUnavailable, done: int, total: int) -> None:
        nonlocal task
        if task is None:
            task = bar.add_task("fetching", total=total, last="")
        state = (
            "failed"
            if isinstance(result, SourceUnavailable)
            else "cached"
            if result.from_cache
            else "ok"
        )
        bar.update(task, completed=done, last=f"{strip_control(url)[:60]} ({state})")

    with bar:
        yield progress
