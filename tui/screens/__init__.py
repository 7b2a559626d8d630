"""The reader's screens and dialogs, each with its stylesheet beside it."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

S = TypeVar("S", bound="Screen")


def installed_screen(app: App, name: str, kind: type[S]) -> S | None:
    """The screen `app` keeps installed as `name` (laid out once, opened again), or None."""
    return app.get_screen(name, kind) if app.is_screen_installed(name) else None
