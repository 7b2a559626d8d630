"""`a`: a small editor for the note on one group (ctrl+s saves, escape cancels, and
asks first when the note has changes)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea


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
            box.border_subtitle = "ctrl+s saves · escape closes (asks if changed)"
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
        if self.draft == self.note:
            self.finished = True
            self.dismiss(None)
            return
        self.app.push_screen(UnsavedNote(), self._answered)

    def _answered(self, answer: str | None) -> None:
        if answer == "save":
            self.action_save()
        elif answer == "discard":
            self.finished = True
            self.dismiss(None)
        else:  # keep editing
            self.query_one(TextArea).focus()

    def commit_draft(self) -> None:
        """Hand a changed text to `keep_draft` now (the reader is quitting), so it
        counts among the changes to save."""
        if self.draft != self.note:
            self.keep_draft(self.draft)
            self.note = self.draft

    def on_unmount(self) -> None:
        if not self.finished:
            self.commit_draft()


class UnsavedNote(ModalScreen[str | None]):
    """Escape on a changed note: save it, throw the changes away, or keep editing.
    Dismisses with "save", "discard" or None."""

    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("s,ctrl+s", "answer('save')", "Save the note", id="unsaved_note_save"),
        Binding("d", "answer('discard')", "Discard the changes", id="unsaved_note_discard"),
        Binding("escape,k", "answer(None)", "Keep editing", id="unsaved_note_keep"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="unsaved-note-box") as box:
            box.border_title = "The note has changes"
            yield Static("s: save it · d: discard the changes · escape: keep editing", markup=False)

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)
