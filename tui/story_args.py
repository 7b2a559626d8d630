"""Turning parsed command-line arguments into a story and settings."""

from __future__ import annotations

import argparse
import sys

from comparators import Settings, Story, load_story
from comparators.sanitize import strip_control


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
    """The story the STORY arguments name; its warnings go to stderr, one line each."""
    story = load_story(args.story)
    for warning in story.warnings:
        # Warnings quote file names, which may hold anything.
        line = " ".join(strip_control(warning).splitlines())
        print(f"synopsis: warning: {line}", file=sys.stderr)
    return story
