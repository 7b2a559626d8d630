"""One corpus story compared, and the rows it adds to the corpus tables.

`compare_story` is the task a batch runs for every story, on a Dask worker or
in a plain loop: it loads and compares the story exactly as `synopsis export`
does and returns the export JSON (gzip-compressed) with the story's table rows.
It never raises: a story that fails comes back with its error.

`story_rows` flattens an export dict into rows, reading it defensively: fields
a newer export adds are ignored.
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from comparators.pipeline import compare
from comparators.corpus_input import CorpusStory
from comparators.errors import StoryError
from comparators.export import to_json
from comparators.loading import load_story
from comparators.model import SettingsOverride

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class StoryResult:
    """What comparing one corpus story gave: the export and rows, or the error."""

    story: CorpusStory
    error: str | None = None  # one line; None when the story was compared
    export_gz: bytes = b""  # `to_json(comparison)`, gzip-compressed
    rows: dict[str, list[Row]] = field(default_factory=dict)  # table name -> rows
    seconds: float = 0.0
    peak_memory_mb: float = 0.0  # of the process that compared it, so far
    process: int = 0  # that process's id: one per Dask worker

    @property
    def ok(self) -> bool:
        return self.error is None


def compare_story(story: CorpusStory, settings: SettingsOverride | None = None) -> StoryResult:
    """Load, compare and export one story as `synopsis export STORY` would.

    Returns a `StoryResult` holding the gzip-compressed export JSON and the
    story's table rows, or the error as one line (never raises)."""
    start = time.perf_counter()
    try:
        text = to_json(compare(load_story([story.path]), settings))
        export_gz = gzip.compress(text.encode("utf-8"), mtime=0)
        rows = story_rows(story.id, json.loads(text))
        error = None
    except StoryError as problem:
        export_gz, rows, error = b"", {}, str(problem)
    except Exception as problem:  # a bug or a worker's trouble: recorded, the run goes on
        export_gz, rows, error = b"", {}, f"{type(problem).__name__}: {problem}"
    error = " ".join(error.splitlines()) if error else None
    return StoryResult(
        story=story,
        error=error,
        export_gz=export_gz,
        rows=rows,
        seconds=time.perf_counter() - start,
        peak_memory_mb=peak_memory_mb(),
        process=os.getpid(),
    )


# Runs `compare_story` over stories, yielding results in completion order.
Engine = Callable[[Sequence[CorpusStory], SettingsOverride | None], Iterator[StoryResult]]


def sequential(stories: Sequence[CorpusStory], settings: SettingsOverride | None) -> Iterator[StoryResult]:
    """The plain engine: each story compared in turn in this process."""
    for story in stories:
        yield compare_story(story, settings)


def peak_memory_mb() -> float:
    """The peak resident memory of this process so far, in MB.

    Linux's VmHWM when there is one: `ru_maxrss` survives exec, so a worker
    process spawned by a big parent would report the parent's peak."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # macOS counts bytes


def read_export(export_gz: bytes) -> dict[str, Any]:
    """A stored story's export dict from its gzip-compressed JSON."""
    return json.loads(gzip.decompress(export_gz))


# ---------------------------------------------------------------- rows


def story_rows(story_id: str, export: dict[str, Any]) -> dict[str, list[Row]]:
    """The rows one story's export dict adds to each corpus table.

    Tables: `sources`, `groups` (members nested), `quotes`, `reuse` and
    `discrepancies` (one row per outlet's value); `stories` gets one summary row.
    Every row starts with the story's id."""
    sources = [s for s in export.get("sources", []) if isinstance(s, dict)]
    outlets = {s.get("id"): s.get("outlet") for s in sources}
    groups = export.get("groups", [])
    quotes = export.get("quotes", [])
    matched = _matched_sources(quotes, export.get("quote_groups") or [])
    rows: dict[str, list[Row]] = {
        "sources": [_source_row(story_id, s) for s in sources],
        "groups": [_group_row(story_id, i, g) for i, g in enumerate(groups)],
        "quotes": [_quote_row(story_id, q, outlets, matched) for q in quotes],
        "reuse": _reuse_rows(story_id, export.get("reuse", []), sources),
    }
    discrepancies = [d for d in export.get("discrepancies") or [] if isinstance(d, dict)]
    rows["discrepancies"] = [_value_row(story_id, d, v, outlets) for d in discrepancies for v in d.get("values") or []]
    kinds = [g.get("kind") for g in groups]
    statuses = [q.get("status") for q in quotes]
    rows["stories"] = [
        {
            "story": story_id,
            "title": (export.get("story") or {}).get("title"),
            "sources": len(sources),
            "groups": len(groups),
            "shared_groups": kinds.count("shared"),
            "unique_passages": kinds.count("unique"),
            "quotes": len(quotes),
            "variant_quotes": statuses.count("variant"),
            "unique_quotes": statuses.count("unique"),
            "discrepancies": len(discrepancies),
        }
    ]
    return rows


def _source_row(story_id: str, source: dict[str, Any]) -> Row:
    return {
        "story": story_id,
        "source": source.get("id"),
        "outlet": source.get("outlet"),
        "title": source.get("title"),
        "date": source.get("date"),
        "url": source.get("url"),
        "path": source.get("path"),
        "dateline": source.get("dateline"),
        "words": source.get("words"),
        "paragraphs": len(source.get("paragraphs") or []),
        "removed": len(source.get("removed") or []),
    }


