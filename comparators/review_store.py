"""Review files: where they live, reading, atomic writing, and the session lock.

A review file is YAML next to the story manifest (`story.review.yaml` beside
`story.yaml`) or, for loose files and folders that cannot be written, in the user's
state directory. Writes never leave a half-written file: the new text goes to a
temporary file in the same folder, is flushed and fsynced, and replaces the old one by
a rename; the previous version stays as `<file>.bak`. A file that cannot be read is
never written over.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
import socket
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from comparators.errors import StoryError
from comparators.input_files import file_problem, read_utf8_file
from comparators.model import Mark, Story
from comparators.new_files import new_temporary_beside
from comparators.review import Entry, Passage, Review

FORMAT_VERSION = 1
MAX_REVIEW_BYTES = 20 * 1024 * 1024
SUFFIX = ".review.yaml"
_NEEDS_DOUBLE_QUOTES = ("\x85", "\u2028", "\u2029")
_PACKAGE_DIR = Path(__file__).resolve().parent


class ReviewFileError(StoryError):
    """A review file that cannot be used as it is; it is left untouched."""

    def __init__(self, path: Path, problem: str, line: int | None = None) -> None:
        self.line = line
        super().__init__(path, f"line {line}: {problem}" if line else problem)


class ReviewWriteError(StoryError):
    """A review that could not be saved (the previous file, if any, is intact)."""


# ---------------------------------------------------------------- where


def review_path_for(story: Story, state_dir: Path | None = None) -> Path:
    """`<story>.review.yaml` beside the manifest; for loose files, for the seed story an
    installed wheel carries inside the package, and for a story in a folder the user
    cannot write (a read-only share), `state_review_path`: one file, found again next time.

    A review already beside a read-only manifest is still used until the state folder
    holds one: the reader then shows its marks and offers to carry on in the state folder."""
    if story.manifest is None or _PACKAGE_DIR in story.manifest.resolve().parents:
        return state_review_path(story, state_dir)
    beside = story.manifest.with_name(story.manifest.stem + SUFFIX)
    if not _cannot_write_in(beside.parent):
        return beside
    in_state = state_review_path(story, state_dir)
    return beside if os.path.lexists(beside) and not os.path.lexists(in_state) else in_state


def _cannot_write_in(folder: Path) -> bool:
    # A read-only mount or permissions; a folder not made yet is created when saving.
    return folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK)


def state_review_path(story: Story, state_dir: Path | None = None) -> Path:
    """A review file in the user's state directory (or `state_dir`), named after the
    story and a hash of its sources' paths, so the same files find the same review."""
    if state_dir is None:
        state_dir = user_state_dir() / "reviews"
    return state_dir / f"{story_stem(story)}{SUFFIX}"


def user_state_dir() -> Path:
    """Where synopsis keeps what it remembers between sessions: SYNOPSIS_STATE_DIR,
    else the user's state folder (platformdirs)."""
    if configured := os.environ.get("SYNOPSIS_STATE_DIR"):
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_state_dir("synopsis"))


def story_stem(story: Story) -> str:
    """A file name for things kept about `story`: its title and a hash of its sources'
    paths, so the same files find the same name again."""
    # A fetched page has no file: its URL names it.
    paths = sorted(str(Path(s.path).resolve()) if s.path else s.url or "" for s in story.sources)
    digest = hashlib.sha256("\n".join(paths).encode("utf-8")).hexdigest()[:16]
    slug = re.sub(r"[^a-z0-9]+", "-", story.title.lower()).strip("-")[:40] or "story"
    return f"{slug}-{digest}"


def check_review_path(path: Path, *, existing: bool = False) -> None:
    """Raises `ReviewFileError` when `path` cannot hold a review: a folder, a device, a
    FIFO or anything else but a regular file, and, with `existing`, a missing file (a
    new review may start at a path nothing holds yet)."""
    if not existing and not os.path.lexists(path):
        return
    problem = file_problem(path)
    if problem is not None:
        raise ReviewFileError(path, "no such review file" if problem == "no such file" else problem)


def alternative_path(path: Path) -> Path:
    """The first free `<stem>.<n>.review.yaml` beside `path`, to continue in a new file."""
    return _numbered(path)[1]


def continuation_of(path: Path) -> Path | None:
    """The last `<stem>.<n>.review.yaml` beside `path` (`alternative_path`'s names): where
    a session carried on when `path` could not be read. None when there is none."""
    return _numbered(path)[0]


