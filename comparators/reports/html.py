"""The HTML report: one self-contained page, passages side by side with colours.

Inline CSS only: no scripts, no links to remote resources, so the file opens the same
offline, in a mail client or in a sandboxed viewer. Every piece of article text goes
through `html.escape`.
"""

from __future__ import annotations

from html import escape

from comparators.diff_markup import HTML
from comparators.reports.describe import (
    DISAGREEMENTS_HEADING,
    LATER_UPDATE,
    LONG_RUNS_HEADING,
    NO_DISAGREEMENT,
    REUSE_CAPTION,
    carried_by,
    count,
    date_range,
    disagreement_value,
    mark_words,
    passage_heading,
    percent,
    reuse_pair,
    statement_label,
    summary_counts,
)
from comparators.reports.walk import Ops, Passage, Report, Summary
from comparators.reports.wdiff import split_paragraphs

_OWN_WORDS = "in its own words: too few words in common to mark the differences"

_CSS = """
:root { color-scheme: light dark; --del: #ffd7d5; --ins: #d2f4d3; --muted: #666;
  --line: #ccc; --head: #f3f3f3; }
@media (prefers-color-scheme: dark) {
  :root { --del: #5c1f1f; --ins: #1d4d26; --muted: #aaa; --line: #444; --head: #222; }
}
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 110rem;
  padding: 0 1rem; }
h1 { margin-bottom: 0.2rem; }
.meta { color: var(--muted); }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left;
  vertical-align: top; }
thead th { background: var(--head); position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.aligned { width: 100%; table-layout: fixed; }
table.aligned th.group { width: 7rem; }
td.absent { background: repeating-linear-gradient(45deg, transparent 0 6px,
  var(--head) 6px 12px); }
td.reference { font-weight: 450; }
td.rewritten { border-left: 3px double var(--line); }
td p { margin: 0 0 0.5rem; }
del { background: var(--del); text-decoration: line-through; }
ins { background: var(--ins); text-decoration: underline; }
.review { font-style: italic; }
blockquote { margin: 0.2rem 0 0.6rem 1rem; }
"""


def render(report: Report) -> str:
    """`report` as a complete HTML document."""
    title = escape(report.title)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{title}</h1>",
        f'<p class="meta">{escape(date_range(report))} · '
        f"{count(len(report.sources), 'source')} · differences shown against "
        f"<strong>{escape(report.outlet(report.pivot))}</strong></p>",
    ]
    if report.disagreements is not None:
        _disagreements(report, out)
    _sources(report, out)
    if report.summary is not None:
        _summary(report, report.summary, out)
    if report.passages is not None:
        _passages(report, report.passages, out)
    if report.quotes is not None:
        _quotes(report, out)
    if report.own is not None:
        out += ['<section id="own">', "<h2>Only in one outlet</h2>"]
        for own in report.own:
            outlet = escape(report.outlet(own.source))
            if not own.passages:
                out.append(f"<p>{outlet}: no passage of its own.</p>")
                continue
            out.append(f"<h3>{outlet} ({count(len(own.passages), 'passage')})</h3>")
            out += [
                f'<p><a href="#{escape(p.group)}">{escape(p.group)}</a>: {_inline(p.text)}</p>'
                for p in own.passages
            ]
        out.append("</section>")
    if report.review is not None:
        out += ['<section id="review">', "<h2>Review</h2>"]
        if not report.review:
            out.append("<p>No passage is marked.</p>")
        else:
            out.append("<ul>")
            for passage in report.review:
                words = mark_words(passage.mark)
                note = f" — {escape(passage.mark.note)}" if passage.mark.note else ""
                out.append(
                    f'<li><a href="#{escape(passage.group)}">{escape(passage.group)}</a> · '
                    f"{escape(carried_by(report, passage))}"
                    f"{' · ' + words if words else ''}{note}</li>"
                )
            out.append("</ul>")
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _disagreements(report: Report, out: list[str]) -> None:
    out += ['<section id="disagreements">', f"<h2>{escape(DISAGREEMENTS_HEADING)}</h2>"]
    if not report.disagreements:
        out += [f"<p>{escape(NO_DISAGREEMENT)}</p>", "</section>"]
        return
    for discrepancy in report.disagreements:
        group = escape(discrepancy.group or "")
        heading = f"{escape(discrepancy.id)} · {escape(discrepancy.kind)} · {escape(discrepancy.fact)}"
        if discrepancy.group:
            heading += f' · in <a href="#{group}">{group}</a>'
        out += [f'<h3 id="{escape(discrepancy.id)}">{heading}</h3>', "<table>", "<tbody>"]
        for value in discrepancy.values:
            where, text = disagreement_value(report, value, discrepancy.later_update)
            out.append(f"<tr><th>{escape(where)}</th><td>{escape(text)}</td></tr>")
        out += ["</tbody>", "</table>"]
        if discrepancy.later_update:
            out.append(f"<p>{escape(LATER_UPDATE)}</p>")
    out.append("</section>")


