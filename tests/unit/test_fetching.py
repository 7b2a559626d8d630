"""URLs as sources, against a local HTTP server on 127.0.0.1 started by the tests."""

from __future__ import annotations

import io
import json
import os
import socket
import sys
import time
from pathlib import Path

import pytest
import yaml
from pytest_httpserver import HTTPServer
from werkzeug.wrappers import Response

from comparators import compare, fetching, load_story
from comparators.fetching import MAX_PAGE_BYTES, FetchOptions, fetch_pages
from comparators.review_store import review_path_for
from comparators.story_folder import save_story_folder
from cli_helpers import run_synopsis
from tui.cli.fetch_progress import fetch_progress

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
NEWS_FILE, OTHER_FILE = PAGES / "news_page.html", PAGES / "other_site.html"
NEWS, OTHER = NEWS_FILE.read_bytes(), OTHER_FILE.read_bytes()
AMP = (PAGES / "amp_page.html").read_bytes()
HTML = "text/html; charset=utf-8"


@pytest.fixture(scope="module")
def server():
    """A local server on 127.0.0.1 answering requests in parallel (a slow page must not
    hold up the others)."""
    local = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    local.start()
    yield local
    local.stop()


@pytest.fixture
def site(server):
    """Three pages of one story, served as a news site would."""
    server.expect_request("/courier").respond_with_data(NEWS, content_type=HTML)
    server.expect_request("/daily").respond_with_data(OTHER, content_type=HTML)
    server.expect_request("/wire").respond_with_data(AMP, content_type=HTML)
    yield server
    server.clear()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A page cache of this test's own, for in-process loads and the CLI alike."""
    monkeypatch.setenv("SYNOPSIS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "pages"


def load(urls, cache, **options):
    return load_story(urls, FetchOptions(cache=cache, **options))


def sources(*args):
    """`synopsis sources ARGS...`, wide enough that no outlet name wraps."""
    return run_synopsis("sources", *args, columns=200)


def refused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed on leaving: nothing listens there


# ---------------------------------------------------------------- fetching


def test_urls_on_the_command_line_are_fetched_and_extracted(site, cache):
    result = sources("--removed", site.url_for("/courier"), site.url_for("/daily"))
    assert result.returncode == 0, result.stderr
    assert "The Coastal Courier" in result.stdout and "Northshore Daily" in result.stdout
    assert f"removed from {site.url_for('/courier')}" in result.stdout
    assert result.stderr == ""


def test_a_fetched_source_keeps_its_url_and_fetch_time(site, cache):
    courier, _ = load([site.url_for("/courier"), site.url_for("/daily")], cache).sources
    assert courier.url == site.url_for("/courier")
    assert courier.path is None
    assert courier.fetched and courier.fetched.endswith("Z")
    assert courier.title == "Harbour bridge reopens after storm repairs"


def test_pages_are_asked_for_with_a_user_agent_naming_synopsis(site, cache):
    load([site.url_for("/courier"), site.url_for("/daily")], cache)
    agents = {request.headers.get("User-Agent") for request, _ in site.log}
    assert len(agents) == 1 and agents.pop().startswith("synopsis/")


def test_several_pages_are_fetched_with_progress_reported_for_each(site, cache):
    seen = []
    urls = [site.url_for(p) for p in ("/courier", "/daily", "/wire")]
    load_story(
        urls, FetchOptions(cache=cache), lambda url, result, done, total: seen.append((url, total))
    )
    assert sorted(seen) == sorted((url, 3) for url in urls)


def test_a_fetched_page_is_read_from_the_cache_the_next_time(site, cache):
    urls = [site.url_for("/courier"), site.url_for("/daily")]
    load(urls, cache)
    site.clear()  # the site is gone
    story = load(urls, cache)
    assert [s.outlet for s in story.sources] == ["The Coastal Courier", "Northshore Daily"]


def test_the_page_cache_keeps_the_newest_pages(site, cache, monkeypatch):
    monkeypatch.setattr(fetching, "KEEP_PAGES", 2)
    for age, path in enumerate(("/courier", "/daily", "/wire")):
        fetch_pages([site.url_for(path)], FetchOptions(cache=cache))
        for meta in cache.glob("*.json"):  # fetched one after the other, whatever the clock's grain
            if json.loads(meta.read_text())["url"] == site.url_for(path):
                os.utime(meta, (1000 + age, 1000 + age))
    assert fetching.read_cached(site.url_for("/courier"), cache) is None
    assert fetching.read_cached(site.url_for("/wire"), cache) is not None
    assert len(list(cache.iterdir())) == 4  # two pages, each with its metadata


def test_offline_uses_the_cache_only_and_names_a_page_never_fetched(site, cache):
    urls = [site.url_for("/courier"), site.url_for("/daily")]
    load(urls, cache)
    requests = len(site.log)
    result = sources("--offline", *urls, site.url_for("/wire"))
    assert len(site.log) == requests
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"synopsis: warning: {site.url_for('/wire')}: not in the page cache "
        "(run without --offline to fetch it); left out of the story"
    ]


