"""Writing a report file: never over an existing file unless asked, never half-written.

Shared by `synopsis report`, `synopsis export` and the reader's export dialog. The text goes to a
temporary file in the target's folder and is renamed over the target, so a full disk
or a crash leaves either no file or the previous one, never a truncated report.
"""

from __future__ import annotations

import errno
import os
import re
import sys
import tempfile
from pathlib import Path

from comparators import Story
from comparators.reports import SUFFIXES
from tui.cli import EXIT_BAD_INPUT

NEW_FILE_MODE = 0o644


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
    """`path` with the suffix of `format`, when its suffix is one a report format uses."""
    if format_for(path, default="") and path.suffix.lower() != SUFFIXES[format]:
        return path.with_suffix(SUFFIXES[format])
    return path


def write_report(path: Path, text: str, *, overwrite: bool = False) -> None:
    """Write `text` to `path` atomically.

    Raises `FileExistsError` when `path` exists and `overwrite` is false, and
    `OSError` (with the system's reason in `strerror`) when the file cannot be written.
    """
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
    if path.exists() and not overwrite:
        raise FileExistsError(errno.EEXIST, "it already exists", str(path))
    mode = path.stat().st_mode & 0o777 if path.exists() else NEW_FILE_MODE
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def describe_error(path: Path, error: OSError) -> str:
    """One line saying why `path` could not be written."""
    reason = error.strerror or str(error)
    if isinstance(error, FileExistsError):
        return f"{path} already exists"
    return f"cannot write {path}: {reason}"


def emit(text: str, output: Path | None, *, force: bool = False) -> int:
    """A command's last step: `text` to stdout, or written to `output`; the exit code.

    Writing to a file keeps an existing one unless `force`; a failure is one line on
    stderr and exit code 2. A reader that stops early (`| head`) is not an error.
    """
    if output is None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    try:
        write_report(output, text, overwrite=force)
    except OSError as error:
        print(f"synopsis: {describe_error(output, error)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"synopsis: wrote {output}", file=sys.stderr)
    return 0
