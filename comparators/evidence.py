"""Evidence that two passages of different outlets report the same thing.

The aligner scores every candidate pair of passages on the features below and
turns them into a link probability (`LinkModel`, stored in `link_model.json`):
the mean of a logistic model's probability and that of boosted trees of depth 2
held monotone in each feature by its meaning (`TreeEnsemble`, evaluated with
NumPy), fitted on hand-labelled real stories by `tests/benchmarks/fit_link_model.py`,
which reports every figure with leave-one-story-out validation: each story is
scored by a model fitted on the other stories only. The lexical comparator's model
is itself the mean of two such models, one on its similarities and one on the
`fuzzy` comparator's (`fuzzy_similarity` below). The trees raised the held-out
real macro F1 0.778 -> 0.794, the lowest story 0.701 -> 0.722, the seeds 0.855 ->
0.896 (at fixed cuts 0.25-0.5, macro 0.776-0.784 -> 0.781-0.793).

The features, and what each adds (leave-one-story-out macro F1 of the links on
the six labelled stories when the feature is left out, against all of them;
figures from the fitting script):

- `similarity`, `similarity_both`: the comparator's passage similarity, the
  better and the worse of its two directions (a direction is the word-weighted
  mean of each sentence's best match in the other passage), so a paragraph an
  outlet split in two still matches the merged one.
- `story_similarity`: the similarity over the story's typical best match (the
  mean of each passage's best similarity in another source). Outlets that
  translate or rewrite share fewer words all through a story, so the same raw
  similarity means more there; this lets the cut follow the story
  (held-out real macro F1 0.703 -> 0.741, lowest story 0.531 -> 0.619).
- `fuzzy_similarity`, `story_fuzzy_similarity`: the `fuzzy` comparator's passage
  similarity (rapidfuzz's token-set ratio of sentences, as `similarity` is built:
  the better direction's mean of each sentence's best match), computed for the
  candidate pairs' sentences only (`align.fuzzy_parts`; scoring every sentence
  pair is what makes that comparator too slow for big stories), raw and over the
  story's typical best among the candidates. It sees order-free word overlap and
  forgives word forms through edit distance, where the lexical comparator weighs
  rare words. Not as more features of one model (held out, macro / lowest story /
  seeds 0.807 / 0.721 / 0.884 -> 0.811 / 0.738 / 0.895, but at the fixed cuts
  0.25-0.5 the macro 0.792-0.808 against 0.798-0.812), but as the view of a second
  model (`LinkModel.other_view`) that sees them in place of the lexical
  similarities, the rest of the evidence the same, the link probability the mean
  of both: 0.817 / 0.752 / 0.890, at the fixed cuts the macro 0.801 / 0.814 /
  0.815 / 0.812 / 0.821 / 0.816 against 0.798 / 0.802 / 0.812 / 0.805 / 0.805 /
  0.812, the folds' cuts 0.4-0.5 (0.35-0.55 before), ranking average precision
  0.873 -> 0.875. Most of the fixed cuts' gain is having two models: a second
  model that sees no similarity at all gives 0.809 / 0.760 / 0.895 and 0.806-0.815
  at the fixed cuts. Cost: 7 ms on the seeds' 745 candidate pairs, 0.42-0.45 s on
  the 71,715 of 50 sources x 40 paragraphs.
- `share_of_best_low`, `share_of_best_high`: the pair's similarity as a share of
  each side's best match in the other's outlet (competitive linking: an outlet
  reports a fact once, so the best counterpart wins).
- `shared_runs`: the share of word trigrams both passages use: verbatim runs,
  the mark of wire copy.
- `shared_names`: names both use, compared by consonant skeleton after folding
  accents, so transliterations meet (Zelenskiy / Zelensky, Hamadan / Hamedan).
- `numbers_disagree`: both passages give numbers and share none ("1,200" and
  "thirty-five" are read as 1200 and 35): a different count or date is usually a
  different fact.
- `shared_specific_words`: how many words specific to one fact both passages
  use, compared by their first STEM letters (conceded / concession, inspectors /
  inspections), each counting by `specificity`: 1 when it stands in at most one
  passage per outlet on average, 1/r when in r passages per outlet. A story's
  topic words and main names stand everywhere and count little; what two
  rewrites of one fact still share is mostly their few specific words, and
  on-topic paragraphs about neighbouring facts share mostly the story's words.
  A raw sum, not a share: two long passages sharing six such words are likelier
  one fact than two short ones sharing one (held-out real macro F1 0.741 ->
  0.763, seeds held out 0.818 -> 0.846; mean average precision of the held-out
  link ranking on the six stories 0.805 -> 0.841). Two kinds of words that
  stand once per outlet without marking a fact count as the story's: reporting
  words ("told reporters at a news conference", `_REPORTING`), and the words of
  a multi-word name, each as common as the name's most common word
  (`whole_names`: an outlet introduces a person by full name once, at whichever
  fact it reports first). Held out, macro / lowest story / seeds / ranking
  average precision: 0.763 / 0.664 / 0.860 / 0.837 before, reporting words
  0.768 / 0.679 / 0.861 / 0.844, whole names 0.766 / 0.669 / 0.861 / 0.846,
  both 0.774 / 0.670 / 0.871 / 0.853. A number spelled out is the same word as
  its digits (`spelled_as_digits`: "nine from Ethiopia" / "9 Ethiopians"): held
  out, macro / lowest story / seeds 0.778 / 0.701 / 0.855 -> 0.782 / 0.697 /
  0.884 (et302 0.816 -> 0.846), the macro higher at every fixed cut from 0.25 to
  0.5 by 0.003-0.008, the link ranking's mean average precision 0.853 -> 0.860.
- `story_specific_words`: that sum over the story's typical best one (the mean,
  over passages, of each one's best among the candidates), as
  `story_similarity` does for the similarity: in a story of short rewrites
  every pair shares fewer specific words (lowest story, held out, 0.621 ->
  0.688; macro 0.763 -> 0.764). Between two ledes it counts at least 1: a lede
  sums up the story's main event in the story's own words, which specificity
  discounts (without this the seed story's four ledes, rewrites of one another,
  fell into three groups; held out 0.768 -> 0.763, lowest story 0.625 ->
  0.664, shipped seeds 0.877 -> 0.902).
- `shared_actors`: the people and organisations both passages say something
  of (`comparators/speech.py`: the subject of a verb of saying or of any verb in
  the past tense, "Poroshenko conceded", or a quote's inverted "said Koh"; one
  person however each outlet spells or shortens the name), each counting by
  `specificity`, so someone who speaks all through the story counts little.
  Two outlets telling one statement or deed in other words or in translation
  still name the same person doing it; whose words a passage reports tells
  apart neighbouring paragraphs about two people's statements. Held out: real
  macro F1 0.763 -> 0.775, lowest story 0.664 -> 0.695 (ukraine 0.679 ->
  0.695, galaxy 0.664 -> 0.702), seeds 0.860 -> 0.873; at every fixed cut from
  0.25 to 0.45 the macro is 0.754-0.771 against 0.751-0.768 and the lowest
  story 0.657-0.690 against 0.616-0.664; the link ranking's mean average
  precision 0.837 -> 0.838, so the gain is in the pairs near the cut. (Not
  kept, unweighted: one person in common, 0.770; with the speakers of the
  passages' quotes added, 0.769; and different people on both sides as
  evidence against, 0.773, no gain at fixed cuts.)
- `shared_deeds`: what both passages say one person or organisation did, other
  than speak: the person (as in `shared_actors`) with the first STEM letters of a
  past-tense verb they are the subject of ("Poroshenko conceded" / "Petro
  Poroshenko has conceded"; `speech.passage_people`), each counting by
  `specificity`. A statement retold or translated keeps its speaker's deed when
  little else of its wording survives, and the pair of a person and a deed is
  specific to one fact where the person alone (who speaks all through a story)
  is not; verbs of saying are left out, since "X said" marks every paragraph
  about X. Held out, macro / lowest story / seeds 0.805 / 0.737 / 0.869 -> 0.809 /
  0.732 / 0.869 (ukraine 0.737 -> 0.794; galaxy, its fold's cut 0.4 -> 0.55,
  0.767 -> 0.732); at every fixed cut from 0.25 to 0.5 the macro 0.792-0.803 ->
  0.799-0.812 and the lowest story 0.716-0.731 -> 0.729-0.750; the link
  ranking's mean average precision 0.866 -> 0.872. (Not kept: with verbs of
  saying too, 0.796 / 0.707 / 0.869.)
- `best_sentence_specific`: the most specific mass one sentence of a pair
  shares with one sentence of the other, as a share of the smaller sentence's
  (a paragraph that merges two facts shares one of them whole in one sentence;
  on-topic neighbours share specific words spread over several sentences).
- `shared_fact_words`: the sum of the squared specificities of the stems both
  passages use (a stem in one passage per outlet counts 1, in two 1/4): the
  plain sum adds up the story's many half-specific words (topic words, the main
  names), so two on-topic paragraphs about different facts can reach a
  rewrite's mass; squared, what counts is the few words only one fact uses.
  These two were each measured alone before the trees, and not kept then only
  because the shipped model split the seed story's lede group. With the trees,
  each alone is flat (held out, macro / lowest story / seeds 0.792 / 0.721 /
  0.886 -> 0.793 / 0.722 / 0.876 and 0.791 / 0.707 / 0.879), together they
  raise it to 0.803 / 0.737 / 0.869 (with the ledes' joining rule of
  `align._facts`, 0.805 / 0.737 / 0.869; at fixed cuts 0.25-0.5 the macro
  0.783-0.796 -> 0.792-0.803, the lowest story 0.703-0.723 -> 0.716-0.731, the
  seeds 0.856-0.896 -> 0.849-0.894; ranking average precision 0.864 -> 0.866;
  the `fuzzy` comparator's model 0.771 / 0.675 / 0.894 -> 0.806 / 0.729 /
  0.873). Neither has a floor between ledes, where ledes score low on both: the
  model gives `story_specific_words`' lede floor less weight, and a lede
  linked to the others only at the joining cut no longer reached the threshold
  (the ledes' joining rule in `align._facts` keeps it in their group).
- `both_ledes`, `position_gap`, `length_gap`: news is an inverted pyramid, so
  first paragraphs sum up the same event and reprints keep their order; very
  unequal lengths make a weaker pair. (A `lede_similarity`, the similarity of
  two ledes, was dropped: fitted on few ledes, its weight made near-copy ledes
  of synthetic stories unlinkable, probability 0.07 at similarity 0.93; without
  it held-out macro 0.764 -> 0.768, seeds 0.853 -> 0.860, lowest story 0.688 ->
  0.625, synthetic mean 0.927 -> 0.928.)

Two features were dropped because the model no longer used them: the best
single sentence pair's similarity (`best_sentence`, most often the passage
similarity itself, one-sentence paragraphs being common) and the idf mass of the
content words both passages use (`shared_rare_words`, which the specific words
now carry). Without both, held out (macro / lowest story / seeds) 0.805 / 0.737
/ 0.869 as with them, every story's F1 the same; at the fixed cuts 0.25-0.5 the
macro 0.792-0.803 -> 0.793-0.806, the lowest story 0.716-0.731 -> 0.717-0.743,
the seeds the same but at 0.45 (0.894 -> 0.872); ranking average precision
0.866 -> 0.867. (Measured the same way and kept: without `similarity_both`
0.800 / 0.722, `shared_names` 0.803 / 0.737 / 0.864, `length_gap` 0.798 /
0.731 / 0.884, `position_gap` 0.799 / 0.752 / 0.869, `share_of_best_high`
0.800 / 0.731 / 0.879, `best_sentence_specific` 0.792 / 0.707 / 0.879,
`shared_fact_words` 0.800 / 0.732 / 0.869.)
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain, repeat
from pathlib import Path

import numpy as np
from scipy import sparse

from comparators.segment import split_sentences
from comparators.speech import passage_people

FEATURES = (
    "similarity",
    "similarity_both",
    "story_similarity",
    "fuzzy_similarity",
    "story_fuzzy_similarity",
    "share_of_best_low",
    "share_of_best_high",
    "shared_runs",
    "shared_names",
    "numbers_disagree",
    "shared_specific_words",
    "story_specific_words",
    "shared_actors",
    "best_sentence_specific",
    "shared_fact_words",
    "shared_deeds",
    "both_ledes",
    "position_gap",
    "length_gap",
)

OVERLAP_PAIRS = 65536  # pairs whose overlaps are computed in one sparse product (bounds memory)
MODEL_PATH = Path(__file__).resolve().parent / "link_model.json"
# What PassageSets.overlap_pairs counts for each pair, column by column.
OVERLAP_COLUMNS = (
    "trigrams", "names", "numbers", "specific_words", "actors", "fact_words", "deeds", "sentence_specific"
)
OVERLAPS = len(OVERLAP_COLUMNS)
STEM = 5  # letters of a content word kept for shared_specific_words (conceded, concession)

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_NAME = re.compile(r"\b[^\W\d_][\w'’-]*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_STOP = frozenset(
    """a an the and or but of in on at to for from by with as is was were be been are it its
    that this these those he she they we you i his her their our them us not no has have had
    said says say will would could should may might also than then there which who whom what
    when where while after before about into over under up out more most such other some any
    all one two new""".split()
)
# Words that say who said something, not what: left out of the specific words, where
# each outlet's one "told reporters at a news conference" would tie unrelated facts.
_REPORTING = frozenset(
    """told tells tell reporters reporter journalists conference press news statement added adding
    according spokesman spokeswoman spokesperson interview asked quoted noted stated explained
    speaking spoke briefing remarks""".split()
)
_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_NUMBER_WORDS = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
# A word start with none of the number words' first letters is passed over at once
# (the look-ahead halves the time of scanning a passage).
_SPELLED = re.compile(
    r"\b(?=[" + "".join(sorted({w[0] for w in _UNITS + _TENS})) + r"])"
    r"(?:(" + "|".join(_TENS) + r")(?:[- ](" + "|".join(_UNITS[1:10]) + r"))?\b|(" + "|".join(_UNITS) + r")\b)",
    re.IGNORECASE,
)


def fold(word: str) -> str:
    """`word` lower-cased with accents removed (Wróbel -> wrobel)."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """A name's consonant skeleton: first letter, then consonants without y, h,
    w or doubles, so transliterations of one name share a key
    (Zelenskiy/Zelensky -> zlnsk, Somanath/Somnath -> smnt)."""
    folded = re.sub(r"['’-]", "", fold(word))
    if not folded:
        return ""
    rest = re.sub(r"[aeiouyhw]", "", folded[1:])
    return folded[0] + re.sub(r"(.)\1+", r"\1", rest)


def numbers_in(text: str) -> set[float]:
    """The numbers a text gives, digits or spelled out: "1,200" -> 1200,
    "thirty-five" -> 35, "2.5" -> 2.5."""
    out: set[float] = set()
    for match in _NUMBER.finditer(text):
        digits = match.group()
        # "1,200" groups thousands; "2,5" would be a European decimal: rare in English copy.
        plain = digits.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", digits) else digits
        try:
            out.add(float(plain.replace(",", ".")))
        except ValueError:
            pass
    for match in _SPELLED.finditer(text):
        tens, unit, alone = match.groups()
        if alone:
            out.add(float(_NUMBER_WORDS[alone.lower()]))
        else:
            out.add(float(_NUMBER_WORDS[tens.lower()] + (_NUMBER_WORDS[unit.lower()] if unit else 0)))
    return out


def words_of(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


@dataclass(frozen=True)
class PassageSets:
    """Per passage (rows), sparse incidence matrices over the story's vocabularies."""

    trigrams: sparse.csr_matrix
    names: sparse.csr_matrix
    numbers: sparse.csr_matrix
    rare_words: sparse.csr_matrix  # idf-weighted
    specific_words: sparse.csr_matrix  # word stems weighted by how specific they are to one fact
    actors: sparse.csr_matrix  # who each passage says something of (speech.passage_people), by specificity
    deeds: sparse.csr_matrix  # who did what in each passage (speech.passage_people), by specificity
    text_of: np.ndarray  # each passage's distinct text (repeats of one text share its rows)
    # Per sentence of each distinct text (rows sentence_start[t]..sentence_start[t + 1]):
    # its specific stems, weighted as in `specific_words`.
    sentence_specific: sparse.csr_matrix
    sentence_start: np.ndarray

    @cached_property
    def _matrices(self) -> tuple[sparse.csr_matrix, ...]:
        fact_words = self.specific_words.power(2)  # shared_fact_words: squared specificity
        return (self.trigrams, self.names, self.numbers, self.specific_words, self.actors, fact_words, self.deeds)

    @cached_property
    def _binary(self) -> tuple[sparse.csr_matrix, ...]:
        return tuple((m > 0).astype(np.float32) for m in self._matrices)

    def rare_words_in_at_most(self, passages: int) -> sparse.csr_matrix:
        """`rare_words` of only the words at most `passages` passages use, worked out
        once for each bound (a story's shortlists, one per long source, all read it)."""
        kept = self.__dict__.setdefault("_rare_words_in_at_most", {})
        if passages not in kept:
            used = self.rare_words > 0
            spread = np.bincount(used.indices, minlength=used.shape[1])  # passages using each word
            rare = (self.rare_words @ sparse.diags((spread <= passages).astype(np.float32))).tocsr()
            rare.eliminate_zeros()
            kept[passages] = rare
        return kept[passages]

    def overlap_pairs(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """(pairs, OVERLAPS): what each pair of passages (i, j) shares: word trigrams,
        names and numbers in common, the specificity mass of the stems both use, the people both say something of,
        the squared specificity mass of the stems both use, what one person both say did
        (`speech.passage_people`) and the best sentence pair's
        share (`OVERLAP_COLUMNS`). Only the given pairs are computed (row by row), never
        a block of all pairs, and each pair of texts once (wire copies pair the same two
        texts many times over)."""
        texts = int(self.text_of.max(initial=0)) + 1
        _, first, pair_of = np.unique(
            self.text_of[i].astype(np.int64) * texts + self.text_of[j], return_index=True, return_inverse=True
        )
        i, j = i[first], j[first]
        out = np.zeros((len(i), OVERLAPS), dtype=np.float32)
        for k, (matrix, binary) in enumerate(zip(self._matrices, self._binary)):
            for lo in range(0, len(i), OVERLAP_PAIRS):
                part = slice(lo, lo + OVERLAP_PAIRS)
                shared = matrix[i[part]].multiply(binary[j[part]])
                out[part, k] = np.asarray(shared.sum(axis=1)).ravel()
        out[:, -1] = self._best_sentence_pair(self.text_of[i], self.text_of[j])
        return out[pair_of.ravel()]

    def _best_sentence_pair(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """For each pair of distinct texts (a, b), the most specific mass one sentence
        of a shares with one sentence of b, as a share of the smaller sentence's mass."""
        start = self.sentence_start
        matrix, binary, mass = self._sentence_matrices
        best = np.zeros(len(a), dtype=np.float32)
        per_pair = (start[a + 1] - start[a]) * (start[b + 1] - start[b])
        # Pairs in parts of about OVERLAP_PAIRS sentence pairs (bounds memory on a big story).
        ends = np.searchsorted(np.cumsum(per_pair), np.arange(OVERLAP_PAIRS, per_pair.sum() + OVERLAP_PAIRS, OVERLAP_PAIRS))
        lo = 0
        for hi in np.unique(np.minimum(ends + 1, len(a))).tolist():  # each part ends past the pair crossing its bound
            part_a, part_b, counts = a[lo:hi], b[lo:hi], per_pair[lo:hi]
            count_b = start[part_b + 1] - start[part_b]
            pair = np.repeat(np.arange(hi - lo), counts)
            offset = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
            sa = start[part_a][pair] + offset // count_b[pair]
            sb = start[part_b][pair] + offset % count_b[pair]
            shared = np.asarray(matrix[sa].multiply(binary[sb]).sum(axis=1)).ravel()
            shared = shared / np.maximum(1.0, np.minimum(mass[sa], mass[sb]))
            np.maximum.at(best[lo:hi], pair, shared)
            lo = hi
        return best

    @cached_property
    def _sentence_matrices(self) -> tuple[sparse.csr_matrix, sparse.csr_matrix, np.ndarray]:
        matrix = self.sentence_specific
        return matrix, (matrix > 0).astype(np.float32), np.asarray(matrix.sum(axis=1)).ravel()


def passage_sets(texts: Sequence[str], sources: int = 1, sentences: Sequence[Sequence[str]] | None = None) -> PassageSets:
    """Word trigrams, name keys, numbers, idf-weighted content words,
    specificity-weighted stems (`specificity`), the people each text says
    something of and what it says they did, weighted alike (`speech.passage_people`);
    `sources` is the
    number of outlets the texts come from.

    Each distinct text is cut once and its rows copied to its repeats (wire copy
    repeats whole paragraphs across outlets); frequencies still count every copy."""
    index: dict[str, int] = {}
    copy_of = np.array([index.setdefault(t, len(index)) for t in texts], dtype=np.int64)
    distinct = list(index)
    copies = np.bincount(copy_of, minlength=len(distinct)).tolist()
    words = [words_of(t) for t in distinct]
    trigrams = [{" ".join(w[k : k + 3]) for k in range(len(w) - 2)} or {" ".join(w)} for w in words]
    names = [{name_key(m.group()) for m in _NAME.finditer(t) if m.group()[0].isupper() and len(m.group()) > 2} for t in distinct]
    numbers = [{repr(v) for v in numbers_in(t)} for t in distinct]
    content = [{w for w in ws if w not in _STOP and (len(w) > 2 or w.isdigit())} for ws in words]
    df = _frequencies(content, copies)
    n = max(1, len(texts))
    idf = {t: math.log(1 + n / c) for t, c in df.items()}
    rare = _incidence(content, weight=idf)
    stem_of = {w: spelled_as_digits(w)[:STEM] for w in df if w not in _REPORTING}
    stems = [{stem_of[w] for w in terms if w in stem_of} for terms in content]
    actor_keys, deed_keys = passage_people(distinct, STEM)
    actor_sets = [set(keys) for keys in actor_keys]
    deed_sets = [set(keys) for keys in deed_keys]
    weights = whole_names(distinct, specificity(stems, sources, copies))
    if sentences is None:
        cut = [split_sentences(t) or (t,) for t in distinct]
    else:
        first = dict(zip(copy_of.tolist()[::-1], list(sentences)[::-1]))  # each distinct text's first passage
        cut = [tuple(first[k]) or (distinct[k],) for k in range(len(distinct))]
    sentence_stems = [{stem_of[w] for w in words_of(sentence) if w in stem_of} for text in cut for sentence in text]
    return PassageSets(
        trigrams=_incidence(trigrams)[copy_of],
        names=_incidence(names)[copy_of],
        numbers=_incidence(numbers)[copy_of],
        rare_words=rare[copy_of],
        specific_words=_incidence(stems, weight=weights)[copy_of],
        actors=_incidence(actor_sets, weight=specificity(actor_sets, sources, copies))[copy_of],
        deeds=_incidence(deed_sets, weight=specificity(deed_sets, sources, copies))[copy_of],
        text_of=copy_of,
        sentence_specific=_incidence(sentence_stems, weight=weights),
        sentence_start=np.concatenate([[0], np.cumsum([len(t) for t in cut])]).astype(np.int64),
    )


@lru_cache(maxsize=65536)
def spelled_as_digits(word: str) -> str:
    """A number written in words as its digits ("nine" -> "9", "thirty-five" -> "35"),
    any other word as it is: one figure is one specific word however an outlet
    writes it ("nine from Ethiopia" / "9 Ethiopians")."""
    if not _SPELLED.fullmatch(word):
        return word
    return f"{max(numbers_in(word)):g}"


def specificity(terms: Sequence[set[str]], sources: int, copies: Sequence[int] | None = None) -> dict[str, float]:
    """How specific each term is to one fact: 1 when it stands in at most one
    passage per outlet on average, 1/r when in r passages per outlet (the
    story's own vocabulary, its main names and its topic words, counts little).
    `copies[k]`, when given, is how many passages `terms[k]` stands for."""
    df = _frequencies(terms, copies)
    return {t: min(1.0, max(1, sources) / c) for t, c in df.items()}


def whole_names(texts: Sequence[str], weights: dict[str, float]) -> dict[str, float]:
    """`weights` (stem -> specificity) with each word of a multi-word name made as
    specific as the name's most common word. An outlet introduces a person by full
    name once, at whichever fact it reports first (Koh Dong-jin, then Koh): the
    given name marks that first mention, not a fact."""
    out = dict(weights)
    for text in texts:
        for run in _name_runs().findall(text):
            stems = [w[:STEM] for w in words_of(run) if w[:STEM] in weights]
            if len(stems) > 1:
                least = min(weights[s] for s in stems)
                for stem in stems:
                    out[stem] = min(out[stem], least)
    return out


@lru_cache(maxsize=1)
def _name_runs() -> re.Pattern:
    """Runs of capitalised words (Koh Dong-jin, Ukrainian President Petro Poroshenko),
    in any script with capitals below U+2000 (compiled on first use: a few ms)."""
    upper = "".join(c for c in map(chr, range(0x2000)) if c.isupper())
    return re.compile(rf"(?<![\w'’-])[{upper}][\w'’-]*(?:\s+[{upper}][\w'’-]*)+")


def _frequencies(terms: Sequence[set[str]], copies: Sequence[int] | None) -> dict[str, int]:
    """How many passages use each term (`copies[k]` passages for `terms[k]`, else one)."""
    if copies is None:
        return dict(Counter(chain.from_iterable(terms)))
    # Counted in C for the texts standing once (most of them), then the repeated ones.
    df = Counter(chain.from_iterable(items for items, count in zip(terms, copies) if count == 1))
    for items, count in zip(terms, copies):
        if count != 1:
            for item in items:
                df[item] += count
    return dict(df)


def story_scale(best: np.ndarray) -> float:
    """The story's typical best match: the mean, over passages, of each one's best
    similarity in any other source (`best`: passages x sources)."""
    return float(best.max(axis=1).mean()) if best.size else 1.0


def _typical_best(i: np.ndarray, j: np.ndarray, values: np.ndarray, passages: int) -> float:
    """The mean, over the story's passages, of each one's best value among the pairs (i, j)."""
    best = np.zeros(passages, dtype=np.float32)
    np.maximum.at(best, i, values)
    np.maximum.at(best, j, values)
    return float(best.mean()) if passages else 1.0


def _incidence(sets: list[set[str]], weight: dict[str, float] | None = None) -> sparse.csr_matrix:
    # Columns in sorted order, not in the sets' order, which follows the hash seed: the
    # overlaps' float sums then add in one order, and a link probability near a tree's
    # split never changes from one run to the next.
    items = set().union(*sets)
    blank = "" in items  # an empty item stands for none: its entries are dropped below
    items.discard("")
    index = {item: column for column, item in enumerate(sorted(items))}
    width = max(1, len(index))
    sizes = [len(items) for items in sets]
    total = sum(sizes)
    if blank:
        index[""] = -1
    # Each set is iterated in the same order for its columns and its values; mapped in C,
    # not in comprehensions (a sixth of `passage_sets`' time on long documents).
    cols = np.fromiter(map(index.__getitem__, chain.from_iterable(sets)), dtype=np.int64, count=total)
    rows = np.repeat(np.arange(len(sets)), sizes)
    if weight is None:
        values = np.ones(total, dtype=np.float32)
    else:
        values = np.fromiter(map(weight.get, chain.from_iterable(sets), repeat(0.0)), dtype=np.float32, count=total)
    if blank:
        kept = cols >= 0
        cols, rows, values = cols[kept], rows[kept], values[kept]
    return sparse.csr_matrix((values, (rows, cols)), shape=(len(sets), width))


def _sizes(matrix: sparse.csr_matrix) -> np.ndarray:
    return np.diff(matrix.indptr).astype(np.float32)


def pair_features(
    sets: PassageSets,
    i: np.ndarray,
    j: np.ndarray,
    forward: np.ndarray,
    backward: np.ndarray,
    best_in_source: tuple[np.ndarray, np.ndarray],
    story_scale: float,
    lede: np.ndarray,
    position: np.ndarray,
    length: np.ndarray,
    overlap: np.ndarray,
    fuzzy: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """Feature matrix (pairs x FEATURES) for the passage pairs (i, j).

    `forward`/`backward` are the comparator's two directions for each pair,
    `best_in_source` each side's best
    similarity in the other's outlet, `story_scale` the story's typical best
    match (evidence.story_scale), `overlap` (pairs x OVERLAPS) what each pair shares
    (`PassageSets.overlap_pairs`); `lede`, `position` (0 first, 1 last in its
    source) and `length` (words) are per passage; `fuzzy` the `fuzzy` comparator's two
    directions for each pair (`align.fuzzy_parts`), or None when the comparator is that one.
    """
    similarity = np.maximum(forward, backward)
    fuzzy_similarity = similarity if fuzzy is None else np.maximum(*fuzzy)
    best_i, best_j = best_in_source
    share_i = similarity / np.maximum(best_i, 1e-6)
    share_j = similarity / np.maximum(best_j, 1e-6)
    tri = _sizes(sets.trigrams)
    runs = overlap[:, 0] / np.maximum(1.0, np.minimum(tri[i], tri[j]))
    nm = _sizes(sets.names)
    names = overlap[:, 1] / np.maximum(1.0, np.minimum(nm[i], nm[j]))
    nu = _sizes(sets.numbers)
    disagree = ((nu[i] > 0) & (nu[j] > 0) & (overlap[:, 2] == 0)).astype(np.float32)
    specific = overlap[:, OVERLAP_COLUMNS.index("specific_words")]
    story_specific = specific / max(_typical_best(i, j, specific, sets.trigrams.shape[0]), 1e-3)
    # Two ledes both sum up the story's main event, in the story's own words, which
    # specificity discounts: between ledes that evidence counts as at least typical.
    both_ledes = lede[i] & lede[j]
    return np.column_stack(
        [
            similarity,
            np.minimum(forward, backward),
            similarity / max(story_scale, 1e-3),
            fuzzy_similarity,
            fuzzy_similarity / max(_typical_best(i, j, fuzzy_similarity, sets.trigrams.shape[0]), 1e-3),
            np.minimum(share_i, share_j),
            np.maximum(share_i, share_j),
            runs,
            names,
            disagree,
            specific,
            np.where(both_ledes, np.maximum(story_specific, 1.0), story_specific),
            overlap[:, OVERLAP_COLUMNS.index("actors")],
            overlap[:, OVERLAP_COLUMNS.index("sentence_specific")],
            overlap[:, OVERLAP_COLUMNS.index("fact_words")],
            overlap[:, OVERLAP_COLUMNS.index("deeds")],
            both_ledes.astype(np.float32),
            np.abs(position[i] - position[j]),
            np.log((length[i] + 1.0) / (length[j] + 1.0)) ** 2,
        ]
    ).astype(np.float32)


@dataclass(frozen=True)
class TreeEnsemble:
    """Boosted decision trees of depth at most 2 as flat node arrays (every tree's
    nodes one after another): a pair goes to a node's `left` child when its feature
    is at most the node's `threshold`, else to `right`; a leaf points at itself, and
    the leaves' `value`s add to `baseline` as log-odds."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    roots: np.ndarray  # each tree's first node
    depth: int
    baseline: float

    def log_odds(self, features: np.ndarray, binned: FeatureBins | None = None) -> np.ndarray:
        """The pairs' log-odds; `binned`, the features' bins already found for several
        ensembles at once (`FeatureBins`, this one among them)."""
        _, single, pairs, baseline = self._tables
        bins = (binned if binned is not None else FeatureBins(features, [self])).of(self)
        out = np.full(len(features), baseline)
        for f, table in single.items():
            out += table[bins[f]]
        for (f, g), table in pairs.items():
            out += table.ravel()[bins[f] * table.shape[1] + bins[g]]
        return out

    @property
    def cuts(self) -> list[np.ndarray]:
        """Each feature's cut points, sorted (empty for a feature no tree splits on)."""
        return self._tables[0]

    @cached_property
    def _tables(self):
        """The trees as lookup tables over each feature's cut points: a tree of depth 2
        is a function of its root's feature alone where a side ends in a leaf, and of
        the root's and the child's features together where it splits again, so the
        ensemble sums a few tables, whatever the number of trees (walking 200 trees
        for every pair took 36 ms on 2,000 pairs, the tables 1 ms)."""
        if self.depth > 2:
            raise ValueError("the link model's trees are at most 2 deep")
        nodes = np.arange(len(self.feature))
        inner = self.left != nodes
        cuts = [np.unique(self.threshold[inner & (self.feature == f)]) for f in range(len(FEATURES))]

        def side(node: int) -> np.ndarray:  # which of its feature's bins go left at `node`
            f = self.feature[node]
            return np.arange(len(cuts[f]) + 1) <= np.searchsorted(cuts[f], self.threshold[node])

        def leaves(node: int) -> np.ndarray:  # a split over leaves, as a function of its bins
            return np.where(side(node), self.value[self.left[node]], self.value[self.right[node]])

        single: dict[int, np.ndarray] = {}
        pairs: dict[tuple[int, int], np.ndarray] = {}
        baseline = self.baseline
        for root in self.roots.tolist():
            if not inner[root]:
                baseline += self.value[root]
                continue
            f = int(self.feature[root])
            for child, goes in ((self.left[root], side(root)), (self.right[root], ~side(root))):
                g = int(self.feature[child])
                if not inner[child] or g == f:
                    table = single.setdefault(f, np.zeros(len(cuts[f]) + 1))
                    table += goes * (leaves(child) if inner[child] else self.value[child])
                else:
                    key = (f, g)
                    pair = pairs.setdefault(key, np.zeros((len(cuts[f]) + 1, len(cuts[g]) + 1)))
                    pair += np.outer(goes, leaves(child))
        return cuts, single, pairs, baseline

    def to_dict(self) -> dict:
        return {
            "feature": self.feature.tolist(),
            "threshold": self.threshold.tolist(),  # unrounded: a pair's side of a cut must not move
            "left": self.left.tolist(),
            "right": self.right.tolist(),
            "value": [round(float(v), 6) for v in self.value],
            "roots": self.roots.tolist(),
            "depth": self.depth,
            "baseline": round(float(self.baseline), 6),
        }

    @classmethod
    def from_dict(cls, stored: dict) -> TreeEnsemble:
        return cls(
            feature=np.array(stored["feature"], dtype=np.intp),
            threshold=np.array(stored["threshold"], dtype=np.float64),
            left=np.array(stored["left"], dtype=np.intp),
            right=np.array(stored["right"], dtype=np.intp),
            value=np.array(stored["value"], dtype=np.float64),
            roots=np.array(stored["roots"], dtype=np.intp),
            depth=int(stored["depth"]),
            baseline=float(stored["baseline"]),
        )


class FeatureBins:
    """Each feature's bin among the cut points of several tree ensembles (the link model's
    two views share most features): one search per feature over all their cuts, then each
    ensemble's bin read off a table, its cuts being among them. A feature's bin b: the pair
    is at most the feature's k-th cut exactly when b <= k."""

    def __init__(self, features: np.ndarray, ensembles: Sequence[TreeEnsemble]) -> None:
        self._ensembles = tuple(ensembles)
        self.cuts = [np.unique(np.concatenate([e.cuts[f] for e in ensembles])) for f in range(len(FEATURES))]
        self.bins = [
            np.searchsorted(c, features[:, f].astype(np.float64), side="left") if len(c) else None
            for f, c in enumerate(self.cuts)
        ]

    def of(self, ensemble: TreeEnsemble) -> list[np.ndarray | None]:
        """Each feature's bin among `ensemble`'s own cuts (None for a feature it never cuts)."""
        if not any(ensemble is e for e in self._ensembles):  # its cuts might be missing here
            raise ValueError("these bins were found for other trees")
        out: list[np.ndarray | None] = []
        for own, every, bins in zip(ensemble.cuts, self.cuts, self.bins):
            if not len(own):
                out.append(None)
            elif len(own) == len(every):  # its cuts are all there are
                out.append(bins)
            else:  # the bin among all cuts -> how many of its own cuts lie below
                out.append(np.concatenate([[0], np.searchsorted(own, every, side="right")])[bins])
        return out


def _logistic(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


@dataclass(frozen=True)
class LinkModel:
    """A logistic model over standardised FEATURES, and the probability cut; with
    `trees`, the probability is the mean of the logistic model's and the trees'."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    intercept: float
    threshold: float  # default link probability cut, chosen leave-one-story-out
    trees: TreeEnsemble | None = None
    # A model of the same kind fitted on another view of the evidence (the `fuzzy`
    # comparator's similarities in place of the lexical one's): the probability is the mean of both.
    other_view: LinkModel | None = None

    def probability(self, features: np.ndarray) -> np.ndarray:
        """Each pair's probability (pairs x FEATURES)."""
        ensembles = self._ensembles()
        return self._probability(features, FeatureBins(features, ensembles) if ensembles else None)

    def _probability(self, features: np.ndarray, binned: FeatureBins | None) -> np.ndarray:
        """The probability with the features' bins found once for every view's trees."""
        p = _logistic(((features - self.mean) / self.scale) @ self.weights + self.intercept)
        if self.trees is not None:
            p = 0.5 * (p + _logistic(self.trees.log_odds(features, binned)))
        p = p.astype(np.float32)
        if self.other_view is not None:
            p = np.float32(0.5) * (p + self.other_view._probability(features, binned))
        return p

    def _ensembles(self) -> list[TreeEnsemble]:
        """The trees of this view and of the others after it."""
        own = [self.trees] if self.trees is not None else []
        return own + (self.other_view._ensembles() if self.other_view is not None else [])

    def to_dict(self) -> dict:
        stored = {
            "features": list(FEATURES),
            "mean": [round(float(v), 6) for v in self.mean],
            "scale": [round(float(v), 6) for v in self.scale],
            "weights": [round(float(v), 6) for v in self.weights],
            "intercept": round(float(self.intercept), 6),
            "threshold": self.threshold,
        }
        if self.trees is not None:
            stored["trees"] = self.trees.to_dict()
        if self.other_view is not None:
            stored["other_view"] = self.other_view.to_dict()
        return stored

    @classmethod
    def from_dict(cls, stored: dict) -> LinkModel:
        return cls(
            mean=np.array(stored["mean"], dtype=np.float32),
            scale=np.array(stored["scale"], dtype=np.float32),
            weights=np.array(stored["weights"], dtype=np.float32),
            intercept=float(stored["intercept"]),
            threshold=float(stored["threshold"]),
            trees=TreeEnsemble.from_dict(stored["trees"]) if "trees" in stored else None,
            other_view=LinkModel.from_dict(stored["other_view"]) if "other_view" in stored else None,
        )


@lru_cache(maxsize=8)
def link_model(comparator: str) -> LinkModel | None:
    """The fitted model for `comparator`, or None when none was fitted for it
    (a comparator registered by a user: its similarity is then used alone)."""
    try:
        stored = json.loads(MODEL_PATH.read_text(encoding="utf-8"))[comparator]
    except (OSError, KeyError, ValueError):
        return None
    if tuple(stored["features"]) != FEATURES:
        return None
    return LinkModel.from_dict(stored)