def test_refresh_fetches_a_cached_page_again(site, cache):
    urls = [site.url_for("/courier"), site.url_for("/daily")]
    load(urls, cache)
    site.clear()
    changed = NEWS.replace(b"The Coastal Courier", b"The Coastal Chronicle")
    site.expect_request("/courier").respond_with_data(changed, content_type=HTML)
    site.expect_request("/daily").respond_with_data(OTHER, content_type=HTML)
    assert load(urls, cache).sources[0].outlet == "The Coastal Courier"
    assert load(urls, cache, refresh=True).sources[0].outlet == "The Coastal Chronicle"


def test_refresh_with_offline_is_refused_in_one_line_before_anything_is_fetched(site, cache, tmp_path):
    urls = [site.url_for("/courier"), site.url_for("/daily")]
    for command in (["sources"], ["fetch", "-o", tmp_path / "kept"]):
        result = run_synopsis(*command, "--refresh", "--offline", *urls)
        assert result.returncode == 2
        assert result.stderr.splitlines() == [
            "synopsis: --refresh fetches every page again and --offline never fetches: give one of them"
        ]
        assert result.stdout == ""
    assert len(site.log) == 0
    assert not (tmp_path / "kept").exists()


def test_a_redirect_is_followed_and_the_source_keeps_the_address_given(site, cache):
    site.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": site.url_for("/courier")}
    )
    [page] = fetch_pages([site.url_for("/old")], FetchOptions(cache=cache))
    assert page.final_url == site.url_for("/courier")
    assert load([site.url_for("/old"), site.url_for("/daily")], cache).sources[
        0
    ].url == site.url_for("/old")


def test_a_manifest_entry_with_only_a_url_is_fetched(site, cache, tmp_path):
    manifest = {
        "title": "Bridge",
        "sources": [{"url": site.url_for("/courier")}, {"url": site.url_for("/daily")}],
    }
    (tmp_path / "story.yaml").write_text(yaml.safe_dump(manifest))
    story = load_story([tmp_path / "story.yaml"], FetchOptions(cache=cache))
    assert story.title == "Bridge"
    assert [s.outlet for s in story.sources] == ["The Coastal Courier", "Northshore Daily"]


# ---------------------------------------------------------------- bad input


def problem_with(server, cache, path: str, **options) -> str:
    """The one warning line for the page at `path`, loaded beside two good pages."""
    urls = [server.url_for("/courier"), server.url_for(path), server.url_for("/daily")]
    story = load(urls, cache, **options)
    assert [s.outlet for s in story.sources] == ["The Coastal Courier", "Northshore Daily"]
    [warning] = story.warnings
    assert warning.startswith(server.url_for(path) + ": ")
    assert warning.endswith("; left out of the story")
    return warning


def test_an_http_error_is_named_with_its_status(site, cache):
    site.expect_request("/gone").respond_with_data("gone", status=404)
    site.expect_request("/broken").respond_with_data("oops", status=503)
    assert "HTTP 404 NOT FOUND" in problem_with(site, cache, "/gone").upper()
    assert "HTTP 503" in problem_with(site, cache, "/broken")


def test_a_redirect_loop_is_named(site, cache):
    site.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    assert "redirect loop" in problem_with(site, cache, "/loop")


def test_a_redirect_to_a_file_url_is_never_followed(site, cache):
    site.expect_request("/sneaky").respond_with_data(
        "", status=302, headers={"Location": "file:///etc/passwd"}
    )
    assert "never followed" in problem_with(site, cache, "/sneaky")


def test_a_pdf_or_an_image_is_not_a_web_page(site, cache):
    site.expect_request("/report.pdf").respond_with_data(
        b"%PDF-1.7 ...", content_type="application/pdf"
    )
    site.expect_request("/photo").respond_with_data(b"\x89PNG\r\n", content_type="image/png")
    assert "not a web page (the server sent application/pdf)" in problem_with(
        site, cache, "/report.pdf"
    )
    assert "not a web page (the server sent image/png)" in problem_with(site, cache, "/photo")


