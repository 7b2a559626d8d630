"""Who said each quote: rule-based attribution, and one key per speaker across outlets.

`attribute(source, spans)` reads each quote's sentence and returns a speaker with
the rule that found it (`Attribution.evidence`), in this order:

1. "quoted X as saying" or "according to X" before the quote;
2. a verb of saying right after the quote, with its subject ("..., the ministry
   said") or, inverted, its object ("..., said Fawaz Gerges, professor of ..."),
   "according to X" after it, or a name after a dash ("” — Volodymyr Zelensky");
3. the last verb of saying before the quote in its sentence ("Garver said, ..."),
   or at the end of the paragraph before ("Milley told lawmakers:"); an "-ing"
   verb ("..., adding that they ...") carries the sentence's speaker on;
4. a quote with no attribution of its own that follows an attributed one in the
   same paragraph, or makes up the whole next paragraph, continues that speaker;
5. otherwise None: unknown, never a guess.

Verb forms used as nouns ("the claims", "his remarks") are not verbs of saying.

A speaker noun phrase is cut at its commas ("Admiral Vladimir Komoyedo, an MP and
retired commander ...") and the part holding a name wins, titles stripped
("Pentagon spokesman Christopher Garver" -> "Christopher Garver"). "he"/"she"
resolve to the last person named before the quote, "it" and documents ("the
statement said") to the last organisation, "the ministry" to the last
organisation named with that word. Names and organisations come from titles,
from the subjects and objects of verbs of saying anywhere in the article, and
from capitalised runs holding an organisation word ("Defense Ministry").

`speaker_keys(names)` gives one key to the names of one person across outlets
(`same_person`: surnames alike by rapidfuzz, first names compatible) and to one
organisation however it is spelt ("ministry of defence" / "defense ministry").
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right, insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from comparators.model import QuotedTerm, Source
from comparators.quotes import Span
from comparators.segment import sentence_boundaries

PERSON, ORGANISATION, DESCRIPTION = "person", "organisation", "description"

_TITLES = frozenset(
    """
    mr mrs ms miss dr prof professor sir dame lord lady adm admiral gen general col colonel
    lt lieutenant maj major capt captain cmdr commander sgt sergeant brig brigadier gov governor
    sen senator rep representative rev reverend president vice prime minister chancellor king
    queen prince princess sheikh ayatollah imam pope cardinal bishop judge justice mayor
    ambassador secretary spokesman spokeswoman spokesperson chairman chairwoman chief deputy
    director mp mep envoy premier emir state foreign defence defense interior finance health
    affairs home attorney staff chiefs commissioner inspector superintendent detective sheriff
    ceo founder leader chair
    """.split()
)
_ORG_WORDS = frozenset(
    """
    ministry agency council committee department office institute institution pentagon kremlin
    government army navy military forces force commission union party bank university college
    school news times post press association organization organisation foundation group
    corporation company inc ltd llc court parliament senate congress assembly watch fund
    service services authority bureau centre center coalition front command administration
    network television tv radio newspaper channel embassy consulate police guard guards
    federation league movement board cabinet presidency house fleet brigade division regiment
    battalion ministries agencies
    """.split()
)
_DOCUMENTS = frozenset("statement report announcement communique release website letter document study survey".split())
_OWNER = re.compile(r"(.+?)[’']s\s+(?:\w+\s+)?(?:%s)$" % "|".join(sorted(_DOCUMENTS)), re.IGNORECASE)
_FUNCTION_WORDS = frozenset(
    """
    a an the this that these those his her its their our my your in on at after before while when
    as but and or so then also however meanwhile asked speaking according earlier later last
    yesterday today tomorrow if though although because since until during for from with by of to
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
_AUXILIARIES = frozenset(
    """
    also has had have did does do not never once then later previously repeatedly further would
    will could can may might must should shall had is was were are be been being recently
    quickly again just already still earlier
    """.split()
)
_PRONOUNS = {"he": PERSON, "she": PERSON, "it": ORGANISATION}
_LOCATIVES = frozenset("in into across inside near around throughout".split())
_PLACE = re.compile(r"\b(\w+)\s+(?:the\s+)?([A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)*)")

