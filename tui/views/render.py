"""Comparator results -> rich `Text`, with a non-colour marker for every colour.

Article text is untrusted: it is always appended to `Text` as plain strings (never
parsed as markup) after `strip_control` removed escapes and control characters.
What to mark comes from the comparator layer (`comparators.emphasis`): a near copy's
edits against the pivot, a paraphrase's differing facts and own sentences; quotes
another outlet words differently, and quotes only this outlet carries (they start with
`UNIQUE_QUOTE_MARK`). Search hits have their own style. The pair view writes
`[-removed-]{+added+}`. The styles themselves are `tui.views.styles.STYLES`.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from types import MappingProxyType

from rich.style import Style
from rich.text import Text

from comparators import Group, Quote, QuoteStatus, Story
from comparators.diff import word_diff
from comparators.diff_markup import WDIFF
from comparators.quote_status import UNIQUE_QUOTE_MARK
from comparators.reports.describe import all_outlets
from comparators.sanitize import strip_control
from comparators.segment import sentence_spans
from tui.views.styles import Palette

__all__ = ["Palette"]  # drawn with here, defined with the other styles

ABSENT = "·"


def clean(text: str) -> str:
    """Untrusted text made safe to show: no escapes, controls or tabs."""
    return strip_control(text).replace("\t", " ")


def find_all(haystack: str, needle: str) -> list[tuple[int, int]]:
    """Every place `needle` occurs in `haystack`, ignoring case: what search counts."""
    if not needle:
        return []
    lower, needle = haystack.lower(), needle.lower()
    found, at = [], lower.find(needle)
    while at >= 0:
        found.append((at, at + len(needle)))
        at = lower.find(needle, at + len(needle))
    return found


_CLEANED: OrderedDict[int, tuple[tuple, Group, Group, Mapping[str, str]]] = OrderedDict()
_CLEANED_KEPT = 1024  # id(members) -> (members, group, cleaned group, cleaned texts)


def clean_texts(group: Group) -> Mapping[str, str]:
    """`_cleaned(group)`'s texts: measuring one outlet's passage in every group (or
    searching them) must not walk each group's hundreds of members."""
    return _cleaned(group)[1]


def _cleaned(group: Group) -> tuple[Group, Mapping[str, str]]:
    """The group with every member's text cleaned (the same group when nothing to clean)
    and its texts by source. Remembered for the groups drawn last: every member of a
    400-outlet group is drawn from the same group, and checking all its texts each time
    made opening quadratic. Kept by the group's members, which a pivot change keeps
    while it renumbers the groups: only the renumbered group is made again, not the cleaning."""
    kept = _CLEANED.get(id(group.members))
    if kept is not None and kept[0] is group.members:
        if kept[1] is group:
            return kept[2], kept[3]
        members, cleaned = kept[0], kept[2]
        cleaned = group if cleaned.members is members else replace(group, members=cleaned.members)
        texts = kept[3]
    else:
        members = group.members
        if all(member.text.isprintable() for member in members):
            cleaned = group
        else:
            cleaned = replace(group, members=tuple(replace(m, text=clean(m.text)) for m in members))
        texts = MappingProxyType(cleaned.texts())  # shared: read-only
    _CLEANED[id(members)] = (members, group, cleaned, texts)
    _CLEANED.move_to_end(id(members))
    if len(_CLEANED) > _CLEANED_KEPT:
        _CLEANED.popitem(last=False)
    return cleaned, texts


def _unique_quote_starts(text: str, quotes: list[Quote]) -> list[int]:
    starts = []
    for quote in quotes:
        if quote.status == QuoteStatus.UNIQUE:
            at = text.find(clean(quote.text))
            if at >= 0:
                starts.append(at)
    return sorted(set(starts))


def member_plain(group: Group, source_id: str, quotes: list[Quote]) -> str:
    """`member_text(...).plain`, cheaply: what the view measures to wrap the passage."""
    text = clean_texts(group).get(source_id, "")
    starts = _unique_quote_starts(text, quotes)
    if not starts:
        return text
    pieces, last = [], 0
    for at in starts:
        pieces += [text[last:at], UNIQUE_QUOTE_MARK + " "]
        last = at
    pieces.append(text[last:])
    return "".join(pieces)


def drawn_hits(group: Group, source_id: str, quotes: list[Quote], search: str) -> list[int]:
    """Where each search hit starts in `member_plain(...)` (quote marks shift them)."""
    text = clean_texts(group).get(source_id, "")
    starts = _unique_quote_starts(text, quotes)
    return [a + 2 * sum(s <= a for s in starts) for a, _ in find_all(text, search)]


def off_focus(group: Group, source_id: str) -> list[tuple[int, int]]:
    """Ranges of `text_of(source_id)` in sentences that carry another fact than the
    group's (a paragraph reporting two facts stands in two groups)."""
    ranges, base = [], 0
    for member in group.members_of(source_id):
        if member.focus:
            for k, (a, b) in enumerate(sentence_spans(member.text)):
                if k not in member.focus:
                    ranges.append((base + a, base + b))
        base += len(member.text) + 2  # text_of joins members with a blank line
    return ranges


