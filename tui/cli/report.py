"""`synopsis report [STORY...]`: the comparison as text, Markdown, JSON or HTML."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from comparators.model import Mark
from comparators.reports import FORMATS, ONLY_CHOICES, render_report
from comparators.reports.text import MIN_WIDTH
from comparators.review import GroupIndex, Review, attach, orphans_in_words
from comparators.review_store import (
    ReviewFileError,
    check_review_path,
    load_review,
    review_path_for,
    review_to_open,
)
from comparators.sanitize import strip_control
from tui.cli.comparison_progress import compared_from_args
from tui.cli.story_args import add_diffs_argument, add_jobs_argument, add_story_arguments, jobs_from_args
from tui.exit_codes import EXIT_BAD_INPUT
from tui.report_file import emit, format_for, output_path, output_problem


# Options that shape one format's output; given with another format they would be
# silently ignored, so they are refused instead.
_FORMATS_OF_OPTION = {"--width": ("text",), "--color": ("text", "md"), "--diffs": ("json",)}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_story_arguments(parser)
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="text (default), md, json (the export contract) or html; "
        "-o FILE's suffix picks it when not given",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", type=output_path, help="write to FILE instead of stdout (-: stdout)"
    )
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    add_diffs_argument(parser)
    parser.set_defaults(diffs=None)  # None: not given, so `run` can refuse it outside JSON
    add_jobs_argument(parser)
    parser.add_argument(
        "--width", type=_width, metavar="N", help="wrap the text report at N columns (default 80)"
    )
    parser.add_argument(
        "--sources",
        type=_ids,
        metavar="ID,...",
        help="report only these sources (ids as 'synopsis sources' shows them)",
    )
    parser.add_argument(
        "--only",
        choices=ONLY_CHOICES,
        help="one section: passages that differ, each outlet's own passages, or quotes",
    )
    parser.add_argument(
        "--color", action="store_true", help="colour the differences (text and md)"
    )
    review = parser.add_mutually_exclusive_group()
    review.add_argument(
        "--review",
        type=Path,
        metavar="FILE",
        help="show the marks and notes of this review file (default: the story's own "
        "review file, as the reader keeps it, when there is one)",
    )
    review.add_argument(
        "--no-review",
        action="store_true",
        help="leave the story's review marks and notes out of the report",
    )
    parser.add_argument(
        "--flagged-only",
        action="store_true",
        help="only flagged passages (from --review FILE, else the story's review file)",
    )


def run(args: argparse.Namespace) -> int:
    format = args.format or (format_for(args.output) if args.output else "text")
    if args.only and format == "json":
        return _fail("--only does not apply to --format json: the export holds everything")
    for option, formats in _FORMATS_OF_OPTION.items():
        if getattr(args, option.removeprefix("--")) and format not in formats:
            return _fail(f"{option} applies to {' and '.join(formats)} only, not to --format {format}")
    args.diffs = args.diffs or "pivot"
    problem = output_problem(args.output, force=args.force) if args.output else None
    if problem:
        return _fail(problem)
    if args.pivot and args.sources and args.pivot not in args.sources:
        return _fail(f"the pivot {args.pivot!r} is not among --sources")
    if args.flagged_only and format == "json":
        return _fail("--flagged-only does not apply to --format json: the export holds everything")
    if args.flagged_only and args.no_review:
        return _fail("--flagged-only needs the review's flags: leave out --no-review")
    if args.review:
        check_review_path(args.review, existing=True)
    comparison = compared_from_args(args, jobs_from_args(args))
    marks = None if args.no_review or format == "json" else _review_marks(args, comparison)
    text = render_report(
        comparison,
        format,
        width=args.width or 80,
        sources=args.sources,
        only=args.only,
        color=args.color,
        marks=marks,
        flagged_only=args.flagged_only,
        diffs=args.diffs,
    )
    return emit(text, args.output, force=args.force)


def _review_marks(args: argparse.Namespace, comparison) -> dict[str, Mark] | None:
    """The marks of --review FILE, else of the story's own review file when it has one
    (as the reader's export shows them); an unreadable one of those is only a warning."""
    if args.review:
        return _marks(args.review, load_review(args.review), comparison)
    path = review_path_for(comparison.story)
    if not os.path.lexists(path) and not args.flagged_only:
        return None  # nobody reviewed this story yet
    try:
        path, review, skipped = review_to_open(path)
        if skipped:
            print(f"synopsis: warning: {skipped}; the marks come from {strip_control(str(path))}", file=sys.stderr)
        return _marks(path, review, comparison)
    except ReviewFileError as error:
        if args.flagged_only:
            raise
        print(f"synopsis: warning: {error}; the report has no review marks", file=sys.stderr)
        return None


def _marks(path: Path, review: Review, comparison) -> dict[str, Mark]:
    """Group id -> mark of `review` (read from `path`); marks whose passages are gone
    are named on stderr."""
    attached = attach(review, GroupIndex.of(comparison.groups))
    if attached.orphans:
        print(
            f"synopsis: {strip_control(str(path))}: not in the report: {orphans_in_words(attached.orphans)} "
            "on passages edited or gone since the review (the review file keeps them)",
            file=sys.stderr,
        )
    return dict(attached.marks)


def _fail(message: str) -> int:
    print(f"synopsis: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _width(value: str) -> int:
    try:
        width = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if width < MIN_WIDTH:
        raise argparse.ArgumentTypeError(f"at least {MIN_WIDTH} columns, not {width}")
    return width


def _ids(value: str) -> list[str]:
    ids = [i.strip() for i in value.split(",") if i.strip()]
    if not ids:
        raise argparse.ArgumentTypeError("give at least one source id")
    return ids
