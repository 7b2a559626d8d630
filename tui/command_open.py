"""`synopsis [open] [STORY...]`: open the reader."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.cli import add_story_arguments
from tui.story_args import settings_from_args, story_from_args


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
    from comparators.review_store import review_path_for
    from tui.app import make_app

    review_path = args.review or review_path_for(story)
    make_app(story, settings_from_args(args), review_path=review_path).run()
    return 0
