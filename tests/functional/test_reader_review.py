"""A review session in the reader: marks, flags and notes from the keyboard, kept on disk."""

from __future__ import annotations

import re

import shutil
import weakref

import pytest

from comparators import compare, load_story
from comparators.model import Mark
from comparators.review import Entry, Passage, Review
from comparators.review_store import load_review, review_path_for, save_review
from reader_helpers import SEEDS
from reader_helpers import NO_KEYMAP, ready, record_notifications, screen_text
from tui.app import make_app
from tui.screens.note_editor import NoteEditor
from tui.screens.review_path_dialog import ReviewPathDialog, UnsavedMarksDialog
from tui.state.review_controller import ReviewController

SIZE = (100, 30)
NOTE = 'AP: "Tuesday" — Xinhua says Wednesday'


@pytest.fixture(scope="module")
def story_dir(tmp_path_factory):
    """A copy of the seeds, so no test writes a review into the repository."""
    folder = tmp_path_factory.mktemp("story")
    for path in [*SEEDS.glob("*.txt"), SEEDS / "story.yaml"]:
        shutil.copy(path, folder)
    return folder


@pytest.fixture(scope="module")
def comparison(story_dir):
    return compare(load_story([story_dir / "story.yaml"]))


@pytest.fixture
def review_path(comparison, tmp_path):
    return tmp_path / "story.review.yaml"


# What each reader has said in notifications, since it was made.
SHOWN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def reader(comparison, review_path):
    return watched(make_app(comparison.story, comparison=comparison, keymap=NO_KEYMAP, review_path=review_path))


def watched(app):
    SHOWN[app] = record_notifications(app)
    return app


def header(app) -> str:
    """The screen's text with line breaks folded, for phrases the header wraps."""
    return " ".join(screen_text(app).split())


def messages(app) -> str:
    return "\n".join(n.message for n in SHOWN[app])


