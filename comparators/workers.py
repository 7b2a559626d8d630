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
    """`[function(0), ..., function(parts - 1)]`: the parts taken in order by this
    process and at most `jobs - 1` forked children, each taking the next part as it
    is free (an even share however unequal the parts), or every part here in order
    when `jobs` is 1 or fork is missing."""
    with parts_in_background(function, parts, jobs) as results:
        return results()


# Numbers are written to a pipe before any process reads them: at most this many, 4 bytes
# each, fit in the smallest pipe buffer (16 KiB). More parts go out in runs of consecutive ones.
MAX_PARTS = 4096


class _PartQueue:
    """The numbers 0..parts-1 in a pipe, in order, for forked processes to take one
    at a time (a run of consecutive ones each past `MAX_PARTS` parts): a read of one
    number from a pipe is atomic, so no part is taken twice, and once all are taken a
    read finds the pipe's end (its writing end is closed)."""

    def __init__(self, parts: int) -> None:
        self.parts = parts
        self.run = -(-parts // MAX_PARTS)
        self.read, write = os.pipe()
        try:
            os.write(write, b"".join(first.to_bytes(4, "little") for first in range(0, parts, self.run)))
        except BaseException:
            self.close()
            raise
        finally:
            os.close(write)

    def worked_out(self, function: Callable[[int], T]) -> list[tuple[int, T]]:
        """`(part, function(part))` of each part this process takes, until none is left.
        A part that fails empties the queue first: no process starts another, so the
        error is raised once the parts already taken are done, not after all of them."""
        done = []
        try:
            while number := os.read(self.read, 4):
                first = int.from_bytes(number, "little")
                done.extend((part, function(part)) for part in range(first, min(first + self.run, self.parts)))
        except BaseException:
            while os.read(self.read, 4 * MAX_PARTS):
                pass
            raise
        return done

    def close(self) -> None:
        if self.read >= 0:
            os.close(self.read)
            self.read = -1


@contextmanager
def parts_in_background(function: Callable[[int], T], parts: int, jobs: int) -> Iterator[Callable[[], list[T]]]:
    """A function returning `[function(0), ..., function(parts - 1)]`. With `jobs` over 1,
    `jobs - 1` forked children start taking the parts now, in order, while this process
    goes on; asked for the results, this process takes the parts still left, then
    gathers the children's (each finishing the part it holds). With one job (or no
    fork) every part is worked out here when first asked. The children are stopped if
    the block is left before the results were asked for (an error, Ctrl-C)."""
    if jobs <= 1 or parts <= 1 or not can_fork():
        yield lambda: [function(part) for part in range(parts)]
        return
    queue = _PartQueue(parts)
    children: list[_Child] = []
    try:
        for _ in range(min(jobs, parts) - 1):
            children.append(_Child(lambda: queue.worked_out(function)))

        def results() -> list[T]:
            found = dict(queue.worked_out(function))
            for child in children:
                found.update(child.result())
            return [found[part] for part in range(parts)]

        yield results
    finally:
        queue.close()
        for child in children:
            child.end()


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