_FINITE = (
    r"said|says|say|told|tells|added|adds|insisted|insists|stated|states|explained|explains|"
    r"noted|notes|pointed out|points out|stressed|stresses|warned|warns|wrote|writes|asked|asks|"
    r"replied|replies|announced|announces|claimed|claims|argued|argues|continued|continues|"
    r"confirmed|confirms|recalled|recalls|commented|comments|comment|remarked|remarks|urged|urges|"
    r"declared|declares|emphasi[sz]ed|emphasi[sz]es|acknowledged|acknowledges|admitted|admits|"
    r"observed|observes|suggested|suggests|concluded|concludes|tweeted|tweets|posted|testified|"
    r"vowed|vows|promised|promises|predicted|predicts|cautioned|complained|described|describes|"
    r"called|calls|underlined|underscored|reiterated|repeated|answered|responded|quipped|"
    r"whispered|shouted|reported|reports|read|reads|maintained|maintains|expressed|expresses|express|"
    r"began|begins"
)
_ING = r"adding|saying|noting|stressing|warning|insisting|explaining|arguing|describing|calling|pointing out"
_VERB = re.compile(rf"\b(?:{_FINITE}|{_ING})\b")
_FINITE_VERB = re.compile(rf"\b(?:{_FINITE})\b")
_QUOTED_AS_SAYING = re.compile(r"\bquot(?:ed|es|ing)\s+(?P<who>.{1,160}?)\s+as\s+(?:saying|telling|stating)\b")
_ACCORDING_TO = re.compile(r"\baccording to\s+(?P<who>[^,.;:()]{1,120})", re.IGNORECASE)
# The object of an inverted "said X" ends at punctuation or a clause word.
_OBJECT_END = re.compile(
    r"[,;:()—–]|\s(?:at|in|on|during|after|before|when|while|who|which|referring|speaking|"
    r"according|adding|told|said|to|from|about|that)\b"
)
_NAME_RUN = re.compile(
    r"(?<![\w.’'\-])(?:(?:al|el|bin|ibn|de|van|von|da|di|du|le|la|abu)[-\s])?[A-Z][\w’'\-]*\.?"
    r"(?:\s+(?:(?:of|for|and|the|de|van|von|da|di|du|al|el|bin|ibn|abu)\s+)?"
    r"(?:(?:al|el)-)?[A-Z][\w’'\-]*\.?)*"
)
MAX_SUBJECT_WORDS = 14
# A time phrase between a subject and its verb: "Blinken on Monday urged".
_WHEN = re.compile(
    r"(?:\s+(?:(?:late|early)\s+)?(?:on|last|this|late|early)\s+(?:monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|week|month|year|night|morning|evening)|\s+(?:yesterday|today|tonight))+$",
    re.IGNORECASE,
)
# A word before a verb form that makes it a noun: "the claims", "his remarks".
_DETERMINERS = frozenset("the a an his her its their our my your these those such this that".split())
ORGANISATION_RATIO = 90  # "russian defense ministry" / "russia defense ministry"
# Nouns for people speaking without a name: "a U.S. official", "residents".
_ROLE = re.compile(
    r"\b(?:officials?|spokes(?:man|woman|person)|sources?|diplomats?|experts?|analysts?|activists?|"
    r"witness(?:es)?|residents?|locals?|lawmakers?|members?|commanders?|officers?|ministers?|"
    r"leaders?|advis[eo]rs?|aides?|envoys?|ambassadors?|president|chief|head|directors?|"
    r"representatives?|critics?|observers?|protesters?|police(?:man|woman)?|doctors?|medics?|"
    r"researchers?|scientists?|investigators?|prosecutors?|lawyers?|authorities|people|voters|"
    r"neighbou?rs?|friends?|relatives?|mother|father|wife|husband|son|daughter|owners?|workers?|"
    r"employees?|students?|teachers?|farmers?|survivors?|victims?|users?|fans?|rebels?|fighters?|"
    r"soldiers?|troops|militants?|opponents?|supporters?|staff|crew|villagers?|refugees?)\b"
)


@dataclass(frozen=True, slots=True)
class Attribution:
    speaker: str | None
    evidence: str
    kind: str = ""  # PERSON, ORGANISATION or DESCRIPTION; "" when unknown


@dataclass(frozen=True, slots=True)
class _Mention:
    paragraph: int
    at: int
    name: str
    kind: str


def _position(mention: _Mention) -> tuple[int, int]:
    return (mention.paragraph, mention.at)


UNKNOWN = Attribution(None, "no verb of saying or named speaker near the quote")


# ---------------------------------------------------------------- attribution


