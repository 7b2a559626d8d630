"""Writing a report file: never over an existing file unless asked, never half-written.

Shared by `synopsis report`, `synopsis export` and the reader's export dialog. The text goes to a
temporary file in the target's folder and is renamed over the target, so a full disk
or a crash leaves either no file or the previous one, never a truncated report.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

from comparators import Story
from comparators.new_files import new_temporary_beside
from comparators.reports import SUFFIXES
from tui.exit_codes import EXIT_BAD_INPUT


def default_report_name(story: Story, format: str) -> str:
    """`<story-slug>-report.<suffix>`, e.g. `russian-bombers-strike-syria-report.md`."""
    slug = re.sub(r"[^a-z0-9]+", "-", story.title.lower()).strip("-")[:60].rstrip("-")
    return f"{slug or 'story'}-report{SUFFIXES[format]}"


def format_for(path: Path, default: str = "text") -> str:
    """The report format a file name asks for by its suffix (`default` when none does)."""
    suffix = path.suffix.lower()
    aliases = {".markdown": "md", ".htm": "html"}
    by_suffix = {s: f for f, s in SUFFIXES.items()} | aliases
    return by_suffix.get(suffix, default)


def with_format(path: Path, format: str) -> Path:
    """`path` with the suffix of `format`, when its suffix is one another report format
    uses (`.htm` stays for HTML)."""
    if format_for(path, default="") not in ("", format):
        return path.with_suffix(SUFFIXES[format])
    return path


def write_report(path: Path, text: str | bytes, *, overwrite: bool = False) -> None:
    """Write `text` (or bytes already UTF-8) to `path` atomically; to a device, a FIFO
    or `/dev/stdout`, directly.

    Only a regular file is replaced (by a rename); a folder, a socket or a block device
    is refused, and so is a FIFO no process reads (it would block). Raises
    `FileExistsError` when a regular file exists at `path` and `overwrite` is false, and
    `OSError` (with the system's reason in `strerror`) when the file cannot be written.
    """
    mode = _existing_mode(path)
    if mode is not None and stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
    if mode is not None and (not stat.S_ISREG(mode) or _is_stream_alias(path)):
        _write_in_place(path, mode, text)
        return
    if mode is not None and not overwrite:
        raise FileExistsError(errno.EEXIST, "it already exists", str(path))
    if path.is_symlink():  # replace the file it points to and keep the link
        path = Path(os.path.realpath(path))
    fd, temp = new_temporary_beside(path)
    try:
        with os.fdopen(fd, "wb") as stream:
            for chunk in _utf8_chunks(text):
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temp, mode & 0o7777)  # a replaced file keeps its permissions
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def output_path(value: str) -> Path | None:
    """`-o`'s argument as a path; `-`, as for most commands, is stdout (None), not a file named `-`."""
    return None if value == "-" else Path(value)


def output_problem(path: Path, *, force: bool) -> str | None:
    """Why `-o path` is refused before any work is done (a folder; an existing regular
    file without `force`), or None. Devices, FIFOs and /dev/stdout are written to."""
    try:
        mode = _existing_mode(path)
    except OSError:
        return None  # writing will say what is wrong
    if mode is None:
        return None
    if stat.S_ISDIR(mode):
        return f"cannot write {path}: it is a folder"
    if stat.S_ISREG(mode) and not _is_stream_alias(path) and not force:
        return f"{path} already exists; add --force to overwrite it"
    return None


def _existing_mode(path: Path) -> int | None:
    try:
        return os.stat(path).st_mode
    except FileNotFoundError:
        return None
    except ValueError:
        raise OSError(errno.EINVAL, "the name contains a NUL byte", str(path)) from None


def _is_stream_alias(path: Path) -> bool:
    # /dev/stdout and /dev/fd/N name whatever the shell connected, a file included:
    # renaming over them would replace the link in /dev, not write to the stream.
    return os.path.abspath(path).startswith(("/dev/std", "/dev/fd/", "/proc/self/fd/"))


def _write_in_place(path: Path, mode: int, text: str | bytes) -> None:
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISREG(mode)):
        raise OSError(errno.EINVAL, "it is not a file, a FIFO or a character device", str(path))
    try:
        # Non-blocking first: a FIFO nobody reads fails (ENXIO) instead of hanging.
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise OSError(errno.ENXIO, "no process is reading this FIFO", str(path)) from None
        raise
    with os.fdopen(fd, "wb") as stream:
        os.set_blocking(fd, True)
        if stat.S_ISREG(os.fstat(fd).st_mode):
            os.ftruncate(fd, 0)  # stdout redirected to a file: start afresh, as `>` does
        for chunk in _utf8_chunks(text):
            stream.write(chunk)


WRITE_CHUNK = 1 << 20  # characters encoded at a time


def _utf8_chunks(text: str | bytes) -> Iterator[bytes]:
    """`text` as UTF-8, a slice at a time: encoded in one piece, a big story's export
    would be held twice more (as bytes beside the text)."""
    if isinstance(text, bytes):
        yield text
        return
    for start in range(0, len(text), WRITE_CHUNK):
        yield text[start : start + WRITE_CHUNK].encode("utf-8")


def describe_error(path: Path, error: OSError) -> str:
    """One line saying why `path` could not be written."""
    reason = error.strerror or str(error)
    if isinstance(error, FileExistsError):
        return f"{path} already exists"
    return f"cannot write {path}: {reason}"


def emit(text: str | bytes, output: Path | None, *, force: bool = False) -> int:
    """A command's last step: `text` (or bytes already UTF-8) to stdout, or written to
    `output`; the exit code.

    Writing to a file keeps an existing one unless `force`; a failure is one line on
    stderr and exit code 2. A reader that stops early (`| head`) is not an error.
    """
    if output is None:
        try:
            binary = getattr(sys.stdout, "buffer", None)  # a StringIO in its place has none
            if isinstance(text, bytes) and binary is not None:
                sys.stdout.flush()
                binary.write(text)
            else:
                sys.stdout.write(text.decode() if isinstance(text, bytes) else text)
            sys.stdout.flush()
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    try:
        write_report(output, text, overwrite=force)
    except BrokenPipeError:
        return 0  # `-o /dev/stdout | head`, or a FIFO's reader that stopped early: as for stdout
    except OSError as error:
        print(f"synopsis: {describe_error(output, error)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"synopsis: wrote {output}", file=sys.stderr)
    return 0
