"""The reader shows where outlets disagree: a marker, the detail pane, a view and a key."""

from __future__ import annotations

from dataclasses import replace

from comparators import compare
from comparators.discrepancies import Discrepancy, DiscrepancyValue
from tui.app import make_app
from tui.views.layout import DISAGREE_MARK, View

from reader_helpers import NO_KEYMAP, ready, record_notifications, screen_text, synthetic_comparison, tiny_story

WIDE = (200, 50)


def reader(comparison, **kwargs):
    return make_app(comparison.story, comparison=comparison, keymap=NO_KEYMAP, **kwargs)


def group_of(comparison, discrepancy_id: str) -> str:
    return next(d.group for d in comparison.discrepancies if d.id == discrepancy_id)


async def test_d_jumps_to_the_next_group_where_outlets_disagree_and_shows_the_values(seed_comparison):
    app = reader(seed_comparison, view=View.STACK)
    disagreeing = [d.group for d in seed_comparison.discrepancies]
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        await pilot.press("d")
        group = app.screen.aligned.selected_group_object()
        assert group.id == disagreeing[0]
        text = screen_text(app)
        assert f"{group.id} {DISAGREE_MARK}" in text
        assert "Where outlets disagree" in text
        assert "Hamadan" in text and "Hamedan" in text
        await pilot.press("G", "D")
        assert app.screen.aligned.selected_group_object().id == disagreeing[-1]
        assert "some 50 kilometres (31 miles)" in screen_text(app)


async def test_d_past_the_last_discrepancy_says_there_is_none_below(seed_comparison):
    app = reader(seed_comparison, view=View.STACK)
    shown = record_notifications(app)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        await pilot.press("G")
        last = app.screen.aligned.selected_group_object().id
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.aligned.selected_group_object().id == last
        assert [n.message for n in shown] == ["No group where outlets disagree below."]


async def test_the_disagreements_view_lists_every_discrepancy_and_enter_opens_its_group(seed_comparison):
    app = reader(seed_comparison, view=View.COVERAGE)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        await pilot.press("v")
        assert app.screen.view == View.DISAGREEMENTS
        text = screen_text(app)
        assert "Disagreements" in text
        for discrepancy in seed_comparison.discrepancies:
            assert discrepancy.id in text
        assert "AP ¶29: some 50 kilometers (30 miles)" in text
        await pilot.press("G")
        last = seed_comparison.discrepancies[-1]
        assert f"{last.id} · {len(seed_comparison.discrepancies)}/" in screen_text(app)
        await pilot.press("enter")
        assert app.screen.view == View.STACK
        assert app.screen.aligned.selected_group_object().id == last.group


async def test_each_value_says_what_was_compared_only_when_that_adds_something(seed_comparison):
    app = reader(seed_comparison, view=View.DISAGREEMENTS)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        lines = [" ".join(line.split()) for line in app.screen.aligned.visible_text().splitlines()]
        assert any(line.endswith("AP ¶3: Hamedan") for line in lines)  # not 'Hamedan Hamedan 2016-08-16'
        assert not any("Hamedan Hamedan" in line or "2016-08" in line for line in lines)
        assert any("some 50 kilometers (30 miles) = 50 km / 30 mi" in line for line in lines)


async def test_a_figure_that_grew_with_the_dates_shows_each_outlets_date():
    app = reader(snapshot_comparison(), view=View.DISAGREEMENTS)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        text = app.screen.aligned.visible_text()
        assert ", 2016-08-16: 24 crew members" in text and ", 2016-08-17: 25 crew" in text
        assert "= 24" not in text  # the figure compared is in the words as written


async def test_d_in_the_quotes_view_goes_to_a_quote_in_a_group_where_outlets_disagree(seed_comparison):
    app = reader(seed_comparison, view=View.QUOTES)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        await pilot.press("d")
        lookup = app.screen.lookup
        assert app.screen.view == View.QUOTES
        assert lookup.group_discrepancies.get(app.screen.aligned.selected_group)


async def test_hiding_one_side_of_a_discrepancy_leaves_it_out_of_the_list(seed_comparison):
    app = reader(seed_comparison, view=View.COVERAGE)
    herald = next(n for n, s in enumerate(seed_comparison.story.sources, 1) if s.id == "the-herald")
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        await pilot.press("v")
        assert "some 50 kilometres (31 miles)" in screen_text(app)
        await pilot.press(str(herald))
        await pilot.pause()
        text = screen_text(app)
        assert "some 50 kilometres (31 miles)" not in text
        assert "Hamadan" in text