def attribute(source: Source, spans: Sequence[Span], terms: Sequence[QuotedTerm] = ()) -> tuple[Attribution, ...]:
    """One `Attribution` per quote span of `source` (in reading order).

    `terms`, the source's quoted terms, are only read past: their words are
    never taken for a speaker or a verb.
    """
    masked = _masked_paragraphs(source, [*spans, *terms])
    places = _places(source)
    known = list(_mentions(source, masked, places))
    results: list[Attribution] = []
    for i, span in enumerate(spans):
        text = masked[span.paragraph]
        context = _Context(tuple(known), places, span.paragraph, span.start)
        found = _before_special(text, span, context) or _after(masked[span.end_paragraph], span, context)
        found = found or _before(text, span.start, span.paragraph, context, spans[:i], results)
        opens_paragraph = _LEADING_SPACE.match(text).end() >= max(span.start - 1, 0)
        if found is None and opens_paragraph and span.paragraph > 0 and masked[span.paragraph - 1].rstrip().endswith(":"):
            # "Garver told reporters:" closing the paragraph before the quote
            lead = masked[span.paragraph - 1].rstrip() + " “"
            found = _before(lead, len(lead), span.paragraph - 1, context, spans[:i], results)
        if found is None and i > 0 and results[i - 1].speaker is not None:
            previous = spans[i - 1]
            # across paragraphs only for a paragraph that is nothing but the quote
            bare = not re.search(r"\w", text.replace("_", ""))
            follows = previous.end_paragraph == span.paragraph or (
                previous.end_paragraph == span.paragraph - 1 and bare
            )
            if follows and (_opens_sentence(text, span.start) or _split_by_attribution(text, previous, span)):
                found = Attribution(
                    results[i - 1].speaker,
                    "continues the speaker of the quote before it",
                    results[i - 1].kind,
                )
        results.append(found or UNKNOWN)
        if found is not None and found.kind in (PERSON, ORGANISATION):
            insort(known, _Mention(span.paragraph, span.start - 1, found.speaker, found.kind), key=_position)
    return tuple(results)


def _split_by_attribution(text: str, previous: Span, span: Span) -> bool:
    """Whether a quote goes on after an attribution set inside it, in one sentence:
    '"We will rebuild," said Ortiz, who was elected in May, "and nobody will stop us."'."""
    if previous.end_paragraph != span.paragraph or previous.paragraph != span.paragraph:
        return False
    between = text[previous.end + 1 : max(span.start - 1, previous.end + 1)]
    return bool(_VERB.search(between)) and not re.search(r"[.!?…]", between) and between.rstrip().endswith(",")


@dataclass(frozen=True, slots=True)
class _Context:
    mentions: tuple[_Mention, ...]
    places: frozenset[str]
    paragraph: int
    at: int

    def last(self, kind: str, word: str | None = None) -> str | None:
        for mention in reversed(self.mentions):
            if (mention.paragraph, mention.at) >= (self.paragraph, self.at):
                continue
            if mention.kind == kind and (word is None or word in mention.name.lower().split()):
                return self.full_name(mention.name)
        return None

    def full_name(self, name: str) -> str:
        """A bare surname completed from a person named earlier ('Garver' -> 'Christopher Garver')."""
        if " " in name:
            return name
        for mention in reversed(self.mentions):
            if mention.kind == PERSON and mention.name.split()[-1] == name and " " in mention.name:
                return mention.name
        return name


def _masked_paragraphs(source: Source, spans: Sequence[Span | QuotedTerm]) -> list[str]:
    """Paragraph texts with every quote's words blanked, so their verbs and stops don't count."""
    texts = [list(p.text) for p in source.paragraphs]
    for span in spans:
        last = getattr(span, "end_paragraph", span.paragraph)
        for index in range(span.paragraph, last + 1):
            start = span.start if index == span.paragraph else 0
            end = span.end if index == last else len(texts[index])
            texts[index][start:end] = "_" * (end - start)
    return [_blank_asides("".join(t)) for t in texts]


# "Mayor Lena Ortiz – who took office in May – told reporters": an aside between dashes.
_DASH_ASIDE = re.compile(r"(?<=\s)(?:[–—]|--)\s[^–—_\"“”]{1,80}?\s(?:[–—]|--)(?=\s)")


def _blank_asides(text: str) -> str:
    """`text` with asides set between dashes blanked (same length, so offsets hold): the
    speaker before an aside and the verb after it belong together."""
    if "–" not in text and "—" not in text and "--" not in text:
        return text
    return _DASH_ASIDE.sub(lambda m: " " * len(m[0]), text)


# Look-behinds and sentences are bounded so that a paragraph of megabytes (an article
# on one line) costs time in proportion to its length, not to its length squared.
_LOOK_BEHIND = 80
MAX_SENTENCE_CHARS = 3000
_LEADING_SPACE = re.compile(r"\s*")


