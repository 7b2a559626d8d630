"""Running `compare_story` over many stories on Dask.

`DaskEngine` is an engine (see `comparators.corpus.Engine`): it starts a local
cluster of worker processes, or connects to a running scheduler, and yields each
story's result as it completes. Imports Dask distributed, so only `synopsis
batch` loads this module.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass

from distributed import Client, LocalCluster, as_completed

from comparators.corpus import StoryResult, compare_story
from comparators.corpus_input import CorpusStory
from comparators.errors import StoryError
from comparators.model import SettingsOverride

SCHEDULER_PROTOCOLS = ("tcp", "tls", "ws", "wss", "ucx")


@dataclass(frozen=True, slots=True)
class DaskEngine:
    """Stories as independent Dask tasks.

    With `scheduler` (`tcp://HOST:PORT`) the tasks go to that running cluster,
    whose workers must see the input and output folders at the same paths.
    Otherwise a local cluster of `workers` single-threaded processes (threads
    of this process when `processes` is false) listens on 127.0.0.1 only.
    `on_start(dashboard_link, worker_count)` is called once the cluster is up;
    the link is None when there is no dashboard.
    """

    workers: int | None = None
    scheduler: str | None = None
    processes: bool = True
    timeout: str = "20s"  # to reach the scheduler
    on_start: Callable[[str | None, int], None] | None = None

    def __call__(self, stories: Sequence[CorpusStory], settings: SettingsOverride | None) -> Iterator[StoryResult]:
        with ExitStack() as stack:
            client = self._connect(stack)
            if self.on_start is not None:
                info = client.scheduler_info()
                has_dashboard = "dashboard" in info.get("services", {})
                self.on_start(client.dashboard_link if has_dashboard else None, len(info["workers"]))
            keys = [f"compare-{s.id}-{s.key[:12]}" for s in stories]
            futures = client.map(compare_story, stories, settings=settings, key=keys, pure=False)
            story_of = dict(zip(futures, stories, strict=True))
            del futures  # a finished story's result is released once handed on
            for future in as_completed(list(story_of)):
                story = story_of.pop(future)
                try:
                    result = future.result()
                except Exception as error:  # the task itself died (a worker lost, say)
                    result = StoryResult(story=story, error=f"{type(error).__name__}: {error}")
                future.release()
                yield result

    def _connect(self, stack: ExitStack) -> Client:
        """A client of the scheduler, or of a new local cluster; both closed with `stack`."""
        if self.scheduler:
            scheme = self.scheduler.split("://")[0] if "://" in self.scheduler else "tcp"
            if scheme not in SCHEDULER_PROTOCOLS:
                problem = "not a Dask scheduler address (tcp://HOST:PORT)"
                raise StoryError(None, f"--scheduler {self.scheduler}: {problem}")
            try:
                return stack.enter_context(Client(self.scheduler, timeout=self.timeout))
            except (OSError, TimeoutError, ValueError) as error:  # ValueError: no port, say
                raise StoryError(None, f"--scheduler {self.scheduler}: cannot connect: {error}") from None
        # Worker processes talk over TCP on 127.0.0.1; threads of this process in memory.
        network = {"host": "127.0.0.1", "scheduler_port": 0} if self.processes else {}
        cluster = LocalCluster(
            n_workers=self.workers,
            threads_per_worker=1,
            processes=self.processes,
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.ERROR,
            **network,
        )
        stack.enter_context(cluster)
        return stack.enter_context(Client(cluster))
