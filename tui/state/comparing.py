"""Comparing a story in the background from the moment the command line has it.

The command line starts the comparison before importing Textual. Where the platform
can fork, it runs in a child process: aligning (whose first run also imports
scikit-learn) then uses another core instead of competing with the reader for the
interpreter, and the reader stays responsive while a big story is aligned. Elsewhere
it runs in a thread. No Textual here.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import Future
from multiprocessing.connection import Connection

from comparators import Comparison, SettingsOverride, Story
from comparators.cache import cached_compare


class ComparisonFailed(Exception):
    """The comparison stopped with an error (its type and message, from the child)."""


def start_comparing(
    story: Story, settings: SettingsOverride | None = None, *, process: bool = True
) -> Future[Comparison]:
    """`compare(story, settings)` under way (from the on-disk cache when the story
    was compared before); quitting the reader never waits for it.

    `process=False` (or a platform that cannot fork) runs it in a thread: forking is
    only safe before the reader has started threads of its own."""
    if process and "fork" in multiprocessing.get_all_start_methods():
        return _in_child_process(story, settings)
    return _in_thread(lambda: cached_compare(story, settings))


def _in_thread(work: Callable[[], Comparison]) -> Future[Comparison]:
    future: Future[Comparison] = Future()

    def run() -> None:
        future.set_running_or_notify_cancel()
        try:
            future.set_result(work())
        except BaseException as error:  # handed to whoever waits on the future
            future.set_exception(error)

    threading.Thread(target=run, name="synopsis-compare", daemon=True).start()
    return future


def _in_child_process(story: Story, settings: SettingsOverride | None) -> Future[Comparison]:
    # Forked before Textual starts any thread; a daemon child ends with the reader.
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(
        target=_compare_and_send, args=(sending, story, settings), name="synopsis-compare", daemon=True
    )
    child.start()
    sending.close()

    def receive() -> Comparison:
        try:
            ok, value = receiving.recv()
        except EOFError:
            raise ComparisonFailed(f"the comparison stopped (exit code {child.exitcode})") from None
        finally:
            receiving.close()
        if not ok:
            raise ComparisonFailed(value)
        return value

    return _in_thread(receive)


def _compare_and_send(sending: Connection, story: Story, settings: SettingsOverride | None) -> None:
    # Exceptions may not survive pickling: send what they say.
    try:
        result = (True, cached_compare(story, settings))
    except Exception as error:  # the settings were checked before forking: a bug or a resource
        result = (False, f"{type(error).__name__}: {error}")
    sending.send(result)
    sending.close()
