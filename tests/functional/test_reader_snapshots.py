"""Snapshots of every view and every dialog, at 80x24 and at a wide 160x48, on the
hand-made comparison of the report goldens (no alignment run, so they change only when
the reader's drawing does). Update deliberately with
`pytest tests/functional/test_reader_snapshots.py --snapshot-update`, then look at the SVGs."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixed_comparison import fixed_comparison
from reader_helpers import NO_KEYMAP
from tui.app import make_app
from tui.screens.export_dialog import ConfirmOverwrite
from tui.screens.review_path_dialog import ReviewPathDialog
from tui.views.layout import VIEW_CYCLE, View

SIZES = {"80x24": (80, 24), "160x48": (160, 48)}


def reader(view: View = View.STACK):
    comparison = fixed_comparison()
    return make_app(comparison.story, comparison=comparison, keymap=NO_KEYMAP, view=view)


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("view", [view.value for view in VIEW_CYCLE])
def test_every_view(snap_compare, view, size):
    """Each view on the second item (a group two outlets reword, or the second quote)."""
    assert snap_compare(reader(View(view)), press=["j"], terminal_size=SIZES[size], run_before=settle)


def showing(dialog_factory):
    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(dialog_factory())
        await settle(pilot)

    return run_before


def pressing(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return run_before


# Dialogs opened by a file problem are shown with fixed paths: the real ones name a
# temporary folder that changes with every run.
DIALOGS = {
    "help": pressing("question_mark"),
    "export": pressing("e"),
    "note_editor": pressing("j", "j", "a"),
    "review_path": showing(
        lambda: ReviewPathDialog(
            "cannot write /news/storm/storm.review.yaml: permission denied",
            Path("/home/reader/.local/state/synopsis/storm.review.yaml"),
        )
    ),
    "confirm_overwrite": showing(lambda: ConfirmOverwrite(Path("/news/storm/storm-hits-the-coast-report.md"))),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("dialog", DIALOGS)
def test_every_dialog(snap_compare, dialog, size, monkeypatch):
    monkeypatch.chdir("/")  # the export dialog names the working folder: the same on every machine
    assert snap_compare(reader(), terminal_size=SIZES[size], run_before=DIALOGS[dialog])
