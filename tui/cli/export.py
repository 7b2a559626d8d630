"""`synopsis export [STORY...] --format json [-o FILE]`: the comparison as data.

The JSON contract is `comparators/schema.json`; stdout by default. An existing
FILE is only replaced with `--force`, and always atomically.
"""

from __future__ import annotations

import argparse
import sys

from comparators.export import to_json_bytes
from tui.cli.comparison_progress import compared_from_args
from tui.cli.story_args import add_diffs_argument, add_jobs_argument, add_story_arguments, jobs_from_args
from tui.exit_codes import EXIT_BAD_INPUT
from tui.report_file import emit, output_path, output_problem


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_story_arguments(parser)
    parser.add_argument(
        "--format", choices=["json"], default="json", help="json (the only format; see schema.json)"
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", type=output_path, help="write to FILE instead of stdout (-: stdout)"
    )
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    add_diffs_argument(parser)
    add_jobs_argument(parser)


def run(args: argparse.Namespace) -> int:
    problem = output_problem(args.output, force=args.force) if args.output else None
    if problem:
        print(f"synopsis: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    jobs = jobs_from_args(args)
    comparison = compared_from_args(args, jobs)
    return emit(to_json_bytes(comparison, args.diffs, jobs), args.output, force=args.force)
