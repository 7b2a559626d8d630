"""`synopsis [open] [STORY...]`: open the reader."""

from __future__ import annotations

import argparse

from tui.cli import add_story_arguments
from tui.story_args import settings_from_args, story_from_args


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_story_arguments(parser)


def run(args: argparse.Namespace) -> int:
    story = story_from_args(args)
    from tui.app import make_app

    make_app(story, settings_from_args(args)).run()
    return 0
