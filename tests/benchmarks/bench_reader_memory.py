"""Reader memory over a long session: RSS and the collector's objects, sampled as keys go.

Opens the reader on the seeds (compared as `synopsis` does, in a forked process) and on
a 400-source story built directly (`bench_reader.wide_comparison`), at 120x40, each in a
fresh process, and presses `ROUND` over and over: reading keys, the next view, a new pivot
(one outlet further each round), a search (`TERMS` in turn) and its hits, hiding a
source, marks, help, the export dialog, the pair chooser, zoom, panes; then a second
without a key (`READING_S`), as a reader reads. Every `SAMPLE_EVERY` keys it samples the
process's RSS, the objects the collector tracks (`gc.get_objects()`), the frozen ones
(`gc.get_freeze_count()`), the collector's counts; at the end it thaws everything and
collects, counting the cycle garbage the permanent generation hid from the collector.
Growth per 1,000 keys is a least-squares slope over the session's second half (the first
warms the views' caches up). `--thresholds default` runs the reader with Python's
collector thresholds (the reader's `full_passes_rarer` left out), `--without KEY...`
leaves keys out of the round, `--trace` prints every sample and the garbage's kinds.

`make bench` runs it as is (500 keys, the reader's thresholds, about two minutes; exits
1 when over 50,000 objects of cycle garbage were kept frozen). The figures below are
`--keys 2000 --thresholds shipped default` (some 15 minutes):

    python tests/benchmarks/bench_reader_memory.py --keys 2000 --thresholds shipped default

Before (1d0e2a1; the round had no pause then, which changes nothing for a reader that
never collects what it froze) -> after the reader collects what pivot changes froze, RSS
opened -> after 2,000 keys (peak the same), growth per 1,000 keys over the second half,
cycle garbage kept frozen at the end:
- seeds, shipped thresholds: 54 -> 191 MB, +65 MB, 1,013,185 objects -> 55 -> 66 MB,
  +0.7 MB, 113 objects;
- seeds, Python's thresholds: 55 -> 119 MB, +28 MB, 443,994 -> 55 -> 65 MB, +1.3 MB, 113;
- 400 sources, shipped: 68 -> 204 MB, +60 MB, 823,731 -> 68 -> 96 MB, +2.1 MB, 113;
- 400 sources, Python's: 67 -> 168 MB, +41 MB, 545,050 -> 67 -> 96 MB, +1.9 MB, 113.
The garbage was Textual's: FIFOCache 318,003, Segment 213,348, list 92,658, dict 45,812,
Strip 45,429 (400 sources, shipped). A `Strip` keeps itself in its own caches (`crop`
and others return `self` and cache it), so a strip dropped is cycle garbage, which only
the cycle collector frees; every pivot change froze whatever the reader held then
(`kept_with_the_frozen`), strips included, and what of it died later was never
collected: some 3 MB a pivot change here, not the 0.3 MB measured at 60 sources. The
reader's rarer full passes (`full_passes_rarer`) made it worse, as more young garbage was
still there to freeze. Now, after a pivot change, once no key came for a second
(`MainScreen.COLLECT_FROZEN_AFTER_S`), the reader thaws everything, runs one full pass
and freezes what lives (`collect_the_frozen`): 38 of them in each session, 106-132 ms
at the median, 181 ms at most, while the user reads. Without pivot changes nothing
piled up before either (`--without p enter`: the frozen count flat).
Longer, 5,000 keys on 400 sources (shipped thresholds, `--keys 5000 --stories "400 sources"`):
68 -> 104 MB (peak 105 MB), still +2.4 MB per 1,000 keys over the second half, no cycle
garbage kept frozen at the end (0 objects), 95 collections at 155 ms median, 239 ms at
most (the test suite running beside). What still grows is alive and bounded (stop 28,
`--census`, and tracemalloc snapshots diffed by traceback between rounds 24 and 48, 1,266
keys: 3.6 MB allocated and still alive, 2.8 MB per 1,000 keys). Every round makes a new
outlet the pivot and the pair view word-diffs a new pair of outlets, so the LRU caches of
word diffs fill: 1.6 MB of the 3.6 (`comparators.diff`: `word_diff` +470 entries of its
8,192, about 1.1 KB each, 9 MB at the bound; `_encoded_diff` 0.5 KB, 4 MB; `_cached_tokens`
+260 of 16,384, 2.3 KB, 38 MB at most, though it holds no more than the passages diffed,
14,400 in this story), 0.34 MB in `comparators.emphasis` (`_paraphrase_marks`, keyed by the
other members' texts, 3.8 KB an entry at 400 outlets, 31 MB at its 8,192; `_edits` 2 MB),
0.3 MB in the views' (`pair_height` and `line_breaks`, 0.3-0.5 KB an entry, 30 and 22 MB
at their 65,536; `pair_plain` 4 MB at 8,192); and 0.64 MB is review marks' undo
(`review_controller.UNDO_STEPS`, 200 changes: each `x` or `f` that sets a mark keeps an
entry with one `Passage` per member, some 20 KB on a group of 360 outlets, 2-4 MB at the
bound, reached after some 4,000 keys of this round). The rest is one resize of Rich's
`cached_cell_len` (4,096 entries). At this pace the caches fill over tens of thousands
of keys; nothing grows without a bound. Pilot's own 30-second wait timers, cancelled but
left in asyncio's heap until due, come and go (40-80 at a time).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
sys.path.insert(0, str(TESTS / "support"))
sys.path.insert(0, str(HERE))

STORIES = ("seeds", "400 sources")
SIZE = (120, 40)  # wide enough for the columns view to show several outlets
SAMPLE_EVERY = 100  # keys
# One round of a reader's session: reading, views, a new pivot (the chooser's `down`
# moves it one outlet further each round), a search (a term of `TERMS` in turn), hits,
# hiding and showing a source, marking and unmarking, help, the export dialog, zoom,
# panes. `c` / escape opens and closes the pair view's chooser (elsewhere it does nothing).
ROUND = (
    "j", "j", "k", "down", "up", "space", "b", "pagedown", "pageup",
    "right_square_bracket", "left_square_bracket", "u", "U", "apostrophe", "quotation_mark",
    "G", "g", "l", "h", "v",
    "p", "down", "enter",
    "slash", "<term>", "enter", "n", "n", "N",
    "9", "9", "x", "x", "f", "f",
    "question_mark", "escape", "e", "escape", "c", "escape",
    "z", "j", "z", "tab", "k", "shift+tab",
)
# What pivot changes froze and died since may wait for the next collection (a few
# thousand objects); without the collections, 250 keys on 400 sources left 116,628.
GARBAGE_BUDGET = 50_000
READING_S = 1.2  # after each round, a second without a key (`MainScreen.COLLECT_FROZEN_AFTER_S`)
CENSUS = os.environ.get("BENCH_READER_CENSUS") == "1"  # `--census`, passed on to the child
TERMS = ("police", "said", "fire", "minister", "explosion", "port", "tuesday", "nothing-here")


def rss_mb() -> tuple[float, float]:
    """(resident, peak resident) of this process, in MB, from /proc."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def census() -> dict:
    """What lives, for `--census`: the collector's objects by type (everything thawed,
    collected and frozen again, as the reader's `collect_the_frozen` does) and how full
    each `functools.lru_cache` of the project's modules, Rich's and Textual's is. Objects
    the collector does not track (strings, tuples of numbers) show only in the caches."""
    from collections import Counter

    from lru_caches import module_caches

    gc.unfreeze()
    gc.collect()
    types = Counter(f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.get_objects())
    gc.freeze()
    caches = {}
    for name, function in module_caches(("comparators", "tui", "rich", "textual")):
        info = function.cache_info()
        caches[name] = (info.currsize, info.maxsize)
    return dict(types=types, caches=caches)


