"""The reader's keys, views and panes, on the seed story at 80x24 and 200x50."""

from __future__ import annotations

import gc
import threading
from dataclasses import replace

import pytest

from comparators import with_pivot
from comparators.collector import READER_FULL_PASS_EVERY
from tui.state import comparing
from tui.app import make_app
from tui.screens.help_screen import HelpScreen
from tui.views.layout import View

from reader_helpers import NO_KEYMAP, ready, record_notifications, screen_text, synthetic_comparison

NARROW, WIDE = (80, 24), (200, 50)


def reader(seed_comparison, **kwargs):
    return make_app(seed_comparison.story, comparison=seed_comparison, keymap=NO_KEYMAP, **kwargs)


def selected(app):
    return app.screen.aligned.selected_group


async def test_the_stack_view_is_the_default_at_80_columns(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        assert app.screen.view == View.STACK
        text = screen_text(app)
        assert "Stack" in text and "g1 · 1/" in text
        # every row fits: the footer's main keys and the header's title are readable
        assert "Russian bombers strike Syria" in text
        assert "? Keys" in text and "q Quit" in text
        assert all(len(line) <= 80 for line in text.splitlines())
        # the passage is wrapped, not cut: its words follow one another across lines
        group = seed_comparison.groups[0]
        shown = " ".join(app.screen.aligned.visible_text().replace("▌", " ").split())
        first = next(s for s in app.screen.visible_sources() if s in group.sources)
        assert " ".join(group.text_of(first).split()[:30]) in shown


async def test_the_sources_and_title_show_while_the_story_is_compared(
    seed_story, seed_comparison, monkeypatch
):
    release = threading.Event()

    def slow_compare(story, settings=None, progress=None):
        release.wait(10)
        return seed_comparison

    monkeypatch.setattr(comparing, "cached_compare", slow_compare)
    app = make_app(seed_story, keymap=NO_KEYMAP)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Comparing 5 sources" in text and "Russian bombers strike Syria" in text
        assert "The Guardian" in text and "1223" in text  # AP's words, before any alignment
        await pilot.press("j", "v", "slash", "escape")  # keys wait harmlessly
        release.set()
        await ready(app, pilot)
        assert "Comparing" not in screen_text(app)
        assert app.screen.aligned.display


async def test_a_comparison_that_fails_is_explained_on_screen(seed_story, monkeypatch):
    def broken_compare(story, settings=None, progress=None):
        raise ValueError("no passages to align")

    monkeypatch.setattr(comparing, "cached_compare", broken_compare)
    app = make_app(seed_story, keymap=NO_KEYMAP)
    async with app.run_test(size=NARROW) as pilot:
        for _ in range(5):
            await pilot.pause()
        assert "Could not compare the story: no passages to align" in screen_text(app)
        await pilot.press("j", "q")
    assert app.return_code == 0


async def test_the_columns_view_is_the_default_when_wide_with_one_column_per_source(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        assert app.screen.view == View.COLUMNS
        ruler = app.screen.aligned.visible_text().splitlines()[0]
        assert ruler.split("│")[0].strip() == "★ AP"  # the pivot's column comes first
        for outlet in ("The Guardian", "The Herald", "Xinhua", "Tehran Times"):
            assert outlet in ruler


async def test_moving_keys_move_the_cursor_and_the_screen_follows(seed_comparison):
    # at 80x24, j first scrolls through a group taller than the pane (test_reader_fact_checking)
    app = reader(seed_comparison)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        view = app.screen.aligned
        last = len(view.items()) - 1
        await pilot.press("j", "down")
        assert view.cursor == 2
        await pilot.press("k")
        assert view.cursor == 1
        await pilot.press("up")
        assert view.cursor == 0
        await pilot.press("G")
        await pilot.pause()
        assert view.cursor == last
        group_id = seed_comparison.groups[view.selected_group].id
        assert f"▌{group_id} " in screen_text(app)  # the last group is on screen, marked
        await pilot.press("g")
        assert view.cursor == 0
        await pilot.press("end", "home")
        assert view.cursor == 0
        await pilot.press("space")
        await pilot.pause()
        after_page = (view.cursor, view.scroll_y)
        assert view.scroll_y > 0
        await pilot.press("pagedown")  # a group taller than the screen is paged through
        await pilot.pause()
        assert view.scroll_y > after_page[1] and view.cursor >= after_page[0]
        # A page is the pane's height, which follows the detail pane's lines for the group
        # selected, so paging back up may take one page more than paging down did.
        await pilot.press("b", "pageup", "pageup")
        await pilot.pause()
        assert view.cursor == 0 and view.scroll_y == 0


async def test_jump_keys_find_changes_unique_passages_and_quotes(seed_comparison):
    app = reader(seed_comparison)
    lookup_groups = seed_comparison.groups
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        view = app.screen.aligned
        lookup = app.screen.lookup
        changed = lambda i: bool(lookup.changes[i])  # noqa: E731
        await pilot.press("right_square_bracket")
        first_diff = view.selected_group
        assert first_diff > 0 and changed(first_diff)
        assert all(not changed(i) for i in range(1, first_diff))
        await pilot.press("]", "]")
        third = view.selected_group
        assert changed(third) and third > first_diff
        await pilot.press("[")
        assert first_diff < view.selected_group < third
        await pilot.press("g", "u")
        unique = view.selected_group
        assert len(lookup_groups[unique].sources) == 1
        await pilot.press("u")
        assert view.selected_group > unique
        assert len(lookup_groups[view.selected_group].sources) == 1
        await pilot.press("U")
        assert view.selected_group == unique
        await pilot.press("g", "apostrophe")
        with_quote = view.selected_group
        assert any(q.status != "shared" for q in lookup.quotes_in(with_quote))
        await pilot.press("apostrophe", "quotation_mark")
        assert view.selected_group == with_quote


async def test_v_cycles_through_the_six_views(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        seen = []
        for _ in range(6):
            seen.append(app.screen.view)
            title = str(app.screen.aligned.border_title)
            assert title.startswith(app.screen.view.value.capitalize())
            await pilot.press("v")
            await pilot.pause()
        assert seen == [View.COLUMNS, View.STACK, View.PAIR, View.QUOTES, View.COVERAGE, View.DISAGREEMENTS]
        assert app.screen.view == View.COLUMNS


async def test_pair_view_marks_words_like_git_word_diff(seed_comparison):
    app = reader(seed_comparison, view=View.PAIR)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        text = app.screen.aligned.visible_text()
        assert "[-AP-] → {+The Guardian+}" in text
        await pilot.press("]")
        await pilot.pause()
        text = app.screen.aligned.visible_text()
        assert "{+" in text and "+}" in text


async def test_quotes_view_lists_quotes_and_enter_opens_the_group(seed_comparison):
    app = reader(seed_comparison, view=View.QUOTES)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        text = app.screen.aligned.visible_text()
        assert "worded differently" in text or "only here" in text or "shared" in text
        await pilot.press("j", "j")
        quote = app.screen.lookup.quotes[app.screen.aligned.selected_item]
        group = app.screen.lookup.quote_group[quote.id]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.view == View.STACK
        assert app.screen.aligned.selected_group == group


async def test_hiding_a_source_hides_its_quotes_and_keeps_the_selected_one(seed_comparison):
    app = reader(seed_comparison, view=View.QUOTES)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        await pilot.press("j", "j", "j")
        lookup = app.screen.lookup
        for _ in range(10):  # on to a quote of another outlet (their order follows the alignment)
            if lookup.quotes[app.screen.aligned.selected_item].source != "tehran-times":
                break
            await pilot.press("j")
        before = lookup.quotes[app.screen.aligned.selected_item].id
        assert lookup.quotes[app.screen.aligned.selected_item].source != "tehran-times"
        await pilot.press("5")  # hide Tehran Times, and so its quotes
        await pilot.pause()
        assert lookup.quotes[app.screen.aligned.selected_item].id == before
        shown = [lookup.quotes[i].source for i in app.screen.aligned.items()]
        assert shown and "tehran-times" not in shown


async def test_coverage_view_shows_who_covers_what_and_the_reuse_matrix(seed_comparison):
    app = reader(seed_comparison, view=View.COVERAGE)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        text = app.screen.aligned.visible_text()
        assert "█" in text and "·" in text
        await pilot.press("G")
        await pilot.pause()
        assert "Reuse" in app.screen.aligned.visible_text()


async def test_coverage_view_at_80x24_shows_groups_under_a_short_legend(seed_comparison):
    app = reader(seed_comparison, view=View.COVERAGE)
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        lines = app.screen.aligned.visible_text().splitlines()
        assert any("1 The Guardian" in line and "3 The Herald" in line for line in lines)  # one line
        group_rows = [line for line in lines if "██" in line]
        assert len(group_rows) >= 4, "\n".join(lines)


async def test_number_keys_hide_and_show_a_source_column(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        ruler = lambda: app.screen.aligned.visible_text().splitlines()[0]  # noqa: E731
        assert "Xinhua" in ruler()
        await pilot.press("4")  # Xinhua is the fourth source of the story
        await pilot.pause()
        assert "Xinhua" not in ruler()
        assert "○ hidden" in screen_text(app)
        await pilot.press("4")
        await pilot.pause()
        assert "Xinhua" in ruler()


async def test_a_number_key_past_the_last_source_says_there_is_no_such_source(seed_comparison):
    app = reader(seed_comparison)
    shown = record_notifications(app)
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        await pilot.press("7")  # the seeds have five sources
        await pilot.pause()
        assert [n.message for n in shown] == ["No source 7: the story has 5 sources."]
        assert not app.screen.hidden


async def test_enter_in_the_sources_pane_hides_the_source_under_the_cursor(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        await pilot.press("shift+tab", "j", "j", "j", "enter")  # Xinhua
        await pilot.pause()
        assert app.screen.hidden == {"xinhua"}
        await pilot.press("enter")
        await pilot.pause()
        assert not app.screen.hidden


def sources_pane_lines(app) -> list[str]:
    """The sources pane's lines on screen (at 80x24: its header and three rows)."""
    lines = screen_text(app).splitlines()
    top = next(y for y, line in enumerate(lines) if line.startswith("─Sources"))
    return lines[top + 1 : top + 1 + app.screen.sources.scrollable_content_region.height]


async def test_the_sources_pane_keeps_a_tables_keys_mouse_and_header_on_a_long_story():
    comparison = synthetic_comparison(40, 6)
    app = make_app(comparison.story, comparison=comparison, keymap=NO_KEYMAP)
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        sources = app.screen.sources
        await pilot.press("shift+tab")
        assert app.focused is sources and sources.focused_source == "outlet-000"
        await pilot.press("pagedown")  # a page of rows on: the cursor and the rows move
        await pilot.pause()
        assert sources.focused_source == "outlet-003"
        assert "Outlet 003" in "".join(sources_pane_lines(app))
        await pilot.press("ctrl+end")  # the last row, scrolled into view under the header
        await pilot.pause()
        pane = sources_pane_lines(app)
        assert sources.focused_source == "outlet-039"
        assert "only here" in pane[0] and "Outlet 039" in pane[-1] and "Outlet 000" not in "".join(pane)
        await pilot.press("ctrl+home")
        await pilot.pause()
        assert sources.focused_source == "outlet-000" and "Outlet 000" in sources_pane_lines(app)[1]
        await pilot.click(type(sources), offset=(4, 3))  # the top border, the header, row 1, row 2
        await pilot.pause()
        assert sources.focused_source == "outlet-001"


async def test_a_long_outlet_name_is_cut_so_every_sources_figures_stay_on_screen():
    long_name = "The Lisbon Daily Chronicle and Evening Gazette of the Greater Metropolitan Area"
    comparison = synthetic_comparison(2, 4)
    first, second = comparison.story.sources
    story = replace(comparison.story, sources=(replace(first, outlet=long_name), second))
    app = make_app(story, comparison=replace(comparison, story=story), keymap=NO_KEYMAP)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        for size in (NARROW, WIDE, NARROW):  # cut at 80 columns, whole at 200, cut again
            await pilot.resize_terminal(*size)
            await pilot.pause()
            header, *rows = sources_pane_lines(app)
            assert len(rows) == 2  # no scrollbar under them
            assert "✱ quotes" in header and all("2016-08-16" in row and "%" in row for row in rows)
            assert ("The Lisbon Daily Chro…" in rows[0]) == (size == NARROW)
            assert (long_name in rows[0]) == (size == WIDE)


async def test_a_long_title_gives_way_to_the_summary_in_the_header():
    title = (
        "The extraordinarily long headline about the closure of the bridge over the Tagus river "
        "that goes on and on until it no longer fits the header of any terminal"
    )
    comparison = synthetic_comparison(3, 4)
    story = replace(comparison.story, title=title)
    app = make_app(story, comparison=replace(comparison, story=story), keymap=NO_KEYMAP)
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        await pilot.press("2")  # a hidden source: the summary's last part
        await pilot.pause()
        lines = screen_text(app).splitlines()
        header = " ".join(" ".join(lines[: lines.index(next(line for line in lines if line.startswith("─Sources")))]).split())
        assert header.startswith("The extraordinarily long headline about the") and "…" in header
        assert "0/4 reviewed" in header and header.endswith("pivot Outlet 000 · 1 hidden")
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        assert title in screen_text(app)  # room for it all


async def test_the_pivot_cannot_be_hidden(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        await pilot.press("2")  # AP, the pivot
        await pilot.pause()
        assert not app.screen.hidden
        assert "pivot" in screen_text(app)


async def test_p_offers_the_focused_source_as_the_pivot_and_reorders_groups(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        before = [g.members for g in app.screen.lookup.groups]
        await pilot.press("shift+tab")  # from the aligned view back to the sources pane
        assert app.focused is app.screen.sources
        await pilot.press("j", "j", "j")  # The Guardian, AP, The Herald, Xinhua
        assert app.screen.sources.focused_source == "xinhua"
        await pilot.press("p", "enter")  # the pivot chooser starts on the focused source
        await pilot.pause()
        assert app.screen.comparison.pivot == "xinhua"
        groups = app.screen.lookup.groups
        assert [g.members for g in groups] != before
        assert [g.members for g in groups] == [
            g.members for g in with_pivot(seed_comparison, "xinhua").groups
        ]
        assert app.screen.aligned.visible_text().splitlines()[0].startswith(" ★ Xinhua")


async def test_search_finds_a_word_only_a_non_pivot_source_has_and_moves_there(seed_comparison):
    # only Xinhua mentions lubricants; AP is the pivot
    story = seed_comparison.story
    assert "lubricants" not in " ".join(p.text for p in story.source("ap").paragraphs)
    app = reader(seed_comparison)
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        await pilot.press("slash")
        await pilot.press(*"LUBRICANTS")
        await pilot.press("enter")
        await pilot.pause()
        group = seed_comparison.groups[app.screen.aligned.selected_group]
        assert "lubricants" in group.text_of("xinhua")
        assert "lubricants" in app.screen.aligned.visible_text()
        first = app.screen.aligned.cursor
        await pilot.press("n")
        assert app.screen.aligned.cursor != first or len(app.screen.matches()) == 1
        await pilot.press("N")
        assert app.screen.aligned.cursor == first


async def test_escape_cancels_a_search(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        await pilot.press("slash", "x", "escape")
        await pilot.pause()
        assert app.screen.search_term == ""
        assert app.focused is app.screen.aligned


async def test_help_lists_the_keys_from_the_bindings_closes_and_opens_again_at_its_top(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        first = text = screen_text(app)
        assert "Next change" in text and "Next passage only one outlet" in text
        for _ in range(6):  # the rest, page by page (the footer offers no keys under it)
            await pilot.press("pagedown")
            await pilot.pause()
            text += screen_text(app)
        for line in ("Pivot", "Search", "Zoom", "Show/hide source 1…9", "What the highlights mean"):
            assert line in text
        # what p and o do in the sources pane, under its heading
        assert "Open: the web page of the source under the cursor" in text
        assert screen_text(app) != first  # read down to its end, then closed
        for close, reopen in (("escape", "f1"), ("question_mark", "question_mark"), ("q", "f1"), ("f1", "f1")):
            await pilot.press(close)
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen)
            assert app.screen.view == View.STACK  # `q` closed the help, not the reader
            await pilot.press(reopen)
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            assert screen_text(app) == first  # the same keys, from the top


async def test_help_scrolled_to_its_end_shows_its_last_line(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark", "end")
        await pilot.wait_for_scheduled_animations()  # `end` scrolls smoothly
        await pilot.pause()
        assert "not a difference)" in screen_text(app)  # the legend's last words


async def test_help_open_while_the_terminal_is_resized_is_drawn_as_if_opened_at_that_size(seed_comparison):
    resized, opened_wide = (reader(seed_comparison, view=View.STACK) for _ in range(2))
    shown = []
    for app in (resized, opened_wide):
        async with app.run_test(size=NARROW if app is resized else WIDE) as pilot:
            await ready(app, pilot)
            await pilot.press("question_mark")
            await pilot.pause()
            if app is resized:
                await pilot.resize_terminal(*WIDE)
                for _ in range(3):
                    await pilot.pause()
            shown.append(screen_text(app))
    assert shown[0] == shown[1]


async def test_help_reopened_after_a_new_theme_draws_the_legend_in_its_colours(seed_comparison):
    """The help kept from its first opening is drawn as a help first opened in the new theme."""
    themed_first, kept = reader(seed_comparison), reader(seed_comparison)
    shown = []
    for app in (themed_first, kept):
        async with app.run_test(size=(120, 60)) as pilot:
            await ready(app, pilot)
            if app is kept:
                await pilot.press("question_mark")
                await pilot.pause()
                await pilot.press("escape")
            app.theme = "textual-light"
            for _ in range(3):
                await pilot.pause()
            await pilot.press("question_mark", "end")  # the legend follows the keys
            await pilot.pause()
            assert "What the highlights mean" in screen_text(app)  # the screenshots show the legend
            shown.append(app.export_screenshot())
    assert shown[0] == shown[1]


async def test_tab_moves_focus_between_panes_and_e_opens_the_export_dialog(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        assert app.focused is app.screen.aligned
        await pilot.press("tab")
        assert app.focused.id == "detail"
        await pilot.press("tab")
        assert app.focused is app.screen.sources
        await pilot.press("e")
        await pilot.pause()
        assert type(app.screen).__name__ == "ExportDialog"


async def test_the_detail_pane_explains_the_selected_group(seed_comparison):
    shared = next(i for i, g in enumerate(seed_comparison.groups) if g.links)
    app = reader(seed_comparison)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        for _ in range(shared):
            await pilot.press("j")
        await pilot.press("s")  # why it was matched: for developers, on request
        await pilot.pause()
        text = screen_text(app)
        assert "Why matched" in text and "↔" in text


async def test_q_quits(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        await pilot.press("q")
    assert app.return_code == 0


async def test_the_command_palette_offers_every_action_with_its_key(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        change = next(title for title in commands if title.startswith("Next change"))
        assert commands[change].help == "key: ]"
        assert commands["Page down"].help == "key: space pgdn"
        assert "Export" in commands and any(title.startswith("Pivot") for title in commands)
        await commands["View"].callback()  # stack is the default at 80 columns
        await pilot.pause()
        assert app.screen.view == View.PAIR


async def test_the_command_palette_offers_only_what_works_in_the_view(seed_comparison):
    app = reader(seed_comparison, view=View.STACK)
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+p", *"compare with")
        await pilot.pause(0.5)
        assert "Compare with" not in screen_text(app)  # `c` does nothing outside the pair view
        await pilot.press("escape", "v")  # the pair view
        await pilot.pause()
        await pilot.press("ctrl+p", *"compare with")
        waited = 0.0
        while "Compare with" not in screen_text(app) and waited < 5:
            await pilot.pause(0.1)
            waited += 0.1
        assert "Compare with" in screen_text(app)


async def test_full_collector_passes_are_rarer_while_the_reader_runs_and_as_before_after(seed_comparison):
    # A full pass walks Textual's widgets and strips: 18-40 ms inside a key press on a big story.
    before = gc.get_threshold()
    app = reader(seed_comparison)
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        await pilot.press("j")
        assert gc.get_threshold()[:2] == before[:2]
        assert gc.get_threshold()[2] == max(before[2], READER_FULL_PASS_EVERY)
    assert gc.get_threshold() == before


async def test_what_pivot_changes_froze_is_collected_once_the_user_stops_changing_it(monkeypatch):
    # A pivot change freezes what the reader holds then (`kept_with_the_frozen`), Textual's
    # strips to be included, which hold themselves in their caches: without a collection,
    # each pivot kept some 7,000 more objects here for good.
    from tui.screens.main_screen import MainScreen
    from tui.views.layout import VIEW_CYCLE

    monkeypatch.setattr(MainScreen, "COLLECT_FROZEN_AFTER_S", 0.01)  # (0: Textual never fires it)
    comparison = synthetic_comparison(30, 120)
    app = make_app(comparison.story, comparison=comparison, keymap=NO_KEYMAP)
    frozen_after: list[int] = []
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        for pivot in range(1, 2 * len(VIEW_CYCLE) + 1):
            await pilot.press("p", "down", "enter", "v", "j", "G")  # a new pivot, the next view, read
            while app.screen.frozen_collection_pending:
                await pilot.pause(0.01)
            assert app.screen.comparison.pivot == comparison.story.sources[pivot].id
            frozen_after.append(gc.get_freeze_count())
    # What a view holds differs from one view to the next: compared with the same view a cycle
    # of views (six pivot changes) before.
    cycle = len(VIEW_CYCLE)
    growth = max(later - earlier for earlier, later in zip(frozen_after, frozen_after[cycle:]))
    assert growth < 5_000, frozen_after  # without the collection: some 40,000
