"""The JSON export: the whole comparison as one documented, versioned object.

The contract is `comparators/schema.json` (JSON Schema), summarised in the
README's "JSON export" section. `SCHEMA_VERSION` changes only when a field is
removed, renamed or changes meaning; added fields keep the version.

Output is deterministic: same story and settings, same bytes (no timestamps,
scores rounded to 4 places, paths relative to the manifest's folder).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from comparators.collector import cycle_collection_paused
from comparators.diff import remember_word_diff_runs, remembered_word_diff_runs, word_diff_of_runs, word_diff_runs
from comparators.model import Comparison, Group, Source, Story
from comparators.workers import parts_in_background, worth_spreading

# 2: a paragraph may stand in several groups (one per fact).
# 3: quotes name their `group` (listed once in `quote_groups`) instead of every match;
#    by default only groups holding the pivot carry diffs, the pivot's own members none.
SCHEMA_VERSION = 3

DIFFS_PER_CHILD = 1000  # word diffs worth a process of their own
# Word diffs are taken this many at a time: this process, free at last (the rest of the
# export built), takes those no other has started and waits at most for one part.
DIFFS_PER_PART = 64
DIFFS = ("pivot", "all")  # which group members carry a word diff (see `to_json_dict`)


def to_json(comparison: Comparison, diffs: str = "pivot", jobs: int = 1) -> str:
    """`to_json_dict(comparison, diffs)` as indented UTF-8 JSON text ending in a newline.

    Invisible formatting controls (bidi overrides in a file name, say) are written as
    `\\uXXXX` escapes: the data is the same, and a terminal showing it cannot be fooled.
    The bytes are those of `json.dumps(..., ensure_ascii=False, indent=2)`, written by
    orjson: 8-15 times faster on big stories, with less memory."""
    return to_json_bytes(comparison, diffs, jobs).decode()


def to_json_bytes(comparison: Comparison, diffs: str = "pivot", jobs: int = 1) -> bytes:
    """`to_json(comparison, diffs)` encoded as UTF-8, made without the text: a big
    story's export (100 MB at 400 sources) is held once, as bytes, not again as text."""
    import orjson  # loaded when a story is exported, not when the reader starts

    with cycle_collection_paused():
        data = to_json_dict(comparison, diffs, jobs)
    encoded = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    del data
    # Every byte `_MAYBE_INVISIBLE` matches is \x7f or past ASCII, and orjson writes whole
    # UTF-8 sequences: searching those bytes alone (a hundredth of a story) finds the same.
    if _MAYBE_INVISIBLE.search(encoded.translate(None, _ASCII_BELOW_DEL)) is None:
        return encoded
    return _INVISIBLE.sub(_escaped, encoded.decode()).encode()


_INVISIBLE = re.compile(
    r"[\x7f-\x9f\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
    r"\ufff9-\ufffb\U000e0000-\U000e007f]"
)
# The UTF-8 bytes of every character `_INVISIBLE` matches (and of a few neighbours):
# text without them needs no escape, and is never decoded to find out.
_MAYBE_INVISIBLE = re.compile(
    rb"\x7f|\xc2[\x80-\x9f]|\xd8\x9c|\xe1\xa0\x8e|\xe2\x80[\x8b\x8e\x8f\xaa-\xae]|\xe2\x81[\xa0-\xaf]"
    rb"|\xef\xbb\xbf|\xef\xbf[\xb9-\xbb]|\xf3\xa0[\x80\x81]"
)


_ASCII_BELOW_DEL = bytes(range(0x7F))


def _escaped(match: re.Match[str]) -> str:
    # json.dumps with ensure_ascii writes exactly this (a surrogate pair past U+FFFF).
    return json.dumps(match[0])[1:-1]


