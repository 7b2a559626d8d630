"""The sources pane: one row per outlet with its figures, visibility and pivot."""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style
from rich.text import Text
from textual.widgets import DataTable

from comparators import Story
from comparators.html_source import is_web_page
from tui.keymap import SOURCES_BINDINGS
from tui.messages import ToggleRequested
from tui.views.lookup import Lookup, SourceFigures
from tui.views.render import clean, percent

COLUMNS = (
    ("n", "#"),
    ("shown", "show"),
    ("outlet", "outlet"),
    ("date", "date"),
    ("paragraphs", "¶"),
    ("words", "words"),
    ("only_here", "only here"),
    ("unique_quotes", "✱ quotes"),
)
SHOWN, HIDDEN, PIVOT = "●", "○", "★"


class SourcesPane(DataTable):
    """Cells are `Text`, never strings: DataTable would read a string as markup."""

    BINDINGS = SOURCES_BINDINGS

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.border_title = "Sources"
        self._figures: Mapping[str, SourceFigures] | None = None  # the figures the rows show
        self._shown: dict[str, tuple[str, str | Style]] = {}  # source id -> its "shown" cell (text, style)
        for key, label in COLUMNS:
            self.add_column(label, key=key, width=8 if key == "shown" else None)

    def list_story(self, story: Story) -> None:
        """A row per source with what the story alone tells; figures come with `fill`."""
        self.clear()
        self._figures = None
        self._shown = {}
        self._story = story
        pending = Text("…", justify="right", style="dim")
        for n, source in enumerate(story.sources, start=1):
            self.add_row(
                Text(str(n)),
                Text(f"{SHOWN} shown"),
                Text(clean(source.outlet)),
                Text(clean(source.date or "")),
                Text(str(len(source.paragraphs)), justify="right"),
                Text(str(source.words), justify="right"),
                pending,
                pending,
                key=source.id,
            )

    def fill(self, lookup: Lookup, visible: set[str], pivot: str) -> None:
        """Each row's visibility and pivot marks, and the comparison's figures."""
        story = lookup.comparison.story
        if self.row_count != len(story.sources):
            self.list_story(story)
        new_figures = lookup.figures is not self._figures  # a pivot change keeps them
        self._figures = lookup.figures
        for source in story.sources:
            mark = self._mark(source.id, visible, pivot)
            drawn = (mark.plain, mark.style)  # Text's == ignores its style
            if self._shown.get(source.id) != drawn:  # a cell updated repaints: 400 outlets, 400 repaints
                self.update_cell(source.id, "shown", mark)
                self._shown[source.id] = drawn
            if new_figures:
                figures = lookup.figures[source.id]
                self.update_cell(source.id, "only_here", Text(percent(figures.only_here), justify="right"))
                self.update_cell(source.id, "unique_quotes", Text(str(figures.unique_quotes), justify="right"))

    def on_data_table_row_highlighted(self) -> None:
        """Where the source under the cursor came from, in the pane's title, when the story
        holds web pages (a URL or an .html file): their text is the extractor's reading."""
        story = getattr(self, "_story", None)
        source_id = self.focused_source
        if story is None or source_id is None or not any(is_web_page(s) for s in story.sources):
            return
        source = story.source(source_id)
        if source.fetched and source.url:  # fetched now, or kept in a story folder
            origin, fetched = source.url, f" (fetched {source.fetched})"
        else:
            origin, fetched = source.path.name if source.path else source.url, ""
        self.border_title = Text(clean(f"Sources · from {origin}{fetched}"))  # Text: never markup

    @staticmethod
    def _mark(source_id: str, visible: set[str], pivot: str) -> Text:
        if source_id == pivot:
            return Text(f"{PIVOT} pivot", style="bold")
        if source_id in visible:
            return Text(f"{SHOWN} shown")
        return Text(f"{HIDDEN} hidden", style="dim")

    @property
    def focused_source(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def action_toggle_focused(self) -> None:
        if self.focused_source is not None:
            self.post_message(ToggleRequested(self.focused_source))
