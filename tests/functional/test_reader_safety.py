"""Untrusted text, monochrome terminals, tiny and huge stories, the user's keymap."""

from __future__ import annotations


from textual.color import Color

from comparators import compare
from tui.app import make_app
from tui.keymap import load_user_keymap
from tui.views.layout import View

from reader_helpers import (
    NO_KEYMAP,
    ready,
    record_notifications,
    screen_text,
    synthetic_comparison,
    tiny_story,
)

AP = [
    "Iranian officials confirmed the agreement on Tuesday in Tehran.",
    "The ministry said the bombers returned safely to their bases.",
]
XINHUA = [
    "Iranian officials confirmed the agreement on Tuesday in Tehran, citing lubricants.",
    "A spokesman declined to comment on the mission.",
]


async def test_with_no_color_the_words_a_near_copy_added_still_stand_out(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    comparison = compare(tiny_story({"AP": AP, "Xinhua": XINHUA}))
    app = make_app(comparison.story, comparison=comparison, keymap=NO_KEYMAP, view=View.STACK)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert app.no_color
        view = app.screen.aligned
        segments = [
            segment
            for y in range(view.scrollable_content_region.height)
            for segment in view.render_line(y)
        ]
        for line_filter in app.get_line_filters():  # what the terminal gets: the monochrome filter
            segments = line_filter.apply(segments, Color(0, 0, 0))
        marked = [seg for seg in segments if "lubricants" in seg.text]
        assert marked and all(seg.style.underline for seg in marked)  # the edit's marker
        assert all(seg.style.color is None or seg.style.color.is_system_defined or
                   seg.style.color.triplet.red == seg.style.color.triplet.blue
                   for seg in marked)  # grey at most: the marker is not the colour


async def test_markup_and_escape_sequences_in_an_article_are_shown_harmlessly():
    evil = "Officials said [bold]x[/bold] and \x1b[2J then \x1b]0;pwned\x07 left [red]."
    story = tiny_story({"[b]Evil[/b] Outlet": [evil, "Second \x07 paragraph."], "AP": AP})
    comparison = compare(story)
    for view in (View.STACK, View.COLUMNS, View.PAIR, View.COVERAGE):
        app = make_app(story, comparison=comparison, keymap=NO_KEYMAP, view=view)
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(app, pilot)
            text = screen_text(app)
            assert "\x1b" not in text and "\x07" not in text
            assert "[b]Evil[/b] Outlet" in text
            if view != View.COVERAGE:
                assert "[bold]x[/bold]" in text
                assert "pwned" not in text


async def test_a_story_of_one_source_opens_in_every_view():
    comparison = compare(tiny_story({"AP": AP}))
    app = make_app(comparison.story, comparison=comparison, keymap=NO_KEYMAP)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        for _ in range(5):
            assert "AP" in screen_text(app)
            await pilot.press("v", "j", "G", "]", "u", "apostrophe")
            await pilot.pause()
        await pilot.press("q")
    assert app.return_code == 0


async def test_the_header_counts_one_outlet_and_one_quote_in_the_singular():
    story = tiny_story({"AP": ['"We will rebuild the pier by spring," the harbour master said on Tuesday.']})
    comparison = compare(story)
    app = make_app(story, comparison=comparison, keymap=NO_KEYMAP)
    async with app.run_test(size=(120, 24)) as pilot:
        await ready(app, pilot)
        header = " ".join(screen_text(app).splitlines()[:2])
        assert "1 outlet ·" in header and "1 passage:" in header and "1 quote, 1 unique" in header


async def test_a_story_of_200_sources_opens_and_scrolls_its_columns_sideways():
    comparison = synthetic_comparison(200, 300)
    app = make_app(comparison.story, comparison=comparison, keymap=NO_KEYMAP)
    async with app.run_test(size=(200, 50)) as pilot:
        await ready(app, pilot)
        ruler = app.screen.aligned.visible_text().splitlines()[0]
        assert ruler.startswith(" ★ Outlet 000") and "▶" in ruler
        await pilot.press("l", "l")
        await pilot.pause()
        ruler = app.screen.aligned.visible_text().splitlines()[0]
        assert ruler.startswith(" ★ Outlet 000") and "◀2" in ruler  # the pivot stays put
        await pilot.press("v", "v", "v", "v")  # coverage: one cell per source
        await pilot.pause()
        assert app.screen.view == View.COVERAGE
        await pilot.press("G", "u", "k")


async def test_a_remapped_key_works_and_the_help_shows_it(tmp_path):
    path = tmp_path / "keymap.yaml"
    path.write_text("next_group: ctrl+n\ncycle_view: [w]\n")
    keymap = load_user_keymap(path)
    assert keymap.warning is None
    comparison = compare(tiny_story({"AP": AP, "Xinhua": XINHUA}))
    app = make_app(comparison.story, comparison=comparison, keymap=keymap, view=View.STACK)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+n")
        assert app.screen.aligned.cursor == 1
        await pilot.press("w")
        assert app.screen.view == View.PAIR
        await pilot.press("f1")
        await pilot.pause()
        assert "^n" in screen_text(app) or "ctrl+n" in screen_text(app)


async def test_a_broken_keymap_file_gives_one_warning_and_the_default_keys(tmp_path):
    path = tmp_path / "keymap.yaml"
    path.write_text("next_group: j\n  bad: [indent\n")
    keymap = load_user_keymap(path)
    assert keymap.keys == {} and str(path) in keymap.warning and ":2" in keymap.warning
    comparison = compare(tiny_story({"AP": AP, "Xinhua": XINHUA}))
    app = make_app(comparison.story, comparison=comparison, keymap=keymap, view=View.STACK)
    shown = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert [n.severity for n in shown] == ["warning"]
        await pilot.press("j")
        assert app.screen.aligned.cursor == 1


def test_a_key_remapped_onto_another_bindings_key_is_named_in_the_warning(tmp_path):
    path = tmp_path / "keymap.yaml"
    path.write_text("next_group: j\n")  # j is step_down's too
    keymap = load_user_keymap(path)
    assert keymap.keys == {"next_group": "j"}
    assert keymap.warning == f"{path}: 'j' is bound to both step_down and next_group"
    path.write_text("next_group: j\nstep_down: ctrl+j\n")  # moved out of the way: no clash
    assert load_user_keymap(path).warning is None


def test_unknown_binding_ids_and_bad_values_are_named_in_the_warning(tmp_path):
    path = tmp_path / "keymap.yaml"
    path.write_text("jump_around: x\nsearch: 3\nquit: Q\n")
    keymap = load_user_keymap(path)
    assert keymap.keys == {"quit": "Q"}
    assert "jump_around" in keymap.warning and "search" in keymap.warning
