"""An on-disk cache of comparisons, so reopening a story skips aligning it.

Aligning needs scikit-learn, whose import alone costs about a second; a story a
user reopens has usually not changed. An entry is keyed by everything the result
depends on: the loaded story (texts, outlets, metadata), the settings asked for,
and the comparator layer's own source code, so an edited rule never serves a
stale result. Entries live in the user's cache folder (platformdirs), are written
atomically and pruned to the newest few; an unreadable entry is recomputed.
Set SYNOPSIS_CACHE_DIR to move the cache, or SYNOPSIS_NO_CACHE=1 to bypass it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from comparators.model import Comparison, SettingsOverride, Story

if TYPE_CHECKING:
    from comparators.pipeline import Progress

KEEP_ENTRIES = 32
_PACKAGE_DIR = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    """Where entries go, or None when caching is switched off."""
    if os.environ.get("SYNOPSIS_NO_CACHE"):
        return None
    if configured := os.environ.get("SYNOPSIS_CACHE_DIR"):
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("synopsis")) / "comparisons"


def cached_compare(
    story: Story, settings: SettingsOverride | None = None, progress: Progress | None = None
) -> Comparison:
    """`compare(story, settings, progress)`, read from the cache when the same inputs
    were seen (then `progress` hears nothing)."""
    # Imported here: a cache hit then never loads the alignment's numpy and scipy.
    from comparators.pipeline import compare

    folder = cache_dir()
    if folder is None:
        return compare(story, settings, progress)
    entry = folder / f"{comparison_key(story, settings)}.pickle"
    try:
        with entry.open("rb") as stream:
            comparison = pickle.load(stream)
        if isinstance(comparison, Comparison):
            return comparison
    except Exception:  # missing, truncated or from another version: recompute
        pass
    comparison = compare(story, settings, progress)
    _store(entry, comparison)
    return comparison


def comparison_key(story: Story, settings: SettingsOverride | None) -> str:
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(repr(story).encode("utf-8", "surrogatepass"))
    digest.update(repr(settings).encode())
    return digest.hexdigest()[:40]


@cache
def code_fingerprint() -> str:
    """A hash of the comparator layer's source code: changes whenever a rule does."""
    digest = hashlib.sha256()
    # The fitted link model is code too: a refit changes the groups.
    for path in sorted([*_PACKAGE_DIR.rglob("*.py"), *_PACKAGE_DIR.rglob("*.json")]):
        digest.update(path.relative_to(_PACKAGE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _store(entry: Path, comparison: Comparison) -> None:
    # A cache that cannot be written costs speed, never the comparison.
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(comparison, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return
    entries = sorted(entry.parent.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
    for stale in entries[:-KEEP_ENTRIES]:
        stale.unlink(missing_ok=True)
