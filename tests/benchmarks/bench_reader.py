"""Reader speed: the seeds to a first full screen under 1.0 s (a fresh `synopsis`
process), a 2,000-group story and a 400-source story open under 3 s, each navigation
key handled and repainted under 50 ms.

A plain script (`make bench` runs it): prints the figures and exits non-zero when over
budget. `--only pair` (or `columns`, `stack`; repeatable) times that view only and
`--story groups` (or `sources`) that story only, each without the seeds' fresh processes:
`--only pair --story groups` takes some 35 s. A view timed alone starts colder than in
the whole run (the views before it left word diffs and tokens in the caches the pair
view reads): its new pivot is dearer there (2,000 groups: 71-78 ms against 53-58). The 2,000-group and the 400-source comparisons are built directly (no alignment run: alignment has
its own budget), so the figure is what the reader itself costs. A key's cost is the
process's CPU time from the key press to the repainted screen: wall-clock time under
Pilot adds its own pauses (about 60 ms for an empty app) and whatever else the
machine runs.

Besides the navigation keys, the other keys a reader presses on a big story are timed
(`OTHER_KEYS`: the pivot chooser and a new pivot, hiding a source, a search, the next
view, help, the export dialog, panes, zoom). On the 400-source story, CPU ms at the
median, 2 shared cores at load 4-6 (everything slower than on a quiet machine), stack view
at 80x24 / columns at 200x50, two runs each of this file's keys (the reader before -> after
the dialogs were kept between openings, issue 17):
- `?` (help): 131-140 -> 22-29 / 200-210 -> 55-61 (and the first opening at 80x24 about 70);
- `e` (export dialog): 116-123 -> 38-48 / 162-167 -> 62-67;
- `p` (pivot chooser): 61-74 -> 37-45 / 137-163 -> 67-72;
- `enter` on a new pivot: 94-95 -> 52-71 / 129-138 -> 84-103;
- escape closing help or the export dialog: 26-31 -> 11-14 / 33-52 -> 13-17.
Help, the export dialog and the outlet chooser are composed once and kept
(`install_screen`); help is rendered once per width and drawn with the Line API. The
footer repaints only when its keys change. A pivot change only sorts: what ordering
needs for any pivot is indexed once (`comparators.ordering.ReadingIndex`, 25 ms at 400
sources, then 0.2 ms a pivot).
Then (the same two runs each, before -> after, 80x24 / 200x50): `enter` on a new pivot
51-59 -> 38-39 / 67-98 -> 65-83; search `enter` 42-47 -> 37-42 / 65-99 -> 56-57; `?`
20-26 -> 20 / 57-65 -> 38-41; `e` 42-45 -> 32-35 / 65-71 -> 45-52; `p` 29-43 -> 30-31 /
63-73 -> 41-48; tab at 200x50 59-64 -> 47-51. A pivot change keeps the review index's
passage table (keyed by group key, which a renumbering keeps), each group's outlets and its
joined texts (by member tuple); the stack view measures a group without a Python step per
outlet. A search keeps the layout (a term changes what is marked, not a block's height)
and passes over a group without a hit in one step (its texts lowered and joined, kept).
A dialog repaints the screen beneath once: Textual repaints a screen beneath a dialog
whole, tinted, at any change to it (its `_compositor_refresh` marks it for a full repaint
each time it forwards one), and the footer used to empty itself just after the push; it
is now emptied just before (`SynopsisApp.push_screen`). The outlet chooser's rows are
made once per story.
Then (this file's four runs, before -> after, 400 sources, 200x50 columns / 80x24 stack,
load 5-14): tab 53 -> 25-34 / 29 -> 19-26; shift+tab 35 -> 26-35 / 23 -> 18-26; `z` 51 ->
31-41 / 33 -> 18-26, unzoom 81 -> 35-37 / 50 -> 17-23; search `enter` 42 -> 39-54 / 40 ->
25-38; `enter` on a new pivot 62 -> 58-81 / 55 -> 30-39; `9` 48-70 -> 36-54 / 48 -> 29-43.
Textual's `Screen.focused` is a reactive that repaints the whole screen when focus moves
(verified: the only full-screen update a tab made); the main screen's does not, the two
panes repaint themselves. The sources pane is drawn with the Line API (a DataTable
renders every cell on screen again when one changes or its focus style does); its rows
are kept per style. Zoom no longer sets Textual's `-maximized-view` class on the screen
(a class on the screen restyles every widget). A passage is cut into lines with one
`Text.divide`.
Then the pivot change (this file's runs, two before -> three after, load 1-4, CPU ms at
the median; 200x50 columns / 80x24 stack / 200x50 pair): 400 sources `enter` on a new
pivot 65-76 -> 35-49 / 32-45 -> 35-46 / 45-50 -> 38-43, `p` 44-58 -> 32-48 / 30-36 ->
30-35 / 46-51 -> 41-45; 2,000 groups `enter` on a new pivot 89-102 -> 62-75 / 74 -> 41-62
/ 75-83 -> 68-95 (the pair view's runs straddle it). Textual already draws the chooser
closing and the new pivot in one frame (the result callback runs before the screen
beneath resumes: one full-screen update, verified), so `batch_update` has nothing to
join. What cost more was:
- the header: `Static.update` lays out the whole screen by default, and a new pivot
  changes the header's words, rarely its height; a second pass over the panes followed
  (5-6 ms of layout, then the aligned view drawn again: 50 -> 32 ms on a quiet machine
  at 400 sources). `StoryHeader.show` now asks for one only when the header is not
  already as tall as its new text;
- the aligned view scrolled to the cursor after the next refresh: on the 2,000-group
  story a new pivot moves the selected group, so a first frame drew the old offset and
  a second the new one. It now scrolls at once (and once more after the refresh, for a
  first show before the pane has its size);
- a columns-view row was made by copying each cell, joining and assembling the row and
  copying it again (`cell_row` now builds it in one `Text`: the same text and spans, in
  the same order, checked on 3,000 random rows; 5 -> 2 ms for a 200x50 screen), and the
  view looked its style up (`rich_style`, which walks every ancestor) once a line;
- groups were renumbered with `dataclasses.replace` (10.6 -> 8.8 ms of `order_groups`
  a pivot on 2,000 groups).
Still over 50 ms, and why: on the 2,000-group story, a new pivot reorders 2,000 groups
(`order_groups` some 9 ms, the lookup, review marks and layout that follow some 10 ms)
before the screen is drawn in full (the tint going, some 20 ms at 200x50); a search's
`enter` (48-73 ms, not changed here) closes the search bar, a docked widget: the screen is
laid out again, the aligned view grows a line and its scrollbar asks for a second layout
(Textual), and focus moving back from the input restyles both (some 10 ms). The chooser
at 200x50 is the tinted repaint of the whole screen beneath it (Textual), near the line
on a loaded machine.
Then the 2,000-group pivot change and search (this file's navigation, the reader before
(8b541ee) and after run one after the other, two rounds, load 13-18, CPU ms at the median;
200x50 columns / 80x24 stack / 200x50 pair): 2,000 groups `enter` on a new pivot 65-74 ->
47-48 / 62-68 -> 44-50 / 96-102 -> 55-70, search `enter` 53-58 -> 39-44 / 46-50 -> 31-36 /
44-47 -> 51-58 (the pair view's search unchanged: noise), `e` 34-65 -> 28-42 / 24-28 -> 27-35
/ 30-38 -> 25-28; 400 sources `enter` on a new pivot 43-54 -> 32-33 / 43-46 -> 24-25 / 54-73
-> 26-29, `p` 34-39 -> 29-30 / 25-26 -> 21-23 / 33-50 -> 33-62 (one spike), search `enter`
33-37 -> 30 / 25-28 -> 24-26 / 30-31 -> 31-34, `9` 24-31 -> 22-24 / 26-29 -> 26-31. What cost:
- a pivot change paused the cycle collector with `cycle_collection_paused`, whose
  `gc.get_freeze_count()` counts the frozen objects one by one (the reader freezes its
  comparison: some 90,000 objects, 7 ms), and left what it made in the young generations:
  the next young collections walked it (5-12 ms a pivot) and every few pivots a full one
  walked the reader (40 ms). `kept_with_the_frozen` freezes it with the comparison;
- a search after a pivot change cleaned 2,000 groups' texts again (the cleaning cache keeps
  1,024 groups) to count its hits: 30 ms. `Lookup.hit_counts` keeps each group's hits per
  outlet for the last term, by member tuple, across pivot changes and hidden sources;
- the aligned view's title and the detail pane followed the view's `CursorMoved`, which
  arrives after the frame that draws the new view: a second frame. They are set at once;
- a dialog opened again asked for a layout (the export dialog's empty error set again,
  the chooser's unchanged height and title), drawn in a frame before the full one;
- the pair view measured every pair by styling it, and wrapping stepped through each word:
  a cleaned passage (ASCII, spaces only) is now broken a line at a time with `str.rfind`
  (the same breaks, checked against the general loop);
- `order_groups` keys a group with a pivot passage without a call (9.5 -> 8.8 ms).
Still near or over 50 ms, and why: the pair view's new pivot (55-70 ms) measures a new
pair of outlets over 2,000 groups, a word diff each (some 35 ms); on the 2,000-group story
a new pivot still reorders and renumbers 2,000 groups (`order_groups` 9 ms), lays them out
(stack 6 ms) and draws the whole screen as the chooser closes (15-20 ms at 200x50); a
search's `enter` closes the docked search bar, and the aligned view growing a line makes
Textual lay out twice (its scrollbars) and draw three frames.
Then the 2,000-group pivot change (this file, the reader before (cdfadfc) and after run
one after the other, twice, load 0.2-1.8, CPU ms at the median; 200x50 columns / 80x24
stack / 200x50 pair): `enter` on a new pivot 52, 43 -> 39, 39 / 40, 56 -> 35, 32 / 52, 67
-> 60, 41 (the pair view's seven-round runs of that key alone, before and after in turn:
69, 77, 81, 80 -> 66, 75, 59, 70, in a slower hour of the machine). What cost:
- `order_groups` (7-9 -> 5.5 ms): some 1,400 of the 2,000 groups hold no pivot passage and
  each was keyed by a call walking its chain; one whose first passage held by another
  group leads to a group already placed (nearly all) is keyed inline, with the same key
  (17,452 orderings of random and synthetic stories checked against the code before);
  the groups are renumbered in one `map` over ids made once; `with_pivot` walks the
  groups to rename discrepancies only when there are some;
- the pair view measured all 1,000-odd groups of the pair again: heights are now kept by
  texts and width (`pair_height`), a text alone as `(text, "")` (as tall on either side),
  spelt without the word diff, and the outlets come from the lookup's `group_sources`
  (warm 7.3 -> 2.8 ms).
Still over 50 ms at times, and why: the pair view's new pivot is a new pair of outlets,
whose 160-odd shared passages are word-diffed (45 us each, 70 us with spelling and
wrapping: some 12 ms), and the 470-odd passages of the new pivot alone measured (2 ms);
then Textual's full repaint as the chooser closes (20-25 ms at 200x50).
Then the pair view's new pivot and search on the 2,000-group story (the reader before
(1d0e2a1) and after run one after the other, twice, load 0.1-1, CPU ms at the median).
`--story groups`, 200x50 pair / 200x50 columns / 80x24 stack: `enter` on a new pivot 58,
53 -> 54, 50 / 53, 41 -> 49, 49 / 49, 47 -> 45, 46; search `enter` 49, 47 -> 45, 46 /
42, 48 -> 45, 44 / 32, 38 -> 39, 44 (the stack view's search path is unchanged: noise of
this shared machine, as the columns' 41-53 of the same code shows). `--only pair --story
groups` (colder caches, see above): new pivot 78, 71 -> 62, 66; search 48, 45 -> 45, 44.
Under 50 ms with margin it is not. Profiled inside this file's sequence (`time.process_time` around each stage of
the key, rounds 2-5, the first reusing the pair measured at opening): `with_pivot` 8-13
ms, the new lookup and the review 4-6, the pair view's measure 13-23, Textual's drawing
12-19 (of which the aligned view's scrollbar 3-6: its window changed), the rest Textual's
events (some 10, as for `j`). What cost and was cut:
- `order_groups` walked, for each of the 1,400 groups without a pivot passage, the
  passages before its first one to find the group it follows: that walk does not depend
  on the pivot and is now made once per story (`ReadingIndex.leaders`; the same order on
  4,772 orderings of random and synthetic stories, ties included, as the code before);
- the groups' old positions were matched up twice (the lookup, then the review): the
  review takes the lookup's (`Lookup.moved_from`); each group's changes move with it
  unless a quote or discrepancy changed group (`group_changes` again only then);
- the pair view read the two outlets' texts with `Group.text_of` (a walk of the members)
  for 1,200 groups at each pivot and again at each search: each group's texts are made
  once and moved with the groups (`Lookup.group_texts`), and a pair's plain text is
  remembered (`pair_plain`, as `word_diff` is), so a search spells no pair measured.
Still over 50 ms on a loaded machine, and why: a new pivot is a new pair of outlets, whose
170-odd shared passages are word-diffed, their new texts tokenized (some 7 ms) and 400-odd
passages of the pivot alone wrapped (3-4 ms), the 2,000 groups renumbered (3 ms of frozen
dataclasses); then Textual's full repaint as the chooser closes, its layout for the new
scroll height and the scrollbar drawn again. A search's `enter` is now mostly Textual's:
the docked bar closing lays the screen out again and the scrollbar is redrawn (some 15-20
ms), the hits of the pair some 5-9.
The 400-source story's search finds no hit ("ministry" is not among its words): the
figure is the search's walk and repaint, not 13,000 hits.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TESTS / "support"))

from reader_helpers import NO_KEYMAP, ready, source_id, synthetic_comparison, tiny_story  # noqa: E402

from comparators import Comparison, Group, GroupKind, Member, Settings  # noqa: E402
from comparators.model import Rewording  # noqa: E402

from textual.pilot import WaitForScreenTimeout  # noqa: E402

from tui.app import make_app  # noqa: E402
from tui.views.layout import VIEW_CYCLE, View  # noqa: E402

FIRST_SCREEN_BUDGET_S = 1.0
OPEN_BUDGET_S = 3.0
KEY_BUDGET_MS = 50.0
KEYS = ["j", "k", "down", "up", "space", "b", "pagedown", "pageup", "right_square_bracket",
        "left_square_bracket", "u", "U", "apostrophe", "quotation_mark", "G", "g",
        "n", "N", "l", "h"]  # n / N: search hit by hit (a search is made first); l / h: columns
SEARCH = "ministry"  # in about two groups in three of the synthetic story: many hits to step through
# The other keys a reader presses, each a sequence of which only the last key is timed
# (the keys before it set the scene and are pressed untimed). The chooser's `down` moves
# the pivot one outlet on each round; `9` hides and shows an outlet that never becomes it.
OTHER_KEYS: dict[str, tuple[str, ...]] = {
    "p (pivot chooser)": ("p",),
    "down (in the chooser)": ("down",),
    "enter (new pivot)": ("enter",),
    "9 (hide a source)": ("9",),
    "9 (show it again)": ("9",),
    "enter (search)": ("slash", *SEARCH, "enter"),
    "v (next view)": ("v",),  # the six views in turn, back to the first
    "? (help)": ("question_mark",),
    "escape (help closed)": ("escape",),
    "e (export dialog)": ("e",),
    "escape (dialog closed)": ("escape",),
    "tab (next pane)": ("tab",),
    "shift+tab": ("shift+tab",),
    "z (zoom)": ("z",),
    "z (unzoom)": ("z",),
}
VIEWS = {View.COLUMNS: (200, 50), View.STACK: (80, 24), View.PAIR: (200, 50)}  # each timed at its size
PAIR_KEYS = {"c (pair chooser)": ("c",), "escape (chooser closed)": ("escape",)}  # the pair view only
ROUNDS = 5

# A fresh process, as `synopsis` on the seeds: prints when the whole screen is first
# drawn (the comparison still running in its worker) and when the aligned passages
# appear, then quits.
CHILD = """
import sys, time
from comparators import load_story
from tui.keymap import UserKeymap
from tui.state.comparing import start_comparing

