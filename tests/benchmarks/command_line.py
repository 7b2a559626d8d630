"""The benchmark and evaluation scripts' own small command lines.

`-h` / `--help` prints the script's docstring, which is its manual; an option the script
does not take is named and refused, not ignored: a mistyped `--write` would otherwise run a
whole fit and store nothing, and `--help` would start a benchmark of several minutes.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path


def command_line(doc: str | None, flags: Sequence[str] = (), valued: Sequence[str] = (),
                 argv: Sequence[str] | None = None) -> list[str]:
    """`argv` (default `sys.argv[1:]`) when its every option is one of `flags` or of `valued`
    (each followed by its value); positional arguments pass. Exits 0 after printing `doc` on
    `-h` / `--help`, and 2 with a one-line error on any other option."""
    args = list(sys.argv[1:] if argv is None else argv)
    script = Path(sys.argv[0]).name
    if "-h" in args or "--help" in args:
        print((doc or "").strip())
        raise SystemExit(0)
    at = 0
    while at < len(args):
        arg = args[at]
        if arg in valued:
            if at + 1 == len(args):
                _refuse(f"{script}: {arg} needs a value (see --help)")
            at += 2
            continue
        if arg.startswith("-") and arg != "-" and arg not in flags:
            _refuse(f"{script}: no such option: {arg} (see --help)")
        at += 1
    return args


def _refuse(message: str) -> None:
    print(message, file=sys.stderr)
    raise SystemExit(2)
