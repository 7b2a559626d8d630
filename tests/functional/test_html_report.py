"""The HTML report as an editor reads it: findings first, a legend, links, and a page
that fits 1280 px and prints, checked in a real headless Chromium."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest


from browser import Browser, needs_chromium, png_size
from synthetic import synthetic_story

from comparators import Settings, Source, Story, compare
from comparators.discrepancies import Discrepancy, DiscrepancyValue

from comparators.model import Mark, Paragraph
from comparators.reports import render_report

LONG_URL = "https://news.example.org/" + "a-very-long-unbroken-path-segment" * 12 + "?utm=" + "x" * 200
LONG_TITLE = (
    "Russian bombers use an Iranian airbase to strike targets in Syria for the first time "
    "since the revolution, officials in Moscow and Tehran say"
)
NOTE = (
    "Check the figure with the ministry before we run it. The Herald's version\n"
    "leaves out the second strike; ask the desk whether that is deliberate. " * 3
)


class Page(HTMLParser):
    """Tags, attributes and text of a page, in order."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def ids(self) -> list[str]:
        return [attrs["id"] for tag, attrs in self.tags if tag == "section"]

    def links(self) -> list[str]:
        return [attrs.get("href", "") for tag, attrs in self.tags if tag == "a"]


def with_sources(comparison, **changes_by_id):
    """`comparison` with some sources' fields changed (url, title...)."""
    sources = tuple(
        replace(s, **changes_by_id.get(s.id, {})) for s in comparison.story.sources
    )
    return replace(comparison, story=replace(comparison.story, sources=sources))


@pytest.fixture(scope="module")
def editor_comparison(seed_comparison):
    """The seed story with a long URL, a long title and a hostile URL in its sources."""
    first, second, third, fourth = (s.id for s in seed_comparison.story.sources[:4])
    return with_sources(
        seed_comparison,
        **{
            first: {"url": LONG_URL, "title": LONG_TITLE},
            second: {"url": "javascript:alert(1)"},
            third: {"url": 'https://example.org/a"><script>alert(1)</script>'},
            fourth: {"url": "http://[broken/"},
        },
    )


@pytest.fixture(scope="module")
def editor_marks(seed_comparison):
    groups = seed_comparison.groups
    return {groups[0].id: Mark(flagged=True, note=NOTE), groups[3].id: Mark(reviewed=True)}


def test_findings_come_first_then_the_legend(seed_comparison):
    page = Page(render_report(seed_comparison, "html"))
    sections = page.ids()
    assert sections[:2] == ["findings", "legend"]
    assert sections.index("legend") < sections.index("sources") < sections.index("passages")
    text = " ".join("".join(page.text).split())
    findings = text[text.index("Findings") : text.index("How to read the passages")]
    assert "Outlets disagree on 5 facts" in findings
    assert "spelling of Hamadan / Hamedan" in findings and "“Hamedan”" in findings
    assert "quotes only one outlet has" in findings
    assert "Who shares wording with whom" in findings
    assert "The Herald and AP: 45% of The Herald's words" in findings
    # Every finding links to where the details are.
    assert {"#d1", "#quotes", "#summary"} <= set(page.links())


def test_the_legend_names_every_marker_the_passages_use(seed_comparison):
    page = Page(render_report(seed_comparison, "html"))
    start = next(i for i, (tag, a) in enumerate(page.tags) if a.get("id") == "legend")
    end = next(i for i, (tag, a) in enumerate(page.tags) if a.get("id") == "disagreements")
    legend = {tag for tag, _ in page.tags[start:end]}
    assert {"del", "ins"} <= legend
    text = "".join(page.text)
    for words in ("struck through", "underlined", "hatched cell", "double left border", "(pivot)"):
        assert words in text


def test_urls_are_links_only_when_http_and_always_escaped(editor_comparison):
    html = render_report(editor_comparison, "html")
    page = Page(html)
    links = page.links()
    assert LONG_URL in links
    assert not any(link.startswith("javascript:") for link in links)
    assert "javascript:alert(1)" in "".join(page.text)  # shown, not linked
    assert "http://[broken/" in "".join(page.text) and "http://[broken/" not in links
    assert "<script>" not in html
    assert 'https://example.org/a"&gt;&lt;script&gt;' not in html  # the quote is escaped too
    assert "https://example.org/a&quot;&gt;&lt;script&gt;" in html
    assert "script" not in {tag for tag, _ in page.tags}


