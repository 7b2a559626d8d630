"""The cycle collector pauses while a story is compared or exported, and comes back as it was."""

from __future__ import annotations

import gc
import weakref

import pytest

from comparators import load_story
from comparators.collector import collect_the_frozen, cycle_collection_paused, kept_with_the_frozen
from comparators.export import to_json_bytes
from comparators.pipeline import compare


@pytest.fixture
def collector_on():
    """The collector on, with nothing frozen (a reader test before freezes its comparison)."""
    was = gc.isenabled()
    gc.enable()
    gc.unfreeze()
    yield
    if was:  # as it was, whatever the test did: a collector left off would stay off all session
        gc.enable()
    else:
        gc.disable()


def test_the_collector_is_paused_while_comparing_and_back_after(collector_on):
    during: list[bool] = []
    comparison = compare(load_story([]), progress=lambda stage, done: during.append(gc.isenabled()))
    assert during and not any(during)
    assert gc.isenabled()
    to_json_bytes(comparison)
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off(collector_on):
    gc.disable()
    with cycle_collection_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_the_collector_comes_back_after_an_error(collector_on):
    with pytest.raises(ValueError), cycle_collection_paused():
        raise ValueError("bad story")
    assert gc.isenabled()


def test_ctrl_c_while_comparing_turns_the_collector_back_on(collector_on):
    def interrupted(stage: str, done: float) -> None:
        if stage == "quotes":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        compare(load_story([]), progress=interrupted)
    assert gc.isenabled()


def test_a_pause_inside_a_pause_leaves_the_outer_one_paused(collector_on):
    with cycle_collection_paused():
        with cycle_collection_paused():
            pass
        assert not gc.isenabled()  # the inner one ending does not end the outer one
    assert gc.isenabled()


def test_what_a_pause_kept_is_not_walked_again_by_the_next_young_collection(collector_on):
    with cycle_collection_paused():
        kept = [[n] for n in range(1000)]
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(item) in oldest for item in kept)  # where a young collection does not look
    assert gc.get_freeze_count() == 0


def test_a_cycle_made_during_a_pause_is_still_collected_after_it(collector_on):
    class Node:
        pass

    with cycle_collection_paused():
        node = Node()
        node.itself = node
        alive = weakref.ref(node)
    del node
    gc.collect()
    assert alive() is None


def test_what_the_caller_froze_stays_frozen(collector_on):
    frozen = [[n] for n in range(100)]
    gc.freeze()  # as the reader does with its comparison
    try:
        count = gc.get_freeze_count()
        with cycle_collection_paused():
            pass
        assert gc.get_freeze_count() == count
    finally:
        gc.unfreeze()
    del frozen


def test_what_a_block_kept_joins_what_the_caller_froze_and_the_collector_comes_back(collector_on):
    gc.freeze()  # as the reader does with its comparison, before a pivot change
    try:
        with kept_with_the_frozen():
            assert not gc.isenabled()
            kept = [[n] for n in range(1000)]
        assert gc.isenabled()
        walked = {id(o) for o in gc.get_objects()}  # every generation a collection walks
        assert not any(id(item) in walked for item in kept)
        assert gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()


def test_a_collector_turned_off_stays_off_after_a_block_kept_with_the_frozen(collector_on):
    gc.disable()
    with kept_with_the_frozen():
        pass
    assert not gc.isenabled()
    gc.unfreeze()


def test_a_pivot_change_leaves_no_cycle_for_the_reader_to_keep_frozen(collector_on):
    """The reader changes the pivot under `kept_with_the_frozen`: a cycle it leaves is kept
    for good, with all it holds (the old order's groups, a pivot change after another)."""
    from reader_helpers import synthetic_comparison  # tests/support is on pytest's pythonpath

    from comparators import with_pivot
    from comparators.ordering import ReadingIndex

    comparison = synthetic_comparison(6, 200, seed=1)
    index = ReadingIndex.of(comparison.groups, comparison.story)
    pivots = [source.id for source in comparison.story.sources[1:]]
    gc.collect()
    gc.disable()
    try:
        for pivot in pivots:
            comparison = with_pivot(comparison, pivot, index)
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_collecting_the_frozen_frees_their_cycles_and_freezes_the_living_again(collector_on):
    class Node:
        pass

    living = [[n] for n in range(100)]
    node = Node()
    node.itself = node  # as a Textual strip holding itself in its own cache
    dead = weakref.ref(node)
    gc.freeze()
    try:
        del node
        gc.collect()
        assert dead() is not None  # frozen: the collector does not look at it
        assert collect_the_frozen() >= 1
        assert dead() is None
        walked = {id(o) for o in gc.get_objects()}
        assert not any(id(item) in walked for item in living)  # frozen again
    finally:
        gc.unfreeze()
