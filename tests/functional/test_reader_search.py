"""Search: every hit counts (also in columns scrolled off to the right), `n` / `N` go hit
by hit, the aligned pane says which hit it is on."""

from __future__ import annotations

import re

from comparators import Comparison, Group, GroupKind, Member, Settings
from comparators.model import Rewording
from tui.app import make_app
from tui.views.layout import View

from reader_helpers import NO_KEYMAP, ready, screen_text, source_id, tiny_story

OUTLETS = [f"Outlet {n}" for n in range(1, 9)]
PLAIN = "Bombers took off from the airbase and struck targets in the north on Tuesday."


def comparison_with_hits() -> Comparison:
    """Eight outlets, six groups; 'zeppelin' twice in the last outlet's g2, once in Outlet 2's g4."""
    texts = {name: [f"{PLAIN} Item {g}." for g in range(6)] for name in OUTLETS}
    texts["Outlet 8"][1] = "A zeppelin flew over the airbase, then a second zeppelin followed it north."
    texts["Outlet 2"][3] = "Witnesses saw a zeppelin near the airbase on Tuesday."
    story = tiny_story(texts)
    groups = tuple(
        Group(
            f"g{g + 1}", GroupKind.SHARED,
            tuple(Member(source_id(name), g, texts[name][g]) for name in OUTLETS),
            rewording=Rewording.LIGHT,
        )
        for g in range(6)
    )
    pivot = story.sources[0].id
    return Comparison(story, Settings(pivot=pivot), pivot, groups)


def reader(view: View):
    comparison = comparison_with_hits()
    return make_app(comparison.story, comparison=comparison, keymap=NO_KEYMAP, view=view)


async def search(pilot, term: str) -> None:
    await pilot.press("slash", *term, "enter")
    await pilot.pause()


def match_shown(app) -> str | None:
    """The "/term: match k/N" the aligned pane's title shows on screen, if any."""
    found = re.search(r"/\S+: match \d+/\d+", screen_text(app))
    return found.group(0) if found else None


def group_id(app) -> str:
    return app.screen.lookup.groups[app.screen.aligned.selected_group].id


def marked(app, word: str, mark: str = "reverse") -> int:
    """How often `word` is drawn in the aligned pane on screen with `mark` (reverse: a
    search hit; underline: the hit n / N are on)."""
    aligned = app.screen.aligned
    return sum(
        segment.text.lower() == word and segment.style is not None and bool(getattr(segment.style, mark))
        for y in range(aligned.scrollable_content_region.height)
        for segment in aligned.render_line(y)
    )


async def test_search_scrolls_the_columns_to_a_hit_off_to_the_right_and_counts_hits():
    app = reader(View.COLUMNS)
    async with app.run_test(size=(120, 32)) as pilot:
        await ready(app, pilot)
        aligned = app.screen.aligned
        assert "Outlet 8" not in aligned.visible_text()  # scrolled off to the right
        await search(pilot, "zeppelin")
        assert group_id(app) == "g2"
        assert match_shown(app) == "/zeppelin: match 1/3"
        assert "zeppelin" in aligned.visible_text()
        assert "Outlet 8" in aligned.visible_text().splitlines()[0]  # its column is shown now


async def test_n_and_N_move_hit_by_hit_not_group_by_group():
    app = reader(View.STACK)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        aligned = app.screen.aligned
        await search(pilot, "zeppelin")
        assert (group_id(app), match_shown(app)) == ("g2", "/zeppelin: match 1/3")
        await pilot.press("n")
        assert (group_id(app), match_shown(app)) == ("g2", "/zeppelin: match 2/3")
        await pilot.press("n")
        assert (group_id(app), match_shown(app)) == ("g4", "/zeppelin: match 3/3")
        assert "zeppelin" in aligned.visible_text()
        await pilot.press("n")  # wraps around
        assert (group_id(app), match_shown(app)) == ("g2", "/zeppelin: match 1/3")
        await pilot.press("N")
        assert (group_id(app), match_shown(app)) == ("g4", "/zeppelin: match 3/3")


async def test_the_current_hit_is_drawn_apart_from_the_other_hits():
    app = reader(View.STACK)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        aligned = app.screen.aligned
        await search(pilot, "zeppelin")

        def hit_styles():
            height = aligned.scrollable_content_region.height
            return [
                segment.style
                for y in range(height)
                for segment in aligned.render_line(y)
                if segment.text == "zeppelin"
            ]

        first = hit_styles()
        assert len(first) == 2 and first[0] != first[1]
        await pilot.press("n")
        assert hit_styles() == first[::-1]


