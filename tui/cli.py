"""Command line: `synopsis [STORY...]` opens the reader; subcommands print or export.

Every subcommand lives in its own module exposing `add_arguments(parser)` and
`run(args) -> int`; this module only parses, dispatches and turns a `StoryError`
into one line on stderr with exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from comparators.errors import StoryError
from comparators.fetching import DEFAULT_TIMEOUT
from comparators.input_files import os_problem

# name -> (module, one-line help)
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "open": ("tui.command_open", "open the reader on a story (the default)"),
    "sources": ("tui.command_sources", "print a table of the story's sources"),
    "quotes": ("tui.command_quotes", "print the quotes by speaker: shared, variant or only in one outlet"),
    "report": ("tui.command_report", "write the comparison as text, Markdown, JSON or HTML"),
    "export": ("tui.command_export", "write the comparison as JSON data (see comparators/schema.json)"),
    "fetch": ("tui.command_fetch", "fetch web pages into a story folder that reopens offline"),
}
# Corpus mode (needs the `corpus` extra: Dask and pyarrow, imported only when these run).
SUBCOMMANDS |= {
    "batch": ("tui.command_batch", "compare every story of a corpus on Dask; results as Parquet"),
    "corpus": ("tui.command_corpus", "headline tables of a batch's results; open one of its stories"),
}

EXIT_BAD_INPUT = 2


def package_version() -> str:
    try:
        return version("synopsis")
    except PackageNotFoundError:
        return "0+unknown"


def add_story_arguments(parser: argparse.ArgumentParser) -> None:
    """STORY paths and the comparison settings every subcommand accepts."""
    parser.add_argument(
        "story",
        nargs="*",
        metavar="STORY",
        help="a story.yaml manifest, a folder, or article files (default: the seed story)",
    )
    group = parser.add_argument_group("comparison settings (override the manifest's settings)")
    group.add_argument("--threshold", type=float, help="similarity needed to link two passages")
    group.add_argument("--comparator", help="how passages are scored: lexical (default) or fuzzy")
    group.add_argument(
        "--granularity", choices=["paragraph", "sentence"], help="unit of the aligned passages"
    )
    group.add_argument("--pivot", metavar="SOURCE_ID", help="source whose order groups follow")
    add_web_arguments(parser)
    parser.add_argument(
        "--save",
        type=Path,
        metavar="FOLDER",
        help="also write the story as a folder that reopens offline "
        "(text, original HTML, story.yaml)",
    )


def add_web_arguments(parser: argparse.ArgumentParser) -> None:
    """How URLs among the STORY arguments (and `url:`-only manifest entries) are fetched."""
    web = parser.add_argument_group("web pages (http(s) URLs given as STORY or in a manifest)")
    web.add_argument("--refresh", action="store_true", help="fetch pages again even when cached")
    web.add_argument("--offline", action="store_true", help="use cached pages only; never fetch")
    web.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"give up on a page that does not answer within SECONDS (default {DEFAULT_TIMEOUT:g})",
    )


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds above 0")
    return seconds


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="synopsis",
        description="Line up several outlets' accounts of one story side by side.",
        epilog="Subcommands: "
        + "; ".join(f"{name}: {help_}" for name, (_, help_) in SUBCOMMANDS.items())
        + ". Run 'synopsis SUBCOMMAND --help' for each.",
    )
    parser.add_argument("--version", action="version", version=f"synopsis {package_version()}")
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")
    for name, (module_name, help_) in SUBCOMMANDS.items():
        module = importlib.import_module(module_name)
        command_parser = sub.add_parser(name, help=help_, description=help_)
        module.add_arguments(command_parser)
        command_parser.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # `synopsis STORY...` is short for `synopsis open STORY...`.
    if not argv or (argv[0] not in SUBCOMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "open")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except StoryError as error:
        print(f"synopsis: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:  # a file problem no check foresaw: still one line, no traceback
        print(f"synopsis: {StoryError(error.filename, os_problem(error))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
