"""The comparison pipeline: story -> aligned groups, reuse figures, quotes."""

from __future__ import annotations

from dataclasses import replace

from comparators.align import align, default_threshold
from comparators.comparison import Comparison
from comparators.discrepancies import find_discrepancies
from comparators.model import Settings, SettingsOverride, Story
from comparators.ordering import order_groups
from comparators.pivot import choose_pivot
from comparators.quote_matching import story_quotes
from comparators.reuse import reuse
from comparators.settings import merged_settings


def resolve_settings(story: Story, override: SettingsOverride | None) -> Settings:
    """`merged_settings`, with the default threshold (the fitted link model's) filled in;
    the pivot stays None when neither the caller nor the manifest named one (`run`
    chooses it). Raises `StoryError` as `merged_settings` does."""
    settings = merged_settings(story, override)
    if settings.threshold is None:
        settings = replace(settings, threshold=default_threshold(settings.comparator))
    return settings


def run(story: Story, override: SettingsOverride | None = None) -> Comparison:
    """Align the story's passages, order them by the pivot, measure reuse, match quotes,
    find where outlets disagree.

    A source with no paragraphs (after cleaning) takes part in nothing and is
    named in `Comparison.warnings`.
    """
    settings = resolve_settings(story, override)
    groups = align(story, settings) if story.sources else ()
    if settings.pivot is not None:
        pivot_reason = "chosen"
    elif story.sources:
        pivot, pivot_reason = choose_pivot(story, groups)
        settings = replace(settings, pivot=pivot)
    else:
        pivot_reason = ""
    groups = order_groups(groups, story, settings.pivot) if story.sources else ()
    warnings = tuple(
        f"{s.id}: no paragraphs left after cleaning; it takes part in no group"
        for s in story.sources
        if not s.paragraphs
    )
    quotes, terms = story_quotes(story)
    return Comparison(
        story=story,
        settings=settings,
        pivot=settings.pivot,
        groups=groups,
        reuse=reuse(story),
        warnings=warnings,
        quotes=quotes,
        quoted_terms=terms,
        pivot_reason=pivot_reason,
        discrepancies=find_discrepancies(story, groups, quotes),
    )
