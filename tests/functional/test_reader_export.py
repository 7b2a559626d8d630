"""The reader's export key: the report of what the reader shows, never over a file
without asking."""

from __future__ import annotations

import threading

from textual.widgets import Static

from tui.app import make_app
from tui.report_file import default_report_name, write_report
from tui.screens import export_dialog
from tui.screens.export_dialog import ConfirmOverwrite, ExportDialog

from reader_helpers import NO_KEYMAP, ready, record_notifications, screen_text


async def open_export(app, pilot) -> ExportDialog:
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, ExportDialog)
    return app.screen


async def write(app, pilot) -> None:
    await pilot.click("#export-write")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_export_key_writes_the_report_and_asks_before_replacing_it(
    seed_story, seed_comparison, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / default_report_name(seed_story, "md")
    app = make_app(seed_story, comparison=seed_comparison, keymap=NO_KEYMAP)
    shown = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await open_export(app, pilot)
        await write(app, pilot)
        assert target.read_text(encoding="utf-8").startswith("# Russian bombers")
        assert not isinstance(app.screen, ExportDialog)
        assert any(str(target) in n.message for n in shown)

        target.write_text("my notes\n", encoding="utf-8")
        await open_export(app, pilot)
        await write(app, pilot)
        assert isinstance(app.screen, ConfirmOverwrite)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
    assert target.read_text(encoding="utf-8") == "my notes\n"


async def test_the_export_leaves_out_the_sources_the_reader_hides(
    seed_story, seed_comparison, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    app = make_app(seed_story, comparison=seed_comparison, keymap=NO_KEYMAP)
    number, hidden = next(
        (n, s) for n, s in enumerate(seed_story.sources, 1) if s.id != seed_comparison.pivot
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press(str(number))  # the reader's show/hide key for that source
        await pilot.pause()
        dialog = await open_export(app, pilot)
        assert hidden.id not in dialog.sources
        await write(app, pilot)
    report = (tmp_path / default_report_name(seed_story, "md")).read_text(encoding="utf-8")
    assert f"| {hidden.outlet} |" not in report and f"**{hidden.outlet}**" not in report


async def test_the_export_follows_the_pivot_the_reader_chose(
    seed_story, seed_comparison, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    app = make_app(seed_story, comparison=seed_comparison, keymap=NO_KEYMAP)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        sources = app.screen.query_one("#sources")
        sources.focus()
        while sources.focused_source == seed_comparison.pivot:
            await pilot.press("j")
        chosen = seed_story.source(sources.focused_source)
        await pilot.press("p", "enter")  # the pivot chooser starts on the focused source
        await pilot.pause()
        await open_export(app, pilot)
        await write(app, pilot)
    report = (tmp_path / default_report_name(seed_story, "md")).read_text(encoding="utf-8")
    assert f"differences shown against **{chosen.outlet}**" in report


async def change_what_the_reader_shows(app, pilot, seed_story, seed_comparison) -> None:
    """Hide a source, flag a group and choose another pivot."""
    others = [n for n, s in enumerate(seed_story.sources, 1) if s.id != seed_comparison.pivot]
    await pilot.press(str(others[-1]), "f", "p", "down", "enter")
    await pilot.pause()


async def test_the_export_dialog_opened_again_starts_afresh_on_what_the_reader_shows_now(
    seed_story, seed_comparison, tmp_path, monkeypatch
):
    """The reader keeps its export dialog between openings: reopened after choices were
    made in it and the reader changed, it shows what a first opening would show then."""
    monkeypatch.chdir(tmp_path)
    used, fresh = (make_app(seed_story, comparison=seed_comparison, keymap=NO_KEYMAP) for _ in range(2))
    shown = []
    for app in (used, fresh):
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(app, pilot)
            if app is used:
                dialog = await open_export(app, pilot)
                await pilot.press("right", "right")  # HTML
                await pilot.click("#export-path")
                await pilot.press("end", *"-mine", "tab")  # focus left on the options
                dialog.query_one("#export-path").value = ""
                await write(app, pilot)  # no file name: an error is shown
                assert "Give the report a file name." in screen_text(app)
                await pilot.press("escape")
                await pilot.pause()
            await change_what_the_reader_shows(app, pilot, seed_story, seed_comparison)
            dialog = await open_export(app, pilot)
            for _ in range(3):
                await pilot.pause()
            shown.append(app.export_screenshot())
            if app is used:
                await pilot.press("down")  # the format has the focus: the next one is Text
                await pilot.pause()
                assert dialog.format == "text"
                pivot = seed_story.source(dialog.comparison.pivot)
                assert pivot.id != seed_comparison.pivot
                await write(app, pilot)
                reported = (tmp_path / default_report_name(seed_story, "text")).read_text(encoding="utf-8")
    assert shown[0] == shown[1]
    hidden = [s for s in seed_story.sources if s.id != seed_comparison.pivot][-1]
    assert hidden.outlet not in reported and f"against {pivot.outlet}" in reported


async def test_a_report_still_being_written_when_the_dialog_is_closed_leaves_a_new_one_open(
    seed_story, seed_comparison, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    release = threading.Event()

    def slow_write(path, text, *, overwrite):
        release.wait(10)
        write_report(path, text, overwrite=overwrite)

    monkeypatch.setattr(export_dialog, "write_report", slow_write)
    app = make_app(seed_story, comparison=seed_comparison, keymap=NO_KEYMAP)
    shown = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        first = await open_export(app, pilot)
        await pilot.click("#export-write")
        await pilot.pause()
        await pilot.press("escape")  # closed while the report is written
        await pilot.pause()
        second = await open_export(app, pilot)
        assert not second.query_one("#export-write").disabled  # ready to write another
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert first.writing is False and app.screen is second  # the new dialog stays open
        assert any("Report written to" in n.message for n in shown)
    assert (tmp_path / default_report_name(seed_story, "md")).exists()


async def test_the_export_dialog_opened_again_names_the_folder_the_reader_is_in_now(
    seed_story, seed_comparison, tmp_path, monkeypatch
):
    first, then = tmp_path / "first", tmp_path / "then"
    first.mkdir(), then.mkdir()
    monkeypatch.chdir(first)
    app = make_app(seed_story, comparison=seed_comparison, keymap=NO_KEYMAP)
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(app, pilot)
        dialog = await open_export(app, pilot)
        assert dialog.query_one(".hint", Static).content.endswith(f"goes in {first}")
        await pilot.press("escape")
        monkeypatch.chdir(then)
        dialog = await open_export(app, pilot)  # the dialog on screen now
        assert dialog.query_one(".hint", Static).content.endswith(f"goes in {then}")
        await write(app, pilot)
    assert (then / default_report_name(seed_story, "md")).exists()
