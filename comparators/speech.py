"""Who speaks or acts in a passage: the people and organisations its verbs are said of.

A passage reporting what someone said or did names them as the subject of a verb
of saying ("Poroshenko said"), of any verb in the past tense ("Poroshenko conceded",
"Koh apologized"), or after a quote as its inverted object ("..., said Koh"). Two
outlets telling one statement or deed in other words, or in translation, still name
the same person doing it (`evidence.py`'s `shared_actors`), and mostly the same
deed: the person with the verb, other than one of saying (`shared_deeds`).

Each distinct text is read once (wire copy repeats paragraphs across outlets), with
the speaker rules' own name reading (`speakers.mentions.verb_subject`); the names of
a story's passages are then keyed as its quotes' speakers are (`speaker_keys`:
"Petro Poroshenko", "Poroshenko" and "Pyotr Poroshenko" are one person).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from comparators.speakers import speaker_keys
from comparators.speakers.clauses import FINITE_VERB
from comparators.speakers.mentions import verb_subject
from comparators.speakers.names import Context

# A verb in the past tense: what a subject did ("conceded", "apologized"), read by form
# rather than from a list, so that no story's verbs are written in. (Five letters or
# more ending in "ed", as `[a-z]{3,}ed`, checked by a look-behind: twice as fast.)
_PAST_TENSE = re.compile(r"\b[a-z]{5,}(?<=ed)\b")
_NO_CONTEXT = Context((), frozenset(), 0, 0)


@lru_cache(maxsize=65536)  # wire copy repeats paragraphs across outlets: each is read once
def deeds(text: str) -> tuple[tuple[tuple[str, str], str], ...]:
    """((name, kind), verb) of each verb `text` says of a person or organisation, in
    order, the verb lower-cased; "" for a verb of saying ("said", "told")."""
    found: list[tuple[tuple[str, str], str]] = []
    saying = {verb.start(): verb for verb in FINITE_VERB.finditer(text)}
    verbs = {verb.start(): verb for verb in _PAST_TENSE.finditer(text)} | saying
    for start, verb in sorted(verbs.items()):  # a verb both patterns find ("added") is read once
        who = verb_subject(text, verb, _NO_CONTEXT)
        if who is not None and who.speaker is not None:
            # A verb of saying tells who spoke, not what they did: its deed is "".
            deed = ((who.speaker, who.kind), "" if start in saying else verb.group().lower())
            if deed not in found:
                found.append(deed)
    return tuple(found)


def actors(text: str) -> tuple[tuple[str, str], ...]:
    """(name, kind) of each person or organisation `text` says something of, in order."""
    return tuple(dict.fromkeys(who for who, _ in deeds(text)))


def passage_actors(texts: Sequence[str]) -> list[frozenset[str]]:
    """For each text, the keys (one per person or organisation across the texts) of
    those it says something of."""
    return passage_people(texts, 0)[0]


def passage_people(texts: Sequence[str], stem: int) -> tuple[list[frozenset[str]], list[frozenset[str]]]:
    """For each text, `passage_actors`' keys of those it says something of, and what it
    says they did, other than speak: the person's key and the verb's first `stem`
    letters ("<key> conce" for both "Poroshenko conceded" and "Petro Poroshenko has
    conceded"). One reading and one keying of the story's people serve both."""
    named = [deeds(text) for text in texts]
    keys = speaker_keys({who for found in named for who, _ in found})
    actors_of = [frozenset(keys[who] for who, _ in found) for found in named]
    deeds_of = [frozenset(f"{keys[who]} {verb[:stem]}" for who, verb in found if verb) for found in named]
    return actors_of, deeds_of
