"""Command line: `synopsis [STORY...]` opens the reader; subcommands print or export.

Every subcommand lives in its own module exposing `add_arguments(parser)` and
`run(args) -> int`; this module only parses, dispatches and turns a `StoryError`
into one line on stderr with exit code 2.
"""

from __future__ import annotations

import argparse
import atexit
import errno
import gc
import importlib
import os
import sys
from collections.abc import Sequence

from tui.exit_codes import EXIT_BAD_INPUT, EXIT_INTERRUPTED

# name -> (module, one-line help)
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "open": ("tui.cli.open", "open the reader on a story (the default)"),
    "sources": ("tui.cli.sources", "print a table of the story's sources"),
    "quotes": ("tui.cli.quotes", "print the quotes by speaker: shared, variant or only in one outlet"),
    "report": ("tui.cli.report", "write the comparison as text, Markdown, JSON or HTML"),
    "export": ("tui.cli.export", "write the comparison as JSON data (see comparators/schema.json)"),
    "fetch": ("tui.cli.fetch", "fetch web pages into a story folder that reopens offline"),
    "serve": ("tui.cli.serve", "serve the reader to a web browser (textual-serve; no authentication)"),
}
# Corpus mode (needs the `corpus` extra: Dask and pyarrow, imported only when these run).
SUBCOMMANDS |= {
    "batch": ("tui.cli.batch", "compare every story of a corpus on Dask; results as Parquet"),
    "corpus": ("tui.cli.corpus", "headline tables of a batch's results; open one of its stories"),
}


def package_version() -> str:
    # From the package itself: importlib.metadata alone costs as much as starting Python.
    from tui import __version__

    return __version__


class _Version(argparse.Action):
    """`--version`: the version, looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **_: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        # On stdout, as argparse's own `version` action and other tools print it, so that
        # `synopsis --version | cat` or `$(synopsis --version)` sees it.
        print(f"synopsis {package_version()}")
        parser.exit()


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; only `command`'s module is imported (all of them when None), so a
    one-shot command does not pay for the others' imports."""
    parser = argparse.ArgumentParser(
        prog="synopsis",
        description="Line up several outlets' accounts of one story side by side.",
        epilog="Subcommands: "
        + "; ".join(f"{name}: {help_}" for name, (_, help_) in SUBCOMMANDS.items())
        + ". Run 'synopsis SUBCOMMAND --help' for each.",
    )
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")
    for name, (module_name, help_) in SUBCOMMANDS.items():
        command_parser = sub.add_parser(name, help=help_, description=help_)
        if command is None or name == command:
            module = importlib.import_module(module_name)
            module.add_arguments(command_parser)
            command_parser.set_defaults(run=module.run)
    return parser


def parse_intermixed(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """The arguments, with a story's files allowed on both sides of the options
    (`synopsis report a.txt --format md b.txt`), as most command-line tools allow:
    argparse gives the files after an option back as unrecognised. (Its own
    `parse_intermixed_args` refuses a parser with subcommands.)"""
    args, left_over = parser.parse_known_args(argv)
    if left_over:
        # After `--` everything is a file, even a name starting with a dash.
        end = left_over.index("--") if "--" in left_over else len(left_over)
        files = [*left_over[:end], *left_over[end + 1 :]]
        if isinstance(getattr(args, "story", None), list) and not any(a.startswith("-") for a in left_over[:end]):
            args.story.extend(files)  # in the order given: the first run of files is already there
        else:
            parser.error(f"unrecognized arguments: {' '.join(left_over)}")
    return args


# Errors only a write can meet: a full disk or quota, a file over its size limit.
_WRITE_ONLY_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def one_blas_thread() -> None:
    """NumPy's and SciPy's OpenBLAS each start a thread per core when imported, and those
    threads spin waiting for work: 0.1 s of CPU at every start (a fifth of `export` on the
    seeds). The comparison calls no threaded BLAS routine and runs its own processes
    (`--jobs`), so one thread does; a value the user set is kept. Before NumPy is imported."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    one_blas_thread()
    # The process ends soon after the command: the cycle collector's last passes at exit
    # would walk every object left (caches, a long story's texts) for nothing: over a second
    # of a 10 x 1,000 export. Frozen objects are skipped (registered once, run after the
    # handlers registered later).
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
    # `synopsis STORY...` is short for `synopsis open STORY...`.
    if not argv or (argv[0] not in SUBCOMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "open")
    if argv[0] in SUBCOMMANDS:
        # Building the parser imports the command's modules (the comparator layer, NumPy and
        # SciPy for most): objects that live to the end and no cycle garbage, which the cycle
        # collector walked for nothing (some 8 ms of CPU). `--version` and `--help` load none.
        from comparators.collector import cycle_collection_paused

        with cycle_collection_paused():
            parser = build_parser(argv[0])
    else:
        parser = build_parser("")
    args = parse_intermixed(parser, argv)  # `--version` and `--help` end here, before comparators loads
    from comparators.errors import StoryError
    from comparators.input_files import os_problem

    try:
        return args.run(args)
    except StoryError as error:
        print(f"synopsis: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:  # a file problem no check foresaw: still one line, no traceback
        if error.filename is not None:
            print(f"synopsis: {StoryError(error.filename, os_problem(error))}", file=sys.stderr)
        elif error.errno in _WRITE_ONLY_ERRORS:  # `> /dev/full`
            print(f"synopsis: cannot write the output: {error.strerror}", file=sys.stderr)
        else:  # no file to name (a process that could not start...): not "cannot read"
            print(f"synopsis: {error.strerror or error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
