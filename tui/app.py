"""The reader (placeholder: lists the sources)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from comparators import Settings, Story, compare


class SynopsisApp(App):
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, story: Story, settings: Settings | None = None) -> None:
        super().__init__()
        self.story = story
        self.comparison = compare(story, settings)

    def compose(self) -> ComposeResult:
        yield Header()
        for source in self.story.sources:
            yield Static(f"{source.id}  {source.outlet}", markup=False)
        yield Footer()


def make_app(story: Story, settings: Settings | None = None) -> SynopsisApp:
    return SynopsisApp(story, settings)
