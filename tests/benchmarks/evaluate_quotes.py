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

from quote_labels import LABELS, load_labels, score  # noqa: E402

from comparators import load_story  # noqa: E402
from comparators.quote_matching import story_quotes  # noqa: E402


def main(argv: list[str]) -> int:
    labels_path = Path(argv[0]) if argv else LABELS
    story = load_story(argv[1:])
    labels = load_labels(labels_path)
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
    from command_line import command_line

    argv = command_line(__doc__)
    sys.exit(main(argv))
