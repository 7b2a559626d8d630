"""Web pages as sources: an HTML document -> the article's text and metadata.

trafilatura finds the main text (its paragraph structure kept, one paragraph a line),
the title, the site name (the outlet), the author and the publication date (through
htmldate). Scripts are never run: the page is only parsed. What the extractor left
out is summarised by kind ("navigation, 12 lines") so a reader can see what went.

trafilatura (with lxml) takes 0.13 s to import on an idle machine and 0.7 s on a busy
one; it is imported here, on the first page, so a story of text files never pays for it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cache

from comparators.consent_wall import CONSENT_MANAGER_MARKUP, in_consent_manager, is_consent_wall
from comparators.errors import SourceUnavailable
from comparators.model import Removal, Source
from comparators.sanitize import strip_control

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
EXTRACTOR_RULE = "extractor"
MIN_PARAGRAPH_WORDS = 10

# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Text blocks a page is made of; the innermost ones are the "lines" counted as dropped.
_BLOCK_TAGS = frozenset(
    "p li h1 h2 h3 h4 h5 h6 dt dd td th figcaption blockquote pre address caption "
    "button label option summary div section article header footer nav aside form".split()
)
_NEVER_TEXT = ("script", "style", "noscript", "template", "svg", "iframe", "object")
# Kinds of page furniture, found in an ancestor's tag, id, class or role.
_KINDS = (
    ("cookie banner", rf"cookie|consent|gdpr|{CONSENT_MANAGER_MARKUP}"),
    ("comments", r"comment|disqus|discussion"),
    ("related links", r"related|recommend|more-stories|read-more|teaser|promo"),
    ("sharing buttons", r"share|social"),
    ("newsletter", r"newsletter|subscribe|signup"),
    ("advertising", r"\bads?\b|advert|sponsor"),
    ("navigation", r"\bnav|menu|breadcrumb|navigation"),
    ("header", r"header|masthead|banner"),
    ("footer", r"footer|copyright|legal"),
    ("sidebar", r"aside|sidebar|rail|widget"),
)
_KIND_OF_TAG = {
    "nav": "navigation",
    "header": "header",
    "footer": "footer",
    "aside": "sidebar",
    "form": "form",
}
_SAMPLE_CHARS = 120


def is_web_page(source: Source) -> bool:
    """Whether `source` was read from a web page (fetched, or a saved .html file)."""
    return source.fetched is not None or (
        source.path is not None and source.path.suffix.lower() in HTML_SUFFIXES
    )


@dataclass(frozen=True, slots=True)
class Page:
    """An article as extracted from a web page."""

    text: str  # one paragraph a line, ready for cleaning
    title: str | None
    site_name: str | None
    author: str | None
    date: str | None  # ISO date
    encoding: str
    dropped: tuple[Removal, ...]  # what the extractor left out, one entry per kind


def decode_html(raw: bytes, content_type: str | None = None) -> tuple[str, str]:
    """`(text, encoding)` of an HTML document's bytes, as browsers pick it: a byte-order
    mark, the charset of the HTTP `Content-Type` header (`content_type`), the page's own
    `<meta charset>`, UTF-8, or what charset-normalizer detects, in that order."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw.decode(codec, "replace"), codec
    declared = [found.group(1) for found in [_HEADER_CHARSET.search(content_type or "")] if found]
    if found := _META_CHARSET.search(raw[:8192]):
        declared.append(found.group(1).decode("ascii", "replace"))
    for name in [*declared, "utf-8"]:
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            continue
        # As browsers do: "latin-1" means Windows-1252, and a declared UTF-16 without a
        # byte-order mark is a page saved as UTF-8 whose tag was copied along.
        codec = {"iso8859-1": "cp1252", "ascii": "cp1252"}.get(codec, codec)
        if codec.startswith(("utf-16", "utf-32")):
            continue
        try:
            return raw.decode(codec), codec
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes  # only for an undeclared legacy encoding

    best = from_bytes(raw).best()
    if best is None:
        return raw.decode("cp1252", "replace"), "cp1252"
    return str(best), best.encoding


