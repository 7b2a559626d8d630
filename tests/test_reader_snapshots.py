"""Snapshots of the main views on a fixed, hand-made comparison (no alignment run, so
they change only when the reader's drawing does). Update deliberately with
`pytest tests/test_reader_snapshots.py --snapshot-update`, then look at the SVGs."""

from __future__ import annotations

import sys
from pathlib import Path

from tui.app import make_app
from tui.views.layout import View

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reader_helpers import NO_KEYMAP, synthetic_comparison  # noqa: E402

COMPARISON = synthetic_comparison(4, 12, seed=3)


def reader(view: View):
    return make_app(COMPARISON.story, comparison=COMPARISON, keymap=NO_KEYMAP, view=view)


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()


def test_stack_view_at_80x24(snap_compare):
    assert snap_compare(reader(View.STACK), press=["j"], terminal_size=(80, 24), run_before=settle)


def test_columns_view_at_120x32(snap_compare):
    assert snap_compare(reader(View.COLUMNS), press=["j", "j"], terminal_size=(120, 32), run_before=settle)


def test_pair_view_at_100x30(snap_compare):
    assert snap_compare(reader(View.PAIR), press=["j"], terminal_size=(100, 30), run_before=settle)
