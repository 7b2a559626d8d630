"""Highlights that inform: article text in the normal foreground, a near copy's edits
marked, a paraphrase's facts but not its every word; a legend in `?`; every highlight
readable in the dark and light themes, at 16 colours and with NO_COLOR."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import ColorSystem
from textual.color import Color

from comparators import Comparison, Group, GroupKind, Member, Settings
from comparators.model import Rewording
from tui.app import make_app
from tui.screens.help_screen import HelpScreen
from tui.views.layout import View
from tui.views.styles import STYLES

from reader_helpers import NO_KEYMAP, ready, screen_text, tiny_story

WIRE = "Russian bombers flying from an Iranian airbase struck targets in Syria on Tuesday, the ministry said."
COPY = "Russian warplanes flying from an Iranian airbase struck targets in Syria on Tuesday, the ministry said."
OWN_WORDS = (
    "Moscow's jets, which took off from Hamadan, hit positions near Aleppo, killing 24 people, "
    "officials in Syria said on Tuesday."
)


def comparison() -> Comparison:
    story = tiny_story({"AP": [WIRE], "Copy": [COPY], "Own": [OWN_WORDS]})
    members = (Member("ap", 0, WIRE), Member("copy", 0, COPY), Member("own", 0, OWN_WORDS))
    group = Group("g1", GroupKind.SHARED, members, rewording=Rewording.LIGHT)
    return Comparison(story, Settings(pivot="ap"), "ap", (group,))


def reader():
    c = comparison()
    return make_app(c.story, comparison=c, keymap=NO_KEYMAP, view=View.STACK)


def segments(aligned):
    """(text, style) of every segment the aligned pane draws."""
    height = aligned.scrollable_content_region.height
    return [(s.text, s.style) for y in range(height) for s in aligned.render_line(y) if s.text.strip()]


def style_of(aligned, word: str, line_has: str):
    for y in range(aligned.scrollable_content_region.height):
        strip = aligned.render_line(y)
        if line_has in strip.text:
            for segment in strip:
                if word in segment.text:
                    return segment.style
    raise AssertionError(f"{word!r} not on screen")


async def test_shared_text_is_in_the_normal_foreground_and_a_near_copy_marks_its_edit():
    app = reader()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("j")
        aligned = app.screen.aligned
        base = aligned.rich_style
        shared = style_of(aligned, "flying from", "warplanes")
        assert shared.color == base.color and not shared.dim
        edit = style_of(aligned, "warplanes", "warplanes")
        assert edit.underline and edit.color != base.color


async def test_a_paraphrase_marks_its_differing_facts_not_every_word():
    app = reader()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        aligned = app.screen.aligned
        base = aligned.rich_style
        own = [(text, style) for text, style in segments(aligned) if text in OWN_WORDS and len(text) > 1]
        marked = "".join(text for text, style in own if style != base)
        assert "24" in marked and "Aleppo" in marked
        assert "Syria" not in marked and "officials" not in marked
        assert len(marked) < len(OWN_WORDS) / 3


async def test_the_help_screen_explains_every_highlight_from_the_table_of_styles():
    app = reader()
    async with app.run_test(size=(120, 60)) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("end")  # the legend follows the keys
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        for highlight in STYLES:
            if highlight.sample:
                assert highlight.sample in text
                assert " ".join(highlight.meaning.split()[:3]) in text


def luminance(color: Color) -> float:
    """WCAG relative luminance."""
    def linear(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b)


def contrast(a: Color, b: Color) -> float:
    """WCAG contrast ratio; 3 is the minimum for large or emphasised text."""
    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_every_highlight_is_readable_in_the_theme_and_at_16_colours(theme):
    app = reader()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        app.theme = theme
        await pilot.pause()
        aligned = app.screen.aligned
        palette, base = aligned.palette, aligned.rich_style
        for highlight in STYLES:
            style = base + getattr(palette, highlight.name)
            fg, bg = style.color, style.bgcolor
            if style.reverse:
                fg, bg = bg, fg
            assert contrast(Color.from_rich_color(fg), Color.from_rich_color(bg)) >= 3, highlight.name
            standard = (fg.downgrade(ColorSystem.STANDARD), bg.downgrade(ColorSystem.STANDARD))
            assert standard[0] != standard[1], f"{highlight.name} at 16 colours"


async def test_with_no_color_a_changed_word_and_a_search_hit_stay_apart_from_plain_text(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = reader()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert app.no_color
        await pilot.press("slash", *"airbase", "enter")
        await pilot.press("n")  # to the hit in the near copy's passage
        await pilot.pause()
        aligned = app.screen.aligned
        # What a NO_COLOR terminal gets: the styles without their colours.
        plain = style_of(aligned, "flying from", "warplanes").without_color
        changed = style_of(aligned, "warplanes", "warplanes").without_color
        hit = style_of(aligned, "airbase", "warplanes").without_color
        other_hit = style_of(aligned, "airbase", "bombers").without_color
        assert len({plain, changed, hit, other_hit}) == 4
        assert changed.underline and hit.reverse and other_hit.reverse


def test_the_readme_legend_is_the_table_of_styles():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for highlight in STYLES:
        if highlight.sample:
            marker = highlight.text_style if highlight.text_style != "none" else "colour only"
            assert f"| `{highlight.sample}` | {marker} | {highlight.meaning} |" in readme


def test_the_palette_has_one_style_per_row_of_the_table():
    from dataclasses import fields

    from tui.views.styles import Palette

    assert [f.name for f in fields(Palette)] == [h.name for h in STYLES]