def to_json_dict(comparison: Comparison, diffs: str = "pivot", jobs: int = 1) -> dict[str, Any]:
    """The comparison as plain dicts and lists, in the shape `schema.json` documents.

    A member's `diff` is its word diff against the group's `reference` source (the
    pivot when it is in the group, else the group's first source): op -1 is text only
    the reference has, 1 text only this member has, 0 both. With `diffs="pivot"` (the
    compact default) only the members of groups holding the pivot carry one, the
    pivot's own members none; with `diffs="all"` every member does, the reference's
    own as `[[0, text]]`. Quotes name their group; `quote_groups` lists each group's
    wordings and the links between them once. Raises ValueError for another `diffs`.

    With `jobs` over 1, a big story's word diffs are computed in `jobs - 1` forked
    processes while this one builds the rest (the same data); those worked out while
    comparing (`diffs_worked_out`) are only spelled out.
    """
    if diffs not in DIFFS:
        raise ValueError(f"diffs must be one of {', '.join(DIFFS)}, not {diffs!r}")
    pairs = [
        pair
        for pair in diffed_pairs(comparison.groups, comparison.pivot, diffs)
        if remembered_word_diff_runs(*pair) is None
    ]
    parts = _in_parts(pairs)
    # Forked before the rest is built, so their diffs are made while it is; this process
    # then takes the parts no other has started.
    with _runs_in_background(parts, _diff_children(pairs, jobs) + 1) as runs_of_parts:
        pending: dict[tuple[str, str], list[dict[str, Any]]] = {}  # texts diffed -> members awaiting that diff
        data = _data(comparison, diffs, pending)
        runs_of_pair = _runs_by_pair(parts, runs_of_parts())
    for (reference, text), members in pending.items():
        runs = runs_of_pair.get((reference, text))
        if runs is None:  # worked out while comparing: `word_diff_runs` reads it back
            runs = word_diff_runs(reference, text)
        ops = word_diff_of_runs(reference, text, runs)
        for member in members:
            member["diff"] = [list(op) for op in ops]
    return data


@contextmanager
def diffs_worked_out(
    groups: tuple[Group, ...], pivot: str | None, diffs: str | None, jobs: int
) -> Iterator[Callable[[], None]]:
    """Start working out the word diffs `to_json_dict(..., diffs)` will want of these
    groups in `jobs - 1` forked processes (a big story only; none when `diffs` is None),
    while this one goes on; the function yielded takes the diffs no process has started
    yet, waits for the others' and remembers their runs (`diff.remember_word_diff_runs`),
    for the export to spell out, or only forgets those of the story before when none
    were worked out. The processes are stopped if the block is left before that (an
    error, Ctrl-C)."""
    pairs = diffed_pairs(groups, pivot, diffs) if diffs is not None and jobs > 1 else []
    children = _diff_children(pairs, jobs)
    if not children:
        yield lambda: remember_word_diff_runs({})
        return
    parts = _in_parts(pairs)
    with _runs_in_background(parts, children + 1) as runs_of_parts:
        yield lambda: remember_word_diff_runs(_runs_by_pair(parts, runs_of_parts()))


