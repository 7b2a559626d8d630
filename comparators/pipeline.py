"""The comparison pipeline: story -> aligned groups, reuse figures, quotes."""

from __future__ import annotations

from dataclasses import fields, replace

from comparators.align import align, order_groups
from comparators.comparison import Comparison
from comparators.model import Settings, Story


def resolve_settings(story: Story, override: Settings | None) -> Settings:
    """Manifest settings, overridden by every field the caller set."""
    settings = story.settings
    if override is not None:
        defaults = Settings()
        changed = {
            f.name: getattr(override, f.name)
            for f in fields(Settings)
            if getattr(override, f.name) != getattr(defaults, f.name)
        }
        settings = replace(settings, **changed)
    if settings.pivot is None and story.sources:
        pivot = max(story.sources, key=lambda s: s.words).id
        settings = replace(settings, pivot=pivot)
    return settings


def run(story: Story, override: Settings | None = None) -> Comparison:
    settings = resolve_settings(story, override)
    groups = order_groups(align(story, settings), story, settings.pivot)
    return Comparison(story=story, settings=settings, pivot=settings.pivot, groups=groups)
