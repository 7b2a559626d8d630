"""The lexical comparator's TF-IDF, built without scikit-learn, equals scikit-learn's."""

from __future__ import annotations

import numpy as np
import pytest

from comparators import load_story
from comparators.tfidf import char_wb_ngrams, normalize_rows, tfidf, word_ngrams

sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")


def _texts() -> list[str]:
    story = load_story([])
    texts = [p.text for s in story.sources for p in s.paragraphs]
    # Edge cases: stop words only, short words, runs of white space, accents, an empty text.
    return texts + ["The and of it", "a I x", "Hamedan  \t spaces\n\nhere", "Wróbel Zelenskiy’s", ""]


@pytest.mark.parametrize(
    ("analyzer", "reference"),
    [
        (word_ngrams, {"ngram_range": (1, 2), "stop_words": "english", "token_pattern": r"(?u)\b\w+\b"}),
        (char_wb_ngrams, {"analyzer": "char_wb", "ngram_range": (3, 5)}),
    ],
    ids=["words", "characters"],
)
def test_vectors_equal_scikit_learns(analyzer, reference):
    texts = _texts()
    expected = sklearn_text.TfidfVectorizer(sublinear_tf=True, **reference).fit_transform(texts)
    got = tfidf(texts, analyzer)
    assert got.shape == expected.shape
    assert np.array_equal(got.indptr, expected.indptr) and np.array_equal(got.indices, expected.indices)
    np.testing.assert_allclose(got.data, expected.data, rtol=1e-12)


def test_only_stop_words_is_an_empty_vocabulary():
    with pytest.raises(ValueError):
        tfidf(["the and of", "it is"], word_ngrams)


def test_rows_have_unit_length_and_empty_rows_stay_empty():
    matrix = normalize_rows(tfidf(["one two", "", "three"], char_wb_ngrams))
    lengths = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    np.testing.assert_allclose(lengths, [1.0, 0.0, 1.0])