async def test_the_pair_view_counts_the_hits_of_the_pair_it_shows():
    app = reader(View.PAIR)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        aligned = app.screen.aligned
        await search(pilot, "airbase")  # every pivot passage has it; Outlet 2's g4 too
        assert match_shown(app).startswith("/airbase: match 1/")
        total = int(match_shown(app).rsplit("/", 1)[1])
        for _ in range(total):
            await pilot.press("n")
        assert match_shown(app) == f"/airbase: match 1/{total}"  # around once, hit by hit
        assert "airbase" in aligned.visible_text()


async def test_which_hit_shows_on_screen_also_zoomed_and_goes_when_the_view_changes():
    app = reader(View.STACK)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("z")
        await search(pilot, "zeppelin")
        await pilot.press("n")
        assert match_shown(app) == "/zeppelin: match 2/3"
        await pilot.press("z", "v")  # panes back, another view: the count no longer holds
        await pilot.pause()
        assert match_shown(app) is None
        await pilot.press("n")
        assert match_shown(app) is not None


async def test_a_new_term_marks_its_own_hits_and_the_same_term_again_starts_over():
    app = reader(View.STACK)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await search(pilot, "zeppelin")
        await pilot.press("n")
        assert (group_id(app), match_shown(app)) == ("g2", "/zeppelin: match 2/3")
        await search(pilot, "bombers")  # every passage but the two rewritten ones
        assert match_shown(app) == f"/bombers: match 9/{8 * 6 - 2}"  # g2's first: g1 has 8
        assert marked(app, "bombers") > 0 and marked(app, "zeppelin") == 0  # the old term's marks are gone
        await search(pilot, "zeppelin")
        await search(pilot, "zeppelin")  # the same term again: from the first hit after the cursor
        assert (group_id(app), match_shown(app)) == ("g2", "/zeppelin: match 1/3")
        assert marked(app, "zeppelin") == 2 and marked(app, "bombers") == 0


async def test_hits_are_counted_in_the_new_order_after_a_pivot_change():
    app = reader(View.STACK)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await search(pilot, "zeppelin")
        assert match_shown(app) == "/zeppelin: match 1/3"
        await pilot.press("p", "end", "enter")  # Outlet 8, which has two of the hits
        await pilot.pause()
        assert app.screen.comparison.pivot == source_id("Outlet 8")
        await search(pilot, "zeppelin")
        assert match_shown(app) == "/zeppelin: match 1/3"
        found = []
        for _ in range(3):
            found.append((app.screen.search_hit[1], match_shown(app)))
            await pilot.press("n")
        # The pivot comes first in every group now: its two hits, then Outlet 2's.
        assert [source for source, _ in found] == [source_id("Outlet 8")] * 2 + [source_id("Outlet 2")]


async def test_a_pivot_change_that_reorders_the_groups_underlines_no_other_hit_as_the_current():
    # Outlet 3 tells the two passages in the other order: with it as the pivot, g2 comes first.
    texts = {name: [f"A zeppelin flew over. {PLAIN} Item {g}." for g in range(2)] for name in OUTLETS[:3]}
    texts["Outlet 3"].reverse()
    story = tiny_story(texts)
    where = {name: [0, 1] if name != "Outlet 3" else [1, 0] for name in texts}
    groups = tuple(
        Group(
            f"g{g + 1}", GroupKind.SHARED,
            tuple(Member(source_id(name), where[name][g], texts[name][where[name][g]]) for name in texts),
        )
        for g in range(2)
    )
    comparison = Comparison(story, Settings(pivot=story.sources[0].id), story.sources[0].id, groups)
    app = make_app(story, comparison=comparison, keymap=NO_KEYMAP, view=View.STACK)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await search(pilot, "zeppelin")
        assert (group_id(app), match_shown(app)) == ("g1", "/zeppelin: match 1/6")
        assert marked(app, "zeppelin", "underline") == 1
        await pilot.press("p", "end", "enter")
        await pilot.pause()
        assert [g.id for g in app.screen.lookup.groups] == ["g1", "g2"]  # renumbered: the old g2 first
        assert match_shown(app) is None and marked(app, "zeppelin", "underline") == 0  # no hit is the one n / N are on
        await pilot.press("n")
        assert match_shown(app) is not None and marked(app, "zeppelin", "underline") == 1


