"""The reader remembers each story's view, hidden sources, pivot and theme between
sessions; a memory file it cannot read is left alone and never stops the reader."""

from __future__ import annotations

import json
import weakref

import pytest

from comparators import SettingsOverride
from reader_helpers import NO_KEYMAP, ready, record_notifications, screen_text
from tui.app import make_app
from tui.state.reader_memory import ReaderMemory, load_memory, memory_path_for, save_memory

SIZE = (120, 40)


@pytest.fixture
def memory_path(seed_story, tmp_path):
    return memory_path_for(seed_story, tmp_path)


SHOWN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def reader(comparison, memory_path, **options):
    app = make_app(
        comparison.story, comparison=comparison, keymap=NO_KEYMAP, memory_path=memory_path, **options
    )
    SHOWN[app] = record_notifications(app)
    return app


def messages(app) -> str:
    return "\n".join(n.message for n in SHOWN.get(app, []))


async def make_pivot(app, pilot, source_id: str) -> None:
    sources = app.screen.sources
    sources.focus()
    await pilot.press("g")
    while sources.focused_source != source_id:
        await pilot.press("j")
    await pilot.press("p", "enter")  # the chooser starts on the focused source
    await pilot.pause()


async def until(pilot, condition, timeout: float = 10.0) -> None:
    """Wait for the command palette, which searches in the background."""
    waited = 0.0
    while not condition() and waited < timeout:
        await pilot.pause(0.05)
        waited += 0.05
    assert condition()


async def choose_theme(app, pilot, theme: str) -> None:
    await pilot.press("ctrl+p", *"theme")
    await until(pilot, lambda: "Change the current theme" in screen_text(app))
    await pilot.press("enter", *theme)
    await until(pilot, lambda: theme in screen_text(app))
    await pilot.press("enter")
    await until(pilot, lambda: app.theme == theme)


async def test_view_hidden_source_pivot_and_theme_come_back_on_reopening(seed_comparison, memory_path):
    story = seed_comparison.story
    new_pivot, hidden = [s for s in story.sources if s.id != seed_comparison.pivot][:2]
    app = reader(seed_comparison, memory_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.screen.view.value == "columns"
        await make_pivot(app, pilot, new_pivot.id)
        app.screen.aligned.focus()
        await pilot.press("v")  # columns -> stack
        await pilot.press(str(story.sources.index(hidden) + 1))  # hide that outlet
        await choose_theme(app, pilot, "textual-light")
        assert app.screen.comparison.pivot == new_pivot.id and "1 hidden" in screen_text(app)
        await pilot.press("q")

    app = reader(seed_comparison, memory_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        text = " ".join(screen_text(app).split())
        assert app.screen.view.value == "stack" and "Stack" in text
        assert f"pivot {new_pivot.outlet}" in text and "1 hidden" in text
        assert app.screen.hidden == {hidden.id}
        assert app.theme == "textual-light"


async def test_a_source_or_pivot_no_longer_in_the_story_is_ignored(seed_comparison, memory_path):
    save_memory(memory_path, ReaderMemory(view="quotes", hidden=("gone", "ap"), pivot="also-gone"))
    app = reader(seed_comparison, memory_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.screen.view.value == "quotes"
        assert app.screen.comparison.pivot == seed_comparison.pivot
        assert app.screen.hidden == ({"ap"} - {seed_comparison.pivot})
        assert not messages(app)


async def test_a_pivot_given_on_the_command_line_wins_over_the_remembered_one(
    seed_comparison, memory_path
):
    other = next(s.id for s in seed_comparison.story.sources if s.id != seed_comparison.pivot)
    save_memory(memory_path, ReaderMemory(pivot=other))
    settings = SettingsOverride(pivot=seed_comparison.pivot)
    app = make_app(
        seed_comparison.story, settings, comparison=seed_comparison, keymap=NO_KEYMAP,
        memory_path=memory_path,
    )
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.screen.comparison.pivot == seed_comparison.pivot


@pytest.mark.parametrize("content", ['{"view": "stack"', "[1, 2]", "\udcff"])
async def test_a_corrupt_memory_file_is_named_and_left_as_it_is(seed_comparison, memory_path, content):
    memory_path.parent.mkdir(parents=True, exist_ok=True)
    memory_path.write_bytes(content.encode("utf-8", "surrogateescape"))
    app = reader(seed_comparison, memory_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.screen.view.value == "columns"
        assert f"{memory_path}" in messages(app) and "not be remembered" in messages(app)
        await pilot.press("v")
        await pilot.press("q")
    assert memory_path.read_bytes() == content.encode("utf-8", "surrogateescape")


async def test_quitting_before_the_comparison_is_ready_keeps_what_was_remembered(
    seed_story, memory_path
):
    save_memory(memory_path, ReaderMemory(view="pair"))
    from concurrent.futures import Future

    never = Future()  # a comparison still under way when the reader quits
    app = make_app(seed_story, keymap=NO_KEYMAP, memory_path=memory_path, comparing=never)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
    assert load_memory(memory_path).view == "pair"


def test_the_memory_file_is_json_with_what_the_reader_restores(seed_story, tmp_path, monkeypatch):
    monkeypatch.setenv("SYNOPSIS_STATE_DIR", str(tmp_path / "state"))
    path = memory_path_for(seed_story)
    assert path.parent == tmp_path / "state" / "reader"
    save_memory(path, ReaderMemory("stack", ("ap",), "xinhua", "textual-light"))
    assert json.loads(path.read_text(encoding="utf-8"))["hidden"] == ["ap"]
    assert load_memory(path) == ReaderMemory("stack", ("ap",), "xinhua", "textual-light")
    path.write_text('{"view": 3, "hidden": "ap", "theme": null}', encoding="utf-8")
    assert load_memory(path) == ReaderMemory()  # fields of the wrong kind are skipped


async def test_a_hidden_source_chosen_as_pivot_is_shown_and_reopens_as_the_pivot(seed_comparison, memory_path):
    story = seed_comparison.story
    number, chosen = next((n, s) for n, s in enumerate(story.sources, 1) if s.id != seed_comparison.pivot)
    app = reader(seed_comparison, memory_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press(str(number))  # hide it
        await pilot.pause()
        assert "1 hidden" in " ".join(screen_text(app).split())
        await pilot.press("p")
        await pilot.pause()
        while app.screen.query_one("OutletList").highlighted != number - 1:
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert f"pivot {chosen.outlet}" in text and "hidden" not in text.split("─Sources")[0]
        await pilot.press("q")

    app = reader(seed_comparison, memory_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.screen.comparison.pivot == chosen.id and app.screen.hidden == set()
        assert f"pivot {chosen.outlet}" in " ".join(screen_text(app).split())
