"""`synopsis quotes [STORY...]`: the story's quotes in a table grouped by speaker.

Speakers and statements come as the reports list them (`quote_status.statements_by_speaker`);
each row is one outlet's quote with its status, named as the reader names it: shared
(another outlet has the same words), worded differently (another outlet has the same
speaker saying it otherwise, shown as a word diff, wdiff style: [-this outlet's
words-] {+the other's+}) or ✱ only here (only this outlet carries it). Article text goes
into `rich.text.Text` only, so brackets in a quote are never read as Rich markup.
"""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.style import Style
from rich.table import Table
from rich.text import Text

from comparators.model import Quote, QuoteStatus, Story
from comparators.quote_matching import story_quotes
from comparators.quote_status import UNIQUE_QUOTE_MARK, status_label, statements_by_speaker
from comparators.reports.describe import count
from tui.cli.story_args import add_story_arguments, checked_settings, story_from_args
from tui.views.render import Palette, clean, outlet, pair_text

UNKNOWN_SPEAKER = "(speaker unknown)"
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
    table = Table(
        title=Text(clean(story.title)),
        caption=Text(f"{count(shown, 'quote')}, {unique} carried by one outlet only ({UNIQUE_QUOTE_MARK})"),
        show_lines=False,
    )
    table.add_column("speaker", style="bold", max_width=22)
    table.add_column("outlet", max_width=14)
    table.add_column("¶", justify="right")
    table.add_column("status")
    table.add_column("quote", ratio=1)
    table.add_column("also in", max_width=24)
    if why:
        table.add_column("speaker evidence", style="dim", max_width=30)
    for name, rows in sections:
        for position, quote in enumerate(rows):
            cells = [
                Text(clean(name) if position == 0 else ""),
                Text(outlet(story, quote.source)),
                str(quote.paragraph + 1),
                Text(status_label(quote.status), style=STATUS_STYLES[quote.status]),
                _quote_cell(story, quote, by_id),
                _also_in(story, quote),
            ]
            if why:
                cells.append(Text(clean(quote.speaker_evidence)))
            table.add_row(*cells, end_section=position == len(rows) - 1)
    return table


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
        text.append(f"{outlet(story, match.source)} ({match.kind} {match.similarity:.2f})")
    return text
