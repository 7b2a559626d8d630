"""A small list of outlets to pick one from: the pivot (`p`), the pair view's other outlet (`c`),
the source whose page to open (`o`)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen

from tui.widgets.outlet_list import OutletList


SHOWN_ROWS = 20  # rows of a long list; fewer on a short terminal (max-height in outlet_chooser.tcss)


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
            ids = [source_id for source_id, _ in self.choices]
            start = ids.index(self.highlighted) if self.highlighted in ids else 0
            options = OutletList(self.choices, start)
            if len(self.choices) > SHOWN_ROWS:
                options.styles.height = SHOWN_ROWS  # as tall as it may be; the rest scrolls
            yield options

    def on_mount(self) -> None:
        self.query_one(OutletList).focus()

    def on_outlet_list_selected(self, event: OutletList.Selected) -> None:
        event.stop()
        self.dismiss(event.source_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
