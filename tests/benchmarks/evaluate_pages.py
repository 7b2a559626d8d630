"""Furniture, quote, outlet and date figures on the labelled real stories.

    .venv/bin/python tests/benchmarks/evaluate_pages.py [STORIES_DIR] [--errors]

STORIES_DIR (default ../shared/eval/stories beside the checkout) holds one folder of
NNN_*.txt files per story and its labels in <story>-gold.yaml. Per story and as a macro
mean, it prints:

- furniture: labelled furniture lines removed, and article paragraphs removed by mistake
  (lines the labels do not call furniture);
- quotes: labelled quotes (one per outlet carrying it) found with the right status
  (shared, variant, unique), the way ../shared/eval/score.py counts them;
- outlets: of the sources whose text names their labelled outlet, those whose outlet or
  origin is it;
- dates: sources given a date from their text.

These stories measure; they are not tuned to. Skips when the folder is absent.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from command_line import script_parser

from comparators import load_story
from comparators.quote_matching import story_quotes

DEFAULT = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "stories"


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def _line_ids(path: Path) -> dict[int, str]:
    """1-based file line -> the labels' paragraph id (PREFIX.INDEX over non-empty lines)."""
    ids, index = {}, 0
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if line.strip():
            ids[number] = f"{path.name[:3]}.{index:02d}"
            index += 1
    return ids


def evaluate(folder: Path, show_errors: bool) -> dict[str, tuple[int, int]]:
    gold = yaml.safe_load((folder.parent / f"{folder.name}-gold.yaml").read_text(encoding="utf-8"))
    files = sorted(folder.glob("[0-9][0-9][0-9]_*.txt"))
    story = load_story(files)
    furniture = set(gold["boilerplate"])
    removed_right = dropped = outlets_right = outlets_named = dated = 0
    for source in story.sources:
        ids = _line_ids(source.path)
        kept_lines = {p.line for p in source.paragraphs}
        kept = {ids[n] for n in kept_lines}
        removed = {ids[r.line] for r in source.removed if r.line not in kept_lines}
        removed_right += len(furniture & removed)
        mistakes = sorted(removed - furniture)
        dropped += len(mistakes)
        if show_errors:
            for pid in sorted(furniture & kept):
                print(f"    furniture kept: {pid}")
            for pid in mistakes:
                print(f"    article paragraph removed: {pid}")
        labelled = str(gold["outlets"][source.path.name[:3]])
        if re.search(r"\b" + r"\s*".join(map(re.escape, labelled.split())) + r"\b",
                     source.path.read_text(encoding="utf-8"), re.IGNORECASE):
            outlets_named += 1
            found = [_fold(n) for n in (source.outlet, source.origin or "") if n]
            right = any(_fold(labelled) in n or (n and n in _fold(labelled)) for n in found)
            outlets_right += right
            if show_errors and not right:
                print(f"    outlet: {source.path.name[:3]} is {source.outlet!r}/{source.origin!r}, labelled {labelled!r}")
        dated += source.date is not None
    quotes_right, quotes_total = _quotes(story, gold, show_errors)
    return {
        "furniture": (removed_right, len(furniture)),
        "quotes": (quotes_right, quotes_total),
        "outlets": (outlets_right, outlets_named),
        "dated": (dated, len(story.sources)),
        "paragraphs dropped": (dropped, 0),
    }


def _quotes(story, gold: dict, show_errors: bool) -> tuple[int, int]:
    quotes, _ = story_quotes(story)
    prefix = {s.id: s.path.name[:3] for s in story.sources}
    by_outlet: dict[str, list] = {}
    for quote in quotes:
        by_outlet.setdefault(str(gold["outlets"][prefix[quote.source]]), []).append(quote)
    right = total = 0
    for label in gold.get("quotes", []):
        outlets = label["outlet"] if isinstance(label["outlet"], list) else [label["outlet"]]
        snippets = label.get("snippet_by_outlet") or {o: label["snippet"] for o in outlets}
        for outlet in outlets:
            total += 1
            snippet = snippets[outlet].lower()
            hits = [q for q in by_outlet.get(outlet, []) if snippet in q.text.lower().replace("’", "'")]
            status = str(hits[0].status) if hits else "missing"
            good = status == label["status"]
            right += good
            if show_errors and not good:
                print(f"    quote {label['id']}@{outlet}: {status}, labelled {label['status']}")
    return right, total


def main(argv: list[str] | None = None) -> int:
    parser = script_parser(__doc__)
    parser.add_argument("stories_dir", nargs="?", type=Path, default=DEFAULT, metavar="STORIES_DIR",
                        help="default: ../shared/eval/stories beside the checkout")
    parser.add_argument("--errors", action="store_true", help="list each story's misses")
    args = parser.parse_args(argv)
    root, show_errors = args.stories_dir, args.errors
    if not root.is_dir():
        print(f"no labelled stories at {root}: skipped")
        return 0
    rows = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if not (root / f"{folder.name}-gold.yaml").exists():
            continue
        print(folder.name)
        figures = evaluate(folder, show_errors)
        rows.append(figures)
        print("  " + "  ".join(
            f"{name} {a}" if name == "paragraphs dropped" else f"{name} {a}/{b}" for name, (a, b) in figures.items()
        ))
    print("macro: " + "  ".join(
        f"{name} {sum(r[name][0] / r[name][1] for r in rows if r[name][1]) / max(1, sum(1 for r in rows if r[name][1])):.3f}"
        for name in ("furniture", "quotes", "outlets", "dated")
    ) + f"  paragraphs dropped {sum(r['paragraphs dropped'][0] for r in rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
