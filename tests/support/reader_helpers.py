"""Shared helpers of the reader tests: open the app on a story and read the screen as text."""

from __future__ import annotations

import html
import random
from pathlib import Path
import re
from dataclasses import dataclass

from rich.cells import cell_len

from comparators import Comparison, Group, GroupKind, Member, Paragraph, Settings, Source, Story
from comparators.model import Rewording
from tui.keymap import UserKeymap

NO_KEYMAP = UserKeymap({})


_SVG_TEXT = re.compile(
    r'<text [^>]*?x="([\d.]+)"[^>]*?textLength="([\d.]+)"[^>]*?clip-path="url\(#[^)]*-line-(\d+)\)"[^>]*>(.*?)</text>'
)


SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def screen_text(app) -> str:
    """What the terminal shows, as plain text (one line per row, dialogs over their screen).

    Read from Textual's public `export_screenshot()`: its SVG places each run of text at a
    column (`x` over the cell width) on a row (the line it is clipped to)."""
    width, height = app.size
    rows: list[dict[int, str]] = [{} for _ in range(height)]
    for x, length, row, escaped in _SVG_TEXT.findall(app.export_screenshot()):
        text = html.unescape(escaped).replace("\xa0", " ")  # the SVG writes spaces as nbsp
        cell_width = float(length) / len(text)
        rows[int(row)][round(float(x) / cell_width)] = text
    lines = []
    for runs in rows:
        line = ""
        for column in sorted(runs):
            line += " " * (column - cell_len(line)) + runs[column]
        lines.append(line + " " * (width - cell_len(line)))
    return "\n".join(lines) + "\n"


@dataclass(frozen=True, slots=True)
class Notice:
    message: str
    severity: str


def record_notifications(app) -> list[Notice]:
    """Every notification `app` shows from now on, in order: the list fills as the app
    runs (the app's public `notify`, which screens and widgets call too, is wrapped)."""
    shown: list[Notice] = []
    notify = app.notify

    def recording(message, *args, **kwargs):
        shown.append(Notice(str(message), kwargs.get("severity", "information")))
        return notify(message, *args, **kwargs)

    app.notify = recording
    return shown


async def ready(app, pilot, timeout: float = 30.0) -> None:
    """Wait until the comparison is shown."""
    waited = 0.0
    while getattr(app.screen, "lookup", None) is None and waited < timeout:
        await pilot.pause(0.02)
        waited += 0.02
    for _ in range(3):
        await pilot.pause()


def source_id(name: str) -> str:
    return name.lower().replace(" ", "-")


def tiny_story(texts: dict[str, list[str]], title: str = "A tiny story") -> Story:
    """A story of the given outlets (name -> paragraphs), ids made from the names."""
    sources = tuple(
        Source(
            id=source_id(name),
            outlet=name,
            path=None,
            paragraphs=tuple(Paragraph(i, text, i * 2 + 1) for i, text in enumerate(paragraphs)),
            date="2016-08-16",
        )
        for name, paragraphs in texts.items()
    )
    return Story(title=title, sources=sources)


WORDS = (
    "minister airbase bombers strike ministry statement officials defence Tuesday "
    "Hamadan Syria Iran Russia targets Aleppo Idlib coalition mission aircraft talks "
    "ceasefire agency reported confirmed denied spokesman rebels forces command"
).split()


def synthetic_comparison(n_sources: int, n_groups: int, seed: int = 0) -> Comparison:
    """A ready comparison (no alignment run): each group carried by up to five sources,
    every member the same words with one swapped."""
    rng = random.Random(seed)
    names = [f"Outlet {n:03d}" for n in range(n_sources)]
    paragraphs: dict[str, list[str]] = {name: [] for name in names}
    groups = []
    for g in range(n_groups):
        base = [rng.choice(WORDS) for _ in range(rng.randint(18, 45))]
        k = 1 if n_sources == 1 else rng.randint(1, min(n_sources, 5))
        members = []
        for name in sorted(rng.sample(names, k), key=names.index):
            words = list(base)
            words[rng.randrange(len(words))] = rng.choice(WORDS)
            text = " ".join(words).capitalize() + "."
            members.append(Member(source_id(name), len(paragraphs[name]), text))
            paragraphs[name].append(text)
        kind = GroupKind.UNIQUE if k == 1 else GroupKind.SHARED if k == n_sources else GroupKind.PARTIAL
        rewording = None if k == 1 else Rewording.LIGHT
        groups.append(Group(f"g{g + 1}", kind, tuple(members), rewording=rewording))
    story = tiny_story(paragraphs, title=f"Synthetic story, {n_sources} sources")
    pivot = story.sources[0].id
    return Comparison(story, Settings(pivot=pivot), pivot, tuple(groups))
