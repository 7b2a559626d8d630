"""Fetching web pages for a story, through an on-disk cache.

Pages are fetched with httpx: http and https only (a redirect to `file:` or any
other scheme is refused), redirects followed up to a limit, a timeout, a user agent
naming synopsis, and a size limit checked while reading. Nothing on a page is run.
Each page is cached by URL in the user's cache folder, so a story opens again
without the network and `--offline` works from the cache alone; `--refresh`
fetches again. Several pages are fetched at once, in threads.

Every problem is a `SourceUnavailable` naming the URL and saying what went wrong
in words ("connection refused", "HTTP 404 Not Found"); the loader decides whether
the story can go on without that page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from comparators.errors import SourceUnavailable

MAX_PAGE_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 10
DEFAULT_TIMEOUT = 15.0  # seconds, for connecting and between bytes read
WHOLE_PAGE_TIMEOUTS = 4  # a page trickling in gets this many timeouts in all
MAX_PARALLEL = 6
KEEP_PAGES = 500  # in the cache, newest first
HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "synopsis/{version} (a reader comparing news coverage; fetches single pages)"


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How pages are fetched: `refresh` ignores the cache, `offline` uses only it."""

    refresh: bool = False
    offline: bool = False
    timeout: float = DEFAULT_TIMEOUT
    cache: Path | None = None  # None: `page_cache_dir()`


@dataclass(frozen=True, slots=True)
class FetchedPage:
    url: str  # as asked for
    final_url: str  # after redirects
    body: bytes
    content_type: str  # the Content-Type header, charset included
    fetched_at: str  # ISO 8601, UTC, when the page was fetched from the network
    from_cache: bool = False


# Called as each page arrives: (url, its result, pages done, pages in all).
Progress = Callable[[str, "FetchedPage | SourceUnavailable", int, int], None]


def is_url(text: object) -> bool:
    """Whether a story argument names a page on the web rather than a file."""
    return isinstance(text, str) and text.lower().startswith(("http://", "https://"))


def page_cache_dir() -> Path:
    """The folder of cached pages: `$SYNOPSIS_CACHE_DIR/pages`, else the user's cache."""
    if configured := os.environ.get("SYNOPSIS_CACHE_DIR"):
        return Path(configured) / "pages"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("synopsis")) / "pages"


def fetch_pages(
    urls: Sequence[str], options: FetchOptions | None = None, progress: Progress | None = None
) -> list[FetchedPage | SourceUnavailable]:
    """Each of `urls` fetched (or read from the cache), in the same order: the page, or
    the `SourceUnavailable` saying why it could not be had. Fetches run concurrently."""
    options = options or FetchOptions()
    cache = options.cache or page_cache_dir()
    results: dict[str, FetchedPage | SourceUnavailable] = {}

    def report(url: str, result: FetchedPage | SourceUnavailable) -> None:
        results[url] = result
        if progress is not None:
            progress(url, result, len(results), len(urls))

    missing = []
    for url in urls:
        cached = None if options.refresh else read_cached(url, cache)
        if cached is not None:
            report(url, cached)
        elif options.offline:
            report(
                url,
                SourceUnavailable(url, "not in the page cache (run without --offline to fetch it)"),
            )
        else:
            missing.append(url)
    if missing:  # only now the HTTP client and threads: a cached story needs neither
        from concurrent.futures import ThreadPoolExecutor, as_completed

        with (
            _client(options.timeout) as client,
            ThreadPoolExecutor(min(MAX_PARALLEL, len(missing))) as pool,
        ):
            pending = {
                pool.submit(_fetch_and_store, client, url, options, cache): url for url in missing
            }
            for done in as_completed(pending):  # reported as each page arrives
                report(pending[done], done.result())
    return [results[url] for url in urls]


def _fetch_and_store(
    client, url: str, options: FetchOptions, cache: Path
) -> FetchedPage | SourceUnavailable:
    try:
        page = fetch_page(client, url, options.timeout)
    except SourceUnavailable as problem:
        return problem
    store_page(page, cache)
    return page


def _client(timeout: float):
    import httpx

    return httpx.Client(
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=httpx.Timeout(timeout),
        headers={"User-Agent": user_agent(), "Accept": "text/html,*/*;q=0.5"},
    )


