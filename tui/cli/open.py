"""`synopsis [open] [STORY...]`: open the reader."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.cli.story_args import add_story_arguments, checked_settings, story_from_args
from tui.state.comparing import start_comparing


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_story_arguments(parser)
    parser.add_argument(
        "--review",
        type=Path,
        metavar="FILE",
        help="keep marks and notes in FILE (default: <story>.review.yaml beside the "
        "manifest, or the user's state folder for loose files)",
    )


def run(args: argparse.Namespace) -> int:
    story = story_from_args(args)
    settings = checked_settings(story, args)  # a bad --pivot stops here, before any fork
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
