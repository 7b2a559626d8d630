"""`?` / F1: every key of the reader, generated from the bindings (with the user's keymap),
and what the highlights mean, generated from the table of styles (`tui.views.styles`).

The app keeps one help screen (`install_screen`): its text is built and laid out once,
and only the legend is built again when the reader's colours change (a new theme)."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen

from tui.keymap import MAIN_BINDINGS, SOURCES_BINDINGS
from tui.views.styles import Palette, legend_rows
from tui.widgets.rendered_lines import RenderedLines


BY_ID = {binding.id: binding for binding in MAIN_BINDINGS}


def keys_shown(app, binding: Binding, overrides: dict[str, str]) -> str:
    """The binding's keys as the footer shows them (`]`, `pgdn`), after the user's keymap."""
    keys = overrides.get(binding.id, binding.key)
    return " ".join(
        app.get_key_display(Binding(key.strip(), binding.action)) for key in keys.split(",")
    )


def key_rows(app, bindings: list[Binding], overrides: dict[str, str]) -> list[tuple[str, str]]:
    """(keys as shown, description) per binding; `toggle_source_N` folded into one row."""
    rows: list[tuple[str, str]] = []
    for binding in bindings:
        if binding.id and binding.id.startswith("toggle_source_"):
            if binding.id == "toggle_source_1":
                rows.append(("1…9", "Show/hide source 1…9 (the # column)"))
            continue
        rows.append((keys_shown(app, binding, overrides), binding.description))
    return rows


def legend(palette: Palette) -> Table:
    """Each highlight drawn as the reader draws it, its marker without colour, its meaning."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, style="italic")
    table.add_column()
    for sample, style, marker, meaning in legend_rows(palette):
        drawn = Text()
        drawn.append(sample, style)  # styled as written, not padded out to the column
        table.add_row(drawn, Text(marker), Text(meaning))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help_close"),
    ]

    def __init__(self, palette: Palette | None = None) -> None:
        super().__init__()
        self.palette = palette or Palette()  # the aligned view's, with the theme's colours

    def compose(self) -> ComposeResult:
        body = RenderedLines(self._content(), id="help-body")
        body.border_title = "Keys and highlights"
        body.border_subtitle = "escape closes"
        yield body

    def show(self, palette: Palette | None) -> None:
        """Before it opens again: from the top, the legend in the reader's current colours."""
        body = self.query_one(RenderedLines)
        palette = palette or Palette()
        if palette != self.palette:
            self.palette = palette
            body.update(self._content())
        body.scroll_home(animate=False, immediate=True)

    def _content(self) -> Group:
        overrides = getattr(self.app, "user_keymap", {})
        sections = [
            ("Reader", key_rows(self.app, MAIN_BINDINGS, overrides)),
            ("Sources pane (when focused)", key_rows(self.app, SOURCES_BINDINGS, overrides) + [
                (keys_shown(self.app, BY_ID["pivot"], overrides),
                 "Pivot: the list starts on the source under the cursor"),
                (keys_shown(self.app, BY_ID["open_source"], overrides),
                 "Open: the web page of the source under the cursor"),
            ]),
            ("Anywhere", [("tab shift+tab", "Next / previous pane"), ("ctrl+p", "Command palette")]),
        ]
        width = max(len(keys) for _, rows in sections for keys, _ in rows)
        parts: list[Text | Table] = []
        for title, rows in sections:
            table = Table.grid(padding=(0, 2))
            table.add_column(style="bold", no_wrap=True, min_width=width)
            table.add_column()
            for keys, description in rows:
                table.add_row(Text(keys), Text(description))
            parts += [Text(title, style="bold underline"), table, Text()]
        parts += [
            Text("What the highlights mean (against the pivot ★)", style="bold underline"),
            legend(self.palette),
        ]
        return Group(*parts)
