"""A fact-checker's marks on a story, keyed by the text they concern.

Group ids (g1, g2, ...) change with the pivot and the threshold, so a review keys
each mark by a hash of its group's passages instead, and keeps one hash per passage:
a mark whose exact group is gone after a re-alignment moves to the group that now
holds most of its passages, or stays in the review as an orphan. Nothing here reads
or writes files (see `review_store`).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import lru_cache

from comparators.model import Group, Mark, Story

HASH_CHARS = 16  # 64 bits: collisions are negligible among one story's passages
EXCERPT_CHARS = 80
NO_MARK = Mark()


@dataclass(frozen=True, slots=True)
class Passage:
    """One member of a marked group, as remembered: its source and its text's hash."""

    source: str
    text_hash: str


@dataclass(frozen=True, slots=True)
class Entry:
    """A stored mark with what it needs to find its group again."""

    mark: Mark
    passages: tuple[Passage, ...]
    excerpt: str = ""  # the group's opening words, so an orphan can be recognised


@dataclass(frozen=True, slots=True)
class Review:
    """Everything a review file holds; mappings are never mutated, only replaced."""

    entries: Mapping[str, Entry] = field(default_factory=dict)  # group key -> entry
    sources: Mapping[str, str] = field(default_factory=dict)  # source id -> content hash
    position: str | None = None  # group key of the last group the reader showed


@dataclass(frozen=True, slots=True)
class Orphan:
    """A stored mark no group of the current comparison contains."""

    key: str
    entry: Entry


@dataclass(frozen=True, slots=True)
class Attachment:
    """A review laid over one comparison's groups."""

    keys: Mapping[str, str]  # group id -> group key, every group
    marks: Mapping[str, Mark]  # group id -> mark, only marked groups
    origins: Mapping[str, tuple[str, ...]]  # group id -> keys of the entries shown on it
    orphans: tuple[Orphan, ...]
    position: str | None  # group id of the review's last position, if it still exists

    def mark(self, group_id: str) -> Mark:
        return self.marks.get(group_id, NO_MARK)

    @property
    def reviewed(self) -> int:
        return sum(m.reviewed for m in self.marks.values())

    @property
    def flagged(self) -> int:
        return sum(m.flagged for m in self.marks.values())

    @property
    def progress(self) -> str:
        """The header's summary, e.g. '23/61 reviewed, 4 flagged'."""
        return f"{self.reviewed}/{len(self.keys)} reviewed, {self.flagged} flagged"


class ChangeKind(StrEnum):
    CHANGED = "changed"
    ADDED = "added"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class SourceChange:
    source: str
    outlet: str
    kind: ChangeKind

    def __str__(self) -> str:
        what = {
            ChangeKind.CHANGED: "has changed since the review was saved",
            ChangeKind.ADDED: "was not part of the story when the review was saved",
            ChangeKind.MISSING: "is no longer part of the story",
        }[self.kind]
        return f"{self.outlet} ({self.source}) {what}"


# ---------------------------------------------------------------- keys


@lru_cache(maxsize=1 << 16)  # the reader indexes the groups again at each pivot change
def passage_hash(text: str) -> str:
    """A short hash of a passage's text that ignores case and spacing."""
    normal = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:HASH_CHARS]


def group_key(group: Group) -> str:
    """The group's key: a hash of its passages' hashes, in any order or pivot."""
    hashes = sorted(passage_hash(m.text) for m in group.members)
    return hashlib.sha256("\n".join(hashes).encode("ascii")).hexdigest()[:HASH_CHARS]


def group_keys(groups: Sequence[Group]) -> dict[str, str]:
    """Group id -> key for a whole comparison.

    Groups with the same text (a line a source repeats) get '#2', '#3', ... in the
    order of their first (source, paragraph), which does not depend on the pivot.
    """
    keys: dict[str, str] = {}
    seen: Counter[str] = Counter()
    for group in sorted(groups, key=lambda g: min((m.source, m.paragraph) for m in g.members)):
        key = group_key(group)
        seen[key] += 1
        keys[group.id] = key if seen[key] == 1 else f"{key}#{seen[key]}"
    return keys


# ---------------------------------------------------------------- attaching


@dataclass(frozen=True, slots=True)
class GroupIndex:
    """What laying marks over a comparison needs, built once per comparison (or
    pivot) so each change of a mark costs only the marks."""

    groups: tuple[Group, ...]  # in reading order
    keys: Mapping[str, str]  # group id -> key
    group_of_key: Mapping[str, str]
    # passage hash -> keys of the groups holding it: keys, not ids, so a renumbering
    # (a pivot change) keeps this, the index's biggest part, as it is
    keys_of_passage: Mapping[str, tuple[str, ...]]
    order: Mapping[str, int]  # group id -> reading position

    @classmethod
    def of(cls, groups: Sequence[Group]) -> GroupIndex:
        keys = group_keys(groups)
        keys_of_passage: dict[str, list[str]] = {}
        for group in groups:
            key = keys[group.id]
            for member in group.members:
                keys_of_passage.setdefault(passage_hash(member.text), []).append(key)
        return cls(
            groups=tuple(groups),
            keys=keys,
            group_of_key={key: gid for gid, key in keys.items()},
            keys_of_passage={h: tuple(ks) for h, ks in keys_of_passage.items()},
            order={group.id: i for i, group in enumerate(groups)},
        )


