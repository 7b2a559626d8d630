"""A small list of outlets to pick one from: the pivot (`p`), the pair view's other outlet (`c`),
the source whose page to open (`o`).

The app keeps one chooser for all three (`choose_outlet`): laid out once, it is only
given its new title and rows when it opens again, as a 400-outlet story's `p` is pressed often."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen

from tui.screens import installed_screen
from tui.widgets.outlet_list import OutletList


SHOWN_ROWS = 20  # rows of a long list; fewer on a short terminal (max-height in outlet_chooser.tcss)
CHOOSER = "outlet-chooser"  # the name the app installs its chooser under


def choose_outlet(
    app: App, title: str, choices: list[tuple[str, Text]], highlighted: str | None,
    chosen: Callable[[str | None], None],
) -> None:
    """Open the app's chooser on `choices`; `chosen` gets the source id picked, or None."""
    chooser = installed_screen(app, CHOOSER, OutletChooser)
    if chooser is not None:
        if chooser in app.screen_stack:
            return  # already open
        chooser.reopen(title, choices, highlighted)
    else:
        app.install_screen(OutletChooser(title, choices, highlighted), CHOOSER)
    app.push_screen(CHOOSER, chosen)


class OutletChooser(ModalScreen[str | None]):
    """Dismisses with the chosen source id, or None (escape)."""

    CSS_PATH = "outlet_chooser.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="chooser_cancel")]

    def __init__(self, title: str, choices: list[tuple[str, Text]], highlighted: str | None = None) -> None:
        """`choices`: (source id, label) in the order shown; `highlighted`: where the cursor starts."""
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.highlighted = highlighted

    def compose(self) -> ComposeResult:
        with Vertical(id="chooser-box") as box:
            box.border_title = self.title_text
            box.border_subtitle = "enter chooses · escape cancels"
            options = OutletList(self.choices, self._start())
            options.styles.height = self._height()
            yield options

    def _start(self) -> int:
        ids = [source_id for source_id, _ in self.choices]
        return ids.index(self.highlighted) if self.highlighted in ids else 0

    def _height(self) -> int | None:
        """As tall as a long list may be (the rest scrolls); a short one as its rows (CSS)."""
        return SHOWN_ROWS if len(self.choices) > SHOWN_ROWS else None

    def reopen(self, title: str, choices: list[tuple[str, Text]], highlighted: str | None = None) -> None:
        """Another list, as a new chooser on it would show it."""
        height = self._height()
        self.title_text, self.choices, self.highlighted = title, choices, highlighted
        if self.is_mounted:  # what is as it was is left alone: each change is a layout or a repaint
            box = self.query_one("#chooser-box")
            if box.border_title != title:
                box.border_title = title
            options = self.query_one(OutletList)
            if self._height() != height:
                options.styles.height = self._height()
            options.show(choices, self._start())
            options.focus()

    def on_mount(self) -> None:
        self.query_one(OutletList).focus()

    def on_outlet_list_selected(self, event: OutletList.Selected) -> None:
        event.stop()
        self.dismiss(event.source_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