def three_outlets() -> Comparison:
    """Three outlets, three groups: one told by all three (one word apart), one only A and
    C tell, one only B tells."""
    texts = {
        "Outlet A": ["The mayor opened the bridge on Monday.", "Crowds cheered the mayor."],
        "Outlet B": ["The mayor opened the tunnel on Monday.", "Traffic was diverted for hours."],
        "Outlet C": ["The governor opened the bridge on Monday.", "Crowds cheered the governor."],
    }
    a, b, c = (source_id(name) for name in texts)
    story = tiny_story(texts)
    groups = (
        Group("g1", GroupKind.SHARED, tuple(Member(s, 0, texts[n][0]) for s, n in zip((a, b, c), texts)),
              rewording=Rewording.LIGHT),
        Group("g2", GroupKind.PARTIAL, (Member(a, 1, texts["Outlet A"][1]), Member(c, 1, texts["Outlet C"][1])),
              rewording=Rewording.LIGHT),
        Group("g3", GroupKind.UNIQUE, (Member(b, 1, texts["Outlet B"][1]),)),
    )
    return Comparison(story, Settings(pivot=a), a, groups)


async def test_after_a_new_pivot_the_pair_view_compares_it_with_the_first_other_outlet():
    comparison = three_outlets()
    app = make_app(comparison.story, comparison=comparison, keymap=NO_KEYMAP, view=View.PAIR)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        aligned = app.screen.aligned
        shown = aligned.visible_text()
        assert "[-Outlet A-] → {+Outlet B+}" in shown
        assert "The mayor opened the [-bridge-]{+tunnel+} on Monday." in shown
        assert "{+Traffic was diverted for hours.+}" in shown  # B's own passage
        assert "Crowds cheered" in shown  # A's alone, as removed
        await pilot.press("p", "down", "down", "enter")  # the chooser starts on A: C is two down
        await pilot.pause()
        assert app.screen.comparison.pivot == "outlet-c"
        shown = aligned.visible_text()
        assert "[-Outlet C-] → {+Outlet A+}" in shown
        assert "The [-governor-]{+mayor+} opened the bridge on Monday." in shown
        assert "Crowds cheered the [-governor-]{+mayor+}." in shown
        assert "Traffic" not in shown  # only B tells it: not in this pair
        assert [app.screen.lookup.groups[i].members[0].text[:9] for i in aligned.items()] == ["The mayor", "Crowds ch"]


async def test_a_search_after_a_new_pivot_marks_the_hits_of_the_pair_shown():
    comparison = three_outlets()
    app = make_app(comparison.story, comparison=comparison, keymap=NO_KEYMAP, view=View.PAIR)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await search(pilot, "governor")  # C's word: not in the pair A -> B
        assert match_shown(app) is None and marked(app, "governor") == 0
        await pilot.press("p", "down", "down", "enter")
        await pilot.pause()
        await search(pilot, "governor")  # now C is the pivot: twice in C -> A
        assert match_shown(app) == "/governor: match 1/2"
        assert marked(app, "governor") == 2  # both drawn as hits, in C's removed words
        assert marked(app, "governor", "underline") == 1  # the first the one `n` is on
        await search(pilot, "traffic")  # only B's: not in the pair shown, nothing marked
        assert marked(app, "traffic") == 0 and marked(app, "governor") == 0


async def test_the_match_count_goes_when_what_it_counted_changes_and_stays_when_the_prompt_is_cancelled():
    app = reader(View.STACK)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await search(pilot, "zeppelin")
        assert match_shown(app) == "/zeppelin: match 1/3"
        await search(pilot, "nowhere")  # no hit: the count was zeppelin's, it goes
        assert match_shown(app) is None and marked(app, "zeppelin") == 0

        await search(pilot, "zeppelin")
        await pilot.press("slash", "escape")  # the prompt cancelled, as in less: the search stays
        await pilot.pause()
        assert match_shown(app) == "/zeppelin: match 1/3" and marked(app, "zeppelin", "underline") == 1
        await pilot.press("n")
        assert match_shown(app) == "/zeppelin: match 2/3"

        await pilot.press("p", "end", "enter")  # a new pivot renumbers the hits
        await pilot.pause()
        assert app.screen.comparison.pivot == source_id("Outlet 8")
        assert match_shown(app) is None
        await pilot.press("n")  # the next hit after the cursor's group (g2): Outlet 2's in g4
        assert (group_id(app), match_shown(app)) == ("g4", "/zeppelin: match 3/3")

        await pilot.press("v")  # another view counts its own hits
        await pilot.pause()
        assert app.screen.view == View.PAIR and match_shown(app) is None
        await pilot.press("n")
        assert match_shown(app) is not None