def sample(keys: int) -> dict:
    rss, peak = rss_mb()
    return dict(
        keys=keys, rss=rss, peak=peak, objects=len(gc.get_objects()), frozen=gc.get_freeze_count(),
        counts=gc.get_count(), collections=[s["collections"] for s in gc.get_stats()],
    )


async def session(story_name: str, n_keys: int, keys: tuple[str, ...]) -> list[dict]:
    """Opens the reader on the story and presses `n_keys` keys of `ROUND` in turn,
    sampling every `SAMPLE_EVERY` keys."""
    from reader_helpers import NO_KEYMAP, ready

    if story_name == "seeds":
        from comparators import load_story
        from tui.state.comparing import start_comparing

        story = load_story([])
        screen = dict(comparing=start_comparing(story))  # as `synopsis` does, before Textual
    else:
        from bench_reader import wide_comparison

        comparison = wide_comparison(400, 40)
        story, screen = comparison.story, dict(comparison=comparison)
    from tui.app import make_app

    app = make_app(story, keymap=NO_KEYMAP, **screen)
    samples = []
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        samples.append(sample(0))
        pressed = rounds = 0
        halfway = None
        while pressed < n_keys:
            for key in keys:
                if key == "<term>":
                    term = TERMS[rounds % len(TERMS)]
                    await pilot.press(*term)
                    pressed += len(term)
                else:
                    await pilot.press(key)
                    pressed += 1
                if pressed >= len(samples) * SAMPLE_EVERY:
                    await pilot.pause()
                    samples.append(sample(pressed))
                    if CENSUS and halfway is None and pressed >= n_keys // 2:
                        halfway = samples[-1]["census"] = census()
                if pressed >= n_keys:
                    break
            rounds += 1
            await pilot.pause(READING_S)  # the user reads a while: the reader collects what it froze
        await pilot.pause()
        if CENSUS:
            samples[-1]["census"] = census()
        gc.collect()
        after = sample(pressed)
        after["collected"] = True
        samples.append(after)
        after["hidden_garbage"] = hidden_garbage()
    return samples