async def test_marks_and_notes_survive_quitting_and_reopening(comparison, review_path):
    total = len(comparison.groups)
    app = reader(comparison, review_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("x", "down", "f", "a")  # down: group by group, however tall
        await pilot.press(*"AP: ", "enter", *"Tuesday", "ctrl+s")
        await pilot.press("down", "down")
        await pilot.pause()
        assert f"1/{total} reviewed, 1 flagged" in header(app)
        assert "AP: \nTuesday" in load_review(review_path).entries[
            app.screen.review.attachment.keys["g2"]
        ].mark.note  # saved at once, before quitting
        await pilot.press("q")

    app = reader(comparison, review_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert f"1/{total} reviewed, 1 flagged" in header(app)
        assert app.screen.aligned.selected_group_object().id == "g4"  # where we stopped
        await pilot.press("F")  # next flagged: g2, wrapping round
        await pilot.pause()
        assert app.screen.aligned.selected_group_object().id == "g2"
        text = screen_text(app)
        assert re.search(r"g2 (≠ )?⚑✎", text)  # ≠ when its outlets disagree on a fact
        assert "Tuesday" in text  # the note, in the detail pane
        await pilot.press("r")  # next group not reviewed: g3
        await pilot.pause()
        assert app.screen.aligned.selected_group_object().id == "g3"


async def test_the_coverage_view_shows_the_marks(comparison, review_path):
    app = reader(comparison, review_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("x", "f")
        while app.screen.view.value != "coverage":
            await pilot.press("v")
        await pilot.pause()
        row = next(line for line in screen_text(app).splitlines() if "g1 " in line and "Coverage" not in line)
        assert "✓⚑ " in row


async def test_an_unwritable_folder_keeps_the_session_running_with_marks_in_memory(
    comparison, tmp_path, monkeypatch
):
    monkeypatch.setenv("SYNOPSIS_STATE_DIR", str(tmp_path / "state"))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    app = reader(comparison, blocker / "story.review.yaml")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert isinstance(app.screen, ReviewPathDialog)  # offered another path
        await pilot.press("escape")  # not now: keep going in memory
        await pilot.press("x")
        await pilot.pause()
        assert app.is_running
        assert "1/" in header(app) and "NOT SAVED" in header(app)
        assert "kept in memory" in messages(app)

        await pilot.press("R")  # offered again; enter takes the suggested path
        await pilot.pause()
        assert isinstance(app.screen, ReviewPathDialog)
        await pilot.press("enter")
        await pilot.pause()
        saved = list((tmp_path / "state").rglob("*.review.yaml"))
        assert len(saved) == 1 and len(load_review(saved[0]).entries) == 1
        assert "NOT SAVED" not in header(app)


async def test_a_second_reader_on_the_same_review_is_read_only(comparison, review_path):
    first = ReviewController(comparison.story, comparison.groups, review_path)  # another session
    first.toggle_flagged("g1")
    app = reader(comparison, review_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert "read-only" in header(app)
        assert "is open in process" in messages(app)
        await pilot.press("x", "a")
        await pilot.pause()
        assert app.screen.review.mark("g1").reviewed is False  # refused, and no editor opened
        assert "Read-only" in messages(app)
    first.close()
    assert load_review(review_path).entries  # the holder's marks are untouched


async def test_a_corrupt_review_file_is_left_untouched_and_a_new_file_offered(
    comparison, review_path
):
    review_path.write_text("marks: [unclosed\n", encoding="utf-8")
    app = reader(comparison, review_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert isinstance(app.screen, ReviewPathDialog)
        assert "left untouched" in messages(app)
        await pilot.press("enter")  # continue in story.2.review.yaml
        await pilot.press("x")
        await pilot.pause()
    assert review_path.read_text(encoding="utf-8") == "marks: [unclosed\n"
    assert load_review(review_path.with_name("story.2.review.yaml")).entries

    again = reader(comparison, review_path)  # the next session finds where this one went on
    async with again.run_test(size=SIZE) as pilot:
        await ready(again, pilot)
        assert not isinstance(again.screen, ReviewPathDialog)
        assert "carrying on in story.2.review.yaml" in messages(again)
        assert "1/" in header(again) and "NOT SAVED" not in header(again)


async def test_a_changed_source_is_named_when_the_review_opens(comparison, story_dir, tmp_path):
    folder = tmp_path / "edited"
    shutil.copytree(story_dir, folder)
    story = load_story([folder / "story.yaml"])
    session = ReviewController(story, comparison.groups, review_path_for(story))
    session.toggle_reviewed("g1")
    session.close()
    ap = next(s for s in story.sources if s.outlet == "AP")
    ap.path.write_text(ap.path.read_text(encoding="utf-8") + "\nA late correction.\n", encoding="utf-8")
    edited = load_story([folder / "story.yaml"])
    app = watched(make_app(edited, keymap=NO_KEYMAP, review_path=review_path_for(edited)))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert "AP (ap) has changed since the review was saved" in messages(app)
        assert app.screen.review.mark("g1").reviewed  # g1 did not change


async def test_marks_whose_passages_are_gone_are_kept_and_listed(comparison, review_path):
    orphan = Entry(Mark(flagged=True, note="was wrong"), (Passage("ap", "0" * 16),), "An old line")
    save_review(review_path, Review(entries={"0123456789abcdef": orphan}))
    app = reader(comparison, review_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert "Not on any passage now: 1 mark with a note on passages edited or gone" in messages(app)
        await pilot.press("R")
        await pilot.pause()
        assert "⚑✎ “An old line” — was wrong" in messages(app)
        await pilot.press("x")
    assert "0123456789abcdef" in load_review(review_path).entries  # still in the file


def edit_passage(story, member) -> None:
    """Change one word of `member`'s paragraph in its source file, as an outlet's update would."""
    source = next(s for s in story.sources if s.id == member.source)
    words = member.text.split()
    text, found = re.subn(
        r"\s+".join(map(re.escape, words)), " ".join(words).replace(words[2], words[2] + "s", 1),
        source.path.read_text(encoding="utf-8"), count=1,
    )
    assert found == 1
    source.path.write_text(text, encoding="utf-8")


async def test_a_note_on_a_passage_edited_since_is_announced_kept_and_named_on_export(
    comparison, story_dir, tmp_path, monkeypatch
):
    folder = tmp_path / "edited"
    shutil.copytree(story_dir, folder)
    story = load_story([folder / "story.yaml"])
    groups = compare(story).groups
    alone = next(g for g in groups if len(g.members) == 1)
    session = ReviewController(story, groups, review_path_for(story))
    session.set_note(alone.id, "Is this figure right?\nAsk the desk.")
    session.close()
    edit_passage(story, alone.members[0])

    edited = load_story([folder / "story.yaml"])
    path = review_path_for(edited)
    monkeypatch.chdir(tmp_path)
    app = watched(make_app(edited, keymap=NO_KEYMAP, review_path=path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert "1 mark with a note on passages edited or gone since the review" in messages(app)
        await pilot.press("x", "ctrl+z", "f")  # other changes are saved around it
        await pilot.press("e")
        await pilot.pause()
        await pilot.click("#export-write")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = next(n.message for n in SHOWN[app] if n.message.startswith("Report written"))
        assert "Not in it: 1 mark with a note on passages edited or gone" in written
    notes = [e.mark.note for e in load_review(path).entries.values()]
    assert "Is this figure right?\nAsk the desk." in notes


async def test_a_note_being_written_when_the_reader_quits_is_kept(comparison, review_path):
    app = reader(comparison, review_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("a", *"half a thought")
        await pilot.pause()
        await app.action_quit()
    [entry] = load_review(review_path).entries.values()
    assert entry.mark.note == "half a thought"


async def test_ctrl_z_undoes_marks_and_notes_and_ctrl_r_redoes_them_in_the_file(
    comparison, review_path
):
    app = reader(comparison, review_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("f", "down", "a", *"see AP", "ctrl+s", "down")
        await pilot.pause()
        assert app.screen.review.mark("g2").note == "see AP", screen_text(app)

        await pilot.press("ctrl+z")  # the note goes, and the reader shows where
        await pilot.pause()
        assert app.screen.aligned.selected_group_object().id == "g2"
        assert "Undone: note on g2" in messages(app)
        assert app.screen.review.mark("g2").note == ""
        assert not any(e.mark.note for e in load_review(review_path).entries.values())

        await pilot.press("ctrl+z")  # then the flag on g1
        await pilot.pause()
        assert app.screen.aligned.selected_group_object().id == "g1"
        assert f"0/{len(comparison.groups)} reviewed, 0 flagged" in header(app)
        assert load_review(review_path).entries == {}
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Nothing to undo" in messages(app)

        await pilot.press("ctrl+r")  # redo brings the flag back, saved again
        await pilot.pause()
        assert "1 flagged" in header(app)
        [entry] = load_review(review_path).entries.values()
        assert entry.mark.flagged


async def test_undo_is_refused_in_a_read_only_review(comparison, review_path):
    first = ReviewController(comparison.story, comparison.groups, review_path)  # another session
    first.toggle_flagged("g1")
    app = reader(comparison, review_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Read-only" in messages(app) and app.screen.review.mark("g1").flagged
    first.close()


@pytest.mark.parametrize(
    ("answer", "note", "editor_open"),
    [("s", "second thoughts", False), ("d", "", False), ("escape", None, True)],
)
async def test_escape_on_a_changed_note_asks_before_throwing_it_away(
    comparison, review_path, answer, note, editor_open
):
    app = reader(comparison, review_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("a", *"second thoughts", "escape")
        await pilot.pause()
        assert "The note has changes" in screen_text(app)
        assert "s: save it · d: discard the changes · escape: keep editing" in screen_text(app)
        await pilot.press(answer)
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor) is editor_open
        if editor_open:  # still editing, the text as typed
            assert "second thoughts" in screen_text(app)
        else:
            assert app.screen.review.mark("g1").note == note


async def test_escape_on_an_unchanged_note_just_closes_it(comparison, review_path):
    app = reader(comparison, review_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("a", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor) and "The note has changes" not in screen_text(app)


async def in_memory_after_an_unwritable_folder(app, pilot) -> None:
    await ready(app, pilot)
    assert isinstance(app.screen, ReviewPathDialog)
    await pilot.press("escape")  # keep marks in memory
    await pilot.press("f")
    await pilot.pause()
    assert "NOT SAVED" in header(app)


async def test_quitting_with_marks_only_in_memory_offers_to_save_them_elsewhere(
    comparison, tmp_path, monkeypatch
):
    monkeypatch.setenv("SYNOPSIS_STATE_DIR", str(tmp_path / "state"))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    app = reader(comparison, blocker / "story.review.yaml")
    async with app.run_test(size=SIZE) as pilot:
        await in_memory_after_an_unwritable_folder(app, pilot)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedMarksDialog) and app.is_running
        assert "Quit: marks not saved" in screen_text(app)
        await pilot.press("escape")  # not yet: back to the reader
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, ReviewPathDialog)

        await pilot.press("q", "enter")  # save in the suggested file, then quit
        await pilot.pause()
        assert not app.is_running
    [saved] = (tmp_path / "state").rglob("*.review.yaml")
    [entry] = load_review(saved).entries.values()
    assert entry.mark.flagged


async def test_quitting_twice_drops_marks_only_in_memory(comparison, tmp_path, monkeypatch):
    monkeypatch.setenv("SYNOPSIS_STATE_DIR", str(tmp_path / "state"))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    app = reader(comparison, blocker / "story.review.yaml")
    async with app.run_test(size=SIZE) as pilot:
        await in_memory_after_an_unwritable_folder(app, pilot)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedMarksDialog)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert not list((tmp_path / "state").rglob("*.review.yaml"))


async def test_quitting_with_every_mark_saved_asks_nothing(comparison, review_path):
    app = reader(comparison, review_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("f", "q")
        await pilot.pause()
        assert not app.is_running


async def test_a_note_being_written_with_marks_only_in_memory_is_offered_a_file_on_quitting(
    comparison, tmp_path, monkeypatch
):
    monkeypatch.setenv("SYNOPSIS_STATE_DIR", str(tmp_path / "state"))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    app = reader(comparison, blocker / "story.review.yaml")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("escape")  # keep marks in memory
        await pilot.press("a", *"unfinished", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedMarksDialog) and app.is_running
        await pilot.press("enter")
        await pilot.pause()
        assert not app.is_running
    [saved] = (tmp_path / "state").rglob("*.review.yaml")
    [entry] = load_review(saved).entries.values()
    assert entry.mark.note == "unfinished"


async def test_ctrl_z_after_a_pivot_change_undoes_the_mark_on_the_same_passage(comparison, review_path):
    app = reader(comparison, review_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("down", "down", "down", "f")
        flagged = app.screen.aligned.selected_group_object().members
        await pilot.press("p", "down", "enter")  # another pivot: groups renumbered
        await pilot.pause()
        assert app.screen.comparison.pivot != comparison.pivot
        await pilot.press("g", "ctrl+z")
        await pilot.pause()
        assert app.screen.aligned.selected_group_object().members == flagged  # shown where it was
        assert "0 flagged" in header(app) and load_review(review_path).entries == {}


async def test_a_pivot_change_keeps_the_marks_and_the_passage_under_the_cursor(comparison, review_path):
    app = reader(comparison, review_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("down", "f", "down", "down", "x")  # one flagged, one reviewed
        await pilot.pause()
        flagged = app.screen.lookup.groups[1].members
        reviewed = app.screen.aligned.selected_group_object().members
        progress = header(app)
        await pilot.press("p", "down", "enter")  # another pivot: groups renumbered and reordered
        await pilot.pause()
        assert app.screen.comparison.pivot != comparison.pivot
        assert app.screen.aligned.selected_group_object().members == reviewed  # still under the cursor
        groups = {g.members: g.id for g in app.screen.lookup.groups}
        marks = app.screen.review_marks()
        assert marks[groups[flagged]].flagged and marks[groups[reviewed]].reviewed
        assert len(marks) == 2
        assert "1 flagged" in header(app) and "1 flagged" in progress
        await pilot.press("f")  # marks keep working on the renumbered groups, and are saved
        await pilot.pause()
        saved = load_review(review_path).entries.values()
        assert sorted((e.mark.flagged, e.mark.reviewed) for e in saved) == [(True, False), (True, True)]
