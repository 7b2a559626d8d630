"""Short phrases every report format words the same way."""

from __future__ import annotations

from collections.abc import Callable

from comparators.model import GroupKind, Mark
from comparators.reports.walk import Passage, Report, ReusePair

LONG_RUNS_HEADING = "Pairs sharing long verbatim runs (share of each outlet's words in them):"


def date_range(report: Report) -> str:
    if report.dates is None:
        return "undated"
    first, last = report.dates
    return first if first == last else f"{first} to {last}"


def carried_by(report: Report, passage: Passage) -> str:
    total = len(report.sources)
    if passage.kind == GroupKind.UNIQUE:
        return f"only {report.outlet(passage.reference)}"
    if passage.kind == GroupKind.SHARED:
        return "both outlets" if total == 2 else f"all {total} outlets"
    return f"{len(passage.sources)} of {total} outlets"


def passage_heading(report: Report, passage: Passage) -> str:
    parts = [passage.group, carried_by(report, passage)]
    if passage.rewording is not None:
        parts.append(str(passage.rewording))
    elif passage.kind != GroupKind.UNIQUE and passage.identical:
        parts.append("identical")
    return " · ".join(parts)


def mark_words(mark: Mark | None) -> str:
    """'flagged, reviewed' and the like; '' when nothing is marked."""
    if mark is None:
        return ""
    return ", ".join(word for word, on in (("flagged", mark.flagged), ("reviewed", mark.reviewed)) if on)


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def count(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


def reuse_pair(report: Report, pair: ReusePair, name: Callable[[str], str] = str) -> str:
    """'The Herald and AP: 45% of The Herald's words, 31% of AP's'; `name` dresses outlets."""
    a, b = name(report.outlet(pair.source)), name(report.outlet(pair.other))
    back = f", {percent(pair.back)} of {b}'s" if pair.back is not None else ""
    return f"{a} and {b}: {percent(pair.share)} of {a}'s words{back}"
