"""The plain-text report: wdiff-style differences wrapped to a width, for email and tickets."""

from __future__ import annotations

from comparators.diff_markup import escape_wdiff
from comparators.reports.describe import (
    DISAGREEMENTS_HEADING,
    LATER_UPDATE,
    LONG_RUNS_HEADING,
    REUSE_CAPTION,
    WARNINGS_HEADING,
    carried_by,
    count,
    date_range,
    disagreement_heading,
    disagreement_value,
    flagged_scope,
    mark_words,
    no_disagreement,
    no_passage,
    note_lines,
    passage_heading,
    passage_word,
    percent,
    reuse_pair,
    statement_label,
    summary_counts,
    version_label,
)
from comparators.reports.walk import Report, Summary
from comparators.reports.wdiff import Word, cells, wdiff_paragraphs, wrap

MIN_WIDTH = 30


def render(report: Report, *, width: int = 80, color: bool = False) -> str:
    """`report` as text wrapped to `width` columns; escape sequences only with `color`."""
    width = max(width, MIN_WIDTH)
    out: list[str] = []

    def fill(text: str, indent: int, hang: int = 0) -> None:
        """`text` wrapped, its lines after the first indented `hang` more."""
        words = [Word(w, cells(w)) for w in text.split()]
        out.extend(wrap(words, width, " " * indent, " " * (indent + hang)))

    def note(text: str, indent: int) -> None:
        """'Note: ' and a review note, each of its lines wrapped on its own under the first."""
        for i, line in enumerate(note_lines(text)):
            words = [Word(w, cells(w)) for w in ("" if i else "Note: ").split() + line.split()]
            out.extend(wrap(words, width, " " * (indent + (6 if i else 0)), " " * (indent + 6)) or [""])

    def section(name: str) -> None:
        if out[-1]:
            out.append("")
        out.extend([name.upper(), "-" * len(name), ""])

    def differences(ops, indent: int) -> None:
        # The article's own "[-" and the like get a backslash: only markers read as markers.
        for i, paragraph in enumerate(wdiff_paragraphs(ops, color=color, escape=escape_wdiff)):
            if i:
                out.append("")
            out.extend(wrap(paragraph, width, " " * indent))

    fill(report.title, 0)
    out.append("=" * min(width, max((cells(line) for line in out), default=0)))  # a blank title: no rule
    fill(
        f"{date_range(report)} · {count(len(report.sources), 'source')} · "
        f"differences shown against {report.outlet(report.pivot)}",
        0,
    )
    if scope := flagged_scope(report):
        fill(scope, 0)

    if report.disagreements is not None:
        section(DISAGREEMENTS_HEADING)
        if not report.disagreements:
            fill(no_disagreement(report), 2)
        for discrepancy in report.disagreements:
            fill(disagreement_heading(discrepancy), 2)
            for value in discrepancy.values:
                where, text = disagreement_value(report, value, discrepancy.later_update)
                fill(f"{where}: {text}", 4, 2)
            if discrepancy.later_update:
                fill(LATER_UPDATE, 4)

    section("Sources")
    if report.warnings:
        fill(WARNINGS_HEADING, 2)
        for warning in report.warnings:
            fill(f"- {warning}", 4, 2)
        out.append("")
    for source in report.sources:
        pivot = " (pivot)" if source.id == report.pivot else ""
        fill(
            f"{source.outlet}{pivot} [{source.id}] · {source.date or 'undated'} · "
            f"{count(source.words, 'word')}",
            2,
        )
        if source.title:
            fill(source.title, 4)
        if source.url:
            fill(source.url, 4)
        if source.removed:
            fill(f"Cleaning removed {count(len(source.removed), 'line')}:", 4)
            for removal in source.removed:
                fill(
                    f"line {removal.line} ({removal.rule}): “{removal.text}” — {removal.reason}",
                    6,
                    2,
                )

    if report.summary is not None:
        section("Summary")
        _summary(report, report.summary, width, fill, out)

    if report.passages is not None:
        section("Aligned passages")
        if not report.passages:
            fill(no_passage(report), 2)
        for passage in report.passages:
            fill(passage_heading(report, passage), 0)
            for version in passage.versions:
                label, ops = version_label(report, passage, version)
                fill(label if ops is None else f"{label}:", 2)
                if ops is not None:
                    differences(ops, 4)
            if words := mark_words(passage.mark):
                fill(f"Review: {words}", 2)
            if passage.mark and passage.mark.note:
                note(passage.mark.note, 2)
            out.append("")

    if report.quotes is not None:
        section("Quotes")
        if not report.quotes:
            fill("No quotes found.", 2)
        for speaker in report.quotes:
            fill(speaker.speaker or "Speaker not named", 2)
            for entry in speaker.quotes:
                if len(entry.wordings) == 1:
                    wording = entry.wordings[0]
                    fill(f"{statement_label(entry)} · {_outlets(report, wording.sources)}", 4)
                    fill(f"“{wording.text}”", 6)
                else:
                    fill(statement_label(entry), 4)
                    for wording in entry.wordings:
                        fill(f"{_outlets(report, wording.sources)}: “{wording.text}”", 6, 2)
            out.append("")

    if report.own is not None:
        section("Only in one outlet")
        for own in report.own:
            if not own.passages:
                fill(f"{report.outlet(own.source)}: no {passage_word(report)} of its own", 2)
                continue
            fill(f"{report.outlet(own.source)} ({count(len(own.passages), passage_word(report))})", 2)
            for passage in own.passages:
                fill(f"{passage.group}: {passage.text}", 4, 2)
            out.append("")

    if report.review is not None:
        section("Review")
        if not report.review:
            fill(no_passage(report, "No passage is marked."), 2)
        for passage in report.review:
            words = mark_words(passage.mark)
            fill(" · ".join(x for x in (passage.group, carried_by(report, passage), words) if x), 2)
            if passage.mark.note:
                note(passage.mark.note, 4)

    while out and not out[-1]:
        out.pop()
    return "\n".join(line.rstrip() for line in out) + "\n"


def _outlets(report: Report, ids) -> str:
    return ", ".join(report.outlet(i) for i in ids)


def _summary(report: Report, summary: Summary, width: int, fill, out: list[str]) -> None:
    total = len(report.sources)
    fill(summary_counts(report, summary), 2)
    if not any(v is not None for row in summary.reuse for v in row):
        out.append("")
        fill("No verbatim reuse measured.", 2)
        return
    labels = [f"{i + 1:>2} {s.outlet}" for i, s in enumerate(report.sources)]
    label_width = max(cells(label) for label in labels)
    if 2 + label_width + 6 * total <= width:
        out.append("")
        fill(
            REUSE_CAPTION,
            2,
        )
        out.append("  " + " " * label_width + "".join(f"{i + 1:>6}" for i in range(total)))
        for label, row in zip(labels, summary.reuse):
            row_cells = "".join(f"{'-' if v is None else percent(v):>6}" for v in row)
            out.append(f"  {label}{' ' * (label_width - cells(label))}{row_cells}")
    else:
        out.append("")
        fill(f"(The reuse matrix of {total} outlets is too wide for {width} columns.)", 2)
    out.append("")
    if not summary.long_runs:
        fill("No pair of outlets shares long verbatim runs.", 2)
        return
    fill(LONG_RUNS_HEADING, 2)
    for pair in summary.long_runs:
        fill(reuse_pair(report, pair), 4, 2)
