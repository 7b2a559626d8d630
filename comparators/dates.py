"""When an article says it was published, read from its own text.

The places a page states its date, most trusted first: a "Published"/"Posted" line,
another time stamp above the article, the dateline, any other line above the
article carrying a full date ("Source: Xinhua| 2021-03-03"), and at last the date
in the article's address ("/2020/08/04/"). Dates are read by
dateparser (imported only when a line holds a year, as it takes a second to load),
and only dates with a day, a month and a year count: "March 10" alone is no date.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from comparators.cleaning import Cleaned

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_PUBLISHED = re.compile(r"^\W*(?:published|posted|first\s+published|date)\b", re.IGNORECASE)
# Lines above the article that never date it: other people's words and other pages.
_NOT_DATING = ("comments", "promo", "template", "url", "headline")
_HEAD_PARAGRAPHS = 2  # the lead may sit under a kept standfirst
_DATE_LANGUAGES = ["en"]


def stated_date(cleaned: Cleaned) -> str | None:
    """The ISO date (YYYY-MM-DD) the article states above its text or in its
    dateline, or None when it states none with a year."""
    for text in _date_lines(cleaned):
        if _YEAR.search(text) and (found := read_date(text)):
            return found
    return url_date(cleaned.leading_url) if cleaned.leading_url else None


# "/2020/08/04/": the date many sites put in an article's address.
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})/")


def url_date(url: str) -> str | None:
    """The date in an article's address ("https://x.com/2020/08/04/slug"), or None."""
    match = _URL_DATE.search(url)
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:  # "/2020/13/45/" is no date
        return None


def _date_lines(cleaned: Cleaned) -> list[str]:
    """Lines that may date the article, most trusted first."""
    paragraphs = cleaned.paragraphs
    head_end = paragraphs[min(_HEAD_PARAGRAPHS, len(paragraphs)) - 1].line if paragraphs else 0
    head = [r for r in cleaned.removed if r.line <= head_end and r.rule not in _NOT_DATING]
    published = [r.text for r in head if _PUBLISHED.match(r.text)]
    stamps = [r.text for r in head if r.rule == "timestamp" and r.text not in published]
    others = [r.text for r in head if r.rule != "timestamp" and r.text not in published]
    # A date standing alone below the article, as some sites print it ("Friday 3 March
    # 2021"), but not a page's "Last update".
    last = paragraphs[-1].line if paragraphs else 0
    below = [
        r.text
        for r in cleaned.removed
        if r.line > last and r.rule in ("timestamp", "footer") and len(r.text.split()) <= _DATE_LINE_WORDS
        and not _UPDATED.match(r.text)
    ]
    return [*published, *stamps, *([cleaned.dateline] if cleaned.dateline else []), *others, *below]


_DATE_LINE_WORDS = 6
_UPDATED = re.compile(r"^\W*(?:last\s+)?updated?\b", re.IGNORECASE)


# A date a manifest or an article table gives: ISO (a time of day may follow), or written
# out with its month's name. All-digit forms other than ISO read two ways (12/03/2020).
_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}\S*)?")
_ABBREVIATED_MONTHS = "jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"  # May is written whole
_MONTH_NAME = re.compile(rf"\b(?:may|{_ABBREVIATED_MONTHS})[a-z]*\b", re.IGNORECASE)


def given_date(text: str) -> str | None:
    """The date a user gave (`2016-08-16`, `2016-08-16T09:30:00`, `March 3, 2024`, `3 Mar.
    2024`) as the story keeps it: ISO as written, a written-out date as YYYY-MM-DD; None
    for anything else ("yesterday", "12/03/2020"), since dates are sorted as text."""
    if match := _ISO_DATE.fullmatch(text):
        try:
            dt.date.fromisoformat(match[1])
        except ValueError:  # "2016-02-30" in quotes, which YAML leaves as text
            return None
        return text
    if not (_MONTH_NAME.search(text) and _YEAR.search(text)):
        return None
    return read_date(text)


# dateparser's search reads no month abbreviated with a full stop, as wires write them:
# "Aug. 17, 2016" gave nothing, "Sept. 5, 2019 10:00 a.m." gave 2019-05-01.
_MONTH_WITH_STOP = re.compile(rf"\b({_ABBREVIATED_MONTHS})\.", re.IGNORECASE)


def read_date(text: str) -> str | None:
    """The first full date (day, month and year) written in `text`, as YYYY-MM-DD."""
    for written, when in _search_dates(_MONTH_WITH_STOP.sub(r"\1", text)):
        if _YEAR.search(written):
            return when.date().isoformat()
    return None


def _search_dates(text: str) -> list[tuple[str, Any]]:
    return _date_searcher()(text, languages=_DATE_LANGUAGES, settings=_SETTINGS) or []


_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}


@cache
def _date_searcher():
    from dateparser.search import search_dates  # slow to import: only for texts that need it

    return search_dates
