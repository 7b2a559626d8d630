"""The comparison pipeline: story -> aligned groups, reuse figures, quotes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace

from comparators.align import align, default_threshold, order_groups
from comparators.comparison import Comparison
from comparators.discrepancies import find_discrepancies
from comparators.errors import StoryError
from comparators.model import Settings, Story
from comparators.pivot import choose_pivot
from comparators.quote_matching import story_quote_groups
from comparators.reuse import reuse
from comparators.segment import GRANULARITIES
from comparators.similarity import COMPARATORS

# Called with the stage starting ("align", "order", "reuse", "quotes", "discrepancies",
# then "done") and the share of the whole work done so far, from 0.0 to 1.0.
Progress = Callable[[str, float], None]

# Each stage's share of the time on big stories (cProfile of 200 x 40 synthetic sources),
# so the fraction moves about evenly with the clock.
STAGES = (("align", 0.55), ("order", 0.02), ("reuse", 0.08), ("quotes", 0.25), ("discrepancies", 0.10))


def resolve_settings(story: Story, override: Settings | None) -> Settings:
    """Manifest settings, overridden by every field the caller set, then checked.

    Fills in the default threshold (the fitted link model's); the pivot stays
    None when neither the caller nor the manifest named one (`run` chooses it). Raises `StoryError` for an unknown comparator, granularity or
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
        settings = replace(settings, threshold=default_threshold(settings.comparator))
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


def run(story: Story, override: Settings | None = None, progress: Progress | None = None) -> Comparison:
    """Align the story's passages, order them by the pivot, measure reuse, match quotes,
    find where outlets disagree.

    A source with no paragraphs (after cleaning) takes part in nothing and is
    named in `Comparison.warnings`. `progress(stage, fraction)`, when given, is called
    as each stage starts, with the share of the work done before it (non-decreasing,
    from 0.0), and last as `progress("done", 1.0)`; it runs on the caller's thread.
    """
    done = _stage_reporter(progress)
    settings = resolve_settings(story, override)
    done("align")
    groups = align(story, settings) if story.sources else ()
    if settings.pivot is not None:
        pivot_reason = "chosen"
    elif story.sources:
        pivot, pivot_reason = choose_pivot(story, groups)
        settings = replace(settings, pivot=pivot)
    else:
        pivot_reason = ""
    done("order")
    groups = order_groups(groups, story, settings.pivot) if story.sources else ()
    warnings = tuple(
        f"{s.id}: no paragraphs left after cleaning; it takes part in no group"
        for s in story.sources
        if not s.paragraphs
    )
    done("reuse")
    reuse_figures = reuse(story)
    done("quotes")
    quotes, terms, quote_groups = story_quote_groups(story, groups)
    done("discrepancies")
    discrepancies = find_discrepancies(story, groups, quotes)
    done("done")
    return Comparison(
        story=story,
        settings=settings,
        pivot=settings.pivot,
        groups=groups,
        reuse=reuse_figures,
        warnings=warnings,
        quotes=quotes,
        quoted_terms=terms,
        pivot_reason=pivot_reason,
        discrepancies=discrepancies,
        quote_groups=quote_groups,
    )


def _stage_reporter(progress: Progress | None) -> Callable[[str], None]:
    """A function announcing each stage to `progress` with the share of work before it."""
    before: dict[str, float] = {"done": 1.0}
    total = 0.0
    for stage, share in STAGES:
        before[stage] = round(total, 4)
        total += share

    def announce(stage: str) -> None:
        if progress is not None:
            progress(stage, before[stage])

    return announce
