"""`synopsis export` on the seeds against CollateX on the same five texts, whole processes.

    python tests/benchmarks/bench_collatex.py --collatex-venv /tmp/collatex-venv [--runs 3]

CollateX stays out of synopsis' dependencies: give a virtual environment where it is
installed (`python -m venv /tmp/collatex-venv && /tmp/collatex-venv/bin/pip install
collatex Levenshtein networkx prettytable`), or set COLLATEX_VENV. Without one the
benchmark says so and exits 0. Each run times, one after the other, a fresh
`synopsis export seeds` and a fresh interpreter collating the seeds' article files
(`collate(..., output="json")`); medians of the runs' wall and CPU seconds and their
ratios are printed (the machine is shared: the pair is measured side by side so load
hits both; CPU seconds move less with the load than wall seconds).

synopsis' own modules are compiled to bytecode first (`compileall`, into their
`__pycache__` folders), as installing a package does and as CollateX's environment
already is: with PYTHONDONTWRITEBYTECODE set, an editable checkout would otherwise
compile its source again in every run (about a sixth of the export's instructions),
which says nothing of the program. `--source` skips that step.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SEEDS = ROOT / "seeds"

COLLATE = """
import sys
from pathlib import Path
from collatex import Collation, collate
collation = Collation()
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    collation.add_plain_witness(path.stem, path.read_text(encoding="utf-8"))
collate(collation, output="json")
"""


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collatex-venv", type=Path, default=os.environ.get("COLLATEX_VENV"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--source", action="store_true", help="do not compile synopsis to bytecode first")
    args = parser.parse_args(argv)
    python = args.collatex_venv / "bin" / "python" if args.collatex_venv else None
    if python is None or not python.exists():
        print("skipped: no CollateX environment (--collatex-venv PATH or COLLATEX_VENV)")
        return 0
    if subprocess.run([str(python), "-c", "import collatex"], capture_output=True).returncode != 0:
        print(f"skipped: {python} cannot import collatex")
        return 0
    if not args.source:
        packages = [str(ROOT / "comparators"), str(ROOT / "tui")]
        subprocess.run([sys.executable, "-m", "compileall", "-q", *packages], check=True, capture_output=True)
    synopsis = [sys.executable, "-m", "tui.cli", "export", str(SEEDS), "--force", "-o"]
    collatex = [str(python), "-c", COLLATE, str(SEEDS)]
    ours, theirs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            ours.append(timed([*synopsis, str(Path(tmp) / "seeds.json")]))
            theirs.append(timed(collatex))
            print(
                f"run {run + 1}: synopsis export {ours[-1][0]:.2f} s ({ours[-1][1]:.2f} s CPU), "
                f"CollateX {theirs[-1][0]:.1f} s ({theirs[-1][1]:.1f} s CPU)",
                flush=True,
            )
    for name, index in (("wall", 0), ("CPU", 1)):
        a = statistics.median(run[index] for run in ours)
        b = statistics.median(run[index] for run in theirs)
        print(f"median {name} of {args.runs}: synopsis export {a:.2f} s, CollateX {b:.1f} s: synopsis {b / a:.0f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