def hidden_garbage() -> dict:
    """The cycle garbage the permanent generation kept from the collector: everything
    thawed and collected (the objects kept aside to count them), and what kinds they are."""
    from collections import Counter

    gc.collect()
    before = rss_mb()[0]
    gc.unfreeze()
    gc.set_debug(gc.DEBUG_SAVEALL)
    began = time.perf_counter()
    found = gc.collect()
    took = time.perf_counter() - began
    gc.set_debug(0)
    kinds = Counter(type(o).__qualname__ for o in gc.garbage)
    gc.garbage.clear()
    gc.collect()
    return dict(objects=found, freed_mb=before - rss_mb()[0], kinds=kinds.most_common(12), ms=took * 1000)


def child(story_name: str, n_keys: int, thresholds: str, keys: tuple[str, ...]) -> None:
    if thresholds == "default":  # Python's own: the reader's `full_passes_rarer` left out
        import tui.app

        tui.app.full_passes_rarer = gc.get_threshold
    collections_ms = time_the_collections()
    started = time.process_time()
    samples = asyncio.run(session(story_name, n_keys, keys))
    print(json.dumps(dict(samples=samples, cpu=time.process_time() - started, collections_ms=collections_ms)))


def time_the_collections() -> list[float]:
    """The milliseconds each collection of what pivot changes froze takes, as the reader runs."""
    taken: list[float] = []
    try:
        import tui.screens.main_screen as main_screen

        collect = main_screen.collect_the_frozen
    except (ImportError, AttributeError):  # the reader before it collected them
        return taken

    def timed() -> int:
        began = time.perf_counter()
        try:
            return collect()
        finally:
            taken.append((time.perf_counter() - began) * 1000)

    main_screen.collect_the_frozen = timed
    return taken


