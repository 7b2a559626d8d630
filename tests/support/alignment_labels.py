"""The hand-labelled seed links (fixtures/seed_alignment_labels.yaml) and scoring.

Shared by tests/unit/test_alignment.py and tests/benchmarks/evaluate_alignment.py.
Import it as `import alignment_labels` (pytest puts tests/support on `sys.path`): a
top-level `tests` package installed by another wheel can shadow ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import yaml

from comparators import Comparison, Story

LABELS = Path(__file__).resolve().parents[1] / "fixtures" / "seed_alignment_labels.yaml"

Key = tuple[str, int]  # (source id, paragraph index)
Pair = frozenset[Key]


def _normal(text: str) -> str:
    text = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text)


def find_paragraph(story: Story, source_id: str, snippet: str) -> Key:
    """The one paragraph of `source_id` containing `snippet` (ValueError otherwise)."""
    wanted = _normal(snippet)
    hits = [p.index for p in story.source(source_id).paragraphs if wanted in _normal(p.text)]
    if len(hits) != 1:
        raise ValueError(f"{source_id}: snippet {snippet!r} matches {len(hits)} paragraphs")
    return (source_id, hits[0])


@dataclass(frozen=True)
class Labels:
    sure: frozenset[Pair]
    possible: frozenset[Pair]  # includes sure


def load_labels(story: Story, path: Path = LABELS) -> Labels:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    def pairs(entries) -> set[Pair]:
        out: set[Pair] = set()
        for entry in entries or ():
            keys = [find_paragraph(story, s, snippet) for s, snippet in entry.items()]
            out.update(frozenset((a, b)) for a, b in combinations(keys, 2) if a[0] != b[0])
        return out

    sure = pairs(data["sure"])
    return Labels(frozenset(sure), frozenset(sure | pairs(data.get("possible"))))


def predicted_pairs(comparison: Comparison) -> set[Pair]:
    """Every cross-source pair of paragraphs that share a group."""
    out: set[Pair] = set()
    for group in comparison.groups:
        keys = {(m.source, m.paragraph) for m in group.members}
        out.update(frozenset((a, b)) for a, b in combinations(sorted(keys), 2) if a[0] != b[0])
    return out


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    predicted: int
    sure: int


def score(predicted: set[Pair], labels: Labels) -> Score:
    """Precision against sure+possible links, recall against sure links."""
    correct = len(predicted & labels.possible)
    found = len(predicted & labels.sure)
    precision = correct / len(predicted) if predicted else 1.0
    recall = found / len(labels.sure) if labels.sure else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, len(predicted), len(labels.sure))
