"""The reader's review session: marks in memory, saved to the review file at each change.

Plain Python (no Textual) so every rule about never losing a note is tested without a
terminal; the app only calls these methods and shows the messages they return.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from comparators.model import Group, Mark, Story
from comparators.ordering import MovedFrom, positions_before
from comparators.review import (
    Attachment,
    Entry,
    GroupIndex,
    Review,
    SourceChange,
    attach,
    orphans_in_words,
    source_changes,
    with_mark,
    with_position,
    with_sources,
)
from comparators.review_store import (
    ReviewFileError,
    ReviewLock,
    ReviewWriteError,
    alternative_path,
    load_review,
    review_to_open,
    save_review,
    state_review_path,
)
from comparators.sanitize import strip_control

UNDO_STEPS = 200  # mark changes ctrl+z can take back


@dataclass(frozen=True, slots=True)
class MarkChange:
    """One change of a mark, as undo and redo replay it: the review's entries before
    and after (mappings are never mutated, so keeping them costs nothing)."""

    before: Mapping[str, Entry]
    after: Mapping[str, Entry]
    group_key: str
    what: str  # "review mark", "flag" or "note"


@dataclass(frozen=True, slots=True)
class Replayed:
    """What an undo or redo did, for the reader to say and show."""

    message: str
    group_id: str | None = None  # the group changed back, if the comparison has it


class ReviewController:
    """One reader's review of one story.

    With `path` None the marks live in memory only, by choice (no file, no warning).
    States a reader can see:
    - `read_only`: another session holds the file; marks are shown, changes refused.
    - `unreadable`: the file could not be read; it is left as it is, marks are kept
      in memory until the user continues in a new file (`continue_in`).
    - `unsaved`: the last save failed (e.g. the folder cannot be written); marks are
      kept in memory and every change tries again, or the user picks another path.
    """

    def __init__(self, story: Story, groups: Sequence[Group], path: Path | None) -> None:
        self.story = story
        self.path: Path | None = None
        self.groups: Sequence[Group] = groups
        self.review = Review()
        self.read_only = False
        self.unreadable: ReviewFileError | None = None
        self.continued_from: ReviewFileError | None = None  # the unreadable file `path` carries on
        self.unsaved: ReviewWriteError | None = None
        self.changes: tuple[SourceChange, ...] = ()
        self.lock: ReviewLock | None = None
        self.index = GroupIndex.of(groups)
        self.attachment: Attachment = attach(self.review, self.index)
        self._position_saved = True
        self.has_unsaved_marks = False  # changed marks no file holds (offered at quit)
        self.undo_steps: list[MarkChange] = []
        self.redo_steps: list[MarkChange] = []
        if path is not None:
            self._open(path)

    def _open(self, path: Path) -> None:
        try:
            # A file that cannot be read, left as it is, may have been carried on in another.
            path, _, self.continued_from = review_to_open(path)
        except ReviewFileError:
            pass  # read below, which keeps the error
        self.path = path
        self.lock = ReviewLock(path)
        try:
            self.read_only = not self.lock.acquire()
        except ReviewWriteError as error:
            self.lock, self.unsaved = None, error
        # Read (again) once the lock is ours: a session that saved and closed meanwhile
        # must not have its last marks overwritten by what was read before.
        try:
            self.review = load_review(path)
        except ReviewFileError as error:
            self.unreadable = error
        self.changes = source_changes(self.review, self.story)
        self.attachment = attach(self.review, self.index)

    # ------------------------------------------------------------ what the reader shows

    def mark(self, group_id: str) -> Mark:
        return self.attachment.mark(group_id)

    @property
    def progress(self) -> str:
        return self.attachment.progress

    @property
    def saving(self) -> bool:
        """Whether changes reach the file right now."""
        return self.path is not None and not (self.read_only or self.unreadable or self.unsaved)

    @property
    def needs_another_file(self) -> bool:
        """The file cannot take the marks: the reader offers `suggested_path()`."""
        return self.path is not None and bool(self.unreadable or self.unsaved)

    def suggested_path(self) -> Path:
        """Beside the unreadable file; in the user's state folder when the folder
        itself cannot be written."""
        if self.unsaved is None:
            return alternative_path(self.path)
        path = state_review_path(self.story)
        return alternative_path(path) if path.exists() or path == self.path else path

    def holder(self) -> str:
        return str(self.lock.holder) if self.lock and self.lock.holder else "another session"

    def status_messages(self) -> list[str]:
        """What the reader tells the user on opening, most important first."""
        messages = []
        if self.continued_from:
            skipped = self.continued_from
            messages.append(
                f"{skipped.path.name} cannot be read ({skipped.problem}); "
                f"carrying on in {self.path.name}, where an earlier session continued."
            )
        if self.unreadable:
            messages.append(f"Review file left untouched: {self.unreadable}. Marks stay in memory.")
        if self.read_only:
            messages.append(
                f"{self.path.name} is open in {self.holder()}: read-only "
                f"(if that session is gone, delete {self.lock.path})."
            )
        if self.unsaved:
            messages.append(f"Cannot save the review: {self.unsaved}. Marks stay in memory.")
        messages.extend(f"{change}: marks on passages that are unchanged stay." for change in self.changes)
        if self.attachment.orphans:
            messages.append(f"Not on any passage now: {self.left_out()}.")
        # File names, a lock's holder and a YAML error's words can hold escape sequences.
        return [strip_control(message) for message in messages]

    def left_out(self) -> str:
        """What the review holds that no passage matches (and so no report shows), '' if nothing."""
        if not self.attachment.orphans:
            return ""
        return (
            f"{orphans_in_words(self.attachment.orphans)} on passages edited or gone since the "
            "review (kept in the review file; R lists them)"
        )

    # ------------------------------------------------------------ changes

    def regroup(self, groups: Sequence[Group], moved_from: MovedFrom | None = None) -> None:
        """Lay the marks over a new alignment or pivot (group ids change). `moved_from`:
        the groups before a pivot change and each group's position in them, when known
        (`Lookup.moved_from`), so they are not matched up a second time."""
        self.index = _renumbered(self.index, groups, moved_from) or GroupIndex.of(groups)
        self.groups = groups
        self.attachment = attach(self.review, self.index)

    def toggle_reviewed(self, group_id: str) -> str | None:
        mark = self.mark(group_id)
        return self.set_mark(group_id, replace(mark, reviewed=not mark.reviewed), "review mark")

    def toggle_flagged(self, group_id: str) -> str | None:
        mark = self.mark(group_id)
        return self.set_mark(group_id, replace(mark, flagged=not mark.flagged), "flag")

    def set_note(self, group_id: str, note: str) -> str | None:
        return self.set_mark(group_id, replace(self.mark(group_id), note=note), "note")

    def set_mark(self, group_id: str, mark: Mark, what: str = "mark") -> str | None:
        """Apply and save a mark; returns a message for the user when it is not saved."""
        if self.read_only:
            return f"Read-only: {self.path.name} is open in {self.holder()}."
        group = next(g for g in self.groups if g.id == group_id)
        before = self.review.entries
        self.review = with_mark(self.review, self.attachment, group, mark)
        self.attachment = attach(self.review, self.index)
        if self.review.entries != before:
            change = MarkChange(before, self.review.entries, self.attachment.keys[group_id], what)
            self.undo_steps = [*self.undo_steps[-(UNDO_STEPS - 1) :], change]
            self.redo_steps = []
        return self._save()

    def undo(self) -> Replayed:
        """Take back the last mark change (saved like any change)."""
        return self._replay(self.undo_steps, self.redo_steps, undoing=True)

    def redo(self) -> Replayed:
        """Make again the last change `undo` took back."""
        return self._replay(self.redo_steps, self.undo_steps, undoing=False)

    def _replay(self, steps: list[MarkChange], opposite: list[MarkChange], undoing: bool) -> Replayed:
        if self.read_only:
            return Replayed(f"Read-only: {self.path.name} is open in {self.holder()}.")
        if not steps:
            return Replayed(f"Nothing to {'undo' if undoing else 'redo'}.")
        change = steps.pop()
        opposite.append(change)
        self.review = replace(self.review, entries=change.before if undoing else change.after)
        self.attachment = attach(self.review, self.index)
        group_id = next((g for g, key in self.attachment.keys.items() if key == change.group_key), None)
        problem = self._save()
        where = group_id or "a passage this comparison no longer has"
        message = f"{'Undone' if undoing else 'Redone'}: {change.what} on {where}."
        return Replayed(f"{message} {problem}" if problem else message, group_id)

    def move_to(self, group_id: str | None) -> None:
        """Remember the reader's position; written with the next save or on close."""
        review = with_position(self.review, self.attachment, group_id)
        if review.position != self.review.position:
            self.review, self._position_saved = review, False

    def close(self) -> str | None:
        message = None
        if not self._position_saved and self.saving:
            message = self._save()
        if self.lock is not None:
            self.lock.release()
        return message

    def continue_in(self, path: Path) -> str | None:
        """Keep the marks in memory and save them to `path` from now on.

        Refuses an existing file so no other review is written over; returns a
        message when that or the save fails (the marks stay in memory).
        """
        if path.exists():
            return f"{path} already exists; choose a new file."
        lock = ReviewLock(path)
        try:
            if not lock.acquire():
                return f"{path.name} is open in {lock.holder}."
        except ReviewWriteError as error:
            return str(error)
        if self.lock is not None:
            self.lock.release()
        self.path, self.lock = path, lock
        self.read_only, self.unreadable = False, None
        return self._save()

    def _save(self) -> str | None:
        if self.read_only or self.path is None:
            return None
        if self.unreadable:
            self.has_unsaved_marks = True
            return f"Not saved: {self.unreadable.path.name} cannot be read; continue in a new file."
        try:
            save_review(self.path, with_sources(self.review, self.story), self.story.title)
        except ReviewWriteError as error:
            self.unsaved, self.has_unsaved_marks = error, True
            return f"Not saved (kept in memory): {error}"
        self.unsaved, self._position_saved, self.has_unsaved_marks = None, True, False
        return None


def _renumbered(index: GroupIndex, groups: Sequence[Group], moved_from: MovedFrom | None = None) -> GroupIndex | None:
    """`index` for the same groups renumbered and reordered (a pivot change keeps each
    group's members and so its key), without hashing every passage again; None for other groups."""
    if moved_from is not None and moved_from[0] is index.groups and len(moved_from[1]) == len(groups):
        order = moved_from[1]
    else:
        order = positions_before(index.groups, groups)
    if order is None:
        return None
    new_id = {index.groups[old].id: group.id for group, old in zip(groups, order)}
    keys = {new_id[gid]: key for gid, key in index.keys.items()}
    return GroupIndex(
        groups=tuple(groups),
        keys=keys,
        group_of_key={key: new_id[gid] for key, gid in index.group_of_key.items()},
        keys_of_passage=index.keys_of_passage,
        order={group.id: i for i, group in enumerate(groups)},
    )
