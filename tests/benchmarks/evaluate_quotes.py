"""Quote extraction, speaker and status figures of the seeds against the hand labels.

    .venv/bin/python tests/benchmarks/evaluate_quotes.py [STORY_LABELS.yaml STORY...]

Prints extraction precision and recall, speaker accuracy and status accuracy (on
the quotes found that meet a label), precision and recall of the cross-outlet
links (quote, other outlet, shared/variant), quoted terms found, and every
disagreement. With arguments, scores another labelled story the same way.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

from command_line import script_parser  # noqa: E402
from quote_labels import LABELS, load_labels, score  # noqa: E402

from comparators import load_story  # noqa: E402
from comparators.quote_matching import story_quotes  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = script_parser(__doc__)
    parser.add_argument("labels", nargs="?", type=Path, default=LABELS, metavar="STORY_LABELS.yaml",
                        help="default: the seeds' hand labels")
    parser.add_argument("story", nargs="*", metavar="STORY", help="default: the seeds")
    args = parser.parse_args(argv)
    story = load_story(args.story)
    labels = load_labels(args.labels)
    started = time.perf_counter()
    quotes, terms = story_quotes(story)
    elapsed = (time.perf_counter() - started) * 1000
    s = score(quotes, terms, labels)
    link_p = s.links_right / s.links_found if s.links_found else 1.0
    link_r = s.links_right / s.links_labelled if s.links_labelled else 1.0
    print(f"quotes: {s.labelled} labelled, {s.found} found, {s.matched} meet a label")
    print(f"extraction precision {s.precision:.3f}  recall {s.recall:.3f}")
    print(f"speaker accuracy     {s.speaker_accuracy:.3f}  ({s.speaker_right}/{s.matched})")
    print(f"status accuracy      {s.status_accuracy:.3f}  ({s.status_right}/{s.matched})")
    print(f"links precision      {link_p:.3f}  recall {link_r:.3f}  ({s.links_right} right, "
          f"{s.links_found} found, {s.links_labelled} labelled)")
    print(f"quoted terms: {s.terms_right}/{s.terms_labelled} labelled found, {s.terms_found} found")
    print(f"time: {elapsed:.1f} ms")
    for line in s.misses:
        print("  -", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
