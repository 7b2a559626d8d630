"""Run every tests/benchmarks/bench_*.py script in turn; exit 1 if any failed.

Each script prints its own figures and exits non-zero when over its budget.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from command_line import script_parser

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    script_parser(__doc__).parse_args(argv)
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"== {script.name}", flush=True)
        if subprocess.run([sys.executable, str(script)], check=False).returncode != 0:
            failed.append(script.name)
    if failed:
        print(f"over budget or broken: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
