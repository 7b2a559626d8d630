"""Consent walls: a page whose only text is a cookie-consent notice, not an article.

A site that asks for consent before showing anything serves a page whose main text is
the notice ("We use cookies... Accept all / Reject all / Manage preferences"); read as an
article it would be compared as if it were coverage. Two general signals find it, each
on most of the extracted text, so an article that merely mentions cookies (or carries a
consent banner beside its own text) still reads as an article:

- the markup: the text stands inside the container of a consent-management platform,
  whose ids and classes are the vendors' documented ones (`onetrust-banner-sdk`,
  `CybotCookiebotDialog`, `qc-cmp2-container`...), in any language;
- the words: the text is short, its paragraphs speak to the reader ("we", "your")
  in the vocabulary of consent (cookies, partners, preferences, accept, reject...),
  without the attribution of news ("said", "according to"), and it asks for a decision
  (accept, agree, reject...), which a how-to on privacy settings does not.
"""

from __future__ import annotations

import re
from functools import cache

# Ids and classes of common consent-management platforms (OneTrust, Cookiebot, Quantcast,
# Didomi, Sourcepoint, Usercentrics, TrustArc, Osano, iubenda, Google Funding Choices,
# consentmanager.net, CookieYes, Cookie Law Info, tarteaucitron, Klaro, Borlabs,
# CookieFirst, Complianz, Termly): as each vendor documents them for styling.
CONSENT_MANAGER_MARKUP = (
    r"onetrust|\bot-sdk|cookiebot|\bqc-cmp|didomi|sp_message|usercentrics"
    r"|\btruste[-_]|trustarc|osano-cm|iubenda-cs|fc-consent|\bcmpbox|\bcky-consent|cookie-law-info"
    r"|tarteaucitron|\bklaro\b|borlabs-cookie|cookiefirst|\bcmplz|termly"
)
# A consent wall's extracted text is a notice of a few paragraphs, never a long read.
MAX_WALL_WORDS = 500
# Most of the text must be the notice: a brief article beside a banner is still an article.
WALL_SHARE = 2 / 3
_MIN_TERMS = 2  # distinct words of consent in one paragraph of the notice


# Compiled on the first page (`functools.cache`): a story of text files never needs them.
@cache
def _manager_markup() -> re.Pattern[str]:
    return re.compile(CONSENT_MANAGER_MARKUP, re.IGNORECASE)


@cache
def _consent_terms() -> re.Pattern[str]:
    return re.compile(
        r"""\b(cookie|consent|privacy|personal\s+data|partner|preference|accept|reject|agree
        |disagree|opt[-\s]?out|track|personali[sz]|advertis|ads\b|analytics|legitimate\s+interest
        |withdraw|identifier|device|setting|options\b)""",
        re.IGNORECASE | re.VERBOSE,
    )


@cache
def _choice() -> re.Pattern[str]:
    """What a wall asks of the reader: a decision, which a how-to on privacy settings lacks."""
    return re.compile(r"\b(?:accept|agree|reject|decline|consent|refuse)", re.IGNORECASE)


@cache
def _reader() -> re.Pattern[str]:
    return re.compile(r"\b(?:we|our|us|you|your)\b", re.IGNORECASE)


@cache
def _attribution() -> re.Pattern[str]:
    """Reported speech: a company quoted on its privacy policy is news, not a notice."""
    return re.compile(r"\b(?:said|says|told|according\s+to|announced|added|stated)\b", re.IGNORECASE)


def in_consent_manager(element) -> bool:
    """Whether an lxml `element` stands inside a consent-management platform's markup
    (its own or an ancestor's id or class, below <body>: a platform marks <body> or
    <html> "popup open" while its banner shows over the article)."""
    for node in (element, *element.iterancestors()):
        if not isinstance(node.tag, str) or node.tag in ("body", "html"):
            return False
        names = f"{node.get('id', '')} {node.get('class', '')}"
        if names.strip() and _manager_markup().search(names):
            return True
    return False


def is_consent_notice(paragraph: str) -> bool:
    """A paragraph addressing the reader in the vocabulary of consent ("We and our
    partners use cookies... manage your preferences"), not reporting what someone said."""
    terms = {found.group(1).lower().split()[0] for found in _consent_terms().finditer(paragraph)}
    return (
        len(terms) >= _MIN_TERMS
        and bool(_reader().search(paragraph))
        and not _attribution().search(paragraph)
    )


def is_consent_wall(text: str, words_in_manager_markup: int = 0) -> bool:
    """Whether the extracted `text` of a page (one paragraph a line) is a consent notice
    rather than an article: most of its words stand inside a consent manager's markup
    (`words_in_manager_markup`, counted by the caller on the page), or it is short and
    most of its words are in paragraphs of consent notice."""
    words = len(text.split())
    if not words or words > MAX_WALL_WORDS:
        return False
    if words_in_manager_markup >= WALL_SHARE * words:
        return True
    notice = sum(len(line.split()) for line in text.splitlines() if is_consent_notice(line))
    return notice >= WALL_SHARE * words and bool(_choice().search(text))
