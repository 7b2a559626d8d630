"""Regenerate the reader's SVG screenshots in screenshots/ (`make screenshots`).

Uses Textual's own screenshot support on the seed story: columns at 160x48, stack at
80x24, then pair, quotes, coverage and the help screen.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))

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


async def shoot(name: str, comparison) -> Path:
    size, view, keys = SHOTS[name]
    app = make_app(comparison.story, comparison=comparison, keymap=NO_KEYMAP, view=view)
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot)
        if view != View.QUOTES:
            app.screen.aligned.select_item(widest_group(comparison))
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        path = app.save_screenshot(f"{name}.svg", str(OUT))
    return Path(path)


def main() -> int:
    OUT.mkdir(exist_ok=True)
    comparison = compare(load_story([]))
    for name in SHOTS:
        path = asyncio.run(shoot(name, comparison))
        print(path.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main())
