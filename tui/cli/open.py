"""`synopsis [open] [STORY...]`: open the reader."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tui.cli.story_args import add_story_arguments, checked_settings, story_from_args
from tui.exit_codes import EXIT_BAD_INPUT
from tui.state.comparing import start_comparing

NO_TERMINAL = (
    "synopsis: the reader needs a terminal, and standard input or error is not one "
    "(over SSH: ssh -t); to write the comparison to a file, use synopsis report or synopsis export"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_story_arguments(parser)
    parser.add_argument(
        "--review",
        type=Path,
        metavar="FILE",
        help="keep marks and notes in FILE (default: <story>.review.yaml beside the "
        "manifest, or the user's state folder for loose files and folders you cannot write)",
    )


def run(args: argparse.Namespace) -> int:
    if args.review is not None:
        from comparators.review_store import check_review_path

        check_review_path(args.review)  # a folder or a device stops here, not in the reader
    story = story_from_args(args)
    settings = checked_settings(story, args)  # a bad --pivot stops here, before any fork
    if not has_a_terminal():
        print(NO_TERMINAL, file=sys.stderr)
        return EXIT_BAD_INPUT
    # Aligning starts now, while Textual is imported and the screen drawn.
    comparing = start_comparing(story, settings)
    from comparators.review_store import review_path_for
    from tui.app import make_app
    from tui.state.reader_memory import memory_path_for

    review_path = args.review or review_path_for(story)
    app = make_app(
        story,
        settings,
        review_path=review_path,
        memory_path=memory_path_for(story),
        comparing=comparing,
    )
    app.run()
    return app.return_code or 0


def has_a_terminal() -> bool:
    """Whether the reader can run here. Textual draws on stderr and reads keys from stdin:
    without a terminal on both (a pipe, a file, `ssh host synopsis` without -t) it would
    write escape codes there and wait for keys for ever. `synopsis serve` runs the reader
    through a driver of its own (TEXTUAL_DRIVER), which needs none."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    return all(stream is not None and stream.isatty() for stream in (sys.__stdin__, sys.__stderr__))
