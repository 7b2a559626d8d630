"""Quote speakers on the labelled real stories (../shared/eval): how many labelled quotes get theirs.

    .venv/bin/python tests/benchmarks/evaluate_quote_speakers.py [STORY_DIR...]   # SHOW_ERRORS=1 lists them

Each story is exported in-process (as `synopsis export --format json` writes it); each
labelled quote is met in its outlet as ../shared/eval/score.py meets it (the first quote
holding the label's snippet), and its speaker is right when it is the same person
(`same_person`) or, for a body, the same organisation key. The gold gives no speaker for
some quotes; a quote found without one then counts right. Prints right/met per story and in all.
"""

from __future__ import annotations

import glob
import os
import re
import sys
from pathlib import Path

import yaml

from command_line import script_parser

ROOT = Path(__file__).resolve().parents[2]
STORIES = ROOT.parent / "shared" / "eval" / "stories"

from comparators import compare, load_story  # noqa: E402
from comparators.export import to_json_dict  # noqa: E402
from comparators.speakers import organisation_key, same_person  # noqa: E402


def right_speaker(found: str | None, gold: str | None) -> bool:
    if not gold or not found:
        return not gold and not found
    return same_person(found, gold) or organisation_key(found) == organisation_key(gold)


def story_speakers(folder: Path) -> tuple[int, int, list[str]]:
    gold = yaml.safe_load(Path(f"{folder}-gold.yaml").read_text(encoding="utf-8"))
    files = sorted(glob.glob(os.path.join(folder, "[0-9][0-9][0-9]_*")))
    data = to_json_dict(compare(load_story(files)))
    prefix_of = {
        s["id"]: re.search(r"(\d{3})_[0-9a-f]+", os.path.basename(s["path"] or "")).group(1) for s in data["sources"]
    }
    by_outlet: dict[str, list[dict]] = {}
    for q in data["quotes"]:
        by_outlet.setdefault(gold["outlets"].get(prefix_of[q["source"]], "?"), []).append(q)
    met = right = 0
    errors = []
    for gq in gold.get("quotes", []):
        outlets = gq["outlet"] if isinstance(gq["outlet"], list) else [gq["outlet"]]
        snippets = gq.get("snippet_by_outlet") or {o: gq["snippet"] for o in outlets}
        for outlet in outlets:
            snippet = snippets[outlet].lower()
            hit = [q for q in by_outlet.get(outlet, []) if snippet in q["text"].lower().replace("’", "'")]
            if not hit:
                continue
            met += 1
            if right_speaker(hit[0]["speaker"], gq.get("speaker")):
                right += 1
            else:
                errors.append(f"{gq['id']}@{outlet}: {hit[0]['speaker']!r}, gold {gq.get('speaker')!r}")
    return right, met, errors


def main(argv: list[str] | None = None) -> int:
    parser = script_parser(__doc__)
    parser.add_argument("story_dirs", nargs="*", type=Path, metavar="STORY_DIR", help="default: every labelled story")
    story_dirs = parser.parse_args(argv).story_dirs
    if not story_dirs and not STORIES.is_dir():
        print(f"no labelled stories at {STORIES}")
        return 0
    folders = story_dirs or sorted(p for p in STORIES.iterdir() if p.is_dir())
    total_right = total_met = 0
    for folder in folders:
        right, met, errors = story_speakers(folder)
        total_right += right
        total_met += met
        print(f"{folder.name}: {right}/{met}")
        if os.environ.get("SHOW_ERRORS"):
            for line in errors:
                print("  -", line)
    print(f"speakers: {total_right}/{total_met}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
