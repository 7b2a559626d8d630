"""The comparison settings a story is compared with: the manifest's, under what the caller gave."""

from __future__ import annotations

from dataclasses import fields, replace

from comparators.errors import StoryError
from comparators.model import Settings, SettingsOverride, Story
from comparators.segment import GRANULARITIES
from comparators.similarity import COMPARATORS


def merged_settings(story: Story, override: SettingsOverride | None) -> Settings:
    """The story manifest's settings with every field the caller set (not None) put over
    them, checked. Cheap (nothing is compared), so callers check before any work starts.

    Raises `StoryError` for an unknown comparator, granularity or pivot, or a threshold
    outside [0, 1], naming the command-line option or the manifest's `settings:` key the
    value came from. The threshold and pivot may stay None (the defaults apply later).
    """
    settings = story.settings
    changed: dict[str, object] = {}
    if override is not None:
        changed = {
            f.name: getattr(override, f.name)
            for f in fields(SettingsOverride)
            if getattr(override, f.name) is not None
        }
        settings = replace(settings, **changed)
    _check(story, settings, from_caller=set(changed))
    return settings


def _check(story: Story, settings: Settings, from_caller: set[str]) -> None:
    def fail(key: str, problem: str) -> None:
        if key in from_caller:
            raise StoryError(None, f"--{key}: {problem}")
        raise StoryError(story.manifest, f"settings: {key}: {problem}")

    if settings.comparator not in COMPARATORS:
        known = ", ".join(sorted(COMPARATORS))
        fail("comparator", f"unknown comparator {settings.comparator!r} (known: {known})")
    if settings.granularity not in GRANULARITIES:
        fail("granularity", f"must be one of {', '.join(GRANULARITIES)}, not {settings.granularity!r}")
    threshold = settings.threshold
    if threshold is not None and (
        isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 <= threshold <= 1
    ):
        given = f"{threshold:g}" if isinstance(threshold, float) else repr(threshold)  # 2, not 2.0
        fail("threshold", f"must be a number between 0 and 1, not {given}")
    if settings.pivot is not None and settings.pivot not in {s.id for s in story.sources}:
        known = ", ".join(s.id for s in story.sources)
        fail("pivot", f"unknown source {settings.pivot!r} (sources: {known})")
