"""While a story is compared in the background, the reader shows how far it has got."""

from __future__ import annotations


from textual.widgets import ProgressBar

from comparators import compare, load_story
from tui.app import make_app
from tui.state.comparing import Comparing, start_comparing

from reader_helpers import NO_KEYMAP, ready, screen_text


async def test_the_loading_screen_follows_the_comparisons_stages():
    story = load_story([])
    comparing = Comparing()
    app = make_app(story, comparing=comparing, keymap=NO_KEYMAP)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        comparing.report("align", 0.0)
        comparing.report("quotes", 0.65)
        await pilot.pause(0.1)
        bar = app.screen.query_one(ProgressBar)
        assert bar.percentage == 0.65
        assert "matching quotes" in screen_text(app)
        assert app.screen.comparison is None  # still waiting: nothing aligned on screen yet

        comparing.set_result(compare(story))
        await ready(app, pilot)
        assert app.screen.comparison is not None
        assert not app.screen.query_one("#loading").display


def test_a_comparison_in_a_child_process_reports_each_stage_to_the_reader(monkeypatch):
    monkeypatch.setenv("SYNOPSIS_NO_CACHE", "1")  # the comparison really runs
    seen: list[tuple[str, float]] = []
    comparing = start_comparing(load_story([]))
    comparing.on_progress(lambda stage, done: seen.append((stage, done)))  # the latest stage, then each new one
    assert comparing.result(timeout=120).groups
    assert seen and seen[-1] == ("done", 1.0)
    assert [done for _, done in seen] == sorted(done for _, done in seen)