def test_a_note_spans_the_whole_row_of_its_passage(seed_comparison, editor_marks):
    page = Page(render_report(seed_comparison, "html", marks=editor_marks))
    note_cells = [a for tag, a in page.tags if tag == "td" and a.get("class") == "note"]
    assert len(note_cells) == 1
    assert note_cells[0]["colspan"] == str(len(seed_comparison.story.sources) + 1)


# ---------------------------------------------------------------- in a real browser


@pytest.fixture(scope="module")
def browser():
    with Browser() as chromium:
        yield chromium


def report_file(tmp_path: Path, html: str) -> str:
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    return path.as_uri()


OVERFLOW = """(() => {
  const width = document.documentElement.clientWidth;
  const wider = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > width + 1
      && !(e.parentElement && e.parentElement.closest('.wide, .fits')))
    .map(e => e.tagName + '.' + e.className);
  return {width, scroll: document.documentElement.scrollWidth, wider: wider.slice(0, 5)};
})()"""


@needs_chromium
@pytest.mark.slow
def test_the_report_fits_1280_pixels_without_sideways_scrolling(
    browser, tmp_path, editor_comparison, editor_marks
):
    html = render_report(editor_comparison, "html", marks=editor_marks)
    browser.open(report_file(tmp_path, html), width=1280, height=900)
    fit = browser.evaluate(OVERFLOW)
    assert fit["scroll"] <= fit["width"], fit
    assert fit["wider"] == [], fit
    # Five outlets fit: the passages' outlet names stay at the window's top while scrolling.
    assert browser.evaluate(
        "!document.querySelector('table.aligned').closest('.wide') && "
        "getComputedStyle(document.querySelector('table.aligned thead th')).position"
    ) == "sticky"
    shot = browser.screenshot(tmp_path / "report-1280.png", full_page=False)
    assert png_size(shot) == (1280, 900)

    # Titles get room for whole lines, not a word per line; the note reads across the page.
    widths = browser.evaluate(
        "[...document.querySelectorAll('table.sources td:nth-child(4)')]"
        ".map(td => td.getBoundingClientRect().width)"
    )
    assert widths and min(widths) >= 250, widths
    note = browser.evaluate("document.querySelector('td.note').getBoundingClientRect().width")
    assert note >= 0.8 * fit["width"], note
    # The long URL is a link that breaks inside its cell.
    link = browser.evaluate(
        "(() => { const a = [...document.querySelectorAll('table.sources a')]"
        f".find(a => a.href.startsWith('{LONG_URL[:40]}'));"
        " return [a.getBoundingClientRect().right, a.closest('td').getBoundingClientRect().right,"
        " a.getClientRects().length]; })()"
    )
    right, cell_right, lines = link
    assert right <= cell_right + 1 and lines > 1, link


@needs_chromium
@pytest.mark.slow
def test_many_outlets_scroll_inside_the_passages_not_the_page(browser, tmp_path):
    comparison = compare(synthetic_story(10, 6, seed=3))
    browser.open(report_file(tmp_path, render_report(comparison, "html")), width=1280)
    fit = browser.evaluate(OVERFLOW)
    assert fit["scroll"] <= fit["width"], fit
    narrowest = browser.evaluate(
        "Math.min(...[...document.querySelectorAll('table.aligned thead th')].slice(1)"
        ".map(th => th.getBoundingClientRect().width))"
    )
    assert narrowest >= 150, narrowest  # a readable line, not a word or a letter per line
    section = browser.evaluate(
        "(() => { const w = document.querySelector('#passages .wide');"
        " return [w.scrollWidth, w.clientWidth]; })()"
    )
    assert section[0] > section[1], section  # the passages scroll sideways in their box


