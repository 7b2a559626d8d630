"""A small list of outlets to pick one from: the pivot (`p`), the pair view's other outlet (`c`),
the source whose page to open (`o`)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option


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
            options = OptionList(*(Option(label, id=source_id) for source_id, label in self.choices))
            if len(self.choices) > SHOWN_ROWS:
                # As tall as it may be: Textual would otherwise measure every row, on each
                # layout, to size a list of hundreds of outlets it only scrolls.
                options.styles.height = SHOWN_ROWS
            yield options

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [source_id for source_id, _ in self.choices]
        if self.highlighted in ids:
            options.highlighted = ids.index(self.highlighted)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
