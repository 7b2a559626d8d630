"""Loading a story: a manifest, a folder or a list of files -> `Story`.

Minimal first version; cleaning and outlet inference live in their own modules.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

import yaml

from comparators.errors import StoryError
from comparators.model import Paragraph, Settings, Source, Story

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


def default_story_path() -> Path:
    return SEEDS_DIR / "story.yaml"


def load_story(paths: Sequence[str | Path] = ()) -> Story:
    """Load the story named by `paths` (the seeds when empty)."""
    paths = [Path(p) for p in paths] or [default_story_path()]
    if len(paths) == 1 and paths[0].suffix in (".yaml", ".yml"):
        return _load_manifest(paths[0])
    if len(paths) == 1 and paths[0].is_dir():
        manifest = paths[0] / "story.yaml"
        if manifest.exists():
            return _load_manifest(manifest)
        paths = sorted(paths[0].glob("*.txt"))
    sources = tuple(_load_source(p, {}) for p in paths)
    return Story(title=paths[0].parent.name, sources=sources)


def _load_manifest(path: Path) -> Story:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    sources = tuple(_load_source(path.parent / e["file"], e) for e in data["sources"])
    return Story(
        title=data.get("title", path.parent.name),
        sources=sources,
        settings=Settings(**(data.get("settings") or {})),
        manifest=path,
    )


def _load_source(path: Path, entry: dict) -> Source:
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    outlet = entry.get("outlet") or path.stem
    return Source(
        id=re.sub(r"[^a-z0-9]+", "-", outlet.lower()).strip("-"),
        outlet=outlet,
        path=path,
        paragraphs=tuple(Paragraph(i, t, 0) for i, t in enumerate(paragraphs)),
        title=entry.get("title"),
        date=str(entry["date"]) if entry.get("date") else None,
        url=entry.get("url"),
        content_hash=hashlib.sha256(raw).hexdigest(),
    )