def _group_row(story_id: str, position: int, group: dict[str, Any]) -> Row:
    members = group.get("members") or []
    scores = group.get("scores") or {}
    sources = list(dict.fromkeys(m.get("source") for m in members))
    return {
        "story": story_id,
        "group": group.get("id"),
        "position": position,
        "kind": group.get("kind"),
        "rewording": group.get("rewording"),
        "reference": group.get("reference"),
        "outlets": len(sources),
        "sources": sources,
        "cohesion": _number(scores.get("cohesion")),
        "min_link": _number(scores.get("min_link")),
        "wording": _number(scores.get("wording")),
        "members": [{key: m.get(key) for key in ("source", "paragraph", "sentence", "text")} for m in members],
    }


def _matched_sources(quotes: list[dict[str, Any]], quote_groups: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Each quote id -> the other sources carrying its statement, shared words first,
    then by similarity, from the export's `quote_groups` (a wording's links hold for
    every copy of it)."""
    source_of = {q.get("id"): q.get("source") for q in quotes}
    matched: dict[str, list[str]] = {}
    for group in quote_groups:
        wordings = group.get("wordings") or []
        linked: dict[int, list[tuple[bool, float, str]]] = {}
        for link in group.get("links") or []:
            a, b = link.get("a"), link.get("b")
            rank = (link.get("kind") != "shared", -(link.get("similarity") or 0.0))
            linked.setdefault(a, []).extend((*rank, q) for q in wordings[b])
            if a != b:
                linked.setdefault(b, []).extend((*rank, q) for q in wordings[a])
        for index, wording in enumerate(wordings):
            others = sorted(linked.get(index, []))
            for quote in wording:
                own = source_of.get(quote)
                sources = (source_of.get(other) for *_, other in others)
                matched[quote] = list(dict.fromkeys(s for s in sources if s != own))
    return matched


def _quote_row(story_id: str, quote: dict[str, Any], outlets: dict[str, str], matched_sources: dict[str, list[str]]) -> Row:
    matched = matched_sources.get(quote.get("id"), [])
    carried_by = set(matched) | {quote.get("source")}
    return {
        "story": story_id,
        "quote": quote.get("id"),
        "source": quote.get("source"),
        "outlet": outlets.get(quote.get("source")),
        "paragraph": quote.get("paragraph"),
        "speaker": quote.get("speaker"),
        "text": quote.get("text"),
        "status": quote.get("status"),
        "matched_sources": matched,
        "outlets": len(carried_by),
    }


def _reuse_rows(story_id: str, reuse: list[dict[str, Any]], sources: list[dict[str, Any]]) -> list[Row]:
    by_id = {s.get("id"): s for s in sources}
    rows = []
    for item in reuse:
        source = by_id.get(item.get("source"), {})
        other = by_id.get(item.get("other"), {})
        share = _number(item.get("verbatim_share")) or 0.0
        words = source.get("words") or 0
        rows.append(
            {
                "story": story_id,
                "source": item.get("source"),
                "outlet": source.get("outlet"),
                "other": item.get("other"),
                "other_outlet": other.get("outlet"),
                "words": words,
                "verbatim_share": share,
                "verbatim_words": round(share * words),
            }
        )
    return rows


def _value_row(story_id: str, discrepancy: dict[str, Any], value: dict[str, Any], outlets: dict[str, str]) -> Row:
    return {
        "story": story_id,
        "discrepancy": discrepancy.get("id"),
        "kind": discrepancy.get("kind"),
        "fact": discrepancy.get("fact"),
        "group": discrepancy.get("group"),
        "later_update": discrepancy.get("later_update"),
        "source": value.get("source"),
        "outlet": outlets.get(value.get("source")),
        "paragraph": value.get("paragraph"),
        "text": value.get("text"),
        "value": None if value.get("value") is None else str(value.get("value")),
        "published": value.get("published"),
    }


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def outlet_reuse(reuse_rows: Iterable[Row]) -> list[Row]:
    """Who copies whom over the whole corpus: one row per (outlet, other outlet).

    From `reuse` rows: the stories both outlets cover, the outlet's words in
    them, how many of those stand in long runs found verbatim in the other's
    text, their share, and the highest share in one story. Sorted by verbatim
    words, most first."""
    totals: dict[tuple[str, str], Row] = {}
    for row in reuse_rows:
        pair = (row["outlet"], row["other_outlet"])
        total = totals.setdefault(
            pair,
            {"outlet": pair[0], "other_outlet": pair[1], "stories": set(), "words": 0,
             "verbatim_words": 0, "max_share": 0.0},
        )
        total["stories"].add(row["story"])
        total["words"] += row["words"]
        total["verbatim_words"] += row["verbatim_words"]
        total["max_share"] = max(total["max_share"], row["verbatim_share"])
    result = []
    for total in totals.values():
        words = total["words"]
        share = round(total["verbatim_words"] / words, 4) if words else 0.0
        result.append({**total, "stories": len(total["stories"]), "verbatim_share": share})
    result.sort(key=lambda r: (-r["verbatim_words"], str(r["outlet"]), str(r["other_outlet"])))
    return result