def slope_per_1000(samples: list[dict], field: str) -> float:
    """Least-squares growth of `field` per 1,000 keys over the second half of the session
    (the first half warms caches up: every view and width measured once)."""
    points = [s for s in samples if not s.get("collected")]
    points = points[len(points) // 2:]
    xs = [s["keys"] for s in points]
    ys = [s[field] for s in points]
    if len(xs) < 2:
        return 0.0
    return statistics.linear_regression(xs, ys).slope * 1000


def run(story_name: str, n_keys: int, thresholds: str, keys: tuple[str, ...], census: bool = False) -> dict:
    env = {**os.environ, "SYNOPSIS_NO_CACHE": "1", "BENCH_READER_CENSUS": "1" if census else "0"}
    result = subprocess.run(
        [sys.executable, __file__, "--child", story_name, str(n_keys), thresholds, *keys],
        check=True, capture_output=True, text=True, env=env,
    )
    return json.loads(result.stdout.splitlines()[-1])


def print_census(taken: list[dict]) -> None:
    """What grew between the census halfway and the one at the end."""
    if len(taken) < 2:
        print("    census: too few keys for one halfway", flush=True)
        return
    (halfway, end) = taken[0], taken[-1]
    grown = {kind: n - halfway["types"].get(kind, 0) for kind, n in end["types"].items()}
    largest = sorted(grown.items(), key=lambda kv: -abs(kv[1]))[:12]
    print("    objects grown over the second half: " + ", ".join(f"{kind} {n:+,}" for kind, n in largest if n), flush=True)
    filling = [
        f"{name} {halfway['caches'].get(name, (0, size))[0]:,} -> {now:,} of {size:,}"
        for name, (now, size) in sorted(end["caches"].items())
        if now != halfway["caches"].get(name, (0, size))[0]
    ]
    print("    LRU caches filling: " + "; ".join(filling), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=500, help="keys pressed per session")
    parser.add_argument("--stories", nargs="*", default=list(STORIES), choices=STORIES)
    parser.add_argument("--thresholds", nargs="*", default=["shipped"], choices=["shipped", "default"],
                        help="the collector's thresholds: the reader's (shipped) or Python's (default)")
    parser.add_argument("--without", nargs="*", default=[], metavar="KEY",
                        help="leave these keys out of the session's round (to see what grows with what)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help="print every sample")
    parser.add_argument("--census", action="store_true",
                        help="what grew over the second half: objects by type, and the LRU caches' fill")
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], int(args.child[1]), args.child[2], tuple(args.child[3:]))
        return 0
    over = []
    for story_name in args.stories:
        for thresholds in args.thresholds:
            began = time.perf_counter()
            keys = tuple(key for key in ROUND if key not in args.without)
            result = run(story_name, args.keys, thresholds, keys, args.census)
            samples = result["samples"]
            first, last, collected = samples[0], samples[-2], samples[-1]
            if args.trace:
                for s in samples:
                    print(f"    {s['keys']:>6} keys: RSS {s['rss']:.1f} MB, {s['objects']:,} objects, "
                          f"{s['frozen']:,} frozen, counts {s['counts']}, collections {s['collections']}")
            print(
                f"{story_name}, thresholds {thresholds}: {args.keys} keys in {time.perf_counter() - began:.0f} s "
                f"({result['cpu']:.0f} s CPU); RSS {first['rss']:.1f} MB opened -> {last['rss']:.1f} MB, "
                f"peak {max(s['peak'] for s in samples):.1f} MB; growth per 1,000 keys (second half): "
                f"{slope_per_1000(samples, 'rss'):+.2f} MB, {slope_per_1000(samples, 'objects'):+,.0f} objects, "
                f"{slope_per_1000(samples, 'frozen'):+,.0f} frozen; objects {first['objects']:,} -> {last['objects']:,} "
                f"({collected['objects']:,} after gc.collect()), frozen {first['frozen']:,} -> {last['frozen']:,}; "
                f"full passes {last['collections'][2] - first['collections'][2]}",
                flush=True,
            )
            if result["collections_ms"]:
                taken = result["collections_ms"]
                print(f"    {len(taken)} collections of what pivot changes froze: "
                      f"{statistics.median(taken):.0f} ms at the median, {max(taken):.0f} at most", flush=True)
            garbage = collected["hidden_garbage"]
            print(f"    cycle garbage kept frozen at the end: {garbage['objects']:,} objects, "
                  f"{garbage['freed_mb']:.1f} MB of RSS freed once collected (in {garbage['ms']:.0f} ms)"
                  + ("; " + ", ".join(f"{kind} {n:,}" for kind, n in garbage["kinds"]) if args.trace else ""),
                  flush=True)
            if args.census:
                print_census([s["census"] for s in samples if "census" in s])
            if garbage["objects"] > GARBAGE_BUDGET:
                over.append(f"{story_name}, thresholds {thresholds}")
    if over:
        print(f"cycle garbage kept frozen over {GARBAGE_BUDGET:,} objects: {'; '.join(over)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
