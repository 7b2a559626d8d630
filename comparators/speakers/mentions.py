"""Mentions: the people and organisations an article names, in reading order.

Names come from titles, from the subjects and objects of verbs of saying anywhere in the
article, and from capitalised runs holding an organisation word ("Defense Ministry");
places ("in the United States") speak as organisations, never as people.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from comparators.model import Source
from comparators.speakers.clauses import (
    FINITE_VERB,
    MAX_SENTENCE_CHARS,
    OBJECT_END,
    QUOTED_AS_SAYING,
    is_noun,
    start_of_sentence,
    tail_before,
)
from comparators.speakers.names import (
    Attribution,
    Context,
    Mention,
    NAME_RUN,
    NoPlaces,
    ORGANISATION,
    PERSON,
    ROLE,
    TITLES,
    is_organisation,
    mention_position,
    organisation_in,
    person_in,
    resolve,
    role_words,
)


_LOCATIVES = frozenset("in into across inside near around throughout".split())
_PLACE = re.compile(r"\b(\w+)\s+(?:the\s+)?([A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)*)")


def places_named(source: Source) -> frozenset[str]:
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
    'spokesman John Smith' / 'governor John Smith' / 'John Smith arrived' (two or three plain words doing something)."""
    if _APPOSITION.match(text, match.end()) or _titled_apposition(text, match):
        return True
    before = tail_before(text, match.start()).split()
    if before and (ROLE.fullmatch(before[-1].lower()) is not None or before[-1] in TITLES):
        return True  # "spokesman John Smith", "outgoing governor John Smith"
    tokens = match[0].split()
    acts = _ACTS.match(text, match.end())
    return (
        acts is not None
        and 2 <= len(tokens) <= 3
        and all(t.replace("-", "").replace("’", "").replace("'", "").isalpha() for t in tokens)
        and tokens[-1].lower() not in _NOT_SURNAMES
    )


# Up to this many places named, paragraphs are read once per distinct text (see `find_mentions`).
SHARED_READING_PLACES = 64


def find_mentions(source: Source, masked: Sequence[str], places: frozenset[str]) -> tuple[Mention, ...]:
    """People and organisations named in the article, in reading order."""
    found: list[Mention] = []
    surnames: set[str] = set()
    # Only places whose words all stand in a paragraph can match a phrase of it: with them
    # alone, outlets carrying the same paragraph share its reading whatever else they name.
    # A long document naming many places is read paragraph by paragraph (same result).
    # Most paragraphs look up no place of the article: their reading with no place known is theirs.
    shared = len(places) <= SHARED_READING_PLACES
    for index, text in enumerate(masked):
        mentions, asked = _paragraph_mentions_without_places(text)
        if asked.isdisjoint(places):
            pass
        elif shared:
            near = frozenset(p for p in places if all(word in text for word in p.split()))
            mentions = _paragraph_mentions(text, near)
        else:
            mentions = _paragraph_mentions.__wrapped__(text, places)
        for at, name, kind, if_surname, roles in mentions:
            if if_surname and name not in surnames:
                continue
            found.append(Mention(index, at, name, kind, roles))
            if kind == PERSON:
                surnames.add(name.split()[-1])
    found.sort(key=mention_position)
    return tuple(found)


# (position, name, kind, only if an earlier person has that surname, titles and roles given)
_Found = tuple[int, str, str, bool, frozenset[str]]


@lru_cache(maxsize=65536)  # wire copy repeats paragraphs across outlets: each is read once
def _paragraph_mentions_without_places(text: str) -> tuple[tuple[_Found, ...], frozenset[str]]:
    """`_paragraph_mentions` with no place known, and the names it looked up among the
    places: the reading holds for any places holding none of them."""
    places = NoPlaces()
    return _paragraph_mentions.__wrapped__(text, places), frozenset(places.asked)


_NO_ROLES: frozenset[str] = frozenset()
_SMALL_WORDS = frozenset("a an the of for to with and or in at by from on".split())
# Lower-case words right before a name ("incumbent president X", "chief executive officer X").
_WORDS_BEFORE = re.compile(r"((?:[a-z][\w\-]*\s+){1,3})$")
# An apposition right after a name, up to its end: "X, CEO of the airline," / "X, the prime minister".
_APPOSITION_AFTER = re.compile(r",\s+((?:(?:the|a|an)\s+)?[^,.;:()“”\"]{1,60})")