def _sources(report: Report, out: list[str]) -> None:
    out += [
        '<section id="sources">',
        "<h2>Sources</h2>",
        "<table>",
        "<thead><tr><th>Outlet</th><th>Id</th><th>Date</th><th>Words</th><th>Title</th>"
        "<th>URL</th><th>Removed by cleaning</th></tr></thead>",
        "<tbody>",
    ]
    for s in report.sources:
        pivot = " (pivot)" if s.id == report.pivot else ""
        removed = "".join(
            f"<li>line {r.line} ({escape(r.rule)}): “{escape(r.text)}” — {escape(r.reason)}</li>"
            for r in s.removed
        )
        out.append(
            f"<tr><td>{escape(s.outlet)}{pivot}</td><td>{escape(s.id)}</td>"
            f"<td>{escape(s.date or '')}</td><td class=\"num\">{s.words}</td>"
            f"<td>{escape(s.title or '')}</td><td>{escape(s.url or '')}</td>"
            f"<td>{f'<ul>{removed}</ul>' if removed else ''}</td></tr>"
        )
    out += ["</tbody>", "</table>", "</section>"]


def _summary(report: Report, summary: Summary, out: list[str]) -> None:
    out += [
        '<section id="summary">',
        "<h2>Summary</h2>",
        f"<p>{summary_counts(report, summary)}</p>",
    ]
    if not any(v is not None for row in summary.reuse for v in row):
        out += ["<p>No verbatim reuse measured.</p>", "</section>"]
        return
    names = [escape(s.outlet) for s in report.sources]
    out += [
        f"<p>{escape(REUSE_CAPTION)}</p>",
        "<table>",
        "<thead><tr><th></th>" + "".join(f"<th>{n}</th>" for n in names) + "</tr></thead>",
        "<tbody>",
    ]
    for name, row in zip(names, summary.reuse):
        cells = "".join(
            f'<td class="num">{"–" if v is None else percent(v)}</td>' for v in row
        )
        out.append(f"<tr><th>{name}</th>{cells}</tr>")
    out += ["</tbody>", "</table>"]
    if summary.long_runs:
        out += [f"<p>{escape(LONG_RUNS_HEADING)}</p>", "<ul>"]
        out += [
            f"<li>{reuse_pair(report, p, lambda n: f'<strong>{escape(n)}</strong>')}</li>"
            for p in summary.long_runs
        ]
        out.append("</ul>")
    else:
        out.append("<p>No pair of outlets shares long verbatim runs.</p>")
    out.append("</section>")


def _passages(report: Report, passages: tuple[Passage, ...], out: list[str]) -> None:
    columns = [report.pivot] + [s.id for s in report.sources if s.id != report.pivot]
    out += [
        '<section id="passages">',
        "<h2>Aligned passages</h2>",
        '<table class="aligned">',
        '<thead><tr><th class="group">Passage</th>'
        + "".join(
            f"<th>{escape(report.outlet(c))}{' (pivot)' if c == report.pivot else ''}</th>"
            for c in columns
        )
        + "</tr></thead>",
        "<tbody>",
    ]
    if not passages:
        out.append(f'<tr><td colspan="{len(columns) + 1}">No passages to show.</td></tr>')
    for passage in passages:
        heading = escape(passage_heading(report, passage)).replace(" · ", "<br>", 1)
        review = _review(passage)
        out.append(
            f'<tr id="{escape(passage.group)}" class="{passage.kind}">'
            f'<th class="group">{heading}{review}</th>'
        )
        versions = {v.source: v for v in passage.versions}
        for column in columns:
            if column not in versions:
                out.append('<td class="absent"></td>')
            elif column == passage.reference:
                out.append(f'<td class="reference">{_diff(versions[column].ops)}</td>')
            elif versions[column].rewritten:
                text = versions[column].text
                out.append(f'<td class="rewritten" title="{_OWN_WORDS}">{_diff(((0, text),))}</td>')
            else:
                out.append(f"<td>{_diff(versions[column].ops)}</td>")
        out.append("</tr>")
    out += ["</tbody>", "</table>", "</section>"]


def _review(passage: Passage) -> str:
    if passage.mark is None:
        return ""
    words = mark_words(passage.mark)
    note = escape(passage.mark.note)
    parts = [p for p in (words, note) if p]
    return f'<br><span class="review">{"<br>".join(parts)}</span>' if parts else ""


def _diff(ops: Ops) -> str:
    """Ops as `<p>` paragraphs with `<del>` and `<ins>` marking the differences."""
    return "".join(
        "<p>" + "".join(HTML.around(op, escape(text)) for op, text in p) + "</p>"
        for p in split_paragraphs(ops)
    )


def _inline(text: str) -> str:
    return " ".join(escape(text).split())


def _quotes(report: Report, out: list[str]) -> None:
    out += ['<section id="quotes">', "<h2>Quotes</h2>"]
    if not report.quotes:
        out.append("<p>No quotes found.</p>")
    for speaker in report.quotes:
        name = escape(speaker.speaker) if speaker.speaker else "Speaker not named"
        out += [f"<h3>{name}</h3>", "<ul>"]
        for entry in speaker.quotes:
            if len(entry.wordings) == 1:
                w = entry.wordings[0]
                out.append(
                    f"<li><strong>{statement_label(entry)}</strong> · {_outlets(report, w.sources)}"
                    f"<blockquote>“{escape(w.text)}”</blockquote></li>"
                )
            else:
                items = "".join(
                    f"<li>{_outlets(report, w.sources)}<blockquote>“{escape(w.text)}”"
                    "</blockquote></li>"
                    for w in entry.wordings
                )
                out.append(
                    f"<li><strong>{statement_label(entry)}</strong>"
                    f"<ul>{items}</ul></li>"
                )
        out.append("</ul>")
    out.append("</section>")


def _outlets(report: Report, ids) -> str:
    return ", ".join(escape(report.outlet(i)) for i in ids)
