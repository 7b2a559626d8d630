"""Comparing a story in the background from the moment the command line has it.

The command line starts the comparison before importing Textual. Where the platform
can fork, it runs in a child process: aligning (whose first run also imports
scikit-learn) then uses another core instead of competing with the reader for the
interpreter, and the reader stays responsive while a big story is aligned. Elsewhere
it runs in a thread. Either way the comparison's progress (`comparators.pipeline`'s
callback) reaches whoever listens to the returned `Comparing`. No Textual here.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import Future
from multiprocessing.connection import Connection

from comparators import Comparison, SettingsOverride, Story
from comparators.cache import cached_compare


# What the reader and the command line call each stage of `comparators.pipeline.run`.
STAGE_NAMES = {
    "align": "aligning passages",
    "order": "ordering by the pivot",
    "reuse": "measuring reuse",
    "quotes": "matching quotes",
    "discrepancies": "finding discrepancies",
    "done": "done",
}


class ComparisonFailed(Exception):
    """The comparison stopped with an error (its type and message, from the child)."""


class Comparing(Future):
    """A comparison under way: a `Future` of the `Comparison` that also reports its
    progress, (stage, share done) as `comparators.pipeline.run` announces it."""

    def __init__(self) -> None:
        super().__init__()
        self._listeners: list[Callable[[str, float], None]] = []
        self._lock = threading.Lock()
        self.latest: tuple[str, float] | None = None

    def on_progress(self, listener: Callable[[str, float], None]) -> None:
        """Call `listener(stage, done)` from the comparing thread at each stage (and now
        with the latest one, if any was reported before listening)."""
        with self._lock:
            self._listeners.append(listener)
            latest = self.latest
        if latest is not None:
            listener(*latest)

    def report(self, stage: str, done: float) -> None:
        with self._lock:
            self.latest = (stage, done)
            listeners = list(self._listeners)
        for listener in listeners:
            listener(stage, done)


def start_comparing(
    story: Story, settings: SettingsOverride | None = None, *, process: bool = True
) -> Comparing:
    """`compare(story, settings)` under way (from the on-disk cache when the story
    was compared before); quitting the reader never waits for it.

    `process=False` (or a platform that cannot fork) runs it in a thread: forking is
    only safe before the reader has started threads of its own."""
    if process and "fork" in multiprocessing.get_all_start_methods():
        return _in_child_process(story, settings)
    future = Comparing()
    return _in_thread(lambda: cached_compare(story, settings, future.report), future)


def _in_thread(work: Callable[[], Comparison], future: Comparing) -> Comparing:

    def run() -> None:
        future.set_running_or_notify_cancel()
        try:
            future.set_result(work())
        except BaseException as error:  # handed to whoever waits on the future
            future.set_exception(error)

    threading.Thread(target=run, name="synopsis-compare", daemon=True).start()
    return future


def _in_child_process(story: Story, settings: SettingsOverride | None) -> Comparing:
    # Forked before Textual starts any thread; a daemon child ends with the reader.
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(
        target=_compare_and_send, args=(sending, story, settings), name="synopsis-compare", daemon=True
    )
    child.start()
    sending.close()
    future = Comparing()

    def receive() -> Comparison:
        try:
            while True:
                kind, *value = receiving.recv()
                if kind != "progress":
                    break
                future.report(*value)
        except EOFError:
            raise ComparisonFailed(f"the comparison stopped (exit code {child.exitcode})") from None
        finally:
            receiving.close()
        if kind == "error":
            raise ComparisonFailed(value[0])
        return value[0]

    return _in_thread(receive, future)


def _compare_and_send(sending: Connection, story: Story, settings: SettingsOverride | None) -> None:
    # Exceptions may not survive pickling: send what they say.
    try:
        result = ("result", cached_compare(story, settings, lambda stage, done: sending.send(("progress", stage, done))))
    except Exception as error:  # the settings were checked before forking: a bug or a resource
        result = ("error", f"{type(error).__name__}: {error}")
    sending.send(result)
    sending.close()
