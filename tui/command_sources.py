"""`synopsis sources [STORY...]`: a table of the story's sources."""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.table import Table

from tui.cli import add_story_arguments
from tui.story_args import story_from_args


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_story_arguments(parser)
    parser.add_argument("--removed", action="store_true", help="also list removed lines and why")


def run(args: argparse.Namespace) -> int:
    story = story_from_args(args)
    table = Table(title=story.title)
    for column in ("id", "outlet", "date", "paragraphs", "words", "removed"):
        table.add_column(column)
    for source in story.sources:
        table.add_row(
            source.id,
            source.outlet,
            source.date or "",
            str(len(source.paragraphs)),
            str(source.words),
            str(len(source.removed)),
        )
    Console().print(table)
    return 0