def _tail(text: str, end: int) -> str:
    """The few characters before `end`: enough for the last word or abbreviation."""
    return text[max(0, end - _LOOK_BEHIND) : end]


@lru_cache(maxsize=4096)
def _starts_and_ends(text: str) -> tuple[list[int], list[int]]:
    bounds = sentence_boundaries(text)
    return [start for _end, start in bounds], [end for end, _start in bounds]


def _sentence_start(text: str, at: int) -> int:
    starts = _starts_and_ends(text)[0]
    index = bisect_right(starts, at)
    return max(starts[index - 1] if index else 0, at - MAX_SENTENCE_CHARS)


def _sentence_end(text: str, at: int) -> int:
    ends = _starts_and_ends(text)[1]
    index = bisect_right(ends, at)
    return min(ends[index] if index < len(ends) else len(text), at + MAX_SENTENCE_CHARS)


def _opens_sentence(text: str, start: int) -> bool:
    before = _tail(text, max(start - 1, 0)).rstrip()
    return not before or before[-1] in ".!?:…\"”’_"


def _is_noun(text: str, at: int) -> bool:
    """Whether the verb form at `at` is a noun here ("the claims", "his remarks")."""
    before = _tail(text, at).split()
    return bool(before) and (before[-1].lower() in _DETERMINERS or before[-1].endswith(("’s", "'s")))


def _before_special(text: str, span: Span, context: _Context) -> Attribution | None:
    """'quoted X as saying' or 'according to X' in the quote's sentence, before it."""
    head = text[_sentence_start(text, span.start) : span.start]
    match = None
    for match in _QUOTED_AS_SAYING.finditer(head):
        pass
    if match is not None:
        return _resolve(match["who"], context, "'quoted ... as saying' before the quote", nearest_last=False)
    for match in _ACCORDING_TO.finditer(head):
        pass
    if match is not None and not _FINITE_VERB.search(head[match.end() :]):
        # "According to the ministry, the strikes were “...”": no other speaker after it
        return _resolve(match["who"], context, "'according to' before the quote", nearest_last=False)
    return None


def _after(text: str, span: Span, context: _Context) -> Attribution | None:
    """A verb of saying right after the quote: '..., the ministry said' / '..., said X'."""
    tail_start = min(span.end + 1, len(text))
    next_open = text.find("_", tail_start)
    stop = min(_sentence_end(text, tail_start), next_open if next_open != -1 else len(text))
    tail = text[tail_start:stop]
    according = _ACCORDING_TO.search(tail)
    verb = next((v for v in _FINITE_VERB.finditer(tail) if not _is_noun(tail, v.start())), None)
    if according is not None and (verb is None or verb.start() > according.start()):
        return _resolve(according["who"], context, "'according to' after the quote", nearest_last=False)
    if verb is None:
        dash = re.match(r"\s*[—–-]\s*(.+?)[.\s]*$", tail)
        if dash is not None and len(dash[1].split()) <= 8 and not re.search(r"\b(?:that|which|was|is|were|are)\b", dash[1]):
            # "“We will not surrender” — President Volodymyr Zelensky."
            found = _resolve(dash[1], context, "named after a dash following the quote", nearest_last=False)
            return found if found is not None and found.kind != DESCRIPTION else None
        return None
    if re.match(r"\s+that\b", tail[verb.end() :]) and not span.text.rstrip().endswith(","):
        return None  # '“...” Officials said that ...': a new statement, not this quote's attribution
    subject = tail[: verb.start()].lstrip(" ,.;:—–\"'”’").rstrip()
    if not subject.strip(" ,"):
        rule = f"'{verb[0]} X' after the quote"
        obj = tail[verb.end() :]
        cut = _OBJECT_END.search(obj)
        found = _resolve(obj[: cut.start()] if cut else obj, context, rule, nearest_last=False)
        if cut is not None and cut[0] == "," and (found is None or found.kind == DESCRIPTION):
            # "said a ministry spokesman, Igor Konashenkov": the name in apposition
            rest = obj[cut.end() :]
            second = _OBJECT_END.search(rest)
            named = _resolve(rest[: second.start()] if second else rest, context, rule, nearest_last=False)
            if named is not None and named.kind == PERSON:
                return named
        return found
    if len(subject.split()) > MAX_SUBJECT_WORDS:
        return None
    return _resolve(subject, context, f"'X {verb[0]}' after the quote", nearest_last=True)


