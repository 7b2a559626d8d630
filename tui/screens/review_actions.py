"""The review keys of the main screen (x, f, a, r, F, R, ctrl+z, ctrl+r; see keymap.py) and what the
reader says about the review file.

A mixin, so the main screen's module stays about reading: the screen calls
`sync_review` whenever its comparison changes, passes `review_marks()` down to the
views and adds `review_summary()` to its header. Every change is saved at once by the
`ReviewController`; this module only asks and tells the user.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from comparators import Comparison, Group
from comparators.model import Mark
from comparators.ordering import MovedFrom
from comparators.review import next_group
from tui.screens.note_editor import NoteEditor
from tui.screens.review_path_dialog import ReviewPathDialog, UnsavedMarksDialog
from tui.state.review_controller import Replayed, ReviewController
from tui.views.layout import GROUP_VIEWS, View
from tui.views.mark_badge import mark_badge
from tui.views.render import clean
from tui.widgets.story_header import StoryHeader

ORPHANS_LISTED = 8  # orphans named in the review status message; the file holds them all


class ReviewActions:
    """Needs the screen's `story`, `review_path`, `lookup`, `aligned`, `refresh_view` and
    `summary_parts`."""

    review: ReviewController | None = None

    # ------------------------------------------------------------ called by the screen

    def sync_review(self, comparison: Comparison, moved_from: MovedFrom | None = None) -> Group | None:
        """Lay the marks over `comparison`. The first time, open the review file (the
        screen's `review_path`) and return the group the last session stopped at.
        `moved_from`: the groups before a pivot change and where each group stood in them."""
        if self.review is not None:
            self.review.regroup(comparison.groups, moved_from)
            return None
        self.review = ReviewController(self.story, comparison.groups, self.review_path)
        self.call_after_refresh(self._tell_review_status)
        position = self.review.attachment.position
        return comparison.group(position) if position else None

    def review_marks(self) -> Mapping[str, Mark]:
        return self.review.attachment.marks if self.review else {}

    def review_mark_at(self, group_index: int | None) -> Mark | None:
        """The mark of the lookup's group at `group_index` (None: unmarked or nothing)."""
        if group_index is None or self.lookup is None:
            return None
        return self.review_marks().get(self.lookup.groups[group_index].id)

    def review_left_out(self) -> str:
        """The marks no report of this comparison can show, in words ('' if none)."""
        return self.review.left_out() if self.review else ""

    def review_summary(self) -> list[str]:
        """The header's review part, e.g. ['23/61 reviewed, 4 flagged', 'read-only']."""
        if self.review is None:
            return []
        parts = [self.review.progress]
        if self.review.read_only:
            parts.append("read-only")
        elif self.review.path is not None and not self.review.saving:
            parts.append("NOT SAVED (R)")
        return parts

    def on_cursor_moved(self, message) -> None:
        # Handled here as well as by the screen: only remembers where the reader is.
        if self.review is not None and self.lookup is not None and message.group is not None:
            self.review.move_to(self.lookup.groups[message.group].id)

    def on_unmount(self) -> None:
        if self.review is not None:
            self.review.close()

    def offer_to_save_before_quitting(self) -> bool:
        """Whether marks only in memory need a file first: then the reader asks where,
        and quits once they are saved (or when the user quits again)."""
        review = self.review
        if review is None or not review.has_unsaved_marks:
            return False
        problem = (
            "Marks changed in this session are only in memory "
            f"({review.unreadable or review.unsaved}). Save them before quitting?"
        )
        self.app.push_screen(UnsavedMarksDialog(problem, review.suggested_path()), self._save_and_quit)
        return True

    # ------------------------------------------------------------ actions

    def action_toggle_reviewed(self) -> None:
        self._change(lambda review, gid: review.toggle_reviewed(gid))

    def action_toggle_flagged(self) -> None:
        self._change(lambda review, gid: review.toggle_flagged(gid))

    def action_edit_note(self) -> None:
        group = self._group()
        if group is None or self._refuse_read_only():
            return

        def save(note: str | None) -> None:
            if note is not None:
                self._change(lambda review, gid: review.set_note(gid, note), group)

        note = self.review.mark(group.id).note
        self.app.push_screen(NoteEditor(note, f"Note on {group.id}", save), save)

    def action_next_unreviewed(self) -> None:
        self._go_to_next(lambda mark: not mark.reviewed, "group left to review")

    def action_next_flagged(self) -> None:
        self._go_to_next(lambda mark: mark.flagged, "flagged group")

    def action_undo_mark(self) -> None:
        if self.review is not None:
            self._replayed(self.review.undo())

    def action_redo_mark(self) -> None:
        if self.review is not None:
            self._replayed(self.review.redo())

    def action_review_file(self) -> None:
        """Where the review is saved and what it holds that the story no longer has."""
        review = self.review
        if review is None:
            return
        if review.needs_another_file:
            self._offer_another_file()
            return
        where = f"Saved in {review.path}" if review.path else "Kept in memory only (no review file)"
        lines = [where + (" (read-only)" if review.read_only else "") + f": {review.progress}."]
        orphans = review.attachment.orphans
        if orphans:
            lines.append(f"{len(orphans)} mark(s) match no passage now, kept in the file:")
            for orphan in orphans[:ORPHANS_LISTED]:
                badge = mark_badge(orphan.entry.mark)
                note = f" — {orphan.entry.mark.note}" if orphan.entry.mark.note else ""
                lines.append(clean(f"{badge} “{orphan.entry.excerpt}”{note}"))
            if len(orphans) > ORPHANS_LISTED:
                lines.append(f"… and {len(orphans) - ORPHANS_LISTED} more.")
        self.notify("\n".join(lines), title="Review", markup=False, timeout=20)

    # ------------------------------------------------------------ helpers

    def _group(self) -> Group | None:
        if self.review is None or self.lookup is None:
            return None
        return self.aligned.selected_group_object()

    def _refuse_read_only(self) -> bool:
        if self.review.read_only:
            self.notify(
                f"Read-only: the review is open in {self.review.holder()}.",
                severity="warning",
                markup=False,
                timeout=4,
            )
        return self.review.read_only

    def _change(
        self, change: Callable[[ReviewController, str], str | None], group: Group | None = None
    ) -> None:
        group = group or self._group()
        if group is None or self._refuse_read_only():
            return
        was_saving = self.review.saving
        problem = change(self.review, group.id)
        self._show_review()
        if problem and was_saving and self.review.needs_another_file:
            self._offer_another_file()  # the folder just became unwritable
        elif problem:
            self.notify(problem, severity="warning", markup=False, timeout=4)

    def _replayed(self, replayed: Replayed) -> None:
        """Show the group an undo or redo changed back, and say what it did."""
        self._show_review()
        group_id = replayed.group_id
        if group_id is not None and self.view in GROUP_VIEWS and self.lookup is not None:
            self.aligned.select_item(self.lookup.position[group_id])
        self.notify(replayed.message, markup=False, timeout=3)

    def _show_review(self) -> None:
        self.aligned.show_marks(self.review_marks())
        self.query_one(StoryHeader).show(self.story.title, self.summary_parts())

    def _go_to_next(self, wanted: Callable[[Mark], bool], what: str) -> None:
        if self.review is None or self.lookup is None:
            return
        if self.view in (View.QUOTES, View.DISAGREEMENTS):
            self.notify("r and F move between groups: switch to a group view (v).", timeout=3)
            return
        groups = [self.lookup.groups[item] for item in self.aligned.items()]
        here = self._group()
        found = next_group(groups, here and here.id, lambda gid: wanted(self.review.mark(gid)))
        if found is None or (here is not None and found == here.id):
            self.notify(f"No {'other ' if found else ''}{what}.", timeout=2)
            return
        position = self.lookup.position[found]
        if here is not None and position < self.lookup.position[here.id]:
            self.notify("Wrapped round to the top.", timeout=1.5)
        self.aligned.select_item(position)

    def _tell_review_status(self) -> None:
        review = self.review
        # Shown again once laid out: the first header can be measured before it is mounted.
        self.query_one(StoryHeader).show(self.story.title, self.summary_parts())
        for message in review.status_messages():
            self.notify(message, severity="warning", markup=False, timeout=12)
        if review.needs_another_file:
            self._offer_another_file()

    def _offer_another_file(self) -> None:
        review = self.review
        problem = str(review.unreadable or review.unsaved)
        self.app.push_screen(ReviewPathDialog(problem, review.suggested_path()), self._continue_in)

    def _save_and_quit(self, path: Path | None) -> None:
        if path is None:
            self.notify("Back to the reader: the marks are still only in memory.", timeout=4)
            return
        problem = self.review.continue_in(path)
        if problem:
            self.notify(problem, severity="error", markup=False, timeout=8)
            self._show_review()
            return
        self.app.exit()

    def _continue_in(self, path: Path | None) -> None:
        if path is None:
            self.notify(
                "Marks are kept in memory only; press R to save them in another file.",
                severity="warning",
                timeout=6,
            )
            return
        problem = self.review.continue_in(path)
        if problem:
            self.notify(problem, severity="error", markup=False, timeout=8)
        else:
            self.notify(f"Review saved in {path}.", markup=False, timeout=4)
        self._show_review()
