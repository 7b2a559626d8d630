"""Cleaning an article's text: keep the reporting, drop the page furniture.

Everything dropped is kept as a `Removal` (text, rule, reason, line) so the
reader and reports can show what went and why. Rules are general: patterns of
shape (a bare number, a URL), position (short lines above the lead) and
repetition (a line printed twice in one article is a promo), never phrases
copied from particular articles.

`clean(text)` is the entry point; the rule functions it uses are public and pure
so each can be tested on its own.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from comparators import page_chrome
from comparators.model import Paragraph, Removal
from comparators.sanitize import strip_control


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based line in the file
    text: str


@dataclass(frozen=True, slots=True)
class Cleaned:
    """What cleaning keeps and what it learns about the article."""

    paragraphs: tuple[Paragraph, ...]
    removed: tuple[Removal, ...]  # in file order
    dateline: str | None = None  # e.g. "BEIRUT (AP) —"
    dateline_agency: str | None = None  # the credit inside the dateline, e.g. "AP"
    leading_url: str | None = None  # a URL line above the article
    headline: str | None = None  # the article's headline, removed from the text


# ---------------------------------------------------------------- text normalisation

# Spaces that look like spaces but are not U+0020 (no-break, thin, figure, ideographic...).
_ODD_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Invisible characters that only get in the way of comparing words. U+200C/U+200D are
# kept: they carry meaning in Persian and emoji.
_INVISIBLE = re.compile(r"[\u00ad\u200b\u2060\ufeff]")
_MULTISPACE = re.compile(r" {2,}")

# Cyrillic and Greek letters drawn like Latin ones; a Latin word containing one
# ("Tu-22М3" with a Cyrillic М) would never match the same word in another outlet.
_LOOKALIKES = str.maketrans(
    "АВЕКМНОРСТХаеорсухіјѕԁΑΒΕΖΗΙΚΜΝΟΡΤΥΧο",
    "ABEKMHOPCTXaeopcyxijsdABEZHIKMNOPTYXo",
)
_LATIN = re.compile(r"[A-Za-z]")
_NON_LATIN_LETTER = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")


# "quot;" left when a scraper dropped the ampersand of "&quot;".
_BARE_ENTITY = re.compile(r"(?<![&\w])(quot|apos|amp|#39|#34);")
_BARE_ENTITIES = {"quot": '"', "apos": "'", "amp": "&", "#39": "'", "#34": '"'}


def decode_entities(text: str) -> str:
    """`text` with HTML entities a scraper left ("&quot;", "&#8217;", bare "quot;") decoded."""
    if "&" in text:
        import html  # here: its table of entities takes 3 ms to load, and most texts hold no "&"

        text = html.unescape(text)
    if ";" in text:
        text = _BARE_ENTITY.sub(lambda m: _BARE_ENTITIES[m.group(1)], text)
    return text


# Two single marks typed for a double one: ''quoted'', ‘‘quoted’’.
_DOUBLED_SINGLE = {"''": '"', "‘‘": "“", "’’": "”"}
_DOUBLED_SINGLE_MARK = re.compile("|".join(_DOUBLED_SINGLE))


@lru_cache(maxsize=65536)  # wire copy: the same paragraph in many outlets' files (see `forget_lines`)
def normalise_text(text: str) -> str:
    """`text` with control characters gone, HTML entities decoded, doubled single quote
    marks made double, odd spaces made plain and runs of spaces collapsed; lookalike
    Cyrillic/Greek letters inside Latin words made Latin."""
    text = strip_control(decode_entities(text))
    if "''" in text or "‘‘" in text or "’’" in text:
        text = _DOUBLED_SINGLE_MARK.sub(lambda m: _DOUBLED_SINGLE[m[0]], text)
    text = _INVISIBLE.sub("", _ODD_SPACES.sub(" ", text))
    text = _MULTISPACE.sub(" ", text).strip()
    if _NON_LATIN_LETTER.search(text):
        text = _fix_lookalikes(text)
    return text


def _fix_lookalikes(text: str) -> str:
    # Only in mostly-Latin text: in a Russian article, Cyrillic is simply Cyrillic.
    if len(_NON_LATIN_LETTER.findall(text)) * 4 > len(_LATIN.findall(text)):
        return text

    words = text.split(" ")  # spaces are single by now
    return " ".join(
        w.translate(_LOOKALIKES) if _NON_LATIN_LETTER.search(w) and _LATIN.search(w) else w
        for w in words
    )


@lru_cache(maxsize=65536)  # as `normalise_text`
def _key(text: str) -> str:
    """Comparison key of a line: case and spacing do not make two lines different."""
    return " ".join(_ODD_SPACES.sub(" ", text).split()).casefold().translate(_PLAIN_QUOTES)


# Typographic and straight quote marks are the same mark for comparing lines.
_PLAIN_QUOTES = str.maketrans("‘’‚‛“”„‟«»", "\'\'\'\'\"\"\"\"\"\"")


# ---------------------------------------------------------------- line rules

_URL = re.compile(r"^<?(?:https?://|www\.)\S+>?$", re.IGNORECASE)
# "190", "1,204", "3.4K", "12 shares": counters left over from share buttons.
_NUMBER = re.compile(
    r"^[+#]?\d[\d,.\s]*[kKmM]?(?:\s*(?:shares?|comments?|views?|likes?|reads?))?$"
)
_PROMO = re.compile(
    r"""^\W*(?:
        (?:read|see|watch|listen)\s+(?:more|also|next)|also\s+(?:read|see|watch)|
        more\s+(?:on\s+this(?:\s+story)?|from\s+\S+(?:\s+\S+)?)|
        related(?:\s+(?:articles?|stories|coverage|content|links?|topics?|news))?|
        recommended|you\s+(?:may|might)\s+also\s+like|don'?t\s+miss|most\s+(?:read|popular)|
        editor'?s\s+picks?|trending(?:\s+now)?|watch|listen|video|pictures|in\s+pictures|
        # the same labels in other languages the outlets write in
        lesen\s+sie\s+(?:auch|mehr)|mehr\s+zum\s+thema|(?:lea|lee|ver)\s+(?:también|más)|
        (?:à\s+)?lire\s+(?:aussi|également)|leggi\s+anche|leia\s+(?:também|mais)|
        czytaj\s+(?:też|także|więcej)|читайте\s+также|ayrıca\s+bakınız
    )\s*(?::|\||»|›|>|-+|–|—)""",
    re.IGNORECASE | re.VERBOSE,
)
# Lines that are a label and nothing else.
_PROMO_LABEL = re.compile(
    r"""^\W*(?:
        advert(?:isement)?|sponsored(?:\s+content)?|
        story\s+continues(?:\s+below)?(?:\s+advertisement)?|
        continue\s+reading(?:\s+(?:below|the\s+main\s+story))?|scroll\s+(?:down\s+)?to\s+continue.*|
        share\s+(?:this|on|via)\b.*|(?:click|tap)\s+here\b.*|follow\s+us\b.*|
        (?:follow|like|join)\b.*\b(?:twitter|facebook|instagram|telegram|whatsapp)\b.*|
        .*\b(?:your\s+(?:device|browser)\s+(?:does\s+not|doesn't)\s+support
              |unsupported\s+on\s+your\s+device)\b.*|
        read\s+more|related|print|email|comments?
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
_INVITE = re.compile(
    r"^\W*(?:sign(?:\s|-)?up|subscribe|join|register|get|enter\s+your\s+email|never\s+miss)\b"
    r".*\b(?:news|updates?|newsletters?|inbox|alerts?|briefing)\b",
    re.IGNORECASE,
)
_NEWSLETTER_WORDS = re.compile(
    r"\b(?:newsletters?|inbox|e-?mail\s+updates?|subscribe|subscription)\b", re.IGNORECASE
)
# "(Reporting by ...; Editing by ...)", "The Associated Press contributed to this report."
_CONTRIBUTORS = re.compile(
    r"""^\W*(?:(?:additional\s+)?(?:reporting|writing|editing)\s+by\b
        |[\w.,'’& -]{2,200}\s+contributed(?:\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article))?\W*$)""",
    re.IGNORECASE | re.VERBOSE,
)
# Phrases only a rights notice uses ("Copyright" alone also opens ordinary sentences).
_RIGHTS = re.compile(
    r"""(?:^\W*(?:copyright\s*)?(?:©|\(c\))
        |^\W*copyright\s+\d{4}
        |\ball\s+rights\s+reserved\b
        |\b(?:alle\s+rechte\s+vorbehalten|todos\s+los\s+derechos\s+reservados|tous\s+droits\s+réservés
            |tutti\s+i\s+diritti\s+riservati|wszelkie\s+prawa\s+zastrzeżone
            |все\s+права\s+защищены)
        |\b(?:this|the)\s+(?:material|article|content|story)\s+may\s+not\s+be\s+
            (?:published|reproduced|redistributed|broadcast|republished|rewritten)\b
        |\blicen[cs]ed\s+under\s+(?:a\s+|the\s+)?
            (?:creative\s+commons|cc[\s-]by|[\w-]+\s+licen[cs]e)
        |\ball\s+(?:content|material)\s+(?:by|from|on|of)\b.{0,80}\blicen[cs]ed\b)""",
    re.IGNORECASE | re.VERBOSE,
)
# A cheap test before the expensive ones: every rights notice holds one of these.
_RIGHTS_HINTS = ("©", "(c)", "copyright", "rights", "licen", "may not be", "rechte", "derechos",
                 "droits", "diritti", "prawa", "права")
_PHOTO_CREDIT = re.compile(
    r"""(?:\b(?:photo(?:graph)?|picture|image|illustration|file\s+photo)s?
            (?:\s+(?:credit|by))?\s*:
        |\bimage\s+(?:copyright|caption|source)\b
        |\bgetty\s+images\b|\(AP\s+Photo\b|\bphoto\s+by\b|\bREUTERS/\w)""",
    re.IGNORECASE | re.VERBOSE,
)
_BYLINE = re.compile(r"^(?:by|written\s+by|reporting\s+by)\s+[A-Z][\w.'’-]+", re.IGNORECASE)
# English month names, and the other languages' where they differ ("Ago.", "déc.", "Okt.").
_MONTH = (
    r"(?i:(?:jan|feb|f[eé]v|mar|m[äa]r|apr|avr|abr|may|mai|mag|jun|jui|giu|jul|lug|aug|ago"
    r"|ao[uû]|sep|set|oct|okt|ott|out|nov|dec|d[eé]c|dez|dic|ene|gen)\w*\.?)"
)
_TIMESTAMP = re.compile(
    rf"""^(?:(?:published|updated|posted|last\s+(?:update[ds]?|modified)|first\s+published)(?:\s+on)?\s*:?\s*)?
        (?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)[a-z]*,?\s+)?
        (?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}
           |\d{{4}}-\d\d-\d\d|\d{{1,2}}[:.]\d\d)
        [\w\s,:.()+-]*$""",
    re.IGNORECASE | re.VERBOSE,
)

_SENTENCE_END = re.compile(r"[.!?…。！？؟।۔][\"'”’»)\]」』》）]*$|[\"”’»」』]$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Verbs that make a short line a sentence rather than a caption or subheading.
_REPORTING_VERB = re.compile(
    r"\b(?:said|says|say|told|tells|added|asked|is|are|was|were|has|have|had|will|would"
    r"|could|should|can|did|does)\b",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^(?:[-•*▪●◦–]|\d{1,2}[.)])\s+\w")

# Word counts that bound each rule: furniture is short, reporting runs long.
_HEAD_WORDS = 25  # a headline or standfirst above the lead
_BODY_WORDS = 10  # a caption or subheading between paragraphs
_FOOTER_WORDS = 60  # a copyright or licence notice
_FOOTER_LINE_WORDS = 30  # a line after the closing credit
_COUNTER_CHARS = 30  # a share counter
_CREDIT_CHARS = 600  # a credit glued to a paragraph: the end is all there is to search
_CREDIT_TRIES = 3
_DATELINE_REACH = 3  # paragraphs in which a dateline is looked for
_CLOSING_RULES = ("copyright", "credit", "newsletter")


def _words(text: str) -> int:
    """Words in `text`; each Chinese or Japanese character counts as one (no spaces there)."""
    count = len(text.split())
    return count if text.isascii() else count + len(_CJK.findall(text))


def ends_sentence(text: str) -> bool:
    """Whether `text` ends like a sentence (full stop, question, quote closed...)."""
    return bool(_SENTENCE_END.search(text.rstrip()))


def _mentions_rights(text: str) -> bool:
    lower = text.lower()
    return any(hint in lower for hint in _RIGHTS_HINTS)


@lru_cache(maxsize=65536)  # as `normalise_text`
def match_line_rule(text: str) -> tuple[str, str] | None:
    """The (rule, reason) that removes this whole line wherever it stands, or None."""
    text = text.strip()
    if not any(ch.isalnum() for ch in text):
        return "separator", "a line of symbols only"
    if _URL.match(text):
        return "url", "a bare web address, not article text"
    if page_chrome.is_phone_number(text):
        return "contact", "a telephone number"
    if len(text) <= _COUNTER_CHARS and _NUMBER.match(text):
        return "share-count", "a bare number (a share or comment counter)"
    if page_chrome.is_clock(text):
        return "timestamp", "a clock time or a video's length"
    if found := _chrome_rule(text):
        return found
    words = _words(text)
    if words > _FOOTER_WORDS:
        return None  # every rule below is for short lines
    if _mentions_rights(text) and _RIGHTS.search(text):
        if words <= 20 or _opens_with_credit(text):  # longer: reporting with a credit glued on
            return "copyright", "a copyright or licence notice"
    if words <= 40 and _CONTRIBUTORS.match(text):
        return "credit", "a line crediting reporters or agencies"
    invite, mentions = _INVITE.match(text), _NEWSLETTER_WORDS.search(text)
    # A full sentence merely mentioning a newsletter is reporting; an invitation is not.
    if words <= 30 and (invite or mentions) and (not ends_sentence(text) or (invite and mentions)):
        return "newsletter", "an invitation to subscribe"
    if words <= 30 and (_PROMO.match(text) or _PROMO_LABEL.match(text)):
        return "promo", "a link to another article or a page label"
    if words <= 40 and _PHOTO_CREDIT.search(text):
        return "caption", "a photo caption or picture credit"
    return None


def _chrome_rule(text: str) -> tuple[str, str] | None:
    """(rule, reason) for the web page's own chrome standing as a line, or None."""
    if page_chrome.opens_with_template_residue(text):
        return "template", "template residue the web page printed (and what it labels)"
    if page_chrome.is_menu(text):
        return "promo", "a menu or a list of headlines run together on one line"
    if page_chrome.is_embedded_post(text):
        return "embed", "the text of an embedded social-media post"
    if page_chrome.ends_with_picture_credit(text) and _words(text) <= _CAPTION_MAX_WORDS:
        return "caption", "a photo caption ending with its picture credit"
    if _words(text) > _FOOTER_WORDS:
        return None
    if page_chrome.is_counted_link(text):
        return "promo", "a link in a most-read list, with its view counter"
    if page_chrome.is_breadcrumb(text):
        return "promo", "a breadcrumb trail (where the page sits on the site)"
    if page_chrome.is_browser_notice(text) and _words(text) <= 30:
        return "notice", "a notice about the reader's browser"
    if page_chrome.is_reprint_note(text) and _words(text) <= 40:
        return "credit", "a note that the article is reprinted from another outlet"
    return None


_CAPTION_MAX_WORDS = 100


def _opens_with_credit(text: str) -> bool:
    match = _CREDIT_START.search(text)
    return bool(match) and not text[: match.start()].strip(" ([{\"'“‘")


def repeated_lines(lines: list[Line], keys: list[str] | None = None) -> set[str]:
    """Keys (see `_key`, or `keys` when given, one per line) of lines printed more than
    once in the article: promos and widgets repeat, reporting does not."""
    counts = Counter(keys if keys is not None else (_key(line.text) for line in lines))
    return {key for key, count in counts.items() if count > 1 and key}


# Between sentences of a line's key (see `_key`: lower case, quote marks plain).
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"']*\s+")


def _sentence_keys(key: str) -> list[str]:
    """The sentences of a line, from its key."""
    return [s for s in _SENTENCE_BREAK.split(key) if s] if "." in key or "!" in key or "?" in key else [key]


def _repeats_sentences(sentences: list[str], earlier: set[str]) -> bool:
    """Whether a paragraph of two or more sentences only repeats sentences printed
    above it (a video's blurb pieced together from the article)."""
    return len(sentences) >= 2 and all(s in earlier for s in sentences)


@lru_cache(maxsize=65536)  # as `normalise_text`
def is_prose(text: str) -> bool:
    """A line that reads as reporting: a real sentence, or long. A short question
    (a prompt to the reader, a caption) is not one."""
    words = _words(text)
    if words > 40:
        return True
    if _QUESTION_END.search(text):
        return words >= _QUESTION_WORDS
    return words >= 6 and ends_sentence(text)


_QUESTION_END = re.compile(r"\?[\"'”’»)]*\s*$")
_QUESTION_WORDS = 12
# A closing quote mark not preceded by a sentence's end: "‘Symbol of a nation’".
_BARE_QUOTE_END = re.compile(r"(?<![.!?…])[\"'”’»」』]\s*$")
_SHORT_LINE_WORDS = 8  # a subheading or caption ending in a quote or question mark
_FRAGMENT_WORDS = 5  # a few capitalised words, or a fragment opening with punctuation
_BODY_RULE_WORDS = 12  # the longest line a rule between paragraphs removes


def head_furniture(text: str) -> tuple[str, str] | None:
    """(rule, reason) for a line standing above the lead that is not reporting:
    a byline, a timestamp, or a short line without a final full stop (a caption or
    headline)."""
    text = text.strip()
    if is_prose(text) or _DATELINE.match(text):
        return None
    if page_chrome.is_reader_prompt(text) and not _has_quote_marks(text):
        return "notice", "a question the site puts to the reader (a search box, a poll)"
    if _BYLINE.match(text) and _words(text) <= 8:
        return "byline", "the author's name above the article"
    if _TIMESTAMP.match(text) and _words(text) <= 10:
        return "timestamp", "a date or time above the article"
    if _words(text) <= _HEAD_WORDS and not ends_sentence(text):
        return "caption", "a line without a full stop above the lead: a caption or headline"
    if _words(text) <= _HEAD_WORDS and _BARE_QUOTE_END.search(text):
        return "caption", "a line ending in a quote mark above the lead: a caption or headline"
    return None


def _has_quote_marks(text: str) -> bool:
    return any(mark in text for mark in "\"“”‘«»")


def body_furniture(text: str) -> tuple[str, str] | None:
    """(rule, reason) for a line after the lead that is not reporting: a few words
    with no full stop, standing as a paragraph (a caption or a subheading)."""
    text = text.strip()
    words = _words(text)
    if words > _BODY_RULE_WORDS or _BULLET.match(text) or _REPORTING_VERB.search(text):
        # List items are reporting in short form; "the toll rose to 15, he said" lost
        # only its full stop.
        return None
    if page_chrome.is_box_label(text):
        return "caption", "a label over a box or list beside the article"
    if _TIMESTAMP.match(text) and words <= 12 and re.search(r"\d{4}|\d:\d\d", text):
        return "timestamp", "a date or time stamp between paragraphs"
    if words <= _SHORT_LINE_WORDS and (_BARE_QUOTE_END.search(text) or _QUESTION_END.search(text)):
        return "caption", "a few words ending in a quote or question mark: a subheading or caption"
    if words <= _FRAGMENT_WORDS and (_title_case(text) or not (text[0].isalnum() or _has_quote_marks(text[0]))):
        return "caption", "a fragment of a few words: a subheading, a label or a link"
    if words > _BODY_WORDS or ends_sentence(text) or text[-1] in ",;:-–—，：；、":
        return None
    return "caption", "a few words without a full stop between paragraphs: a caption or subheading"


def _title_case(text: str) -> bool:
    """Most words capitalised, as in headlines and labels."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) * 2 > len(words)


# ---------------------------------------------------------------- headline, standfirst

_CAPTION_WORDS = re.compile(
    r"\b(?:image|photo(?:graph)?|picture[sd]?|pictured|footage|video|seen\s+here|looks\s+on)\b",
    re.IGNORECASE,
)
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")
_HEADLINE_MIN_WORDS = 3
_HEADLINE_OVERLAP = 0.5  # share of a headline's words the article goes on to use
_SENTENCE_HEADLINE_WORDS = 15  # a headline printed as a sentence, above the lead
_STANDFIRST_WORDS = (8, 60)


# Words too common to tie a line to the article ("Follow us on" is not a headline).
_FUNCTION_WORDS = frozenset(
    "with that this from have been were will their there about after over what your they them"
    " said says into than then when which while also more most some such only other just"
    " here where these those would could should does done being".split()
)


def _content_words(text: str) -> set[str]:
    return {w.casefold() for w in _CONTENT_WORD.findall(text)} - _FUNCTION_WORDS


def headline_overlap(text: str, body_words: set[str]) -> float:
    """Share of the content words of `text` that the article's body uses too."""
    words = _content_words(text)
    return len(words & body_words) / len(words) if words else 0.0


def could_be_headline(text: str) -> bool:
    """A line shaped like a headline: a few words on one line, no menu bars."""
    words = _words(text)
    return (
        _HEADLINE_MIN_WORDS <= words <= _HEAD_WORDS
        and " | " not in text
        and (text[0].isalnum() or text[0] in "\"“‘'")
        and not (_TIMESTAMP.match(text) or _BYLINE.match(text))
    )


def is_standfirst(text: str) -> bool:
    """A summary sentence under the headline (content, kept) rather than a caption:
    long enough, written as a sentence, with no picture vocabulary."""
    low, high = _STANDFIRST_WORDS
    return (
        low <= _words(text) <= high
        and not _title_case(text)
        and not _CAPTION_WORDS.search(text)
        and not _TIMESTAMP.match(text)
    )


# ---------------------------------------------------------------- dateline

# "BEIRUT (AP) —", "MOSCOW/WASHINGTON, Aug. 17 (Xinhua) —", "TEHRAN -", "LONDON:",
# "Moscow, 16 August (AFP) --", "(Reuters) -".
_PLACE_CAPS = r"[A-Z][A-Z.'’ -]{1,30}[A-Z.](?:\s*/\s*[A-Z][A-Z.'’ -]{1,30}[A-Z.])*"
_PLACE_ANY = r"[A-Z][\w.'’ -]{1,30}?(?:\s*/\s*[A-Z][\w.'’ -]{1,30}?)*"
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?"
# The region or country a dateline may add after the city: "BEIRUT, Lebanon (AP) —".
_REGION = r"[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+)?"
_DATELINE = re.compile(
    rf"""^(?P<dateline>
        (?:(?P<caps>{_PLACE_CAPS})(?:,\s*(?P<region>{_REGION})(?=\s*(?:\(|—|–|--|,\s*{_DATE})))?
              (?:,\s*(?P<date1>{_DATE})\.?)?
           |(?P<place>{_PLACE_ANY})(?=,\s*{_DATE}|\s*\()(?:,\s*(?P<date2>{_DATE}))?
           |(?P<date0>{_DATE})(?=\s*\())?  # "March 3, 2021 (The Daily Example)"
        (?:\s*\((?P<agency>[^\W\d_][^()]{{0,40}})\)  # "(AP)", "(dpa)", "(EUROPA PRESS)"
           |\s*/(?P<slash_agency>[A-Z][A-Za-z-]{{1,15}})/\.?  # "LISBON, March 3. /TASS/."
           |(?<=\d),\s*(?P<bare_agency>[A-Z]{{2,8}}))?  # "Tehran, Aug 16, IRNA -"
        (?:\s*(?P<dash>—|–|--?|:)|(?<=[/.)])))(?:(?<=[—–])\s*|\s+)(?=\S)""",  # "(AP)—Iran" needs no space
    re.VERBOSE,
)


def split_dateline(text: str) -> tuple[str, str | None, str] | None:
    """`(dateline, agency, rest)` when `text` opens with a dateline, else None.

    The agency is the credit in brackets ("AP" in "BEIRUT (AP) —") or None."""
    match = _DATELINE.match(text)
    if not match:
        return None
    caps, place = match.group("caps"), match.group("place")
    agency = match.group("agency") or match.group("slash_agency") or match.group("bare_agency")
    if not (caps or place or agency):
        return None
    # Without a dash, only "/TASS/." or "March 3, 2021 (The Daily Example)" end a dateline.
    if not match.group("dash") and not (match.group("slash_agency") or match.group("date0")):
        return None
    if match.group("date0") and not match.group("agency"):
        return None
    # Title-case places need a date or an agency to tell them from a sentence.
    if place and not (match.group("date2") or agency):
        return None
    if caps and not re.search(r"[A-Z]{3}", caps):
        return None  # "A -" or "U.S. -" is not a place line
    if agency and (_words(agency) > 3 or agency[0].islower() and not re.fullmatch(r"[a-z]{2,5}", agency)):
        return None  # a bracketed aside, not a credit like "(AP)" or "(dpa)"
    rest = text[match.end() :]
    if _words(rest) < 3:
        return None
    return match.group("dateline").strip(), agency, rest


def dateline_places(dateline: str) -> tuple[str, ...]:
    """The places a dateline names, as written: ("KIEV", "Ukraine") for "KIEV, Ukraine --",
    ("MOSCOW", "WASHINGTON") for "MOSCOW/WASHINGTON, Aug. 17 (Xinhua) —"; () for "(Reuters) -".

    Reads a dateline `split_dateline` cut, by the same pattern."""
    match = _DATELINE.match(f"{dateline} and the rest")
    if not match:
        return ()
    places = [p.strip() for p in re.split(r"\s*/\s*", match.group("caps") or match.group("place") or "")]
    return tuple(p for p in (*places, match.group("region") or "") if p)


# ---------------------------------------------------------------- trailing credit

_CREDIT_START = re.compile(
    r"""(?:\ball\s+(?:content|material|rights)\b
        |\bcopyright\b|©|\(c\)\s*\d{4}
        |\bthis\s+(?:article|material|story|content)\s+(?:may|is|was)\b
        |\blicen[cs]ed\s+under\b)""",
    re.IGNORECASE | re.VERBOSE,
)
# Editors' initials sometimes stand between the last sentence and the credit ("AK/PA").
_INITIALS = re.compile(r"(?:\s+[A-Z]{1,4}(?:/[A-Z]{1,4})*)$")


def split_trailing_credit(text: str) -> tuple[str, str] | None:
    """`(kept, credit)` when a copyright or licence credit is glued to the end of a
    paragraph of reporting, else None. Editors' initials before it go with it."""
    if not _mentions_rights(text):
        return None
    tries = 0
    for match in _CREDIT_START.finditer(text, max(0, len(text) - _CREDIT_CHARS)):
        cut = _end_of_reporting(text, match.start())
        if cut is None:
            continue
        credit = text[match.start() :]
        if _words(credit) <= _FOOTER_WORDS and _RIGHTS.search(credit):
            return text[:cut], text[cut:].strip()
        tries += 1
        if tries == _CREDIT_TRIES:  # a real credit is found at once; the rest is text
            break
    return None


def _end_of_reporting(text: str, credit_start: int) -> int | None:
    """Where the sentence before a credit ends (skipping editors' initials), or None
    when the credit does not follow a finished sentence."""
    low = max(0, credit_start - 80)
    before = text[low:credit_start].rstrip()
    initials = _INITIALS.search(before)
    if initials and ends_sentence(before[: initials.start()]):
        before = before[: initials.start()].rstrip()
    return low + len(before) if before and ends_sentence(before) else None


# ---------------------------------------------------------------- paragraphs

_WRAP_WIDTH = 100


def split_blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of lines separated by blank lines (blank lines dropped)."""
    blocks: list[list[Line]] = [[]]
    for line in lines:
        if line.text.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _standalone(text: str) -> bool:
    """Lines that are never part of wrapped prose: a bare URL or number."""
    text = text.strip()
    return bool(_URL.match(text) or len(text) <= _COUNTER_CHARS and _NUMBER.match(text))


def is_hard_wrapped(lines: list[Line]) -> bool:
    """Whether the text is wrapped at a fixed width with blank lines between
    paragraphs (then the lines of a block form one paragraph); otherwise every
    line is a paragraph of its own.

    Wrapped lines run close to the width and mostly break mid-sentence; a caption
    sitting on the line above a paragraph does neither."""
    if all(line.text.strip() for line in lines):  # no blank line: one paragraph per line
        return False
    texts = [line.text.strip() for line in lines if line.text.strip() and not _standalone(line.text)]
    if len(texts) < 2 or max(len(t) for t in texts) > _WRAP_WIDTH:
        return False
    width = max(len(t) for t in texts)
    # Lines that another line of the same paragraph follows: where a wrap would be.
    broken = [
        line.text.strip()
        for block in split_blocks(lines)
        for line in block[:-1]
        if not _standalone(line.text)
    ]
    wrapped = sum(len(t) >= 0.6 * width and not ends_sentence(t) for t in broken)
    return bool(broken) and wrapped * 2 > len(broken)


def join_wrapped(texts: list[str]) -> str:
    """Lines of one wrapped paragraph as one text ("long-" + "range" -> "long-range")."""
    out = ""
    for text in texts:
        text = text.strip()
        if not out:
            out = text
        elif re.search(r"[A-Za-z]-$", out):
            out += text
        else:
            out += " " + text
    return out


def paragraph_units(lines: list[Line]) -> list[Line]:
    """The text's paragraphs as `Line`s numbered by the line each starts on.

    Blank-line separated or one paragraph per line: every non-blank line is a
    paragraph, unless the text is hard-wrapped, when a block's lines join up
    (a bare URL or number inside a block still stands alone)."""
    if not is_hard_wrapped(lines):
        return [line for line in lines if line.text.strip()]
    units: list[Line] = []
    for block in split_blocks(lines):
        run: list[Line] = []
        for line in [*block, None]:
            if line is None or _standalone(line.text):
                if run:
                    units.append(Line(run[0].number, join_wrapped([r.text for r in run])))
                    run = []
                if line is not None:
                    units.append(line)
            else:
                run.append(line)
    return units


# ---------------------------------------------------------------- the whole article


def forget_lines() -> None:
    """Drop what was worked out per distinct line (`normalise_text`, `match_line_rule`...):
    outlets' files repeat the same lines, so it is kept while one story is read."""
    for cached in (normalise_text, _key, match_line_rule, is_prose):
        cached.cache_clear()


def text_lines(text: str) -> list[Line]:
    """`text` (newlines already normalised) cut into numbered lines."""
    return [Line(i, t) for i, t in enumerate(text.split("\n"), start=1)]


def clean(text: str) -> Cleaned:
    """Clean one article's decoded text (newlines as "\\n").

    Returns the kept paragraphs (with the line each starts on), every removal in
    file order, the dateline and its agency, a URL found above the article and the
    headline."""
    units = paragraph_units(text_lines(text))
    dropped: dict[int, Removal] = {}  # whole paragraphs, by first line
    line_rules = {u.number: match_line_rule(u.text) for u in units}
    # Line of the first paragraph that reads as reporting: what comes before is the head.
    first_prose = next(
        (u.number for u in units if not line_rules[u.number] and is_prose(u.text)), math.inf
    )

    def drop(unit: Line, rule: str, reason: str) -> None:
        dropped[unit.number] = Removal(normalise_text(unit.text), rule, reason, unit.number)

    keys = {u.number: _key(u.text) for u in units}
    repeats = repeated_lines(units, list(keys.values()))
    seen_prose: set[str] = set()
    leading_url = None
    in_comments = False
    earlier_sentences: set[str] = set()
    for unit in units:
        found = line_rules[unit.number]
        in_head = unit.number < first_prose
        key = keys[unit.number]
        sentences = _sentence_keys(key)
        if found and found[0] == "copyright" and in_head and _words(unit.text) <= 8:
            found = "caption", "a picture credit above the article"  # "© Agency / Photographer"
        if not in_head and (in_comments or page_chrome.is_comments_head(unit.text.strip())):
            in_comments = True
            drop(unit, "comments", "reader comments below the article")
        elif found:
            drop(unit, *found)
            if found[0] == "url" and leading_url is None and in_head:
                leading_url = unit.text.strip().strip("<>")
        elif key in repeats:
            # A repeated promo goes everywhere; a paragraph of reporting printed twice
            # (a scraping slip) keeps its first copy.
            if not is_prose(unit.text):
                drop(unit, "repeated", "a line printed more than once in the article (a promo)")
            elif key in seen_prose:
                drop(unit, "repeated", "a paragraph printed a second time")
            seen_prose.add(key)
        elif _repeats_sentences(sentences, earlier_sentences):
            drop(unit, "repeated", "a paragraph whose every sentence the article already printed")
        if unit.number not in dropped:  # a caption repeating the text repeats nothing
            earlier_sentences.update(sentences)

    headline, lead = _take_head(units, dropped, first_prose, drop)

    # After the lead, captions and subheadings; after the last paragraph of reporting,
    # whatever is not reporting (lists of links, captions, a headline printed again).
    remaining = [unit for unit in units if unit.number not in dropped]
    last_prose = max((u.number for u in remaining if is_prose(u.text)), default=math.inf)
    headline_key = _key(headline) if headline else None
    for unit in remaining:
        if unit.number <= lead:
            continue
        if headline_key and headline_key in _key(unit.text) and not is_prose(unit.text):
            drop(unit, "headline", "the headline printed again")
        elif found := body_furniture(unit.text):
            drop(unit, *found)
        elif unit.number > last_prose and not ends_sentence(unit.text) and not _BULLET.match(unit.text):
            drop(unit, "footer", "a line after the article's last paragraph (a link, a caption, a list)")

    # Whatever short lines follow the article's closing credit belong to the page footer.
    closing_rules = {n: r.rule for n, r in dropped.items() if n > first_prose}
    closing = next(
        (i for i, u in enumerate(units) if closing_rules.get(u.number) in _CLOSING_RULES), None
    )
    if closing is not None:
        tail = [u for u in units[closing + 1 :] if u.number not in dropped]
        if all(_words(u.text) <= _FOOTER_LINE_WORDS for u in tail):
            for unit in tail:
                drop(unit, "footer", "a line after the article's closing credit")

    cut: list[Removal] = []  # fragments cut out of kept paragraphs
    dateline = agency = None
    paragraphs: list[Paragraph] = []
    for unit in units:
        if unit.number in dropped:
            continue
        body = normalise_text(unit.text)
        # The lead may sit below a kept headline or standfirst; datelines open one of
        # the first paragraphs or none.
        looking = dateline is None and len(paragraphs) < _DATELINE_REACH
        if looking and (found_dateline := split_dateline(body)):
            dateline, agency, body = found_dateline
            cut.append(Removal(dateline, "dateline", "the dateline, kept as metadata", unit.number))
        if credit := split_trailing_credit(body):
            body, credit_text = credit
            reason = "a licence or copyright credit glued to the end of a paragraph"
            cut.append(Removal(credit_text, "credit", reason, unit.number))
        if body:
            paragraphs.append(Paragraph(len(paragraphs), body, unit.number))

    removed = sorted([*dropped.values(), *cut], key=lambda r: r.line)  # stable: dateline first
    return Cleaned(tuple(paragraphs), tuple(removed), dateline, agency, leading_url, headline)


def _take_head(
    units: list[Line], dropped: dict[int, Removal], first_prose: float, drop: Callable[[Line, str, str], None]
) -> tuple[str | None, float]:
    """Remove the furniture above the lead; return the headline found there (or None)
    and the line of the lead.

    The headline is the first headline-shaped line most of whose words the article goes
    on to use (a site's name or section label above it shares few), or failing one, a
    short first line printed as a sentence that the article goes on to use; a
    sentence-like line right under it is the standfirst, which is content and stays."""
    # A headline printed twice (above the article and in a widget) counts as one.
    candidates = [
        u
        for u in units
        if u.number < first_prose
        and (u.number not in dropped or dropped[u.number].rule == "repeated")
        and could_be_headline(normalise_text(u.text))
    ]
    # The first line whose words the article goes on to use; a caption or a site's
    # name shares few of them.
    body_words = _body_words(units, first_prose) if candidates else set()
    headline_unit = next(
        (u for u in candidates if headline_overlap(u.text, body_words) >= _HEADLINE_OVERLAP), None
    )
    if headline_unit is None:
        headline_unit = _sentence_headline(units, dropped, first_prose)
        if headline_unit is None:
            head_end = first_prose
        else:
            head_end = next((u.number for u in units if u.number > headline_unit.number
                             and u.number not in dropped and is_prose(u.text)), math.inf)
    else:
        head_end = first_prose
    remaining = [
        u for u in units if (u.number not in dropped or u is headline_unit) and u.number < head_end
    ]
    after_headline = False
    lead = head_end
    for unit in remaining:
        if unit is headline_unit:
            drop(unit, "headline", _HEADLINE_REASON)
            after_headline = True
            continue
        found = head_furniture(unit.text)
        if after_headline and is_standfirst(unit.text) and (not found or found[0] == "caption"):
            after_headline = False
            continue
        after_headline = False
        if found is None:
            lead = unit.number
            break
        drop(unit, *found)
    removal = dropped.get(headline_unit.number) if headline_unit is not None else None
    if removal is None or removal.rule != "headline":
        return None, lead  # the head ended above it: it stays, and is no title
    return normalise_text(headline_unit.text), lead


_HEADLINE_REASON = "the article's headline (its title when the manifest gives none)"


def _body_words(units: list[Line], first_prose: float) -> set[str]:
    return set().union(*(_content_words(u.text) for u in units if u.number >= first_prose))


def _sentence_headline(units: list[Line], dropped: dict[int, Removal], first_prose: float) -> Line | None:
    """A headline printed as a sentence: the article's first line, short, followed by
    reporting that goes on to use most of its words."""
    first = next((u for u in units if u.number not in dropped), None)
    if first is None or first.number != first_prose or _words(first.text) > _SENTENCE_HEADLINE_WORDS:
        return None
    following = next((u for u in units if u.number > first.number and u.number not in dropped), None)
    if following is None or not is_prose(following.text) or _words(following.text) < 2 * _words(first.text):
        return None
    rest = _body_words(units, first.number + 1)
    return first if headline_overlap(first.text, rest) >= _HEADLINE_OVERLAP else None

