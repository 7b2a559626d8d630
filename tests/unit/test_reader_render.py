"""Wrapping and highlighting, without a terminal."""

from __future__ import annotations

from rich.cells import cell_len

from comparators import Group, GroupKind, Member, Quote, QuoteStatus
from comparators.quote_status import UNIQUE_QUOTE_MARK
from tui.views.render import Palette, member_plain, member_text, pair_text
from tui.views.wrap import line_breaks

TEXT = "Russian bombers flying from an Iranian airbase struck targets in Syria on Tuesday."


def lines(text: str, width: int) -> list[str]:
    return [text[a:b] for a, b in line_breaks(text, width)]


def test_wrapped_lines_fit_and_keep_every_word_in_order():
    for width in (8, 13, 30, 200):
        wrapped = lines(TEXT, width)
        assert all(cell_len(line) <= width for line in wrapped)
        assert " ".join(wrapped).split() == TEXT.split()


def test_a_word_longer_than_the_line_is_cut_and_newlines_break():
    assert lines("abcdefghij xy", 4) == ["abcd", "efgh", "ij", "xy"]
    assert lines("one\ntwo three", 20) == ["one", "two three"]
    assert lines("", 10) == [""]


def test_wide_characters_count_two_cells():
    assert lines("报道 报道 报道", 9) == ["报道 报道", "报道"]


def group(*texts: str) -> Group:
    members = tuple(Member(f"s{i}", 0, text) for i, text in enumerate(texts))
    return Group("g1", GroupKind.PARTIAL, members)


def test_a_near_copy_underlines_its_edits_and_leaves_shared_words_plain():
    g = group("The ministry said bombers struck Aleppo on Tuesday", "The ministry said bombers hit Aleppo on Tuesday")
    text = member_text(g, "s1", [], Palette(), compared=("s0", "s1"))
    styles = {text.plain[s.start : s.end]: s.style for s in text.spans if s.style}
    assert list(styles) == ["hit"] and styles["hit"].underline


def test_a_search_hit_and_the_current_hit_have_their_own_styles():
    g = group("Bombers struck Aleppo; Aleppo burned", "Bombers hit Aleppo; Aleppo burned")
    text = member_text(g, "s1", [], Palette(), search="aleppo", compared=("s0", "s1"), current_hit=1)
    hits = [s.style for s in text.spans if text.plain[s.start : s.end] == "Aleppo"]
    assert hits == [Palette().match, Palette().match_current]
    assert Palette().match != Palette().edit and Palette().match_current != Palette().match


def test_a_quote_only_this_outlet_carries_starts_with_its_marker():
    g = group('He said "we will strike again" on Tuesday.\x1b[2J', "He said nothing.")
    quote = Quote("s0:q1", "s0", 0, 9, 29, "we will strike again", status=QuoteStatus.UNIQUE)
    text = member_text(g, "s0", [quote], Palette())
    assert f'"{UNIQUE_QUOTE_MARK} we will strike again"' in text.plain
    assert "\x1b" not in text.plain
    assert text.plain == member_plain(g, "s0", [quote])  # what the view measures is what it draws


def test_pair_text_marks_words_like_git_word_diff():
    text = pair_text("struck targets near Aleppo", "struck positions near Aleppo", Palette())
    assert text.plain == "struck [-targets-]{+positions+} near Aleppo"
