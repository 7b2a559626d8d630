"""Wrapping and highlighting, without a terminal."""

from __future__ import annotations

import random

from rich.cells import cell_len

from comparators import Group, GroupKind, Member, Quote, QuoteStatus
from comparators.quote_status import UNIQUE_QUOTE_MARK
from tui.views.render import Palette, group_summary, member_plain, member_text, pair_text
from tui.views.wrap import line_breaks

TEXT = "Russian bombers flying from an Iranian airbase struck targets in Syria on Tuesday."


def lines(text: str, width: int) -> list[str]:
    return [text[a:b] for a, b in line_breaks(text, width)]


def test_wrapped_lines_fit_and_keep_every_word_in_order():
    for width in (8, 13, 30, 200):
        wrapped = lines(TEXT, width)
        assert all(cell_len(line) <= width for line in wrapped)
        assert " ".join(wrapped).split() == TEXT.split()


def test_a_word_longer_than_the_line_is_cut_and_newlines_break():
    assert lines("abcdefghij xy", 4) == ["abcd", "efgh", "ij", "xy"]
    assert lines("one\ntwo three", 20) == ["one", "two three"]
    assert lines("", 10) == [""]


def test_a_text_spaced_only_with_spaces_wraps_as_one_with_tabs_does():
    """Passages as cleaned (ASCII, spaces only) take a shorter road: the same breaks."""
    rng = random.Random(7)
    for _ in range(3000):
        words = [rng.choice(["a", "bb", "ccc", "x" * rng.randint(4, 14)]) for _ in range(rng.randint(0, 12))]
        text = "".join(word + " " * rng.randint(1, 3) for word in words)
        text = " " * rng.randint(0, 2) + text[: rng.randint(0, len(text))]
        width = rng.randint(1, 16)
        assert line_breaks(text, width) == line_breaks(text.replace(" ", "\t"), width), (text, width)


def test_wide_characters_count_two_cells():
    assert lines("报道 报道 报道", 9) == ["报道 报道", "报道"]


def group(*texts: str) -> Group:
    members = tuple(Member(f"s{i}", 0, text) for i, text in enumerate(texts))
    return Group("g1", GroupKind.PARTIAL, members)


def test_a_near_copy_underlines_its_edits_and_leaves_shared_words_plain():
    g = group("The ministry said bombers struck Aleppo on Tuesday", "The ministry said bombers hit Aleppo on Tuesday")
    text = member_text(g, "s1", [], Palette(), compared=("s0", "s1"))
    styles = {text.plain[s.start : s.end]: s.style for s in text.spans if s.style}
    assert list(styles) == ["hit"] and styles["hit"].underline


def test_a_search_hit_and_the_current_hit_have_their_own_styles():
    g = group("Bombers struck Aleppo; Aleppo burned", "Bombers hit Aleppo; Aleppo burned")
    text = member_text(g, "s1", [], Palette(), search="aleppo", compared=("s0", "s1"), current_hit=1)
    hits = [s.style for s in text.spans if text.plain[s.start : s.end] == "Aleppo"]
    assert hits == [Palette().match, Palette().match_current]
    assert Palette().match != Palette().edit and Palette().match_current != Palette().match


def test_a_quote_only_this_outlet_carries_starts_with_its_marker():
    g = group('He said "we will strike again" on Tuesday.\x1b[2J', "He said nothing.")
    quote = Quote("s0:q1", "s0", 0, 9, 29, "we will strike again", status=QuoteStatus.UNIQUE)
    text = member_text(g, "s0", [quote], Palette())
    assert f'"{UNIQUE_QUOTE_MARK} we will strike again"' in text.plain
    assert "\x1b" not in text.plain
    assert text.plain == member_plain(g, "s0", [quote])  # what the view measures is what it draws


def test_pair_text_marks_words_like_git_word_diff():
    text = pair_text("struck targets near Aleppo", "struck positions near Aleppo", Palette())
    assert text.plain == "struck [-targets-]{+positions+} near Aleppo"


# -- a pivot change: what the lookup keeps from the order before

def test_a_pivot_change_measures_every_passage_as_a_fresh_lookup_would(seed_comparison):
    from comparators import Settings, compare, with_pivot
    from tui.views.lookup import Lookup

    # Sentence groups put a paragraph (and its quotes) in several groups, where which
    # group a quote lands in can change with the order.
    for comparison in (seed_comparison, compare(seed_comparison.story, Settings(granularity="sentence"))):
        before = Lookup(comparison)
        sources = [s.id for s in comparison.story.sources]
        for width in (30, 66):
            for source_id in sources:
                before.passage_lines(source_id, width)
        for pivot in sources[1:]:
            pivoted = with_pivot(comparison, pivot)
            reordered, fresh = Lookup(pivoted, reordered=before), Lookup(pivoted)
            assert reordered.figures == fresh.figures and reordered.quote_group == fresh.quote_group
            assert reordered.changes == fresh.changes  # moved with their groups, or found again
            for width in (30, 66):
                for source_id in sources:
                    assert reordered.passage_lines(source_id, width) == fresh.passage_lines(source_id, width)


def test_a_lookup_of_other_groups_takes_nothing_from_the_one_before(seed_comparison):
    from dataclasses import replace

    from tui.views.lookup import Lookup

    before = Lookup(seed_comparison)
    pivot = seed_comparison.pivot
    before.passage_lines(pivot, 40)
    fewer = replace(seed_comparison, groups=seed_comparison.groups[1:])
    after = Lookup(fewer, reordered=before)
    assert after.passage_lines(pivot, 40) == Lookup(fewer).passage_lines(pivot, 40)


