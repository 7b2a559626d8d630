"""Who published an article, when the manifest does not say, and stable source ids.

The evidence is looked for in the order a reader would trust it: the agency in
the dateline ("BEIRUT (AP) —"), a copyright or licence credit after the article,
a closing sign-off ("(Xinhua)"), the domain of a URL standing above the article,
and at last the file name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

from comparators.cleaning import Cleaned

# "Copyright (c) 2023 The Associated Press.", "© 2016 Guardian News & Media Ltd"
_COPYRIGHT_HOLDER = re.compile(
    r"""(?:copyright|©|\(c\))(?:\s*(?:\(c\)|©))?\s*
        (?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?
        (?P<name>[^\W\d_][^.,;:()]*?)
        \s*(?:[.,;:()]|\s+or\s+its\b|\s+all\s+rights\b|$)""",
    re.IGNORECASE | re.VERBOSE,
)
# "All Content by Mehr News Agency is licensed under ..."
_LICENSOR = re.compile(
    r"\ball\s+(?:content|material)\s+(?:by|from|of|on)\s+(?P<name>.+?)"
    r"\s+(?:is|are)\s+licen[cs]ed\b",
    re.IGNORECASE,
)
# A last line naming who filed the story: "(Xinhua)", "— Reuters",
# "Source: Al Jazeera and news agencies".
_SIGN_OFF = re.compile(
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
    for pattern in (_LICENSOR, _COPYRIGHT_HOLDER):
        match = pattern.search(text)
        if match:
            name = " ".join(match.group("name").split()).strip(" -–—")
            if name and len(name.split()) <= _MAX_NAME_WORDS and name[0].isupper():
                return name
    return None


def sign_off_name(text: str) -> str | None:
    """The outlet a closing sign-off line names ("(Xinhua)" -> "Xinhua"), or None."""
    match = _SIGN_OFF.match(text.strip())
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
    "dateline", "credit line", "sign-off", "URL domain" or "file name"."""
    if cleaned.dateline_agency:
        return cleaned.dateline_agency, "dateline"
    for removal in reversed(cleaned.removed):  # footers are at the end
        if removal.rule in ("copyright", "credit"):
            name = credit_holder(removal.text)
            if name:
                return name, "credit line"
    last_line = max((p.line for p in cleaned.paragraphs), default=0)
    closing = [r for r in cleaned.removed if r.line > last_line and r.rule != "url"]
    if closing and (name := sign_off_name(closing[-1].text)):
        return name, "sign-off"
    if cleaned.leading_url:
        name = site_name(cleaned.leading_url)
        if name:
            return name, "URL domain"
    return file_name, "file name"


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
