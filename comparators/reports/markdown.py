"""The Markdown report: the text report's content in a layout that reads well rendered.

Word differences are written `~~removed~~` / `**added**` (`diff_markup.MARKDOWN`), which
GitHub and document tools render; a one-line legend under the title says so."""

from __future__ import annotations

import re

from comparators.diff_markup import MARKDOWN
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
from comparators.reports.walk import Passage, Report, Summary
from comparators.reports.wdiff import wdiff_paragraphs

# Article text is escaped so that no character in it becomes markup (emphasis, links,
# raw HTML, table cells); CommonMark lets any ASCII punctuation be backslash-escaped.
_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|~&!])")
_PLAIN_URL = re.compile(r"https?://[^\s<>`|]+")
_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=])")


def escape(text: str) -> str:
    """`text` shown literally by a Markdown renderer, on one line."""
    text = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


def note(text: str, indent: str = "") -> str:
    """A review note, escaped, keeping its line breaks: a hard break (a trailing
    backslash) between lines, a blank line between paragraphs; lines after the first
    start with `indent`, so a list item holds them."""
    lines = [escape(line) for line in note_lines(text)]
    out = lines[0] if lines else ""
    for before, line in zip(lines, lines[1:]):
        if line:
            out += ("\\\n" if before else "\n") + indent + line
        else:
            out += "\n"
    return out


def link(url: str) -> str:
    """A web address as an autolink when it is a plain one, else as escaped text."""
    return f"<{url}>" if _PLAIN_URL.fullmatch(url) else escape(url)


def render(report: Report, *, color: bool = False) -> str:
    """`report` as Markdown; escape sequences only with `color`."""
    out: list[str] = [f"# {escape(report.title)}", ""]
    out += [
        f"{date_range(report)} · {count(len(report.sources), 'source')} · "
        f"differences shown against **{escape(report.outlet(report.pivot))}**",
    ]
    if scope := flagged_scope(report):
        out += ["", scope]
    if report.passages:
        out += ["", MARKDOWN.legend]
    if report.disagreements is not None:
        out += ["", f"## {DISAGREEMENTS_HEADING}", ""]
        if not report.disagreements:
            out.append(no_disagreement(report))
        for discrepancy in report.disagreements:
            out.append(f"- {escape(disagreement_heading(discrepancy))}")
            for value in discrepancy.values:
                where, text = disagreement_value(report, value, discrepancy.later_update)
                out.append(f"  - **{escape(where)}**: “{escape(text)}”")
            if discrepancy.later_update:
                out.append(f"  - {escape(LATER_UPDATE)}")
    out += [
        "",
        "## Sources",
        "",
    ]
    if report.warnings:
        out += [f"**{WARNINGS_HEADING}**", "", *(f"- {escape(w)}" for w in report.warnings), ""]
    out += [
        "| Outlet | Id | Date | Words | Title | URL |",
        "| --- | --- | --- | ---: | --- | --- |",
    ]
    for s in report.sources:
        pivot = " (pivot)" if s.id == report.pivot else ""
        out.append(
            f"| {escape(s.outlet)}{pivot} | {escape(s.id)} | {escape(s.date or '')} | {s.words} "
            f"| {escape(s.title or '')} | {link(s.url) if s.url else ''} |"
        )
    removed = [(s, r) for s in report.sources for r in s.removed]
    if removed:
        out += ["", "Removed by cleaning:", ""]
        out += [
            f"- **{escape(s.outlet)}**, line {r.line} ({escape(r.rule)}): “{escape(r.text)}” "
            f"— {escape(r.reason)}"
            for s, r in removed
        ]

    if report.summary is not None:
        out += ["", "## Summary", ""]
        _summary(report, report.summary, out)

    if report.passages is not None:
        out += ["", "## Aligned passages"]
        if not report.passages:
            out += ["", no_passage(report)]
        for passage in report.passages:
            out += ["", f"### {escape(passage_heading(report, passage))}"]
            for version in passage.versions:
                label, ops = version_label(report, passage, version, lambda n: f"**{escape(n)}**")
                out += ["", label]
                if ops is not None:
                    paragraphs = wdiff_paragraphs(ops, MARKDOWN, color=color, escape=escape)
                    out += ["", "\n>\n".join(f"> {' '.join(w.text for w in p)}" for p in paragraphs)]
            _mark(passage, out)

    if report.quotes is not None:
        out += ["", "## Quotes"]
        if not report.quotes:
            out += ["", "No quotes found."]
        for speaker in report.quotes:
            name = escape(speaker.speaker) if speaker.speaker else "Speaker not named"
            out += ["", f"### {name}", ""]
            for entry in speaker.quotes:
                if len(entry.wordings) == 1:
                    wording = entry.wordings[0]
                    out.append(
                        f"- **{statement_label(entry)}** · {_outlets(report, wording.sources)}: "
                        f"“{escape(wording.text)}”"
                    )
                else:
                    out.append(f"- **{statement_label(entry)}**:")
                    out += [
                        f"  - {_outlets(report, w.sources)}: “{escape(w.text)}”"
                        for w in entry.wordings
                    ]

    if report.own is not None:
        out += ["", "## Only in one outlet"]
        for own in report.own:
            outlet = escape(report.outlet(own.source))
            if not own.passages:
                out += ["", f"{outlet}: no {passage_word(report)} of its own."]
                continue
            out += ["", f"### {outlet} ({count(len(own.passages), passage_word(report))})", ""]
            out += [f"- **{p.group}**: {escape(p.text)}" for p in own.passages]

    if report.review is not None:
        out += ["", "## Review", ""]
        if not report.review:
            out.append(no_passage(report, "No passage is marked."))
        for passage in report.review:
            line = f"- **{passage.group}** · {escape(carried_by(report, passage))}"
            if words := mark_words(passage.mark):
                line += f" · {words}"
            if passage.mark.note:
                line += f" — {note(passage.mark.note, '  ')}"
            out.append(line)

    return "\n".join(out) + "\n"


def _outlets(report: Report, ids) -> str:
    return ", ".join(escape(report.outlet(i)) for i in ids)


def _mark(passage: Passage, out: list[str]) -> None:
    if passage.mark is None:
        return
    words = mark_words(passage.mark)
    written = f"Note: {note(passage.mark.note)}" if passage.mark.note else ""
    if words or written:
        out += ["", " — ".join(x for x in (f"_Review: {words}_" if words else "", written) if x)]


def _summary(report: Report, summary: Summary, out: list[str]) -> None:
    total = len(report.sources)
    out.append(summary_counts(report, summary))
    if not any(v is not None for row in summary.reuse for v in row):
        out += ["", "No verbatim reuse measured."]
        return
    names = [escape(s.outlet) for s in report.sources]
    out += [
        "",
        REUSE_CAPTION,
        "",
        "| | " + " | ".join(names) + " |",
        "| --- |" + " ---: |" * total,
    ]
    for name, row in zip(names, summary.reuse):
        cells = " | ".join("–" if v is None else percent(v) for v in row)
        out.append(f"| **{name}** | {cells} |")
    out.append("")
    if not summary.long_runs:
        out.append("No pair of outlets shares long verbatim runs.")
        return
    out += [LONG_RUNS_HEADING, ""]
    out += [f"- {reuse_pair(report, p, lambda n: f'**{escape(n)}**')}" for p in summary.long_runs]
