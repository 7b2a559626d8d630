"""What the reader remembers about a story between sessions: view, hidden sources,
pivot and theme.

One small JSON file per story in the user's state folder (SYNOPSIS_STATE_DIR to move
it), named like the story's review file so the same files find it again. Written
atomically at quit. Plain Python (no Textual): a file that cannot be read is reported
and left as it is, never written over; anything in it the story no longer has (a
source, a view) is simply ignored.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from comparators.errors import StoryError
from comparators.input_files import read_regular_file
from comparators.model import Story
from comparators.review_store import story_stem, user_state_dir, write_atomic

FORMAT_VERSION = 1
MAX_MEMORY_BYTES = 1024 * 1024
SUFFIX = ".reader.json"


class MemoryFileError(StoryError):
    """A memory file that cannot be used; it is left untouched."""


@dataclass(frozen=True, slots=True)
class ReaderMemory:
    """What the reader restores on opening a story; None or empty: nothing to restore."""

    view: str | None = None
    hidden: tuple[str, ...] = ()
    pivot: str | None = None
    theme: str | None = None

    def for_story(self, story: Story) -> ReaderMemory:
        """Only what still applies: sources the story still has; the pivot never hidden."""
        ids = {s.id for s in story.sources}
        pivot = self.pivot if self.pivot in ids else None
        hidden = tuple(h for h in self.hidden if h in ids and h != pivot)
        return ReaderMemory(self.view, hidden, pivot, self.theme)


def memory_path_for(story: Story, state_dir: Path | None = None) -> Path:
    folder = state_dir if state_dir is not None else user_state_dir() / "reader"
    return folder / f"{story_stem(story)}{SUFFIX}"


def load_memory(path: Path) -> ReaderMemory:
    """The memory at `path`; empty when there is none yet. Raises `MemoryFileError`
    for a file that cannot be read or holds no memory; a field of the wrong kind is
    skipped (the rest is still restored)."""
    if not os.path.lexists(path):
        return ReaderMemory()
    try:
        text = read_regular_file(path, MAX_MEMORY_BYTES).decode("utf-8")
    except StoryError as error:
        raise MemoryFileError(path, f"cannot be read ({error.problem})") from None
    except UnicodeDecodeError as error:
        raise MemoryFileError(path, f"cannot be read ({error})") from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise MemoryFileError(path, f"line {error.lineno}: not valid JSON ({error.msg})") from error
    if not isinstance(data, dict):
        raise MemoryFileError(path, "does not hold the reader's memory (expected an object)")

    def text_or_none(key: str) -> str | None:
        value = data.get(key)
        return value if isinstance(value, str) and value else None

    hidden = data.get("hidden")
    hidden_ids = tuple(h for h in hidden if isinstance(h, str)) if isinstance(hidden, list) else ()
    return ReaderMemory(text_or_none("view"), hidden_ids, text_or_none("pivot"), text_or_none("theme"))


def save_memory(path: Path, memory: ReaderMemory) -> None:
    """Write `memory` atomically; raises a `StoryError` naming the file when it cannot."""
    data = {
        "version": FORMAT_VERSION,
        "view": memory.view,
        "hidden": list(memory.hidden),
        "pivot": memory.pivot,
        "theme": memory.theme,
    }
    write_atomic(path, json.dumps(data, indent=2) + "\n")
