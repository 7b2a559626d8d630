"""The comparison pipeline: story -> aligned groups, reuse figures, quotes."""

from __future__ import annotations

from dataclasses import fields, replace

from comparators.align import align, order_groups
from comparators.comparison import Comparison
from comparators.discrepancies import find_discrepancies
from comparators.errors import StoryError
from comparators.model import Settings, Story
from comparators.quote_matching import story_quotes
from comparators.reuse import reuse
from comparators.segment import GRANULARITIES
from comparators.similarity import COMPARATORS, get_comparator


def resolve_settings(story: Story, override: Settings | None) -> Settings:
    """Manifest settings, overridden by every field the caller set, then checked.

    Fills in the pivot (the source with most words) and the comparator's default
    threshold. Raises `StoryError` for an unknown comparator, granularity or
    pivot, or a threshold outside [0, 1], naming the command-line option or the
    manifest's `settings:` key the value came from.
    """
    settings = story.settings
    changed: dict[str, object] = {}
    if override is not None:
        defaults = Settings()
        changed = {
            f.name: getattr(override, f.name)
            for f in fields(Settings)
            if getattr(override, f.name) != getattr(defaults, f.name)
        }
        settings = replace(settings, **changed)
    _check(story, settings, from_caller=set(changed))
    if settings.threshold is None:
        settings = replace(settings, threshold=get_comparator(settings.comparator).default_threshold)
    if settings.pivot is None and story.sources:
        pivot = max(story.sources, key=lambda s: s.words).id
        settings = replace(settings, pivot=pivot)
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
        fail("threshold", f"must be a number between 0 and 1, not {threshold!r}")
    if settings.pivot is not None and settings.pivot not in {s.id for s in story.sources}:
        known = ", ".join(s.id for s in story.sources)
        fail("pivot", f"unknown source {settings.pivot!r} (sources: {known})")


def run(story: Story, override: Settings | None = None) -> Comparison:
    """Align the story's passages, order them by the pivot, measure reuse, match quotes,
    find where outlets disagree.

    A source with no paragraphs (after cleaning) takes part in nothing and is
    named in `Comparison.warnings`.
    """
    settings = resolve_settings(story, override)
    groups = order_groups(align(story, settings), story, settings.pivot) if story.sources else ()
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
        discrepancies=find_discrepancies(story, groups, quotes),
    )
