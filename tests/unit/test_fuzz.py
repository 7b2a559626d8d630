"""Property-based fuzzing of the whole path a story takes: random article text and bytes
(controls, escapes, bidi, lone surrogates as bytes, NULs, huge and empty lines) and
random or broken manifests, through loading, the comparison, every report and the export.

Whatever comes in, only `StoryError` may come out; text meant for a terminal holds no
control character or bidi control; JSON loads and HTML parses. The suite runs a few
dozen examples; `make fuzz` runs thousands (HYPOTHESIS_PROFILE=fuzz).
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rich.console import Console

from comparators import compare, load_story
from comparators.errors import StoryError
from comparators.export import to_json
from comparators.reports import FORMATS, render_report
from tui.cli.quotes import quotes_table

settings.register_profile(
    "suite", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))

# What must never reach a terminal: C0/C1 controls but tab and newline, DEL, and the
# invisible formatting controls that reorder or hide text.
UNSAFE_FOR_TERMINAL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\U000e0000-\U000e007f]"
)
HOSTILE_PIECES = [
    "\n", "\n\n", "\r\n", "\r", "\t", "\x00", "\x07", "\x1b[2J", "\x1b]52;c;cHduZWQ=\x07",
    "\x1b]0;title\x1b\\", "\x9b31m", "\u202e", "\u2066", "\u2069", "\u202b", "\u200f", "\ufeff",
    "\U000e0041", "\u200b", "“", "”", '"', "«", "»", " said ", "Mr. Smith said", ", he said.",
    "(AP) —", "BEIRUT (AP) — ", "Source: Xinhua", "http://example.org/x", ". ", "Iran", "Russia",
    "<script>alert(1)</script>", "[bold]markup[/bold]", "&amp;", "x" * 6000, "word " * 400,
]
PROSE = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)
ARTICLE_TEXT = st.lists(st.one_of(PROSE, st.sampled_from(HOSTILE_PIECES)), max_size=40).map("".join)
# Lone surrogates written as bytes (what a broken encoder leaves), raw bytes, BOMs.
ARTICLE_BYTES = st.one_of(
    ARTICLE_TEXT.map(lambda text: text.encode("utf-8")),
    st.tuples(ARTICLE_TEXT, st.sampled_from(["\ud800", "\udfff", "\udc80"])).map(
        lambda parts: (parts[0] + parts[1] + parts[0]).encode("utf-8", "surrogatepass")
    ),
    st.binary(max_size=3000),
    st.tuples(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b""]), st.binary(max_size=500)).map(
        b"".join
    ),
)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), PROSE,
    st.sampled_from(["2016-02-30", "2016-08-16", "../a.txt", "/etc/hostname", "a\x00b.txt"]),
)
YAML_VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(PROSE, inner, max_size=4), max_leaves=12
)


@st.composite
def manifests(draw, names: list[str]) -> str:
    """A manifest text: well-formed with odd values, random structure, or broken YAML."""
    entry = st.one_of(
        st.sampled_from(names),
        st.fixed_dictionaries(
            {"file": st.one_of(st.sampled_from(names), PROSE)},
            optional={"outlet": SCALARS, "title": SCALARS, "date": SCALARS, "url": SCALARS},
        ),
        YAML_VALUES,
    )
    document = st.fixed_dictionaries(
        {"sources": st.lists(entry, max_size=5)},
        optional={"title": SCALARS, "settings": st.one_of(YAML_VALUES, st.fixed_dictionaries(
            {}, optional={"threshold": SCALARS, "pivot": SCALARS, "granularity": SCALARS, "comparator": SCALARS}
        ))},
    )
    kind = draw(st.sampled_from(["document", "document", "document", "anything", "broken"]))
    if kind == "document":
        return yaml.safe_dump(draw(document), allow_unicode=True)
    if kind == "anything":
        return yaml.safe_dump(draw(YAML_VALUES), allow_unicode=True)
    return draw(ARTICLE_TEXT)


def assert_safe_for_terminal(text: str) -> None:
    found = UNSAFE_FOR_TERMINAL.search(text)
    assert found is None, f"{found[0]!r} in {text[max(0, found.start() - 40):found.end() + 40]!r}"


def check_everything_a_user_sees(paths: list[Path]) -> None:
    try:
        story = load_story(paths)
        comparison = compare(story)
    except StoryError as error:
        event("refused")
        assert_safe_for_terminal(str(error))
        assert "\n" not in str(error)
        return
    event("compared")
    for format in FORMATS:
        report = render_report(comparison, format)
        if format == "json":
            json.loads(report)
        elif format == "html":
            HTMLParser().feed(report)
            assert "<script" not in report.lower()
        if format != "json":
            assert_safe_for_terminal(report)
    export = to_json(comparison)
    json.loads(export)
    assert_safe_for_terminal(export)
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(quotes_table(story, comparison.quotes))
    assert_safe_for_terminal(console.file.getvalue())


@given(first=ARTICLE_BYTES, second=ARTICLE_BYTES, third=st.one_of(st.none(), ARTICLE_TEXT))
def test_any_article_bytes_load_and_report_safely_or_are_refused(first, second, third):
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / "first.txt", Path(folder) / "second.txt"]
        paths[0].write_bytes(first)
        paths[1].write_bytes(second)
        if third is not None:
            paths.append(Path(folder) / "third\x1b[31m\u202e.txt")
            paths[2].write_text(third, encoding="utf-8", errors="surrogatepass")
        check_everything_a_user_sees(paths)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data(), texts=st.lists(ARTICLE_TEXT, min_size=1, max_size=3))
def test_any_manifest_loads_and_reports_safely_or_is_refused(data, texts):
    with tempfile.TemporaryDirectory() as folder:
        names = []
        for index, text in enumerate(texts):
            name = f"a{index}.txt"
            (Path(folder) / name).write_text(text, encoding="utf-8")
            names.append(name)
        manifest = Path(folder) / "story.yaml"
        manifest.write_text(data.draw(manifests(names)), encoding="utf-8", errors="surrogatepass")
        check_everything_a_user_sees([manifest])
