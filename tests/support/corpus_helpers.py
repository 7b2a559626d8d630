"""Small synthetic corpora on disk, for the batch tests and benchmark.

    corpus = write_corpus(tmp_path / "corpus", stories=3, sources=(3, 4), paragraphs=6)

Each story is a folder holding a `story.yaml` and one `.txt` per source, made by
tests/support/synthetic.py from the seed paragraphs (never the evaluation stories).
Import it as `import corpus_helpers` (pytest puts tests/support on `sys.path`).
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml
from synthetic import synthetic_story


def write_story(folder: Path, n_sources: int, n_paragraphs: int, seed: int) -> Path:
    """A synthetic story as `folder/story.yaml` and its articles; the folder."""
    story = synthetic_story(n_sources, n_paragraphs, seed=seed)
    folder.mkdir(parents=True)
    entries = []
    for source in story.sources:
        name = f"{source.id}.txt"
        (folder / name).write_text("\n\n".join(p.text for p in source.paragraphs) + "\n", encoding="utf-8")
        entries.append({"file": name, "outlet": source.outlet, "title": source.title, "date": source.date})
    manifest = {"title": f"Story {seed}", "sources": entries}
    (folder / "story.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    return folder


def write_corpus(
    folder: Path, stories: int, sources: tuple[int, int] = (3, 4), paragraphs: int = 6, seed: int = 0
) -> Path:
    """`stories` story folders (`story-000`, ...) of `sources` (lowest, highest) sources each."""
    rng = random.Random(seed)
    for number in range(stories):
        write_story(folder / f"story-{number:03d}", rng.randint(*sources), paragraphs, seed=seed + number)
    return folder


def articles_of(corpus: Path) -> list[dict[str, str]]:
    """The corpus as rows of a table of articles: story, outlet, title, date, url, text."""
    rows = []
    for story in sorted(p for p in corpus.iterdir() if p.is_dir()):
        manifest = yaml.safe_load((story / "story.yaml").read_text(encoding="utf-8"))
        for entry in manifest["sources"]:
            rows.append(
                {
                    "story": story.name,
                    "outlet": entry["outlet"],
                    "title": entry["title"],
                    "date": entry["date"],
                    "url": f"https://example.org/{story.name}/{entry['file']}",
                    "text": (story / entry["file"]).read_text(encoding="utf-8"),
                }
            )
    return rows