def _titled_apposition(text: str, match: re.Match[str]) -> bool:
    """'John Smith, CEO of the airline,': an apposition after the name opening on a title."""
    after = _APPOSITION_AFTER.match(text, match.end())
    return after is not None and bool(role_words(after[1].split()[0]))


def _roles_of(text: str, match: re.Match[str]) -> frozenset[str]:
    """The titles and roles a person is introduced with: in the name's run, just before it
    and in an apposition after it ("Prime Minister X", "incumbent president X", "X, CEO of Y")."""
    roles = set(role_words(match[0]))
    before = _WORDS_BEFORE.search(tail_before(text, match.start()))
    if before is not None and role_words(before[1].split()[-1]):
        # the words right before the name, from the last small word on: "an employee of a
        # Samsung shop" gives Samsung no role
        words = before[1].split()
        small = [i for i, w in enumerate(words) if w in _SMALL_WORDS]
        roles |= role_words(" ".join(words[small[-1] + 1 :] if small else words))
    after = _APPOSITION_AFTER.match(text, match.end())
    if after is not None:
        roles |= role_words(after[1].split(" of ")[0])
    return frozenset(roles)


@lru_cache(maxsize=65536)
def _paragraph_mentions(text: str, places: frozenset[str]) -> tuple[_Found, ...]:
    """A paragraph's mentions as `_Found`, in `find_mentions`'s order; a person's surname
    is known from its mention on."""
    found: list[_Found] = []
    context = Context((), places, 0, 0)
    for match in NAME_RUN.finditer(text):
        tokens = match[0].split()
        titled = any(t.lower().strip(".") in TITLES for t in tokens[:-1])
        name = person_in(match[0], places) if titled or _introduced(text, match) else None
        if name is not None and (titled or len(name.split()) > 1):
            found.append((match.start(), name, PERSON, False, _roles_of(text, match)))
        elif is_organisation(tokens):
            found.append((match.start(), organisation_in(match[0]) or match[0], ORGANISATION, False, _NO_ROLES))
        else:
            found.append((match.start(), match[0], PERSON, True, _roles_of(text, match)))
    for match in QUOTED_AS_SAYING.finditer(text):
        who = resolve(match["who"], context, "", nearest_last=False)
        if who is not None and who.kind == PERSON:
            found.append((match.start("who"), who.speaker, PERSON, False, _NO_ROLES))
    for verb in FINITE_VERB.finditer(text):
        who = verb_subject(text, verb, context)
        if who is not None:
            # "Samsung has recalled": one word names a person only once a full name ended with it
            bare = who.kind == PERSON and " " not in who.speaker
            found.append((verb.start() - 1, who.speaker, who.kind, bare, _NO_ROLES))
    return tuple(found)


def verb_subject(text: str, verb: re.Match[str], context: Context) -> Attribution | None:
    """The person or organisation `verb` (a match in `text`) is said of: its subject in
    the sentence ("Poroshenko conceded"), else, after a quote or with no subject, its
    inverted object ("..., said Fawaz Gerges"); None for a noun ("the claims") or no one."""
    if is_noun(text, verb.start()):
        return None
    return subject_of(text, start_of_sentence(text, verb.start()), verb.start(), verb.end(), context)


# What `subject_of` gives for a sentence read alone when its verb's object runs past it.
RUNS_ON = Attribution(None, "the verb's object runs on past the sentence")


def subject_of(
    text: str, sentence_start: int, start: int, end: int, context: Context, cut_short: bool = False
) -> Attribution | None:
    """`verb_subject` of the verb at `start:end`, not a noun, in the sentence from
    `sentence_start`. `cut_short`: `text` is a sentence cut from a longer text, and
    `RUNS_ON` is given when the inverted object read would run on past its end."""
    subject = text[sentence_start:start]
    clause = max(subject.rfind(";"), subject.rfind("_"), subject.rfind("—"), subject.rfind(":"))
    subject = subject[clause + 1 :]
    who = resolve(subject, context, "", nearest_last=True) if subject.strip() else None
    if who is None and (not subject.strip() or subject.rstrip().endswith((",", "_", "”", '"'))):
        cut = OBJECT_END.search(text, end, end + MAX_SENTENCE_CHARS)
        if cut is None and cut_short:
            return RUNS_ON
        obj = text[end : cut.start() if cut else end + MAX_SENTENCE_CHARS]
        if obj.strip():
            who = resolve(obj, context, "", nearest_last=False)
    return who if who is not None and who.kind in (PERSON, ORGANISATION) else None
