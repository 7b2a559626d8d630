"""Turning parsed command-line arguments into a story and settings."""

from __future__ import annotations

import argparse
import sys

from comparators import Settings, Story, load_story
from comparators.fetching import DEFAULT_TIMEOUT, FetchOptions
from comparators.sanitize import strip_control
from comparators.story_folder import check_folder_free, save_story_folder
from tui.fetch_progress import fetch_progress


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Only the options the user gave; the rest come from the manifest."""
    defaults = Settings()
    return Settings(
        threshold=args.threshold if args.threshold is not None else defaults.threshold,
        comparator=args.comparator or defaults.comparator,
        granularity=args.granularity or defaults.granularity,
        pivot=args.pivot or defaults.pivot,
    )


def story_from_args(args: argparse.Namespace) -> Story:
    """The story the STORY arguments name (URLs fetched as the web options say, and
    the story saved as a folder with `--save`); its warnings go to stderr, one line each."""
    # getattr: a command without the web options (or --save) still reads stories.
    save = getattr(args, "save", None)
    if save is not None:
        check_folder_free(save)
    fetch = FetchOptions(
        refresh=getattr(args, "refresh", False),
        offline=getattr(args, "offline", False),
        timeout=getattr(args, "timeout", DEFAULT_TIMEOUT),
    )
    with fetch_progress() as progress:
        story = load_story(args.story, fetch, progress)
    for warning in story.warnings:
        # Warnings quote file names, which may hold anything.
        line = " ".join(strip_control(warning).splitlines())
        print(f"synopsis: warning: {line}", file=sys.stderr)
    if save is not None:
        manifest = save_story_folder(story, save)
        print(f"synopsis: saved the story in {strip_control(str(manifest))}", file=sys.stderr)
    return story
