"""The reader as a fact-checker uses it (issue 15, findings 2, 3, 4 and 6): `]` to real
changes, reading tall groups (j/k line by line, ctrl+e/ctrl+y, zoom), a plain detail pane,
explicit choosers for the pivot and the pair view, a footer for the pane and view, copy,
open and click. On the seed story at 80x24 unless said otherwise."""

from __future__ import annotations

import sys

from tui.app import make_app
from tui.views.render import outlet
from tui.screens.outlet_chooser import OutletChooser
from tui.views.layout import View

from comparators import Comparison, Group, GroupKind, Member, Settings, compare
from reader_helpers import NO_KEYMAP, ready, screen_text, source_id, synthetic_comparison, tiny_story

NARROW, WIDE = (80, 24), (200, 50)


def reader(seed_comparison, **kwargs):
    return make_app(seed_comparison.story, comparison=seed_comparison, keymap=NO_KEYMAP, **kwargs)


async def test_right_bracket_stops_only_at_real_changes(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await ready(app, pilot)
        lookup, view = app.screen.lookup, app.screen.aligned
        expected = [i for i in range(1, len(lookup.groups)) if lookup.changes[i]]
        assert 0 < len(expected) < len(lookup.groups) - 1  # not every group, as before
        stops = []
        for _ in expected:
            await pilot.press("right_square_bracket")
            stops.append(view.selected_group)
        assert stops == expected
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert view.selected_group == expected[-1]
        assert "No edited copy," in screen_text(app)  # a notification says so
        await pilot.press("left_square_bracket")
        assert view.selected_group == expected[-2]


async def test_right_bracket_skips_a_change_between_hidden_outlets(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await ready(app, pilot)
        lookup = app.screen.lookup
        # hide every outlet but the pivot: only changes of the pivot alone (its own quotes) stay
        for number in (1, 3, 4, 5):
            await pilot.press(str(number))
        await pilot.press("right_square_bracket")
        changes = lookup.changes[app.screen.aligned.selected_group]
        assert changes and all(c.sources == ("ap",) for c in changes if c.shown_with({"ap"}))


async def test_j_scrolls_a_group_taller_than_the_pane_line_by_line_then_moves_on(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await ready(app, pilot)
        view = app.screen.aligned
        layout = view.layout_
        height = layout.blocks[0].height
        pane = view.scrollable_content_region.height
        assert height > pane  # the first group of five outlets does not fit at 80x24
        await pilot.press("j")
        await pilot.pause()
        assert view.cursor == 0 and view.scroll_y == 1
        for _ in range(height - pane - 1):
            await pilot.press("j")
        await pilot.pause()
        assert view.cursor == 0 and view.scroll_y == height - pane  # the group's last line shows
        await pilot.press("j")
        await pilot.pause()
        assert view.cursor == 1
        await pilot.press("k")  # back into the tall group: from its end, as less scrolls
        await pilot.pause()
        assert view.cursor == 0 and view.scroll_y == height - pane
        await pilot.press("k")
        await pilot.pause()
        assert view.cursor == 0 and view.scroll_y == height - pane - 1


async def test_the_arrow_keys_move_group_by_group_however_tall(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await ready(app, pilot)
        view = app.screen.aligned
        assert view.layout_.blocks[0].height > view.scrollable_content_region.height
        await pilot.press("down")
        assert view.cursor == 1
        await pilot.press("up")
        assert view.cursor == 0


async def test_ctrl_e_and_ctrl_y_scroll_a_line_and_the_cursor_stays_on_screen(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await ready(app, pilot)
        view = app.screen.aligned
        await pilot.press("ctrl+e", "ctrl+e")
        await pilot.pause()
        assert view.scroll_y == 2 and view.cursor == 0
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert view.scroll_y == 1
        for _ in range(view.layout_.blocks[0].height + 2):
            await pilot.press("ctrl+e")
        await pilot.pause()
        assert view.cursor > 0  # the first group left the pane: the cursor followed
        assert view.visible_text().startswith("▌")  # onto the group now at the pane's top


async def test_z_zooms_the_aligned_view_and_restores_the_panes(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await ready(app, pilot)
        view = app.screen.aligned
        before = view.size.height
        await pilot.press("z")
        await pilot.pause()
        assert app.screen.maximized is view
        assert view.size.height > before + 8
        assert "only here" not in screen_text(app)  # the sources pane is out of the way
        assert "z Zoom" in screen_text(app).splitlines()[-1]  # the keys stay
        await pilot.press("z")
        await pilot.pause()
        assert app.screen.maximized is None and view.size.height == before


async def test_escape_cancels_a_search_started_while_zoomed_and_the_zoom_stays(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        await pilot.press("z", "slash", *"airb", "escape")
        await pilot.pause()
        assert "/airb" not in screen_text(app)  # the search bar is closed
        assert app.focused is app.screen.aligned and app.screen.maximized is app.screen.aligned
        assert "] Next change" in screen_text(app).splitlines()[-1]  # and the keys are back


async def test_leaving_the_zoom_keeps_the_selected_group_in_sight(seed_comparison):
    app = reader(seed_comparison, view=View.STACK)
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        view = app.screen.aligned
        await pilot.press("z")
        await pilot.pause()
        while view.visible_text().split("\n").index(next(
            line for line in view.visible_text().split("\n") if line.startswith("▌"))) < 16:
            await pilot.press("down")  # until the cursor's group starts low in the zoomed pane
            await pilot.pause()
        group = app.screen.lookup.groups[view.selected_group].id
        await pilot.press("z")
        await pilot.pause()
        assert app.screen.maximized is None
        assert view.visible_text().count("▌") > 0  # the cursor's gutter is on screen
        assert f"{group} " in view.visible_text()


async def test_the_detail_pane_speaks_plainly_and_takes_no_room_with_nothing_to_say(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        lookup, view = app.screen.lookup, app.screen.aligned
        detail = app.screen.query_one("#detail")
        edited = next(i for i, c in enumerate(lookup.changes) if any(x.kind == "edited copy" for x in c))
        view.select(edited)
        await pilot.pause()
        text = screen_text(app)
        assert detail.display and "Edited copy:" in text
        assert "carry the same text with a few words changed" in text
        assert "cohesion" not in text and "min_link" not in text
        await pilot.press("s")  # developer scores, on request
        await pilot.pause()
        assert "cohesion" in screen_text(app) and "Why matched" in screen_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert "cohesion" not in screen_text(app)


def detail_shown(app) -> str:
    """The detail pane's text as drawn (wrapped lines joined), '' when it is hidden."""
    pane = app.screen.query_one("#detail")
    return " ".join(" ".join(line.text.split()) for line in pane.lines) if pane.display else ""


def disagreements_of_selected(app) -> list[str]:
    """'d2 spelling of Hamadan / Hamedan' for each discrepancy of the selected group, from the comparison shown."""
    group = app.screen.aligned.selected_group_object()
    return [f"{d.id} {d.fact}" for d in app.screen.comparison.discrepancies if d.group == group.id]


async def test_the_detail_pane_follows_the_cursor_the_pivot_and_the_view(seed_comparison):
    app = reader(seed_comparison, view=View.STACK)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        await pilot.press("d")
        first = disagreements_of_selected(app)
        assert len(first) == 2 and all(d in detail_shown(app) for d in first)
        await pilot.press("d")  # the next group where outlets disagree
        second = disagreements_of_selected(app)
        assert second and all(d in detail_shown(app) for d in second)
        assert not any(d in detail_shown(app) for d in first)
        await pilot.press("down")  # the group after it disagrees on something else
        third = disagreements_of_selected(app)
        assert third and third != second and all(d in detail_shown(app) for d in third)

        await pilot.press("p", "down", "enter")  # a new pivot: the groups renumbered, the cursor's kept
        await pilot.pause()
        assert app.screen.comparison.pivot == "the-herald"
        assert disagreements_of_selected(app)[0].split(" ", 1)[1] == third[0].split(" ", 1)[1]
        assert all(d in detail_shown(app) for d in disagreements_of_selected(app))
        await pilot.press("down")  # in the new order, not the old
        assert all(d in detail_shown(app) for d in disagreements_of_selected(app))
        assert not any(d.split(" ", 1)[1] in detail_shown(app) for d in third)

        await pilot.press("v", "v")  # stack -> pair -> quotes: the selected quote's speaker
        await pilot.pause()
        assert app.screen.view == View.QUOTES
        await pilot.press("g")
        for _ in app.screen.lookup.quotes:  # also from a quote to the next in the same group
            quote = app.screen.lookup.quotes[app.screen.aligned.selected_quote]
            said = f"Quote by {quote.speaker or 'unknown speaker'}" + (f" ({quote.speaker_evidence})" if quote.speaker_evidence else "")
            assert detail_shown(app).startswith(" ".join(said.split()))
            assert " ".join(quote.text.split()[:5]) in detail_shown(app)  # its group's quotes list it
            await pilot.press("j")
        await pilot.press("v", "v")  # -> coverage -> disagreements: the discrepancy's group
        await pilot.pause()
        assert app.screen.view == View.DISAGREEMENTS
        for _ in range(3):
            assert disagreements_of_selected(app) and all(d in detail_shown(app) for d in disagreements_of_selected(app))
            assert "Quote by" not in detail_shown(app)
            await pilot.press("j")


async def test_the_detail_pane_is_hidden_for_a_group_with_nothing_to_say():
    from reader_helpers import tiny_story
    from comparators import compare

    story = tiny_story({
        "AP": ["The council met on Monday to discuss the budget for next year."],
        "Reuters": ["The council met on Monday to discuss the budget for next year."],
    })
    comparison = compare(story)
    app = make_app(story, comparison=comparison, keymap=NO_KEYMAP)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await ready(app, pilot)
        assert not app.screen.query_one("#detail").display
        assert app.screen.aligned.size.height >= 15  # the room goes to the passages


async def test_twelve_outlets_editing_one_wire_story_make_one_edited_copy_line_and_leave_room():
    names = ["AP", "Reuters", "AFP", "BBC", "CNN", "Guardian", "Times", "Post", "Herald", "Tribune", "Globe", "Courier"]
    story = tiny_story({
        name: [
            f"A storm hit the coast of Portugal on Sunday, killing {30 + n % 3} people, officials said.",
            f"The {name} correspondent reported power cuts across the whole region on Sunday night.",
        ]
        for n, name in enumerate(names)
    })
    app = make_app(story, comparison=compare(story), keymap=NO_KEYMAP, view=View.STACK)
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        detail = app.screen.query_one("#detail")
        text = screen_text(app)
        assert text.count("Edited copy:") == 1  # not one line per pair of outlets
        assert "Where outlets disagree" in text and "AP ¶1: 30" in text  # still in the pane
        assert detail.size.height <= 6
        await pilot.press("down")  # the second passage, where AP's copy is edited by all eleven
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        others = ", ".join(names[1:])
        assert f"Edited copy: AP and each of {others} carry the same text with a few words changed." in text


async def test_p_opens_a_pivot_chooser_and_escape_changes_nothing(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, OutletChooser)
        text = screen_text(app)
        assert "Pivot: whose order to follow" in text and "AP  ★ pivot" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.comparison.pivot == "ap"
        await pilot.press("p", "down", "down", "enter")  # from AP to The Herald, then Xinhua
        await pilot.pause()
        assert app.screen.comparison.pivot == "xinhua"
        assert "Groups now follow Xinhua's order." in screen_text(app)


async def test_the_outlet_chooser_moves_with_the_readers_own_keys():
    comparison = synthetic_comparison(12, 6)
    app = make_app(comparison.story, comparison=comparison, keymap=NO_KEYMAP)
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        await pilot.press("p", "G", "enter")  # the last outlet
        await pilot.pause()
        assert outlet(comparison.story, app.screen.comparison.pivot) == "Outlet 011"
        await pilot.press("p", "g", "j", "j", "k", "enter")  # the first, two down, one up
        await pilot.pause()
        assert outlet(comparison.story, app.screen.comparison.pivot) == "Outlet 001"


async def test_the_header_grows_and_shrinks_with_the_pivot_name_it_shows():
    """A new pivot lays the screen out again only when the header's lines change: a longer
    name must still make it taller (and a shorter one shorter), never cut its last line."""
    long_name = "The Evening Chronicle of Somewhere Very Far Away Indeed"
    story = tiny_story(
        {
            "Wire": ["Ten ships docked at the harbour on Monday, officials said.", "The mayor praised the crews."],
            long_name: ["Ten ships docked at the harbour on Monday, port officials said.", "Crowds gathered on the quay."],
        },
        title="Ships dock",
    )
    comparison = compare(story)
    app = make_app(story, comparison=comparison, keymap=NO_KEYMAP)

    def header() -> str:
        rows = screen_text(app).splitlines()
        return " ".join(row.strip() for row in rows[: next(i for i, r in enumerate(rows) if r.startswith("─Sources"))])

    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        assert app.screen.comparison.pivot == source_id(long_name)
        await pilot.press("p", "up", "enter")
        await pilot.pause()
        assert app.screen.comparison.pivot == "wire"
        assert header().endswith("pivot Wire (chosen)")
        assert app.screen.query_one("#header").size.height == 2
        await pilot.press("p", "down", "enter")
        await pilot.pause()
        assert header().endswith(f"pivot {long_name} (chosen)")
        assert app.screen.query_one("#header").size.height == 3


async def test_a_pivot_chooser_of_many_outlets_shows_twenty_rows_and_scrolls_to_the_rest():
    comparison = synthetic_comparison(40, 30)
    app = make_app(comparison.story, comparison=comparison, keymap=NO_KEYMAP)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        await pilot.press("p")
        await pilot.pause()
        text = screen_text(app)
        assert "Outlet 019" in text and "Outlet 020" not in text  # twenty rows, the rest below
        await pilot.press(*["down"] * 30, "enter")
        await pilot.pause()
        assert outlet(comparison.story, app.screen.comparison.pivot) == "Outlet 030"


async def test_at_80x24_the_pivot_chooser_keeps_its_cursor_row_on_screen():
    comparison = synthetic_comparison(40, 30)
    app = make_app(comparison.story, comparison=comparison, keymap=NO_KEYMAP)
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        await pilot.press("p", *["down"] * 17)  # past what a 20-row list would show in the box
        await pilot.pause()
        assert "18  Outlet 017" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert outlet(comparison.story, app.screen.comparison.pivot) == "Outlet 017"


async def test_on_a_400_outlet_story_the_pivot_chooser_reaches_every_outlet_and_the_groups_follow_it():
    from comparators import with_pivot
    from reader_helpers import record_notifications
    from tui.widgets.outlet_list import OutletList

    comparison = synthetic_comparison(400, 12)
    app = make_app(comparison.story, comparison=comparison, keymap=NO_KEYMAP)
    shown = record_notifications(app)
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        await pilot.press("p", "home", "up")  # up from the first outlet: the last
        await pilot.pause()
        assert "400  Outlet 399" in screen_text(app) and "1  Outlet 000  ★ pivot" not in screen_text(app)
        await pilot.press("pageup", "up")
        await pilot.pause()
        rows = app.screen.query_one(OutletList)
        assert 370 < rows.highlighted < 399  # a page up, then a row
        highlighted = f"Outlet {rows.highlighted:03d}"
        assert highlighted in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        chosen = app.screen.comparison.pivot
        assert outlet(comparison.story, chosen) == highlighted
        expected = [g.members for g in with_pivot(comparison, chosen).groups]
        assert [g.members for g in app.screen.lookup.groups] == expected
        assert shown[-1].message == f"Groups now follow {highlighted}'s order."
        await pilot.press("p", "home")  # it starts on the pivot: back to the top
        await pilot.pause()
        await pilot.click(OutletList, offset=(3, 2))  # a click on the third row chooses it
        await pilot.pause()
        assert outlet(comparison.story, app.screen.comparison.pivot) == "Outlet 002"


async def test_p_starts_on_the_sources_pane_row_when_it_has_focus(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        await pilot.press("shift+tab", "j", "j", "j", "j")  # Tehran Times
        await pilot.press("p", "enter")
        await pilot.pause()
        assert app.screen.comparison.pivot == "tehran-times"


async def test_the_pair_view_has_its_own_outlet_chooser(seed_comparison):
    app = reader(seed_comparison, view=View.PAIR)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        assert "[-AP-] → {+The Guardian+}" in app.screen.aligned.visible_text()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, OutletChooser)
        assert "Compare the pivot with" in screen_text(app)
        await pilot.press("down", "down", "enter")  # The Guardian, The Herald, Xinhua
        await pilot.pause()
        assert "[-AP-] → {+Xinhua+}" in app.screen.aligned.visible_text()
        await pilot.press("shift+tab", "j", "j")  # the sources cursor no longer decides
        await pilot.pause()
        assert "[-AP-] → {+Xinhua+}" in app.screen.aligned.visible_text()


async def test_the_footer_shows_the_keys_of_the_focused_pane_and_the_view(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await ready(app, pilot)
        footer = screen_text(app).splitlines()[-1]
        for key in ("] Next change", "/ Search", "v View", "z Zoom", "y Copy", "o Open", "? Keys", "q Quit"):
            assert key in footer
        await pilot.press("shift+tab")  # the sources pane
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Show/hide" in footer and "Next change" not in footer
        await pilot.press("tab", "v")  # back to the aligned view; the pair view
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "c Compare with" in footer and "q Quit" in footer
        await pilot.press("v")  # quotes
        await pilot.pause()
        assert "Open its group" in screen_text(app).splitlines()[-1]


async def test_under_a_dialog_the_footer_offers_none_of_the_readers_keys(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        for opens in ("question_mark", "p", "a", "e"):  # help, pivot chooser, note, export
            await pilot.press(opens)
            await pilot.pause()
            assert app.screen is not app.screen_stack[0]
            assert "Next change" not in screen_text(app).splitlines()[-1], opens
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is app.screen_stack[0]
            assert "] Next change" in screen_text(app).splitlines()[-1]


async def test_y_copies_the_selected_passage_with_its_outlets(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await ready(app, pilot)
        group = app.screen.lookup.groups[0]
        await pilot.press("y")
        await pilot.pause()
        copied = app.clipboard
        assert copied.startswith("AP, 2016-08-16:\n")
        assert group.text_of("ap") in copied and group.text_of("the-guardian") in copied
        assert "heraldscotland.com" in copied  # the Herald's web address names its version
        assert "Copied passage g1" in screen_text(app)


async def test_y_and_o_in_the_pair_view_take_the_two_outlets_it_shows(seed_comparison, monkeypatch):
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5000 10.0.0.2 22")
    app = reader(seed_comparison, view=View.PAIR)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await ready(app, pilot)
        group = app.screen.lookup.groups[0]  # in all five outlets
        pivot, partner = app.screen.comparison.pivot, app.screen.partner(app.screen.visible_sources())
        others = [s for s in group.sources if s not in (pivot, partner)]
        assert others
        await pilot.press("y")
        await pilot.pause()
        copied = app.clipboard
        assert group.text_of(pivot) in copied and group.text_of(partner) in copied
        assert not any(group.text_of(s) in copied for s in others)
        await pilot.press("o")
        await pilot.pause()
        chooser = app.screen
        assert isinstance(chooser, OutletChooser)
        assert [source_id for source_id, _ in chooser.choices] == [
            s.id for s in seed_comparison.story.sources if s.id in (pivot, partner)
        ]


async def test_y_copies_a_quote_with_its_speaker_in_the_quotes_view(seed_comparison):
    app = reader(seed_comparison, view=View.QUOTES)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await ready(app, pilot)
        quote = app.screen.lookup.quotes[app.screen.aligned.selected_item]
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard.startswith("“" + quote.text)
        assert "Copied the quote" in screen_text(app)


def herald_group(app) -> int:
    lookup = app.screen.lookup
    return next(i for i, g in enumerate(lookup.groups) if g.sources == ("the-herald",))


async def test_o_shows_the_address_over_ssh_and_copies_it(seed_comparison, monkeypatch):
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5000 10.0.0.2 22")
    opened = []
    app = reader(seed_comparison)
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await ready(app, pilot)
        app.screen.aligned.select(herald_group(app))
        await pilot.press("o")
        await pilot.pause()
        url = seed_comparison.story.source("the-herald").url
        assert opened == [] and app.clipboard == url
        assert "heraldscotland.com" in screen_text(app)


async def test_o_in_the_sources_pane_opens_the_source_under_its_cursor(seed_comparison, monkeypatch):
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5000 10.0.0.2 22")
    app = reader(seed_comparison)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("shift+tab")  # the sources pane, its cursor on the first row
        while app.screen.sources.focused_source != "the-herald":
            await pilot.press("j")
        assert "o Open" in screen_text(app).splitlines()[-1]
        await pilot.press("o")
        await pilot.pause()
        assert app.clipboard == seed_comparison.story.source("the-herald").url
        assert not isinstance(app.screen, OutletChooser)  # no list: the row says whose


async def test_o_opens_the_page_on_a_desktop_after_choosing_the_outlet(seed_comparison, monkeypatch):
    monkeypatch.delenv("SSH_CONNECTION", raising=False)
    monkeypatch.delenv("SSH_TTY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(sys, "platform", "linux")
    opened = []
    app = reader(seed_comparison)
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("o")  # g1: every outlet carries it, so a list to choose from
        await pilot.pause()
        assert isinstance(app.screen, OutletChooser)
        await pilot.press("enter")  # The Guardian: read from a file, no web address
        await pilot.pause()
        assert opened == [] and "has no web address" in screen_text(app)
        await pilot.press("o", "down", "down", "enter")  # The Herald
        await pilot.pause()
        assert opened == [seed_comparison.story.source("the-herald").url]


async def test_a_click_selects_the_group_under_the_pointer(seed_comparison):
    app = reader(seed_comparison)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        view = app.screen.aligned
        lines = view.visible_text().splitlines()
        target = app.screen.lookup.groups[1].id
        row = next(n for n, line in enumerate(lines) if line.lstrip("▌ ").startswith(f"{target} "))
        await pilot.click(view, offset=(10, row + 1))  # + the pane's top border
        await pilot.pause()
        assert view.selected_group == 1
        assert f"▌{target} " in view.visible_text()


async def test_a_click_after_a_scroll_to_part_of_a_line_selects_the_group_drawn_there(seed_comparison):
    app = reader(seed_comparison, view=View.STACK)
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        view = app.screen.aligned
        view.scroll_to(y=20.6, animate=False)  # where dragging the scrollbar may leave it
        await pilot.pause()
        ids = {group.id for group in app.screen.lookup.groups}
        lines = view.visible_text().splitlines()
        row, target = next(
            (n, line.split()[0]) for n, line in enumerate(lines) if n and line.split() and line.split()[0] in ids
        )
        await pilot.click(view, offset=(10, row + 1))  # + the pane's top border
        await pilot.pause()
        assert app.screen.lookup.groups[view.selected_group].id == target


def test_o_opens_a_browser_on_a_desktop_or_in_a_browser_never_over_ssh():
    from comparators.fetching import is_url
    from tui.browser import opens_a_browser

    assert opens_a_browser({"DISPLAY": ":0"}, "linux", is_web=False)
    assert not opens_a_browser({}, "linux", is_web=False)  # a console: no browser to start
    assert not opens_a_browser({"DISPLAY": ":0", "SSH_CONNECTION": "1 2 3 4"}, "linux", is_web=False)
    assert not opens_a_browser({"SSH_TTY": "/dev/pts/1"}, "darwin", is_web=False)
    assert opens_a_browser({"SSH_CONNECTION": "1 2 3 4"}, "linux", is_web=True)  # textual-serve
    assert opens_a_browser({}, "darwin", is_web=False)
    assert is_url("https://example.org/a") and not is_url("file:///etc/passwd")


def _tall_group_comparison(outlets: int = 12) -> Comparison:
    """One group every outlet carries, five lines each at 80 columns (far taller than the
    pane at 80x24 in the stack view, so it is drawn part by part), then a group of two."""
    names = [f"Outlet {n:03d}" for n in range(outlets)]
    texts = {name: [f"Marker{n:02d} " + " ".join(f"w{n}x{k}" for k in range(40)) + "."] for n, name in enumerate(names)}
    closing = "A closing line two outlets carry."
    for name in names[:2]:
        texts[name].append(closing)
    story = tiny_story(texts, title="A tall group")
    tall = Group("g1", GroupKind.SHARED, tuple(Member(source_id(n), 0, texts[n][0]) for n in names))
    short = Group("g2", GroupKind.PARTIAL, tuple(Member(source_id(n), 1, closing) for n in names[:2]))
    return Comparison(story, Settings(pivot=story.sources[0].id), story.sources[0].id, (tall, short))


def _markers(aligned) -> list[str]:
    return [word for line in aligned.visible_text().splitlines() for word in line.split() if word.startswith("Marker")]


async def test_a_tall_group_drawn_part_by_part_shows_no_stale_line_after_a_mark_a_hidden_source_a_pivot_or_a_theme():
    comparison = _tall_group_comparison()
    app = make_app(comparison.story, comparison=comparison, keymap=NO_KEYMAP, view=View.STACK)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        aligned = app.screen.aligned
        await pilot.press("x", "down")  # mark the tall group, then select the next one
        await pilot.pause()
        assert "g1 ✓ in all 12 outlets" in aligned.visible_text()
        await pilot.press("ctrl+z")  # unmark it while another group is selected
        await pilot.pause()
        assert "g1 ✓" not in aligned.visible_text() and "g1 in all 12 outlets" in aligned.visible_text()
        await pilot.press("up")
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        assert _markers(aligned)[0] == "Marker00"  # the header part, drawn and kept
        await pilot.press(*["ctrl+e"] * 20, "x")  # the middle of the group; mark it, its header off screen
        await pilot.press(*["ctrl+y"] * 40)  # back to the header, drawn before the mark
        await pilot.pause()
        assert "g1 ✓ in all 12 outlets" in aligned.visible_text().splitlines()[0]
        await pilot.press(*["ctrl+e"] * 20)
        await pilot.pause()
        on_screen = _markers(aligned)
        hidden = on_screen[1]  # an outlet whose passage is on screen, below another
        assert "Marker00" not in on_screen and int(hidden[-2:]) < 9
        await pilot.press(str(int(hidden[-2:]) + 1))  # hide it (its number in the sources pane)
        await pilot.pause()
        middle = _markers(aligned)
        assert hidden not in middle and middle == sorted(set(middle)) and len(middle) >= 2
        await pilot.press("p", *["down"] * 5, "enter")  # Outlet 005 as pivot: it comes first
        await pilot.pause()
        assert app.screen.comparison.pivot == "outlet-005"
        middle = _markers(aligned)
        assert hidden not in middle and middle == sorted(set(middle) - {"Marker05"}) and len(middle) >= 2
        await pilot.press(*["ctrl+y"] * 40)
        await pilot.pause()
        assert _markers(aligned)[:3] == ["Marker05", "Marker00", "Marker01"]  # the pivot first
        dark = aligned.render_line(1)
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        light = aligned.render_line(1)
        assert light.text == dark.text
        label = next(segment.style for segment in light if "Outlet 005" in segment.text)
        assert label.color == (aligned.rich_style + aligned.palette.label).color != next(
            segment.style for segment in dark if "Outlet 005" in segment.text
        ).color


async def test_the_outlet_chooser_opened_again_shows_its_new_list_as_a_first_opening_would():
    """The reader keeps one chooser for `p`, `c` and `o`: each opening shows its own title,
    rows, size and cursor, and gives the choice to its own key."""
    comparison = synthetic_comparison(400, 12)

    async def chooser_shown(app, pilot, key: str) -> str:
        await pilot.press(key)
        for _ in range(3):
            await pilot.pause()
        assert isinstance(app.screen, OutletChooser)
        text = screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        return text

    shown: dict[str, list[str]] = {"p": [], "o": []}
    keys = ("p", "o")  # all 400 outlets, then a short list (those on screen)
    for opened_first in (None, *keys):  # one reader using the chooser, then one per list
        app = make_app(comparison.story, comparison=comparison, keymap=NO_KEYMAP, view=View.STACK)
        async with app.run_test(size=(80, 40)) as pilot:  # room for a list of 20 rows
            await ready(app, pilot)
            if opened_first is None:
                await pilot.press("p", "pagedown", "pagedown", "escape")  # scrolled, then closed
                for key in keys:
                    shown[key].append(await chooser_shown(app, pilot, key))
                await pilot.press("p", "down", "enter")  # the choice goes to the pivot
                await pilot.pause()
                assert outlet(comparison.story, app.screen.comparison.pivot) == "Outlet 001"
            else:
                shown[opened_first].append(await chooser_shown(app, pilot, opened_first))
    assert "Pivot: whose order" in shown["p"][0] and "Open whose page?" in shown["o"][0]
    assert shown["p"][0] == shown["p"][1] and shown["o"][0] == shown["o"][1]
