"""A batch: every story of a corpus compared, stored and tabled in one output folder.

    OUT_DIR/batch.json             the input, the settings and the tables' key
    OUT_DIR/log.jsonl              one line per story done: id, key, status, error
    OUT_DIR/stories/<id>.json.gz   each story's export JSON, gzip-compressed
    OUT_DIR/articles/<id>/         a table's stories, written out as folders
    OUT_DIR/<table>.parquet        the corpus tables (see corpus_tables.py)

A rerun compares only the stories whose key (inputs, settings, code) changed or
that failed; the log is appended as each story finishes, so an interrupted run
resumes where it stopped. The engine (Dask, or a plain loop) is passed in.
Imports pyarrow through corpus_tables: only the batch commands load this module.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from comparators.corpus import Engine, Row, StoryResult, outlet_reuse, read_export, story_rows
from comparators.corpus_input import CorpusStory, find_stories
from comparators.corpus_tables import SCHEMAS, table_path, write_table
from comparators.errors import StoryError
from comparators.model import SettingsOverride

BATCH_FILE = "batch.json"
LOG_FILE = "log.jsonl"
STORIES_DIR = "stories"


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What a batch run did."""

    stories: int
    compared: int
    unchanged: int
    failures: tuple[tuple[str, str], ...]  # (story id, error)
    seconds: float
    tables_written: bool


def export_path(out_dir: Path, story_id: str) -> Path:
    """Where a story's gzip-compressed export JSON is kept."""
    return out_dir / STORIES_DIR / f"{story_id}.json.gz"


def run_batch(
    input_path: Path,
    out_dir: Path,
    settings: SettingsOverride,
    engine: Engine,
    on_plan: Callable[[int, int], None] | None = None,
    on_result: Callable[[StoryResult], None] | None = None,
) -> BatchSummary:
    """Compare every story of `input_path` not yet done in `out_dir`, then write the tables.

    `on_plan(to_compare, unchanged)` is called before the engine starts (it is
    not started when nothing needs comparing) and `on_result` after each story.
    Raises `StoryError` for unusable input, or an `out_dir` that is a file or a
    folder of something else (never written over)."""
    start = time.perf_counter()
    batch = {"input": str(input_path.resolve()), "settings": _settings_dict(settings)}
    created, claimed = not out_dir.exists(), not (out_dir / BATCH_FILE).is_file()
    _claim(out_dir, batch)
    try:
        stories = find_stories(input_path, out_dir, settings)
    except StoryError:  # refused input leaves behind nothing of this run's making
        if created:
            shutil.rmtree(out_dir, ignore_errors=True)
        elif claimed:
            (out_dir / BATCH_FILE).unlink(missing_ok=True)
        raise
    logged = _read_log(out_dir)
    unchanged = [
        s
        for s in stories
        if logged.get(s.id, {}).get("key") == s.key
        and logged[s.id].get("status") == "ok"
        and export_path(out_dir, s.id).is_file()
    ]
    unchanged_ids = {s.id for s in unchanged}
    todo = [s for s in stories if s.id not in unchanged_ids]
    tables_key = _tables_key(stories, settings)
    if not todo and _read_batch(out_dir).get("tables_key") == tables_key and _tables_exist(out_dir):
        return BatchSummary(len(stories), 0, len(stories), (), time.perf_counter() - start, False)
    _write_json(out_dir / BATCH_FILE, batch)  # from now on the folder is a batch's, even if cut short
    if on_plan is not None:
        on_plan(len(todo), len(unchanged))
    results: dict[str, StoryResult] = {}
    if todo:
        (out_dir / STORIES_DIR).mkdir(exist_ok=True)
        with (out_dir / LOG_FILE).open("a", encoding="utf-8") as log:
            for result in engine(todo, settings):
                _store(out_dir, result)
                entry = {"story": result.story.id, "key": result.story.key}
                entry |= {"status": "ok"} if result.ok else {"status": "failed", "error": result.error}
                log.write(json.dumps(entry, ensure_ascii=False) + "\n")
                log.flush()
                results[result.story.id] = _light(result)
                if on_result is not None:
                    on_result(result)
    failures = _write_tables(out_dir, stories, results, unchanged_ids)
    _compact_log(out_dir, stories)
    _write_json(out_dir / BATCH_FILE, batch | {"tables_key": tables_key if not failures else None})
    return BatchSummary(
        len(stories), len(todo), len(unchanged), failures, time.perf_counter() - start, True
    )


