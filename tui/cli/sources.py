"""`synopsis sources [STORY...]`: a table of the story's sources, and what cleaning removed."""

from __future__ import annotations

import argparse

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from comparators.model import Source, Story
from comparators.sanitize import strip_control
from tui.cli.story_args import add_story_arguments, checked_settings, story_from_args


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_story_arguments(parser)
    parser.add_argument(
        "--removed",
        action="store_true",
        help="also list every line cleaning removed, with its rule, reason and line number",
    )


def run(args: argparse.Namespace) -> int:
    story = story_from_args(args)
    checked_settings(story, args)  # the options are accepted, so they must make sense
    console = Console(highlight=False)
    console.print(sources_table(story))
    if args.removed:
        for source in story.sources:
            console.print(removed_table(source))
    return 0


def _plain(text: str | None) -> Text:
    """Article-derived text as it is: no markup, no escape sequences."""
    return Text(strip_control(text or ""))


def sources_table(story: Story) -> Table:
    """One row per source; an "outlet from" column when an outlet was inferred."""
    inferred = any(s.outlet_evidence != "manifest" for s in story.sources)
    # A paper printing a wire's copy: both are shown.
    carried = any(s.origin and s.origin != s.outlet for s in story.sources)
    table = Table(title=_plain(story.title))
    # Ids are typed back (--pivot), so they fold rather than lose characters.
    table.add_column("id", overflow="fold")
    table.add_column("outlet", overflow="fold")
    if carried:
        table.add_column("copy of", overflow="fold")
    table.add_column("date", no_wrap=True)
    for column in ("paragraphs", "words", "removed"):
        table.add_column(column, justify="right", no_wrap=True)
    if inferred:
        table.add_column("outlet from", ratio=1)
    for source in story.sources:
        row = [
            _plain(source.id),
            _plain(source.outlet),
            *([_plain(source.origin if source.origin != source.outlet else "")] if carried else []),
            _plain(source.date),
            str(len(source.paragraphs)),
            str(source.words),
            str(len(source.removed)),
        ]
        if inferred:
            row.append(_plain(source.outlet_evidence))
        table.add_row(*row)
    return table


def removed_table(source: Source) -> Group:
    """Every removal of one source in file order: line, rule, text and reason, under a
    heading naming the source and its file. The heading is a line of its own, wrapped
    at the terminal's width, not the table's (often half of it): a path broken over
    three lines is hard to read and to copy."""
    heading = _plain(f"{source.id}: removed from {source.path or source.url}")
    heading.overflow = "fold"
    table = Table()
    table.add_column("line", justify="right")
    table.add_column("rule")
    table.add_column("removed text", ratio=3)
    table.add_column("why", ratio=2)
    for removal in source.removed:
        table.add_row(str(removal.line), removal.rule, _plain(removal.text), _plain(removal.reason))
    if not source.removed:
        table.add_row("", "", Text("nothing removed", style="dim"), "")
    return Group(heading, table)
