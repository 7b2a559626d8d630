"""Independent work of a big story spread over the CPU's cores, in forked processes.

A forked child starts with the parent's memory as it stands (the story, the scorer,
the groups), so work is named by a function and a part number, never sent; only the
result comes back, pickled through a pipe (callers keep results compact). One job
(`jobs=1`) does everything in this process, in the same order, with the same results:
the output never depends on the number of jobs.

Children ignore Ctrl-C: the parent gets it, ends its children and re-raises. An error
in a child is raised again in the parent (the same exception when it pickles). Only
fork is used (Linux, macOS); where the platform has none, work stays in process.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")

# A story of fewer passages is compared in one process: forking and pickling would cost
# more than the work it shares (a child's start is tens of milliseconds on a big process).
PARALLEL_PASSAGES = 1000


def worth_spreading(items: int, jobs: int) -> bool:
    """Whether work on `items` passages (or pairs of texts) is spread over `jobs` processes."""
    return jobs > 1 and items >= PARALLEL_PASSAGES and can_fork()


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # no affinity on this platform
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    return hasattr(os, "fork")


class _Child:
    """A forked process computing `work()`; `result()` waits for it and returns it."""

    def __init__(self, work: Callable[[], T]) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, and leave without running the parent's exit code
            code = 1
            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                os.close(read)
                payload = _outcome(work)
                with open(write, "wb") as stream:
                    stream.write(payload)
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self.pid = pid
        self.read = read
        self.received = False
        self.done = False

    def result(self) -> T:
        read, self.read = self.read, -1
        try:
            with open(read, "rb") as stream:
                payload = stream.read()
        except BaseException:
            self.end()
            raise
        self.received = True
        self.end()
        if not payload:
            raise RuntimeError("a worker process ended without a result")
        succeeded, value = pickle.loads(payload)
        if not succeeded:
            raise value
        return value

    def end(self) -> None:
        """Stop the child unless its result came, and reap it (no zombie, no orphan)."""
        if self.done:
            return
        self.done = True
        if self.read >= 0:
            os.close(self.read)
            self.read = -1
        if not self.received:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        os.waitpid(self.pid, 0)


def _outcome(work: Callable[[], object]) -> bytes:
    """`(True, result)` or `(False, error)` pickled; an error that does not survive
    pickling comes back as a RuntimeError with its message."""
    try:
        return pickle.dumps((True, work()), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException as error:  # noqa: BLE001 - every error goes back to the parent
        try:
            payload = pickle.dumps((False, error), protocol=pickle.HIGHEST_PROTOCOL)
            pickle.loads(payload)
            return payload
        except Exception:  # noqa: BLE001
            return pickle.dumps((False, RuntimeError(f"{type(error).__name__}: {error}")))


def map_parts(function: Callable[[int], T], parts: int, jobs: int) -> list[T]:
    """`[function(0), ..., function(parts - 1)]`: part 0 in this process while parts
    1, 2... run in forked children (at most `jobs - 1` of them, the parts dealt in turn),
    or every part here in order when `jobs` is 1 or fork is missing."""
    if jobs <= 1 or parts <= 1 or not can_fork():
        return [function(part) for part in range(parts)]
    children_count = min(jobs, parts) - 1
    own = list(range(0, parts, children_count + 1))

    def dealt(first: int) -> Callable[[], list[T]]:
        return lambda: [function(part) for part in range(first, parts, children_count + 1)]

    children: list[_Child] = []
    try:
        for first in range(1, children_count + 1):
            children.append(_Child(dealt(first)))
        results: dict[int, T] = {part: function(part) for part in own}
        for first, child in enumerate(children, start=1):
            results.update(zip(range(first, parts, children_count + 1), child.result()))
    finally:
        for child in children:
            child.end()
    return [results[part] for part in range(parts)]


@contextmanager
def in_background(work: Callable[[], T], parallel: bool) -> Iterator[Callable[[], T]]:
    """A function returning `work()`: computed in a forked child started now when
    `parallel` (while this process goes on), else here when first asked. The child is
    stopped if the block is left before its result was asked for (an error, Ctrl-C)."""
    if not parallel or not can_fork():
        yield work
        return
    child = _Child(work)
    try:
        yield child.result
    finally:
        child.end()
