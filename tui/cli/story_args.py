"""The STORY arguments and comparison settings every subcommand accepts, and turning
them into a story and settings."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from comparators import SettingsOverride, Story, load_story
from comparators.errors import StoryError
from comparators.fetching import DEFAULT_TIMEOUT, FetchOptions
from comparators.sanitize import strip_control
from comparators.settings import merged_settings
from tui.cli.counts import at_least_one
from tui.cli.fetch_progress import fetch_progress


def add_story_arguments(parser: argparse.ArgumentParser) -> None:
    """STORY paths and the comparison settings every subcommand accepts."""
    parser.add_argument(
        "story",
        nargs="*",
        metavar="STORY",
        help="a story.yaml manifest, a folder, or article files (default: the seed story)",
    )
    group = parser.add_argument_group("comparison settings (override the manifest's settings)")
    group.add_argument("--threshold", type=float, help="similarity needed to link two passages")
    group.add_argument("--comparator", help="how passages are scored: lexical (default) or fuzzy")
    group.add_argument(
        "--granularity", choices=["paragraph", "sentence"], help="unit of the aligned passages"
    )
    group.add_argument("--pivot", metavar="SOURCE_ID", help="source whose order groups follow")
    add_web_arguments(parser)
    parser.add_argument(
        "--save",
        type=Path,
        metavar="FOLDER",
        help="also write the story as a folder that reopens offline "
        "(text, original HTML, story.yaml)",
    )


def add_web_arguments(parser: argparse.ArgumentParser) -> None:
    """How URLs among the STORY arguments (and `url:`-only manifest entries) are fetched."""
    web = parser.add_argument_group("web pages (http(s) URLs given as STORY or in a manifest)")
    web.add_argument("--refresh", action="store_true", help="fetch pages again even when cached")
    web.add_argument("--offline", action="store_true", help="use cached pages only; never fetch (not with --refresh)")
    web.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"give up on a page that does not answer within SECONDS (default {DEFAULT_TIMEOUT:g})",
    )


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds above 0")
    return seconds


def settings_from_args(args: argparse.Namespace) -> SettingsOverride:
    """Only the options the user gave; the others stay None and come from the manifest."""
    return SettingsOverride(
        threshold=args.threshold, comparator=args.comparator, granularity=args.granularity, pivot=args.pivot
    )


def checked_settings(story: Story, args: argparse.Namespace) -> SettingsOverride:
    """The settings the user gave, checked against the story (raises `StoryError`
    naming the option) before anything is compared or forked."""
    settings = settings_from_args(args)
    merged_settings(story, settings)
    return settings


def print_warnings(warnings: Iterable[str]) -> None:
    """Each warning on stderr, one line each."""
    for warning in warnings:
        # Warnings quote file names, which may hold anything.
        line = " ".join(strip_control(warning).splitlines())
        print(f"synopsis: warning: {line}", file=sys.stderr)


def story_from_args(args: argparse.Namespace) -> Story:
    """The story the STORY arguments name (URLs fetched as the web options say, and
    the story saved as a folder with `--save`); its warnings go to stderr, one line each."""
    # getattr: a command without the web options (or --save) still reads stories.
    if getattr(args, "refresh", False) and getattr(args, "offline", False):
        raise StoryError(None, "--refresh fetches every page again and --offline never fetches: give one of them")
    save = getattr(args, "save", None)
    if save is not None:
        from comparators.story_folder import check_folder_free, save_story_folder  # only with --save

        check_folder_free(save)
    fetch = FetchOptions(
        refresh=getattr(args, "refresh", False),
        offline=getattr(args, "offline", False),
        timeout=getattr(args, "timeout", DEFAULT_TIMEOUT),
    )
    # A command taking --jobs reads a big story's files in that many processes.
    jobs = jobs_from_args(args) if hasattr(args, "jobs") else 1
    with fetch_progress() as progress:
        story = load_story(args.story, fetch, progress, jobs)
    print_warnings(story.warnings)
    if save is not None:
        manifest = save_story_folder(story, save)
        print(f"synopsis: saved the story in {strip_control(str(manifest))}", file=sys.stderr)
    return story


def add_jobs_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--jobs",
        "-j",
        type=at_least_one("processes"),
        metavar="N",
        help="processes a big story is compared and exported with (default: the CPUs available; 1: this process only)",
    )


def jobs_from_args(args: argparse.Namespace) -> int:
    """`--jobs`, or the CPUs available to this process when it is not given."""
    from comparators.workers import available_cpus

    return args.jobs if args.jobs is not None else available_cpus()


def add_diffs_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--diffs",
        choices=["pivot", "all"],
        default="pivot",
        help="word diffs in the JSON: against the pivot in its groups only (default, compact), or every member",
    )