@needs_chromium
@pytest.mark.slow
@pytest.mark.parametrize("story", ["2 outlets", "the seeds, long URL", "7 outlets"])
def test_a_phone_reads_the_report_without_sideways_scrolling(browser, tmp_path, story, editor_comparison):
    comparison = {
        "2 outlets": lambda: compare(synthetic_story(2, 6, seed=3)),
        "the seeds, long URL": lambda: editor_comparison,
        "7 outlets": lambda: compare(synthetic_story(7, 6, seed=3)),
    }[story]()
    browser.open(report_file(tmp_path, render_report(comparison, "html")), width=400, height=800)
    fit = browser.evaluate(OVERFLOW)
    assert fit["scroll"] <= fit["width"], fit  # only the passages and the reuse matrix scroll, in their box
    assert fit["wider"] == [], fit
    # Each source reads as a card across the page, not six columns a few letters wide.
    cells = browser.evaluate(
        "[...document.querySelectorAll('table.sources td')].filter(td => td.offsetParent)"
        ".map(td => td.getBoundingClientRect().width)"
    )
    assert cells and min(cells) >= 0.8 * fit["width"] - 40, cells
    # A disagreement's values get room for a word: "Hamadan", not "Ham" / "adan".
    values = browser.evaluate(
        "[...document.querySelectorAll('table.values td')].map(td => td.getBoundingClientRect().width)"
    )
    assert min(values, default=200) >= 0.4 * fit["width"], values
    # The passages keep a readable line per outlet (five outlets had three letters a line)
    # and scroll sideways in their own box.
    narrowest = browser.evaluate(
        "Math.min(...[...document.querySelectorAll('table.aligned thead th')].slice(1)"
        ".map(th => th.getBoundingClientRect().width))"
    )
    assert narrowest >= 150, narrowest
    box = browser.evaluate(
        "(() => { const b = document.querySelector('#passages table.aligned').parentElement;"
        " return [getComputedStyle(b).overflowX, b.getBoundingClientRect().right]; })()"
    )
    assert box[0] == "auto" and box[1] <= fit["width"], box


def long_word_comparison():
    """Two outlets with a 300-character token and a long URL in the title, a shared passage,
    a quote, a passage of one outlet's own, a disagreement and a warning."""
    long = "x" * 300
    url = "https://example.org/" + "segment" * 50

    def source(id, *texts):
        paragraphs = tuple(Paragraph(i, t, i + 1) for i, t in enumerate(texts))
        return Source(id=id, outlet=id.upper(), path=None, paragraphs=paragraphs)

    story = Story(
        title=f"Storm {long}",
        sources=(
            source(
                "a",
                f"The bombers took off early Tuesday from the base {long} near Hamadan, officials said.",
                f"“We are ready {long} for the worst,” said Mayor Ann Lee.",
                f"Markets in Tehran were calm {url} on Wednesday as traders shrugged off the news.",
            ),
            source(
                "b",
                f"The bombers took off on Tuesday from the base {long} near Hamadan, officials said.",
                "The ministry said all aircraft returned safely to their bases after the raid.",
            ),
        ),
        settings=Settings(pivot="a"),
        warnings=(f"{long}.txt: not UTF-8",),
    )
    comparison = compare(story)
    values = (DiscrepancyValue("a", 0, long, long, None), DiscrepancyValue("b", 0, url, url, None))
    disagreement = Discrepancy("d1", "name", f"spelling of {long}", comparison.groups[0].id, values)
    marks = {g.id: Mark(flagged=True, note=f"check {url}") for g in comparison.groups}
    return replace(comparison, discrepancies=(disagreement,)), marks


@needs_chromium
@pytest.mark.slow
@pytest.mark.parametrize("media", ["screen", "print"])
def test_a_long_unbroken_word_wraps_in_every_section_instead_of_widening_the_page(browser, tmp_path, media):
    comparison, marks = long_word_comparison()
    html = render_report(comparison, "html", marks=marks)
    width = 1280 if media == "screen" else 1030
    browser.open(report_file(tmp_path, html), width=width, height=900, media=media)
    fit = browser.evaluate(OVERFLOW)
    assert fit["scroll"] <= fit["width"], fit
    # No box's text runs past its own edge either (a long word would, before it wraps).
    spilling = browser.evaluate(
        "[...document.querySelectorAll('body *')]"
        ".filter(e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)"
        ".map(e => e.tagName + '.' + e.className)"
    )
    assert spilling == [], spilling


@needs_chromium
@pytest.mark.slow
def test_the_report_prints_on_landscape_pages_without_cut_columns(
    browser, tmp_path, editor_comparison, editor_marks
):
    html = render_report(editor_comparison, "html", marks=editor_marks)
    # A4 landscape less the margins, at 96 px an inch: about 1030 px of paper.
    browser.open(report_file(tmp_path, html), width=1030, height=700, media="print")
    fit = browser.evaluate(OVERFLOW)
    assert fit["scroll"] <= fit["width"], fit
    sticky = browser.evaluate("getComputedStyle(document.querySelector('thead th')).position")
    assert sticky == "static"
    pdf = browser.page("Page.printToPDF", preferCSSPageSize=True, pageRanges="1-2")["data"]
    assert pdf.startswith("JVBERi0")  # "%PDF-", base64