# ---------------------------------------------------------------- snapshots


def snapshot_comparison():
    """A fixed, hand-made comparison (no alignment run) with two discrepancies."""
    comparison = synthetic_comparison(4, 12, seed=3)
    first, second = comparison.groups[0], comparison.groups[2]
    a, b = first.members[0], first.members[1]
    c, d = second.members[0], second.members[-1]
    return replace(
        comparison,
        discrepancies=(
            Discrepancy("d1", "number", "crew member", first.id, (
                DiscrepancyValue(a.source, a.paragraph, "24 crew members", "24", "2016-08-16"),
                DiscrepancyValue(b.source, b.paragraph, "25 crew", "25", "2016-08-17"),
            ), later_update=True),
            Discrepancy("d2", "name", "spelling of Hamadan / Hamedan", second.id, (
                DiscrepancyValue(c.source, c.paragraph, "Hamadan", "Hamadan"),
                DiscrepancyValue(d.source, d.paragraph, "Hamedan", "Hamedan"),
            )),
        ),
    )


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()


def test_disagreements_view_at_100x30(snap_compare):
    """Every discrepancy with each outlet's value; the first selected."""
    app = reader(snapshot_comparison(), view=View.DISAGREEMENTS)
    assert snap_compare(app, terminal_size=(100, 30), run_before=settle)


def test_stack_view_marks_a_group_whose_outlets_disagree_at_120x32(snap_compare):
    """≠ after the group's id; the detail pane sets the values side by side."""
    app = reader(snapshot_comparison(), view=View.STACK)
    assert snap_compare(app, terminal_size=(120, 32), run_before=settle)


# ---------------------------------------------------------------- hidden outlets


def quota_comparison():
    """Three outlets; Reuters alone gives another figure (15 percent, the others 12)."""
    lead = "European ministers agreed on Tuesday to cut fishing quotas in the North Sea by {} percent, officials said."
    tail = "The cuts will take effect on January 1 and affect about 4,000 boats in the region."
    story = tiny_story({
        "AP": [lead.format(12), tail],
        "Reuters": [lead.format(15), tail],
        "Herald": [lead.format(12), tail],
    })
    comparison = compare(story)
    assert [[v.value for v in d.values] for d in comparison.discrepancies] == [["12%", "15%", "12%"]]
    return comparison


async def test_with_the_odd_outlet_hidden_the_outlets_shown_no_longer_disagree():
    comparison = quota_comparison()
    group = comparison.discrepancies[0].group
    app = reader(comparison, view=View.STACK)
    shown = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        text = screen_text(app)
        assert f"{group} {DISAGREE_MARK}" in text and "Where outlets disagree" in text
        await pilot.press("2")  # hide Reuters: AP and the Herald both say 12 percent
        await pilot.pause()
        text = screen_text(app)
        assert f"{group} {DISAGREE_MARK}" not in text
        assert "Where outlets disagree" not in text
        assert "Reuters" not in text.split("─Stack")[1]  # the detail pane names no hidden outlet
        await pilot.press("g", "d")
        await pilot.pause()
        assert shown[-1].message == "No group where outlets disagree below."
        await pilot.press("v", "v", "v", "v")
        assert app.screen.view == View.DISAGREEMENTS
        assert "No discrepancy between the sources shown." in screen_text(app)
        await pilot.press("2")  # Reuters back: the disagreement is back
        await pilot.pause()
        text = screen_text(app)
        assert "Reuters ¶1: 15 percent" in text and "No discrepancy" not in text


async def test_y_on_a_disagreement_copies_the_values_of_the_outlets_shown():
    lead = "European ministers agreed on Tuesday to cut fishing quotas in the North Sea by {} percent, officials said."
    story = tiny_story({name: [lead.format(figure)] for name, figure in (("AP", 12), ("Reuters", 15), ("Herald", 14))})
    app = reader(compare(story), view=View.DISAGREEMENTS)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("3", "y")  # the Herald hidden: AP and Reuters still disagree
        await pilot.pause()
        assert "AP, 2016-08-16, paragraph 1" in app.clipboard and "15 percent (Reuters" in app.clipboard
        assert "Herald" not in app.clipboard and "14 percent" not in app.clipboard
