"""Errors the user can act on: each names the file and the problem in one line."""

from __future__ import annotations

from pathlib import Path

from comparators.sanitize import strip_control


class StoryError(Exception):
    """A story or source that cannot be used, with the file it concerns."""

    def __init__(self, path: Path | str | None, problem: str) -> None:  # a file or a URL
        # A URL stays as written: as a Path its "//" would fold into "/".
        if isinstance(path, str) and "://" in path:
            self.path: Path | str | None = path
        else:
            self.path = Path(path) if path is not None else None
        self.problem = problem
        super().__init__(str(self))

    def __reduce__(self):  # pickled by its fields, so a worker process can raise it in the parent
        return type(self), (self.path, self.problem)

    def __str__(self) -> str:
        text = f"{self.path}: {self.problem}" if self.path else self.problem
        # File names and YAML snippets can hold anything; the message stays one safe line.
        return " ".join(strip_control(text).splitlines())


class SourceUnavailable(StoryError):
    """One source that cannot be had (a page that failed to fetch or holds no article);
    the story still loads without it when two or more sources remain."""
