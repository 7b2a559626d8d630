"""Regenerate the reader's SVG screenshots in screenshots/ (`make screenshots`).

Uses Textual's own screenshot support on the seed story: columns at 160x48, stack at
80x24, then pair, quotes, coverage and the help screen. `tests/functional/test_readme_screenshots.py`
draws the same screens and fails when the files no longer show what the reader draws:
after a change to the look, run `make screenshots` and commit the SVGs.
"""

from __future__ import annotations

import asyncio
import html
import re
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "support"))

from reader_helpers import NO_KEYMAP, ready  # noqa: E402

from comparators import compare, load_story  # noqa: E402
from tui.app import make_app  # noqa: E402
from tui.views.layout import View  # noqa: E402

OUT = REPO / "screenshots"

# name -> (size, view, keys pressed once the comparison is shown)
SHOTS: dict[str, tuple[tuple[int, int], View, tuple[str, ...]]] = {
    "columns": ((160, 48), View.COLUMNS, ()),
    "stack": ((80, 24), View.STACK, ()),
    "pair": ((120, 36), View.PAIR, ()),
    "quotes": ((120, 36), View.QUOTES, ("apostrophe",)),
    "coverage": ((120, 36), View.COVERAGE, ()),
    "help": ((100, 36), View.STACK, ("question_mark",)),
}


def widest_group(comparison) -> int:
    """The group most outlets share: the one that shows the most in a screenshot."""
    return max(range(len(comparison.groups)), key=lambda i: len(comparison.groups[i].sources))


async def shoot(name: str, comparison) -> str:
    """The SVG of screenshot `name` as the reader draws it now."""
    size, view, keys = SHOTS[name]
    app = make_app(comparison.story, comparison=comparison, keymap=NO_KEYMAP, view=view)
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot)
        if view != View.QUOTES:
            app.screen.aligned.select_item(widest_group(comparison))
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        return app.export_screenshot()


_TEXT = re.compile(
    r'<text class="[^"]*" x="([0-9.]+)" y="[0-9.]+" textLength="([0-9.]+)" '
    r'clip-path="url\(#[^"]*-line-([0-9]+)\)">([^<]*)</text>'
)


def screen_text(svg: str) -> list[str]:
    """The characters an SVG screenshot shows, one string per terminal row.

    Rich names its styles and clip paths with a hash that changes from run to run;
    this keeps only what a reader of the picture sees: each row's text, in place.
    """
    found = [
        (int(line), float(x), float(length), html.unescape(text).replace("\xa0", " "))
        for x, length, line, text in _TEXT.findall(svg)
    ]
    if not found:
        return []
    # One column's width: the most common width per character (a wide glyph skews its own).
    cell = statistics.mode(round(length / len(text), 2) for _, _, length, text in found)
    left = min(x for _, x, _, _ in found)
    rows: dict[int, dict[int, str]] = {}
    for line, x, _, text in found:
        rows.setdefault(line, {})[round((x - left) / cell)] = text
    lines = []
    for line in range(max(rows) + 1):
        out = ""
        for column, text in sorted(rows.get(line, {}).items()):
            out = out.ljust(column) + text
        lines.append(out.rstrip())
    return lines


def main() -> int:
    OUT.mkdir(exist_ok=True)
    comparison = compare(load_story([]))
    for name in SHOTS:
        path = OUT / f"{name}.svg"
        path.write_text(asyncio.run(shoot(name, comparison)), encoding="utf-8")
        print(path.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main())
