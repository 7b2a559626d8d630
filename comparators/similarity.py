"""Comparators: how similar two passages are, scored in bulk.

A comparator is a class with a `name`, a `default_threshold` and a `fit(texts)`
method that returns a `Scorer` for that story's texts (sentences, usually). A
scorer answers `scores(rows, cols)`: the similarity, in [0, 1], of every text
indexed by `rows` with every text indexed by `cols`, as one dense float32
matrix. Callers ask for blocks of rows so memory stays bounded on big stories.
A scorer may also answer `scores_within(sets)`, each set of texts against itself
in one call (`MatrixScorer` does: the small sets from one sparse product, each big one
over a dense copy of the columns it uses); `scores_within(scorer,
sets)` falls back on a `scores` call per set for those that do not.

Adding a comparator (an embedding model, say) takes a class and one call:

    class Embedding:
        name = "embedding"
        default_threshold = 0.6
        def fit(self, texts):
            vectors = normalise(model.encode(list(texts)))   # one row per text
            return MatrixScorer(vectors)                       # cosine by dot product

    register(Embedding)

after which `--comparator embedding` or `settings: {comparator: embedding}` in a
manifest selects it. Thresholds are comparator-specific because score scales
differ; each default was chosen by measurement
(`tests/benchmarks/evaluate_alignment.py --sweep`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Protocol

import numpy as np


class Scorer(Protocol):
    def scores(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Similarities of texts[rows] x texts[cols], float32, in [0, 1]."""
        ...


class Comparator(Protocol):
    name: ClassVar[str]
    default_threshold: ClassVar[float]

    def fit(self, texts: Sequence[str]) -> Scorer:
        """A scorer for these texts (fitted on them: the story is its own corpus)."""
        ...


