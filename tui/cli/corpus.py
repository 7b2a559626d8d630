"""`synopsis corpus OUT_DIR`: the headline tables of a batch; `--open STORY` reads one story.

Reads the Parquet tables `synopsis batch` wrote: the most-copied outlets and the
pairs behind them, the quotes carried by most outlets, the stories with the most
disagreement and the stories that failed. Every value shown comes from articles
or file names, so it is printed as plain text with control characters removed.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from comparators.sanitize import strip_control
from tui.cli.batch import missing_corpus_extra
from tui.cli.counts import at_least_one
from tui.exit_codes import EXIT_BAD_INPUT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out_dir", metavar="OUT_DIR", type=Path, help="a folder `synopsis batch` wrote")
    # Tables are cut with [:N]: 0 would leave them empty and -1 drop their last row.
    parser.add_argument(
        "--top", type=at_least_one("rows"), default=10, metavar="N", help="rows per table (default 10)"
    )
    parser.add_argument(
        "--open", metavar="STORY", help="open this story (its id in the stories table) in the reader"
    )


def run(args: argparse.Namespace) -> int:
    if problem := missing_corpus_extra("corpus"):
        print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    from comparators.corpus_tables import read_table, table_path

    if not table_path(args.out_dir, "stories").is_file():
        where = strip_control(str(args.out_dir))
        print(f"synopsis: {where}: no corpus tables here; run 'synopsis batch' first", file=sys.stderr)
        return EXIT_BAD_INPUT
    import pyarrow as pa

    tables = {}
    for name in ("stories", "sources", "outlet_reuse", "quotes"):
        try:
            tables[name] = read_table(args.out_dir, name).to_pylist()
        except (OSError, pa.ArrowException) as error:  # removed or damaged since the batch
            where = strip_control(str(table_path(args.out_dir, name)))
            problem = " ".join(strip_control(str(error)).splitlines())
            print(f"synopsis: {where}: {problem}; delete it and rerun 'synopsis batch'", file=sys.stderr)
            return EXIT_BAD_INPUT
    stories, sources, outlet_reuse, quotes = tables.values()
    if args.open:
        return _open(args.out_dir, stories, args.open)
    console = Console(highlight=False)
    top = max(args.top, 1)
    failed = [s for s in stories if s["status"] != "ok"]
    console.print(
        Text(
            f"{len(stories)} stories ({len(failed)} failed), {len(sources)} articles from "
            f"{len({s['outlet'] for s in sources})} outlets"
        )
    )
    console.print(most_copied_table(outlet_reuse, top))
    console.print(copying_pairs_table(outlet_reuse, top))
    console.print(travelled_quotes_table(quotes, top))
    console.print(disagreement_table(stories, top))
    if failed:
        console.print(failed_table(failed, top))
    console.print(Text("Open a story in the reader: synopsis corpus OUT_DIR --open STORY", style="dim"))
    return 0


def _open(out_dir: Path, stories: list[dict], wanted: str) -> int:
    story = next((s for s in stories if wanted in (s["story"], s["name"])), None)
    if story is None:
        where = strip_control(str(out_dir))
        print(f"synopsis: {where}: no story {strip_control(wanted)!r} in this corpus", file=sys.stderr)
        return EXIT_BAD_INPUT
    from comparators.corpus_batch import read_batch_settings
    from tui.cli.main import main

    settings = read_batch_settings(out_dir)
    argv = ["open", story["input"]]
    for option in ("threshold", "comparator", "granularity"):  # only those the batch was given
        if (value := getattr(settings, option)) is not None:
            argv += [f"--{option}", str(value)]
    return main(argv)


def _plain(value: object) -> Text:
    return Text(strip_control("" if value is None else str(value)))


def most_copied_table(outlet_reuse: list[dict], top: int) -> Table:
    """Outlets whose words others carry verbatim, most words first."""
    copied: dict[str, dict] = defaultdict(lambda: {"words": 0, "by": set()})
    for row in outlet_reuse:
        if row["verbatim_words"]:
            entry = copied[row["other_outlet"]]
            entry["words"] += row["verbatim_words"]
            entry["by"].add(row["outlet"])
    table = Table(title="Most-copied outlets", title_justify="left")
    table.add_column("outlet", overflow="fold")
    table.add_column("words others carry verbatim", justify="right")
    table.add_column("outlets carrying them", justify="right")
    ranked = sorted(copied.items(), key=lambda item: (-item[1]["words"], str(item[0])))
    for outlet, entry in ranked[:top]:
        table.add_row(_plain(outlet), str(entry["words"]), str(len(entry["by"])))
    return table


def copying_pairs_table(outlet_reuse: list[dict], top: int) -> Table:
    """Who copies whom: the outlet pairs with most words in long verbatim runs."""
    table = Table(title="Who copies whom", title_justify="left")
    table.add_column("outlet", overflow="fold")
    table.add_column("copies from", overflow="fold")
    for column in ("share of its words", "words", "stories"):
        table.add_column(column, justify="right")
    for row in [r for r in outlet_reuse if r["verbatim_words"]][:top]:
        table.add_row(
            _plain(row["outlet"]), _plain(row["other_outlet"]), f"{row['verbatim_share']:.0%}",
            str(row["verbatim_words"]), str(row["stories"]),
        )
    return table


def travelled_quotes_table(quotes: list[dict], top: int) -> Table:
    """The quotes most outlets carry, each once (the outlets quoting it counted)."""
    best: dict[tuple, dict] = {}
    for quote in quotes:
        key = (quote["story"], frozenset([quote["source"], *quote["matched_sources"]]))
        if key not in best or quote["outlets"] > best[key]["outlets"]:
            best[key] = quote
    ranked = sorted(best.values(), key=lambda q: (-q["outlets"], q["story"], str(q["quote"])))
    table = Table(title="Most-travelled quotes", title_justify="left")
    table.add_column("outlets", justify="right")
    table.add_column("story", overflow="fold")
    table.add_column("speaker", overflow="fold")
    table.add_column("quote", ratio=1)
    for quote in ranked[:top]:
        cells = [_plain(quote[key]) for key in ("story", "speaker", "text")]
        table.add_row(str(quote["outlets"]), *cells)
    return table


def disagreement_table(stories: list[dict], top: int) -> Table:
    """Stories whose outlets disagree most: discrepancies when the export has them,
    then quotes worded differently, then passages only one outlet has."""
    done = [s for s in stories if s["status"] == "ok"]
    ranked = sorted(
        done,
        key=lambda s: (
            -(s["discrepancies"] or 0), -(s["variant_quotes"] or 0), -(s["unique_passages"] or 0), s["story"]
        ),
    )
    table = Table(title="Stories with the most disagreement", title_justify="left")
    table.add_column("story", overflow="fold")
    table.add_column("sources", justify="right")
    if any(s["discrepancies"] is not None for s in done):
        table.add_column("discrepancies", justify="right")
    table.add_column("quotes worded differently", justify="right")
    table.add_column("passages in one outlet only", justify="right")
    for story in ranked[:top]:
        cells = [_plain(story["story"]), str(story["sources"])]
        if len(table.columns) == 5:
            cells.append(str(story["discrepancies"] or 0))
        cells += [str(story["variant_quotes"]), str(story["unique_passages"])]
        table.add_row(*cells)
    return table


def failed_table(failed: list[dict], top: int) -> Table:
    table = Table(title=f"Failed stories ({len(failed)})", title_justify="left")
    table.add_column("story", overflow="fold")
    table.add_column("error", ratio=1)
    for story in failed[:top]:
        table.add_row(_plain(story["story"]), _plain(story["error"]))
    return table
