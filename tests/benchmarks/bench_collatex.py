"""`synopsis export` on the seeds against CollateX on the same five texts, whole processes.

    python tests/benchmarks/bench_collatex.py --collatex-venv /tmp/collatex-venv [--runs 3]

CollateX stays out of synopsis' dependencies: give a virtual environment where it is
installed (`python -m venv /tmp/collatex-venv && /tmp/collatex-venv/bin/pip install
collatex Levenshtein networkx prettytable`), or set COLLATEX_VENV. Without one the
benchmark says so and exits 0. Each run times, one after the other, a fresh
`synopsis export seeds` and a fresh interpreter collating the seeds' article files
(`collate(..., output="json")`); medians of the runs and their ratio are printed
(the machine is shared: the pair is measured side by side so load hits both).
"""

from __future__ import annotations

import argparse
import os
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


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collatex-venv", type=Path, default=os.environ.get("COLLATEX_VENV"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    python = args.collatex_venv / "bin" / "python" if args.collatex_venv else None
    if python is None or not python.exists():
        print("skipped: no CollateX environment (--collatex-venv PATH or COLLATEX_VENV)")
        return 0
    if subprocess.run([str(python), "-c", "import collatex"], capture_output=True).returncode != 0:
        print(f"skipped: {python} cannot import collatex")
        return 0
    synopsis = [sys.executable, "-m", "tui.cli", "export", str(SEEDS), "--force", "-o"]
    collatex = [str(python), "-c", COLLATE, str(SEEDS)]
    ours, theirs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            ours.append(timed([*synopsis, str(Path(tmp) / "seeds.json")]))
            theirs.append(timed(collatex))
            print(f"run {run + 1}: synopsis export {ours[-1]:.2f} s, CollateX {theirs[-1]:.1f} s", flush=True)
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"median of {args.runs}: synopsis export {a:.2f} s, CollateX {b:.1f} s: synopsis {b / a:.0f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
