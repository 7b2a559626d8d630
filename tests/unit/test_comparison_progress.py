"""Progress while a story is compared: stages in order, the share done never going back."""

from __future__ import annotations

from comparators import load_story
from comparators.model import Story
from comparators.pipeline import compare


def test_comparing_a_story_reports_each_stage_and_ends_at_one():
    seen: list[tuple[str, float]] = []
    comparison = compare(load_story([]), progress=lambda stage, done: seen.append((stage, done)))
    assert [stage for stage, _ in seen] == ["align", "order", "reuse", "quotes", "discrepancies", "done"]
    fractions = [done for _, done in seen]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions == sorted(fractions) and len(set(fractions)) == len(fractions)
    assert comparison.groups and comparison.quote_groups


def test_an_empty_story_still_reports_progress_to_the_end():
    seen: list[str] = []
    compare(Story(title="nothing", sources=()), progress=lambda stage, done: seen.append(stage))
    assert seen[-1] == "done"


def test_without_a_callback_the_comparison_is_the_same(seed_comparison):
    assert compare(load_story([])).groups == seed_comparison.groups
