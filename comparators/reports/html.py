"""The HTML report: one self-contained page, passages side by side with colours.

Inline CSS only: no scripts, no links to remote resources, so the file opens the same
offline, in a mail client or in a sandboxed viewer. Every piece of article text goes
through `html.escape`.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from comparators.diff_markup import HTML
from comparators.reports.describe import (
    DISAGREEMENTS_HEADING,
    LATER_UPDATE,
    LONG_RUNS_HEADING,
    REUSE_CAPTION,
    WARNINGS_HEADING,
    carried_by,
    count,
    date_range,
    disagreement_value,
    flagged_scope,
    mark_words,
    no_disagreement,
    no_passage,
    passage_heading,
    passage_word,
    percent,
    reuse_pair,
    statement_label,
    summary_counts,
)
from comparators.model import QuoteStatus
from comparators.reports.walk import Ops, Passage, Report, Summary
from comparators.reports.wdiff import split_paragraphs

_OWN_WORDS = "in its own words: too few words in common to mark the differences"

_CSS = """
:root { color-scheme: light dark; --del: #ffd7d5; --ins: #d2f4d3; --muted: #595959;
  --line: #ccc; --head: #f3f3f3; --note: #fff8d6; }
@media (prefers-color-scheme: dark) {
  :root { --del: #5c1f1f; --ins: #1d4d26; --muted: #b0b0b0; --line: #444; --head: #222;
    --note: #3a3413; }
}
/* A long unbroken word (a URL, a token) breaks instead of widening the page. */
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 110rem;
  padding: 0 1rem; overflow-wrap: anywhere; }
h1 { margin-bottom: 0.2rem; line-height: 1.2; }
.meta, .hint { color: var(--muted); }
a { overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left;
  vertical-align: top; overflow-wrap: break-word; }
thead th { background: var(--head); position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.wide { overflow-x: auto; max-width: 100%; }
table.sources, table.aligned { width: 100%; table-layout: fixed; }
table.sources td { overflow-wrap: anywhere; }
table.sources ul { margin: 0; padding-left: 1.1rem; }
col.outlet { width: 11%; } col.date { width: 7.5rem; } col.words { width: 5rem; }
col.title { width: 26%; } col.url { width: 22%; }
table.aligned th.group { width: 7rem; }
table.aligned td, table.values :is(th, td) { overflow-wrap: anywhere; }
td.absent { background: repeating-linear-gradient(45deg, transparent 0 6px,
  var(--head) 6px 12px); }
td.reference { font-weight: 450; }
td.rewritten { border-left: 4px double var(--line); }
td p { margin: 0 0 0.5rem; }
del { background: var(--del); text-decoration: line-through; }
ins { background: var(--ins); text-decoration: underline; }
.review { font-style: italic; }
.note, blockquote.note { background: var(--note); white-space: pre-wrap; }
tr.note td { padding: 0.4rem 0.8rem; }
blockquote { margin: 0.2rem 0 0.6rem 1rem; }
#findings ul { padding-left: 1.2rem; }
#findings li { margin-bottom: 0.3rem; }
dl.legend { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dl.legend dt { min-width: 7rem; }
dl.legend dd { margin: 0; }
.swatch { display: inline-block; width: 3rem; height: 1.2rem; border: 1px solid var(--line);
  vertical-align: middle; }
/* A phone: each source a card of labelled lines (six columns left a letter a line and
   ran off the page), and a disagreement's values get half the row. */
@media screen and (max-width: 40rem) {
  body { margin-top: 1rem; }
  table.sources, table.sources tbody, table.sources tr, table.sources td {
    display: block; width: auto; }
  table.sources :is(colgroup, thead), table.sources td:empty { display: none; }
  table.sources tr { border: 1px solid var(--line); margin-bottom: 0.5rem; }
  table.sources td { border: 0; padding: 0.1rem 0.5rem; text-align: left; }
  table.sources td:nth-child(n+2)::before { color: var(--muted); }
  table.sources td:nth-child(2)::before { content: "Date: "; }
  table.sources td:nth-child(3)::before { content: "Words: "; }
  table.sources td:nth-child(4)::before { content: "Title: "; }
  table.sources td:nth-child(5)::before { content: "URL: "; }
  table.sources td:nth-child(6)::before { content: "Removed by cleaning:"; }
  table.values { width: 100%; }
  table.values th { width: 50%; }
}
@media print {
  @page { size: A4 landscape; margin: 1.2cm; }
  body { font-size: 10pt; margin: 0; max-width: none; padding: 0; }
  thead th { position: static; }
  thead { display: table-header-group; }
  tr, blockquote, li { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .wide { overflow: visible; }
  table.aligned { min-width: 0 !important; }
  a { color: inherit; }
  del, ins, td.absent, .note { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

# Only these schemes become links: a manifest's `javascript:` or `data:` URL stays text.
_LINK_SCHEMES = ("http", "https")
_QUOTE_WORDS = 24  # words of a quote shown in the findings; the whole quote is below
_COLUMN_REM = 12  # the narrowest an outlet's column of passages gets on screen
_WINDOW_REM = 78  # a 1280-pixel window less the page's margins, in 16-pixel rem


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
        f"<style>{_CSS}{_narrow_window(report)}</style>",
        "</head>",
        "<body>",
        f"<h1>{title}</h1>",
        f'<p class="meta">{escape(date_range(report))} · '
        f"{count(len(report.sources), 'source')} · differences shown against "
        f"<strong>{escape(report.outlet(report.pivot))}</strong></p>",
    ]
    if scope := flagged_scope(report):
        out.append(f'<p class="meta">{escape(scope)}</p>')
    _findings(report, out)
    _legend(report, out)
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
                out.append(f"<p>{outlet}: no {passage_word(report)} of its own.</p>")
                continue
            out.append(f"<h3>{outlet} ({count(len(own.passages), passage_word(report))})</h3>")
            out += [
                f'<p><a href="#{escape(p.group)}">{escape(p.group)}</a>: {_inline(p.text)}</p>'
                for p in own.passages
            ]
        out.append("</section>")
    if report.review is not None:
        out += ['<section id="review">', "<h2>Review</h2>"]
        if not report.review:
            out.append(f"<p>{no_passage(report, 'No passage is marked.')}</p>")
        else:
            out.append("<ul>")
            for passage in report.review:
                words = mark_words(passage.mark)
                note = (
                    f'<blockquote class="note">{escape(passage.mark.note)}</blockquote>'
                    if passage.mark.note
                    else ""
                )
                out.append(
                    f'<li><a href="#{escape(passage.group)}">{escape(passage.group)}</a> · '
                    f"{escape(carried_by(report, passage))}"
                    f"{' · ' + words if words else ''}{note}</li>"
                )
            out.append("</ul>")
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _findings(report: Report, out: list[str]) -> None:
    """What an editor reads first: disagreements, quotes only one outlet has, reuse."""
    items = []
    if report.disagreements:
        facts = "".join(
            f'<li><a href="#{escape(d.id)}">{escape(d.fact)}</a>: {_value_list(report, d)}</li>'
            for d in report.disagreements
        )
        items.append(
            f"<li><strong>Outlets disagree on {count(len(report.disagreements), 'fact')}</strong>:"
            f"<ul>{facts}</ul></li>"
        )
    elif report.disagreements is not None:
        items.append(f"<li>{escape(no_disagreement(report))}</li>")
    if report.quotes is not None:
        unique = [
            (speaker.speaker, entry.wordings[0])
            for speaker in report.quotes
            for entry in speaker.quotes
            if entry.status == QuoteStatus.UNIQUE
        ]
        if unique:
            quotes = "".join(
                f"<li>{escape(speaker) if speaker else 'Speaker not named'} in "
                f"{_outlets(report, wording.sources)}: “{escape(_first_words(wording.text))}”</li>"
                for speaker, wording in unique
            )
            items.append(
                f'<li><strong><a href="#quotes">{count(len(unique), "quote")} only one outlet '
                f"has</a></strong>:<ul>{quotes}</ul></li>"
            )
        else:
            items.append("<li>Every quote is carried by more than one outlet.</li>")
    if report.summary is not None:
        if report.summary.long_runs:
            pairs = "".join(
                f"<li>{reuse_pair(report, p, lambda n: f'<strong>{escape(n)}</strong>')}</li>"
                for p in report.summary.long_runs
            )
            items.append(
                '<li><strong><a href="#summary">Who shares wording with whom</a></strong> '
                f"(long verbatim runs: one copied the other, or both a common wire):<ul>{pairs}</ul></li>"
            )
        else:
            items.append("<li>No pair of outlets shares long verbatim runs.</li>")
    if items:
        out += ['<section id="findings">', "<h2>Findings</h2>", "<ul>", *items, "</ul>", "</section>"]


def _value_list(report: Report, discrepancy) -> str:
    """'The Guardian: Deir Ezzor; Xinhua, Tehran Times: Deir ez-Zor', outlets per value."""
    by_text: dict[str, list[str]] = {}
    for value in discrepancy.values:
        names = by_text.setdefault(value.text, [])
        if (outlet := report.outlet(value.source)) not in names:
            names.append(outlet)
    return "; ".join(
        f"{escape(', '.join(names))}: “{escape(text)}”" for text, names in by_text.items()
    )


def _first_words(text: str) -> str:
    words = text.split()
    return " ".join(words[:_QUOTE_WORDS]) + (" …" if len(words) > _QUOTE_WORDS else "")


def _legend(report: Report, out: list[str]) -> None:
    if report.passages is None and report.own is None:
        return
    pivot = escape(report.outlet(report.pivot))
    out += [
        '<section id="legend">',
        "<h2>How to read the passages</h2>",
        '<dl class="legend">',
        "<dt><del>struck through</del></dt>"
        "<dd>words of the passage's first outlet (the pivot, "
        f"{pivot}, when it has the passage) that this outlet does not have</dd>",
        "<dt><ins>underlined</ins></dt><dd>words only this outlet has in the passage</dd>",
        '<dt><span class="swatch" style="background: repeating-linear-gradient(45deg, '
        'transparent 0 6px, var(--head) 6px 12px)"></span></dt>'
        "<dd>hatched cell: the outlet does not carry the passage</dd>",
        '<dt><span class="swatch" style="border-left: 4px double var(--line)"></span></dt>'
        f"<dd>double left border: {_OWN_WORDS}</dd>",
        "<dt>(pivot)</dt><dd>the outlet the others are compared with</dd>",
        "<dt>¶3</dt><dd>the third paragraph of that outlet's article</dd>",
        '<dt><span class="review">flagged</span></dt><dd>review marks; notes stand on a '
        '<span class="note">shaded band</span> under their passage</dd>',
        "</dl>",
        "</section>",
    ]


def _disagreements(report: Report, out: list[str]) -> None:
    out += ['<section id="disagreements">', f"<h2>{escape(DISAGREEMENTS_HEADING)}</h2>"]
    if not report.disagreements:
        out += [f"<p>{escape(no_disagreement(report))}</p>", "</section>"]
        return
    for discrepancy in report.disagreements:
        group = escape(discrepancy.group or "")
        heading = f"{escape(discrepancy.id)} · {escape(discrepancy.kind)} · {escape(discrepancy.fact)}"
        if discrepancy.group:
            heading += f' · in <a href="#{group}">{group}</a>'
        out += [f'<h3 id="{escape(discrepancy.id)}">{heading}</h3>', '<table class="values">', "<tbody>"]
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
    ]
    if report.warnings:
        out += [
            f"<p><strong>{escape(WARNINGS_HEADING)}</strong></p>",
            '<ul class="warnings">',
            *(f"<li>{escape(w)}</li>" for w in report.warnings),
            "</ul>",
        ]
    out += [
        '<table class="sources">',
        '<colgroup><col class="outlet"><col class="date"><col class="words"><col class="title">'
        '<col class="url"><col class="removed"></colgroup>',
        "<thead><tr><th>Outlet (id)</th><th>Date</th><th>Words</th><th>Title</th>"
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
            f"<tr><td><strong>{escape(s.outlet)}</strong>{pivot}<br>"
            f'<span class="hint">{escape(s.id)}</span></td>'
            f"<td>{escape(s.date or '')}</td><td class=\"num\">{s.words}</td>"
            f"<td>{escape(s.title or '')}</td><td>{_link(s.url)}</td>"
            f"<td>{f'<ul>{removed}</ul>' if removed else ''}</td></tr>"
        )
    out += ["</tbody>", "</table>", "</section>"]


def _link(url: str | None) -> str:
    """An http(s) URL as a link; any other as text."""
    if not url:
        return ""
    text = escape(url)
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:  # e.g. an unclosed "[" where the host should be
        return text
    if scheme not in _LINK_SCHEMES:
        return text
    return f'<a href="{text}" rel="noreferrer">{text}</a>'


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
        '<div class="wide">',
        "<table>",
        "<thead><tr><th></th>" + "".join(f"<th>{n}</th>" for n in names) + "</tr></thead>",
        "<tbody>",
    ]
    for name, row in zip(names, summary.reuse):
        cells = "".join(
            f'<td class="num">{"–" if v is None else percent(v)}</td>' for v in row
        )
        out.append(f"<tr><th>{name}</th>{cells}</tr>")
    out += ["</tbody>", "</table>", "</div>"]
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
    # Each outlet's column keeps room for a readable line: more outlets than fit a
    # 1280-pixel window scroll sideways inside the section, never the page. Only
    # then, as a scrolling box stops the outlet names sticking to the window's top
    # (in a narrower window, such as a phone's, `_narrow_window` makes the box scroll).
    min_width = _aligned_rem(report)
    wide = min_width > _WINDOW_REM
    out += [
        '<section id="passages">',
        "<h2>Aligned passages</h2>",
        '<div class="wide">' if wide else '<div class="fits">',
        f'<table class="aligned" style="min-width: {min_width}rem">' if wide
        else '<table class="aligned">',
        '<thead><tr><th class="group">Passage</th>'
        + "".join(
            f"<th>{escape(report.outlet(c))}{' (pivot)' if c == report.pivot else ''}</th>"
            for c in columns
        )
        + "</tr></thead>",
        "<tbody>",
    ]
    if not passages:
        out.append(f'<tr><td colspan="{len(columns) + 1}">{no_passage(report)}</td></tr>')
    for passage in passages:
        heading = escape(passage_heading(report, passage)).replace(" · ", "<br>", 1)
        words = mark_words(passage.mark)
        review = f'<br><span class="review">{words}</span>' if words else ""
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
                out.append(f'<td class="rewritten">{_diff(((0, text),))}</td>')
            else:
                out.append(f"<td>{_diff(versions[column].ops)}</td>")
        out.append("</tr>")
        if passage.mark is not None and passage.mark.note:
            # The note spans the whole row: a readable line, not the heading's narrow column.
            out.append(
                f'<tr class="note"><td class="note" colspan="{len(columns) + 1}">'
                f"Note on {escape(passage.group)}: {escape(passage.mark.note)}</td></tr>"
            )
    out += ["</tbody>", "</table>", "</div>", "</section>"]


def _aligned_rem(report: Report) -> int:
    """The narrowest the aligned passages' table gets on screen, in rem: the passage
    column and a readable line for each outlet."""
    return 7 + _COLUMN_REM * len(report.sources)


def _narrow_window(report: Report) -> str:
    """CSS for a window narrower than the aligned passages need (a phone): they keep
    their columns' room and scroll sideways in their box, as they always do when they
    need more than a 1280-pixel window (rather than a few letters a line)."""
    min_width = _aligned_rem(report)
    if report.passages is None or min_width > _WINDOW_REM:
        return ""
    return (
        f"@media screen and (max-width: {min_width + 3}rem) {{\n"  # the page's margins and a scroll bar
        "  #passages .fits { overflow-x: auto; }\n"
        f"  table.aligned {{ min-width: {min_width}rem; }}\n"
        "}\n"
    )


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
