"""The hand-labelled stories alignment is measured (and the link model fitted) on.

- the seed story, with the project's own labels (tests/fixtures/seed_alignment_labels.yaml);
- every real story in ../shared/eval/stories/ with its `<story>-gold.yaml`, when that
  folder is there (it is not copied into the project: see ../shared/eval/README.md).

Each story comes with a `label(a, b)` for a pair of passages, `(source id, paragraph
index)` each: 1 for a link that must be found, -1 for a related pair (linking it is no
error, missing it neither), 0 for a pair that must not be linked. Scoring follows
../shared/eval/score.py: pairwise precision over every predicted cross-source pair (related
pairs count as right), recall over the links.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import itertools
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
EVAL = ROOT.parent / "shared" / "eval"

from alignment_labels import load_labels

from comparators import Story, load_story
from comparators.model import Group

Key = tuple[str, int]


@dataclass(frozen=True)
class LabelledStory:
    name: str
    story: Story
    label: Callable[[Key, Key], int]
    links: int  # pairs labelled 1
    # For the eval stories, the gold's paragraph ids of each passage (for the scorer).
    ids: dict[Key, list[str]] | None = None
    gold: dict | None = None
    folder: Path | None = None


@dataclass(frozen=True)
class PairScore:
    precision: float
    recall: float
    f1: float


def score_pairs(predicted: Iterable[tuple[Key, Key]], story: LabelledStory) -> PairScore:
    """Precision, recall and F1 of predicted passage pairs, as ../shared/eval/score.py counts them."""
    if story.ids is not None:  # score on the gold's paragraph ids, as the scorer does
        strong, weak = _eval_score_module().gold_pairs(story.gold)
        pairs = set()
        for a, b in predicted:
            for x in story.ids.get(a, ()):
                for y in story.ids.get(b, ()):
                    if x[:3] != y[:3]:
                        pairs.add(frozenset((x, y)))
        right = len(pairs & (strong | weak))
        found = len(pairs & strong)
        total = len(strong)
        count = len(pairs)
    else:
        labels = [story.label(a, b) for a, b in {tuple(sorted(p)) for p in predicted}]
        right = sum(1 for v in labels if v != 0)
        found = sum(1 for v in labels if v == 1)
        total = story.links
        count = len(labels)
    precision = right / count if count else 0.0
    recall = found / total if total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairScore(precision, recall, f1)


def group_pairs(groups: Iterable[Group]) -> set[tuple[Key, Key]]:
    """Every cross-source pair of passages that share a group."""
    out: set[tuple[Key, Key]] = set()
    for group in groups:
        keys = sorted({(m.source, m.paragraph) for m in group.members})
        out.update((a, b) for a, b in itertools.combinations(keys, 2) if a[0] != b[0])
    return out


def labelled_stories(real_only: bool = False) -> list[LabelledStory]:
    """The seed story (unless `real_only`) and every labelled real story found."""
    out = [] if real_only else [_seeds()]
    if (EVAL / "stories").is_dir():
        for folder in sorted(p for p in (EVAL / "stories").iterdir() if p.is_dir()):
            gold = folder.parent / f"{folder.name}-gold.yaml"
            if gold.is_file():
                out.append(_real(folder, gold))
    return out


def _seeds() -> LabelledStory:
    story = load_story([])
    labels = load_labels(story)

    def label(a: Key, b: Key) -> int:
        pair = frozenset((a, b))
        return 1 if pair in labels.sure else -1 if pair in labels.possible else 0

    return LabelledStory("seeds", story, label, len(labels.sure))


def _real(folder: Path, gold_path: Path) -> LabelledStory:
    scorer = _eval_score_module()
    files = sorted(p for p in folder.iterdir() if p.name[:3].isdigit() and p.suffix in (".txt", ".html", ".htm"))
    story = load_story(files)
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    export = {
        "sources": [
            {
                "id": s.id,
                "path": str(s.path),
                "paragraphs": [{"index": p.index, "line": p.line} for p in s.paragraphs],
                "removed": [{"line": r.line} for r in s.removed],
            }
            for s in story.sources
        ]
    }
    ids = scorer.exact_map(export, scorer.load_line_ids(str(folder)))
    strong, weak = scorer.gold_pairs(gold)

    def label(a: Key, b: Key) -> int:
        pairs = {frozenset((x, y)) for x in ids.get(a, ()) for y in ids.get(b, ()) if x[:3] != y[:3]}
        return 1 if pairs & strong else -1 if pairs & weak else 0

    return LabelledStory(folder.name, story, label, len(strong), ids=ids, gold=gold, folder=folder)


def sub_story(story: LabelledStory, source_ids: Collection[str]) -> LabelledStory:
    """`story` cut down to the sources `source_ids` (in the story's order), as if only those
    outlets had covered it: pairs between them keep their labels, and links to an absent
    outlet leave the count (`links`, and for a real story its gold), so they are not missed."""
    wanted = set(source_ids)
    kept = tuple(s for s in story.story.sources if s.id in wanted)
    if len(kept) != len(wanted):
        raise KeyError(f"{story.name} has no source {sorted(wanted - {s.id for s in kept})}")
    cut = dataclasses.replace(story.story, sources=kept)
    name = f"{story.name} [{' '.join(s.id for s in kept)}]"
    if story.ids is None:
        keys = [(s.id, p.index) for s in kept for p in s.paragraphs]
        links = sum(1 for a, b in itertools.combinations(keys, 2) if a[0] != b[0] and story.label(a, b) == 1)
        return LabelledStory(name, cut, story.label, links)
    prefixes = {_eval_score_module().source_prefix({"path": str(s.path)}) for s in kept}
    gold = restricted_gold(story.gold, prefixes)
    ids = {key: found for key, found in story.ids.items() if key[0] in wanted}
    strong, _ = _eval_score_module().gold_pairs(gold)
    return dataclasses.replace(story, name=name, story=cut, links=len(strong), ids=ids, gold=gold)


def restricted_gold(gold: dict, prefixes: Collection[str]) -> dict:
    """The alignment labels of `gold` between the files of `prefixes` only (paragraph ids
    are `PREFIX.INDEX`): clusters keep their present members (and their names, which the
    weak families cite), weak pairs need both ends present."""
    present = set(prefixes)

    def kept(paragraph_id: str) -> bool:
        return paragraph_id.rsplit(".", 1)[0] in present

    clusters = {name: [m for m in members if kept(m)] for name, members in gold["strong_clusters"].items()}
    weak = [pair for pair in gold["weak_pairs"] if all(kept(m) for m in pair)]
    return {**gold, "strong_clusters": clusters, "weak_pairs": weak}


_SCORER = None


def _eval_score_module():
    """../shared/eval/score.py, imported from where it stands (never copied)."""
    global _SCORER
    if _SCORER is None:
        spec = importlib.util.spec_from_file_location("eval_score", EVAL / "score.py")
        _SCORER = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(_SCORER)
    return _SCORER
