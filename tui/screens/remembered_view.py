"""The main screen's memory: view, hidden sources, pivot and theme as the user left
them in this story (see tui/state/reader_memory.py for the file).

A mixin, like `ReviewActions`: the screen calls `recall_memory` on mounting and
`as_remembered` when its comparison arrives; what is shown is saved at unmount.
"""

from __future__ import annotations

from pathlib import Path

from comparators import Comparison, StoryError, with_pivot
from comparators.ordering import ReadingIndex
from tui.state.reader_memory import MemoryFileError, ReaderMemory, load_memory, save_memory
from tui.views.layout import View


class RemembersView:
    """Needs the screen's `story`, `settings`, `memory_path`, `view`, `hidden`,
    `comparison` and `lookup`."""

    memory_path: Path | None = None
    memory = ReaderMemory()
    memory_usable = False  # False: no file asked for, or one that must be left alone
    first_pivot: str | None = None  # the pivot the comparison came with

    def recall_memory(self) -> None:
        if self.memory_path is None:
            return
        try:
            memory = load_memory(self.memory_path)
        except MemoryFileError as error:
            self.notify(
                f"{error}. Left as it is: this session's view will not be remembered.",
                severity="warning",
                markup=False,
                timeout=10,
            )
            return
        self.memory, self.memory_usable = memory.for_story(self.story), True
        if self.memory.theme in self.app.available_themes:
            self.app.theme = self.memory.theme

    def as_remembered(self, comparison: Comparison, index: ReadingIndex | None = None) -> Comparison:
        """`comparison` on the remembered pivot (unless --pivot chose one), with the
        remembered sources hidden and view chosen (unless the caller chose one);
        `index`: its groups' `ReadingIndex`, when made already."""
        self.first_pivot = comparison.pivot
        memory = self.memory
        if self.view is None and memory.view in set(View):
            self.view = View(memory.view)
        asked_for_pivot = self.settings is not None and self.settings.pivot is not None
        if memory.pivot and memory.pivot != comparison.pivot and not asked_for_pivot:
            comparison = with_pivot(comparison, memory.pivot, index)
        self.hidden.update(h for h in memory.hidden if h != comparison.pivot)
        return comparison

    def on_unmount(self) -> None:
        if not self.memory_usable or self.lookup is None:
            return  # nothing shown yet: what was remembered stays
        pivot = self.comparison.pivot
        memory = ReaderMemory(
            view=self.view.value,
            hidden=tuple(s.id for s in self.story.sources if s.id in self.hidden),
            pivot=pivot if pivot != self.first_pivot else None,
            theme=self.app.theme,
        )
        try:
            save_memory(self.memory_path, memory)
        except StoryError:
            pass  # the reader is closing: a view not remembered is no loss of work
