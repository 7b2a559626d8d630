"""The reader's export (`e`): pick a format and a file, write the report there.

Focus starts on the format: arrows choose it, enter writes. Every choice shows as a
glyph (`(•)`, `[x]`), not only as a colour. The report is the reader's view of the
story: hidden sources are left out and the current pivot is the reference of the
differences; review marks come with their notes unless asked otherwise. An existing file is only replaced
after the user says so; a failed write keeps the dialog open with the reason shown
and the path still editable, so nothing the user chose is lost.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from functools import partial
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from comparators import Comparison, StoryError
from comparators.model import Mark
from comparators.reports import render_report
from tui.report_file import default_report_name, describe_error, format_for, with_format, write_report

# (format, label) in the order the dialog offers them.
FORMAT_CHOICES = (("md", "Markdown"), ("text", "Text"), ("html", "HTML"), ("json", "JSON"))


class GlyphToggle:
    """A toggle whose state is a glyph in its label (`ON`/`OFF`), so it reads without
    colour (NO_COLOR, 16 colours); Textual's own button differs only by colour."""

    BUTTON_LEFT = BUTTON_INNER = BUTTON_RIGHT = ""
    ON, OFF = "[x]", "[ ]"

    def __init__(self, caption: str, value: bool = False, **options) -> None:
        self.caption = caption
        super().__init__(self._marked(value), value, **options)

    def _marked(self, value: bool) -> Text:
        return Text(f"{self.ON if value else self.OFF} {self.caption}")  # not markup: "[x]"

    def watch_value(self) -> None:
        super().watch_value()
        self.label = self._marked(self.value)


class FormatButton(GlyphToggle, RadioButton):
    ON, OFF = "(•)", "( )"


class OptionBox(GlyphToggle, Checkbox):
    pass


class FormatChoice(RadioSet):
    """The formats; arrows choose one (as a desktop radio group does), enter writes it."""

    BINDINGS = [
        Binding("down,right", "choose(1)", "Next format", show=False, id="export_format_next"),
        Binding("up,left", "choose(-1)", "Previous format", show=False, id="export_format_previous"),
        Binding("enter", "write", "Write the report", show=False, id="export_format_write"),
    ]

    class Submitted(Message):
        """Enter on the format: write the report."""

    def action_choose(self, direction: int) -> None:
        if direction > 0:
            self.action_next_button()
        else:
            self.action_previous_button()
        self.action_toggle_button()

    def action_write(self) -> None:
        self.post_message(self.Submitted())