def _before(
    text: str,
    start: int,
    paragraph: int,
    context: _Context,
    earlier: Sequence[Span],
    attributions: Sequence[Attribution],
) -> Attribution | None:
    """The last verb of saying before the quote (words from `start`) in its sentence."""
    sentence_start = _sentence_start(text, start)
    head = text[sentence_start : max(start - 1, sentence_start)]
    verbs = [v for v in _VERB.finditer(head) if not _is_noun(head, v.start())]
    if not verbs:
        return None
    verb = verbs[-1]
    if verb[0].endswith("ing"):
        # "..., adding that they ...": the sentence's speaker goes on speaking
        for previous, attribution in zip(reversed(earlier), reversed(attributions)):
            if previous.end_paragraph == paragraph and previous.end >= sentence_start:
                if attribution.speaker is not None:
                    return Attribution(
                        attribution.speaker,
                        f"'{verb[0]}' goes on from the quote before it",
                        attribution.kind,
                    )
            break
        finite = [v for v in verbs if not v[0].endswith("ing")]
        if not finite:
            # "The minister conceded defeat, saying, ...": the clause's subject says it
            clause = head[: verb.start()].rstrip(" ,")
            clause = clause[max(clause.rfind(","), clause.rfind(";"), clause.rfind("_")) + 1 :]
            past = re.search(r"\s[a-z]+ed\b", clause)  # the subject ends at its verb
            subject = clause[: past.start()] if past else clause
            if not subject.strip(" ,\"'”’“‘"):
                return None
            return _resolve(subject, context, f"'X ..., {verb[0]}' before the quote", nearest_last=True)
        verb = finite[-1]
    subject = head[: verb.start()]
    clause = max(subject.rfind(";"), subject.rfind("_"), subject.rfind("—"))
    subject = subject[clause + 1 :]
    if not subject.strip(" ,\"'”’“‘"):
        return None
    return _resolve(subject, context, f"'X {verb[0]}' before the quote", nearest_last=True)


# ---------------------------------------------------------------- noun phrases


def _resolve(phrase: str, context: _Context, rule: str, nearest_last: bool) -> Attribution | None:
    """The speaker named by a subject or object noun phrase, or None."""
    phrase = phrase.replace("_", " ")
    chunks = [_trim(c) for c in re.split(r"[,()]", phrase)]
    chunks = [c for c in chunks if c]
    if not chunks:
        return None
    if nearest_last and len(chunks) > 1 and phrase.rstrip(" _\"'”’").endswith(","):
        # "Ali Shamkhani, the secretary of the council," said: the head, then its apposition
        order = [chunks[-2], chunks[-1]]
    else:
        order = [chunks[-1]] if nearest_last else chunks[:2]
    order = [c for c in order if len(c.split()) <= MAX_SUBJECT_WORDS]
    if not order:
        return None
    if order[0].lower() in _PRONOUNS:
        kind = _PRONOUNS[order[0].lower()]
        name = context.last(kind)
        what = "person" if kind == PERSON else "organisation"
        if name is None:
            # attributed, but to no one named: unknown, and no other rule may guess
            return Attribution(None, f"{rule}; no {what} named before '{order[0]}'")
        return Attribution(name, f"{rule}; '{order[0]}' is the last {what} named before it", kind)
    for chunk in order:
        name = _person_in(chunk, context.places)
        if name is not None:
            full = context.full_name(name)
            note = "" if full == name else f"; '{name}' is {full} named earlier"
            return Attribution(full, rule + note, PERSON)
    for chunk in order:
        org = _organisation_in(chunk)
        if org is None and _strip_determiner(chunk) in context.places:
            org = _strip_determiner(chunk)  # "Russia said", "the United States said"
        if org is not None:
            return Attribution(org, rule, ORGANISATION)
    chunk = order[0]
    owner = _OWNER.match(chunk)
    if owner is not None:
        # "the ministry's statement" speaks for the ministry
        return _resolve(owner[1], context, rule, nearest_last)
    lower = chunk.lower()
    head = lower.split()[-1] if lower.split() else ""
    if head in _DOCUMENTS or head in _ORG_WORDS:
        name = context.last(ORGANISATION, None if head in _DOCUMENTS else head)
        if name is not None:
            what = f"comes from the {name}" if head in _DOCUMENTS else f"is the {name}"
            return Attribution(name, f"{rule}; '{chunk}' {what} named before it", ORGANISATION)
        return Attribution(chunk, rule, DESCRIPTION)  # "the ministry", none named before
    if len(chunk.split()) <= 6:
        if _ROLE.search(lower):
            return Attribution(chunk, rule, DESCRIPTION)
    return None


