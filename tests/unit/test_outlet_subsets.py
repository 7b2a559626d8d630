"""A labelled story cut down to some of its outlets is scored on those outlets' pairs only
(tests/benchmarks/evaluate_outlet_subsets.py measures alignment that way)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from labelled_stories import EVAL, LabelledStory, restricted_gold, score_pairs, sub_story
from synthetic import story_of

from comparators import Story
from comparators.model import Paragraph, Source

# Three outlets; one fact in all three (paragraph 0), one only `a` and `b` carry (paragraph 1).
LINKS = {
    frozenset({("a", 0), ("b", 0)}),
    frozenset({("a", 0), ("c", 0)}),
    frozenset({("b", 0), ("c", 0)}),
    frozenset({("a", 1), ("b", 1)}),
}


def _labelled(story: Story) -> LabelledStory:
    return LabelledStory("tiny", story, lambda x, y: int(frozenset((x, y)) in LINKS), len(LINKS))


def test_a_story_of_fewer_outlets_counts_only_the_links_between_them():
    story = _labelled(story_of(a=["the fire", "the cause"], b=["a fire", "its cause"], c=["fire!", "weather"]))
    part = sub_story(story, ["c", "a"])
    assert [s.id for s in part.story.sources] == ["a", "c"]  # the story's order, whatever was asked
    assert part.links == 1
    found = score_pairs({(("a", 0), ("c", 0))}, part)
    assert (found.precision, found.recall) == (1.0, 1.0)  # the a~b links are not missed
    assert sub_story(story, ["b", "c"]).links == 1
    assert sub_story(story, ["a", "b", "c"]).links == 4


def test_asking_for_an_outlet_the_story_lacks_is_an_error():
    with pytest.raises(KeyError):
        sub_story(_labelled(story_of(a=["x"], b=["y"])), ["a", "z"])


def test_the_gold_between_present_files_keeps_cluster_members_and_weak_pairs_with_both_ends():
    gold = {
        "strong_clusters": {"fire": ["100.00", "101.03", "102.01"], "cause": ["100.02", "101.04"]},
        "weak_pairs": [["100.02", "102.05"], ["100.00", "101.01"]],
        "weak_cluster_families": [["fire", "cause"]],
        "boilerplate": ["100.09"],
    }
    cut = restricted_gold(gold, {"100", "102"})
    assert cut["strong_clusters"] == {"fire": ["100.00", "102.01"], "cause": ["100.02"]}
    assert cut["weak_pairs"] == [["100.02", "102.05"]]
    assert cut["weak_cluster_families"] == gold["weak_cluster_families"]
    assert cut["boilerplate"] == ["100.09"]


@pytest.mark.skipif(not (EVAL / "score.py").is_file(), reason="the real stories' scorer is not here")
def test_a_real_story_of_fewer_outlets_is_scored_on_the_gold_between_them():
    sources = tuple(
        Source(id=sid, outlet=sid, path=Path(f"{prefix}_0a.txt"), paragraphs=(Paragraph(0, f"{sid} text", 1),))
        for sid, prefix in (("a", "100"), ("b", "101"), ("c", "102"))
    )
    gold = {"strong_clusters": {"fire": ["100.00", "101.00", "102.00"]}, "weak_pairs": []}
    ids = {("a", 0): ["100.00"], ("b", 0): ["101.00"], ("c", 0): ["102.00"]}
    story = LabelledStory("tiny", Story("t", sources), lambda x, y: 1, 3, ids=ids, gold=gold)
    part = sub_story(story, ["a", "c"])
    assert part.links == 1 and set(part.ids) == {("a", 0), ("c", 0)}
    assert score_pairs({(("a", 0), ("c", 0))}, part).f1 == 1.0


def test_every_subset_when_few_else_the_same_seeded_sample_each_run():
    from evaluate_outlet_subsets import outlet_subsets

    outlets = ["a", "b", "c", "d", "e", "f"]
    assert outlet_subsets(outlets, 5, samples=6, seed="s") == [tuple(x for x in outlets if x != gone) for gone in reversed(outlets)]
    drawn = outlet_subsets(outlets, 3, samples=6, seed="s:3")
    assert len(set(drawn)) == 6 and drawn == outlet_subsets(outlets, 3, samples=6, seed="s:3")
    assert all(list(subset) == sorted(subset) for subset in drawn)
