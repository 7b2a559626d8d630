"""Synthetic stories for scale tests and benchmarks, made from the seed paragraphs.

    story = synthetic_story(50, 40, seed=0)          # 50 sources x ~40 paragraphs
    story, origin = synthetic_story_with_origin(5, 400, seed=1)

Every source draws paragraphs from one shared pool of items (the seed story's
paragraphs, and when more are needed, recombinations of their sentences with
made-up names so they stay distinct), roughly in the pool's order, then
shuffles some locally, drops some, splits some in two, merges some neighbours
and rewords the rest lightly (synonyms, dropped or swapped words), as outlets
rewriting the same wire copy do. Same arguments, same story.

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


def _pool(size: int, rng: random.Random) -> list[str]:
    seeds = list(_seed_pool())
    pool = seeds[:size]
    while len(pool) < size:
        a, b = rng.sample(seeds, 2)
        sentences = list(split_sentences(a))[:2] + list(split_sentences(b))[:1]
        names = " ".join(_name(rng) for _ in range(3))
        pool.append(f"{names} said {rng.randint(2, 9999)} people were affected. " + " ".join(sentences))
    return pool


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
    n_sources: int, n_paragraphs: int, seed: int = 0
) -> tuple[Story, Origin]:
    """`n_sources` sources of about `n_paragraphs` paragraphs each, and where they came from."""
    rng = random.Random(seed)
    pool = _pool(max(len(_seed_pool()), (n_paragraphs * 3) // 2), rng)
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


def synthetic_story(n_sources: int, n_paragraphs: int, seed: int = 0) -> Story:
    """`n_sources` sources of about `n_paragraphs` paragraphs each (see the module doc)."""
    return synthetic_story_with_origin(n_sources, n_paragraphs, seed)[0]


def story_of(**sources: list[str]) -> Story:
    """A story of hand-written sources: each keyword is a source id, its list the paragraphs."""
    return Story(
        title="test",
        sources=tuple(
            Source(id=sid, outlet=sid, path=None, paragraphs=tuple(Paragraph(i, t, i + 1) for i, t in enumerate(texts)))
            for sid, texts in sources.items()
        ),
    )
