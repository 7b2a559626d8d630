"""Discrepancy quality on the labelled stories of ../shared/eval (`make evaluate`).

For every story whose gold file has `discrepancies:`, exports the comparison as
JSON and scores it with the eval's own scorer (`score.py --what discrepancies`):
recall of the labelled discrepancies and the share of reported ones that hit a
label (a lower bound on precision: the labels list the notable ones only).
Prints one line per story and the mean; SHOW_ERRORS=1 lists misses. Skips with a
note when ../shared/eval is absent.

`--loso` validates the context constants of comparators/discrepancies.py leave one
story out: for each labelled story, the grid setting with the best sum of recall, then
of labelled share, on the others is scored on it (ties: the first in grid order, and
the mean and range over every tied setting).
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from command_line import script_parser

ROOT = Path(__file__).resolve().parents[2]
EVAL = Path(os.environ.get("SYNOPSIS_EVAL_DIR", ROOT.parent / "shared" / "eval"))


def main(argv: list[str] | None = None) -> int:
    parser = script_parser(__doc__)
    parser.add_argument("--loso", action="store_true",
                        help="validate the context constants leave one story out instead")
    args = parser.parse_args(argv)
    return leave_one_story_out() if args.loso else score_stories()


def score_stories() -> int:
    stories = EVAL / "stories"
    if not stories.is_dir():
        print(f"discrepancies: {EVAL} not found, nothing to score")
        return 0
    from comparators import compare, load_story
    from comparators.export import to_json

    recalls, precisions = [], []
    for gold in sorted(stories.glob("*-gold.yaml")):
        if "discrepancies:" not in gold.read_text(encoding="utf-8"):
            continue
        folder = stories / gold.name.removesuffix("-gold.yaml")
        comparison = compare(load_story(sorted(folder.glob("*.txt"))))
        with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as out:
            out.write(to_json(comparison))
        try:
            scored = subprocess.run(
                [sys.executable, str(EVAL / "score.py"), out.name, "--seeds", str(folder),
                 "--gold", str(gold), "--what", "discrepancies"],
                capture_output=True, text=True, check=True,
            ).stdout
        finally:
            os.unlink(out.name)
        recall = float(re.search(r"disc_recall=([\d.]+)", scored).group(1))
        precision = float(re.search(r"disc_precision=([\d.]+)", scored).group(1))
        recalls.append(recall)
        precisions.append(precision)
        found = re.search(r"discrepancies: (.*)", scored).group(1)
        print(f"{folder.name:28} recall {recall:.3f}  labelled share {precision:.3f}  ({found})")
        for line in scored.splitlines():
            if line.startswith("  MISSED"):
                print(line)
    if recalls:
        print(f"{'mean':28} recall {sum(recalls) / len(recalls):.3f}  labelled share {sum(precisions) / len(precisions):.3f}")
    return 0


# Settings tried for the context constants; the shipped ones are among them.
GRID = {
    "MIN_SHARED_CONTEXT": (1, 1.5, 2, 2.5, 3),
    "MIN_STORY_CONTEXT": (2, 2.5, 3, 4, 5),
    "HEAD_NOUN_WEIGHT": (1, 2, 3, 4),
}


def leave_one_story_out() -> int:
    import comparators.discrepancies as discrepancies
    from dataclasses import replace

    from comparators import compare, load_story
    from comparators.export import to_json

    stories = EVAL / "stories"
    if not stories.is_dir():
        print(f"discrepancies: {EVAL} not found, nothing to validate")
        return 0
    spec = importlib.util.spec_from_file_location("eval_score", EVAL / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    labelled = {}
    for gold_path in sorted(stories.glob("*-gold.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        if gold.get("discrepancies"):
            folder = stories / gold_path.name.removesuffix("-gold.yaml")
            labelled[folder.name] = (folder, gold, compare(load_story(sorted(folder.glob("*.txt")))))

    def scored(name: str) -> tuple[float, float]:
        folder, gold, comparison = labelled[name]
        found = discrepancies.find_discrepancies(comparison.story, comparison.groups, comparison.quotes)
        data = json.loads(to_json(replace(comparison, discrepancies=found)))
        score.OUTLET_PREFIX = [(str(v).lower(), k) for k, v in gold["outlets"].items()]
        exact = score.exact_map(data, score.load_line_ids(str(folder)))
        sources = {str(s.get("id")): s for s in data["sources"]}
        with contextlib.redirect_stdout(io.StringIO()):
            return score.score_discrepancies(data, gold, sources, exact, score.load_seed_paras(str(folder)))

    shipped = {name: getattr(discrepancies, name) for name in GRID}
    settings = [dict(zip(GRID, values)) for values in itertools.product(*GRID.values())]
    table = {}
    try:
        for number, setting in enumerate(settings):
            for name, value in setting.items():
                setattr(discrepancies, name, value)
            for story in labelled:
                table[number, story] = scored(story)
    finally:
        for name, value in shipped.items():
            setattr(discrepancies, name, value)
    firsts, means = [], []
    for held in labelled:
        def on_others(number: int, held: str = held) -> tuple[float, float]:
            pairs = [table[number, s] for s in labelled if s != held]
            return sum(r for r, _ in pairs), sum(p for _, p in pairs)

        best = max(on_others(n) for n in range(len(settings)))
        tied = [n for n in range(len(settings)) if on_others(n) == best]
        outcomes = [table[n, held] for n in tied]
        firsts.append(outcomes[0])
        means.append(tuple(sum(o[i] for o in outcomes) / len(outcomes) for i in (0, 1)))
        print(f"{held:28} recall {outcomes[0][0]:.3f}  labelled share {outcomes[0][1]:.3f}  "
              f"({len(tied)} tied settings, e.g. {settings[tied[0]]}; over them recall "
              f"{means[-1][0]:.3f} [{min(o[0] for o in outcomes):.2f}-{max(o[0] for o in outcomes):.2f}], "
              f"share {means[-1][1]:.3f})")
    for label, rows in (("mean", firsts), ("mean over ties", means)):
        print(f"{label:28} recall {sum(r for r, _ in rows) / len(rows):.3f}  "
              f"labelled share {sum(p for _, p in rows) / len(rows):.3f}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