class MatrixScorer:
    """Cosine similarity of L2-normalised row vectors (sparse or dense)."""

    def __init__(self, vectors) -> None:
        self.vectors = vectors

    def scores(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        # Transpose the smaller side: sparse products convert their right operand.
        if rows is cols:  # a set against itself: one selection of its rows
            selected = self.vectors[rows]
            block = _product(selected, selected).T
        elif len(rows) <= len(cols):
            block = _product(self.vectors[cols], self.vectors[rows]).T
        else:
            block = _product(self.vectors[rows], self.vectors[cols])
        if hasattr(block, "toarray"):
            block = block.toarray()
        return np.clip(np.asarray(block, dtype=np.float32), 0.0, 1.0)

    def scores_within(self, sets: Sequence[np.ndarray]) -> list[np.ndarray]:
        """`scores(ids, ids)` of each `ids` in `sets`: a set of GRAM_ROWS texts or more on
        its own (a dense `_product`), the smaller ones from one sparse product: each set's rows are
        moved to columns of their own, so the product sums no pair across sets (none
        wasted) and each pair's terms in the same order (the same floats)."""
        from scipy import sparse  # here, as in `Lexical.fit`: importing this module loads no SciPy

        vectors = self.vectors
        if not sparse.issparse(vectors) or len(sets) < 2:
            return [self.scores(ids, ids) for ids in sets]
        small = [k for k, ids in enumerate(sets) if len(ids) < GRAM_ROWS]
        if len(small) < len(sets):  # (each small set once, in the one product of them all)
            found = dict(zip(small, self.scores_within([sets[k] for k in small]) if small else []))
            return [found[k] if k in found else self.scores(ids, ids) for k, ids in enumerate(sets)]
        sizes = np.array([len(ids) for ids in sets], dtype=np.int64)
        selected = sparse.csr_matrix(vectors[np.concatenate(sets)])
        width = selected.shape[1]
        set_of_row = np.repeat(np.arange(len(sets), dtype=np.int64), sizes)
        shift = np.repeat(set_of_row * width, np.diff(selected.indptr))
        moved = sparse.csr_matrix(
            (selected.data, selected.indices + shift, selected.indptr), shape=(len(set_of_row), width * len(sets))
        )
        block = np.clip(np.asarray((moved @ moved.T).T.toarray(), dtype=np.float32), 0.0, 1.0)
        bounds = np.concatenate([[0], np.cumsum(sizes)]).tolist()
        return [block[lo:hi, lo:hi] for lo, hi in zip(bounds, bounds[1:])]


def scores_within(scorer: Scorer, sets: Sequence[np.ndarray]) -> list[np.ndarray]:
    """`scorer.scores(ids, ids)` of each `ids` in `sets`, in one call when the scorer can."""
    within = getattr(scorer, "scores_within", None)
    if within is not None:
        return within(sets)
    return [scorer.scores(ids, ids) for ids in sets]


DENSE_SIDE = 1 << 21  # entries of the smaller side made dense for a product (8 MB)
GRAM_ROWS = 32  # texts from which a set is scored against itself on its own (a dense `_product`)


def _product(many, few):
    """`many @ few.T`, as the sparse product sums it (each pair's terms along `many`'s row,
    in its order), so the same floats. When the `few` side, cut to the columns it uses, is
    small enough it is made dense: the product is then one pass over `many`'s entries
    instead of a sparse product's two. The columns `few` uses are marked over the
    vocabulary and numbered afresh (no sort), `many`'s other columns all point at one
    row of zeros (adding +0.0 leaves a sum of non-negative terms as it was), so neither
    side's columns are sliced out (SciPy's column slicing cost more than the product)."""
    if not hasattr(few, "indices"):  # dense vectors (an embedding's): a plain product
        return many @ few.T
    from scipy import sparse

    count, width = few.shape
    is_used = np.zeros(width, dtype=bool)
    is_used[few.indices] = True
    used = np.flatnonzero(is_used)
    if count * len(used) > DENSE_SIDE or not few.has_canonical_format:  # (a repeated entry would be summed)
        return many @ few.T
    place = np.full(width, len(used), dtype=few.indices.dtype)  # a column `few` does not use: the zero row
    place[used] = np.arange(len(used), dtype=few.indices.dtype)
    dense = np.zeros((len(used) + 1, count), dtype=few.dtype)  # columns x rows: the product reads it by rows
    dense[place[few.indices], np.repeat(np.arange(count), np.diff(few.indptr))] = few.data
    narrow = sparse.csr_matrix((many.data, place[many.indices], many.indptr), shape=(many.shape[0], len(used) + 1))
    return narrow @ dense


class Lexical:
    """TF-IDF over words (1-2 grams) and characters (3-5 grams inside words), cosine.

    Built by `comparators/tfidf.py` exactly as scikit-learn's `TfidfVectorizer` builds
    it (without importing scikit-learn). Fitted on the story itself: every passage is on-topic, so what separates
    passages is rare words, names and numbers, which IDF weighs up. Character
    n-grams catch spelling variants (Hamedan / Hamadan, kilometres / kilometers).
    """

    name: ClassVar[str] = "lexical"
    default_threshold: ClassVar[float] = 0.2

    def fit(self, texts: Sequence[str]) -> Scorer:
        from scipy.sparse import hstack

        from comparators.tfidf import char_wb_ngrams, normalize_rows, tfidf, word_ngrams

        texts = list(texts)
        try:
            w = tfidf(texts, word_ngrams)
        except ValueError:  # nothing but stop words
            w = None
        c = tfidf(texts, char_wb_ngrams)
        matrix = c if w is None else hstack([w, c]).tocsr()
        return MatrixScorer(normalize_rows(matrix).astype(np.float32))


class Fuzzy:
    """rapidfuzz's token-set ratio: order-free word overlap, no corpus statistics."""

    name: ClassVar[str] = "fuzzy"
    default_threshold: ClassVar[float] = 0.6

    def fit(self, texts: Sequence[str]) -> Scorer:
        return _FuzzyScorer([t.lower() for t in texts])


def fuzzy_word_set(text: str) -> str:
    """`text` as the `fuzzy` comparator reads it: its lower-case words' set, sorted and
    joined. The token-set ratio reads only that set, so scoring these gives `Fuzzy`'s figure
    (cleaned text holds no whitespace that rapidfuzz and `str.split` cut apart differently),
    without splitting and sorting a text again for every pair it is in."""
    return " ".join(sorted(set(text.lower().split())))


def fuzzy_pair_scores(first: Sequence[str], second: Sequence[str]) -> np.ndarray:
    """The `fuzzy` comparator's score (0 to 1) of each text of `first` with the text at the
    same place in `second`."""
    from rapidfuzz import process

    values = process.cpdist(first, second, scorer=_fuzzy_ratio(), dtype=np.float32, workers=1)
    return values / np.float32(100.0)


def _fuzzy_ratio():
    from rapidfuzz import fuzz  # rapidfuzz is imported only when a fuzzy score is needed

    return fuzz.token_set_ratio


class _FuzzyScorer:
    def __init__(self, texts: list[str]) -> None:
        self.texts = texts

    def scores(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        from rapidfuzz import process

        block = process.cdist(
            [self.texts[i] for i in rows],
            [self.texts[j] for j in cols],
            scorer=_fuzzy_ratio(),
            dtype=np.float32,
            workers=1,
        )
        return block / np.float32(100.0)


COMPARATORS: dict[str, type[Comparator]] = {}


def register(comparator: type[Comparator]) -> type[Comparator]:
    """Make `comparator` selectable by its name (usable as a class decorator)."""
    COMPARATORS[comparator.name] = comparator
    return comparator


register(Lexical)
register(Fuzzy)


def get_comparator(name: str) -> Comparator:
    """The comparator registered as `name`; ValueError naming the known ones."""
    try:
        return COMPARATORS[name]()
    except KeyError:
        known = ", ".join(sorted(COMPARATORS))
        raise ValueError(f"unknown comparator {name!r} (known: {known})") from None
