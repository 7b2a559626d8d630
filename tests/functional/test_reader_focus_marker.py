"""Which pane has the keys shows without colour: the focused pane's title is drawn in
reverse (with NO_COLOR the borders differ only in shades of grey)."""

from __future__ import annotations

from comparators import compare
from reader_helpers import NO_KEYMAP, ready, screen_text, tiny_story
from tui.app import make_app
from tui.views.layout import View

AP = [
    "Iranian officials confirmed the agreement on Tuesday in Tehran.",
    "The ministry said the bombers returned safely to their bases.",
]
OTHER = [
    "Iranian officials confirmed the agreement on Tuesday in Tehran, citing lubricants.",
    "A spokesman declined to comment on the mission.",
]


def title_is_reversed(app, title: str) -> bool:
    """Whether the first cell of the pane title `title` (as on screen) is drawn reversed."""
    for y, line in enumerate(screen_text(app).splitlines()):
        if line.startswith("─" + title):
            return bool(app.screen.get_style_at(1, y).reverse)
    raise AssertionError(f"no pane titled {title!r} on screen")


async def test_the_focused_panes_title_is_reversed_with_no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    comparison = compare(tiny_story({"AP": AP, "Xinhua": OTHER}))
    app = make_app(comparison.story, comparison=comparison, keymap=NO_KEYMAP, view=View.STACK)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert title_is_reversed(app, "Stack") and not title_is_reversed(app, "Sources")
        await pilot.press("shift+tab")  # the sources pane
        await pilot.pause()
        assert title_is_reversed(app, "Sources") and not title_is_reversed(app, "Stack")
        await pilot.press("tab", "tab")  # the aligned view, then the detail pane below it
        await pilot.pause()
        assert app.focused is app.screen.query_one("#detail")
        assert title_is_reversed(app, "Detail") and not title_is_reversed(app, "Stack")
        await pilot.press("tab")
        await pilot.pause()
        assert "─Detail" not in screen_text(app)  # no title while another pane has the keys