def test_a_page_without_an_article_is_named(site, cache):
    site.expect_request("/login").respond_with_data(
        (PAGES / "no_article.html").read_bytes(), content_type=HTML
    )
    assert "no article text found in the page" in problem_with(site, cache, "/login")


def test_a_cookie_consent_wall_is_named_and_left_out_not_compared(site, cache, tmp_path):
    site.expect_request("/consent").respond_with_data(
        (PAGES / "consent_wall.html").read_bytes(), content_type=HTML
    )
    assert problem_with(site, cache, "/consent") == (
        f"{site.url_for('/consent')}: looks like a cookie-consent page, not an article; left out of the story"
    )
    urls = [site.url_for("/courier"), site.url_for("/consent")]
    result = run_synopsis("fetch", *urls, "-o", tmp_path / "kept")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"synopsis: {urls[1]}: looks like a cookie-consent page, not an article "
        "(only 1 source remains; a story needs two)"
    ]


def test_a_slow_server_times_out(site, cache):
    def slow(request):
        time.sleep(1.5)
        return Response(NEWS, content_type=HTML)

    site.expect_request("/slow").respond_with_handler(slow)
    assert "timed out" in problem_with(site, cache, "/slow", timeout=0.3)


def test_a_page_trickling_in_byte_by_byte_times_out_as_a_whole(site, cache):
    def trickle():
        for _ in range(20):
            time.sleep(0.1)
            yield b"<p>word</p>"

    site.expect_request("/trickle").respond_with_handler(
        lambda request: Response(trickle(), content_type=HTML)
    )
    assert "timed out (the page took over 0.8 s to arrive)" in problem_with(
        site, cache, "/trickle", timeout=0.2
    )


def test_a_page_over_the_size_limit_is_refused_while_it_streams_in(site, cache):
    def fifty_megabytes():
        yield b"<html><body><p>"
        for _ in range(50):
            yield b"word " * (2**20 // 5)

    site.expect_request("/huge").respond_with_handler(
        lambda request: Response(fifty_megabytes(), content_type=HTML)
    )
    warning = problem_with(site, cache, "/huge")
    assert f"over the {MAX_PAGE_BYTES // 2**20} MB limit" in warning


def test_a_refused_connection_is_named(site, cache):
    url = f"http://127.0.0.1:{refused_port()}/story"
    story = load([site.url_for("/courier"), url, site.url_for("/daily")], cache)
    assert story.warnings == (f"{url}: connection refused; left out of the story",)


def test_a_host_that_does_not_resolve_is_named(site, cache, monkeypatch):
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    url = "http://no-such-host.invalid/story"
    story = load([NEWS_FILE, url, OTHER_FILE], cache)
    assert story.warnings == (f"{url}: host not found (DNS lookup failed); left out of the story",)


def test_fewer_than_two_sources_left_stops_with_one_line_naming_each_failed_page(site, cache):
    site.expect_request("/gone").respond_with_data("gone", status=404)
    gone, refused = site.url_for("/gone"), f"http://127.0.0.1:{refused_port()}/x"
    result = sources(site.url_for("/courier"), gone, refused)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert f"{gone}: HTTP 404" in line and f"{refused}: connection refused" in line
    assert "only 1 source remains" in line


def test_warnings_about_fetched_pages_name_their_urls(site, cache):
    site.expect_request("/copy").respond_with_data(NEWS, content_type=HTML)
    courier, copy = site.url_for("/courier"), site.url_for("/copy")
    twice = sources(courier, copy)
    assert twice.returncode == 0
    assert twice.stderr == f"synopsis: warning: {copy}: the same text as {courier} (a copy of one article?)\n"
    alone = sources(courier)
    assert alone.stderr == f"synopsis: warning: only one source ({courier}): nothing to compare\n"


def test_a_file_url_on_the_command_line_is_refused(site, cache):
    result = sources("file:///etc/passwd", site.url_for("/courier"))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "synopsis: file:///etc/passwd: "
        "only http:// and https:// addresses are fetched (never file: or others)"
    )


def test_the_same_url_twice_is_refused(site, cache):
    result = sources(site.url_for("/courier"), site.url_for("/courier"))
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"synopsis: {site.url_for('/courier')}: given twice in the same story"
    )


# ---------------------------------------------------------------- keeping a story