def extract_page(html: str, where: str, url: str | None = None, encoding: str = "utf-8") -> Page:
    """The article in `html` (a decoded page; `url` where it came from, for relative
    metadata), or `SourceUnavailable` naming `where` when the page has no article."""
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
        )
    except Exception as error:  # the page is hostile input to a third-party parser
        raise SourceUnavailable(
            where, f"the page could not be parsed ({type(error).__name__})"
        ) from None
    text = strip_control(getattr(document, "text", None) or "") if document is not None else ""
    # Menus and forms come out as a few short lines: a page without one real sentence
    # (a sign-in page, a gallery) has no article.
    if not any(len(line.split()) >= MIN_PARAGRAPH_WORDS for line in text.splitlines()):
        raise SourceUnavailable(where, "no article text found in the page")
    dropped, consent_words = survey_page(html, text)
    if is_consent_wall(text, consent_words):
        raise SourceUnavailable(where, "looks like a cookie-consent page, not an article")
    return Page(
        text=text,
        title=_meta(document.title),
        site_name=_meta(document.sitename),
        author=_meta(document.author),
        date=_meta(document.date),
        encoding=encoding,
        dropped=dropped,
    )


def _meta(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return _SPACES.sub(" ", strip_control(value)).strip() or None


def survey_page(html: str, kept: str) -> tuple[tuple[Removal, ...], int]:
    """What the page showed and `kept` (the extracted text) lacks, one `Removal` per
    kind of furniture (its text a sample, its reason counting the lines), and how many
    words of `kept` stand inside a consent manager's markup: one walk over the page."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # lxml refuses some odd documents; the summary is only a courtesy
        return (), 0
    for element in list(root.iter(*_NEVER_TEXT)):
        if element.getparent() is not None:
            element.drop_tree()
    # Compared without spaces: inline tags split words differently from the extractor.
    kept_text = _SPACES.sub("", kept)
    by_kind: dict[str, list[tuple[int, str]]] = {}
    consent_words = 0
    body = root.find("body")
    blocks = list((body if body is not None else root).iter(*_BLOCK_TAGS))
    for element in _innermost(blocks):  # only the innermost blocks are lines
        line = _SPACES.sub(" ", strip_control(" ".join(element.itertext()))).strip()
        if not line:
            continue
        if _SPACES.sub("", line) in kept_text:
            if in_consent_manager(element):
                consent_words += len(line.split())
            continue
        kind = _kind_of(element)
        by_kind.setdefault(kind, []).append((element.sourceline or 1, line))
    removals = []
    for kind, lines in by_kind.items():
        sample = " · ".join(text for _, text in lines)
        if len(sample) > _SAMPLE_CHARS:
            sample = sample[: _SAMPLE_CHARS - 1].rstrip() + "…"
        count = f"{len(lines)} line" + ("s" if len(lines) != 1 else "")
        reason = f"{kind}, {count}: left out by the page extractor"
        removals.append(Removal(sample, EXTRACTOR_RULE, reason, lines[0][0]))
    return tuple(sorted(removals, key=lambda r: r.line)), consent_words


def _innermost(blocks: list) -> list:
    """The blocks holding no other block, in document order; one walk up from each block
    (stopping at an ancestor already seen), so a deep page costs linear time."""
    holders: set = set()
    for block in blocks:
        parent = block.getparent()
        while parent is not None and parent not in holders:
            holders.add(parent)
            parent = parent.getparent()
    return [block for block in blocks if block not in holders]


@cache
def _kind_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    # Compiled on the first page: a story of text files (which imports this module) never needs them.
    return tuple((kind, re.compile(words, re.IGNORECASE)) for kind, words in _KINDS)


def _kind_of(element) -> str:
    for node in (element, *element.iterancestors()):
        if not isinstance(node.tag, str) or node.tag in ("body", "html"):
            break
        names = " ".join(node.get(a, "") for a in ("id", "class", "role"))
        for kind, pattern in _kind_patterns():
            if names and pattern.search(names):
                return kind
        if kind := _KIND_OF_TAG.get(node.tag):
            return kind
    return "other page text"
