"""Reading input files that may be hostile: regular files only, sizes checked before
reading, reads bounded, and every failure one plain sentence.

A FIFO would block `open` forever, `/dev/zero` never ends, a symlink loop or a NUL in
a name raises errors Python does not phrase for users; all of them stop here.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from comparators.errors import StoryError

_KINDS = (
    (stat.S_ISDIR, "is a folder, not a text file"),
    (stat.S_ISFIFO, "is a FIFO (named pipe), not a regular file"),
    (stat.S_ISCHR, "is a device, not a regular file"),
    (stat.S_ISBLK, "is a device, not a regular file"),
    (stat.S_ISSOCK, "is a socket, not a regular file"),
)
_REASONS = {
    errno.ENOENT: "no such file",
    errno.ELOOP: "symlink loop (too many levels of symbolic links)",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOTDIR: "no such file (part of the path is not a folder)",
    errno.ENAMETOOLONG: "file name too long",
}


def os_problem(error: OSError | ValueError) -> str:
    """What an `OSError` (or the `ValueError` of a NUL in a name) means, in words."""
    if isinstance(error, ValueError):
        return "file name contains a NUL byte"
    return _REASONS.get(error.errno or 0) or f"cannot read: {error.strerror or error}"


def file_problem(path: Path) -> str | None:
    """Why `path` cannot be read as a regular file, or None when it can be."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError) as error:
        return os_problem(error)
    return _kind_problem(mode)


def _kind_problem(mode: int) -> str | None:
    for is_kind, problem in _KINDS:
        if is_kind(mode):
            return problem
    return None if stat.S_ISREG(mode) else "not a regular file"


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    Raises `StoryError` naming `path` for a missing or unreadable file, anything that
    is not a regular file (checked before opening, and again on the open file) and a
    file over `limit` bytes (by its size, and by what a read actually returns)."""
    problem = file_problem(path)
    if problem:
        raise StoryError(path, problem)
    try:
        # O_NONBLOCK: should the path become a FIFO after the check, open still returns.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except (OSError, ValueError) as error:
        raise StoryError(path, os_problem(error)) from None
    try:
        info = os.fstat(fd)
        problem = _kind_problem(info.st_mode)
        if problem:
            raise StoryError(path, problem)
        if info.st_size > limit:
            raise StoryError(path, _too_big(info.st_size, limit))
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    except OSError as error:
        raise StoryError(path, os_problem(error)) from None
    finally:
        os.close(fd)
    if len(data) > limit:  # grew since fstat
        raise StoryError(path, _too_big(len(data), limit))
    return data


def _too_big(size: int, limit: int) -> str:
    return f"file is {size / 2**20:.1f} MB, over the {limit // 2**20} MB limit"


def read_utf8_file(path: Path, limit: int) -> str:
    """The text of the small UTF-8 file at `path` (a review, the reader's memory), read
    as `read_regular_file` reads; a file that is not UTF-8 raises `StoryError` too."""
    try:
        return read_regular_file(path, limit).decode("utf-8")
    except UnicodeDecodeError as error:
        raise StoryError(path, f"not UTF-8 ({error.reason} at byte {error.start})") from None
