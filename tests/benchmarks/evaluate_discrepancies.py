"""Discrepancy quality on the labelled stories of ../shared/eval (`make evaluate`).

For every story whose gold file has `discrepancies:`, exports the comparison as
JSON and scores it with the eval's own scorer (`score.py --what discrepancies`):
recall of the labelled discrepancies and the share of reported ones that hit a
label (a lower bound on precision: the labels list the notable ones only).
Prints one line per story and the mean; SHOW_ERRORS=1 lists misses. Skips with a
note when ../shared/eval is absent.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EVAL = Path(os.environ.get("SYNOPSIS_EVAL_DIR", ROOT.parent / "shared" / "eval"))


def main() -> int:
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


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
