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

from comparators.segment import sentence_boundaries
from comparators.speakers import speaker_keys
from comparators.speakers.clauses import FINITE_VERB, MAX_SENTENCE_CHARS, is_noun
from comparators.speakers.mentions import RUNS_ON, subject_of, verb_subject
from comparators.speakers.names import Attribution, Context

# A verb in the past tense: what a subject did ("conceded", "apologized"), read by form
# rather than from a list, so that no story's verbs are written in. (Five letters or
# more ending in "ed", as `[a-z]{3,}ed`, checked by a look-behind: twice as fast.)
_PAST_TENSE = re.compile(r"\b[a-z]{5,}(?<=ed)\b")
_NO_CONTEXT = Context((), frozenset(), 0, 0)


@lru_cache(maxsize=65536)  # wire copy repeats paragraphs across outlets: each is read once
def deeds(text: str) -> tuple[tuple[tuple[str, str], str], ...]:
    """((name, kind), verb) of each verb `text` says of a person or organisation, in
    order, the verb lower-cased; "" for a verb of saying ("said", "told")."""
    sentences = _sentences_read_alone(text)
    if sentences is None:
        return _deeds_read_whole(text)
    found: list[tuple[tuple[str, str], str]] = []
    for sentence in sentences:
        reading = _sentence_deeds(*sentence)
        if reading is None:  # this sentence cannot be read alone: the rest need not be either
            return _deeds_read_whole(text)
        found.extend(deed for deed in reading if deed not in found)
    return tuple(found)


def _verbs(text: str) -> list[tuple[re.Match[str], bool]]:
    """Each verb of `text` in order, and whether it is one of saying: a verb both
    patterns find ("added") is read once, as one of saying."""
    saying = {verb.start(): verb for verb in FINITE_VERB.finditer(text)}
    verbs = {verb.start(): verb for verb in _PAST_TENSE.finditer(text)} | saying
    return [(verbs[start], start in saying) for start in sorted(verbs)]


def _deed(who: Attribution | None, verb: re.Match[str], saying: bool) -> tuple[tuple[str, str], str] | None:
    if who is None or who.speaker is None:
        return None
    # A verb of saying tells who spoke, not what they did: its deed is "".
    return ((who.speaker, who.kind), "" if saying else verb.group().lower())


def _deeds_read_whole(text: str) -> tuple[tuple[tuple[str, str], str], ...]:
    found: list[tuple[tuple[str, str], str]] = []
    for verb, saying in _verbs(text):
        deed = _deed(verb_subject(text, verb, _NO_CONTEXT), verb, saying)
        if deed is not None and deed not in found:
            found.append(deed)
    return tuple(found)


# Sentences recur across distinct paragraphs (outlets recombine wire copy): each is read
# once where reading it alone gives what reading it in its paragraph would. A verb reads
# its own sentence, the word before it and at most its object after it (`verb_subject`).
def _sentences_read_alone(text: str) -> list[tuple[str, bool, bool]] | None:
    """`text`'s sentences as (sentence, whether the word before it makes a verb opening
    it a noun, whether it ends `text`), each a whole number of words; None when one is
    longer than the speaker rules' sentences or does not start right after a space."""
    starts = [0, *(start for _end, start in sentence_boundaries(text))]
    ends = [*starts[1:], len(text)]
    sentences = []
    for start, end in zip(starts, ends):
        if end - start > MAX_SENTENCE_CHARS or (start and (not text[start - 1].isspace() or text[start].isspace())):
            return None
        opens_as_noun = "a" <= text[start : start + 1] <= "z" and is_noun(text, start)  # verbs are lower case
        sentences.append((text[start:end], opens_as_noun, end == len(text)))
    return sentences


@lru_cache(maxsize=65536)
def _sentence_deeds(sentence: str, opens_as_noun: bool, ends_text: bool) -> tuple[tuple[tuple[str, str], str], ...] | None:
    """`_deeds_read_whole` of one sentence of a text, read alone; None when a verb's
    object would run on past it into the next."""
    found: list[tuple[tuple[str, str], str]] = []
    for verb, saying in _verbs(sentence):
        if opens_as_noun if verb.start() == 0 else is_noun(sentence, verb.start()):
            continue
        who = subject_of(sentence, 0, verb.start(), verb.end(), _NO_CONTEXT, cut_short=not ends_text)
        if who is RUNS_ON:
            return None
        deed = _deed(who, verb, saying)
        if deed is not None and deed not in found:
            found.append(deed)
    return tuple(found)


def actors(text: str) -> tuple[tuple[str, str], ...]:
    """(name, kind) of each person or organisation `text` says something of, in order."""
    return tuple(dict.fromkeys(who for who, _ in deeds(text)))


def passage_people(texts: Sequence[str], stem: int) -> tuple[list[frozenset[str]], list[frozenset[str]]]:
    """For each text, the keys (one per person or organisation across the texts) of
    those it says something of, and what it says they did, other than speak: the
    person's key and the verb's first `stem` letters ("<key> conce" for both
    "Poroshenko conceded" and "Petro Poroshenko has conceded"). One reading and one
    keying of the story's people serve both."""
    named = [deeds(text) for text in texts]
    keys = speaker_keys({who for found in named for who, _ in found})
    actors_of = [frozenset(keys[who] for who, _ in found) for found in named]
    deeds_of = [frozenset(f"{keys[who]} {verb[:stem]}" for who, verb in found if verb) for found in named]
    return actors_of, deeds_of
