"""Synthetic stories for scale tests and benchmarks, made from the seed paragraphs.

    story = synthetic_story(50, 40, seed=0)          # 50 sources x ~40 paragraphs
    story, origin = synthetic_story_with_origin(5, 400, seed=1)
    story = synthetic_story(10, 1000, repetitive=True)  # recombined seed sentences only

Every source draws paragraphs from one shared pool of items (the seed story's
paragraphs; when more are needed, as many recombinations of their sentences with
made-up names; past that, for long documents, paragraphs of distinct facts composed
from a larger vocabulary, with a few names and one toll recurring, as in reports,
transcripts and live blogs), roughly in the pool's order, then
shuffles some locally, drops some, splits some in two, merges some neighbours
and rewords the rest lightly (synonyms, dropped or swapped words), as outlets
rewriting the same wire copy do. Same arguments, same story.

`repetitive` keeps recombining the seed sentences however long the documents: the
degenerate long story (a live blog repeating itself), with tens of thousands of
overlapping fact groups. Stories of up to 61 paragraphs are the same either way.

`origin` maps each (source id, paragraph index) to the pool items its text came
from: two paragraphs sharing an item report the same thing. Import this module
as `import synthetic` (pytest puts tests/support on `sys.path`): a top-level `tests`
package from another wheel can shadow ours.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache

from comparators import Paragraph, Source, Story, load_story
from comparators.segment import split_sentences

Origin = dict[tuple[str, int], frozenset[int]]

_SYNONYMS = {
    "said": "stated", "told": "informed", "took": "had taken", "struck": "hit", "bombers": "warplanes",
    "warplanes": "aircraft", "base": "airfield", "airbase": "air base", "officials": "authorities",
    "attacks": "strikes", "militants": "fighters", "also": "as well", "first": "initial",
    "statement": "announcement", "ministry": "department", "launched": "began", "targets": "positions",
    "Tuesday": "on Tuesday", "big": "large", "about": "around", "after": "following",
}
_SKIPPABLE = {"the", "a", "an", "also", "that", "very", "just", "already", "however,"}


@lru_cache(maxsize=1)
def _seed_pool() -> tuple[str, ...]:
    """Seed paragraphs that report distinct things: a paragraph hand-labelled as
    (possibly) reporting the same as one already in the pool is left out, so two
    pool items never tell the same thing and `origin` is a clean ground truth."""
    from alignment_labels import load_labels

    story = load_story([])
    labels = load_labels(story)
    related: dict[tuple[str, int], set[tuple[str, int]]] = {}
    for pair in labels.possible:
        a, b = tuple(pair)
        related.setdefault(a, set()).add(b)
        related.setdefault(b, set()).add(a)
    pool: list[str] = []
    taken: set[tuple[str, int]] = set()
    for source in story.sources:
        for p in source.paragraphs:
            key = (source.id, p.index)
            if len(p.text.split()) >= 12 and not related.get(key, set()) & taken:
                pool.append(p.text)
                taken.add(key)
    return tuple(pool)


def _name(rng: random.Random) -> str:
    syllables = ["ka", "to", "mir", "vel", "an", "sor", "dek", "ul", "ra", "zin", "bo", "har"]
    return "".join(rng.choice(syllables) for _ in range(3)).capitalize()


def _pool(size: int, rng: random.Random, repetitive: bool = False) -> list[str]:
    """The seed paragraphs, then as many recombinations of their sentences again, then
    (unless `repetitive`) paragraphs of distinct facts composed from a larger vocabulary."""
    seeds = list(_seed_pool())
    pool = seeds[:size]
    recombined = size if repetitive else 2 * len(seeds)
    while len(pool) < min(size, recombined):
        a, b = rng.sample(seeds, 2)
        sentences = list(split_sentences(a))[:2] + list(split_sentences(b))[:1]
        names = " ".join(_name(rng) for _ in range(3))
        pool.append(f"{names} said {rng.randint(2, 9999)} people were affected. " + " ".join(sentences))
    if len(pool) < size:
        pool.extend(_facts(size - len(pool), rng))
    return pool


# Vocabulary of the composed paragraphs (long documents): many distinct facts, a few recurring
# names and figures, as in reports, transcripts and live blogs.
_SYLLABLES = (
    "ba be bo da de di fa fe go ha he ka ke ki ko la le li lo ma me mi mo na ne no or pa pe po "
    "ra re ri ro sa se so ta te ti to ul va ve vi za ze zo mar tin ber dor gan kel lun mos"
).split()
_COUNTED = (
    "people families households residents patients pupils workers soldiers passengers volunteers "
    "houses schools shops bridges roads vehicles trucks buses flights boats tents wells clinics farms "
    "villages generators ambulances firefighters engineers journalists prisoners refugees students "
    "teachers nurses doctors containers shelters apartments pylons"
).split()
_HAPPENED = (
    "evacuated", "rescued", "injured", "detained", "released", "moved to shelters", "damaged",
    "destroyed", "closed", "reopened", "inspected", "repaired", "cut off", "flooded", "delayed",
    "cancelled", "treated", "vaccinated", "registered", "sent home", "left stranded", "checked",
)
_SPEAKERS = (
    "the governor", "a ministry spokeswoman", "the regional police chief", "the fire service",
    "a hospital director", "the transport minister", "the head of the relief agency",
    "a senior engineer", "the prosecutor's office", "the local council", "a union representative",
    "the operator", "the weather service", "the army", "a Red Cross official", "the harbour master",
    "the chief inspector", "an opposition lawmaker", "the health minister", "a company statement",
)
_SAID = ("said", "told reporters", "announced", "confirmed", "estimated", "warned", "reported", "stated")
_FACILITIES = (
    "depot", "warehouse", "refinery", "dam", "port", "power station", "stadium", "market", "factory",
    "mine", "rail yard", "tunnel", "pumping station", "airport", "barracks", "courthouse", "library",
    "ferry terminal", "grain silo", "water plant",
)
_EVENTS = (
    "the storm", "the landslide", "the fire", "the explosion", "the collapse", "heavy rain",
    "the strike", "the power cut", "the earthquake", "the flood", "the riot", "the blockade",
)
_LACKING = ("power", "running water", "heating", "telephone lines", "internet access", "fuel", "food supplies")
_BODIES = (
    "the interior ministry", "the electricity company", "the port authority", "the health ministry",
    "the city council", "the national guard", "the rail operator", "the water board", "the coast guard",
    "the statistics office", "the insurers' association", "the teachers' union",
)
_DEMANDS = (
    "release the figures", "reopen the {facility}", "pay compensation", "explain the delay",
    "suspend the works", "publish the report", "rebuild the {facility}", "hold an inquiry",
)
_WHEN = (
    "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday",
    "overnight", "earlier in the day", "late on {day}", "by noon", "at dawn", "this week", "last month",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_UNITS = ("kilometres", "miles", "metres", "tonnes", "litres", "hectares")
_MONEY = ("million dollars", "million euros", "billion dinars", "million pounds")
# A sentence is a subject, a predicate, an adjunct and maybe an attribution, each drawn
# on its own: tens of thousands of frames, so two facts rarely share more than a phrase.
_SUBJECTS = (
    "{n} {counted}", "{Person}", "the {facility} {where}", "{body}", "a convoy of {n} {counted}",
    "crews from {place}", "the mayor of {place}", "{m} {counted} from {place}", "a team led by {person}",
    "the {cargo} shipment for {place}", "volunteers in {place}", "{Person}'s office", "the last {counted} {where}",
    "a second group of {m} {counted}", "the {facility} operator", "residents of {place}",
)
_PREDICATES = (
    "reached {place2}", "left for {place2}", "moved into the {facility2}", "blocked the road to {place2}",
    "lost {k} {unit} of {cargo}", "opened a {facility2} near {place2}", "asked for {k} {money}",
    "was counted by {body}", "returned to {place2}", "cleared the {facility2}", "stayed behind in {place2}",
    "was {happened}", "were {happened} by {body}", "promised to {demand}", "received {k} {money} from {body}",
    "handed {k} {unit} of {cargo} to {person}", "shut the {facility2} to visitors", "filed a complaint against {body}",
    "waited for {lacking} to return", "sent {m} {counted2} back to {place2}", "met {person} at the {facility2}",
    "rejected the plan for the {facility2}", "rebuilt the bridge at {place2}", "set up {m} tents near {place2}",
    "closed {k} {unit} of road", "found {m} {counted2} in the {facility2}", "ran out of {cargo}",
    "was fined {k} {money}", "hired {m} {counted2}", "raised {k} {money} for {place2}",
)
_ADJUNCTS = (
    "{when}", "after {event}", "despite {event}", "for the first time since {year}", "under a deal signed in {month}",
    "before the {facility2} reopened", "as {event} moved towards {place2}", "while {body} looked on",
    "within {k} hours", "in the {cargo} season", "a week after {event}", "on the orders of {person}",
)
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)
_CARGO = ("grain", "fuel", "medicine", "drinking water", "cement", "rubble", "flour", "timber", "sand", "steel")


def _proper(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _facts(count: int, rng: random.Random) -> list[str]:
    """`count` paragraphs of two or three sentences of distinct facts, with a small cast of
    people and places and one toll that recur through the story, as a long report's do."""
    cast = [f"{_proper(rng)} {_proper(rng)}" for _ in range(6)]
    places = [_proper(rng) for _ in range(4)]
    toll = rng.randint(20, 400)

    def person() -> str:
        return rng.choice(cast) if rng.random() < 0.1 else f"{_proper(rng)} {_proper(rng)}"

    def place() -> str:
        return rng.choice(places) if rng.random() < 0.1 else _proper(rng)

    def sentence() -> str:
        if rng.random() < 0.02:
            return f"The toll stood at {toll} dead, {rng.choice(_SPEAKERS)} {rng.choice(_SAID)}."
        where = f"{rng.choice(('in', 'near', 'north of', 'outside', 'south of'))} {place()}"
        counted, counted2 = rng.sample(_COUNTED, 2)
        facility, facility2 = rng.sample(_FACILITIES, 2)
        slots = dict(
            n=rng.randint(2, 5000), m=rng.randint(2, 900), k=rng.randint(2, 90), counted=counted,
            counted2=counted2, happened=rng.choice(_HAPPENED), where=where,
            when=rng.choice(_WHEN).format(day=rng.choice(_DAYS)), event=rng.choice(_EVENTS), Person=person(),
            person=person(), body=rng.choice(_BODIES), facility=facility, facility2=facility2,
            money=rng.choice(_MONEY), place=place(), place2=place(), lacking=rng.choice(_LACKING),
            demand=rng.choice(_DEMANDS).format(facility=facility2), unit=rng.choice(_UNITS),
            cargo=rng.choice(_CARGO), year=rng.randint(1950, 2015), month=rng.choice(_MONTHS),
        )
        text = " ".join(rng.choice(parts).format(**slots) for parts in (_SUBJECTS, _PREDICATES, _ADJUNCTS))
        roll = rng.random()
        if roll < 0.3:
            text += f", {rng.choice(_SPEAKERS)} {rng.choice(_SAID)}"
        elif roll < 0.5:
            text += f", according to {person()}"
        text = text[0].upper() + text[1:] + "."
        return text

    return [" ".join(sentence() for _ in range(rng.randint(2, 3))) for _ in range(count)]


