"""Running the real `synopsis` command line in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_synopsis(
    *args: str | Path, columns: int = 100, cwd: Path | None = None, **environment: str
) -> subprocess.CompletedProcess[str]:
    """`synopsis ARGS...` with colour off and a fixed width, and `environment` added to
    the environment, run in `cwd` (default: this process's); output captured as text."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": str(columns), **environment}
    return subprocess.run(
        [sys.executable, "-m", "tui.cli.main", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=60,
    )
