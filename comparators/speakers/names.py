"""Name parsing: a subject or object noun phrase -> the person or organisation it names.

A phrase is cut at its commas ("Admiral Vladimir Komoyedo, an MP and retired commander
...") and the part holding a name wins, titles stripped ("Pentagon spokesman Christopher
Garver" -> "Christopher Garver"). "he"/"she" resolve to the last person named before the
quote, "it" and documents ("the statement said") to the last organisation, "the ministry"
to the last organisation named with that word, "the prime minister" to the last person
named with that title (`Context`). A relative clause or an
apposition between a subject and its verb is passed over ("Lena Ortiz, who lost to banker
Tomas Brandt, has conceded" is Lena Ortiz).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from comparators.speakers.clauses import _DETERMINERS, MAX_SUBJECT_WORDS


PERSON, ORGANISATION, DESCRIPTION = "person", "organisation", "description"
TITLES = frozenset(
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
ORG_WORDS = frozenset(
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
NAME_RUN = re.compile(
    r"(?<![\w.’'\-])(?:(?:al|el|bin|ibn|de|van|von|da|di|du|le|la|abu)[-\s])?[A-Z][\w’'\-]*\.?"
    r"(?:\s+(?:(?:of|for|and|the|de|van|von|da|di|du|al|el|bin|ibn|abu)\s+)?"
    r"(?:(?:al|el)-)?[A-Z][\w’'\-]*\.?)*"
)


# A time phrase between a subject and its verb: "Blinken on Monday urged".
_WHEN_NAMED = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|year|night|morning|evening"
_WHEN_ALONE = "yesterday|today|tonight"
_WHEN = re.compile(
    rf"(?:\s+(?:(?:late|early)\s+)?(?:on|last|this|late|early)\s+(?:{_WHEN_NAMED})|\s+(?:{_WHEN_ALONE}))+$",
    re.IGNORECASE,
)
# A phrase `_WHEN` can match ends with one of its last words: a look at the end (its last
# ten characters, a final newline included) rules most phrases out at once.
_WHEN_ENDS = re.compile(rf"(?:{_WHEN_NAMED}|{_WHEN_ALONE})$", re.IGNORECASE)
# Someone speaking for the person named after them: "the spokesman of the chancellor X".
_ON_BEHALF = re.compile(
    r"(?:the|a|an)\s+(?:[a-z]+\s+)?(?:spokes(?:man|woman|person)|aides?|advis[eo]rs?|lawyers?|"
    r"representatives?|envoys?)\s+(?:of|for|to)\s", re.IGNORECASE
)
# "Diab in his speech" promised: where a named speaker spoke, between the name and the verb.
_WHERE_SPOKEN = re.compile(r"\s+(?:in|at|during|on)\s+(?:his|her|their|its|a|an|the)(?:\s+[a-z]+){1,3}$")


# Nouns for people speaking without a name: "a U.S. official", "residents".
ROLE = re.compile(
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
class Mention:
    paragraph: int
    at: int
    name: str
    kind: str
    roles: frozenset[str] = frozenset()  # "prime minister Hassan Diab": {"prime", "minister"}


def mention_position(mention: Mention) -> tuple[int, int]:
    return (mention.paragraph, mention.at)


@dataclass(frozen=True, slots=True)
class Context:
    mentions: tuple[Mention, ...]
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

    def last_with_role(self, role: str) -> str | None:
        """The last person named before here with `role` ("the prime minister" said: the
        last one introduced as "Prime Minister X" or "X, the prime minister")."""
        for mention in reversed(self.mentions):
            if (mention.paragraph, mention.at) < (self.paragraph, self.at) and role in mention.roles:
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


_KEPT_PHRASE_CHARS = 1000  # a phrase kept is a sentence's, not a megabyte article's on one line


def resolve(phrase: str, context: Context, rule: str, nearest_last: bool) -> Attribution | None:
    """The speaker named by a subject or object noun phrase, or None."""
    if not context.mentions and len(phrase) <= _KEPT_PHRASE_CHARS:  # the phrase and the places alone decide
        who, asked = _resolved_without_places(phrase, rule, nearest_last)
        if not any(name in context.places for name in asked):  # asked through `in`: a `NoPlaces` notes them
            return who
    return _resolve(phrase, context, rule, nearest_last)


class NoPlaces(frozenset[str]):
    """No places, noting every name looked up among them."""

    __slots__ = ("asked",)

    def __init__(self) -> None:
        self.asked: set[str] = set()

    def __contains__(self, name: object) -> bool:
        self.asked.add(str(name))
        return False


# Sentences repeat across outlets and their variants, and with them the phrases before and
# after their verbs: each is read once, with no place known, for every reader of verbs'
# subjects (`mentions.verb_subject`: the quotes' attribution and `speech.actors`).
@lru_cache(maxsize=16384)
def _resolved_without_places(phrase: str, rule: str, nearest_last: bool) -> tuple[Attribution | None, frozenset[str]]:
    """`resolve` with no one named before and no place known, and the names it looked
    up among the places: the answer holds for any places holding none of them."""
    places = NoPlaces()
    who = _resolve(phrase, Context((), places, 0, 0), rule, nearest_last)
    return who, frozenset(places.asked)


def _resolve(phrase: str, context: Context, rule: str, nearest_last: bool) -> Attribution | None:
    phrase = phrase.replace("_", " ")
    head = _subject_before_aside(phrase) if nearest_last else None
    if head is not None:
        # "Karl Weiss, 61, who ...,": the head's last chunk, else the head with its apposition
        return _resolve(head, context, rule, nearest_last) or _resolve(head + ",", context, rule, nearest_last)
    pieces = _PIECE_BREAK.split(phrase)
    # only the two chunks nearest the verb are read: a long subject's others are never trimmed
    chunks = _first_chunks(reversed(pieces))[::-1] if nearest_last else _first_chunks(pieces)
    if not chunks:
        return None
    if nearest_last and len(chunks) > 1 and (
        phrase.rstrip(" _\"'”’").endswith(",") or _unclosed_apposition(pieces, chunks, context.places)
    ):
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
        name = person_in(chunk, context.places)
        if name is not None and _ON_BEHALF.match(chunk):
            return Attribution(chunk, rule, DESCRIPTION)  # "the spokesman of ... Angela Merkel" is not Merkel
        if name is not None:
            full = context.full_name(name)
            note = "" if full == name else f"; '{name}' is {full} named earlier"
            return Attribution(full, rule + note, PERSON)
    role = _definite_role(order[0])
    if role is not None:
        name = context.last_with_role(role)
        if name is not None:
            return Attribution(name, f"{rule}; '{order[0]}' is {name}, named before with that title", PERSON)
        if role in TITLES and role not in ORG_WORDS:
            return Attribution(order[0], rule, DESCRIPTION)  # "the CEO": a person, not an acronym's body
    for chunk in order:
        org = organisation_in(chunk)
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
    if head in _DOCUMENTS or head in ORG_WORDS:
        name = context.last(ORGANISATION, None if head in _DOCUMENTS else head)
        if name is not None:
            what = f"comes from the {name}" if head in _DOCUMENTS else f"is the {name}"
            return Attribution(name, f"{rule}; '{chunk}' {what} named before it", ORGANISATION)
        return Attribution(chunk, rule, DESCRIPTION)  # "the ministry", none named before
    if len(chunk.split()) <= 6:
        if ROLE.search(lower):
            return Attribution(chunk, rule, DESCRIPTION)
    return None


def role_words(phrase: str) -> frozenset[str]:
    """The titles and roles in a phrase next to a name ("incumbent president", "CEO of X")."""
    return frozenset(
        w for w in (t.lower().strip(".,’'") for t in phrase.split()) if w in TITLES or ROLE.fullmatch(w)
    )


_DEFINITE_ROLE = re.compile(r"(?i:the)\s+(?:[\w\-]+\s+){0,2}(?P<role>[A-Za-z]+)")


def _definite_role(chunk: str) -> str | None:
    """The title a definite description ends on ("the prime minister", "the CEO",
    "the incumbent president"): one person named before, never "the officials"."""
    match = _DEFINITE_ROLE.fullmatch(chunk.strip())
    if match is None:
        return None
    role = match["role"].lower()
    if role in TITLES or (ROLE.fullmatch(role) and ROLE.fullmatch(role + "s")):
        return role  # one person: "the official", never "the police" or "the officials"
    return None


_PIECE_BREAK = re.compile(r"[,()]")
_RELATIVE = re.compile(r"\s*(?:who|whom|whose|which|that)\b", re.IGNORECASE)
# The first words of an opening phrase ("After the meeting, which lasted two hours, ..."):
_OPENING = _FUNCTION_WORDS - _DETERMINERS


def _subject_before_aside(phrase: str) -> str | None:
    """The subject before what stands between it and its verb, when a comma closes that
    right before the verb (nothing but "has", "also", "on Monday" after it); else None.

    A relative clause opened by a comma ("Lena Ortiz, who lost to her rival, banker Tomas
    Brandt, has conceded") is cut with all after it: the names inside it are not the
    subject. An apposition closed before an auxiliary ("Karl Weiss, a former aide to Lena
    Ortiz, has resigned") is read as one closed right before the verb (its head first).
    """
    pieces = phrase.split(",")
    if len(pieces) < 3 or _trim(pieces[-1]) or _RELATIVE.match(pieces[-1]):
        return None  # ", who was" killed: the verb is the clause's, said of the name before it
    for index in range(1, len(pieces) - 1):
        if _RELATIVE.match(pieces[index]) and not _opens_sentence(pieces[index - 1]):
            return ",".join(pieces[:index])
    if not pieces[-1].strip(" \"'”’"):
        return None  # closed right before the verb already: `_resolve` reads its head first
    return ",".join(pieces[:-1]) + ","


# Words opening a phrase before the subject ("Across Europe, the ministry said").
_PREPOSITIONS = frozenset("across inside near around throughout under among amid despite beyond behind within without".split())


def _unclosed_apposition(pieces: Sequence[str], chunks: Sequence[str], places: frozenset[str]) -> bool:
    """'Tom Baker, a local farmer told reporters': a name and its apposition, the comma
    closing it left out; the name is the subject, not the description."""
    name = chunks[-2].split()
    return (
        len(pieces) == 2
        and _trim(pieces[1]).split(maxsplit=1)[0].lower() in ("a", "an", "the")
        and len(name) >= 2  # a full name: "Separately, the ministry said" is no one's apposition
        and name[0].lower() not in _OPENING | _PREPOSITIONS
        and person_in(chunks[-2], places) == chunks[-2]
    )


def _opens_sentence(piece: str) -> bool:
    """Whether a piece is an opening phrase ("After the meeting", "In Berlin"), not a subject."""
    words = piece.split(maxsplit=1)
    return bool(words) and words[0].lower() in _OPENING


def _first_chunks(pieces: Iterable[str], count: int = 2) -> list[str]:
    """The first `count` pieces of a noun phrase left non-empty by `_trim`, trimmed."""
    chunks: list[str] = []
    for piece in pieces:
        chunk = _trim(piece)
        if chunk:
            chunks.append(chunk)
            if len(chunks) == count:
                break
    return chunks


def _trim(chunk: str) -> str:
    """A chunk of noun phrase without edge punctuation or trailing auxiliaries."""
    chunk = chunk.strip(" ,.;:—–\"'“”‘’")
    if _WHEN_ENDS.search(chunk, max(0, len(chunk) - 10)):
        chunk = _WHEN.sub("", chunk)
    where = _WHERE_SPOKEN.search(chunk)
    if where is not None and chunk[: where.start()].split()[-1][:1].isupper():
        chunk = chunk[: where.start()]  # after a name only: "a spokesman at the embassy" stays whole
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
    for match in NAME_RUN.finditer(chunk):
        tokens = match[0].split()
        while tokens and tokens[0].lower().strip(".") in _FUNCTION_WORDS:
            tokens.pop(0)
        while tokens and tokens[-1].lower() in ("of", "for", "and", "the", "on"):
            tokens.pop()
        if tokens:
            runs.append(" ".join(tokens))
    return runs


def person_in(chunk: str, places: frozenset[str]) -> str | None:
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
    titles = [i for i, t in enumerate(tokens) if t.lower().strip(".") in TITLES]
    titled = bool(titles)
    if titles:
        tokens = tokens[titles[-1] + 1 :]
        while tokens and tokens[0].islower():
            tokens.pop(0)  # "Chief of Staff John Doe"
    if is_organisation(tokens):
        return None
    if not tokens or any(
        (t.isupper() and len(t.strip(".")) > 1) or any(ch.isdigit() for ch in t) or t.endswith(("’s", "'s"))
        for t in tokens
    ):
        return None
    if not titled and " ".join(tokens) in places:
        return None
    if len(tokens) == 1 and not titled and (len(tokens[0].strip(".")) < 2 or ROLE.fullmatch(tokens[0].lower())):
        return None
    if tokens[-1].endswith(".") and len(tokens[-1].rstrip(".")) > 2:
        tokens[-1] = tokens[-1].rstrip(".")  # the sentence's stop, not an abbreviation ("Jr.")
    return " ".join(tokens)


def is_organisation(tokens: Sequence[str]) -> bool:
    return any(t.lower().strip(".’'s") in ORG_WORDS or t.lower().rstrip(".") in ORG_WORDS for t in tokens)


def organisation_in(chunk: str) -> str | None:
    """An organisation named in a noun phrase ('the Russian ministry of defence'), or None."""
    words = chunk.split()
    for i, word in enumerate(words):
        bare = word.lower().strip(".,’'").removesuffix("’s").removesuffix("'s")
        if bare in ORG_WORDS:
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
