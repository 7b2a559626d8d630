"""The export dialog: writes what the reader shows, asks before replacing, keeps the
user's choices when a write fails."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Checkbox, Input, Static

from comparators.model import Mark
from reader_helpers import record_notifications, screen_text
from tui.report_file import default_report_name
from tui.screens.export_dialog import ConfirmOverwrite, ExportDialog


class Host(App):
    """A bare app showing the dialog, recording what it dismissed with."""

    def __init__(self, dialog: ExportDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.results: list[Path | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


def dialog_for(seed_comparison, tmp_path: Path, **options) -> ExportDialog:
    return ExportDialog(seed_comparison, directory=tmp_path, **options)


async def export(pilot) -> None:
    await pilot.click("#export-write")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_export_writes_markdown_under_the_story_name_without_hidden_sources(
    seed_comparison, tmp_path
):
    app = Host(dialog_for(seed_comparison, tmp_path, hidden={"xinhua"}))
    shown = record_notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await export(pilot)
        target = tmp_path / default_report_name(seed_comparison.story, "md")
        assert app.results == [target]
        report = target.read_text(encoding="utf-8")
        assert report.startswith("# Russian bombers") and "Xinhua" not in report
        assert [n.message for n in shown] == [f"Report written to {target}"]


async def test_choosing_a_format_changes_the_suffix_and_the_content(seed_comparison, tmp_path):
    app = Host(dialog_for(seed_comparison, tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.click("#format-html")
        await pilot.pause()
        assert app.dialog.query_one("#export-path", Input).value.endswith("-report.html")
        await export(pilot)
        assert app.results[0].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


async def test_a_typed_suffix_of_another_format_picks_that_format(seed_comparison, tmp_path):
    app = Host(dialog_for(seed_comparison, tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        path_input = app.dialog.query_one("#export-path", Input)
        path_input.value = ""
        path_input.focus()
        await pilot.press(*"story.html")
        await pilot.pause()
        assert app.dialog.query_one("#format-html").value and not app.dialog.query_one("#format-md").value
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.results == [tmp_path / "story.html"]
        assert (tmp_path / "story.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


async def test_an_existing_file_is_replaced_only_after_the_user_agrees(seed_comparison, tmp_path):
    target = tmp_path / default_report_name(seed_comparison.story, "md")
    target.write_text("my notes\n", encoding="utf-8")
    app = Host(dialog_for(seed_comparison, tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await export(pilot)
        assert isinstance(app.screen, ConfirmOverwrite)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is app.dialog and target.read_text(encoding="utf-8") == "my notes\n"

        await export(pilot)
        await pilot.press("y")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.results == [target]
        assert target.read_text(encoding="utf-8").startswith("# Russian bombers")


async def test_a_failed_write_shows_why_and_keeps_the_dialog_and_path(seed_comparison, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    app = Host(dialog_for(seed_comparison, tmp_path))
    shown = record_notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        path_input = app.dialog.query_one("#export-path", Input)
        path_input.value = str(blocker / "report.md")
        await export(pilot)
        error = app.dialog.query_one("#export-error", Static)
        assert app.screen is app.dialog and app.results == []
        assert error.display and f"cannot write {blocker / 'report.md'}" in str(error.render())
        assert path_input.value == str(blocker / "report.md") and path_input.has_focus
        assert not shown


async def test_a_full_disk_leaves_the_old_file_whole_and_says_why(
    seed_comparison, tmp_path, monkeypatch
):
    target = tmp_path / default_report_name(seed_comparison.story, "md")
    target.write_text("my notes\n", encoding="utf-8")

    def disk_full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("tui.report_file.os.fsync", disk_full)
    app = Host(dialog_for(seed_comparison, tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await export(pilot)
        await pilot.press("y")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        error = str(app.dialog.query_one("#export-error", Static).render())
        assert "No space left on device" in error and app.screen is app.dialog
    assert target.read_text(encoding="utf-8") == "my notes\n"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left


async def test_escape_cancels_without_writing(seed_comparison, tmp_path):
    app = Host(dialog_for(seed_comparison, tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None] and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["", "   "])
async def test_an_empty_file_name_is_asked_for(seed_comparison, tmp_path, name):
    app = Host(dialog_for(seed_comparison, tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        app.dialog.query_one("#export-path", Input).value = name
        await export(pilot)
        assert "file name" in str(app.dialog.query_one("#export-error", Static).render())


async def test_focus_starts_on_the_format_and_arrows_then_enter_write_the_one_highlighted(
    seed_comparison, tmp_path
):
    app = Host(dialog_for(seed_comparison, tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "(•) Markdown" in screen_text(app) and "( ) HTML" in screen_text(app)
        await pilot.press("right", "right")  # Markdown -> Text -> HTML
        await pilot.pause()
        text = screen_text(app)
        assert "(•) HTML" in text and "( ) Markdown" in text  # readable without colour
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        [written] = app.results
        assert written.suffix == ".html"
        assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def marked_groups(seed_comparison):
    flagged, noted = seed_comparison.groups[1], seed_comparison.groups[2]
    marks = {
        flagged.id: Mark(flagged=True, note="Which day? AP says Tuesday"),
        noted.id: Mark(reviewed=True, note="a private aside"),
    }
    return flagged, noted, marks


async def test_the_report_can_hold_flagged_passages_only_and_leave_notes_out(
    seed_comparison, tmp_path
):
    flagged, noted, marks = marked_groups(seed_comparison)
    app = Host(dialog_for(seed_comparison, tmp_path, marks=marks))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "[ ] Flagged passages only" in screen_text(app) and "[x] Notes" in screen_text(app)
        await pilot.press("right", "tab", "space", "tab", "space")  # text; flagged only; no notes
        await pilot.pause()
        text = screen_text(app)
        assert "[x] Flagged passages only" in text and "[ ] Notes" in text
        await pilot.press("shift+tab", "shift+tab", "enter")  # back on the format: write
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        report = app.results[0].read_text(encoding="utf-8")
    assert app.results[0].suffix == ".txt"
    assert f"\n{flagged.id} ·" in report and f"\n{noted.id} ·" not in report
    assert "AP says Tuesday" not in report and "a private aside" not in report


async def test_notes_are_in_the_report_by_default(seed_comparison, tmp_path):
    _, _, marks = marked_groups(seed_comparison)
    app = Host(dialog_for(seed_comparison, tmp_path, marks=marks))
    async with app.run_test(size=(100, 30)) as pilot:
        await export(pilot)
    report = app.results[0].read_text(encoding="utf-8")
    assert "AP says Tuesday" in report and "a private aside" in report


async def test_review_options_are_off_without_marks_and_for_json(seed_comparison, tmp_path):
    _, _, marks = marked_groups(seed_comparison)
    app = Host(dialog_for(seed_comparison, tmp_path))
    async with app.run_test(size=(100, 30)):
        assert all(box.disabled for box in app.dialog.query(Checkbox))
    app = Host(dialog_for(seed_comparison, tmp_path, marks=marks))
    async with app.run_test(size=(100, 30)) as pilot:
        assert not any(box.disabled for box in app.dialog.query(Checkbox))
        await pilot.press("left")  # Markdown -> JSON, wrapping round
        await pilot.pause()
        assert "(•) JSON" in screen_text(app)
        assert all(box.disabled for box in app.dialog.query(Checkbox))