def _numbered(path: Path) -> tuple[Path | None, Path]:
    """The last existing `<stem>.<n>.review.yaml` beside `path` and the next free one."""
    stem = path.name.removesuffix(SUFFIX)
    last, n = None, 2
    while (candidate := path.with_name(f"{stem}.{n}{SUFFIX}")).exists():
        last, n = candidate, n + 1
    return last, candidate


def review_to_open(path: Path) -> tuple[Path, Review, ReviewFileError | None]:
    """The file `path`'s review is read from and the review it holds: `path` itself, or
    when it cannot be read, the file a session carried on in (`continuation_of`,
    followed again if that one cannot be read either), with the error that made `path`
    be skipped.

    Raises `ReviewFileError` for `path` when it cannot be read and no continuation can."""
    try:
        return path, load_review(path), None
    except ReviewFileError as error:
        continued = continuation_of(path)
        if continued is None:
            raise
        try:
            return (*review_to_open(continued)[:2], error)
        except ReviewFileError:
            raise error from None


# ---------------------------------------------------------------- reading


def load_review(path: Path) -> Review:
    """The review stored at `path`; an empty review when there is no file yet.

    Raises `ReviewFileError` (naming the file, and the line when YAML knows it) for a
    file that cannot be read or does not hold a review.
    """
    if not os.path.lexists(path):
        return Review()
    try:
        # Bounded, and never a FIFO or a device: `--review /dev/zero` must not hang.
        text = read_utf8_file(path, MAX_REVIEW_BYTES)
    except StoryError as error:
        raise ReviewFileError(path, f"cannot be read ({error.problem})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise ReviewFileError(path, problem, mark.line + 1 if mark else None) from error
    if data is None:
        return Review()
    return _review_from_data(data, path)


def _review_from_data(data: object, path: Path) -> Review:
    def fail(problem: str) -> ReviewFileError:
        return ReviewFileError(path, problem)

    if not isinstance(data, dict):
        raise fail("does not hold a review (expected a mapping at the top)")
    version = data.get("version", FORMAT_VERSION)
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise fail(f"'version: {version}' was written by a newer synopsis")
    sources = data.get("sources") or {}
    if not isinstance(sources, dict) or not all(isinstance(v, str) for v in sources.values()):
        raise fail("'sources' must map source ids to content hashes")
    marks = data.get("marks") or {}
    if not isinstance(marks, dict):
        raise fail("'marks' must map group keys to marks")
    entries = {str(key): _entry_from_data(value, f"marks.{key}", fail) for key, value in marks.items()}
    position = data.get("position")
    return Review(
        entries=entries,
        sources={str(k): v for k, v in sources.items()},
        position=str(position) if position is not None else None,
    )


def _entry_from_data(value: object, where: str, fail) -> Entry:
    if not isinstance(value, dict):
        raise fail(f"'{where}' must be a mapping")
    for flag in ("reviewed", "flagged"):
        if not isinstance(value.get(flag, False), bool):
            raise fail(f"'{where}.{flag}' must be true or false")
    note = value.get("note", "")
    if note is None:
        note = ""
    if not isinstance(note, str):
        raise fail(f"'{where}.note' must be text (put it in quotes)")
    passages = value.get("passages") or {}
    if not isinstance(passages, dict) or not all(isinstance(h, list) for h in passages.values()):
        raise fail(f"'{where}.passages' must map source ids to lists of hashes")
    return Entry(
        mark=Mark(value.get("reviewed", False), value.get("flagged", False), note),
        passages=tuple(Passage(str(s), str(h)) for s, hashes in passages.items() for h in hashes),
        excerpt=str(value.get("excerpt") or ""),
    )


# ---------------------------------------------------------------- writing


class _Dumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    # PyYAML writes these line breaks raw in plain and single-quoted scalars and
    # reads them back as spaces; double quotes escape them, so notes round-trip.
    # Other notes of several lines read best as a `|` block, which the emitter
    # only uses when it round-trips (else it picks a quoted style itself).
    if any(ch in text for ch in _NEEDS_DOUBLE_QUOTES):
        style = '"'
    else:
        style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_review(review: Review, title: str = "") -> str:
    """The text of a review file (keys in a fixed order, notes exactly as typed)."""
    data: dict[str, object] = {"version": FORMAT_VERSION}
    if title:
        data["story"] = title
    data["sources"] = dict(review.sources)
    if review.position:
        data["position"] = review.position
    data["marks"] = {key: _entry_data(entry) for key, entry in review.entries.items()}
    header = (
        "# synopsis review: marks and notes on the story's aligned passages.\n"
        "# Rewritten at every change; the previous version is kept as <this file>.bak.\n"
    )
    body = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=float("inf")
    )
    return header + body