def _light(result: StoryResult) -> StoryResult:
    """The result without its export bytes (already on disk), to keep memory low."""
    return StoryResult(story=result.story, error=result.error, rows=result.rows)


def _claim(out_dir: Path, batch: dict) -> None:
    """`out_dir` made a batch's folder (its `batch.json` written first), unless it is
    something else."""
    if out_dir.exists() and not out_dir.is_dir():
        raise StoryError(out_dir, "is a file; the batch output must be a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / BATCH_FILE).is_file():
        # Not ours: nothing the user wrote is ever overwritten.
        raise StoryError(out_dir, "is a folder of something else (no batch.json); pick a new or empty folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoryError(out_dir, f"cannot create the folder: {error.strerror or error}") from None
    if not (out_dir / BATCH_FILE).is_file():
        _write_json(out_dir / BATCH_FILE, batch)


def _store(out_dir: Path, result: StoryResult) -> None:
    target = export_path(out_dir, result.story.id)
    if not result.ok:
        target.unlink(missing_ok=True)  # no stale export beside a failure
        return
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(result.export_gz)
    os.replace(temporary, target)


def _write_tables(
    out_dir: Path, stories: tuple[CorpusStory, ...], results: dict[str, StoryResult], unchanged: set[str]
) -> tuple[tuple[str, str], ...]:
    """Every table rebuilt from this run's results and the stored exports of the rest;
    the failures (story id, error), in story order."""
    logged = _read_log(out_dir)
    tables: dict[str, list[Row]] = {name: [] for name in SCHEMAS}
    failures = []
    for story in stories:
        result = results.get(story.id)
        if story.id in unchanged:
            rows = story_rows(story.id, read_export(export_path(out_dir, story.id).read_bytes()))
            error = None
        elif result is not None:
            rows, error = result.rows, result.error
        else:
            rows, error = {}, logged.get(story.id, {}).get("error") or "not compared"
        if error is not None:
            failures.append((story.id, error))
        summary = (rows.get("stories") or [{}])[0]
        status = {"name": story.name, "input": str(story.path.resolve()), "key": story.key}
        status |= {"status": "failed" if error else "ok", "error": error}
        tables["stories"].append({**summary, "story": story.id, **status})
        for name, table_rows in rows.items():
            if name != "stories":
                tables.setdefault(name, []).extend(table_rows)
    tables["outlet_reuse"] = outlet_reuse(tables["reuse"])
    for name in SCHEMAS:
        write_table(out_dir, name, tables.get(name, []))
    return tuple(failures)


def _tables_exist(out_dir: Path) -> bool:
    return all(table_path(out_dir, name).is_file() for name in SCHEMAS)


def _tables_key(stories: tuple[CorpusStory, ...], settings: SettingsOverride) -> str:
    digest = hashlib.sha256(repr(settings).encode())
    for story in stories:
        digest.update(f"{story.id}\0{story.key}\0{story.path}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()[:32]


def _settings_dict(settings: SettingsOverride) -> dict:
    return {key: getattr(settings, key) for key in ("threshold", "comparator", "granularity")}


def _read_batch(out_dir: Path) -> dict:
    try:
        data = json.loads((out_dir / BATCH_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def read_batch_settings(out_dir: Path) -> SettingsOverride:
    """The comparison settings the batch in `out_dir` put over each manifest's."""
    stored = _read_batch(out_dir).get("settings") or {}
    return SettingsOverride(
        threshold=stored.get("threshold"),
        comparator=stored.get("comparator"),
        granularity=stored.get("granularity"),
    )


def _read_log(out_dir: Path) -> dict[str, dict]:
    """The last log entry of each story; lines a crash cut short are skipped."""
    entries: dict[str, dict] = {}
    try:
        lines = (out_dir / LOG_FILE).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return entries
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("story"), str):
            entries[entry["story"]] = entry
    return entries


def _compact_log(out_dir: Path, stories: tuple[CorpusStory, ...]) -> None:
    """The log rewritten with one line per current story."""
    logged = _read_log(out_dir)
    lines = [json.dumps(logged[s.id], ensure_ascii=False) + "\n" for s in stories if s.id in logged]
    _write_text(out_dir / LOG_FILE, "".join(lines))


def _write_json(path: Path, data: dict) -> None:
    _write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _write_text(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