def test_fetch_writes_a_story_folder_with_text_original_html_and_manifest(site, cache, tmp_path):
    folder = tmp_path / "bridge"
    result = run_synopsis("fetch", site.url_for("/courier"), site.url_for("/daily"), "-o", folder)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "01-the-coastal-courier.html",
        "01-the-coastal-courier.txt",
        "02-northshore-daily.html",
        "02-northshore-daily.txt",
        "story.yaml",
    ]
    assert (folder / "01-the-coastal-courier.html").read_bytes() == NEWS
    manifest = yaml.safe_load((folder / "story.yaml").read_text())
    first = manifest["sources"][0]
    assert first["outlet"] == "The Coastal Courier"
    assert first["title"] == "Harbour bridge reopens after storm repairs"
    assert first["date"] == "2024-03-14"
    assert first["url"] == site.url_for("/courier")
    assert first["fetched"].endswith("Z")


def test_a_fetched_story_reopens_from_its_folder_with_the_same_comparison(site, cache, tmp_path):
    urls = [site.url_for(p) for p in ("/courier", "/daily", "/wire")]
    fetched = load(urls, cache)
    save_story_folder(fetched, tmp_path / "kept", cache)
    site.clear()
    reopened = load_story([tmp_path / "kept"])

    def shape(story):
        comparison = compare(story)
        sources = [
            (s.id, s.outlet, s.title, s.author, s.date, s.url, [p.text for p in s.paragraphs], s.removed)
            for s in story.sources
        ]
        groups = [[(m.source, m.paragraph) for m in g.members] for g in comparison.groups]
        return story.title, sources, groups

    assert shape(reopened) == shape(fetched)


def test_a_fetched_folder_reads_offline_as_the_pages_read_online(site, cache, tmp_path):
    urls = [site.url_for("/courier"), site.url_for("/daily")]
    folder = tmp_path / "kept"
    assert run_synopsis("fetch", *urls, "-o", folder).returncode == 0

    def read(*story):
        exported = json.loads(run_synopsis("export", *story).stdout)["sources"]
        keys = ("outlet", "title", "author", "date", "url", "fetched", "paragraphs", "removed")
        return [{key: source[key] for key in keys} for source in exported]

    online = read("--offline", *urls)
    assert online[0]["author"] == "Maria Lind"
    assert any(r["reason"].startswith("cookie banner, 2 lines") for r in online[0]["removed"])
    assert read(folder) == online
    listed = sources("--removed", folder).stdout
    assert "By Maria Lind" in listed and "navigation, 5 lines" in listed


def test_save_on_any_command_keeps_the_story_it_compared(site, cache, tmp_path):
    folder = tmp_path / "kept"
    result = sources(site.url_for("/courier"), site.url_for("/daily"), "--save", folder)
    assert result.returncode == 0, result.stderr
    assert (folder / "story.yaml").is_file()
    assert "Northshore Daily" in result.stdout


def test_a_story_folder_is_never_written_over(site, cache, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("my notes")
    result = run_synopsis("fetch", site.url_for("/courier"), site.url_for("/daily"), "-o", folder)
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"synopsis: {folder}: already exists and is not an empty folder; nothing was written"
    )
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert len(site.log) == 0  # refused before fetching anything


def test_stories_of_different_pages_keep_their_reviews_apart(site, cache, tmp_path):
    first = load([site.url_for("/courier"), site.url_for("/daily")], cache)
    second = load([site.url_for("/courier"), site.url_for("/wire")], cache)
    assert first.title == second.title  # both named by the first page
    assert review_path_for(first, state_dir=tmp_path) != review_path_for(second, state_dir=tmp_path)


def test_a_url_listed_twice_in_a_manifest_is_refused_with_its_line(cache, tmp_path):
    url = "https://news.example/story"
    (tmp_path / "story.yaml").write_text(
        f"title: Twice\nsources:\n  - url: {url}\n  - url: {url}\n"
    )
    result = run_synopsis("sources", tmp_path / "story.yaml")
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"synopsis: {tmp_path / 'story.yaml'}: line 4: {url} is listed twice in the story"
    )


def test_bad_arguments_are_refused_before_any_page_is_fetched(site, cache, tmp_path):
    result = sources(site.url_for("/courier"), site.url_for("/daily"), tmp_path / "gone.txt")
    assert result.returncode == 2
    assert "gone.txt: no such file" in result.stderr
    assert len(site.log) == 0


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_a_progress_bar_naming_each_page_as_it_arrives(site, cache, monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    urls = [site.url_for("/courier"), site.url_for("/gone")]
    with fetch_progress() as progress:
        fetch_pages(urls, FetchOptions(cache=cache), progress)
    shown = terminal.getvalue()
    assert "fetching" in shown and "2/2" in shown
    assert f"{urls[0]} (ok)" in shown or f"{urls[1]} (failed)" in shown


def test_without_a_terminal_no_progress_is_drawn(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with fetch_progress() as progress:
        assert progress is None
