"""Turning parsed command-line arguments into a story and settings."""

from __future__ import annotations

import argparse
import sys

from comparators import Settings, Story, load_story


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
    story = load_story(args.story)
    for warning in story.warnings:
        print(f"synopsis: warning: {warning}", file=sys.stderr)
    return story
