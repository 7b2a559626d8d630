"""Stories at the limits synopsis accepts, through `synopsis export`: each must finish in
under 30 s and 1 GB (the README's promise); one past a limit must be refused at once.

Prints wall time and peak memory per case; exits 1 when a case is over its budget.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from command_line import script_parser  # noqa: E402

from comparators.loading import MAX_FILE_BYTES, MAX_SOURCES  # noqa: E402

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
BUDGET_SECONDS = 30
BUDGET_BYTES = 2**30


def one_line_of_distinct_sentences(size: int) -> str:
    """Sentences of seed words drawn at random: no repeated line for cleaning to drop."""
    words = sorted({w for f in SEEDS for w in f.read_text(encoding="utf-8").split()})
    rng = random.Random(7)
    sentences, length = [], 0
    while length < size:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 25)))
        sentence = sentence[0].upper() + sentence[1:] + "."
        sentences.append(sentence)
        length += len(sentence.encode()) + 1
    return " ".join(sentences).encode()[: size - 16].decode("utf-8", "ignore")


def build(folder: Path) -> list[tuple[str, list[str], bool]]:
    """(name, STORY arguments, refused?) for each case."""
    good = str(SEEDS[0])
    at_limit = folder / "at-limit.txt"
    at_limit.write_text(one_line_of_distinct_sentences(MAX_FILE_BYTES), encoding="utf-8")
    over = folder / "over.txt"
    over.write_text(one_line_of_distinct_sentences(5 * 2**20), encoding="utf-8")
    copies = folder / "copies"
    copies.mkdir()
    for index in range(MAX_SOURCES):
        (copies / f"c{index:03}.txt").write_text(SEEDS[1].read_text(encoding="utf-8"), encoding="utf-8")
    tiny = folder / "tiny"
    tiny.mkdir()
    paragraphs = [p for f in SEEDS for p in f.read_text(encoding="utf-8").split("\n\n") if "“" in p]
    for index in range(MAX_SOURCES):
        text = paragraphs[index % len(paragraphs)] + "\n\n" + paragraphs[(index * 7 + 3) % len(paragraphs)]
        (tiny / f"t{index:03}.txt").write_text(text, encoding="utf-8")
    return [
        (f"one line of {MAX_FILE_BYTES // 2**20} MB, distinct sentences", [good, str(at_limit)], False),
        ("one line of 5 MB (over the limit)", [good, str(over)], True),
        (f"{MAX_SOURCES} copies of one article", [str(copies)], False),
        (f"{MAX_SOURCES} tiny sources", [str(tiny)], False),
    ]


def run(story: list[str], output: Path) -> tuple[int, float, int]:
    """Exit code, wall seconds and peak resident bytes of `synopsis export`."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "tui.cli.main", "export", *story, "-o", str(output), "--force"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, time.perf_counter() - started, usage.ru_maxrss * 1024


def main(argv: list[str] | None = None) -> int:
    script_parser(__doc__).parse_args(argv)
    over_budget = []
    with tempfile.TemporaryDirectory() as folder:
        for name, story, refused in build(Path(folder)):
            code, seconds, peak = run(story, Path(folder) / "out.json")
            print(f"{name:45} exit {code}  {seconds:6.1f} s  {peak / 2**20:6.0f} MB")
            if (code != 2) if refused else (code != 0 or seconds > BUDGET_SECONDS or peak > BUDGET_BYTES):
                over_budget.append(name)
    if over_budget:
        print(f"over budget: {', '.join(over_budget)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
