"""A corpus of hostile inputs, generated (never committed): each case is a story the
real command line must refuse in one line with exit code 2, or read correctly.

`python tests/hostile_corpus.py FOLDER` writes the corpus into FOLDER and prints the
command line of each case, for trying them by hand; `tests/functional/test_hostile_corpus.py`
runs them through `synopsis` in subprocesses with a timeout.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


@dataclass(frozen=True)
class Case:
    """One hostile input: the STORY arguments, and either the words the one-line
    refusal must contain (`refused`) or None when the story must load and compare."""

    name: str
    story: tuple[str, ...]
    refused: tuple[str, ...] | None = None
    warns: tuple[str, ...] = ()  # words a warning on stderr must contain
    needs: str | None = None  # why the case cannot be built here, if it cannot
    extra: dict[str, str] = field(default_factory=dict)


def seed_text(index: int = 1) -> str:
    return SEED_FILES[index].read_text(encoding="utf-8")


def _two_good(folder: Path) -> list[str]:
    """Two ordinary articles to keep the hostile one company."""
    names = []
    for index in (0, 1):
        path = folder / f"good{index}.txt"
        path.write_text(seed_text(index), encoding="utf-8")
        names.append(str(path))
    return names


def _manifest(folder: Path, text: str) -> str:
    path = folder / "story.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


Builder = Callable[[Path], Case]
BUILDERS: list[Builder] = []


def case(builder: Builder) -> Builder:
    BUILDERS.append(builder)
    return builder


@case
def symlink_loop_in_manifest(folder: Path) -> Case:
    _two_good(folder)
    os.symlink("loop.txt", folder / "loop.txt")
    story = _manifest(folder, "sources: [good0.txt, loop.txt]\n")
    return Case("symlink loop in a manifest", (story,), refused=("story.yaml", "line 1", "loop.txt", "symlink loop"))


@case
def symlink_loop_as_argument(folder: Path) -> Case:
    good = _two_good(folder)
    os.symlink("loop.txt", folder / "loop.txt")
    return Case("symlink loop as a file", (good[0], str(folder / "loop.txt")), refused=("loop.txt", "symlink loop"))


@case
def impossible_date(folder: Path) -> Case:
    _two_good(folder)
    story = _manifest(folder, "sources:\n  - file: good0.txt\n    date: 2016-02-30\n  - good1.txt\n")
    return Case("manifest date 2016-02-30", (story,), refused=("story.yaml", "line 3", "2016-02-30"))


@case
def nul_in_file_name(folder: Path) -> Case:
    _two_good(folder)
    story = _manifest(folder, 'sources: ["good0.txt", "a\\0b.txt"]\n')
    return Case("NUL in a manifest file name", (story,), refused=("story.yaml", "line 1", "NUL"))


@case
def unreadable_folder(folder: Path) -> Case:
    locked = folder / "locked"
    locked.mkdir()
    for index in (0, 1):
        (locked / f"a{index}.txt").write_text(seed_text(index), encoding="utf-8")
    locked.chmod(0)
    return Case("unreadable story folder", (str(locked),), refused=("locked", "permission denied"))


@case
def fifo_as_source(folder: Path) -> Case:
    good = _two_good(folder)
    os.mkfifo(folder / "pipe.txt")
    return Case("FIFO as a source", (good[0], str(folder / "pipe.txt")), refused=("pipe.txt", "FIFO"))


@case
def fifo_as_manifest(folder: Path) -> Case:
    os.mkfifo(folder / "story.yaml")
    return Case("FIFO as story.yaml", (str(folder / "story.yaml"),), refused=("story.yaml", "FIFO"))


@case
def fifo_in_manifest(folder: Path) -> Case:
    _two_good(folder)
    os.mkfifo(folder / "pipe.txt")
    story = _manifest(folder, "sources:\n  - good0.txt\n  - pipe.txt\n")
    return Case("FIFO in a manifest", (story,), refused=("story.yaml", "line 3", "pipe.txt", "FIFO"))


@case
def dev_zero(folder: Path) -> Case:
    good = _two_good(folder)
    return Case("/dev/zero as a source", (good[0], "/dev/zero"), refused=("/dev/zero", "device"))


@case
def dev_urandom(folder: Path) -> Case:
    good = _two_good(folder)
    return Case("/dev/urandom as a source", (good[0], "/dev/urandom"), refused=("/dev/urandom", "device"))


@case
def escape_sequences_in_file_name(folder: Path) -> Case:
    _two_good(folder)
    evil = folder / "wire\x1b]52;c;cHduZWQ=\x07\x1b[31mred.txt"
    evil.write_text(seed_text(2), encoding="utf-8")
    (folder / "good1.txt").unlink()
    return Case("escape sequences in a file name", (str(folder),))


@case
def bidi_controls_in_text(folder: Path) -> Case:
    good = _two_good(folder)
    text = seed_text(2).replace("Russia", "Rus\u202esia", 3).replace("Iran", "\u2066Iran\u2069", 3)
    (folder / "bidi.txt").write_text("\u202b" + text, encoding="utf-8")
    return Case("bidi controls in text", (good[0], str(folder / "bidi.txt")))


@case
def mostly_valid_utf8(folder: Path) -> Case:
    good = _two_good(folder)
    text = seed_text(1)
    chunks = [text[i : i + 100].encode("utf-8") for i in range(0, len(text), 100)]
    (folder / "damaged.txt").write_bytes(b"\xff".join(chunks))  # never inside a character
    bad = len(chunks) - 1
    return Case(
        "one bad byte every 100 in UTF-8",
        (good[0], str(folder / "damaged.txt")),
        warns=("damaged.txt", "UTF-8", f"{bad} ", "replaced"),
    )


@case
def control_byte_in_manifest(folder: Path) -> Case:
    _two_good(folder)
    path = folder / "story.yaml"
    path.write_bytes(b"title: Floods\nsources:\n  - good0.txt\n  - good1\x07.txt\n")
    return Case("raw control byte in a manifest", (str(path),), refused=("story.yaml", "line 4", "control"))


@case
def manifest_reaching_out(folder: Path) -> Case:
    inner = folder / "story"
    inner.mkdir()
    _two_good(folder)
    story = _manifest(inner, "sources: [../good0.txt, /etc/hostname]\n")
    return Case("absolute and ../ paths in a manifest", (story,), refused=("story.yaml", "line 1", "outside"))


@case
def output_over_dev_null(folder: Path) -> Case:
    good = _two_good(folder)
    return Case("-o /dev/null --force", tuple(good), extra={"output": "/dev/null"})


@case
def output_to_a_folder(folder: Path) -> Case:
    good = _two_good(folder)
    return Case("-o a folder", tuple(good), refused=(str(folder), "folder"), extra={"output": str(folder)})


@case
def over_the_size_limit(folder: Path) -> Case:
    good = _two_good(folder)
    big = folder / "huge.txt"
    with big.open("wb") as handle:  # sparse: costs no disk
        handle.truncate(3 * 1024 * 1024)
    return Case("3 MB file", (good[0], str(big)), refused=("huge.txt", "2 MB"))


@case
def one_line_article(folder: Path) -> Case:
    good = _two_good(folder)
    paragraphs = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in SEED_FILES)
    line = (paragraphs + " ") * (5 * 2**20 // (len(paragraphs.encode()) + 1) + 1)
    (folder / "one-line.txt").write_text(line[: 5 * 2**20], encoding="utf-8")
    return Case("5 MB article on one line", (good[0], str(folder / "one-line.txt")), refused=("one-line.txt", "2 MB"))


@case
def three_hundred_copies(folder: Path) -> Case:
    text = seed_text(1)
    for index in range(300):
        (folder / f"copy{index:03}.txt").write_text(text, encoding="utf-8")
    return Case("300 copies of one article", (str(folder),), refused=("three_hundred_copies", "over the limit of 150 sources"))


@case
def five_hundred_tiny_sources(folder: Path) -> Case:
    paragraphs = [p for f in SEED_FILES for p in f.read_text(encoding="utf-8").split("\n\n") if "“" in p]
    for index in range(500):
        text = paragraphs[index % len(paragraphs)] + "\n\n" + paragraphs[(index * 7 + 3) % len(paragraphs)]
        (folder / f"tiny{index:03}.txt").write_text(text, encoding="utf-8")
    return Case("500 tiny sources", (str(folder),), refused=("five_hundred_tiny_sources", "over the limit of 150 sources"))


def build(root: Path) -> dict[str, Case]:
    """Every case by its builder's name, each in its own folder under `root`; a case that
    cannot be made on this machine (no FIFOs, no symlinks) comes back with `needs` set."""
    cases = {}
    for builder in BUILDERS:
        folder = root / builder.__name__
        folder.mkdir(parents=True)
        try:
            cases[builder.__name__] = builder(folder)
        except (OSError, NotImplementedError) as error:
            cases[builder.__name__] = Case(builder.__name__, (), needs=f"cannot be built here: {error}")
    return cases


def unlock(root: Path) -> None:
    """Give back the permissions a case took away, so the corpus can be deleted."""
    for path in root.rglob("*"):
        if path.is_dir() and not path.is_symlink():
            path.chmod(path.stat().st_mode | stat.S_IRWXU)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    for built in build(target).values():
        output = f" -o {built.extra['output']} --force" if "output" in built.extra else ""
        print(f"{built.name}: synopsis export {' '.join(map(repr, built.story))}{output}")