class ConfirmOverwrite(ModalScreen[bool]):
    """Asks before a report replaces an existing file; dismisses with the answer."""

    CSS_PATH = "export_dialog.tcss"
    BINDINGS = [
        Binding("y", "answer(True)", "Replace", id="overwrite_yes"),
        Binding("n,escape", "answer(False)", "Keep the file", id="overwrite_no"),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-overwrite", classes="dialog"):
            yield Static(f"{self.path} already exists. Replace it?", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Replace (y)", variant="warning", id="overwrite-yes")
                yield Button("Keep it (n)", id="overwrite-no")

    def on_mount(self) -> None:
        self.query_one("#overwrite-no", Button).focus()

    def action_answer(self, replace: bool) -> None:
        self.dismiss(replace)

    @on(Button.Pressed)
    def answer_by_button(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "overwrite-yes")


class ExportDialog(ModalScreen[Path | None]):
    """Dismisses with the path written, or None when cancelled."""

    CSS_PATH = "export_dialog.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export_cancel")]

    def __init__(
        self,
        comparison: Comparison,
        *,
        hidden: Collection[str] = (),
        marks: Mapping[str, Mark] | None = None,
        left_out: str = "",
        directory: Path | None = None,
    ) -> None:
        """`comparison` as the reader shows it (its pivot); `hidden`: source ids left out;
        `left_out`: review marks no passage matches, in words, said once a report is written;
        `directory`: where a relative file name goes (default: the current directory)."""
        super().__init__()
        self.given_directory = directory
        self.reopen(comparison, hidden=hidden, marks=marks, left_out=left_out)

    def reopen(
        self,
        comparison: Comparison,
        *,
        hidden: Collection[str] = (),
        marks: Mapping[str, Mark] | None = None,
        left_out: str = "",
    ) -> None:
        """Before each opening (the reader keeps one dialog, laid out once): what the reader
        shows now, and every choice back to where a new dialog starts."""
        self.comparison = comparison
        self.sources = [s.id for s in comparison.story.sources if s.id not in hidden]
        self.marks = marks
        self.left_out = left_out
        self.directory = self.given_directory if self.given_directory is not None else Path.cwd()
        self.format = FORMAT_CHOICES[0][0]
        self.flagged_only = False
        self.notes = True
        if self.is_mounted:
            self._show_choices()

    @property
    def writing(self) -> bool:
        """A report is still being written (it dismisses the dialog when done)."""
        return self.has_class("-busy")

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog", classes="dialog"):
            yield Label("Export report", id="export-title")
            with FormatChoice(id="export-format"):
                for format, label in FORMAT_CHOICES:
                    yield FormatButton(label, format == self.format, id=f"format-{format}")
            with Horizontal(id="export-options"):
                no_marks = not self.marks
                yield OptionBox("Flagged passages only", self.flagged_only, id="export-flagged", disabled=no_marks)
                yield OptionBox("Notes", self.notes, id="export-notes", disabled=no_marks)
            yield Label("File")
            yield Input(
                default_report_name(self.comparison.story, self.format), id="export-path"
            )
            yield Static(self._hint(), classes="hint", markup=False)
            yield Static("", id="export-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Export", variant="primary", id="export-write")
                yield Button("Cancel", id="export-cancel")

    def _hint(self) -> str:
        return f"A name without a folder goes in {self.directory}"

    def on_mount(self) -> None:
        self.query_one(FormatChoice).focus()

    def _show_choices(self) -> None:
        """The widgets as `compose` left them, for the state `reopen` set."""
        self.query_one(f"#format-{self.format}", FormatButton).value = True  # the set lets go of the other
        for option, value in ((self.query_one("#export-flagged", OptionBox), self.flagged_only),
                              (self.query_one("#export-notes", OptionBox), self.notes)):
            option.value = value
            option.disabled = not self.marks
        path_input = self.query_one("#export-path", Input)
        path_input.value = default_report_name(self.comparison.story, self.format)
        path_input.cursor_position = len(path_input.value)
        path_input.scroll_to(x=0, animate=False, force=True)  # a new input shows the name's start
        hint = self.query_one(".hint", Static)
        if hint.content != self._hint():  # the same folder: no new layout
            hint.update(self._hint())
        self._show_error("")
        self.query_one(FormatChoice).focus()

    @on(RadioSet.Changed, "#export-format")
    def format_chosen(self, event: RadioSet.Changed) -> None:
        self.format = FORMAT_CHOICES[event.index][0]
        path_input = self.query_one("#export-path", Input)
        if path_input.value.strip():
            path_input.value = str(with_format(Path(path_input.value.strip()), self.format))
        # The JSON export always holds everything, marks aside.
        for option in self.query(OptionBox):
            option.disabled = not self.marks or self.format == "json"

    @on(Input.Changed, "#export-path")
    def name_typed(self, event: Input.Changed) -> None:
        """A typed suffix of another format picks that format (as `-o FILE` does on the
        command line): `story.html` never holds Markdown."""
        typed = format_for(Path(event.value.strip()), default="")
        if typed and typed != self.format:
            self.format = typed  # now, not when the radio set's message arrives: Enter may come first
            self.query_one(f"#format-{typed}", FormatButton).value = True

    @on(Checkbox.Changed, "#export-flagged")
    def flagged_only_chosen(self, event: Checkbox.Changed) -> None:
        self.flagged_only = event.value

    @on(Checkbox.Changed, "#export-notes")
    def notes_chosen(self, event: Checkbox.Changed) -> None:
        self.notes = event.value

    def report_marks(self) -> Mapping[str, Mark] | None:
        """The marks the report shows: without their notes unless notes are asked for."""
        if not self.marks or self.notes:
            return self.marks
        return {g: replace(m, note="") for g, m in self.marks.items() if m.reviewed or m.flagged}

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#export-write")
    @on(Input.Submitted, "#export-path")
    @on(FormatChoice.Submitted)
    def export(self) -> None:
        if self.has_class("-busy"):  # Enter pressed again while the report is written
            return
        self._show_error("")
        value = self.query_one("#export-path", Input).value.strip()
        if not value:
            self._show_error("Give the report a file name.")
            return
        path = Path(value).expanduser()
        path = path if path.is_absolute() else self.directory / path
        if path.exists() and not path.is_dir():
            self.app.push_screen(ConfirmOverwrite(path), partial(self._confirmed, path))
        else:
            self._start(path, False)

    def _confirmed(self, path: Path, replace: bool | None) -> None:
        if replace:
            self._start(path, True)

    def _start(self, path: Path, overwrite: bool) -> None:
        self._set_busy(True)
        self._write(path, overwrite)

    @work(thread=True, exclusive=True)
    def _write(self, path: Path, overwrite: bool) -> None:
        """Render and write off the event loop: a big story's report takes a moment."""
        try:
            text = render_report(
                self.comparison,
                self.format,
                sources=self.sources,
                marks=self.report_marks(),
                flagged_only=self.flagged_only and self.format != "json",
            )
            write_report(path, text, overwrite=overwrite)
        except (OSError, StoryError) as error:
            self.app.call_from_thread(self._failed, path, error)
        else:
            self.app.call_from_thread(self._written, path)

    def _set_busy(self, busy: bool) -> None:
        self.query_one("#export-write", Button).disabled = busy
        self.set_class(busy, "-busy")

    def _written(self, path: Path) -> None:
        self._set_busy(False)
        message = f"Report written to {path}"
        if self.left_out and self.format != "json":  # the JSON export holds no marks at all
            message += f"\nNot in it: {self.left_out}."
        self.app.notify(message, title="Export", markup=False, timeout=12 if self.left_out else None)
        if self.is_active:  # not closed meanwhile (dismissing then would close another screen)
            self.dismiss(path)

    def _failed(self, path: Path, error: OSError | StoryError) -> None:
        self._set_busy(False)
        self._show_error(describe_error(path, error) if isinstance(error, OSError) else str(error))
        self.query_one("#export-path", Input).focus()

    def _show_error(self, message: str) -> None:
        error = self.query_one("#export-error", Static)
        if error.content != message or error.display != bool(message):  # else no new layout on reopening
            error.update(message)
            error.display = bool(message)
