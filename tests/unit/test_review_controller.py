"""The reader's review session keeps every mark, whatever happens to the file."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from comparators import compare, load_story, with_pivot
from comparators.model import Mark
from comparators.review import GroupIndex, Review, attach, with_mark
from comparators.review_store import alternative_path, dump_review, load_review, review_path_for
from reader_helpers import SEEDS
from tui.cli.main import main
from tui.state.review_controller import ReviewController


@pytest.fixture
def groups(seed_comparison):
    return seed_comparison.groups


def session(seed_story, groups, path) -> ReviewController:
    return ReviewController(seed_story, groups, path)


def marked_review(groups, group, mark: Mark) -> Review:
    return with_mark(Review(), attach(Review(), GroupIndex.of(groups)), group, mark)


def test_every_change_is_saved_at_once_and_comes_back_in_the_next_session(seed_story, groups, tmp_path):
    path = tmp_path / "story.review.yaml"
    first = session(seed_story, groups, path)
    assert first.toggle_reviewed(groups[0].id) is None
    assert first.toggle_flagged(groups[2].id) is None
    assert first.set_note(groups[2].id, 'AP: "wrong date"\nsee Xinhua') is None
    assert len(load_review(path).entries) == 2  # already on disk, before closing
    first.move_to(groups[5].id)
    first.close()

    second = session(seed_story, groups, path)
    assert second.mark(groups[0].id) == Mark(reviewed=True)
    assert second.mark(groups[2].id) == Mark(flagged=True, note='AP: "wrong date"\nsee Xinhua')
    assert second.attachment.position == groups[5].id
    assert second.progress == f"1/{len(groups)} reviewed, 1 flagged"
    assert second.status_messages() == []
    second.close()


def continued_after_damage(seed_story, groups, path: Path, note: str) -> None:
    """A damaged review at `path`; a session that carried on in the suggested file and left `note`."""
    path.write_text("marks: {abc: [\n", encoding="utf-8")
    first = session(seed_story, groups, path)
    assert first.continue_in(first.suggested_path()) is None
    assert first.set_note(groups[0].id, note) is None
    first.close()


def test_the_next_session_carries_on_in_the_file_that_continued_a_corrupt_one(seed_story, groups, tmp_path):
    path = tmp_path / "story.review.yaml"
    continued_after_damage(seed_story, groups, path, "the latest note")

    second = session(seed_story, groups, path)
    assert second.path == tmp_path / "story.2.review.yaml" and second.saving
    assert second.mark(groups[0].id).note == "the latest note"
    assert "story.review.yaml cannot be read" in second.status_messages()[0]
    assert "carrying on in story.2.review.yaml" in second.status_messages()[0]
    assert second.toggle_flagged(groups[1].id) is None
    second.close()
    assert path.read_text(encoding="utf-8") == "marks: {abc: [\n"  # still untouched
    assert sorted(p.name for p in tmp_path.glob("*.review.yaml")) == ["story.2.review.yaml", "story.review.yaml"]


def test_a_review_file_name_with_escape_sequences_reaches_the_messages_without_them(seed_story, groups, tmp_path):
    path = tmp_path / "a\x1b[31mred.review.yaml"
    continued_after_damage(seed_story, groups, path, "a note")

    second = session(seed_story, groups, path)
    messages = second.status_messages()
    second.close()
    assert "ared.review.yaml cannot be read" in messages[0]
    assert "carrying on in ared.2.review.yaml" in messages[0]
    assert not any("\x1b" in message for message in messages)


def test_a_continuation_that_cannot_be_read_either_is_continued_in_turn(seed_story, groups, tmp_path):
    path = tmp_path / "story.review.yaml"
    path.write_text("marks: {abc: [\n", encoding="utf-8")
    alternative_path(path).write_text("version: 99\n", encoding="utf-8")
    first = session(seed_story, groups, path)
    assert first.unreadable is not None and first.path == path  # neither can be read
    new = first.suggested_path()
    assert new.name == "story.3.review.yaml"
    assert first.continue_in(new) is None and first.toggle_reviewed(groups[0].id) is None
    first.close()
    second = session(seed_story, groups, path)
    assert second.path == new and second.mark(groups[0].id).reviewed
    second.close()


def test_unmarking_a_group_removes_it_from_the_file(seed_story, groups, tmp_path):
    path = tmp_path / "story.review.yaml"
    review = session(seed_story, groups, path)
    review.toggle_reviewed(groups[0].id)
    review.toggle_reviewed(groups[0].id)
    assert load_review(path).entries == {}
    review.close()


def test_a_second_session_is_read_only_and_refuses_changes(seed_story, groups, tmp_path):
    path = tmp_path / "story.review.yaml"
    first = session(seed_story, groups, path)
    first.toggle_reviewed(groups[0].id)
    second = session(seed_story, groups, path)
    assert second.read_only
    assert second.mark(groups[0].id).reviewed  # it still shows the marks
    assert "Read-only" in second.toggle_flagged(groups[1].id)
    assert "read-only" in second.status_messages()[0]
    second.close()
    assert first.toggle_flagged(groups[1].id) is None  # the holder still saves
    first.close()


def test_a_corrupt_review_is_left_untouched_and_marks_continue_in_a_new_file(seed_story, groups, tmp_path):
    path = tmp_path / "story.review.yaml"
    path.write_text("marks: {abc: [\n", encoding="utf-8")
    review = session(seed_story, groups, path)
    assert "left untouched" in review.status_messages()[0]
    assert "Not saved" in review.toggle_reviewed(groups[0].id)
    assert path.read_text(encoding="utf-8") == "marks: {abc: [\n"
    assert review.mark(groups[0].id).reviewed  # kept in memory

    new_path = alternative_path(path)
    assert review.continue_in(new_path) is None
    assert len(load_review(new_path).entries) == 1
    assert path.read_text(encoding="utf-8") == "marks: {abc: [\n"
    review.close()


def test_an_unwritable_folder_keeps_marks_in_memory_until_another_path_is_chosen(seed_story, groups, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    review = session(seed_story, groups, blocker / "story.review.yaml")
    assert "Cannot save" in review.status_messages()[0]
    assert "kept in memory" in review.toggle_flagged(groups[0].id)
    assert review.mark(groups[0].id).flagged

    elsewhere = tmp_path / "elsewhere.review.yaml"
    assert review.continue_in(elsewhere) is None
    assert review.saving
    assert load_review(elsewhere).entries
    review.close()


def test_continuing_refuses_to_write_over_an_existing_file(seed_story, groups, tmp_path):
    taken = tmp_path / "taken.review.yaml"
    taken.write_text("precious: notes\n", encoding="utf-8")
    review = session(seed_story, groups, tmp_path / "story.review.yaml")
    assert "already exists" in review.continue_in(taken)
    assert taken.read_text(encoding="utf-8") == "precious: notes\n"
    review.close()


def test_undo_follows_a_mark_to_its_group_after_the_pivot_changes(seed_story, seed_comparison, tmp_path):
    path = tmp_path / "story.review.yaml"
    review = session(seed_story, seed_comparison.groups, path)
    target = seed_comparison.groups[3]
    review.toggle_flagged(target.id)
    other = next(s.id for s in seed_story.sources if s.id != seed_comparison.pivot)
    pivoted = with_pivot(seed_comparison, other)
    review.regroup(pivoted.groups)
    moved = next(g.id for g in pivoted.groups if g.members == target.members)

    undone = review.undo()
    assert undone.group_id == moved and undone.message == f"Undone: flag on {moved}."
    assert load_review(path).entries == {}
    assert review.redo().group_id == moved and review.mark(moved).flagged
    assert review.redo().message == "Nothing to redo."
    review.close()


def test_a_new_change_after_an_undo_clears_what_could_be_redone(seed_story, groups, tmp_path):
    review = session(seed_story, groups, tmp_path / "story.review.yaml")
    review.toggle_flagged(groups[0].id)
    review.undo()
    review.toggle_reviewed(groups[1].id)
    assert review.redo().message == "Nothing to redo."
    assert not review.mark(groups[0].id).flagged
    review.close()


def test_marks_no_file_holds_are_known_until_saved_elsewhere(seed_story, groups, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    review = session(seed_story, groups, blocker / "story.review.yaml")
    assert not review.has_unsaved_marks  # nothing changed yet
    review.toggle_flagged(groups[0].id)
    assert review.has_unsaved_marks
    assert review.continue_in(tmp_path / "elsewhere.review.yaml") is None
    assert not review.has_unsaved_marks
    review.close()


def test_after_a_pivot_change_marks_land_as_in_a_session_opened_on_that_pivot(seed_story, seed_comparison, tmp_path):
    path = tmp_path / "story.review.yaml"
    review = session(seed_story, seed_comparison.groups, path)
    for target in seed_comparison.groups[2:6]:
        review.toggle_reviewed(target.id)
    review.set_note(seed_comparison.groups[7].id, "check the toll")
    for source in seed_story.sources:
        pivoted = with_pivot(seed_comparison, source.id)
        review.regroup(pivoted.groups)  # the marks follow their groups to their new ids
        assert review.attachment == attach(review.review, GroupIndex.of(pivoted.groups))  # as laid from scratch
    review.close()


# ---------------------------------------------------------------- a story on a read-only share


@pytest.fixture
def make_read_only(monkeypatch):
    """Makes folders the user cannot write (and undoes it after the test)."""
    locked: list[Path] = []
    if os.geteuid() == 0:  # root writes anywhere: answer as the system does for anyone else
        access, open_ = os.access, os.open

        def refused(path, flags, *args, **kwargs):
            if flags & os.O_CREAT and Path(path).parent in locked:
                raise PermissionError(errno.EACCES, "Permission denied")
            return open_(path, flags, *args, **kwargs)

        def denied(path, mode, **kwargs):
            return access(path, mode, **kwargs) and not (Path(path) in locked and mode & os.W_OK)

        monkeypatch.setattr(os, "access", denied)
        monkeypatch.setattr(os, "open", refused)

    def lock(folder: Path) -> Path:
        folder.chmod(0o555)
        locked.append(folder)
        return folder

    yield lock
    for folder in locked:
        folder.chmod(0o755)


@pytest.fixture
def read_only_story(tmp_path, monkeypatch, make_read_only):
    """A copy of the seeds in a folder the user cannot write, and an empty state folder."""
    folder = tmp_path / "share"
    folder.mkdir()
    for path in [*SEEDS.glob("*.txt"), SEEDS / "story.yaml"]:
        shutil.copy(path, folder)
    monkeypatch.setenv("SYNOPSIS_STATE_DIR", str(tmp_path / "state"))
    return make_read_only(folder) / "story.yaml"


def test_a_story_in_a_read_only_folder_keeps_one_review_in_the_state_folder(read_only_story, tmp_path, capsys):
    story = load_story([read_only_story])
    groups = compare(story).groups
    first = ReviewController(story, groups, review_path_for(story))  # as `synopsis open` does
    assert first.status_messages() == [] and first.saving
    assert first.set_note(groups[1].id, "Checked on the wire") is None
    first.close()

    second = ReviewController(story, groups, review_path_for(load_story([read_only_story])))
    assert second.mark(groups[1].id).note == "Checked on the wire"
    assert second.toggle_flagged(groups[1].id) is None
    second.close()

    [saved] = (tmp_path / "state").rglob("*.review.yaml")
    assert load_review(saved).entries
    assert [p.name for p in read_only_story.parent.iterdir() if "review" in p.name] == []
    assert main(["report", str(read_only_story), "--flagged-only"]) == 0  # the report finds it too
    assert "Checked on the wire" in capsys.readouterr().out


def test_two_stories_on_a_read_only_share_keep_their_reviews_apart(read_only_story, tmp_path, make_read_only):
    other = tmp_path / "other"
    shutil.copytree(read_only_story.parent, other)  # same title, other files
    make_read_only(other)
    one = review_path_for(load_story([read_only_story]))
    two = review_path_for(load_story([other / "story.yaml"]))
    assert one.parent == two.parent == tmp_path / "state" / "reviews" and one != two


def test_a_review_left_beside_a_read_only_story_is_shown_and_carried_to_the_state_folder(
    read_only_story, tmp_path
):
    story = load_story([read_only_story])
    groups = compare(story).groups
    beside = read_only_story.with_name("story.review.yaml")
    read_only_story.parent.chmod(0o755)
    note = Mark(flagged=True, note="from last year")
    beside.write_text(dump_review(marked_review(groups, groups[0], note)), encoding="utf-8")
    read_only_story.parent.chmod(0o555)

    review = ReviewController(story, groups, review_path_for(story))
    assert review.mark(groups[0].id).note == "from last year"
    assert review.needs_another_file and review.suggested_path().parent == tmp_path / "state" / "reviews"
    assert review.continue_in(review.suggested_path()) is None
    review.close()
    assert review_path_for(story) == review.path  # next session opens the state folder's file
    assert load_review(review.path).entries
