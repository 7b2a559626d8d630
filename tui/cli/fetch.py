"""`synopsis fetch URL... -o FOLDER`: fetch pages into a story folder that reopens offline.

The folder holds each source's article text, the original HTML beside it and a
`story.yaml` with outlet, title, date, url and fetch time; `synopsis FOLDER` then
compares the same texts whatever became of the pages.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from comparators.sanitize import strip_control
from tui.cli.story_args import add_web_arguments, story_from_args


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "story",
        nargs="+",
        metavar="URL",
        help="web pages to fetch (.html files, text files, folders and a manifest work too)",
    )
    parser.add_argument(
        "-o",
        "--output",
        dest="save",
        type=Path,
        required=True,
        metavar="FOLDER",
        help="the story folder to write (must not exist, or be empty)",
    )
    add_web_arguments(parser)


def run(args: argparse.Namespace) -> int:
    story = story_from_args(args)
    for source in story.sources:
        where = strip_control(str(source.url or source.path))
        print(f"{source.id}\t{len(source.paragraphs)} paragraphs\t{where}")
    return 0
