"""Who published an article and whose copy it is, when the manifest does not say,
and stable source ids.

The outlet (who published) is looked for in the order a reader would trust it: the
site itself (the domain of a URL above the article, the site's name atop the page),
the agency in the dateline ("BEIRUT (AP) —"), a copyright or licence credit after the
article, a closing sign-off ("(Xinhua)"), a wire's tag, and at last the file name.
The origin is the wire the text credits ("(PTI)", "/TASS/", "— AFP", a bare
"Reuters" line, "Source: Xinhua|", "originally published by ..."), when it credits one.

The patterns of the later clues (a credit, a sign-off, the site's banner) are compiled on
first use (`functools.cache`): an article whose URL or dateline names its outlet never
needs them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from urllib.parse import urlsplit

from comparators.cleaning import Cleaned


@cache
def _credit_holders() -> tuple[re.Pattern[str], ...]:
    """The organisation named by a licence credit ("All Content by Mehr News Agency is
    licensed under ..."), then by a copyright ("Copyright (c) 2023 The Associated Press.",
    "© 2016 Guardian News & Media Ltd")."""
    licensor = re.compile(
        r"\ball\s+(?:content|material)\s+(?:by|from|of|on)\s+(?P<name>.+?)"
        r"\s+(?:is|are)\s+licen[cs]ed\b",
        re.IGNORECASE,
    )
    copyright_holder = re.compile(
        r"""(?:copyright|©|\(c\))(?:\s*(?:\(c\)|©))?\s*
        (?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?
        (?P<name>[^\W\d_][^.,;:()]*?)
        \s*(?:[.,;:()]|\s+or\s+its\b|\s+all\s+rights\b|$)""",
        re.IGNORECASE | re.VERBOSE,
    )
    return licensor, copyright_holder


@cache
def _sign_off() -> re.Pattern[str]:
    """A last line naming who filed the story: "(Xinhua)", "— Reuters",
    "Source: Al Jazeera and news agencies"."""
    return re.compile(
        r"""^(?:\((?P<paren>[A-Z][^()]{1,40})\)
        |[—–-]+\s*(?P<dash>[A-Z][\w.&'’ ]{1,40})
        |source:\s*(?P<source>[A-Z][\w.&'’ ]{1,40}?)(?:\s+and\s+(?:news\s+)?agencies)?)\.?$""",
        re.IGNORECASE | re.VERBOSE,
    )


_MAX_NAME_WORDS = 6
# Second-level labels under which a country code registers names ("bbc.co.uk").
_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu", "news"}


def credit_holder(text: str) -> str | None:
    """The organisation a copyright or licence credit names, or None."""
    for pattern in _credit_holders():
        match = pattern.search(text)
        if match:
            name = " ".join(match.group("name").split()).strip(" -–—")
            if name and len(name.split()) <= _MAX_NAME_WORDS and name[0].isupper():
                return name
    return None


def sign_off_name(text: str) -> str | None:
    """The outlet a closing sign-off line names ("(Xinhua)" -> "Xinhua"), or None."""
    match = _sign_off().match(text.strip())
    if not match:
        return None
    name = (match.group("paren") or match.group("dash") or match.group("source")).strip()
    return name if len(name.split()) <= _MAX_NAME_WORDS else None


def site_name(url: str) -> str | None:
    """The registered domain of `url` ("http://www.heraldscotland.com/news/1" ->
    "heraldscotland.com"), or None when it has none."""
    host = urlsplit(url if "://" in url else "http://" + url).hostname
    if not host or "." not in host:
        return None
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def infer_outlet(cleaned: Cleaned, file_name: str) -> tuple[str, str]:
    """`(outlet, evidence)` for a cleaned article; `evidence` names what gave it away:
    "URL domain", "site name", "dateline", "credit line", "sign-off", "wire credit"
    or "file name"."""
    if cleaned.leading_url and (name := site_name(cleaned.leading_url)):
        return name, "URL domain"
    if name := page_site_name(cleaned):
        return name, "site name"
    if cleaned.dateline_agency and not _is_place(cleaned.dateline_agency, cleaned):
        return cleaned.dateline_agency, "dateline"
    for removal in reversed(cleaned.removed):  # footers are at the end
        if removal.rule in ("copyright", "credit"):
            name = credit_holder(removal.text)
            if name:
                return name, "credit line"
    last_line = max((p.line for p in cleaned.paragraphs), default=0)
    closing = [r for r in cleaned.removed if r.line > last_line and r.rule != "url"]
    if closing and (name := sign_off_name(closing[-1].text)) and not _is_place(name, cleaned):
        return name, "sign-off"
    if origin := infer_origin(cleaned):
        return origin, "wire credit"
    return file_name, "file name"


# ---------------------------------------------------------------- the credited wire

# News agencies whose name alone, on a line or in a tag, credits the copy to them.
_AGENCIES = {
    name.casefold(): name
    for name in (
        "AP", "Associated Press", "AFP", "Agence France-Presse", "Reuters", "Xinhua", "TASS",
        "RIA Novosti", "Interfax", "PTI", "IANS", "ANI", "UNI", "dpa", "EFE", "ANSA", "Kyodo",
        "Jiji", "Yonhap", "Bernama", "Antara", "Anadolu", "IRNA", "ISNA", "Mehr", "Fars",
        "WAFA", "KUNA", "WAM", "SPA", "MENA", "APA", "AAP", "CP", "Canadian Press", "PA",
        "Press Association", "Bloomberg", "UPI", "NNA", "Ukrinform", "UNIAN", "BTA", "CTK",
        "PAP", "MTI", "Belga", "Lusa", "NTB", "TT", "STT", "Ritzau", "APA-OTS", "KCNA", "CNA",
    )
}
_ACRONYM = re.compile(r"[A-Z]{2,6}")
# "(PTI)" or "/TASS/" at either end of a line; "— AFP" or "- Reuters" closing one.
_TAG = re.compile(
    r"""^\s*(?:\((?P<open_paren>[^()]{2,25})\)|/(?P<open_slash>[^/]{2,25})/)
        |(?:\((?P<close_paren>[^()]{2,25})\)|/(?P<close_slash>[^/]{2,25})/|\s[—–-]+\s*(?P<dash>[A-Z][\w-]{1,20}))\.?\s*$""",
    re.VERBOSE,
)
# "Source: Xinhua| 2021-03-03", "/ Source: Reuters", "Reuters, Lisbon", a bare "AFP".
_SOURCE_LINE = re.compile(r"^\W*source\s*:\s*(?P<name>[^|,;:]{2,40}?)\s*(?:[|,;]|$)", re.IGNORECASE)
_NAME_LINE = re.compile(r"^\W*(?P<name>[A-Z][\w.&'’ -]{1,30}?)\s*(?:,\s*[A-Z][\w -]{1,30})?\W*$")
# "This article was originally published by The Daily Example and is reprinted ..."
_REPRINTED_FROM = re.compile(
    r"\b(?:originally|first)\s+(?:published|appeared)\s+(?:by|in|on|at)\s+(?P<name>[A-Z][^.,;()]{1,60}?)"
    r"(?:\s+(?:and|on|in)\b|[.,;(]|$)"
)
_EDGE_LINES = 4  # lines at the head and the foot of an article in which wires are credited


def infer_origin(cleaned: Cleaned) -> str | None:
    """The wire or outlet whose copy the article is, as the text credits it: the agency
    in the dateline, an agency tag in the first or last lines, a "Source:" line or a
    reprint note; None when it credits none. Never a place named in the dateline."""
    if cleaned.dateline_agency and not _is_place(cleaned.dateline_agency, cleaned):
        return cleaned.dateline_agency
    for text in _edge_texts(cleaned):
        name = _credited_name(text)
        if name and not _is_place(name, cleaned):
            return name
    return None


def _edge_texts(cleaned: Cleaned) -> list[str]:
    """Removed lines above and below the article, then its first and last paragraphs."""
    first = cleaned.paragraphs[0].line if cleaned.paragraphs else 0
    last = cleaned.paragraphs[-1].line if cleaned.paragraphs else 0
    # Reader comments and lists below the article are other people's words.
    credits = [r for r in cleaned.removed if r.rule not in ("comments", "promo", "template", "url")]
    head = [r.text for r in credits if r.line < first][:_EDGE_LINES * 2]
    foot = [r.text for r in credits if r.line > last][:_EDGE_LINES]
    edges = [p.text for p in (*cleaned.paragraphs[:1], *cleaned.paragraphs[-1:])]
    return [*head, *foot, *edges]


def _credited_name(text: str) -> str | None:
    """The agency a line credits, by a tag, a "Source:" line, a reprint note or a line
    bearing nothing but an agency's name."""
    if match := _REPRINTED_FROM.search(text):
        return match.group("name").strip()
    if match := _SOURCE_LINE.match(text):
        return _agency(match.group("name"), strict=False)
    if match := _TAG.search(text):
        name = next(g for g in match.groups() if g)
        return _agency(name, strict=True)
    if (match := _NAME_LINE.match(text)) and len(text.split()) <= 4:
        return _agency(match.group("name"), strict=True)
    return None


def _agency(name: str, strict: bool) -> str | None:
    """`name` tidied when it names a news agency: a known one, or an acronym ("KNA");
    when not `strict` (a "Source:" line says it is a source), any short capitalised name."""
    name = " ".join(name.split()).strip(" .-–—")
    if known := _AGENCIES.get(name.casefold()):
        return known
    if _ACRONYM.fullmatch(name) and (not strict or name in _AGENCIES.values() or len(name) <= 4):
        return name
    if not strict and 1 <= len(name.split()) <= _MAX_NAME_WORDS and name[:1].isupper():
        return name
    return None


def _is_place(name: str, cleaned: Cleaned) -> bool:
    """Whether `name` is a place the dateline names ("Karnataka" in "BENGALURU, Karnataka")."""
    dateline = cleaned.dateline or ""
    place = re.split(r"[(/]", dateline, maxsplit=1)[0]
    return bool(name) and name.casefold() in place.casefold()


# ---------------------------------------------------------------- the site


@cache
def _site_lines() -> tuple[re.Pattern[str], ...]:
    """A site's name and a section atop the page ("The Daily Example | News"), a press
    archive's line ("The Daily Example - 2021-03-03 - FRONT PAGE - A. Writer")."""
    banner = re.compile(r"^(?P<name>(?:The\s+)?[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,3})\s*\|\s*\w[\w ]{0,25}$")
    archive_line = re.compile(r"^(?P<name>[A-Z][\w'’&. ]{1,40}?)\s+-\s+(?:\S+\s+)?-\s+[A-Z][A-Z &]{2,30}\s+-\s+")
    return banner, archive_line


def page_site_name(cleaned: Cleaned) -> str | None:
    """The site's or paper's own name printed atop the page, or None."""
    # Above the lead, which may sit under a kept standfirst.
    lead = cleaned.paragraphs[min(1, len(cleaned.paragraphs) - 1)].line if cleaned.paragraphs else 0
    for removal in cleaned.removed:
        if removal.line >= lead:
            break
        for pattern in _site_lines():
            if match := pattern.match(removal.text):
                return match.group("name").strip()
    return None


def slug(name: str) -> str:
    """`name` as a lowercase ASCII id ("Tehran Times" -> "tehran-times"); may be ''."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def unique_ids(names: Iterable[str], fallbacks: Iterable[str]) -> list[str]:
    """One id per name: its slug (else the fallback's slug, else "source"), with
    "-2", "-3"... added in order to the second and later uses of an id."""
    ids: list[str] = []
    taken: set[str] = set()
    for name, fallback in zip(names, fallbacks, strict=True):
        base = slug(name) or slug(fallback) or "source"
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        ids.append(candidate)
    return ids