async def auto_pilot(pilot):
    app = pilot.app
    print("screen", time.time(), flush=True)
    while not app.screen.query("#aligned") or not app.screen.aligned.layout_:
        await pilot.pause(0.005)
    await pilot.pause()
    print("aligned", time.time(), flush=True)
    app.exit()

story = load_story([])
comparing = start_comparing(story)  # as `synopsis` does, before Textual is imported
from tui.app import make_app
make_app(story, keymap=UserKeymap({}), comparing=comparing).run(
    headless=True, size=(int(sys.argv[1]), int(sys.argv[2])), auto_pilot=auto_pilot
)
"""


def first_screen(size: tuple[int, int], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from starting `synopsis` to the first screen, and to the aligned passages."""
    start = time.time()
    result = subprocess.run(
        [sys.executable, "-c", CHILD, *map(str, size)],
        check=True, capture_output=True, text=True, env={**os.environ, **env},
    )
    events = dict(line.split() for line in result.stdout.splitlines() if line.strip())
    return float(events["screen"]) - start, float(events["aligned"]) - start


async def open_and_navigate(
    comparison, size: tuple[int, int], view: View
) -> tuple[float, dict[str, float]]:
    """Seconds to open; each key's median cost in ms over `ROUNDS` rounds of `KEYS`,
    then of `OTHER_KEYS` (and `PAIR_KEYS` in the pair view)."""
    start = time.perf_counter()
    app = make_app(comparison.story, comparison=comparison, keymap=NO_KEYMAP, view=view)
    costs: dict[str, list[float]] = {}

    async def timed(name: str, *keys: str) -> None:
        await pilot.press(*keys[:-1])
        await pilot.pause()
        began = time.process_time()
        await pilot.press(keys[-1])
        await pilot.pause()
        costs.setdefault(name, []).append((time.process_time() - began) * 1000)

    async with app.run_test(size=size) as pilot:
        await ready(app, pilot)
        opened = time.perf_counter() - start
        await pilot.press("slash", *SEARCH, "enter")
        await pilot.pause()
        for _ in range(ROUNDS):
            for key in KEYS:
                await timed(key, key)
        others = {**OTHER_KEYS, **(PAIR_KEYS if view == View.PAIR else {})}
        for _ in range(ROUNDS):
            for name, keys in others.items():
                for _ in range(len(VIEW_CYCLE) if name.startswith("v ") else 1):
                    await timed(name, *keys)
    return opened, {key: statistics.median(values) for key, values in costs.items()}


