"""Reports: what a reader of the text, Markdown and HTML exports finds in them."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from comparators import Comparison, Quote, Settings, Source, Story, StoryError, compare
from comparators.export import to_json
from comparators.diff_markup import escape_wdiff
from comparators.model import Mark, Paragraph, QuoteMatch
from comparators.reports import FORMATS, SUFFIXES, render_report
from comparators.reports.wdiff import cells
from fixed_comparison import MARKS, fixed_comparison

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
ESCAPE = "\x1b"
OUR_COLOURS = re.compile(r"\x1b\[(?:31;9|32;4|0)m")


def source(id: str, *paragraphs: str, outlet: str | None = None) -> Source:
    return Source(
        id=id,
        outlet=outlet or id.upper(),
        path=None,
        paragraphs=tuple(Paragraph(i, text, i + 1) for i, text in enumerate(paragraphs)),
    )


def story(*sources: Source, title: str = "A story") -> Story:
    """A story whose first source is the pivot."""
    return Story(title=title, sources=sources, settings=Settings(pivot=sources[0].id))


@pytest.fixture(scope="module")
def small():
    """Two outlets: one passage reworded, one word for word, one only in B."""
    return compare(
        story(
            source(
                "a",
                "The bombers took off early Tuesday from the base near Hamadan, officials said.",
                "The ministry said all aircraft returned safely to their bases after the raid.",
            ),
            source(
                "b",
                "The bombers took off on Tuesday from the base near Hamadan, officials said.",
                "The ministry said all aircraft returned safely to their bases after the raid.",
                "Markets in Tehran were calm on Wednesday as traders shrugged off the news.",
            ),
        )
    )


# ---------------------------------------------------------------- golden files


@pytest.mark.parametrize("format", FORMATS)
def test_the_fixed_comparisons_report_in_each_format_matches_its_golden_file(format):
    # A hand-made comparison: only a change to how reports are laid out moves these.
    golden = GOLDEN / f"fixed{SUFFIXES[format]}"
    assert render_report(fixed_comparison(), format, marks=MARKS) == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs: if the change is intended, run `make golden` and review the diff"
    )


TEXT_SECTIONS = {
    "text": ("WHERE OUTLETS DISAGREE", "SOURCES", "SUMMARY", "ALIGNED PASSAGES", "QUOTES", "ONLY IN ONE OUTLET"),
    "md": ("## Where outlets disagree", "## Sources", "## Summary", "## Aligned passages", "## Quotes",
           "## Only in one outlet"),
    "html": ('<section id="disagreements">', '<section id="sources">', '<section id="summary">',
             '<section id="passages">', '<section id="quotes">', '<section id="own">'),
}


@pytest.mark.parametrize("format", ["text", "md", "html"])
def test_the_seed_report_has_every_section_in_order_and_names_every_outlet(seed_comparison, format):
    report = render_report(seed_comparison, format)
    positions = [report.find(section) for section in TEXT_SECTIONS[format]]
    assert -1 not in positions and positions == sorted(positions)
    sources = report[positions[1] : positions[2]]
    assert all(source.outlet in sources for source in seed_comparison.story.sources)
    assert all(group.id in report for group in seed_comparison.groups)


def test_the_seed_json_export_holds_every_source_group_and_quote(seed_comparison):
    exported = json.loads(render_report(seed_comparison, "json"))
    assert [s["outlet"] for s in exported["sources"]] == [s.outlet for s in seed_comparison.story.sources]
    assert [g["id"] for g in exported["groups"]] == [g.id for g in seed_comparison.groups]
    assert len(exported["quotes"]) == len(seed_comparison.quotes) > 0


def test_json_report_is_the_export_contract(seed_comparison):
    assert render_report(seed_comparison, "json") == to_json(seed_comparison)


# ---------------------------------------------------------------- content


def test_text_report_marks_what_an_outlet_drops_and_adds_relative_to_the_pivot(small):
    text = render_report(small, "text")
    assert "The bombers took off [-early-]{+on+} Tuesday" in text
    assert "same words as A" in text  # the word-for-word passage is not printed twice


def test_an_articles_own_wdiff_markers_are_escaped_so_only_the_diffs_read_as_changes():
    said = "The court fined the firm {+3 million+} euros on Tuesday, the ruling [-dated May-] said."
    changed = "The court fined the firm {+4 million+} euros on Tuesday, the ruling [-dated May-] said."
    comparison = compare(story(source("a", said), source("b", changed)))
    text = render_report(comparison, "text", width=200)
    passages = text[text.index("ALIGNED PASSAGES") : text.index("QUOTES")]
    # Words both outlets carry, markers of their own included, are plain text...
    assert "the ruling [\\-dated May-\\] said." in passages
    assert "[-dated" not in passages and "May-]" not in passages
    # ...and the one real change is the only pair of markers without a backslash.
    assert "{\\+[-3-]{+4+} million+\\}" in passages


@pytest.mark.parametrize(
    "article, shown",
    [
        ("[-]", "[\\-\\]"),  # overlapping pairs: both escaped
        ("{+x+}", "{\\+x+\\}"),
        ("[\\-", "[\\\\\\-"),  # a backslash already there is doubled: still readable back
        ("a-b [x] {y} +1 -2 c++", "a-b [x] {y} +1 -2 c++"),  # no marker pair: unchanged
    ],
)
def test_escape_wdiff_leaves_no_marker_pair_and_reads_back(article, shown):
    assert escape_wdiff(article) == shown


def test_markdown_report_writes_differences_as_strike_and_bold_that_render_with_a_legend_on_top(small):
    markdown = render_report(small, "md")
    assert "The bombers took off ~~early~~**on** Tuesday" in markdown
    assert "[-" not in markdown and "{+" not in markdown
    top = markdown[: markdown.index("## ")]
    assert "~~struck~~" in top and "**bold**" in top  # the legend, before the first section


def test_a_passage_reworded_throughout_is_shown_as_written_not_buried_in_markers():
    comparison = compare(
        story(
            source("a", "Russian bombers struck targets in Syria from an Iranian base on Tuesday."),
            source("b", "On Tuesday Moscow's long range aircraft flew from Hamadan in Iran to hit Syria."),
        )
    )
    text = render_report(comparison, "text")
    if len(comparison.groups) == 1:  # the aligner links them: B's own words, no markers
        assert "B, in its own words:" in text and "[-" not in text and "{+" not in text


def test_sections_come_in_the_documented_order(small):
    text = render_report(small, "text", marks={})
    headings = ["SOURCES", "SUMMARY", "ALIGNED PASSAGES", "QUOTES", "ONLY IN ONE OUTLET", "REVIEW"]
    positions = [text.index(f"\n{h}\n") for h in headings]
    assert positions == sorted(positions)


def test_summary_counts_passages_shared_by_all_some_and_one(seed_comparison):
    text = render_report(seed_comparison, "text")
    assert re.search(r"\n  \d+ passages: \d+ in all 5 outlets, \d+ in some, \d+ in only one\.\n", text)


def test_a_two_outlet_story_is_summarised_as_both_outlets_not_all_2(small):
    for format in ("text", "md", "html"):
        report = render_report(small, format)
        assert "3 passages: 2 in both outlets, 1 in only one." in report
        assert "all 2" not in report and "in some" not in report


def test_a_one_outlet_story_is_summarised_as_the_one_outlet():
    alone = compare(story(source("a", "The bombers took off on Tuesday.", "Markets were calm.")))
    for format in ("text", "md", "html"):
        report = render_report(alone, format)
        assert "2 passages in the one outlet." in report
        assert "all 1" not in report and "0 in some" not in report


def test_a_passage_only_one_outlet_has_is_listed_under_that_outlet(small):
    text = render_report(small, "text", only="unique")
    assert "B (1 passage)" in text and "Markets in Tehran were calm" in text
    assert "A: no passage of its own" in text


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_text_report_lines_fit_the_width_unless_one_word_is_longer(seed_comparison, width):
    for line in render_report(seed_comparison, "text", width=width).splitlines():
        assert len(line) <= width or " " not in line.strip(), line


def test_wide_characters_count_as_two_columns_when_wrapping():
    comparison = compare(
        story(source("a", "新华社 " * 30 + "报道。"), source("b", "The wire copy in English."))
    )
    for line in render_report(comparison, "text", width=40).splitlines():
        assert cells(line) <= 40 or " " not in line.strip(), line


def test_only_differences_leaves_out_passages_every_outlet_words_the_same(small):
    text = render_report(small, "text", only="differences")
    assert "took off [-early-]{+on+}" in text and "Markets in Tehran" in text
    assert "returned safely" not in text
    assert "SUMMARY" not in text and "QUOTES" not in text and "ONLY IN ONE OUTLET" not in text


def test_only_quotes_keeps_the_quotes_and_drops_the_passages(seed_comparison):
    text = render_report(seed_comparison, "text", only="quotes")
    assert "QUOTES" in text and "ALIGNED PASSAGES" not in text and "SUMMARY" not in text


def test_sources_option_reports_only_those_outlets(seed_comparison):
    text = render_report(seed_comparison, "text", sources=["xinhua", "tehran-times"])
    assert "The Guardian" not in text and "The Herald" not in text
    assert "2 sources" in text
    assert "in both outlets" in text


def test_a_hidden_pivot_hands_over_to_the_largest_remaining_outlet(seed_comparison):
    hidden_pivot = [s.id for s in seed_comparison.story.sources if s.id != seed_comparison.pivot]
    text = render_report(seed_comparison, "text", sources=hidden_pivot)
    largest = max(
        (s for s in seed_comparison.story.sources if s.id in hidden_pivot), key=lambda s: s.words
    )
    assert f"differences shown against {largest.outlet}" in text


def test_an_unknown_source_id_is_named(seed_comparison):
    with pytest.raises(StoryError, match="unknown source id 'nope'"):
        render_report(seed_comparison, "text", sources=["ap", "nope"])


def test_reports_are_the_same_every_time(seed_comparison):
    for format in ("text", "md", "html"):
        assert render_report(seed_comparison, format) == render_report(seed_comparison, format)


# ---------------------------------------------------------------- quotes


def quoted(small: Comparison) -> Comparison:
    """`small` with a remark both outlets carry, one reworded and one only A has."""

    def q(id, src, text, speaker, *matches):
        return Quote(
            id=id, source=src, paragraph=0, start=0, end=len(text), text=text, speaker=speaker,
            speaker_key=speaker.split()[-1].lower(),
            matches=tuple(QuoteMatch(m, m.split(":")[0], kind, 0.9) for m, kind in matches),
        )

    quotes = (
        q("a:q1", "a", "We will not comment", "Ann Lee", ("b:q1", "shared")),
        q("a:q2", "a", "The raid went to plan", "Gen. Bo Ray", ("b:q2", "variant")),
        q("a:q3", "a", "Nothing was hit", "Gen. Bo Ray"),
        q("b:q1", "b", "We will not comment", "Lee", ("a:q1", "shared")),
        q("b:q2", "b", "The raid went as planned", "Bo Ray", ("a:q2", "variant")),
    )
    return replace(small, quotes=quotes)


def test_quotes_are_grouped_by_speaker_with_unique_and_reworded_first(small):
    text = render_report(quoted(small), "text", only="quotes")
    section = text[text.index("QUOTES") :]
    assert section.index("Gen. Bo Ray") < section.index("Ann Lee")
    ray = section[section.index("Gen. Bo Ray") : section.index("Ann Lee")]
    assert ray.index("✱ only here · A") < ray.index("worded differently (2 wordings)")
    assert "A: “The raid went to plan”" in ray and "B: “The raid went as planned”" in ray
    assert "shared · A, B" in section[section.index("Ann Lee") :]


def test_a_quote_whose_only_match_is_hidden_becomes_unique(small):
    text = render_report(quoted(small), "text", only="quotes", sources=["a"])
    assert "worded differently" not in text and "shared" not in text
    assert text.count("✱ only here · A") == 3


# ---------------------------------------------------------------- review marks


def test_marks_and_notes_show_on_their_passages_and_in_the_review_section(small):
    g1, g2 = small.groups[0].id, small.groups[1].id
    marks = {g1: Mark(flagged=True, note="Which day? B drops 'early'"), g2: Mark(reviewed=True)}
    for format in ("text", "md", "html"):
        report = render_report(small, format, marks=marks)
        assert "Which day? B drops" in report and "flagged" in report and "reviewed" in report


NOTE = "AP says Tuesday.\nXinhua says Monday.\n\n- check the wire\n- call the desk"


def test_a_note_of_several_lines_keeps_every_line_in_the_text_report(small):
    text = render_report(small, "text", marks={small.groups[0].id: Mark(flagged=True, note=NOTE)})
    review = text[text.index("REVIEW") :]
    assert review.splitlines()[-5:] == [
        "    Note: AP says Tuesday.",
        "          Xinhua says Monday.",
        "",
        "          - check the wire",
        "          - call the desk",
    ]
    passages = text[text.index("ALIGNED PASSAGES") : text.index("REVIEW")]
    assert "  Note: AP says Tuesday.\n        Xinhua says Monday.\n\n        - check the wire\n" in passages


def test_a_note_of_several_lines_keeps_its_line_breaks_when_markdown_is_rendered(small):
    from markdown_it import MarkdownIt

    marks = {small.groups[0].id: Mark(flagged=True, note=NOTE)}
    page = MarkdownIt("commonmark").render(render_report(small, "md", marks=marks))
    on_passage = "Note: AP says Tuesday.<br />\nXinhua says Monday.</p>\n<p>- check the wire<br />\n- call the desk</p>"
    assert on_passage in page
    review = page[page.index("<h2>Review</h2>") :]
    assert on_passage.removeprefix("Note: ") + "\n</li>" in review
    assert "<li>- check" not in page  # a note's line never becomes a list item


def test_flagged_only_keeps_just_the_flagged_passages(small):
    flagged = small.groups[0]
    marks = {flagged.id: Mark(flagged=True, note="check")}
    text = render_report(small, "text", marks=marks, flagged_only=True)
    passages = text[text.index("ALIGNED PASSAGES") : text.index("QUOTES")]
    assert f"{flagged.id} ·" in passages
    assert all(f"{g.id} ·" not in passages for g in small.groups[1:])


@pytest.mark.parametrize("format", ["text", "md", "html"])
def test_a_flagged_only_report_says_how_many_passages_it_keeps_and_what_covers_the_whole_story(small, format):
    flagged = small.groups[0]
    marks = {flagged.id: Mark(flagged=True), small.groups[1].id: Mark(reviewed=True)}
    report = " ".join(unescape(render_report(small, format, marks=marks, flagged_only=True)).split())
    assert (
        "Flagged passages only: 1 of the story's 3 passages is flagged; "
        "the summary and the quotes cover the whole story."
    ) in report
    # B has a passage of its own, but not a flagged one.
    assert "no passage of its own" not in report and "B: no flagged passage of its own" in report
    only = " ".join(unescape(render_report(small, format, marks=marks, flagged_only=True, only="unique")).split())
    assert "Flagged passages only: 1 of the story's 3 passages is flagged." in only


@pytest.mark.parametrize("format", ["text", "md", "html"])
def test_a_flagged_only_report_with_nothing_flagged_says_so_not_that_nothing_is_marked(small, format):
    marks = {small.groups[1].id: Mark(reviewed=True, note="fine")}
    report = " ".join(unescape(render_report(small, format, marks=marks, flagged_only=True)).split())
    assert "none of the story's 3 passages is flagged" in report
    assert "No passage is flagged." in report
    assert "No passage is marked" not in report and "No passages to show" not in report


def test_a_flagged_passage_worded_the_same_everywhere_is_not_called_unflagged_by_only_differences(small):
    same = next(g for g in small.groups if g.kind == "shared" and len({m.text for m in g.members}) == 1)
    text = render_report(small, "text", marks={same.id: Mark(flagged=True)}, flagged_only=True, only="differences")
    assert "1 of the story's 3 passages is flagged" in text
    assert "No passages to show." in text and "No passage is flagged." not in text


@pytest.mark.parametrize("format", ["text", "md", "html"])
def test_a_flagged_only_report_does_not_claim_the_outlets_agree_everywhere(seed_comparison, format):
    disputed = {d.group for d in seed_comparison.discrepancies}
    assert disputed, "the seed story has disagreements"
    calm = next(g for g in seed_comparison.groups if g.id not in disputed)
    report = render_report(seed_comparison, format, marks={calm.id: Mark(flagged=True)}, flagged_only=True)
    assert "No figure, name, date or time differs between outlets." not in report
    assert "No figure, name, date or time differs between outlets in the flagged passages." in report


@pytest.mark.parametrize("format", ["text", "md", "html"])
def test_the_storys_warnings_are_in_the_report_as_in_the_json_export(small, format):
    warned = replace(
        small,
        story=replace(small.story, warnings=("<b>c</b>.txt: not UTF-8; read as cp1252\x1b]0;owned\x07",)),
        warnings=("c: no paragraphs left after cleaning; it takes part in no group",),
    )
    assert len(json.loads(render_report(warned, "json"))["warnings"]) == 2
    report = render_report(warned, format)
    sources = report[report.index("Sources" if format != "text" else "SOURCES"):]
    assert "Warnings from reading the story:" in sources
    assert "c: no paragraphs left after cleaning; it takes part in no group" in " ".join(sources.split())
    assert ESCAPE not in report and "\x07" not in report
    if format == "html":
        assert "<li>&lt;b&gt;c&lt;/b&gt;.txt: not UTF-8; read as cp1252</li>" in report
    else:
        assert "c</b>.txt: not UTF-8; read as cp1252" in report.replace("\\", "")


def test_a_story_without_warnings_has_no_warnings_heading(small):
    assert all("Warnings" not in render_report(small, format) for format in ("text", "md", "html"))


@pytest.mark.parametrize("format", FORMATS)
def test_a_story_without_a_title_still_renders_in_every_format(small, format):
    untitled = replace(small, story=replace(small.story, title=""))
    assert "bombers took off" in render_report(untitled, format)


# ---------------------------------------------------------------- untrusted text

HOSTILE = (
    "Officials said <script>alert('x')</script> and <img src=https://evil.example/t.png> "
    "were found. *Not bold* [not a link](https://evil.example) | pipe \x1b]0;pwned\x07"
    "\x1b[2J cleared\x07 the screen."
)


@pytest.fixture(scope="module")
def hostile():
    return compare(
        story(
            source("a", HOSTILE, "A calm second paragraph about the weather in the capital."),
            source("b", HOSTILE.replace("found", "seen"), outlet="B <b>bold</b>"),
            title="<title>Injected</title> story",
        )
    )


@pytest.mark.parametrize("format", ["text", "md"])
def test_text_and_markdown_carry_no_escape_sequence_without_color(hostile, format):
    assert ESCAPE not in render_report(hostile, format)
    assert "\x07" not in render_report(hostile, format)


@pytest.mark.parametrize("format", ["text", "md"])
def test_color_adds_only_our_own_colour_codes(hostile, format):
    report = render_report(hostile, format, color=True)
    assert OUR_COLOURS.search(report)
    assert ESCAPE not in OUR_COLOURS.sub("", report)


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def test_html_shows_article_markup_as_text_and_loads_nothing(hostile):
    page = Page()
    page.feed(render_report(hostile, "html"))
    tags = {tag for tag, _ in page.tags}
    assert "script" not in tags and "img" not in tags and "b" not in tags
    assert "link" not in tags and "iframe" not in tags
    for tag, attrs in page.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert "//" not in (value or ""), (tag, name, value)
    text = "".join(page.text)
    assert "<script>alert('x')</script>" in text
    assert "<img src=https://evil.example/t.png>" in text
    assert "B <b>bold</b>" in text and "<title>Injected</title> story" in text
    assert ESCAPE not in text


def test_html_puts_outlets_side_by_side_with_differences_marked(small):
    page = Page()
    page.feed(render_report(small, "html"))
    tags = [tag for tag, _ in page.tags]
    assert "del" in tags and "ins" in tags and "style" in tags
    header = [attrs for tag, attrs in page.tags if tag == "table" and ("class", "aligned") in attrs]
    assert header


def test_markdown_shows_article_markup_literally(hostile):
    md = render_report(hostile, "md")
    assert r"\*Not bold\*" in md and r"\[not a link\](https://evil.example)" in md
    assert r"\<script\>" in md and "<script>" not in md
    assert r"B \<b\>bold\</b\>" in md
