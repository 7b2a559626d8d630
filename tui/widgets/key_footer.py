"""The footer: the keys of the focused pane and the current view (`keymap.FOOTER_KEYS`),
as the user's keymap binds them, each with its description's short label. Redrawn whenever
the screen's bindings change (focus, view, keymap) and when a dialog opens or closes over it."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from tui.keymap import FOOTER_KEYS


class KeyFooter(Static):
    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def clear_keys(self) -> None:
        self._show(Text())

    def refresh_keys(self) -> None:
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        # Under a dialog (help, chooser, note, export) none of these keys work: the dialog
        # says its own, and the footer stays empty rather than offer them.
        self._show(self.keys_text(screen) if self.app.screen is screen else Text())

    def _show(self, text: Text) -> None:
        if text != self.content:  # a repaint under a dialog re-tints the whole screen
            self.update(text, layout=False)  # one row high whatever it says (synopsis.tcss)

    def keys_text(self, screen: Screen) -> Text:
        ids = FOOTER_KEYS.get(getattr(screen, "footer_context", lambda: "")(), ())
        first: dict[str, Binding] = {}  # binding id -> its first active key
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if binding.id in ids and enabled:
                first.setdefault(binding.id, binding)
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        for binding_id in ids:
            binding = first.get(binding_id)
            if binding is None:
                continue
            if text:
                text.append("  ")
            text.append(self.app.get_key_display(binding), style="bold reverse")
            text.append(" " + binding.description.split(":")[0])
        return text
