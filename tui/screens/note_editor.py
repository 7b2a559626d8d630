"""`a`: a small editor for the note on one group (ctrl+s saves, escape cancels)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import TextArea


class NoteEditor(ModalScreen[str | None]):
    """Edits `note`; dismisses with the new text, or None when cancelled.

    Enter starts a new line, since notes often need several. If the reader quits
    while a changed note is open, `keep_draft` receives the text, so it is not lost.
    """

    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", id="note_save"),
        Binding("escape", "cancel", "Cancel", id="note_cancel"),
    ]

    def __init__(self, note: str, title: str, keep_draft: Callable[[str], None]) -> None:
        super().__init__()
        self.note = note
        self.title_text = title
        self.keep_draft = keep_draft
        self.draft = note
        self.finished = False

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box") as box:
            box.border_title = self.title_text
            box.border_subtitle = "ctrl+s saves · escape cancels"
            yield TextArea(self.note, id="note-text", soft_wrap=True)

    def on_mount(self) -> None:
        editor = self.query_one(TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.draft = event.text_area.text

    def action_save(self) -> None:
        self.finished = True
        self.dismiss(self.draft)

    def action_cancel(self) -> None:
        self.finished = True
        self.dismiss(None)

    def on_unmount(self) -> None:
        if not self.finished and self.draft != self.note:
            self.keep_draft(self.draft)
