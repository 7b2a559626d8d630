"""Work spread over forked processes (`--jobs`): the same results as one process,
errors and interruptions as in one process, and no process left behind."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

import comparators.discrepancies
import comparators.export
import comparators.workers
from comparators.discrepancies import find_discrepancies
from comparators.errors import StoryError
from comparators.diff import remembered_word_diff_runs
from comparators.export import diffed_pairs, to_json_bytes
from comparators.facts import extract_facts
from comparators.loading import default_story_path, load_story
from comparators.pipeline import compare
from comparators.workers import in_background, map_parts, parts_in_background
from synthetic import synthetic_story
from cli_helpers import run_synopsis


def children() -> set[int]:
    """This process's children, running or unreaped (Linux's /proc)."""
    return {int(pid) for task in Path("/proc/self/task").iterdir() for pid in (task / "children").read_text().split()}


@pytest.fixture
def no_child_left():
    """Fails the test when it leaves a child process behind (other tests' may run on)."""
    before = children()
    yield
    assert children() <= before


@pytest.fixture
def every_story_spread(monkeypatch):
    """Spread work however small the story, so the seeds take every forked path."""
    monkeypatch.setattr(comparators.workers, "PARALLEL_PASSAGES", 0)


def _child_took_a_part(marker: Path) -> None:
    """In the parent, holding a part: wait until the child has taken one (marked it)."""
    waited = time.monotonic()
    while not marker.exists() and time.monotonic() - waited < 30:
        time.sleep(0.01)


def test_parts_come_back_in_order_whatever_the_number_of_jobs(no_child_left):
    expected = [part * part for part in range(7)]
    for jobs in (1, 2, 3, 8):
        assert map_parts(lambda part: part * part, 7, jobs) == expected


def test_parts_no_process_took_are_taken_by_the_process_asking(tmp_path, no_child_left):
    parent = os.getpid()
    started = tmp_path / "started"

    def slow_elsewhere(part: int) -> tuple[int, int]:
        if os.getpid() != parent:
            started.touch()
            time.sleep(0.3)  # the child is slow: the parent, once it asks, takes what is left
        return part, os.getpid()

    with parts_in_background(slow_elsewhere, 12, 2) as results:
        _child_took_a_part(started)  # until the child holds its first part
        found = results()
    assert [part for part, _ in found] == list(range(12))  # each part once, in order
    by_parent = [part for part, pid in found if pid == parent]
    assert 6 <= len(by_parent) < 12  # the child took one or a few, the parent the rest


def test_parts_taken_by_several_children_come_back_in_order(no_child_left):
    with parts_in_background(lambda part: part * 3, 50, 4) as results:
        assert results() == [part * 3 for part in range(50)]


def test_more_parts_than_the_queue_holds_come_back_each_once_in_order(no_child_left):
    # Past the pipe's room (--jobs in the thousands on a big story), parts go out in runs.
    parts = comparators.workers.MAX_PARTS * 2 + 3
    assert map_parts(lambda part: part + 1, parts, 3) == [part + 1 for part in range(parts)]


def test_a_queue_that_cannot_be_filled_leaves_no_pipe_open(monkeypatch, no_child_left):
    def refused(fd: int, data: bytes) -> int:
        raise OSError(28, "No space left on device")

    opened = len(os.listdir("/proc/self/fd"))
    monkeypatch.setattr(comparators.workers.os, "write", refused)
    with pytest.raises(OSError, match="No space left"):
        map_parts(lambda part: part, 8, 2)
    monkeypatch.undo()
    assert len(os.listdir("/proc/self/fd")) == opened


def test_a_forked_part_reads_the_parents_memory_as_it_stood():
    table = {part: f"part {part}" for part in range(4)}  # never sent: the child has it
    assert map_parts(table.__getitem__, 4, 2) == ["part 0", "part 1", "part 2", "part 3"]


def test_an_error_in_a_child_is_raised_in_the_parent_and_no_child_is_left(tmp_path, no_child_left):
    parent, marker = os.getpid(), tmp_path / "taken"

    def failing(part: int) -> int:
        if os.getpid() != parent:  # the child fails on the part it takes
            marker.touch()
            raise StoryError("story.yaml", "a bad manifest")
        _child_took_a_part(marker)
        return part

    with pytest.raises(StoryError, match="a bad manifest"):
        map_parts(failing, 2, 2)


def test_an_error_in_a_child_stops_the_parent_taking_more_parts(tmp_path, no_child_left):
    parent, marker, by_parent = os.getpid(), tmp_path / "taken", []

    def failing_elsewhere(part: int) -> int:
        if os.getpid() != parent:
            marker.touch()
            raise StoryError("story.yaml", "a bad manifest")
        _child_took_a_part(marker)
        by_parent.append(part)
        time.sleep(0.1)  # 60 parts: six seconds had the parent gone on to take them all
        return part

    with pytest.raises(StoryError, match="a bad manifest"):
        map_parts(failing_elsewhere, 60, 2)
    assert len(by_parent) < 30


def test_a_child_killed_while_it_holds_a_part_is_an_error_and_no_child_is_left(tmp_path, no_child_left):
    parent, marker = os.getpid(), tmp_path / "taken"

    def killed_elsewhere(part: int) -> int:
        if os.getpid() != parent:
            marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would
        _child_took_a_part(marker)
        return part

    with pytest.raises(RuntimeError, match="ended without a result"):
        map_parts(killed_elsewhere, 4, 2)


def test_leaving_early_stops_the_children_holding_parts(no_child_left):
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        with parts_in_background(lambda part: time.sleep(60), 4, 3):
            raise KeyboardInterrupt  # Ctrl-C while the parts are out
    assert time.monotonic() - started < 30


def test_an_error_that_does_not_pickle_comes_back_with_its_message(no_child_left):
    class Local(Exception):  # defined in a function: pickle cannot find it again
        pass

    def failing() -> None:
        raise Local("the message")

    with pytest.raises(RuntimeError, match="Local: the message"):
        with in_background(failing, True) as result:
            result()


def test_leaving_early_stops_the_child(no_child_left):
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        with in_background(lambda: time.sleep(60), True):
            raise KeyboardInterrupt  # Ctrl-C while the child works
    assert time.monotonic() - started < 30


def test_one_job_works_in_this_process_only():
    pid = os.getpid()
    with in_background(os.getpid, False) as result:
        assert result() == pid
    assert map_parts(lambda part: os.getpid(), 3, 1) == [pid, pid, pid]


def test_plain_data_comes_back_from_a_worker_as_it_was(seed_comparison, no_child_left):
    texts = [p.text for s in seed_comparison.story.sources for p in s.paragraphs]
    sent = (seed_comparison.story, seed_comparison.groups, seed_comparison.quotes, [extract_facts(t) for t in texts])
    with in_background(lambda: sent, True) as result:
        story, groups, quotes, facts = result()
    assert (story, groups, quotes, facts) == sent
    assert [g.scores for g in groups] == [g.scores for g in seed_comparison.groups]  # not compared by ==
    assert any(fact.amounts for found in facts for fact in found)  # figures and their amounts came back


def test_a_spread_comparison_exports_the_same_bytes(seed_story, every_story_spread, no_child_left):
    one = to_json_bytes(compare(seed_story, jobs=1), jobs=1)
    assert to_json_bytes(compare(seed_story, jobs=2), jobs=2) == one
    assert to_json_bytes(compare(seed_story, jobs=3), "all", jobs=3) == to_json_bytes(compare(seed_story), "all")


def test_word_diffs_worked_out_while_comparing_export_the_same_bytes(seed_story, every_story_spread, no_child_left):
    pivot_only = to_json_bytes(compare(seed_story, jobs=1), jobs=1)
    every_diff = to_json_bytes(compare(seed_story), "all")
    assert to_json_bytes(compare(seed_story, jobs=2, diffs="pivot"), jobs=2) == pivot_only
    assert to_json_bytes(compare(seed_story, jobs=3, diffs="all"), "all", jobs=1) == every_diff
    # Diffs worked out for the compact export leave the others to the export itself.
    assert to_json_bytes(compare(seed_story, jobs=2, diffs="pivot"), "all", jobs=2) == every_diff


def test_word_diffs_worked_out_in_parts_export_the_same_bytes(seed_story, every_story_spread, monkeypatch, no_child_left):
    monkeypatch.setattr(comparators.export, "DIFFS_PER_PART", 1)  # a part per diff: the child and this process share them
    every_diff = to_json_bytes(compare(seed_story), "all")
    assert to_json_bytes(compare(seed_story, jobs=2, diffs="all"), "all", jobs=1) == every_diff


def test_word_diffs_worked_out_while_comparing_are_forgotten_by_the_next_comparison(seed_story, every_story_spread):
    comparison = compare(seed_story, jobs=2, diffs="all")
    pairs = diffed_pairs(comparison.groups, comparison.pivot, "all")
    assert all(remembered_word_diff_runs(*pair) is not None for pair in pairs)
    compare(synthetic_story(3, 4, seed=1))
    assert all(remembered_word_diff_runs(*pair) is None for pair in pairs)


def test_a_story_of_several_outlets_per_part_compares_the_same(every_story_spread):
    story = synthetic_story(9, 12, seed=3)
    assert to_json_bytes(compare(story, jobs=2), jobs=2) == to_json_bytes(compare(story))


def test_a_story_read_in_parts_is_the_same_story(seed_story, every_story_spread, no_child_left):
    assert load_story([default_story_path()], jobs=2) == seed_story
    assert load_story([default_story_path()], jobs=3) == seed_story


def test_a_bad_file_read_in_another_process_is_reported_as_in_one(tmp_path, every_story_spread, no_child_left):
    for name, text in (("a.txt", "First article.\n"), ("b.txt", "Second article.\n"), ("c.txt", "")):
        (tmp_path / name).write_text(text, encoding="utf-8")  # c.txt, read by the child, is empty
    with pytest.raises(StoryError) as in_one:
        load_story([tmp_path], jobs=1)
    with pytest.raises(StoryError) as in_two:
        load_story([tmp_path], jobs=2)
    assert str(in_two.value) == str(in_one.value)
    assert "c.txt: empty file" in str(in_two.value)


def test_names_compared_in_a_worker_give_the_same_discrepancies(seed_story, every_story_spread, no_child_left):
    comparison = compare(seed_story)
    found = find_discrepancies(seed_story, comparison.groups, comparison.quotes, jobs=2)
    assert found == comparison.discrepancies
    assert {d.kind for d in found} >= {"name", "number"}  # both sides of the fork found some


def test_an_error_comparing_names_in_a_worker_is_raised_and_no_child_is_left(
    seed_comparison, every_story_spread, monkeypatch, no_child_left
):
    def failing(*_):
        raise StoryError("story.yaml", "names failed")

    monkeypatch.setattr(comparators.discrepancies, "_name_discrepancies", failing)  # the child inherits it
    with pytest.raises(StoryError, match="names failed"):
        find_discrepancies(seed_comparison.story, seed_comparison.groups, seed_comparison.quotes, jobs=2)


def test_export_takes_a_number_of_jobs(tmp_path):
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    assert run_synopsis("export", "--jobs", "1", "-o", str(one)).returncode == 0
    assert run_synopsis("export", "-j", "2", "-o", str(two)).returncode == 0
    assert one.read_bytes() == two.read_bytes()


def test_the_export_does_not_depend_on_the_processes_hash_seed(tmp_path):
    # Word sets iterate in the hash seed's order; a link probability near a tree's
    # split must not move with the float sums' order (it once changed a confidence).
    outputs = [tmp_path / f"seed-{seed}.json" for seed in ("1", "2", "6")]
    for seed, output in zip(("1", "2", "6"), outputs):
        assert run_synopsis("export", "-j", "1", "-o", str(output), PYTHONHASHSEED=seed, SYNOPSIS_NO_CACHE="1").returncode == 0
    assert outputs[0].read_bytes() == outputs[1].read_bytes() == outputs[2].read_bytes()


def test_a_number_of_jobs_below_one_is_refused():
    done = run_synopsis("export", "--jobs", "0")
    assert done.returncode != 0
    assert "at least 1" in done.stderr
    assert "Traceback" not in done.stderr