def attach(review: Review, index: GroupIndex) -> Attachment:
    """Lay `review` over the indexed groups.

    Each entry goes to the group with its exact key, else to the group holding most
    of its passages (the earliest on a tie), else it is an orphan. When several
    entries land on one group their marks merge (see `merge_marks`).
    """
    landed: dict[str, list[str]] = {}
    orphans: list[Orphan] = []
    for key, entry in review.entries.items():
        gid = index.group_of_key.get(key) or _best_group(entry, index)
        if gid is None:
            orphans.append(Orphan(key, entry))
        else:
            landed.setdefault(gid, []).append(key)

    origins: dict[str, tuple[str, ...]] = {}
    marks: dict[str, Mark] = {}
    for gid in sorted(landed, key=index.order.__getitem__):
        group = index.groups[index.order[gid]]
        entry_keys = _exact_then_in_text_order(landed[gid], group, index.keys[gid], review)
        origins[gid] = entry_keys
        mark = merge_marks(review.entries[k].mark for k in entry_keys)
        if mark != NO_MARK:
            marks[gid] = mark
    return Attachment(
        keys=index.keys,
        marks=marks,
        origins=origins,
        orphans=tuple(orphans),
        position=index.group_of_key.get(review.position) if review.position else None,
    )


def _exact_then_in_text_order(
    entry_keys: list[str], group: Group, exact: str, review: Review
) -> tuple[str, ...]:
    """Entries landed on one group: the exact one first, then by where their
    passages start in the group, so merged notes read in the text's order."""
    where: dict[str, int] = {}
    for i, member in enumerate(group.members):
        where.setdefault(passage_hash(member.text), i)

    def rank(key: str) -> tuple[bool, int, str]:
        starts = [where[p.text_hash] for p in review.entries[key].passages if p.text_hash in where]
        return (key != exact, min(starts, default=len(where)), key)

    return tuple(sorted(entry_keys, key=rank))


def _best_group(entry: Entry, index: GroupIndex) -> str | None:
    overlap: Counter[str] = Counter()
    for passage in entry.passages:
        # A group holding the same text twice counts once per stored passage.
        for key in dict.fromkeys(index.keys_of_passage.get(passage.text_hash, ())):
            overlap[index.group_of_key[key]] += 1
    if not overlap:
        return None
    return min(overlap, key=lambda gid: (-overlap[gid], index.order[gid]))


def merge_marks(marks: Iterable[Mark]) -> Mark:
    """One mark for a group that now holds passages marked separately.

    Flagged if any part was flagged; reviewed only if every part was, because a
    merged group is checked only once all of it is; notes are kept, joined.
    """
    marks = list(marks)
    if len(marks) == 1:
        return marks[0]
    notes = dict.fromkeys(m.note for m in marks if m.note)
    return Mark(
        reviewed=bool(marks) and all(m.reviewed for m in marks),
        flagged=any(m.flagged for m in marks),
        note="\n\n".join(notes),
    )


def orphans_in_words(orphans: Sequence[Orphan]) -> str:
    """'1 mark with a note', '3 marks, 2 with notes', '2 marks': the marks of a review
    no passage matches now (their text was edited or is gone), as the user is told."""
    marks = len(orphans)
    notes = sum(1 for orphan in orphans if orphan.entry.mark.note)
    what = f"{marks} mark{'' if marks == 1 else 's'}"
    with_notes = "with a note" if notes == 1 else "with notes"
    if notes == marks:
        return f"{what} {with_notes}"
    return f"{what}, {notes} {with_notes}" if notes else what


# ---------------------------------------------------------------- changes


def with_mark(review: Review, attachment: Attachment, group: Group, mark: Mark) -> Review:
    """The review once the reader set `mark` on `group`.

    The entries shown on the group are replaced by one entry under its current key
    (none when the mark is empty); orphans and other groups' entries stay.
    """
    replaced = set(attachment.origins.get(group.id, ()))
    entries = {k: e for k, e in review.entries.items() if k not in replaced}
    if mark != NO_MARK:
        entries[attachment.keys[group.id]] = entry_for(group, mark)
    return replace(review, entries=entries)


def entry_for(group: Group, mark: Mark) -> Entry:
    passages = tuple(Passage(m.source, passage_hash(m.text)) for m in group.members)
    opening = " ".join(group.members[0].text.split())
    excerpt = opening if len(opening) <= EXCERPT_CHARS else opening[: EXCERPT_CHARS - 1] + "…"
    return Entry(mark, passages, excerpt)


def with_position(review: Review, attachment: Attachment, group_id: str | None) -> Review:
    key = attachment.keys.get(group_id) if group_id else None
    return replace(review, position=key)


def with_sources(review: Review, story: Story) -> Review:
    """The review recording the story's current content hashes (done at each save)."""
    return replace(review, sources={s.id: s.content_hash for s in story.sources})


def source_changes(review: Review, story: Story) -> tuple[SourceChange, ...]:
    """Sources whose content differs from what the review recorded (none for a new review)."""
    if not review.sources:
        return ()
    changes = []
    for source in story.sources:
        recorded = review.sources.get(source.id)
        if recorded is None:
            changes.append(SourceChange(source.id, source.outlet, ChangeKind.ADDED))
        elif recorded != source.content_hash:
            changes.append(SourceChange(source.id, source.outlet, ChangeKind.CHANGED))
    present = {s.id for s in story.sources}
    for source_id in review.sources:
        if source_id not in present:
            changes.append(SourceChange(source_id, source_id, ChangeKind.MISSING))
    return tuple(changes)


# ---------------------------------------------------------------- navigation


def next_group(
    groups: Sequence[Group], after: str | None, wanted: Callable[[str], bool]
) -> str | None:
    """The first group id after `after` (wrapping round) for which `wanted(id)` holds."""
    ids = [g.id for g in groups]
    start = ids.index(after) + 1 if after in ids else 0
    for gid in ids[start:] + ids[:start]:
        if wanted(gid):
            return gid
    return None