def _outside(start: int, end: int, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of [start, end) that no range (sorted, disjoint) covers."""
    out = []
    for a, b in ranges:
        if b <= start or a >= end:
            continue
        if a > start:
            out.append((start, a))
        start = max(start, b)
    if start < end:
        out.append((start, end))
    return out


def member_text(
    group: Group,
    source_id: str,
    quotes: list[Quote],
    palette: Palette,
    search: str = "",
    compared: tuple[str, ...] = (),
    current_hit: int | None = None,
) -> Text:
    """One outlet's passage in a group, marked against the first of `compared` (the
    sources shown, the pivot first) that the group has; sentences that report another
    fact are set apart and left unmarked. `current_hit`: which search hit n / N is on."""
    # Imported on first use, off the first screen (the comparison loads it meanwhile).
    from comparators.emphasis import Emphasis, member_emphasis

    group, texts = _cleaned(group)
    text = texts.get(source_id, "")
    elsewhere = off_focus(group, source_id)
    runs: list[tuple[int, int, Style]] = [(a, b, palette.context) for a, b in elsewhere]
    reference = next((s for s in compared if s in texts), None)  # texts: the sources present
    emphasis_styles = {
        Emphasis.EDIT: palette.edit,
        Emphasis.FACT: palette.fact,
        Emphasis.OWN_SENTENCE: palette.own_sentence,
    }
    for mark in member_emphasis(group, source_id, reference, compared).marks:
        style = emphasis_styles[mark.emphasis]
        runs.extend((a, b, style) for a, b in _outside(mark.start, mark.end, elsewhere))
    for quote in quotes:
        if quote.status == QuoteStatus.SHARED:
            continue  # its quotation marks say it is a quote; that others carry it is no news
        quoted = clean(quote.text)
        at = text.find(quoted)
        if at >= 0:
            unique = quote.status == QuoteStatus.UNIQUE
            runs.append((at, at + len(quoted), palette.quote_unique if unique else palette.quote_variant))
    for k, (a, b) in enumerate(find_all(text, search)):
        runs.append((a, b, palette.match_current if k == current_hit else palette.match))
    starts = set(_unique_quote_starts(text, quotes))
    cuts = sorted({0, len(text), *starts, *(a for a, _, _ in runs), *(b for _, b, _ in runs)})
    out = Text(end="")
    for a, b in zip(cuts, cuts[1:]):
        if a in starts:
            out.append(UNIQUE_QUOTE_MARK + " ", palette.quote_unique)
        style = Style()
        for start, end, run_style in runs:
            if start <= a and b <= end:
                style += run_style
        out.append(text[a:b], style)
    return out


def pair_text(
    a: str, b: str, palette: Palette, search: str = "", current_hit: int | None = None
) -> Text:
    """`b` against `a` as one text: `[-only in a-]{+only in b+}`, like git --word-diff."""
    text = Text(end="")
    for op, piece in _pair_pieces(a, b):
        text.append(piece, palette.deleted if op < 0 else palette.inserted if op > 0 else "")
    if search:
        for k, (start, end) in enumerate(find_all(text.plain, search)):
            text.stylize(palette.match_current if k == current_hit else palette.match, start, end)
    return text


@lru_cache(maxsize=8192)
def pair_plain(a: str, b: str) -> str:
    """`pair_text(a, b, ...).plain`, without styling it: what measuring a pair needs.
    Remembered as `word_diff` is: a search in the pair view spells again the pairs a new
    pivot measured."""
    return "".join(piece for _, piece in _pair_pieces(a, b))


def _pair_pieces(a: str, b: str) -> list[tuple[int, str]]:
    return [(op, WDIFF.around(op, clean(piece))) for op, piece in word_diff(a, b)]


_OUTLETS: list[tuple[Story, Mapping[str, str]]] = []  # the last story's outlet names by source id


def outlet(story: Story, source_id: str) -> str:
    """The source's outlet name, cleaned; KeyError for an unknown id. Kept for the last
    story asked about: a view names hundreds of outlets, and `Story.source` walks them."""
    kept = _OUTLETS[0] if _OUTLETS else None
    if kept is None or kept[0] is not story:  # read and replaced whole: safe across threads
        kept = (story, MappingProxyType({source.id: clean(source.outlet) for source in story.sources}))
        _OUTLETS[:] = [kept]
    return kept[1][source_id]


def group_summary(group: Group, story: Story, n_sources: int) -> str:
    """E.g. 'in 3 of 5 outlets · light rewording', 'in all 5 outlets', 'in both outlets'
    or 'only in AP'."""
    sources = group.sources
    if len(sources) == 1:
        return f"only in {outlet(story, sources[0])}"
    parts = [f"in {all_outlets(n_sources)}" if len(sources) == n_sources else f"in {len(sources)} of {n_sources} outlets"]
    if group.rewording:
        parts.append(str(group.rewording))
    return " · ".join(parts)


def percent(share: float) -> str:
    return f"{share * 100:.0f}%"
