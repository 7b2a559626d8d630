"""Shapes of web-page chrome that scraped articles carry: menus, breadcrumbs, site
notices, comment blocks, "most read" lists, template residue, photo credits.

Each test is a pure function of one line of text and describes the chrome of web
pages in general (its shape and the vocabulary sites use for it), never the wording
of particular articles. `cleaning.py` applies them; this module only recognises.

A pattern that runs only after a cheap test (a word or a mark the line must hold) is
compiled on first use (`functools.cache`): most stories never need it.
"""

from __future__ import annotations

import re
from functools import cache

# "+254 20 123 4567", "(020) 7946 0958": digits in groups, seven or more in all.
_PHONE = re.compile(r"^(?:tel\.?:?\s*|phone:?\s*)?\+?\(?\d[\d\s().-]{5,}\d$", re.IGNORECASE)
# "01:10", "1:02:45": the length of a video in a list of videos.
_CLOCK = re.compile(r"^\d{1,2}:\d\d(?::\d\d)?$")
# "1204 Views Storm hits coast": a link in a "most read" list with its counter.
_COUNTED_LINK = re.compile(
    r"^\d[\d,.]*\s*[kKmM]?\s+(?:views?|shares?|comments?|reads?|plays?)\b\s*\S", re.IGNORECASE
)


@cache
def _browser_notice() -> re.Pattern[str]:
    """Notices a site prints about the reader's browser, JavaScript or cookies."""
    return re.compile(
        r"""\b(?:browser|javascript|cookies?)\b.{0,80}?
        \b(?:not\s+supported|unsupported|(?:is\s+)?disabled|enabled?|upgrade|update\s+your
           |optimal\s+experience|best\s+experience|another\s+browser|accept)\b
        |\b(?:not\s+supported|(?:please\s+)?enable|upgrade\s+to)\b.{0,60}?\b(?:browser|javascript)\b""",
        re.IGNORECASE | re.VERBOSE,
    )


