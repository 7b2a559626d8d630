"""Review sessions never lose a mark or a note: keys, files, saving, locking."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys

import pytest

from comparators import Group, GroupKind, Member, Settings, compare, load_story, with_pivot
from comparators.model import Mark
from comparators.review import (
    ChangeKind,
    GroupIndex,
    Review,
    attach,
    next_group,
    orphans_in_words,
    source_changes,
    with_mark,
    with_position,
    with_sources,
)
from comparators.review_store import (
    ReviewFileError,
    ReviewLock,
    ReviewWriteError,
    alternative_path,
    backup_path,
    load_review,
    review_path_for,
    save_review,
)

from reader_helpers import SEEDS

TRICKY_NOTES = [
    'AP says "500 km": wrong — it\'s 5,000 km.\nSee: Xinhua §3 “quoted”.',
    "Ünïcödé: Тегеран, 德黑兰, طهران 🚀\n\n  indented line\tand a tab ",
    "trailing newline\n",
    "yes",
    "null",
    "- looks like a list: [1, 2]",
    "# not a comment",
    "line\u2028separator and next\x85line",
    "\r\nwindows line end",
]


def group(gid: str, *members: tuple[str, int, str]) -> Group:
    kind = GroupKind.UNIQUE if len(members) == 1 else GroupKind.PARTIAL
    return Group(gid, kind, tuple(Member(*m) for m in members))


AP0 = ("ap", 0, "Russian bombers took off from Hamadan on Tuesday.")
GUARDIAN0 = ("guardian", 0, "Russian long-range bombers took off from Hamadan on Tuesday.")
HERALD0 = ("herald", 0, "Bombers flew from an airbase in western Iran.")
AP1 = ("ap", 1, "The Pentagon was told in advance.")
GUARDIAN1 = ("guardian", 1, "Iran's parliament speaker confirmed the move.")

# The same passages aligned at a low threshold (one big group) and a high one (split).
LOW = (group("g1", AP0, GUARDIAN0, HERALD0), group("g2", AP1), group("g3", GUARDIAN1))
HIGH = (
    group("g1", AP0, GUARDIAN0),
    group("g2", HERALD0),
    group("g3", AP1),
    group("g4", GUARDIAN1),
)


def laid(review: Review, groups):
    """The review laid over these groups, as the reader does."""
    return attach(review, GroupIndex.of(groups))


def marked(groups, marks: dict[str, Mark]) -> Review:
    review = Review()
    for gid, mark in marks.items():
        target = next(g for g in groups if g.id == gid)
        review = with_mark(review, laid(review, groups), target, mark)
    return review


@pytest.fixture
def story_copy(tmp_path):
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, tmp_path)
    shutil.copy(SEEDS / "story.yaml", tmp_path)
    return tmp_path / "story.yaml"


# ---------------------------------------------------------------- notes and files


@pytest.mark.parametrize("note", TRICKY_NOTES)
def test_a_note_with_quotes_colons_newlines_and_non_ascii_comes_back_exactly(tmp_path, note):
    path = tmp_path / "story.review.yaml"
    review = marked(LOW, {"g1": Mark(reviewed=True, note=note)})
    save_review(path, review, title="Bombers: “Hamadan”")
    assert load_review(path) == review
    assert laid(load_review(path), LOW).mark("g1").note == note


def test_a_crash_between_writing_and_renaming_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "story.review.yaml"
    first = marked(LOW, {"g1": Mark(reviewed=True, note="checked against AP")})
    save_review(path, first)
    before = path.read_bytes()

    def crash(*args):
        raise OSError("killed")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(ReviewWriteError):
        save_review(path, marked(LOW, {"g2": Mark(flagged=True)}))
    monkeypatch.undo()

    assert path.read_bytes() == before
    assert load_review(path) == first
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".tmp") == []


def test_each_save_keeps_the_previous_version_as_a_backup(tmp_path):
    path = tmp_path / "story.review.yaml"
    first = marked(LOW, {"g1": Mark(reviewed=True)})
    second = marked(LOW, {"g1": Mark(reviewed=True), "g2": Mark(flagged=True)})
    save_review(path, first)
    save_review(path, second)
    assert load_review(backup_path(path)) == first
    assert load_review(path) == second


def test_a_new_review_file_gets_the_mode_the_umask_gives_new_files(tmp_path, umask_027):
    path = tmp_path / "story.review.yaml"
    save_review(path, marked(LOW, {"g1": Mark(reviewed=True)}))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.parametrize("mode", [0o644, 0o660, 0o600])
def test_saving_keeps_the_review_files_permissions(tmp_path, umask_027, mode):
    path = tmp_path / "story.review.yaml"
    save_review(path, Review())
    path.chmod(mode)  # shared with a group, say
    save_review(path, marked(LOW, {"g1": Mark(reviewed=True)}))
    save_review(path, marked(LOW, {"g2": Mark(flagged=True)}))
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert stat.S_IMODE(backup_path(path).stat().st_mode) == mode


def test_a_review_file_reached_through_a_link_is_saved_through_it(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / "story.review.yaml"
    save_review(target, Review())
    link = tmp_path / "story.review.yaml"
    link.symlink_to(target)
    save_review(link, marked(LOW, {"g1": Mark(flagged=True)}))
    assert link.is_symlink() and link.resolve() == target
    assert load_review(target) == marked(LOW, {"g1": Mark(flagged=True)})


def test_a_corrupt_review_file_is_reported_with_its_line_and_left_untouched(tmp_path):
    path = tmp_path / "story.review.yaml"
    corrupt = b"version: 1\nmarks:\n  abc: {reviewed: true\n  note: [unclosed\n"
    path.write_bytes(corrupt)
    with pytest.raises(ReviewFileError) as raised:
        load_review(path)
    assert raised.value.path == path and raised.value.line is not None
    assert str(path) in str(raised.value)
    assert path.read_bytes() == corrupt
    assert alternative_path(path).name == "story.2.review.yaml"


def test_a_review_file_with_the_wrong_shape_names_the_key(tmp_path):
    path = tmp_path / "story.review.yaml"
    path.write_text("marks:\n  abc:\n    reviewed: maybe\n", encoding="utf-8")
    with pytest.raises(ReviewFileError, match=r"marks\.abc\.reviewed"):
        load_review(path)


def test_a_missing_review_file_is_an_empty_review(tmp_path):
    assert load_review(tmp_path / "story.review.yaml") == Review()


def test_a_folder_that_cannot_be_written_raises_a_write_error(tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("", encoding="utf-8")
    with pytest.raises(ReviewWriteError):
        save_review(not_a_folder / "story.review.yaml", Review())
    with pytest.raises(ReviewWriteError):
        ReviewLock(not_a_folder / "story.review.yaml").acquire()


def test_the_review_file_sits_beside_the_manifest(story_copy):
    story = load_story([story_copy])
    assert review_path_for(story) == story_copy.parent / "story.review.yaml"


def test_loose_files_share_one_review_in_the_state_folder_whatever_their_order(story_copy, tmp_path):
    files = sorted(story_copy.parent.glob("*.txt"))
    state = tmp_path / "state"
    one = review_path_for(load_story(files), state_dir=state)
    other = review_path_for(load_story(files[::-1]), state_dir=state)
    fewer = review_path_for(load_story(files[:2]), state_dir=state)
    assert one == other and one.parent == state and one.name.endswith(".review.yaml")
    assert fewer != one


# ---------------------------------------------------------------- re-alignment


def test_a_changed_threshold_keeps_marks_on_the_groups_that_hold_their_passages():
    review = marked(
        LOW,
        {
            "g1": Mark(reviewed=True, note="all three agree"),
            "g3": Mark(flagged=True, note="speaker unconfirmed"),
        },
    )
    split = laid(review, HIGH)
    # g1 at the low threshold holds two of its three passages in HIGH's g1.
    assert split.mark("g1") == Mark(reviewed=True, note="all three agree")
    assert split.mark("g2") == Mark()
    assert split.mark("g4") == Mark(flagged=True, note="speaker unconfirmed")
    assert split.orphans == ()

    # Back to the low threshold: the exact groups come back with their marks.
    assert laid(review, LOW).marks == {
        "g1": Mark(reviewed=True, note="all three agree"),
        "g3": Mark(flagged=True, note="speaker unconfirmed"),
    }


def test_marks_on_groups_that_merge_are_combined_without_losing_a_note():
    review = marked(
        HIGH,
        {
            "g1": Mark(reviewed=True, note="AP and Guardian agree"),
            "g2": Mark(flagged=True, note="Herald says western Iran"),
        },
    )
    merged = laid(review, LOW)
    assert merged.mark("g1") == Mark(
        reviewed=False, flagged=True, note="AP and Guardian agree\n\nHerald says western Iran"
    )
    # Editing the merged group replaces both entries by one under its key.
    edited = with_mark(review, merged, LOW[0], Mark(reviewed=True, note="done"))
    assert list(edited.entries) == [merged.keys["g1"]]


def test_a_mark_whose_passages_are_gone_is_kept_as_an_orphan_and_saved(tmp_path):
    review = marked(LOW, {"g3": Mark(flagged=True, note="speaker unconfirmed")})
    edited = LOW[:2] + (group("g3", ("guardian", 1, "Iran's foreign minister denied it.")),)
    attached = laid(review, edited)
    assert attached.marks == {}
    [orphan] = attached.orphans
    assert orphan.entry.mark.note == "speaker unconfirmed"
    assert orphan.entry.excerpt.startswith("Iran's parliament speaker")

    assert orphans_in_words(attached.orphans) == "1 mark with a note"

    # Marking something else keeps the orphan in the file.
    review = with_mark(review, attached, edited[0], Mark(reviewed=True))
    path = tmp_path / "story.review.yaml"
    save_review(path, review)
    assert [o.entry.mark.note for o in laid(load_review(path), edited).orphans] == [
        "speaker unconfirmed"
    ]


def test_marks_made_at_one_threshold_all_land_somewhere_at_another(seed_story):
    loose = compare(seed_story, Settings(threshold=0.2))
    strict = compare(seed_story, Settings(threshold=0.6))
    review = Review()
    for g in loose.groups:
        if len(g.members) > 1:
            review = with_mark(review, laid(review, loose.groups), g, Mark(reviewed=True))
    attached = laid(review, strict.groups)
    assert attached.orphans == ()
    assert attached.reviewed >= 1
    kept = {k for gid, k in laid(review, loose.groups).keys.items() if k in review.entries}
    survivors = {gid for gid, key in attached.keys.items() if key in kept}
    assert all(attached.mark(gid).reviewed for gid in survivors)


def test_marks_follow_their_groups_when_the_pivot_changes(seed_comparison):
    groups = seed_comparison.groups
    review = marked(groups, {groups[3].id: Mark(flagged=True, note="check the date")})
    other_pivot = next(s.id for s in seed_comparison.story.sources if s.id != seed_comparison.pivot)
    repivoted = with_pivot(seed_comparison, other_pivot)
    attached = laid(review, repivoted.groups)
    [(gid, mark)] = attached.marks.items()
    assert repivoted.group(gid).members == groups[3].members
    assert mark.note == "check the date"


def test_the_last_position_and_progress_come_back(tmp_path):
    review = marked(LOW, {"g1": Mark(reviewed=True), "g2": Mark(reviewed=True, flagged=True)})
    review = with_position(review, laid(review, LOW), "g2")
    path = tmp_path / "story.review.yaml"
    save_review(path, review)
    attached = laid(load_review(path), LOW)
    assert attached.position == "g2"
    assert attached.progress == "2/3 reviewed, 1 flagged"
    assert next_group(LOW, "g1", lambda gid: not attached.mark(gid).reviewed) == "g3"
    assert next_group(LOW, "g3", lambda gid: attached.mark(gid).flagged) == "g2"  # wraps round


# ---------------------------------------------------------------- changed sources


def test_a_source_edited_since_the_review_is_named(story_copy):
    story = load_story([story_copy])
    review = with_sources(Review(), story)
    assert source_changes(review, story) == ()
    ap = next(s for s in story.sources if s.outlet == "AP")
    ap.path.write_text(ap.path.read_text(encoding="utf-8") + "\nA correction.\n", encoding="utf-8")
    [change] = source_changes(review, load_story([story_copy]))
    assert change.source == ap.id and change.kind is ChangeKind.CHANGED
    assert "AP" in str(change)


# ---------------------------------------------------------------- sessions


def test_a_second_session_on_the_same_file_is_read_only(tmp_path):
    path = tmp_path / "story.review.yaml"
    first, second = ReviewLock(path), ReviewLock(path)
    assert first.acquire()
    assert not second.acquire()
    assert second.holder.pid == os.getpid()
    second.release()  # a read-only session leaves the holder's lock alone
    assert first.path.exists()
    first.release()
    assert not first.path.exists()
    assert second.acquire()
    second.release()


def test_a_lock_left_by_a_process_that_is_gone_is_taken_over(tmp_path):
    path = tmp_path / "story.review.yaml"
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    dead_pid = int(finished.stdout)
    lock = ReviewLock(path)
    lock.path.write_text(f"{dead_pid} {socket.gethostname()} oldtoken\n", encoding="utf-8")
    assert lock.acquire()
    assert lock.path.read_text(encoding="utf-8").split()[0] == str(os.getpid())
    lock.release()


def test_a_lock_held_on_another_host_is_respected(tmp_path):
    path = tmp_path / "story.review.yaml"
    lock = ReviewLock(path)
    lock.path.write_text("1 some-other-host token\n", encoding="utf-8")
    assert not lock.acquire()
    assert str(lock.holder) == "process 1 on some-other-host"


def test_marks_no_passage_matches_are_counted_with_their_notes():
    review = marked(LOW, {"g1": Mark(note="one"), "g2": Mark(flagged=True), "g3": Mark(note="three")})
    nothing = (group("g1", ("ap", 9, "Another text altogether.")),)
    assert orphans_in_words(laid(review, nothing).orphans) == "3 marks, 2 with notes"
    only_flags = marked(LOW, {"g2": Mark(flagged=True), "g3": Mark(reviewed=True)})
    assert orphans_in_words(laid(only_flags, nothing).orphans) == "2 marks"
