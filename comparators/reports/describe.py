"""Short phrases every report format words the same way."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from comparators.model import GroupKind, Mark
from comparators.quote_status import status_label
from comparators.reports.walk import Ops, Passage, QuoteEntry, Report, ReusePair, Summary, Version

if TYPE_CHECKING:
    from comparators.discrepancies import Discrepancy, DiscrepancyValue

LONG_RUNS_HEADING = "Pairs sharing long verbatim runs (share of each outlet's words in them):"
REUSE_CAPTION = (
    "Verbatim reuse: share of each row outlet's words standing in long verbatim runs "
    "of the column outlet."
)


def date_range(report: Report) -> str:
    if report.dates is None:
        return "undated"
    first, last = report.dates
    return first if first == last else f"{first} to {last}"


def all_outlets(total: int) -> str:
    """'all 5 outlets'; for a small story 'both outlets' or 'the one outlet'."""
    return "the one outlet" if total == 1 else "both outlets" if total == 2 else f"all {total} outlets"


def carried_by(report: Report, passage: Passage) -> str:
    total = len(report.sources)
    if passage.kind == GroupKind.UNIQUE:
        return f"only {report.outlet(passage.reference)}"
    if passage.kind == GroupKind.SHARED:
        return all_outlets(total)
    return f"{len(passage.sources)} of {total} outlets"


def passage_heading(report: Report, passage: Passage) -> str:
    parts = [passage.group, carried_by(report, passage)]
    if passage.rewording is not None:
        parts.append(str(passage.rewording))
    elif passage.kind != GroupKind.UNIQUE and passage.identical:
        parts.append("identical")
    return " · ".join(parts)


def version_label(
    report: Report, passage: Passage, version: Version, name: Callable[[str], str] = str
) -> tuple[str, Ops | None]:
    """The heading of one outlet's version and the ops to show under it.

    None for the ops when its words are the reference's: the label says so instead.
    A version reworded throughout is shown in its own words, without markers.
    """
    outlet = name(report.outlet(version.source))
    if version.source == report.pivot:
        outlet += " (pivot)"
    if version.source != passage.reference and version.same:
        return f"{outlet}: same words as {name(report.outlet(passage.reference))}", None
    if version.rewritten:
        return f"{outlet}, in its own words", ((0, version.text),)
    return outlet, version.ops


def statement_label(entry: QuoteEntry) -> str:
    """A statement's status as the reader names it, with its number of wordings when several:
    '✱ only here', 'shared', 'worded differently (2 wordings)'."""
    label = status_label(entry.status)
    return label if len(entry.wordings) == 1 else f"{label} ({len(entry.wordings)} wordings)"


def mark_words(mark: Mark | None) -> str:
    """'flagged, reviewed' and the like; '' when nothing is marked."""
    if mark is None:
        return ""
    return ", ".join(word for word, on in (("flagged", mark.flagged), ("reviewed", mark.reviewed)) if on)


def note_lines(note: str) -> list[str]:
    """A review note's lines as its writer broke them (blank lines between kept as '',
    those around it dropped), each line's spacing collapsed."""
    lines = [" ".join(line.split()) for line in note.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return lines


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def count(n: int, thing: str, things: str | None = None) -> str:
    """'1 quote', '2 quotes'; `things` for a plural not made with an s ('stories')."""
    return f"{n} {thing}" if n == 1 else f"{n} {things or thing + 's'}"


def reuse_pair(report: Report, pair: ReusePair, name: Callable[[str], str] = str) -> str:
    """'The Herald and AP: 45% of The Herald's words, 31% of AP's'; `name` dresses outlets."""
    a, b = name(report.outlet(pair.source)), name(report.outlet(pair.other))
    back = f", {percent(pair.back)} of {b}'s" if pair.back is not None else ""
    return f"{a} and {b}: {percent(pair.share)} of {a}'s words{back}"


def summary_counts(report: Report, summary: Summary) -> str:
    """'62 passages: 4 in all 5 outlets, 23 in some, 35 in only one.'; with two outlets
    'in both outlets' and no 'some' (a passage is in one or both); with one outlet,
    '32 passages in the one outlet.'"""
    total = len(report.sources)
    passages = count(summary.passages, "passage")
    if total == 1:
        return f"{passages} in the one outlet."
    parts = [f"{summary.shared_by_all} in {all_outlets(total)}"]
    if total > 2:
        parts.append(f"{summary.shared_by_some} in some")
    parts.append(f"{summary.only_one} in only one")
    return f"{passages}: {', '.join(parts)}."


def flagged_scope(report: Report) -> str | None:
    """What a flagged-only report holds, said under its title ('Flagged passages only:
    2 of the story's 62 passages are flagged; the summary and the quotes cover the whole
    story.'); None for a report of every passage."""
    if report.flagged is None:
        return None
    flagged, total = report.flagged
    passages = f"the story's {count(total, 'passage')}"
    said = (
        f"none of {passages} is flagged"
        if flagged == 0
        else f"{flagged} of {passages} {'is' if flagged == 1 else 'are'} flagged"
    )
    sections = (("the summary", report.summary), ("the quotes", report.quotes))
    whole = [name for name, section in sections if section is not None]
    if whole:
        said += f"; {' and '.join(whole)} cover{'s' * (len(whole) == 1)} the whole story"
    return f"Flagged passages only: {said}."


def passage_word(report: Report) -> str:
    """'passage', or 'flagged passage' in a flagged-only report: what a count there counts."""
    return "passage" if report.flagged is None else "flagged passage"


def no_passage(report: Report, otherwise: str = "No passages to show.") -> str:
    """What an empty list of passages says: `otherwise`, unless nothing was flagged."""
    nothing_flagged = report.flagged is not None and report.flagged[0] == 0
    return "No passage is flagged." if nothing_flagged else otherwise


WARNINGS_HEADING = "Warnings from reading the story:"
DISAGREEMENTS_HEADING = "Where outlets disagree"
NO_DISAGREEMENT = "No figure, name, date or time differs between outlets."


def no_disagreement(report: Report) -> str:
    """NO_DISAGREEMENT, narrowed to the flagged passages when the report keeps only those."""
    if report.flagged is None:
        return NO_DISAGREEMENT
    return NO_DISAGREEMENT[:-1] + " in the flagged passages."


LATER_UPDATE = "The figure grows with the outlets' publication dates: probably a later update."


def disagreement_heading(discrepancy: Discrepancy) -> str:
    """'d5 · number · distance · in g55'."""
    where = f" · in {discrepancy.group}" if discrepancy.group else ""
    return f"{discrepancy.id} · {discrepancy.kind} · {discrepancy.fact}{where}"


def disagreement_value(report: Report, value: DiscrepancyValue, dated: bool) -> tuple[str, str]:
    """('AP ¶29', 'some 50 kilometers (30 miles)'): where, then the value as written.

    `dated` adds the outlet's publication date, for a figure that grew over time.
    """
    where = f"{report.outlet(value.source)} ¶{value.paragraph + 1}"
    if dated and value.published:
        where += f", {value.published}"
    return where, value.text
