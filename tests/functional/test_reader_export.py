"""The reader's export key: the report of what the reader shows, never over a file
without asking."""

from __future__ import annotations


from tui.app import make_app
from tui.report_file import default_report_name
from tui.screens.export_dialog import ConfirmOverwrite, ExportDialog

from reader_helpers import NO_KEYMAP, ready, record_notifications


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
