"""Notifications and messages that carry untrusted text (a search term, an outlet's name,
a keymap file's contents) show it as written and never read it as markup: Textual's
toasts parse markup by default, and a stray `[/x]` used to crash the reader."""

from __future__ import annotations

from comparators import compare
from tui.app import make_app
from tui.keymap import UserKeymap
from tui.views.layout import View

from reader_helpers import NO_KEYMAP, ready, screen_text, tiny_story

AP = [
    "Iranian officials confirmed the agreement on Tuesday in Tehran.",
    "The ministry said the bombers returned safely to their bases.",
]
OTHER = [
    "Iranian officials confirmed the agreement on Tuesday in Tehran, citing lubricants.",
    "A spokesman declined to comment on the mission.",
]


async def test_searching_for_markup_that_is_not_found_says_so_as_typed():
    comparison = compare(tiny_story({"AP": AP, "Xinhua": OTHER}))
    app = make_app(comparison.story, comparison=comparison, keymap=NO_KEYMAP, view=View.STACK)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("slash", *"[/x]", "enter")
        await pilot.pause(0.3)
        assert app.is_running
        assert "Not found: [/x]" in screen_text(app)


async def test_the_pivot_outlets_name_with_markup_is_shown_as_written_when_it_cannot_be_hidden():
    story = tiny_story({"[bold]Evil[/] [link=http://x]Co": OTHER, "AP": AP})
    comparison = compare(story)
    pivot_number = 1 + [s.id for s in story.sources].index(comparison.pivot)
    app = make_app(story, comparison=comparison, keymap=NO_KEYMAP, view=View.STACK)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press(str(pivot_number))
        await pilot.pause(0.3)
        assert app.is_running
        assert "[bold]Evil[/] [link=http://x]Co is" in screen_text(app)  # the toast, as written


async def test_a_keymap_warning_naming_markup_is_shown_as_written():
    warning = "keymap.yaml: unknown binding id '[/]' (ignored)"
    comparison = compare(tiny_story({"AP": AP, "Xinhua": OTHER}))
    app = make_app(comparison.story, comparison=comparison, keymap=UserKeymap({}, warning))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.pause(0.3)
        assert app.is_running
        assert "unknown binding id '[/]'" in screen_text(app)


async def test_a_search_term_with_markup_that_is_found_shows_as_typed_in_the_title():
    story = tiny_story({"AP": AP, "Xinhua": [OTHER[0], "He wrote [b] and [/x] in the memo."]})
    comparison = compare(story)
    app = make_app(story, comparison=comparison, keymap=NO_KEYMAP, view=View.STACK)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        for term in ("[b]", "[/x]"):
            await pilot.press("slash", *term, "enter")
            await pilot.pause()
            assert app.is_running
            assert f"/{term}: match 1/1" in screen_text(app)
