"""`synopsis quotes [STORY...]`: the story's quotes in a table grouped by speaker.

Speakers and statements come as the reports list them (`quote_status.statements_by_speaker`);
each row is one outlet's quote with its status, named as the reader names it: shared
(another outlet has the same words), worded differently (another outlet has the same
speaker saying it otherwise, shown as a word diff, wdiff style: [-this outlet's
words-] {+the other's+}) or ✱ only here (only this outlet carries it). A row whose
outlet names the speaker otherwise than the section's heading says how (≠ another
person; ≈ another spelling, a title alone or no one). Article text goes into
`rich.text.Text` only, so brackets in a quote are never read as Rich markup.
"""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.style import Style
from rich.table import Table
from rich.text import Text

from comparators.model import Quote, QuoteStatus, Story
from comparators.quote_matching import speaker_unnamed, story_quotes
from comparators.quote_status import UNIQUE_QUOTE_MARK, match_label, status_label, statements_by_speaker
from comparators.reports.describe import count
from tui.cli.story_args import add_story_arguments, checked_settings, story_from_args
from tui.views.render import Palette, clean, outlet, pair_text

UNKNOWN_SPEAKER = "(speaker unknown)"
# A row whose outlet names the speaker otherwise than its section's heading does.
OTHER_SPEAKER, OTHER_WORDS = "≠", "≈"
SPEAKER_MARKS = {OTHER_SPEAKER: "the outlet names another person", OTHER_WORDS: "the outlet's own words for the speaker"}
# The reader's word diff, [-struck-] and {+underlined+}: styles that survive monochrome.
DIFF_STYLES = Palette(deleted=Style(strike=True, color="red"), inserted=Style(underline=True, color="green"))
STATUS_STYLES = {QuoteStatus.SHARED: "green", QuoteStatus.VARIANT: "yellow", QuoteStatus.UNIQUE: "bold reverse"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_story_arguments(parser)
    parser.add_argument(
        "--status",
        choices=[s.value for s in QuoteStatus],
        help="only quotes with this status (unique: lines no other outlet carries)",
    )
    parser.add_argument("--terms", action="store_true", help="also list quoted terms (nicknames, names)")
    parser.add_argument("--why", action="store_true", help="also show which rule named each speaker")


def run(args: argparse.Namespace) -> int:
    story = story_from_args(args)
    checked_settings(story, args)  # the options are accepted, so they must make sense
    quotes, terms = story_quotes(story)
    console = Console()
    console.print(quotes_table(story, quotes, status=args.status, why=args.why))
    if args.terms and not terms:
        console.print(Text("No quoted terms (nicknames, names in quotation marks) in this story."))
    elif args.terms:
        table = Table(title=Text("Quoted terms (not quotes)"))
        for column in ("outlet", "¶", "term"):
            table.add_column(column)
        for term in terms:
            table.add_row(Text(outlet(story, term.source)), str(term.paragraph + 1), Text(clean(term.text)))
        console.print(table)
    return 0


def quotes_table(
    story: Story, quotes: tuple[Quote, ...], status: str | None = None, why: bool = False
) -> Table:
    """One section per speaker, rows by statement (what only one outlet has first, the
    unknown speaker last), as the reports order them.

    `status` keeps only the quotes with that status (their matches still name
    the others); `why` adds a column with each quote's speaker evidence.
    """
    by_id = {q.id: q for q in quotes}
    speakers = statements_by_speaker(quotes, [s.id for s in story.sources])
    sections = [
        (
            speaker.speaker or UNKNOWN_SPEAKER,
            [
                quote
                for statement in speaker.statements
                for wording in statement.wordings
                for quote in wording
                if status is None or quote.status == status
            ],
        )
        for speaker in speakers
    ]
    shown = sum(len(rows) for _, rows in sections)
    unique = sum(q.status == QuoteStatus.UNIQUE for _, rows in sections for q in rows)
    names = [
        [_named_otherwise(name, speaker.key, quote) for quote in rows]
        for (name, rows), speaker in zip(sections, speakers)
    ]
    caption = f"{count(shown, 'quote')}, {unique} carried by one outlet only ({UNIQUE_QUOTE_MARK})"
    marks = {own[0] for section in names for own in section if own}
    caption += "".join(f"; {mark} {meaning}" for mark, meaning in SPEAKER_MARKS.items() if mark in marks)
    table = Table(title=Text(clean(story.title)), caption=Text(caption), show_lines=False)
    table.add_column("speaker", style="bold", max_width=22)
    table.add_column("outlet", max_width=14)
    table.add_column("¶", justify="right")
    table.add_column("status")
    table.add_column("quote", ratio=1)
    table.add_column("also in", max_width=24)
    if why:
        table.add_column("speaker evidence", style="dim", max_width=30)
    for (name, rows), own_names in zip(sections, names):
        for position, quote in enumerate(rows):
            row = [
                _speaker_cell(name if position == 0 else "", own_names[position]),
                Text(outlet(story, quote.source)),
                str(quote.paragraph + 1),
                Text(status_label(quote.status), style=STATUS_STYLES[quote.status]),
                _quote_cell(story, quote, by_id),
                _also_in(story, quote),
            ]
            if why:
                row.append(Text(clean(quote.speaker_evidence)))
            table.add_row(*row, end_section=position == len(rows) - 1)
    return table


def _named_otherwise(name: str, key: str | None, quote: Quote) -> tuple[str, str] | None:
    """(mark, name) when the quote's outlet names its speaker otherwise than the section
    heading `name` does: another person (≠); another spelling, a title alone or no
    one (≈); else None.
    A statement is listed under the speaker most outlets name, which must not hide the
    outlet that names someone else: who said it is what a fact-checker checks."""
    if key is None:  # the unknown speaker's section: no name to differ from
        return None
    if quote.speaker is None:
        return OTHER_WORDS, "no speaker named"
    if not speaker_unnamed(quote) and quote.speaker_key != key:
        return OTHER_SPEAKER, clean(quote.speaker)
    if clean(quote.speaker) != clean(name):  # another spelling, or a title alone ("the mayor")
        return OTHER_WORDS, clean(quote.speaker)
    return None


def _speaker_cell(heading: str, own: tuple[str, str] | None) -> Text:
    """The section's speaker (on its first row), then the outlet's own name for them."""
    cell = Text(clean(heading))
    if own is not None:
        mark, name = own
        cell.append("\n" if heading else "")
        cell.append(f"{mark} {name}", style="reverse" if mark == OTHER_SPEAKER else "dim")
    return cell


def _quote_cell(story: Story, quote: Quote, by_id: dict[str, Quote]) -> Text:
    cell = Text(clean(quote.text))
    variants = [m for m in quote.matches if m.kind == "variant" and m.quote in by_id]
    if quote.status == QuoteStatus.VARIANT and variants:
        other = by_id[variants[0].quote]
        cell.append(f"\n≈ {outlet(story, other.source)}: ", style="dim")
        cell.append_text(pair_text(quote.text, other.text, DIFF_STYLES))
    return cell


def _also_in(story: Story, quote: Quote) -> Text:
    text = Text()
    for match in quote.matches:
        if text:
            text.append("\n")
        text.append(f"{outlet(story, match.source)} ({match_label(match)})")
    return text
