"""Web pages as sources: saved .html files read through the page extractor."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from comparators import compare, load_story
from comparators.html_source import decode_html
from comparators.story_folder import save_story_folder
from cli_helpers import run_synopsis
from reader_helpers import NO_KEYMAP, ready, screen_text, tiny_story
from tui.app import make_app

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
NEWS = PAGES / "news_page.html"  # navigation, cookie banner, related links, comments, scripts
OTHER = PAGES / "other_site.html"  # another site's template, JSON-LD metadata
AMP = PAGES / "amp_page.html"
LEGACY = PAGES / "windows_1252.html"
NO_ARTICLE = PAGES / "no_article.html"
CONSENT_WALL = PAGES / "consent_wall.html"  # "We use cookies... Accept all / Reject all"


def all_text(source) -> str:
    return "\n".join(p.text for p in source.paragraphs)


def test_a_saved_page_keeps_the_article_paragraphs_and_none_of_the_furniture():
    page, _ = load_story([NEWS, OTHER]).sources
    text = all_text(page)
    assert len(page.paragraphs) == 6
    assert page.paragraphs[0].text.startswith("The harbour bridge reopened to traffic")
    for furniture in (
        "cookies",
        "Sport",
        "Related stories",
        "commute has been a nightmare",
        "Privacy policy",
    ):
        assert furniture not in text
    assert "hijacked" not in text and "loadAdvert" not in text and "tracker" not in text


def test_a_page_s_outlet_title_date_and_author_come_from_its_metadata():
    page, other = load_story([NEWS, OTHER]).sources
    assert (page.outlet, page.outlet_evidence) == (
        "The Coastal Courier",
        "page metadata (site name)",
    )
    assert page.title == "Harbour bridge reopens after storm repairs"
    assert page.date == "2024-03-14"
    assert page.author == "Maria Lind"
    assert (other.outlet, other.date, other.author) == (
        "Northshore Daily",
        "2024-03-15",
        "Tom Reyes",
    )


def test_what_the_extractor_left_out_is_summarised_by_kind_with_a_line_count():
    page, _ = load_story([NEWS, OTHER]).sources
    reasons = [r.reason for r in page.removed if r.rule == "extractor"]
    assert "navigation, 5 lines: left out by the page extractor" in reasons
    assert any(r.startswith("cookie banner, ") for r in reasons)
    assert any(r.startswith("comments, 3 lines") for r in reasons)
    assert any(r.startswith("related links, 4 lines") for r in reasons)
    navigation = next(r for r in page.removed if r.reason.startswith("navigation"))
    assert navigation.text == "Home · News · Sport · Weather · Opinion"


def test_a_script_writing_text_into_the_page_is_never_run():
    _, other = load_story([NEWS, OTHER]).sources
    assert "Injected by a script" not in all_text(other)


def test_an_amp_page_is_read_like_any_page():
    amp, _ = load_story([AMP, NEWS]).sources
    assert amp.outlet == "Bay Wire"
    assert amp.date == "2024-03-14"
    assert len(amp.paragraphs) == 4
    assert "Top stories" not in all_text(amp)


def test_a_page_in_windows_1252_is_decoded_by_its_declared_charset_without_a_warning():
    story = load_story([LEGACY, NEWS])
    page = story.sources[0]
    assert page.encoding == "cp1252"
    assert page.outlet == "Courrier de la Côte"
    assert "quatre mois après qu’une tempête d’hiver a arraché" in all_text(page)
    assert "18,5 millions d’euros" in all_text(page)
    assert not story.warnings


def test_html_pages_in_a_folder_are_sources_like_text_files(tmp_path):
    shutil.copy(NEWS, tmp_path / "a.html")
    shutil.copy(OTHER, tmp_path / "b.htm")
    story = load_story([tmp_path])
    assert [s.outlet for s in story.sources] == ["The Coastal Courier", "Northshore Daily"]


def test_a_manifest_names_html_files_and_its_outlet_wins_over_the_page(tmp_path):
    shutil.copy(NEWS, tmp_path / "courier.html")
    shutil.copy(OTHER, tmp_path / "daily.html")
    manifest = {
        "title": "Bridge",
        "sources": [{"file": "courier.html", "outlet": "Courier"}, "daily.html"],
    }
    (tmp_path / "story.yaml").write_text(yaml.safe_dump(manifest))
    story = load_story([tmp_path / "story.yaml"])
    assert [s.outlet for s in story.sources] == ["Courier", "Northshore Daily"]


def test_a_page_without_an_article_is_left_out_with_a_warning_when_two_sources_remain():
    result = run_synopsis("sources", NEWS, NO_ARTICLE, OTHER)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"synopsis: warning: {NO_ARTICLE}: no article text found in the page; left out of the story"
    ]
    assert "Coastal" in result.stdout and "Northshore" in result.stdout


def test_a_cookie_consent_wall_is_left_out_with_a_warning_naming_it():
    result = run_synopsis("sources", NEWS, CONSENT_WALL, OTHER)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"synopsis: warning: {CONSENT_WALL}: looks like a cookie-consent page, not an article; "
        "left out of the story"
    ]
    assert "Coastal" in result.stdout and "Northshore" in result.stdout


def test_a_consent_manager_s_wall_is_known_by_its_markup_in_any_language():
    story = load_story([NEWS, PAGES / "consent_manager_wall.html", OTHER])
    assert story.warnings == (
        f"{PAGES / 'consent_manager_wall.html'}: looks like a cookie-consent page, not an article; "
        "left out of the story",
    )


@pytest.mark.parametrize(
    "page",
    [
        pytest.param("about_cookies.html", id="an article about cookie banners"),
        pytest.param("privacy_brief.html", id="a brief quoting a company on privacy settings"),
        pytest.param("privacy_howto.html", id="a how-to on privacy settings, written to the reader"),
    ],
)
def test_an_article_about_cookies_and_consent_still_reads_as_an_article(page):
    story = load_story([PAGES / page, NEWS])
    assert story.warnings == ()
    assert len(story.sources) == 2 and len(story.sources[0].paragraphs) >= 3


def test_an_article_page_with_a_consent_manager_s_banner_reads_as_an_article(tmp_path):
    banner = (
        '<div id="onetrust-consent-sdk"><div id="onetrust-banner-sdk"><p id="onetrust-policy-text">'
        "We and our partners use cookies to personalise content and ads. By clicking Accept all "
        "you agree to the storing of cookies on your device; manage your preferences at any time."
        "</p><button>Accept all</button><button>Reject all</button></div></div>"
    )
    page = tmp_path / "courier.html"
    # Saved from a browser: the platform marks <body> while its banner shows.
    opened = '<body class="didomi-popup-open">' + banner
    page.write_text(NEWS.read_text(encoding="utf-8").replace("<body>", opened, 1), encoding="utf-8")
    source = load_story([page, OTHER]).sources[0]
    assert all_text(source) == all_text(load_story([NEWS, OTHER]).sources[0])
    assert any(r.reason.startswith("cookie banner") for r in source.removed)


def test_the_title_of_loose_files_counts_the_articles_left_in_the_story(tmp_path):
    shutil.copy(NO_ARTICLE, tmp_path / "empty_page.html")  # another folder: the title counts
    story = load_story([NEWS, tmp_path / "empty_page.html", OTHER])
    assert len(story.sources) == 2 and story.title == "2 articles"


def test_a_page_without_an_article_stops_a_story_left_with_one_source():
    result = run_synopsis("sources", NEWS, NO_ARTICLE)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert f"{NO_ARTICLE}: no article text found in the page" in line
    assert "only 1 source remains" in line


def test_sources_removed_lists_the_extractor_summary():
    result = run_synopsis("sources", "--removed", NEWS, OTHER, columns=200)
    assert result.returncode == 0, result.stderr
    assert "navigation, 5 lines: left out by the page extractor" in result.stdout


def test_a_story_of_text_files_never_imports_the_page_extractor_or_http_client():
    probe = (
        "import sys, comparators; comparators.load_story([]); "
        "print(','.join(m for m in ('trafilatura', 'httpx', 'lxml') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


async def test_the_sources_pane_shows_which_page_the_source_under_its_cursor_came_from():
    story = tiny_story(
        {
            "Courier": ["The harbour bridge reopened on Thursday."],
            "Daily": ["The harbour bridge reopened."],
        }
    )
    courier, daily = story.sources
    story = replace(
        story,
        sources=(
            replace(courier, url="https://courier.example/bridge", fetched="2024-03-14T08:00:00Z"),
            replace(daily, url="https://daily.example/[bold]bridge"),
        ),
    )
    comparison = compare(story)
    app = make_app(story, comparison=comparison, keymap=NO_KEYMAP)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(app, pilot)
        app.screen.sources.focus()
        await pilot.pause()
        assert "from https://courier.example/bridge (fetched 2024-03-14T08:00:00Z)" in screen_text(
            app
        )
        await pilot.press("j")
        await pilot.pause()
        assert "from https://daily.example/[bold]bridge" in screen_text(app)


def test_a_50_mb_page_file_is_left_out_with_its_size_named(tmp_path):
    huge = tmp_path / "huge.html"
    with huge.open("wb") as out:
        out.truncate(50 * 2**20)
    story = load_story([NEWS, huge, OTHER])
    assert story.warnings == (
        f"{huge}: file is 50.0 MB, over the 10 MB limit; left out of the story",
    )
    assert len(story.sources) == 2


def test_a_page_s_encoding_follows_the_server_then_its_meta_tag_as_browsers_do():
    latin = '<meta charset="iso-8859-1"><p>Café – “quoted”</p>'.encode("cp1252")
    assert decode_html(latin) == ('<meta charset="iso-8859-1"><p>Café – “quoted”</p>', "cp1252")
    koi8 = "<p>Привет</p>".encode("koi8-r")
    assert decode_html(koi8, "text/html; charset=KOI8-R")[0] == "<p>Привет</p>"
    copied_tag = '<meta charset="utf-16"><p>Zoë</p>'.encode()
    assert decode_html(copied_tag) == ('<meta charset="utf-16"><p>Zoë</p>', "utf-8")


def test_a_story_of_saved_pages_and_text_files_is_kept_as_a_folder_that_reopens_the_same(tmp_path):
    text_file = tmp_path / "wire.txt"
    text_file.write_text(
        "BRIDGEPORT (Wire) — The harbour bridge reopened on Thursday after storm repairs.\n"
    )
    story = load_story([NEWS, text_file, LEGACY])
    manifest = save_story_folder(story, tmp_path / "kept")
    assert (tmp_path / "kept" / "02-wire.txt").read_bytes() == text_file.read_bytes()
    assert (tmp_path / "kept" / "03-courrier-de-la-cote.html").read_bytes() == LEGACY.read_bytes()
    reopened = load_story([manifest])

    def read(source):
        return (source.outlet, source.title, source.author, source.date, [p.text for p in source.paragraphs], source.removed)

    assert [read(s) for s in reopened.sources] == [read(s) for s in story.sources]
    assert any(r.rule == "extractor" for r in reopened.sources[0].removed)


def test_the_export_carries_a_page_s_author_and_fetch_time():
    from comparators import compare
    from comparators.export import to_json_dict

    story = load_story([NEWS, OTHER])
    exported = {s["id"]: s for s in to_json_dict(compare(story))["sources"]}
    authors = {s.id: s.author for s in story.sources}
    assert any(authors.values())
    assert {sid: s["author"] for sid, s in exported.items()} == authors
    assert all("fetched" in s for s in exported.values())


def test_a_page_carrying_wire_copy_names_the_wire_as_its_origin(tmp_path):
    page = tmp_path / "wire_copy.html"
    body = " ".join(
        f"<p>The harbour authority said on Monday that repairs to pier {n} would take another week "
        f"and that ferries would keep using the northern berth until then.</p>"
        for n in range(2, 6)
    )
    page.write_text(
        '<html><head><title>Pier repairs run late</title>'
        '<meta property="og:site_name" content="Valley Herald"></head><body><article>'
        "<h1>Pier repairs run late</h1>"
        "<p>KALMAR (AP) — Repairs to the town's main pier will take a week longer than planned, "
        "the harbour authority said on Monday, as divers found more damage below the waterline.</p>"
        f"{body}</article></body></html>",
        encoding="utf-8",
    )
    source = load_story([page, NEWS]).sources[0]
    assert source.outlet == "Valley Herald"
    assert source.origin == "AP"
