"""One speaker across outlets: one key for the names of one person or organisation.

`speaker_keys(names)` gives one key to the names of one person across outlets
(`same_person`: surnames alike by rapidfuzz, first names compatible) and to one
organisation however it is spelt ("ministry of defence" / "defense ministry").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz, process

from comparators.speakers.names import ORGANISATION, ORG_WORDS, PERSON, TITLES


ORGANISATION_RATIO = 90  # "russian defense ministry" / "russia defense ministry"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=65536)  # `speaker_keys` compares each name with many others
def _name_tokens(name: str) -> tuple[str, ...]:
    tokens = [t.strip(".,’'") for t in _fold(name).replace("-", " ").split()]
    tokens = [t for t in tokens if t]
    while len(tokens) > 1 and tokens[0] in TITLES:
        tokens.pop(0)
    return tuple(tokens)


# Two different surnames are one transliterated when both are this long and this alike
# (rapidfuzz ratio): `same_person` and `_GroupIndex` must agree on it.
_ALIKE_SURNAME_LETTERS = 5
_ALIKE_SURNAME_RATIO = 85


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
    if sa != sb and not (min(len(sa), len(sb)) >= _ALIKE_SURNAME_LETTERS and fuzz.ratio(sa, sb) >= _ALIKE_SURNAME_RATIO):
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


def _renderings_of_one_name(ta: tuple[str, ...], tb: tuple[str, ...]) -> bool:
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
        if at > 0 and words[at - 1] in ORG_WORDS:
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
    persons = _GroupIndex()
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
        for at in persons.candidates(name):
            group = groups[at]
            if all(same_person(name, other) for other in group):
                group.append(name)
                keys[(name, kind)] = " ".join(_name_tokens(group[0]))
                break
        else:
            persons.add(name)
            groups.append([name])
            keys[(name, kind)] = " ".join(_name_tokens(name))
    return keys


class _GroupIndex:
    """Person groups by the first and last word of the name that opened each, so a
    name is checked against the few groups it may join, not all of them (a long story
    has thousands of names): `same_person(a, b)` needs their first words or their last
    words equal, or both surnames of five letters or more and alike."""

    def __init__(self) -> None:
        self.by_token: dict[str, list[int]] = {}
        self.surnames: list[str] = []  # each group's first name's surname, in group order

    def add(self, name: str) -> None:
        tokens = _name_tokens(name)
        at = len(self.surnames)
        for token in {tokens[0], tokens[-1]} if tokens else ():
            self.by_token.setdefault(token, []).append(at)
        self.surnames.append(tokens[-1] if tokens else "")

    def candidates(self, name: str) -> list[int]:
        """The groups, in order, whose first name may be the same person as `name`."""
        tokens = _name_tokens(name)
        if not tokens:
            return []
        found = {at for token in {tokens[0], tokens[-1]} for at in self.by_token.get(token, ())}
        surname = tokens[-1]
        if len(surname) >= _ALIKE_SURNAME_LETTERS:
            alike = process.extract(
                surname, self.surnames, scorer=fuzz.ratio, processor=None, score_cutoff=_ALIKE_SURNAME_RATIO, limit=None
            )
            found.update(at for other, _, at in alike if len(other) >= _ALIKE_SURNAME_LETTERS)
        return sorted(found)