def _trim(chunk: str) -> str:
    """A chunk of noun phrase without edge punctuation or trailing auxiliaries."""
    chunk = _WHEN.sub("", chunk.strip(" ,.;:—–\"'“”‘’"))
    words = chunk.split()
    while words and words[0].lower() in ("and", "but", "while", "as", "so", "then", "whereas", "which", "who", "that"):
        words.pop(0)
    while words and (words[-1] in _AUXILIARIES or (words[-1].islower() and words[-1].endswith("ly"))):
        words.pop()  # "Shamkhani did not" comment; "Garver also" said; never "Theresa May", "John Kelly"
    return " ".join(words)


def _strip_determiner(phrase: str) -> str:
    words = phrase.split()
    while words and words[0].lower() in ("the", "a", "an", "its", "their"):
        words.pop(0)
    return " ".join(words)


def _runs(chunk: str) -> list[str]:
    """Capitalised runs in `chunk`, a sentence-initial function word left out."""
    runs = []
    for match in _NAME_RUN.finditer(chunk):
        tokens = match[0].split()
        while tokens and tokens[0].lower().strip(".") in _FUNCTION_WORDS:
            tokens.pop(0)
        while tokens and tokens[-1].lower() in ("of", "for", "and", "the", "on"):
            tokens.pop()
        if tokens:
            runs.append(" ".join(tokens))
    return runs


def _person_in(chunk: str, places: frozenset[str]) -> str | None:
    """The person's name ending a noun phrase, titles stripped, or None.

    "Pentagon spokesman Christopher Garver" and "Defense Minister Sergei Shoigu"
    give the words after the title, "Russia’s Vladimir Putin" those after the
    owner; a run with an organisation word, an acronym or a digit is no name,
    nor is a name the article uses as a place ("in Russia").
    """
    runs = _runs(chunk)
    if not runs or not chunk.endswith(runs[-1]):
        return None
    tokens = runs[-1].split()
    owners = [i for i, t in enumerate(tokens) if t.endswith(("’s", "'s"))]
    if owners:
        tokens = tokens[owners[-1] + 1 :]  # "Russia’s Vladimir Putin"; "Smith’s" alone names no one
    titles = [i for i, t in enumerate(tokens) if t.lower().strip(".") in _TITLES]
    titled = bool(titles)
    if titles:
        tokens = tokens[titles[-1] + 1 :]
        while tokens and tokens[0].islower():
            tokens.pop(0)  # "Chief of Staff John Doe"
    if _is_organisation(tokens):
        return None
    if not tokens or any(
        (t.isupper() and len(t.strip(".")) > 1) or any(ch.isdigit() for ch in t) or t.endswith(("’s", "'s"))
        for t in tokens
    ):
        return None
    if not titled and " ".join(tokens) in places:
        return None
    if len(tokens) == 1 and not titled and (len(tokens[0].strip(".")) < 2 or _ROLE.fullmatch(tokens[0].lower())):
        return None
    return " ".join(tokens)


def _is_organisation(tokens: Sequence[str]) -> bool:
    return any(t.lower().strip(".’'s") in _ORG_WORDS or t.lower().rstrip(".") in _ORG_WORDS for t in tokens)


def _organisation_in(chunk: str) -> str | None:
    """An organisation named in a noun phrase ('the Russian ministry of defence'), or None."""
    words = chunk.split()
    for i, word in enumerate(words):
        bare = word.lower().strip(".,’'").removesuffix("’s").removesuffix("'s")
        if bare in _ORG_WORDS:
            # the organisation phrase: capitalised words before the head, "of X" after it
            start = i
            while start > 0 and (
                (words[start - 1][0].isupper() and words[start - 1].lower() not in _FUNCTION_WORDS)
                or words[start - 1].lower() in ("state-run", "of")
            ):
                start -= 1
            end = i + 1
            if end + 1 < len(words) + 1 and end < len(words) and words[end].lower() == "of":
                end += 2
            found = " ".join(words[start:end]).strip(",.")
            found = _strip_determiner(found)
            if start < i or any(w[0].isupper() for w in words[i:end]):
                return found.removesuffix("’s").removesuffix("'s")
    runs = [r for r in _runs(chunk) if r.isupper() and len(r) > 1]
    return runs[-1] if runs else None


# ---------------------------------------------------------------- mentions


def _places(source: Source) -> frozenset[str]:
    """Capitalised names the article uses after 'in', 'across' ... ('in the United States'):
    places, which speak as organisations ('Russia said'), never as people."""
    found = set()
    for paragraph in source.paragraphs:
        for match in _PLACE.finditer(paragraph.text):
            if match[1].lower() in _LOCATIVES:
                found.add(match[2])
    return frozenset(found)