# "You are here: Home", "Home > World > Europe", "Home | News".
_BREADCRUMB = re.compile(r"^(?:you\s+are\s+here\b|home\s*[>»›|/]\s*\w)", re.IGNORECASE)
# Separators between the links of a menu or a list of headlines run together on one line.
_LIST_SEPARATOR = re.compile(r"\s[•|·▪»]\s")
_MENU_SEPARATORS = 3
# "story.lead_photo.caption", "article.body_text": a template field printed unfilled;
# "3f9a0c1d2e4b5a6978d0c1e2f3a4b5c6": an internal id.
_TEMPLATE_FIELD = re.compile(r"(?=\S*\.)(?=\S*_)[a-z]+(?:[._][a-z]+)+")
_HEX_ID = re.compile(r"\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{16,}\b")
# The head of a reader-comment section: "Comments 5", "12 comments", "Leave a Reply".
_COMMENTS_HEAD = re.compile(
    r"""^\W*(?:(?:\d+\s+)?(?:reader\s+)?comments?(?:\s*[(:]?\s*\d+\)?)?
        |(?:leave|post|add|write|show|view|load)\s+(?:a\s+|your\s+|all\s+|the\s+)?(?:reply|comments?|responses?)
        |\d+\s+(?:responses?|replies)(?:\s+to\b.*)?
        |join\s+the\s+(?:discussion|conversation))\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
# A commenter's header: a user name, then a date and a clock time, nothing else.
_COMMENTER = re.compile(
    r"^(?:[\w.@-]+\s+){1,3}\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4},?\s+\d{1,2}:\d\d\b.{0,12}$"
)


@cache
def _reprint() -> re.Pattern[str]:
    """A reprint note: "This article was originally published by X and is reprinted with permission"."""
    return re.compile(
        r"""\b(?:(?:was\s+)?(?:originally|first)\s+(?:published|appeared)\s+(?:by|in|on|at)
        |(?:reprinted|republished|reproduced)\s+(?:here\s+)?(?:with|by)\s+(?:kind\s+)?permission)\b""",
        re.IGNORECASE | re.VERBOSE,
    )


@cache
def _picture_credit_end() -> re.Pattern[str]:
    """The credit at the end of a caption: "JANE DOE / Agency", "Photo/AGENCY", "(AP Photo/...)"."""
    return re.compile(
        r"""(?:\b[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+)+\s*/\s*[A-Z][\w&. ]{1,30}
        |\b(?i:photo|picture|image)s?\s*/\s*\S.{0,40}
        |\((?:[A-Z][\w ]{1,20}\s+)?(?i:photo|picture|image)s?\b[^()]{0,60}\))\W*$""",
        re.VERBOSE,
    )


# A question put to the reader: "What can we help you find?", "Did you find this useful?"
_READER_PROMPT = re.compile(r"\b(?:you|your)\b[^.!]*\?\W*$", re.IGNORECASE)
_READER_PROMPT_WORDS = 8
# "Key points:", "In brief:", "Highlights:": the label over a box beside the article.
_BOX_LABEL_WORDS = 3


@cache
def _embed() -> re.Pattern[str]:
    """What an embedded social-media post leaves in scraped text: its picture link, a short
    link, and the sign-off "— Jane Doe (@janedoe) March 3, 2021"."""
    return re.compile(
        r"\bpic\.twitter\.com/\w|\bhttps?://t\.co/\w|[—–-]\s*[^()]{1,60}\(@\w{1,15}\)\s+\w+\.?\s+\d{1,2},\s+\d{4}\s*$"
    )


def is_embedded_post(text: str) -> bool:
    """A line left by an embedded social-media post (its link or its sign-off)."""
    return ("pic.twitter" in text or "t.co/" in text or "(@" in text) and bool(_embed().search(text))


def is_phone_number(text: str) -> bool:
    """A line that is a telephone number (digits in groups, seven or more)."""
    return bool(_PHONE.match(text)) and sum(c.isdigit() for c in text) >= 7 and bool(
        re.search(r"\d[\s().-]+\d", text)
    )


def is_clock(text: str) -> bool:
    """A line that is only a clock time or a video's length ("01:10")."""
    return bool(_CLOCK.match(text))


def is_counted_link(text: str) -> bool:
    """A link in a most-read or most-viewed list, opening with its counter."""
    return bool(_COUNTED_LINK.match(text))


def is_browser_notice(text: str) -> bool:
    """A site's notice about the reader's browser, JavaScript or cookies."""
    lower = text.lower()
    return any(w in lower for w in ("browser", "javascript", "cookie")) and bool(_browser_notice().search(text))


def is_breadcrumb(text: str) -> bool:
    """A breadcrumb trail ("You are here: Home", "Home > World")."""
    return bool(_BREADCRUMB.match(text))


def is_menu(text: str) -> bool:
    """Links of a menu or headlines of a list run together, separated by bullets or bars."""
    return any(mark in text for mark in "•|·▪»") and len(_LIST_SEPARATOR.findall(text)) >= _MENU_SEPARATORS


def opens_with_template_residue(text: str) -> bool:
    """A line opening with a template field or an internal id the page printed."""
    words = text[:80].split(maxsplit=1)
    first = words[0] if words else ""
    return ("." in first or len(first) >= 16) and bool(_TEMPLATE_FIELD.fullmatch(first) or _HEX_ID.fullmatch(first))


def is_comments_head(text: str) -> bool:
    """The heading of a reader-comment section or a commenter's name-and-time line."""
    return bool(_COMMENTS_HEAD.match(text) or _COMMENTER.match(text))


def is_reprint_note(text: str) -> bool:
    """A note that the article first appeared elsewhere ("originally published by")."""
    lower = text.lower()
    return any(w in lower for w in ("originally", "first", "permission")) and bool(_reprint().search(text))


_CREDIT_TAIL = 90  # characters at the end of a line in which a picture credit stands


def ends_with_picture_credit(text: str) -> bool:
    """A caption ending with its picture credit ("... / Reuters", "(AP Photo/...)")."""
    tail = text[-_CREDIT_TAIL:]
    return ("/" in tail or "(" in tail) and bool(_picture_credit_end().search(tail))


def is_reader_prompt(text: str) -> bool:
    """A short question the site puts to the reader ("What can we help you find?")."""
    return len(text.split()) <= _READER_PROMPT_WORDS and bool(_READER_PROMPT.search(text))


def is_box_label(text: str) -> bool:
    """A label of a few words and a colon standing over a box or list ("Key points:")."""
    return text.rstrip().endswith(":") and len(text.split()) <= _BOX_LABEL_WORDS
