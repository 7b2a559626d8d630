"""The text `y` copies: the selected passage as each shown outlet prints it, a quote with
its speaker, or a disagreement's values; each with the outlet's name and web address,
ready to paste into a document. Article text is cleaned of control sequences first: it
goes to the terminal inside an OSC 52 sequence."""

from __future__ import annotations

from comparators import Quote
from comparators.model import Source
from tui.views.lookup import Lookup
from tui.views.render import clean


def credit(source: Source) -> str:
    """'AP, 2016-08-16, https://…' (what is known of it)."""
    return ", ".join(clean(part) for part in (source.outlet, source.date, source.url) if part)


def passage_text(lookup: Lookup, group_index: int, shown: tuple[str, ...]) -> str:
    group = lookup.groups[group_index]
    story = lookup.comparison.story
    parts = [
        f"{credit(story.source(source_id))}:\n{clean(group.text_of(source_id))}"
        for source_id in shown
        if source_id in group.sources
    ]
    return "\n\n".join(parts)


def quote_text(lookup: Lookup, quote: Quote) -> str:
    source = lookup.comparison.story.source(quote.source)
    speaker = clean(quote.speaker) if quote.speaker else "unknown speaker"
    return f"“{clean(quote.text)}” ({speaker}; {credit(source)})"


def discrepancy_text(lookup: Lookup, index: int, shown: tuple[str, ...]) -> str:
    """The disagreement's values as the view shows them: the outlets `shown` only."""
    discrepancy = lookup.discrepancies[index]
    story = lookup.comparison.story
    lines = [clean(discrepancy.fact) + ":"]
    for value in discrepancy.values_among(shown):
        lines.append(f"- {clean(value.text)} ({credit(story.source(value.source))}, paragraph {value.paragraph + 1})")
    return "\n".join(lines)