def _entry_data(entry: Entry) -> dict[str, object]:
    passages: dict[str, list[str]] = {}
    for passage in entry.passages:
        passages.setdefault(passage.source, []).append(passage.text_hash)
    return {
        "reviewed": entry.mark.reviewed,
        "flagged": entry.mark.flagged,
        "note": entry.mark.note,
        "excerpt": entry.excerpt,
        "passages": passages,
    }


def save_review(path: Path, review: Review, title: str = "") -> None:
    """Write `review` to `path` atomically, keeping the previous file as `.bak`.

    Raises `ReviewWriteError` when the folder cannot be written; the previous file,
    if any, is then unchanged.
    """
    write_atomic(path, dump_review(review, title))


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def write_atomic(path: Path, text: str) -> None:
    """Replace `path`'s content by `text` so a crash at any point leaves either the
    old or the new file complete."""
    if os.path.lexists(path) and not path.is_file():
        raise ReviewWriteError(path, "cannot be saved: it is not a regular file")
    if path.is_symlink():  # replace the file it points to and keep the link
        path = Path(os.path.realpath(path))
    try:
        # The file keeps its permissions through the rename; a new one gets what the
        # umask gives any new file.
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else None
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = new_temporary_beside(path)
    except OSError as error:
        raise ReviewWriteError(path, f"cannot write in {path.parent} ({error.strerror})") from error
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        if path.exists():
            _keep_backup(path)
        os.replace(tmp, path)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise ReviewWriteError(path, f"cannot be saved ({error})") from error
    _fsync_folder(path.parent)


def _keep_backup(path: Path) -> None:
    backup = backup_path(path)
    backup.unlink(missing_ok=True)
    try:
        # A hard link keeps the old file's bytes under the backup name at no cost;
        # the rename that follows then points `path` at the new file.
        os.link(path, backup)
    except OSError:
        shutil.copy2(path, backup)


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not every platform can open a folder.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# ---------------------------------------------------------------- lock


@dataclass(frozen=True, slots=True)
class LockHolder:
    pid: int
    host: str

    def __str__(self) -> str:
        return f"process {self.pid} on {self.host}"


class ReviewLock:
    """Who may write a review file: the first session holds `<file>.lock` (its pid,
    host and a token); later ones get `held=False` and stay read-only. A lock whose
    process is gone (same host, pid not running) is taken over."""

    def __init__(self, review_path: Path) -> None:
        self.path = review_path.with_name(review_path.name + ".lock")
        self.token = secrets.token_hex(8)
        self.held = False
        self.holder: LockHolder | None = None

    def acquire(self) -> bool:
        """Take the lock if free or stale; raises `ReviewWriteError` if the folder
        cannot be written (the caller then keeps marks in memory)."""
        for _ in range(3):
            if self._create():
                self.held, self.holder = True, None
                return True
            holder = self._read()
            if holder is not None and (holder.host != socket.gethostname() or _alive(holder.pid)):
                self.holder = holder
                return False
            # Stale (its process is gone) or unreadable: remove it and try again.
            try:
                self.path.unlink(missing_ok=True)
            except OSError as error:
                raise ReviewWriteError(self.path, f"cannot be removed ({error.strerror})") from error
        return False

    def release(self) -> None:
        if self.held and self._token_in_file() == self.token:
            self.path.unlink(missing_ok=True)
        self.held = False

    def _create(self) -> bool:
        # Written in full under a temporary name, then linked into place: the lock
        # never exists half-written, and `link` fails if another session holds it.
        content = f"{os.getpid()} {socket.gethostname()} {self.token}\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        except OSError as error:
            raise ReviewWriteError(self.path, f"cannot write in {self.path.parent} ({error.strerror})") from error
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as stream:
                stream.write(content)
            os.link(tmp_name, self.path)
            return True
        except FileExistsError:
            return False
        except OSError as error:
            raise ReviewWriteError(self.path, f"cannot be created ({error.strerror})") from error
        finally:
            Path(tmp_name).unlink(missing_ok=True)

    def _fields(self) -> list[str]:
        try:
            return self.path.read_text(encoding="utf-8").split()
        except (OSError, UnicodeDecodeError):
            return []

    def _read(self) -> LockHolder | None:
        fields = self._fields()
        if len(fields) < 2 or not fields[0].isdigit():
            return None
        return LockHolder(int(fields[0]), fields[1])

    def _token_in_file(self) -> str | None:
        fields = self._fields()
        return fields[2] if len(fields) > 2 else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OSError:
        return False
    return True

