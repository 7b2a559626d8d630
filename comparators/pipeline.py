"""The comparison pipeline: story -> aligned groups, reuse figures, quotes."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import replace

from comparators.align import align, default_threshold
from comparators.collector import cycle_collection_paused
from comparators.discrepancies import find_discrepancies
from comparators.export import diffs_worked_out
from comparators.facts import Fact, extract_facts, remember_facts
from comparators.model import Comparison, Settings, SettingsOverride, Story
from comparators.ordering import order_groups
from comparators.pivot import choose_pivot
from comparators.quote_matching import SourceQuotes, source_quotes, story_quote_groups
from comparators.reuse import SharedRuns, reuse, shared_runs
from comparators.settings import merged_settings
from comparators.workers import in_background, worth_spreading

# Called with the stage starting ("align", "order", "reuse", "quotes", "discrepancies",
# then "done") and the share of the whole work done so far, from 0.0 to 1.0.
Progress = Callable[[str, float], None]

# Each stage's share of the time on big stories (200 x 40 synthetic sources; "align" also
# chooses the pivot and finds the verbatim runs), so the fraction moves about evenly with the clock.
STAGES = (("align", 0.60), ("order", 0.01), ("reuse", 0.01), ("quotes", 0.15), ("discrepancies", 0.23))


def resolve_settings(story: Story, override: SettingsOverride | None) -> Settings:
    """`merged_settings`, with the default threshold (the fitted link model's) filled in;
    the pivot stays None when neither the caller nor the manifest named one (`run`
    chooses it). Raises `StoryError` as `merged_settings` does."""
    settings = merged_settings(story, override)
    if settings.threshold is None:
        settings = replace(settings, threshold=default_threshold(settings.comparator))
    return settings


def compare(
    story: Story,
    override: SettingsOverride | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
    diffs: str | None = None,
) -> Comparison:
    """Align the story's passages, order them by the pivot, measure reuse, match quotes,
    find where outlets disagree.

    `override` replaces the story manifest's settings field by field (the command line
    wins); a field left None keeps the manifest's value. A source with no paragraphs (after cleaning) takes part in nothing and is
    named in `Comparison.warnings`. `progress(stage, fraction)`, when given, is called
    as each stage starts, with the share of the work done before it (non-decreasing,
    from 0.0), and last as `progress("done", 1.0)`; it runs on the caller's thread.

    `jobs` over 1 lets a big story's independent work run in that many processes at
    once (`comparators/workers.py`); the result is the same. `diffs` ("pivot" or "all"),
    when given, names the word diffs an export of the comparison will want: a big
    story's are then worked out in the other processes while quotes and discrepancies are
    found in this one (`export.diffs_worked_out`).
    """
    with cycle_collection_paused():
        return _compare(story, override, progress, jobs, diffs)


def _compare(
    story: Story, override: SettingsOverride | None, progress: Progress | None, jobs: int, diffs: str | None
) -> Comparison:
    done = _stage_reporter(progress)
    settings = resolve_settings(story, override)
    parallel = worth_spreading(sum(len(s.paragraphs) for s in story.sources), jobs)
    done("align")
    # What needs no groups is worked out in other processes while this one aligns: the
    # quotes' speakers and the facts from the start, the verbatim runs from the moment
    # the alignment works alone (growing the fact groups), when a core would wait.
    with ExitStack() as background:
        needing_no_groups = background.enter_context(in_background(lambda: _needing_no_groups(story, parallel), parallel))
        started: list[Callable[[], tuple[SharedRuns, ...]]] = []

        def start_runs() -> None:
            started.append(background.enter_context(in_background(lambda: shared_runs(story), parallel)))

        groups = align(story, settings, jobs=jobs, working_alone=start_runs) if story.sources else ()
        attributed, facts = needing_no_groups()
        runs = started[0]() if started else shared_runs(story)
    remember_facts(facts)
    if settings.pivot is not None:
        pivot_reason = "chosen"
    elif story.sources:
        pivot, pivot_reason = choose_pivot(story, groups, runs)
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
    # The export's word diffs are worked out in other processes meanwhile (a big story).
    with diffs_worked_out(groups, settings.pivot, diffs, jobs) as remember_diffs:
        done("reuse")
        reuse_figures = reuse(story, runs)
        done("quotes")
        quotes, terms, quote_groups = story_quote_groups(story, groups, attributed)
        done("discrepancies")
        discrepancies = find_discrepancies(story, groups, quotes, jobs=jobs)
        remember_diffs()
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


def _needing_no_groups(story: Story, elsewhere: bool) -> tuple[list[SourceQuotes], dict[str, tuple[Fact, ...]]]:
    """Each source's attributed quotes and, when worked out in another process
    (`elsewhere`), the facts of every distinct paragraph text (for the discrepancies)."""
    facts = {}
    if elsewhere:
        facts = {text: extract_facts(text) for source in story.sources for text in (p.text for p in source.paragraphs)}
    return [source_quotes(source) for source in story.sources], facts


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
