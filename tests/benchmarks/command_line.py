"""The benchmark and evaluation scripts' command lines: argparse, with the script's
docstring (its manual) shown whole by `--help` above the options argparse lists.

A script parses its command line before any work, so `--help` never starts a benchmark
of several minutes and a mistyped `--write` is refused (exit 2) rather than ignored.
"""

from __future__ import annotations

import argparse


def script_parser(manual: str | None) -> argparse.ArgumentParser:
    """A parser whose `--help` prints `manual` as written (its lists and indented lines kept)."""
    return argparse.ArgumentParser(description=manual, formatter_class=argparse.RawDescriptionHelpFormatter)
