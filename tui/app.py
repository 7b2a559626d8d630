"""The reader: a Textual app showing one story's comparison."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from functools import partial
from time import monotonic
from typing import Any

from textual import events
from textual.actions import parse as parse_action
from textual.app import App, SystemCommand
from textual.screen import Screen

from comparators import SettingsOverride, Story
from comparators.collector import full_passes_rarer
from tui.keymap import MAIN_BINDINGS, UserKeymap, load_user_keymap
from tui.screens import installed_screen
from tui.screens.help_screen import HelpScreen, keys_shown
from tui.screens.main_screen import MainScreen
from tui.screens.note_editor import NoteEditor
from tui.screens.review_path_dialog import UnsavedMarksDialog
from tui.views.render import clean


class SynopsisApp(App):
    CSS_PATH = "synopsis.tcss"

    def __init__(
        self, main_screen: Callable[[], MainScreen], title: str, keymap: UserKeymap | None = None
    ) -> None:
        super().__init__()
        # The main screen owns the story, its settings and comparison: the app only starts it.
        self._main_screen = main_screen
        self.keymap_config = keymap if keymap is not None else load_user_keymap()
        self.user_keymap = self.keymap_config.keys
        self.title = clean(title)
        self.last_input_at = monotonic()  # when the user last pressed a key or used the mouse

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and not event.is_forwarded:
            self.last_input_at = monotonic()
        await super().on_event(event)

    def get_default_screen(self) -> Screen:
        return self._main_screen()

    def push_screen(self, screen, callback=None, wait_for_dismiss=False, *, mode=None):
        """Textual's, with the main screen's footer emptied first (under a dialog it is
        empty): a screen beneath a dialog repaints whole, tinted, at each change, so the
        footer changing once the dialog is up would cost a second pass over the screen."""
        stack = self.screen_stack
        if stack and isinstance(stack[-1], MainScreen):
            stack[-1].dialog_opening()
        return super().push_screen(screen, callback, wait_for_dismiss, mode=mode)

    def on_mount(self) -> None:
        self._collector_thresholds = full_passes_rarer()  # a key press should not pay a full pass
        self.set_keymap(self.user_keymap)
        if self.keymap_config.warning:
            self.notify(self.keymap_config.warning, severity="warning", timeout=15, markup=False)

    def on_unmount(self) -> None:
        gc.set_threshold(*self._collector_thresholds)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if not isinstance(screen, MainScreen):
            return
        for binding in MAIN_BINDINGS:
            # Textual's own commands already quit and show keys
            if binding.id.startswith("toggle_source_") or binding.id in ("quit", "help"):
                continue
            _, name, parameters = parse_action(binding.action)
            if screen.check_action(name, parameters) is False:
                continue  # as its key: not in this view (`c` outside the pair view)
            keys = keys_shown(self, binding, self.user_keymap)
            yield SystemCommand(
                binding.description, f"key: {keys}", partial(screen.run_action, binding.action)
            )

    async def action_quit(self) -> None:
        """Quits, unless marks are only in memory: then first asks where to save them
        (quitting again while asked drops them)."""
        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        asking = isinstance(self.screen, UnsavedMarksDialog)
        for editor in self.screen_stack:
            if isinstance(editor, NoteEditor):
                editor.commit_draft()  # a note being written is a change like any other
        if asking or main is None or not main.offer_to_save_before_quitting():
            self.exit()

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        palette = self.screen.aligned.palette if isinstance(self.screen, MainScreen) else None
        kept = installed_screen(self, "help", HelpScreen)
        if kept is not None:  # kept laid out: opening it again only repaints
            kept.show(palette)
        else:
            self.install_screen(HelpScreen(palette), "help")
        self.push_screen("help")

    def action_export(self) -> None:
        """The report of what the reader shows: its pivot, without the hidden sources."""
        screen = self.screen
        if not isinstance(screen, MainScreen) or screen.comparison is None:
            self.notify("The comparison is not ready yet.", title="Export", timeout=3)
            return
        from tui.screens.export_dialog import ExportDialog  # on first use: kept off start-up

        state = dict(hidden=screen.hidden, marks=screen.review_marks() or None, left_out=screen.review_left_out())
        kept = installed_screen(self, "export", ExportDialog)
        if kept is not None and not kept.writing:  # kept laid out: opening it again only repaints
            kept.reopen(screen.comparison, **state)
        else:
            if kept is not None:  # still writing the last report: that one goes when done
                self.uninstall_screen("export")
            self.install_screen(ExportDialog(screen.comparison, **state), "export")
        self.push_screen("export")


def make_app(
    story: Story, settings: SettingsOverride | None = None, *, keymap: UserKeymap | None = None, **screen: Any
) -> SynopsisApp:
    """The reader on `story`, for the command line and the tests alike.

    `screen` options are `MainScreen`'s: tests pass a ready `comparison` (and a `view`);
    the command line passes `comparing` (a comparison it started before loading Textual)
    `review_path` (where marks are saved; without it they are kept in memory only)
    and `memory_path` (where the view, pivot, hidden sources and theme are remembered
    between sessions; without it nothing is).
    With neither `comparison` nor `comparing` the reader compares the story in the
    background itself. Tests pass an explicit `keymap`.
    """
    return SynopsisApp(partial(MainScreen, story, settings, **screen), story.title, keymap)