def _diff_children(pairs: list[tuple[str, str]], jobs: int) -> int:
    """How many forked processes diff these pairs of texts: none for a small story."""
    return max(1, min(jobs - 1, len(pairs) // DIFFS_PER_CHILD)) if worth_spreading(len(pairs), jobs) else 0


def _runs_by_pair(
    parts: list[list[tuple[str, str]]], runs_of_parts: list[list[tuple[tuple[int, int], ...]]]
) -> dict[tuple[str, str], tuple[tuple[int, int], ...]]:
    """Each pair's word diff runs, from each part's runs (in the part's order)."""
    return {pair: runs for part, of_part in zip(parts, runs_of_parts) for pair, runs in zip(part, of_part, strict=True)}


def _in_parts(pairs: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """The pairs in runs of `DIFFS_PER_PART`, taken one at a time by whichever process is free."""
    return [pairs[start : start + DIFFS_PER_PART] for start in range(0, len(pairs), DIFFS_PER_PART)]


def _runs_in_background(
    parts: list[list[tuple[str, str]]], jobs: int
) -> AbstractContextManager[Callable[[], list[list[tuple[tuple[int, int], ...]]]]]:
    """`parts_in_background` of each part's `word_diff_runs` (compact: counts, not text)."""
    return parts_in_background(lambda part: [word_diff_runs(a, b) for a, b in parts[part]], len(parts), jobs)


def diffed_pairs(groups: tuple[Group, ...], pivot: str | None, diffs: str) -> list[tuple[str, str]]:
    """(reference text, member text) of every member carrying a diff, once each, in export order."""
    pairs: dict[tuple[str, str], None] = {}
    for group in groups:
        reference, reference_text, with_diffs = _reference(group, pivot, diffs)
        if with_diffs:
            pairs.update(((reference_text, m.text), None) for m in group.members if m.source != reference)
    return list(pairs)


def _data(comparison: Comparison, diffs: str, pending: dict[tuple[str, str], list[dict[str, Any]]]) -> dict[str, Any]:
    story = comparison.story
    settings = comparison.settings
    return {
        "schema_version": SCHEMA_VERSION,
        "story": {"title": story.title, "manifest": _path(story, story.manifest)},
        "settings": {
            "threshold": settings.threshold,
            "comparator": settings.comparator,
            "granularity": settings.granularity,
            "pivot": settings.pivot,
        },
        "pivot": comparison.pivot,
        "pivot_reason": comparison.pivot_reason,
        "sources": [_source(story, s) for s in story.sources],
        "groups": [_group(g, comparison.pivot, diffs, pending) for g in comparison.groups],
        "reuse": [
            {"source": r.source, "other": r.other, "verbatim_share": r.verbatim_share}
            for r in comparison.reuse
        ],
        "quotes": [
            {
                "id": q.id,
                "source": q.source,
                "paragraph": q.paragraph,
                "text": q.text,
                "speaker": q.speaker,
                "status": str(q.status),
                "group": q.group,
            }
            for q in comparison.quotes
        ],
        "quote_groups": [
            {
                "id": g.id,
                "wordings": [list(wording) for wording in g.wordings],
                "links": [
                    {"a": link.a, "b": link.b, "kind": link.kind, "similarity": round(link.similarity, 4)}
                    for link in g.links
                ],
            }
            for g in comparison.quote_groups
        ],
        "discrepancies": [
            {
                "id": d.id,
                "kind": d.kind,
                "fact": d.fact,
                "group": d.group,
                "later_update": d.later_update,
                "values": [
                    {"source": v.source, "paragraph": v.paragraph, "text": v.text, "value": v.value, "published": v.published}
                    for v in d.values
                ],
            }
            for d in comparison.discrepancies
        ],
        "warnings": list(story.warnings) + list(comparison.warnings),
    }


def _path(story: Story, path: Path | None) -> str | None:
    if path is None:
        return None
    if story.manifest is not None:
        try:
            return path.resolve().relative_to(story.manifest.resolve().parent).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _source(story: Story, source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "outlet": source.outlet,
        "origin": source.origin,
        "path": _path(story, source.path),
        "title": source.title,
        "date": source.date,
        "url": source.url,
        "author": source.author,
        "fetched": source.fetched,
        "dateline": source.dateline,
        "words": source.words,
        "paragraphs": [{"index": p.index, "text": p.text, "line": p.line} for p in source.paragraphs],
        "removed": [
            {"text": r.text, "reason": r.reason, "rule": r.rule, "line": r.line} for r in source.removed
        ],
    }


def reference_source(group: Group, pivot: str | None) -> str:
    """The source whose text a group's diffs are taken against."""
    return pivot if pivot in group.sources else group.sources[0]


def _reference(group: Group, pivot: str | None, diffs: str) -> tuple[str, str, bool]:
    """A group's reference source, its text, and whether the other members carry diffs."""
    reference = reference_source(group, pivot)
    return reference, group.text_of(reference), diffs == "all" or reference == pivot


def _group(
    group: Group, pivot: str | None, diffs: str, pending: dict[tuple[str, str], list[dict[str, Any]]]
) -> dict[str, Any]:
    """A group's dict; each member's diff is left None (in its place among the keys)
    and the member listed in `pending` under the texts diffed, filled in later."""
    reference, reference_text, with_diffs = _reference(group, pivot, diffs)
    members = []
    for m in group.members:
        member: dict[str, Any] = {"source": m.source, "paragraph": m.paragraph, "text": m.text}
        if m.source != reference and with_diffs:
            member["diff"] = None
            pending.setdefault((reference_text, m.text), []).append(member)
        elif diffs == "all":
            member["diff"] = [[0, m.text]]
        if m.sentence is not None:
            member["sentence"] = m.sentence
        if m.focus:
            member["focus"] = list(m.focus)
        members.append(member)
    return {
        "id": group.id,
        "kind": str(group.kind),
        "rewording": str(group.rewording) if group.rewording else None,
        "reference": reference,
        "members": members,
        "scores": dict(group.scores),
        "links": [
            {
                "a": {"source": link.a[0], "paragraph": link.a[1]},
                "b": {"source": link.b[0], "paragraph": link.b[1]},
                "score": link.score,
                "wording": link.wording,
                "evidence": list(link.evidence),
            }
            for link in group.links
        ],
    }