def wide_comparison(n_sources: int, n_facts: int, seed: int = 0) -> Comparison:
    """A ready comparison of a big story: `n_facts` facts, each told by nine sources in
    ten (one word changed), in every source's order, as wire copy spreads."""
    import random

    rng = random.Random(seed)
    words = "police said the fire spread across the port after an explosion on tuesday night".split()
    names = [f"Outlet {n:03d}" for n in range(n_sources)]
    paragraphs: dict[str, list[str]] = {name: [] for name in names}
    groups = []
    for fact in range(n_facts):
        base = [rng.choice(words) for _ in range(rng.randint(18, 45))] + [f"fact{fact}"]
        members = []
        for name in names:
            if rng.random() < 0.1:
                continue
            told = list(base)
            told[rng.randrange(len(told))] = rng.choice(words)
            text = " ".join(told).capitalize() + "."
            members.append(Member(source_id(name), len(paragraphs[name]), text))
            paragraphs[name].append(text)
        groups.append(Group(f"g{fact + 1}", GroupKind.PARTIAL, tuple(members), rewording=Rewording.LIGHT))
    story = tiny_story(paragraphs, title=f"Synthetic story, {n_sources} sources")
    pivot = story.sources[0].id
    return Comparison(story, Settings(pivot=pivot), pivot, tuple(groups))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=[str(v) for v in VIEWS], action="append",
                        help="time this view only (repeatable), on the big stories only (no seeds)")
    parser.add_argument("--story", choices=["groups", "sources"], action="append",
                        help="the 2,000-group or the 400-source story only (repeatable; no seeds)")
    args = parser.parse_args(argv)
    subset = bool(args.only or args.story)
    failures = []
    if not subset:
        failures += seeds_first_screen()
    stories = {
        "groups": ("2,000 groups x 10 sources", lambda: synthetic_comparison(10, 2000)),
        "sources": ("400 sources x 40 facts", lambda: wide_comparison(400, 40)),
    }
    for name, (label, build) in stories.items():
        if not args.story or name in args.story:
            failures += navigation(label, build(), args.only)
    if failures:
        print("over budget: " + ", ".join(failures), file=sys.stderr)
        return 1
    return 0