# A verb right after a name: "John Smith arrived", "Jane Doe was".
_ACTS = re.compile(
    r"\s+(?:[a-z]+ed|was|is|has|had|met|went|told|left|took|gave|came|spoke|wrote|made|won|lost|"
    r"did|says|said|sent|ran|led|held|knew|saw|got|began|became|stood|sat)\b"
)
# Last words of capitalised names that are places, groups or events, not people.
_NOT_SURNAMES = frozenset(
    """
    state states republic kingdom nations union east west north south sea ocean river city island
    islands gulf coast street square airport base airbase province region war revolution agreement
    treaty day cup games road bridge valley peninsula strait bay lake park hall palace tower
    mountains county district
    """.split()
)
_APPOSITION = re.compile(r",\s*(?:\d{1,3}\b|an?\s|the\s|who\s|whose\s)")


def _introduced(text: str, match: re.Match[str]) -> bool:
    """Whether a name is introduced as a person: 'John Smith, 45,' / 'John Smith, a farmer,' /
    'spokesman John Smith' / 'John Smith arrived' (two or three plain words doing something)."""
    if _APPOSITION.match(text, match.end()):
        return True
    before = _tail(text, match.start()).split()
    if before and _ROLE.fullmatch(before[-1].lower()) is not None:
        return True
    tokens = match[0].split()
    acts = _ACTS.match(text, match.end())
    return (
        acts is not None
        and 2 <= len(tokens) <= 3
        and all(t.replace("-", "").replace("’", "").replace("'", "").isalpha() for t in tokens)
        and tokens[-1].lower() not in _NOT_SURNAMES
    )


def _mentions(source: Source, masked: Sequence[str], places: frozenset[str]) -> tuple[_Mention, ...]:
    """People and organisations named in the article, in reading order."""
    found: list[_Mention] = []
    surnames: set[str] = set()
    context = _Context((), places, 0, 0)
    for index, text in enumerate(masked):
        for match in _NAME_RUN.finditer(text):
            tokens = match[0].split()
            titled = any(t.lower().strip(".") in _TITLES for t in tokens[:-1])
            name = _person_in(match[0], places) if titled or _introduced(text, match) else None
            if name is not None and (titled or len(name.split()) > 1):
                found.append(_Mention(index, match.start(), name, PERSON))
                surnames.add(name.split()[-1])
            elif _is_organisation(tokens):
                found.append(_Mention(index, match.start(), _organisation_in(match[0]) or match[0], ORGANISATION))
            elif match[0] in surnames:
                found.append(_Mention(index, match.start(), match[0], PERSON))
        for match in _QUOTED_AS_SAYING.finditer(text):
            who = _resolve(match["who"], context, "", nearest_last=False)
            if who is not None and who.kind == PERSON:
                found.append(_Mention(index, match.start("who"), who.speaker, PERSON))
                surnames.add(who.speaker.split()[-1])
        for verb in _FINITE_VERB.finditer(text):
            if _is_noun(text, verb.start()):
                continue
            start = _sentence_start(text, verb.start())
            subject = text[start : verb.start()]
            clause = max(subject.rfind(";"), subject.rfind("_"), subject.rfind("—"), subject.rfind(":"))
            subject = subject[clause + 1 :]
            who = _resolve(subject, context, "", nearest_last=True) if subject.strip() else None
            if who is None:
                cut = _OBJECT_END.search(text, verb.end(), verb.end() + MAX_SENTENCE_CHARS)
                obj = text[verb.end() : cut.start() if cut else verb.end() + MAX_SENTENCE_CHARS]
                if obj.strip() and (not subject.strip() or subject.rstrip().endswith((",", "_", "”", '"'))):
                    who = _resolve(obj, context, "", nearest_last=False)
            if who is not None and who.kind in (PERSON, ORGANISATION):
                found.append(_Mention(index, verb.start() - 1, who.speaker, who.kind))
                if who.kind == PERSON:
                    surnames.add(who.speaker.split()[-1])
    found.sort(key=_position)
    return tuple(found)


# ---------------------------------------------------------------- one speaker across outlets


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def _name_tokens(name: str) -> list[str]:
    tokens = [t.strip(".,’'") for t in _fold(name).replace("-", " ").split()]
    tokens = [t for t in tokens if t]
    while len(tokens) > 1 and tokens[0] in _TITLES:
        tokens.pop(0)
    return tokens


