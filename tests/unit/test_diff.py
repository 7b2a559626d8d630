"""Word-level differences inside a group, as the reader and reports show them."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import fast_diff_match_patch
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comparators.diff import _codes, tokens, word_diff, word_diff_of_runs, word_diff_runs
from comparators.model import Rewording


def test_a_changed_word_is_replaced_whole_never_cut():
    assert word_diff("the cat sat down", "the cab sat down") == (
        (0, "the "),
        (-1, "cat"),
        (1, "cab"),
        (0, " sat down"),
    )


def test_every_diff_piece_starts_and_ends_on_word_boundaries(seed_comparison):
    for group in seed_comparison.groups:
        sources = group.sources
        for other in sources[1:]:
            a, b = group.text_of(sources[0]), group.text_of(other)
            pieces = word_diff(a, b)
            assert "".join(t for op, t in pieces if op <= 0) == a
            assert "".join(t for op, t in pieces if op >= 0) == b
            kept_a = [t for op, t in pieces if op <= 0]
            assert tokens(a) == [tok for piece in kept_a for tok in tokens(piece)]


def test_titles_and_apostrophes_show_as_word_swaps():
    pieces = word_diff("Adm. Vladimir Komoyedov said Russia’s decision", "Admiral Vladimir Komoyedov said Russia's decision")
    assert (-1, "Adm.") in pieces and (1, "Admiral") in pieces
    assert (-1, "Russia’s") in pieces and (1, "Russia's") in pieces


@pytest.mark.parametrize(("a", "b"), [("", "new words"), ("old words", ""), ("", "")])
def test_empty_sides_diff_to_one_insertion_or_deletion(a, b):
    pieces = word_diff(a, b)
    assert all(op == (1 if not a else -1) for op, _ in pieces)
    assert "".join(t for _, t in pieces) == a + b


def test_near_identical_wire_copy_is_classed_as_light_rewording(seed_comparison):
    group = next(g for g in seed_comparison.groups if any("still ongoing" in m.text for m in g.members))
    assert set(group.sources) == {"ap", "the-herald"}
    assert group.rewording == Rewording.LIGHT


def test_separate_translations_of_one_statement_are_classed_as_paraphrase(seed_comparison):
    group = next(g for g in seed_comparison.groups if any("constructive and extended" in m.text.lower() for m in g.members))
    assert len(group.sources) >= 2
    assert group.rewording == Rewording.PARAPHRASE


def test_long_texts_diffed_in_two_threads_at_once_keep_every_distinct_word_apart():
    # Thousands of distinct words: each needs its own code, made while both threads diff.
    def text(prefix: str, n: int) -> str:
        return " ".join(f"{prefix}{k}" for k in range(n))

    pairs = [(text(f"w{t}x", n), text(f"w{t}x", n).replace(f"w{t}x7 ", f"w{t}y7 ")) for t, n in ((0, 3000), (1, 5000))]
    with ThreadPoolExecutor(2) as pool:
        diffs = list(pool.map(lambda pair: word_diff(*pair), pairs))
    for (a, b), diff in zip(pairs, diffs):
        changed = [(op, piece) for op, piece in diff if op != 0]
        assert [piece.strip() for _, piece in changed] in (["w0x7", "w0y7"], ["w1x7", "w1y7"])
        assert "".join(piece for op, piece in diff if op <= 0) == a
        assert "".join(piece for op, piece in diff if op >= 0) == b


def _word_diff_by_tokens(a: str, b: str) -> tuple[tuple[int, str], ...]:
    """The word diff as spelled out before runs were counted in characters: the
    (op, token count) runs of the encoded diff, each joined from the tokens."""
    ta, tb = tokens(a), tokens(b)
    distinct = dict.fromkeys(ta + tb)
    codes = dict(zip(distinct, _codes(len(distinct))))
    runs = fast_diff_match_patch.diff(
        "".join(map(codes.__getitem__, ta)),
        "".join(map(codes.__getitem__, tb)),
        timelimit=0,
        checklines=False,
        cleanup="Semantic",
        counts_only=True,
    )
    i = j = 0
    ops = []
    for op, n in runs:
        if op == "+":
            ops.append((1, "".join(tb[j : j + n])))
            j += n
        else:
            ops.append((-1 if op == "-" else 0, "".join(ta[i : i + n])))
            i += n
            if op == "=":
                j += n
    return tuple(ops)


# Words (accents, apostrophes, hyphens, CJK, digits), spaces of every kind, punctuation,
# combining marks and characters past the BMP: tokens of every shape.
_PIECES = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12),
    st.sampled_from(
        ["the", "cat", "Russia’s", "Russia's", "well-known", "état", "東京", "42", " ", "  ", "\n", "\t",
         "\u00a0", "\u3000", ".", ",", "—", "'", "-", "e\u0301", "\U0001f600", "\U00010400x"]
    ),
)
_TEXTS = st.lists(_PIECES, max_size=30).map("".join)


@st.composite
def _text_pairs(draw) -> tuple[str, str]:
    """Two unrelated texts, or a text and an edit of it (words dropped, added, swapped)."""
    a = draw(_TEXTS)
    if draw(st.booleans()):
        return a, draw(_TEXTS)
    pieces = tokens(a)
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(pieces)))
        pieces[at:at + draw(st.integers(0, 2))] = draw(st.lists(_PIECES, max_size=2))
    return a, draw(st.sampled_from(["", " ", "\n "])) + "".join(pieces) + draw(st.sampled_from(["", " ", ".\n"]))


@settings(max_examples=300, deadline=None)
@given(_text_pairs())
def test_character_runs_spell_out_the_word_diff_of_the_tokens(pair):
    a, b = pair
    runs = word_diff_runs(a, b)  # what a worker process sends
    assert sum(n for op, n in runs if op <= 0) == len(a)
    assert sum(n for op, n in runs if op >= 0) == len(b)
    expected = _word_diff_by_tokens(a, b)
    assert word_diff_of_runs(a, b, runs) == expected
    assert word_diff(a, b) == expected
    assert word_diff(a, a) == _word_diff_by_tokens(a, a)


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_a_text_against_an_empty_side_is_what_the_token_diff_gives(text):
    # word_diff_runs answers a one-sided pair without the diff engine: the same runs.
    assert word_diff("", text) == _word_diff_by_tokens("", text)
    assert word_diff(text, "") == _word_diff_by_tokens(text, "")
    assert word_diff_runs("", text) == (((1, len(text)),) if text else ())
