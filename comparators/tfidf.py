"""TF-IDF vectors of texts, as scikit-learn's `TfidfVectorizer` makes them, without scikit-learn.

The lexical comparator's two vectorisers, word 1-2 grams (English stop words out)
and character 3-5 grams inside words, both with sublinear term frequency, smoothed
idf and unit length, give exactly the matrices `TfidfVectorizer(...).fit_transform`
gives (same columns, same float64 values: `tests/unit/test_tfidf.py` checks it against
scikit-learn). Importing scikit-learn costs one to three seconds (it pulls
`scipy.stats`), several times the whole comparison of a small story.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
from scipy import sparse

# scikit-learn's ENGLISH_STOP_WORDS (sklearn/feature_extraction/_stop_words.py, BSD licence)
ENGLISH_STOP_WORDS = frozenset(
    """
    a about above across after afterwards again against all almost alone along already also
    although always am among amongst amoungst amount an and another any anyhow anyone
    anything anyway anywhere are around as at back be became because become becomes becoming
    been before beforehand behind being below beside besides between beyond bill both bottom
    but by call can cannot cant co con could couldnt cry de describe detail do done down due
    during each eg eight either eleven else elsewhere empty enough etc even ever every
    everyone everything everywhere except few fifteen fifty fill find fire first five for
    former formerly forty found four from front full further get give go had has hasnt have
    he hence her here hereafter hereby herein hereupon hers herself him himself his how
    however hundred i ie if in inc indeed interest into is it its itself keep last latter
    latterly least less ltd made many may me meanwhile might mill mine more moreover most
    mostly move much must my myself name namely neither never nevertheless next nine no
    nobody none noone nor not nothing now nowhere of off often on once one only onto or
    other others otherwise our ours ourselves out over own part per perhaps please put
    rather re same see seem seemed seeming seems serious several she should show side since
    sincere six sixty so some somehow someone something sometime sometimes somewhere still
    such system take ten than that the their them themselves then thence there thereafter
    thereby therefore therein thereupon these they thick thin third this those though three
    through throughout thru thus to together too top toward towards twelve twenty two un
    under until up upon us very via was we well were what whatever when whence whenever
    where whereafter whereas whereby wherein whereupon wherever whether which while whither
    who whoever whole whom whose why will with within without would yet you your yours
    yourself yourselves
    """.split()
)

_TOKEN = re.compile(r"(?u)\b\w+\b")
_WHITE_SPACES = re.compile(r"\s\s+")


def word_ngrams(text: str) -> list[str]:
    """Lower-cased word tokens without stop words, then their bigrams."""
    tokens = [t for t in _TOKEN.findall(text.lower()) if t not in ENGLISH_STOP_WORDS]
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]


def char_wb_ngrams(text: str, low: int = 3, high: int = 5) -> list[str]:
    """Character n-grams inside words, each word padded with a space either side."""
    out: list[str] = []
    for word in _char_words(text):
        padded = f" {word} "
        size = len(padded)
        for n in range(low, high + 1):
            if size <= n:  # a short word counts once, whole
                out.append(padded)
                break
            out.extend(padded[k : k + n] for k in range(size - n + 1))
    return out


def _char_words(text: str) -> list[str]:
    return _WHITE_SPACES.sub(" ", text.lower()).split()


def tfidf(texts: Sequence[str], analyzer: Callable[[str], Sequence[str]]) -> sparse.csr_matrix:
    """(texts x terms, terms sorted) sublinear tf x smoothed idf, rows of unit length, float64.
    ValueError when no text has a term (as scikit-learn raises)."""
    vocabulary: dict[str, int] = {}
    if analyzer is char_wb_ngrams:
        columns, lengths = _char_columns(texts, vocabulary)
    else:
        column_of = vocabulary.setdefault
        columns, lengths = [], []
        for text in texts:
            terms = analyzer(text)
            columns.extend([column_of(term, len(vocabulary)) for term in terms])
            lengths.append(len(terms))
    if not vocabulary:
        raise ValueError("empty vocabulary")
    # One entry per occurrence; the sparse matrix sums a text's repeats into its count.
    rows = np.repeat(np.arange(len(texts)), lengths)
    matrix = sparse.csr_matrix(
        (np.ones(len(columns), dtype=np.float64), (rows, np.array(columns, dtype=np.int64))),
        shape=(len(texts), len(vocabulary)),
    )
    matrix.sum_duplicates()
    # Columns in the terms' sorted order, each row's entries left in first-seen order of
    # the terms, as scikit-learn leaves them (sums then add up in the same order).
    matrix.sort_indices()
    order = np.argsort(np.array(list(vocabulary), dtype=object)).astype(np.int64)
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    matrix.indices = rank[matrix.indices].astype(matrix.indices.dtype)
    document_frequency = np.bincount(matrix.indices, minlength=matrix.shape[1])
    idf = np.log((1 + matrix.shape[0]) / (1 + document_frequency)) + 1
    matrix.data = (np.log(matrix.data) + 1) * idf[matrix.indices]
    return normalize_rows(matrix)


def _char_columns(texts: Sequence[str], vocabulary: dict[str, int]) -> tuple[list[int], list[int]]:
    """`char_wb_ngrams`' column of every term of `texts` and their count per text, adding
    new terms to `vocabulary` in the order they come (as term by term): each distinct
    word's n-grams are looked up once, as a story writes a few thousand words many times
    over (a third of the time of fitting a long story)."""
    column_of = vocabulary.setdefault
    of_word: dict[str, list[int]] = {}
    columns: list[int] = []
    lengths: list[int] = []
    for text in texts:
        before = len(columns)
        for word in _char_words(text):
            known = of_word.get(word)
            if known is None:
                known = of_word[word] = [column_of(term, len(vocabulary)) for term in char_wb_ngrams(word)]
            columns.extend(known)
        lengths.append(len(columns) - before)
    return columns, lengths


def normalize_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Each row divided by its Euclidean length (an empty row stays empty)."""
    matrix = matrix.tocsr(copy=True)
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    lengths = np.sqrt(np.bincount(rows, weights=matrix.data**2, minlength=matrix.shape[0]))
    lengths[lengths == 0] = 1.0
    matrix.data /= lengths[rows]
    return matrix
