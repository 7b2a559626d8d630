"""Where to keep a review when its file cannot be used (unreadable or unwritable),
and, on quitting, where to save marks that are only in memory."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class ReviewPathDialog(ModalScreen[Path | None]):
    """Explains `problem` and proposes `suggested`; dismisses with the chosen path,
    or None to keep the marks in memory for now."""

    CSS_PATH = "review.tcss"
    BINDINGS = [Binding("escape", "cancel", "Keep marks in memory", id="review_path_cancel")]
    HEADING = "Review file"
    HINT = "enter saves there · escape keeps marks in memory"

    def __init__(self, problem: str, suggested: Path) -> None:
        super().__init__()
        self.problem = problem
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical(id="review-path-box") as box:
            box.border_title = self.HEADING
            box.border_subtitle = self.HINT
            yield Static(self.problem, id="review-path-problem", markup=False)
            yield Static("Continue the review in:", markup=False)
            yield Input(str(self.suggested), id="review-path-input")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        self.dismiss(Path(value).expanduser() if value else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class UnsavedMarksDialog(ReviewPathDialog):
    """On quitting with marks no file holds: dismisses with where to save them before
    quitting, or None to go back to the reader. Quitting again (ctrl+q) drops them."""

    BINDINGS = [Binding("escape", "cancel", "Back to the reader", id="unsaved_marks_back")]
    HEADING = "Quit: marks not saved"
    HINT = "enter saves there and quits · escape: back · ctrl+q: quit without saving"
