"""New files created as `open` creates them: mode 0666 narrowed by the user's umask.

`tempfile.mkstemp` makes every file 0600 whatever the umask, so a report or a review
written through a temporary file and a rename would ignore a shared group's umask
(0002) or a private one's (0077) alike.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def new_temporary_beside(path: Path) -> tuple[int, Path]:
    """A new hidden file in `path`'s folder (`.NAME.RANDOM.tmp`), open for writing, for
    a rename onto `path`; its mode is what the umask leaves of 0666."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    while True:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue  # another name; mkstemp retries the same way