def same_person(a: str, b: str) -> bool:
    """Whether two names can be one person: 'Komoyedo' / 'Adm. Vladimir Komoyedov'.

    Surnames (last words, accents folded) must be equal or, when both have five
    letters or more, alike (rapidfuzz ratio >= 85: a transliteration); first
    names, when both are given, must agree (equal, an initial or a short form
    of the other, or alike at >= 80).
    """
    ta, tb = _name_tokens(a), _name_tokens(b)
    if not ta or not tb:
        return False
    if _renderings_of_one_name(ta, tb):
        return True
    sa, sb = ta[-1], tb[-1]
    if sa != sb and not (min(len(sa), len(sb)) >= 5 and fuzz.ratio(sa, sb) >= 85):
        return False
    if len(ta) > 1 and len(tb) > 1:
        fa, fb = ta[0], tb[0]
        short, long_ = sorted((fa, fb), key=len)
        # "J." / "John", "Chris" / "Christopher", "Vladimir" / "Wladimir"
        if not (long_.startswith(short) and (len(short) == 1 or len(short) >= 3)):
            return fuzz.ratio(fa, fb) >= 80
    return True


def _consonants(word: str) -> str:
    return re.sub(r"[aeiouy]", "", word)


_GIVEN_NAME_FIRST_MIN = 2  # letters of a name that may stand alone for a full one ("Ma", "Tedros")
_WHOLE_NAME_RATIO = 85


def _renderings_of_one_name(ta: list[str], tb: list[str]) -> bool:
    """Name tokens that render one name differently, beyond surname-and-first-name rules:
    the same surname with first names transliterated alike, their consonants the same
    ("Petro"/"Pyotr Poroshenko", not "John"/"Jane Smith"); a whole name spelt alike ("Lee Min-jun"/"Lee Min-joon"); one word
    standing for a name that opens with it, as family-first and single-given-name
    styles write it ("Ma"/"Ma Liya", "Tedros"/"Tedros Adhanom Ghebreyesus")."""
    if len(ta) > 1 and len(tb) > 1:
        if ta[-1] == tb[-1] and len(ta[-1]) >= 4 and len(ta[0]) > 1 and _consonants(ta[0]) == _consonants(tb[0]):
            return True
        return ta[0] == tb[0] and fuzz.ratio(" ".join(ta), " ".join(tb)) >= _WHOLE_NAME_RATIO
    one, other = (ta, tb) if len(ta) == 1 else (tb, ta)
    return len(other) > 1 and one[0] == other[0] and len(one[0]) >= _GIVEN_NAME_FIRST_MIN


_ORG_SPELLING = {"defence": "defense", "organisation": "organization", "centre": "center"}


def organisation_key(name: str) -> str:
    """'the Russian ministry of defence' and 'Russian Defense Ministry' -> 'russian defense ministry'."""
    words = [w.strip(".,’'") for w in _fold(name).replace("’s", "").replace("'s", "").split()]
    words = [_ORG_SPELLING.get(w, w) for w in words if w and w not in ("the", "a", "an")]
    if "of" in words:
        at = words.index("of")
        if at > 0 and words[at - 1] in _ORG_WORDS:
            # "ministry of defense" -> "defense ministry"
            words = words[: at - 1] + words[at + 1 :] + [words[at - 1]]
    return " ".join(words)


def speaker_keys(speakers: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """One key per person or organisation among `(name, kind)` pairs from all outlets.

    Persons are grouped by `same_person` (fullest names first, each name joining
    the first group all of whose names it agrees with); organisations by their
    `organisation_key`, keys spelt alike (token sort ratio >= 90) joined. The key
    is the group's fullest name, folded to lower case.
    """
    distinct = sorted(set(speakers), key=lambda s: (-len(_name_tokens(s[0])), -len(s[0]), s[0]))
    groups: list[list[str]] = []
    organisations: list[str] = []
    keys: dict[tuple[str, str], str] = {}
    for name, kind in distinct:
        if kind == ORGANISATION:
            key = organisation_key(name)
            alike = process.extractOne(key, organisations, scorer=fuzz.token_sort_ratio, score_cutoff=ORGANISATION_RATIO)
            if alike is None:
                organisations.append(key)
            keys[(name, kind)] = key if alike is None else alike[0]
            continue
        if kind != PERSON:
            keys[(name, kind)] = _fold(name)
            continue
        for group in groups:
            if all(same_person(name, other) for other in group):
                group.append(name)
                keys[(name, kind)] = " ".join(_name_tokens(group[0]))
                break
        else:
            groups.append([name])
            keys[(name, kind)] = " ".join(_name_tokens(name))
    return keys