def _reword(text: str, rng: random.Random, rate: float) -> str:
    words = text.split(" ")
    out: list[str] = []
    for word in words:
        bare = re.sub(r"\W+$", "", word)
        tail = word[len(bare):]
        roll = rng.random()
        if roll < rate and bare in _SYNONYMS:
            out.append(_SYNONYMS[bare] + tail)
        elif roll < rate * 1.5 and word.lower() in _SKIPPABLE:
            continue
        else:
            out.append(word)
    if len(out) > 6 and rng.random() < rate:
        k = rng.randrange(1, len(out) - 2)
        out[k], out[k + 1] = out[k + 1], out[k]
    return " ".join(out)


def synthetic_story_with_origin(
    n_sources: int, n_paragraphs: int, seed: int = 0, repetitive: bool = False
) -> tuple[Story, Origin]:
    """`n_sources` sources of about `n_paragraphs` paragraphs each, and where they came from."""
    rng = random.Random(seed)
    pool = _pool(max(len(_seed_pool()), (n_paragraphs * 3) // 2), rng, repetitive)
    sources: list[Source] = []
    origin: Origin = {}
    for k in range(n_sources):
        sid = f"s{k + 1:03d}"
        picked = sorted(rng.sample(range(len(pool)), min(n_paragraphs, len(pool))))
        for _ in range(len(picked) // 8):  # local reordering
            i = rng.randrange(len(picked))
            j = min(len(picked) - 1, i + rng.randint(1, 3))
            picked[i], picked[j] = picked[j], picked[i]
        pieces: list[tuple[str, frozenset[int]]] = []
        for item in picked:
            text = _reword(pool[item], rng, rate=rng.uniform(0.05, 0.3))
            sentences = split_sentences(text)
            roll = rng.random()
            if roll < 0.1 and len(sentences) > 1:  # split in two
                cut = rng.randrange(1, len(sentences))
                pieces.append((" ".join(sentences[:cut]), frozenset([item])))
                pieces.append((" ".join(sentences[cut:]), frozenset([item])))
            elif roll < 0.2 and pieces:  # merged into the previous paragraph
                previous, items = pieces.pop()
                pieces.append((previous + " " + text, items | {item}))
            else:
                pieces.append((text, frozenset([item])))
        paragraphs = tuple(Paragraph(i, text, 2 * i + 1) for i, (text, _) in enumerate(pieces))
        origin.update({(sid, i): items for i, (_, items) in enumerate(pieces)})
        sources.append(
            Source(
                id=sid,
                outlet=f"Outlet {k + 1:03d}",
                path=None,
                paragraphs=paragraphs,
                title=f"Synthetic account {k + 1}",
                date="2016-08-16",
            )
        )
    title = f"Synthetic story: {n_sources} sources x {n_paragraphs} paragraphs (seed {seed})"
    return Story(title=title, sources=tuple(sources)), origin


def synthetic_story(n_sources: int, n_paragraphs: int, seed: int = 0, repetitive: bool = False) -> Story:
    """`n_sources` sources of about `n_paragraphs` paragraphs each (see the module doc)."""
    return synthetic_story_with_origin(n_sources, n_paragraphs, seed, repetitive)[0]


def story_of(**sources: list[str]) -> Story:
    """A story of hand-written sources: each keyword is a source id, its list the paragraphs."""
    return Story(
        title="test",
        sources=tuple(
            Source(id=sid, outlet=sid, path=None, paragraphs=tuple(Paragraph(i, t, i + 1) for i, t in enumerate(texts)))
            for sid, texts in sources.items()
        ),
    )
