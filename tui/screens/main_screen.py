"""The main screen: header, sources pane, aligned view, detail pane, footer.

It owns what the reader shows (view, hidden sources, pivot, search) and passes it down
to the widgets; they report cursor moves and requests back as messages.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from time import monotonic

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import Reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import ProgressBar, Static

from comparators import (
    Comparison,
    Group,
    GroupKind,
    QuoteStatus,
    SettingsOverride,
    Story,
    with_pivot,
)
from comparators.collector import collect_the_frozen, kept_with_the_frozen
from comparators.reports.describe import count
from tui.keymap import MAIN_BINDINGS
from tui.messages import (
    ComparisonFailed,
    ComparisonProgressed,
    ComparisonReady,
    CursorMoved,
    SearchRequested,
    ToggleRequested,
)
from tui.screens.copy_open_actions import CopyOpenActions
from tui.screens.outlet_chooser import choose_outlet
from tui.screens.remembered_view import RemembersView
from tui.screens.review_actions import ReviewActions
from tui.state.comparing import STAGE_NAMES, Comparing, start_comparing
from tui.views.layout import VIEW_CYCLE, SearchHit, View, ViewState
from tui.views.lookup import Lookup
from tui.views.render import clean, find_all, outlet, pair_plain
from tui.widgets.aligned_view import AlignedView
from tui.widgets.detail_pane import DetailPane
from tui.widgets.key_footer import KeyFooter
from tui.widgets.search_bar import SearchBar
from tui.widgets.sources_pane import SourcesPane
from tui.widgets.story_header import StoryHeader

NARROW_BELOW = 100  # columns; below this the stack view is the default


class MainScreen(ReviewActions, CopyOpenActions, RemembersView, Screen):
    BINDINGS = MAIN_BINDINGS
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-wide")]
    ALLOW_IN_MAXIMIZED_VIEW = "KeyFooter, SearchBar"  # zoomed (`z`), keys and search stay
    ESCAPE_TO_MINIMIZE = False  # `z` leaves the zoom; escape cancels a search, zoomed or not
    # Textual's `Screen.focused` repaints the whole screen when focus moves (40-50 ms at
    # 200x50); the panes gaining and losing focus repaint themselves, nothing else changes.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    # A pivot change freezes what the reader holds then, cycle garbage to be included (see
    # `kept_with_the_frozen`): without a collection some 25,000 objects a pivot, kept for
    # good. After a pivot change it is collected once no key was pressed for this long,
    # while the user reads (a full pass over everything: 100-300 ms).
    COLLECT_FROZEN_AFTER_S = 1.0

    def __init__(
        self,
        story: Story,
        settings: SettingsOverride | None = None,
        comparison: Comparison | None = None,
        view: View | None = None,
        comparing: Future[Comparison] | None = None,
        review_path: Path | None = None,
        memory_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.review_path = review_path  # None: marks are kept in memory only
        self.memory_path = memory_path  # None: view, pivot... are not remembered
        self.story = story
        self.settings = settings
        self.comparison = comparison
        self.comparing = comparing  # a comparison already under way (see tui/state/comparing.py)
        self.lookup: Lookup | None = None
        self.view: View | None = view  # None: chosen by the terminal's width once compared
        self.last_group_view = View.STACK
        self.hidden: set[str] = set()
        self.pair_partner: str | None = None  # the pair view's other outlet, once chosen
        self.search_term = ""
        self.search_hit: SearchHit | None = None  # the hit n / N is on
        self._hits: tuple[tuple, list[SearchHit]] | None = None  # (what they depend on, the hits)
        self._outlet_rows: dict[str, Text] | None = None  # the outlet choosers' rows, unmarked
        self._search_status: tuple[tuple, str] | None = None  # (what the hits depend on, "match k/N")
        self._cursor_title = ""
        self._title_shown = ""
        self.column_offset = 0
        self._frozen_collection: Timer | None = None  # the collection after a pivot change, pending

    def compose(self) -> ComposeResult:
        yield StoryHeader(id="header")
        yield SourcesPane(id="sources")
        with Vertical(id="loading"):
            yield Static(self._loading_message(), id="loading-message")
            yield ProgressBar(total=None, show_eta=False, show_percentage=False)
        yield AlignedView(id="aligned")
        yield DetailPane(id="detail")
        yield SearchBar(id="search")
        yield KeyFooter(id="footer")

    def _loading_message(self) -> str:
        words = sum(s.words for s in self.story.sources)
        return f"Comparing {len(self.story.sources)} sources ({words:,} words)…"

    @property
    def aligned(self) -> AlignedView:
        return self.query_one(AlignedView)

    @property
    def sources(self) -> SourcesPane:
        return self.query_one(SourcesPane)

    def on_mount(self) -> None:
        self.recall_memory()
        self.query_one(StoryHeader).show(self.story.title, [count(len(self.story.sources), "outlet")])
        self.sources.list_story(self.story)
        self.aligned.display = False
        self.query_one(SearchBar).display = False
        if self.comparison is not None:
            self.post_message(ComparisonReady(self.comparison, Lookup(self.comparison)))
            return
        comparing = self.comparing or start_comparing(self.story, self.settings, process=False)
        if isinstance(comparing, Comparing):
            comparing.on_progress(lambda stage, done: self.post_message(ComparisonProgressed(stage, done)))
        comparing.add_done_callback(self._compared)

    # ------------------------------------------------------------ comparing

    def _compared(self, comparing: Future[Comparison]) -> None:
        """Runs in the thread that finished the comparison: only messages leave it.

        No Textual worker waits for the comparison, so quitting never waits for it."""
        try:
            comparison = comparing.result()
        except Exception as error:
            self.post_message(ComparisonFailed(error))
            return
        self.post_message(ComparisonReady(comparison, Lookup(comparison)))

    def on_comparison_progressed(self, message: ComparisonProgressed) -> None:
        if self.comparison is not None:
            return
        self.query_one(ProgressBar).update(total=1.0, progress=message.done)
        stage = STAGE_NAMES.get(message.stage, message.stage)
        self.query_one("#loading-message", Static).update(f"{self._loading_message()} {stage}")

    def on_comparison_failed(self, message: ComparisonFailed) -> None:
        text = f"Could not compare the story: {message.error}"
        self.query_one("#loading-message", Static).update(Text(text))  # Text: never markup
        self.query_one(ProgressBar).display = False
        self.notify(text, severity="error", timeout=30, markup=False)

    def on_comparison_ready(self, message: ComparisonReady) -> None:
        self.query_one("#loading").display = False
        self.aligned.display = True
        comparison = self.as_remembered(message.comparison, message.lookup.reading)
        lookup = message.lookup if comparison is message.comparison else Lookup(comparison, reordered=message.lookup)
        if self.view is None:
            self.view = View.STACK if self.app.size.width < NARROW_BELOW else View.COLUMNS
        self._apply(comparison, lookup)
        self.aligned.focus()
        # The comparison lives as long as the reader and holds no cycles to collect:
        # keeping it out of the collector's full passes saves a pause on some key presses.
        gc.freeze()

    def _apply(self, comparison: Comparison, lookup: Lookup, group: Group | None = None) -> None:
        self.comparison, self.lookup = comparison, lookup
        self.search_hit = None  # it names a group by its number, which a pivot change renumbers
        group = self.sync_review(comparison, lookup.moved_from) or group
        self.refresh_view(group)
        self.query_one(StoryHeader).show(self.story.title, self.summary_parts())

    def summary_parts(self) -> list[str]:
        """The header's coverage summary; new figures (e.g. review progress) go here."""
        comparison = self.comparison
        kinds = Counter(group.kind for group in comparison.groups)
        parts = [
            count(len(self.story.sources), "outlet"),
            f"{count(len(comparison.groups), 'passage')}: {kinds[GroupKind.SHARED]} in all, "
            f"{kinds[GroupKind.PARTIAL]} in some, {kinds[GroupKind.UNIQUE]} in one",
        ]
        if comparison.quotes:
            unique = sum(q.status == QuoteStatus.UNIQUE for q in comparison.quotes)
            parts.append(f"{count(len(comparison.quotes), 'quote')}, {unique} unique")
        basis = comparison.pivot_reason.split(":")[0]
        parts.append(f"pivot {outlet(self.story, comparison.pivot)}" + (f" ({basis})" if basis else ""))
        if self.hidden:
            parts.append(f"{len(self.hidden)} hidden")
        parts[1:1] = self.review_summary()  # first: it is what a reviewer watches
        return parts

    # ------------------------------------------------------------ state down

    def visible_sources(self) -> tuple[str, ...]:
        pivot = self.comparison.pivot
        others = [s.id for s in self.story.sources if s.id != pivot and s.id not in self.hidden]
        return (pivot, *others)

    def partner(self, visible: tuple[str, ...]) -> str | None:
        """The pair view's other outlet: the one chosen (`c`) while shown, else the first shown."""
        if self.pair_partner in visible[1:]:
            return self.pair_partner
        return visible[1] if len(visible) > 1 else None

    def refresh_view(self, group: Group | None = None) -> None:
        if self.lookup is None:
            return
        visible = self.visible_sources()
        state = ViewState(
            lookup=self.lookup,
            view=self.view,
            visible=visible,
            partner=self.partner(visible),
            search=self.search_term,
            search_hit=self.search_hit,
            column_offset=self.column_offset,
            marks=self.review_marks(),
        )
        self.aligned.show(state, group)
        self.sources.fill(self.lookup, set(visible), self.comparison.pivot)
        # Now, not when the view's `CursorMoved` arrives (which then changes nothing):
        # the new title and detail are drawn in the frame that draws the view.
        self._show_cursor(self.aligned.selected_group, self.aligned.selected_quote)

    def on_cursor_moved(self, message: CursorMoved) -> None:
        self._show_cursor(message.group, message.quote)

    def _show_cursor(self, group: int | None, quote_index: int | None) -> None:
        """The detail pane and the aligned view's title for the group (quote) selected."""
        if self.lookup is None:
            return
        quote = self.lookup.quotes[quote_index] if quote_index is not None else None
        mark = self.review_mark_at(group)
        self.query_one(DetailPane).show(self.lookup, group, quote, mark, self.visible_sources())
        # Titles are set only when they change: a new title repaints the whole widget.
        # Where the cursor is goes in the aligned view's title: the detail pane may be hidden.
        items, position = self.aligned.items(), self.aligned.cursor + 1
        if quote_index is not None:
            where = f"quote {position}/{len(items)}"
        elif self.view == View.DISAGREEMENTS and items:
            where = f"{self.lookup.discrepancies[items[self.aligned.cursor]].id} · {position}/{len(items)}"
        elif group is not None:
            where = f"{self.lookup.groups[group].id} · {position}/{len(items)}"
        else:
            where = ""
        self._cursor_title = self.view.value.capitalize() + (f" · {where}" if where else "")
        self._show_title()

    def _show_title(self) -> None:
        """The aligned view's title: where the cursor is, then which search hit `n` / `N`
        are on while the hits still count the same (the pane has no bottom border)."""
        title = self._cursor_title
        if self._search_status is not None and self._search_status[0] == self._hits_key():
            title += f" · {self._search_status[1]}"
        if self._title_shown != title:  # a new title repaints the whole widget
            self._title_shown = title
            self.aligned.border_title = Text(title)  # Text: the search term is never markup

    def dialog_opening(self) -> None:
        """A dialog is about to cover the screen: its keys, not these (see `SynopsisApp.push_screen`)."""
        for footer in self.query(KeyFooter):
            footer.clear_keys()

    def on_screen_suspend(self) -> None:
        self.query_one(KeyFooter).refresh_keys()  # a dialog on top: its keys, not these

    def on_screen_resume(self) -> None:
        self.query_one(KeyFooter).refresh_keys()

    # ------------------------------------------------------------ actions (see keymap.py)

    def footer_context(self) -> str:
        """Which `FOOTER_KEYS` the footer shows: the sources pane's, else the view's."""
        if self.focused is self.sources:
            return "sources"
        if self.focused is not None and self.query_one(SearchBar) in self.focused.ancestors_with_self:
            return "search"  # its prompt says what enter and escape do
        return self.view.value if self.view is not None else ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_group":
            return self.view in (View.QUOTES, View.DISAGREEMENTS)
        if action == "choose_partner":
            return self.view == View.PAIR
        return True

    def action_move(self, delta: int) -> None:
        self.aligned.move(delta)

    def action_step(self, direction: int) -> None:
        self.aligned.step(direction)

    def action_toggle_scores(self) -> None:
        detail = self.query_one(DetailPane)
        detail.show_scores = not detail.show_scores
        self.post_message(CursorMoved(self.aligned.selected_group, self.aligned.selected_quote))
        self.notify("Matching scores shown." if detail.show_scores else "Matching scores hidden.", timeout=2)

    def action_scroll_lines(self, lines: int) -> None:
        self.aligned.scroll_lines(lines)

    def action_zoom(self) -> None:
        """Maximise the aligned view, or restore the panes."""
        if self.maximized is not None:
            self.minimize()
        else:
            self.maximize(self.aligned, container=False)
            self.aligned.focus()

    def _watch_maximized(self, previously_maximized: Widget | None, maximized: Widget | None) -> None:
        """Textual's marks the screen `-maximized-view` (and the widget `-maximized`) for
        its CSS that centres a zoomed widget smaller than the screen; a class on the screen
        restyles every widget (15 ms at 200x50). The zoomed aligned view fills the screen,
        so the zoom is only the screen's arrangement (`maximized`)."""

    def action_page(self, direction: int) -> None:
        self.aligned.page(direction)

    def action_edge(self, direction: int) -> None:
        self.aligned.edge(direction)

    def action_jump(self, what: str, direction: int) -> None:
        if self.lookup is None:
            return
        lookup = self.lookup
        shown = set(self.visible_sources())
        predicate: Callable[[int], bool]
        if self.view == View.QUOTES and what == "discrepancy":
            # A quote in a group whose outlets disagree.
            def predicate(qi: int) -> bool:
                group_index = lookup.quote_group.get(lookup.quotes[qi].id)
                return group_index is not None and lookup.group_matches(group_index, what, shown)
        elif self.view == View.QUOTES:
            predicate = lambda qi: lookup.quote_matches(lookup.quotes[qi], what)  # noqa: E731
        elif self.view == View.DISAGREEMENTS:
            predicate = lambda di: what == "discrepancy" or (  # noqa: E731
                lookup.discrepancy_group[di] is not None
                and lookup.group_matches(lookup.discrepancy_group[di], what, shown)
            )
        else:
            predicate = lambda gi: lookup.group_matches(gi, what, shown)  # noqa: E731
        if not self.aligned.find(predicate, direction):
            names = {
                "change": "edited copy, disagreement or unique or reworded quote",
                "unique": "passage only one outlet has",
                "quote": "unique or reworded quote",
                "discrepancy": "group where outlets disagree",
            }
            where = "below" if direction > 0 else "above"
            self.notify(f"No {names[what]} {where}.", timeout=2)

    def action_cycle_view(self) -> None:
        if self.lookup is None:
            return
        self.view = VIEW_CYCLE[(VIEW_CYCLE.index(self.view) + 1) % len(VIEW_CYCLE)]
        if self.view in (View.COLUMNS, View.STACK, View.PAIR):
            self.last_group_view = self.view
        self.refresh_view()
        self.refresh_bindings()

    def action_open_group(self) -> None:
        group = self.aligned.selected_group_object()
        self.view = self.last_group_view
        self.refresh_view(group)
        self.refresh_bindings()

    def action_scroll_columns(self, direction: int) -> None:
        offset = self.aligned.column_offset_after(direction)
        if offset is not None:
            self.column_offset = offset
            self.refresh_view()
        elif self.view == View.COVERAGE:
            self.aligned.scroll_sideways(direction)

    def action_toggle_source(self, number: int) -> None:
        if number <= len(self.story.sources):
            self.toggle_source(self.story.sources[number - 1].id)
        elif self.lookup is not None:
            self.notify(f"No source {number}: the story has {count(len(self.story.sources), 'source')}.", timeout=2)

    def on_toggle_requested(self, message: ToggleRequested) -> None:
        self.toggle_source(message.source_id)

    def toggle_source(self, source_id: str) -> None:
        if self.lookup is None:
            return
        name = outlet(self.story, source_id)
        if source_id == self.comparison.pivot:
            self.notify(f"{name} is the pivot; make another source the pivot (p) first.", timeout=3, markup=False)
            return
        if source_id in self.hidden:
            self.hidden.discard(source_id)
        else:
            self.hidden.add(source_id)
        self.refresh_view()
        self.query_one(StoryHeader).show(self.story.title, self.summary_parts())

    def outlet_choices(self, source_ids: list[str]) -> list[tuple[str, Text]]:
        """Chooser rows: the outlet's number (its `1`-`9` key), name, and pivot or hidden mark."""
        if self._outlet_rows is None:  # the story's outlets do not change: 400 rows made once
            self._outlet_rows = {
                source.id: Text(f"{n:>2}  {outlet(self.story, source.id)}")
                for n, source in enumerate(self.story.sources, start=1)
            }
        rows = []
        for source_id in source_ids:
            row = self._outlet_rows[source_id]  # the chooser copies a row to draw it
            if source_id == self.comparison.pivot:
                row = row + Text("  ★ pivot", style="bold")
            elif source_id in self.hidden:
                row = row + Text("  ○ hidden", style="dim")
            rows.append((source_id, row))
        return rows

    def action_pivot(self) -> None:
        """Choose the pivot in a list (starting on the sources pane's row when it has focus)."""
        if self.lookup is None:
            return
        start = self.sources.focused_source if self.focused is self.sources else self.comparison.pivot
        choices = self.outlet_choices([s.id for s in self.story.sources])
        choose_outlet(self.app, "Pivot: whose order to follow", choices, start, self.pivot_to)

    def pivot_to(self, source_id: str | None) -> None:
        if source_id is None or self.lookup is None:
            return
        name = outlet(self.story, source_id)
        if source_id == self.comparison.pivot:
            self.notify(f"{name} is already the pivot.", timeout=2, markup=False)
            return
        group = self.aligned.selected_group_object()
        # Reordering builds and drops tens of thousands of small objects, none in a cycle:
        # a full pass of the cycle collector over a 400-outlet reader costs as much again,
        # and what it keeps is kept as long as the comparison frozen when it was shown.
        with kept_with_the_frozen():
            comparison = with_pivot(self.comparison, source_id, self.lookup.reading)
            self.hidden.discard(source_id)
            self.column_offset = 0
            self._apply(comparison, Lookup(comparison, reordered=self.lookup), group)
        if self._frozen_collection is not None:
            self._frozen_collection.stop()  # another pivot soon after: one collection for both
        self._frozen_collection = self.set_timer(self.COLLECT_FROZEN_AFTER_S, self._collect_frozen)
        self.notify(f"Groups now follow {name}'s order.", timeout=2, markup=False)

    def _collect_frozen(self) -> None:
        idle = monotonic() - self.app.last_input_at
        if idle < self.COLLECT_FROZEN_AFTER_S:  # the user is not reading yet: not while they wait on a key
            self._frozen_collection = self.set_timer(self.COLLECT_FROZEN_AFTER_S - idle, self._collect_frozen)
            return
        self._frozen_collection = None
        collect_the_frozen()

    @property
    def frozen_collection_pending(self) -> bool:
        """A pivot change's frozen garbage still waits for its collection."""
        return self._frozen_collection is not None

    def action_choose_partner(self) -> None:
        """The pair view's other outlet, chosen in a list."""
        if self.lookup is None:
            return
        others = [s.id for s in self.story.sources if s.id != self.comparison.pivot]
        if not others:
            return
        current = self.partner(self.visible_sources())
        choose_outlet(self.app, "Compare the pivot with", self.outlet_choices(others), current, self.pair_with)

    def pair_with(self, source_id: str | None) -> None:
        if source_id is None or self.lookup is None:
            return
        self.pair_partner = source_id
        if source_id in self.hidden:
            self.hidden.discard(source_id)
            self.query_one(StoryHeader).show(self.story.title, self.summary_parts())
        self.refresh_view()

    # ------------------------------------------------------------ search

    def action_search(self) -> None:
        self.query_one(SearchBar).open()

    def on_search_requested(self, message: SearchRequested) -> None:
        # Now, not after the next refresh (`focus()`): the bar closing and the focus
        # moving are drawn in one frame, not two.
        self.set_focus(self.aligned)
        if not message.term or self.lookup is None:
            return
        self.search_term = message.term
        self.search_hit = None
        self.aligned.show_search(message.term)  # what is marked changes, not the layout
        self._go_to_match(1, include_current=True)

    def action_search_again(self, direction: int) -> None:
        if not self.search_term:
            self.notify("Nothing to search for yet: press / first.", timeout=2)
            return
        self._go_to_match(direction)

    def matches(self) -> list[SearchHit]:
        """Every hit of the search term, in reading order: (item, source id, k-th hit in
        that source's passage). All sources shown count, also columns scrolled off."""
        key = self._hits_key()
        if self._hits is None or self._hits[0] != key:
            self._hits = (key, self._find_hits(key[3]))
        return self._hits[1]

    def _hits_key(self) -> tuple:
        """What the search hits depend on; the fourth is the sources shown."""
        visible = self.visible_sources() if self.lookup is not None else ()
        return (self.search_term, self.lookup, self.view, visible, self.partner(visible) if visible else None)

    def _find_hits(self, visible: tuple[str, ...]) -> list[SearchHit]:
        term = self.search_term.lower()
        lookup = self.lookup
        found: list[SearchHit] = []
        if self.view == View.QUOTES:
            for qi in self.aligned.items():
                quote = lookup.quotes[qi]
                if term in clean(f"{quote.text} {quote.speaker or ''}").lower():
                    found.append((qi, None, 0))
            return found
        if self.view == View.DISAGREEMENTS:
            for di in self.aligned.items():
                discrepancy = lookup.discrepancies[di]
                words = " ".join([discrepancy.fact] + [v.text for v in discrepancy.values_among(visible)])
                if term in clean(words).lower():
                    found.append((di, None, 0))
            return found
        if self.view == View.PAIR:
            a, b = visible[0], self.partner(visible)
            for gi in self.aligned.items():
                texts = lookup.pair_texts(gi, a, b)
                if any(term in text.lower() for text in texts):
                    plain = pair_plain(*texts)
                    found.extend((gi, None, k) for k in range(len(find_all(plain, term))))
            return found
        counts = lookup.hit_counts(term)  # as drawn; kept: a group may have 400 members
        rank = {source_id: n for n, source_id in enumerate(visible)}
        for gi in self.aligned.items():
            if here := counts[gi]:  # the outlets shown with a hit, in the order shown
                for source_id in sorted((s for s in here if s in rank), key=rank.__getitem__):
                    found.extend((gi, source_id, k) for k in range(here[source_id]))
        return found

    def _go_to_match(self, direction: int, include_current: bool = False) -> None:
        found = self.matches()
        if not found:
            self._show_title()  # a count the title still shows was another term's: it goes
            term = self.search_term.lower()
            hidden = [
                outlet(self.story, s.id)
                for s in self.story.sources
                if s.id in self.hidden and any(term in p.text.lower() for p in s.paragraphs)
            ]
            where = f" (only in hidden sources: {', '.join(hidden)})" if hidden else ""
            self.notify(f"Not found: {clean(self.search_term)}{where}", severity="warning", timeout=4, markup=False)
            return
        order = {item: n for n, item in enumerate(self.aligned.items())}
        here = self.aligned.cursor
        if self.search_hit in found and order[self.search_hit[0]] == here:
            # on a hit in the selected group: the next hit, wherever it is
            at = found.index(self.search_hit) + direction
            wrapped = not 0 <= at < len(found)
            target = found[at % len(found)]
        else:
            if direction > 0:
                ahead = [m for m in found if order[m[0]] > here or (order[m[0]] == here and include_current)]
            else:
                ahead = [m for m in found if order[m[0]] < here][::-1]
            wrapped = not ahead
            target = ahead[0] if ahead else found[0] if direction > 0 else found[-1]
        if wrapped:
            self.notify("Search wrapped around.", timeout=1.5)
        self._show_hit(target, found.index(target) + 1, len(found))

    def _show_hit(self, hit: SearchHit, number: int, total: int) -> None:
        """Select the hit's item, scroll the columns and lines to it, say which hit it is."""
        self.search_hit = hit
        item, source_id, _ = hit
        offset = self.aligned.column_offset_showing(source_id) if source_id else None
        if offset is not None:
            self.column_offset = offset
            self.refresh_view(self.lookup.groups[item])  # only the columns view scrolls: items are groups
        else:
            self.aligned.show_search_hit(hit)
        self.aligned.select_hit(hit)
        self._search_status = (self._hits_key(), f"/{clean(self.search_term)}: match {number}/{total}")
        self._show_title()
