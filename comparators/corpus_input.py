"""The stories of a corpus: a folder of stories, or a table of articles.

A folder holds one story per sub-folder (its `story.yaml`, else its `*.txt` and `*.html`)
and per manifest (`*.yaml`) at its top. A table (JSON Lines, CSV or Parquet)
holds one article per row with the columns story, outlet, title, date, url and
text; its stories are written out as folders with a manifest under
`OUT_DIR/articles/`, so each is loaded exactly as `synopsis export` loads a
folder, and can be opened in the reader later.

Each story gets a key: a hash of its input files, the settings and the
comparator code. A story whose key has not changed need not be compared again.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from comparators.cache import code_fingerprint
from comparators.dates import given_date
from comparators.errors import StoryError
from comparators.loading import MANIFEST_NAMES, MANIFEST_SUFFIXES, articles_in
from comparators.model import SettingsOverride
from comparators.outlets import unique_ids

TABLE_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet")
ARTICLE_COLUMNS = ("story", "outlet", "title", "date", "url", "text")
ARTICLES_DIR = "articles"
CSV_FIELD_LIMIT = 2**31 - 1  # characters: the largest a C long holds everywhere


@dataclass(frozen=True, slots=True)
class CorpusStory:
    """One story of a corpus: where it is read from and the key of its inputs."""

    id: str  # unique in the corpus, safe as a file name
    name: str  # as the input names it: folder, manifest or `story` value
    path: Path  # what `load_story([path])` reads
    key: str


def find_stories(input_path: Path, out_dir: Path, settings: SettingsOverride) -> tuple[CorpusStory, ...]:
    """The stories `input_path` holds, in name (folder) or first-row (table) order.

    A table's stories are written under `out_dir/articles/`. Raises
    `StoryError` for an input that is neither a folder of stories nor a
    readable table with `story` and `text` columns.
    """
    if input_path.is_dir():
        found = _folder_stories(input_path)
    elif input_path.suffix.lower() in TABLE_SUFFIXES and input_path.is_file():
        found = _write_table_stories(input_path, out_dir / ARTICLES_DIR)
    elif not input_path.exists():
        raise StoryError(input_path, "no such file or folder")
    else:
        known = ", ".join(TABLE_SUFFIXES)
        raise StoryError(input_path, f"not a folder of stories nor a table of articles ({known})")
    if not found:
        raise StoryError(input_path, "no stories: expected sub-folders or story manifests")
    ids = unique_ids([name for name, _ in found], ["story"] * len(found))
    return tuple(
        CorpusStory(id=i, name=name, path=path, key=story_key(path, settings))
        for i, (name, path) in zip(ids, found, strict=True)
    )


def story_key(path: Path, settings: SettingsOverride) -> str:
    """A hash of the story's input files, `settings` and the comparator code."""
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(repr(settings).encode())
    for file in _input_files(path):
        digest.update(file.name.encode("utf-8", "surrogateescape") + b"\0")
        try:
            digest.update(file.read_bytes())
        except OSError:
            digest.update(b"(unreadable)")  # loading will name the problem
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def _folder_stories(folder: Path) -> list[tuple[str, Path]]:
    found = []
    for child in sorted(folder.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_dir() and (_manifest_in(child) or articles_in(child)):
            found.append((child.name, child))
        elif child.is_file() and child.suffix.lower() in MANIFEST_SUFFIXES:
            found.append((child.stem, child))
    return found


def _manifest_in(folder: Path) -> Path | None:
    return next((folder / n for n in MANIFEST_NAMES if (folder / n).is_file()), None)


def _input_files(path: Path) -> list[Path]:
    """The files loading `path` reads: a manifest and the files it lists, or its articles."""
    manifest = path if path.is_file() else _manifest_in(path)
    if manifest is None:
        return articles_in(path)
    files = [manifest]
    try:
        data = yaml.safe_load(manifest.read_text(encoding="utf-8"))
        entries = data.get("sources") or []
        for entry in entries:
            name = entry.get("file") if isinstance(entry, dict) else entry
            if isinstance(name, str):
                files.append(manifest.parent / name.strip())
    except (OSError, UnicodeDecodeError, yaml.YAMLError, AttributeError, TypeError):
        pass  # a broken manifest: loading reports it; its own bytes are in the key
    return files


# ---------------------------------------------------------------- tables of articles


def read_articles(path: Path) -> list[dict[str, str | None]]:
    """The rows of a JSON Lines, CSV or Parquet table of articles, as text or None.

    Raises `StoryError` naming the file and where in it (the line a CSV record or JSON
    object starts on, a Parquet file's row) for an unreadable table, one without rows,
    a missing `story` or `text` column, a row without a story, a value that is no text
    (a JSON list or object) or a date that is no date (`dates.given_date`; a date is
    kept as YYYY-MM-DD)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            rows = _parquet_rows(path)
        elif suffix == ".csv":
            rows = _csv_rows(path)
        else:
            rows = _json_lines(path)
    except OSError as error:
        raise StoryError(path, f"cannot read: {error.strerror or error}") from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise StoryError(path, f"not a readable table: {error}") from None
    if not rows:  # a header alone is no article: say so rather than name columns it may have
        raise StoryError(path, "no articles: the table has no rows")
    columns = set().union(*(row.keys() for _, row in rows))
    missing = [c for c in ("story", "text") if c not in columns]
    if missing:
        raise StoryError(path, f"no {' and no '.join(repr(c) for c in missing)} column")
    articles = []
    for where, row in rows:
        for column in ARTICLE_COLUMNS:
            if isinstance(row.get(column), (list, dict)):
                kind = "a list" if isinstance(row[column], list) else "an object"
                raise StoryError(path, f"{where}: {column!r} is {kind}, not text")
        article = {c: _text(row.get(c)) for c in ARTICLE_COLUMNS}
        if not article["story"]:
            raise StoryError(path, f"{where}: no story")
        if article["date"]:  # named here, not in the manifest made of it
            if (date := given_date(article["date"].strip())) is None:
                raise StoryError(path, f"{where}: date {article['date']!r} is not a date; write it as YYYY-MM-DD")
            article["date"] = date
        articles.append(article)
    return articles


def _text(value: object) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def _csv_rows(path: Path) -> list[tuple[str, dict]]:
    """('line N', row) per record, N the line it starts on (an article's text may run
    over several lines), read as `csv.DictReader` reads them: blank lines skipped,
    missing fields None."""
    rows = []
    # csv's default limit, 128 KB a field, is less than one long article: the loader's
    # own limit (MAX_FILE_BYTES) refuses an oversized article later, in its story alone.
    limit = csv.field_size_limit(CSV_FIELD_LIMIT)
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            reader = csv.reader(stream)
            header = next(reader, [])
            ended = reader.line_num  # the line the record before ended on
            for record in reader:  # a blank line is a record of its own, empty
                start, ended = ended + 1, reader.line_num
                if record:
                    rows.append((f"line {start}", dict(zip(header, record + [None] * (len(header) - len(record))))))
    finally:
        csv.field_size_limit(limit)
    return rows


def _json_lines(path: Path) -> list[tuple[str, dict]]:
    rows = []
    with path.open(encoding="utf-8-sig") as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise StoryError(path, f"line {number}: not JSON: {error.msg}") from None
            if not isinstance(row, dict):
                raise StoryError(path, f"line {number}: not a JSON object")
            rows.append((f"line {number}", row))
    return rows


def _parquet_rows(path: Path) -> list[tuple[str, dict]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return [(f"row {number}", row) for number, row in enumerate(pq.read_table(path).to_pylist(), start=1)]
    except pa.ArrowException as error:
        raise StoryError(path, f"not a readable Parquet file: {error}") from None


def _write_table_stories(table: Path, articles_dir: Path) -> list[tuple[str, Path]]:
    """Each story of the table as a folder with a manifest; (name, folder) in first-row order."""
    stories: dict[str, list[dict[str, str | None]]] = {}
    for article in read_articles(table):
        stories.setdefault(article["story"], []).append(article)
    names = list(stories)
    found = []
    for name, folder_name in zip(names, unique_ids(names, ["story"] * len(names)), strict=True):
        folder = articles_dir / folder_name
        files = {"story.yaml": _manifest_text(name, stories[name])}
        for number, article in enumerate(stories[name], start=1):
            files[f"{number:03d}.txt"] = article["text"] or ""
        _write_folder(folder, files)
        found.append((name, folder))
    return found


def _manifest_text(title: str, articles: list[dict[str, str | None]]) -> str:
    sources = []
    for number, article in enumerate(articles, start=1):
        entry = {"file": f"{number:03d}.txt"}
        entry.update({k: article[k] for k in ("outlet", "title", "date", "url") if article[k]})
        sources.append(entry)
    return yaml.safe_dump({"title": title, "sources": sources}, allow_unicode=True, sort_keys=False)


def _write_folder(folder: Path, files: dict[str, str]) -> None:
    """`folder` holding exactly `files`; unchanged files are left alone (and keep their key)."""
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.iterdir():
        if stale.name not in files and stale.is_file():
            stale.unlink()
    for name, text in files.items():
        target = folder / name
        data = text.encode("utf-8")
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