def seeds_first_screen() -> list[str]:
    """Times a fresh `synopsis` on the seeds; prints the figures, returns what was over budget."""
    failures = []
    cache = tempfile.mkdtemp(prefix="synopsis-bench-cache-")
    first_screen((80, 24), {"SYNOPSIS_CACHE_DIR": cache})  # fills the cache
    for label, env in (
        ("first open (no cached comparison: aligning imports scikit-learn meanwhile)",
         {"SYNOPSIS_NO_CACHE": "1"}),
        ("reopened (comparison read from the cache)", {"SYNOPSIS_CACHE_DIR": cache}),
    ):
        runs = sorted(first_screen((80, 24), env) for _ in range(3))
        screen, aligned = runs[1]  # the median run
        print(f"seeds, fresh `synopsis` process at 80x24, {label}: whole screen drawn in "
              f"{screen:.2f} s (budget {FIRST_SCREEN_BUDGET_S} s); aligned passages shown in "
              f"{aligned:.2f} s")
        if screen > FIRST_SCREEN_BUDGET_S:
            failures.append(f"first screen, {label}")
    return failures


def navigation(label: str, comparison: Comparison, only: list[str] | None = None) -> list[str]:
    """Open `comparison` in each view (those in `only`, when given) and press every key;
    prints the figures, returns what was over budget."""
    failures = []
    for view, size in VIEWS.items():
        if only and view not in only:
            continue
        try:
            opened, keys = asyncio.run(open_and_navigate(comparison, size, view))
        except WaitForScreenTimeout:  # the screen still busy after Pilot's wait
            print(f"{label}, {view} at {size[0]}x{size[1]}: not ready within Pilot's wait for the screen")
            failures.append(f"open {view}, {label}")
            continue
        navigation = {key: cost for key, cost in keys.items() if key in KEYS}
        slowest = max(navigation, key=navigation.get)
        print(f"{label}, {view} at {size[0]}x{size[1]}: opened in {opened:.2f} s "
              f"(budget {OPEN_BUDGET_S} s); a navigation key costs {statistics.median(navigation.values()):.0f} ms "
              f"of CPU at the median, the slowest {slowest} {keys[slowest]:.0f} ms (budget {KEY_BUDGET_MS:.0f} ms)")
        print("    other keys, ms: " + "; ".join(f"{key} {cost:.0f}" for key, cost in keys.items() if key not in KEYS))
        if opened > OPEN_BUDGET_S:
            failures.append(f"open {view}, {label}")
        over = [key for key, cost in keys.items() if cost > KEY_BUDGET_MS]
        if over:
            failures.append(f"keys {view}, {label}: {', '.join(over)}")
    return failures


if __name__ == "__main__":
    sys.exit(main())