def test_a_quote_whose_paragraph_stands_in_two_groups_is_measured_where_it_lands():
    from reader_helpers import tiny_story  # tests/support is on pytest's pythonpath

    from comparators import Comparison, Settings, with_pivot
    from tui.views.lookup import Lookup

    said = "The talks will go on until a deal is reached, the envoy said in a statement on Tuesday."
    story = tiny_story({"A": [said], "B": ["Talks go on."], "C": ["A deal is near."]})
    quote = Quote("q1", "a", 0, 0, 46, said[:46], status=QuoteStatus.UNIQUE)
    groups = (  # A's paragraph reports both facts: it stands in both groups
        Group("g1", GroupKind.PARTIAL, (Member("a", 0, said), Member("b", 0, "Talks go on."))),
        Group("g2", GroupKind.PARTIAL, (Member("a", 0, said), Member("c", 0, "A deal is near."))),
    )
    comparison = with_pivot(Comparison(story, Settings(pivot="b"), "b", groups, quotes=(quote,)), "b")
    before = Lookup(comparison)
    widths = [len(said) + 1, len(said) + 2]  # where the quote's mark adds a line
    for width in widths:
        before.passage_lines("a", width)
    pivoted = with_pivot(comparison, "c")  # the pivot's group leads, the other follows it
    reordered = Lookup(pivoted, reordered=before)
    assert comparison.groups[before.quote_group["q1"]].sources == ("a", "b")
    assert pivoted.groups[reordered.quote_group["q1"]].sources == ("a", "c")  # the quote moved
    for width in widths:
        assert reordered.passage_lines("a", width) == Lookup(pivoted).passage_lines("a", width)


async def test_views_cycled_with_no_room_for_the_aligned_view_come_back_on_the_same_group():
    """A terminal a column wide leaves the aligned view no width: it is laid out when it
    has some, on the group selected before, not read meanwhile as if laid out for the new view."""
    from reader_helpers import NO_KEYMAP, ready, synthetic_comparison  # tests/support is on pytest's pythonpath

    from tui.app import make_app
    from tui.views.layout import VIEW_CYCLE, View

    comparison = synthetic_comparison(4, 30, seed=3)
    app = make_app(comparison.story, comparison=comparison, keymap=NO_KEYMAP, view=View.COLUMNS)
    async with app.run_test(size=(60, 20)) as pilot:
        await ready(app, pilot)
        await pilot.press("down", "down", "down")
        await pilot.pause()
        await pilot.resize_terminal(1, 20)
        await pilot.pause()
        for _ in VIEW_CYCLE:  # round to the columns view again
            await pilot.press("v")
            await pilot.pause()
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert str(app.screen.aligned.border_title).startswith("Columns · g4 ·")


# -- the pair view's heights, kept by texts

def test_a_text_alone_is_as_tall_in_the_pair_view_on_either_side():
    """`pair_height` keeps a one-sided pair as `(text, "")` and spells it without the
    word diff: the same height as the pair drawn, whichever side the text is on."""
    from tui.views.pair import pair_height
    from tui.views.render import pair_plain

    rng = random.Random(11)
    pieces = ["a", "bb", "ministry", "报道", "x" * 30, "\t", "\x1b[31m", "\n", "  "]
    for _ in range(2000):
        a = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        b = rng.choice(["", a, " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))])
        width = rng.randint(1, 40)
        drawn = 2 + len(line_breaks(pair_plain(a, b), width))
        assert pair_height(a, b, width) == drawn, (a, b, width)
        if not b:
            assert 2 + len(line_breaks(pair_plain("", a), width)) == drawn, (a, width)


def test_the_pair_view_measures_each_group_as_tall_as_it_draws_it_after_a_pivot_and_a_resize():
    """Heights kept from one pair of outlets and width serve the next: each block still
    as tall as the lines drawn for it, and the same blocks as measured afresh."""
    from reader_helpers import synthetic_comparison

    from comparators import with_pivot
    from tui.views.layout import View, ViewState
    from tui.views.lookup import Lookup
    from tui.views.pair import PairLayout, pair_height

    comparison = synthetic_comparison(6, 120, seed=3)
    ids = [s.id for s in comparison.story.sources]
    lookup = Lookup(comparison)
    for pivot, partner, width in ((ids[0], ids[1], 80), (ids[2], ids[0], 80), (ids[2], ids[0], 51), (ids[1], ids[2], 51)):
        if pivot != lookup.comparison.pivot:
            comparison = with_pivot(lookup.comparison, pivot)
            lookup = Lookup(comparison, reordered=lookup)
        visible = (pivot, *[s for s in ids if s != pivot])
        state = ViewState(lookup, View.PAIR, visible, partner)
        kept = PairLayout(state, width, Palette())
        assert kept.blocks and all(
            block.height == len(kept.render_block(i, False)) for i, block in enumerate(kept.blocks)
        )
        pair_height.cache_clear()
        assert PairLayout(state, width, Palette()).blocks == kept.blocks


def test_a_group_is_summarised_in_words_that_fit_the_story_s_outlet_count():
    def shared_by(*sources: str) -> Group:
        return Group("g1", GroupKind.PARTIAL, tuple(Member(s, 0, "Talks go on.") for s in sources))

    story = None  # an outlet's name is only looked up for a passage one outlet carries
    assert group_summary(shared_by("a", "b"), story, 2) == "in both outlets"
    assert group_summary(shared_by("a", "b", "c"), story, 3) == "in all 3 outlets"
    assert group_summary(shared_by("a", "b"), story, 3) == "in 2 of 3 outlets"