def user_agent() -> str:
    """What synopsis calls itself to web servers: its name and version."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return USER_AGENT.format(version=version("synopsis"))
    except PackageNotFoundError:
        return USER_AGENT.format(version="0")


def fetch_page(client, url: str, timeout: float = DEFAULT_TIMEOUT) -> FetchedPage:
    """The page at `url` through an httpx `client`; `SourceUnavailable` otherwise."""
    import httpx

    if not is_url(url):
        raise SourceUnavailable(url, "only http:// and https:// addresses are fetched")
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise SourceUnavailable(
                    url, f"HTTP {response.status_code} {response.reason_phrase}".strip()
                )
            content_type = response.headers.get("content-type", "")
            _check_is_html(url, content_type)
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > MAX_PAGE_BYTES:
                raise SourceUnavailable(url, _too_big(int(declared)))
            body = bytearray()
            deadline = time.monotonic() + timeout * WHOLE_PAGE_TIMEOUTS
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > MAX_PAGE_BYTES:
                    raise SourceUnavailable(url, _too_big(None))
                if time.monotonic() > deadline:
                    whole = timeout * WHOLE_PAGE_TIMEOUTS
                    raise SourceUnavailable(url, f"timed out (the page took over {whole:g} s to arrive)")
            final_url = str(response.url)
    except httpx.TimeoutException:
        raise SourceUnavailable(url, f"timed out (no answer within {timeout:g} s)") from None
    except httpx.TooManyRedirects:
        raise SourceUnavailable(
            url, f"redirect loop (more than {MAX_REDIRECTS} redirects)"
        ) from None
    except httpx.UnsupportedProtocol:
        problem = "redirected to an address that is not http or https (never followed)"
        raise SourceUnavailable(url, problem) from None
    except httpx.ConnectError as error:
        raise SourceUnavailable(url, _connect_problem(error)) from None
    except httpx.InvalidURL as error:
        raise SourceUnavailable(url, f"not a valid address ({error})") from None
    except httpx.HTTPError as error:
        raise SourceUnavailable(url, f"fetch failed ({type(error).__name__}: {error})") from None
    if not _looks_like_html(bytes(body[:1024])):
        raise SourceUnavailable(url, "not a web page (the answer is not HTML)")
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return FetchedPage(url, final_url, bytes(body), content_type, now)


def _check_is_html(url: str, content_type: str) -> None:
    kind = content_type.split(";")[0].strip().lower()
    if kind and kind not in HTML_TYPES and kind not in ("text/plain", "application/octet-stream"):
        raise SourceUnavailable(url, f"not a web page (the server sent {kind})")


def _looks_like_html(start: bytes) -> bool:
    head = start.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return b"<" in head[:200] and not head.startswith((b"%pdf", b"\x89png", b"gif8", b"\xff\xd8"))


def _too_big(size: int | None) -> str:
    limit = f"the {MAX_PAGE_BYTES // 2**20} MB limit"
    return f"page is {size / 2**20:.1f} MB, over {limit}" if size else f"page is over {limit}"


def _connect_problem(error: Exception) -> str:
    import socket

    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return "host not found (DNS lookup failed)"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        cause = cause.__cause__ or cause.__context__
    text = str(error)
    if (
        "Name or service not known" in text
        or "nodename nor servname" in text
        or "getaddrinfo" in text
    ):
        return "host not found (DNS lookup failed)"
    if "refused" in text.lower():
        return "connection refused"
    return f"cannot connect ({text or type(error).__name__})"


# ---------------------------------------------------------------- cache


def _entry(url: str, cache: Path) -> Path:
    return cache / hashlib.sha256(url.encode("utf-8")).hexdigest()[:40]


def read_cached(url: str, cache: Path | None = None) -> FetchedPage | None:
    """The cached copy of `url`, or None when there is none (or it cannot be read)."""
    import json

    entry = _entry(url, cache or page_cache_dir())
    try:
        meta = json.loads(entry.with_suffix(".json").read_text(encoding="utf-8"))
        body = entry.with_suffix(".html").read_bytes()
        if meta.get("url") != url:
            return None
        return FetchedPage(
            url, meta["final_url"], body, meta["content_type"], meta["fetched_at"], True
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store_page(page: FetchedPage, cache: Path) -> None:
    """Keep `page` in the `cache` folder, atomically. A cache that cannot be written
    costs a refetch next time, never the story: nothing is raised."""
    import json

    entry = _entry(page.url, cache)
    meta = {
        "url": page.url,
        "final_url": page.final_url,
        "content_type": page.content_type,
        "fetched_at": page.fetched_at,
    }
    try:
        cache.mkdir(parents=True, exist_ok=True)
        _write_atomically(entry.with_suffix(".html"), page.body)
        _write_atomically(entry.with_suffix(".json"), json.dumps(meta).encode("utf-8"))
        _prune(cache)
    except OSError:
        pass


def _prune(cache: Path) -> None:
    """Keep the newest `KEEP_PAGES` pages: `fetch -o` is the way to keep a story for good."""
    metas = sorted(cache.glob("*.json"), key=lambda p: p.stat().st_mtime)
    for stale in metas[:-KEEP_PAGES]:
        stale.with_suffix(".html").unlink(missing_ok=True)
        stale.unlink(missing_ok=True)


def _write_atomically(path: Path, data: bytes) -> None:
    import tempfile

    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise
