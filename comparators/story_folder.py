"""Keeping what was compared: a story written out as a folder that reopens offline.

Each source becomes a text file (a web page's extracted article text, which the loader
cleans again exactly as it did the first time) with the page's original HTML beside
it, and a `story.yaml` names them with outlet, title, author, date, url, fetch time and
what the page extractor left out. The same story can then be reopened after the pages
change or vanish.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from comparators.errors import StoryError
from comparators.fetching import read_cached
from comparators.html_source import EXTRACTOR_RULE, HTML_SUFFIXES, decode_html, extract_page
from comparators.model import Settings, Source, Story

MANIFEST_NAME = "story.yaml"


def save_story_folder(story: Story, folder: Path, cache: Path | None = None) -> Path:
    """Write `story` into `folder` (created; it must not exist or be empty) and return
    the manifest's path. Fetched pages come from the page cache (`cache`, default the
    user's). Raises `StoryError` when the folder is in use or a file cannot be written;
    no existing file is ever replaced."""
    check_folder_free(folder)
    files: dict[str, bytes] = {}
    entries = []
    for number, source in enumerate(story.sources, start=1):
        stem = f"{number:02d}-{source.id}"
        text, html = _source_files(source, cache)
        files[f"{stem}.txt"] = text.encode("utf-8") if isinstance(text, str) else text
        if html is not None:
            files[f"{stem}.html"] = html
        entries.append(_entry(f"{stem}.txt", source))
    manifest: dict = {"title": story.title, "sources": entries}
    if settings := _changed_settings(story.settings):
        manifest["settings"] = settings
    text = yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True, width=100)
    files[MANIFEST_NAME] = text.encode("utf-8")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            with (folder / name).open("xb") as out:  # "x": never replaces a file
                out.write(data)
    except OSError as error:
        raise StoryError(
            folder, f"cannot write the story folder: {error.strerror or error}"
        ) from None
    return folder / MANIFEST_NAME


def check_folder_free(folder: Path) -> None:
    """Raise `StoryError` unless `folder` is missing or an empty folder (checked before
    fetching anything, and again before writing)."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise StoryError(folder, "already exists and is not an empty folder; nothing was written")


def _source_files(source: Source, cache: Path | None) -> tuple[str | bytes, bytes | None]:
    """(the text to keep, the original HTML or None) of one source."""
    if source.path is None:
        page = read_cached(source.url or "", cache)
        if page is None:
            raise StoryError(
                source.url, "the fetched page is no longer in the page cache; fetch it again"
            )
        html, encoding = decode_html(page.body, page.content_type)
        return extract_page(html, page.url, url=page.url, encoding=encoding).text, page.body
    try:
        raw = source.path.read_bytes()
    except OSError as error:
        raise StoryError(source.path, f"cannot read: {error.strerror or error}") from None
    if source.path.suffix.lower() in HTML_SUFFIXES:
        html, encoding = decode_html(raw)
        return extract_page(html, str(source.path), url=source.url, encoding=encoding).text, raw
    return raw, None


def _entry(file: str, source: Source) -> dict:
    entry = {"file": file, "outlet": source.outlet}
    for key in ("title", "author", "date", "url", "fetched"):
        if (value := getattr(source, key)) is not None:
            entry[key] = value
    # The text file holds what the extractor kept; what it left out would otherwise be
    # lost, and `sources --removed` must read the same when the folder is reopened.
    if dropped := [r for r in source.removed if r.rule == EXTRACTOR_RULE]:
        entry["removed_from_page"] = [{"line": r.line, "text": r.text, "reason": r.reason} for r in dropped]
    return entry


def _changed_settings(settings: Settings) -> dict:
    default = Settings()
    return {
        key: getattr(settings, key)
        for key in ("threshold", "comparator", "granularity", "pivot")
        if getattr(settings, key) != getattr(default, key)
    }
