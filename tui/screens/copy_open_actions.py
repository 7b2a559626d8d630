"""The main screen's `y` (copy) and `o` (open the web page) keys, as a mixin of `MainScreen`.

Copying goes through Textual's `App.copy_to_clipboard` (OSC 52, so it works over SSH in
terminals that allow it); a page opens with `App.open_url` on a desktop or in a browser
(textual-serve), and its address is shown and copied where no browser can open (SSH).
"""

from __future__ import annotations

import os
import sys

from comparators.fetching import is_url
from tui.browser import opens_a_browser
from tui.screens.outlet_chooser import choose_outlet
from tui.views.clip import discrepancy_text, passage_text, quote_text
from tui.views.layout import View
from tui.views.render import clean, outlet


class CopyOpenActions:
    """Needs the screen's `lookup`, `view`, `story`, `aligned`, `sources`, `visible_sources()`,
    `partner()` and `outlet_choices()`."""

    def action_copy(self) -> None:
        """The selected passage (as each shown outlet prints it), quote or disagreement,
        to the clipboard (OSC 52: works over SSH in terminals that allow it)."""
        if self.lookup is None or self.aligned.selected_item is None:
            return
        item = self.aligned.selected_item
        if self.view == View.QUOTES:
            text, what = quote_text(self.lookup, self.lookup.quotes[item]), "the quote"
        elif self.view == View.DISAGREEMENTS:
            text, what = discrepancy_text(self.lookup, item, self.visible_sources()), "the disagreement"
        else:
            text = passage_text(self.lookup, item, self.sources_on_screen())
            what = f"passage {self.lookup.groups[item].id}"
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {what} ({len(text.split())} words) to the clipboard.", timeout=3, markup=False)

    def sources_on_screen(self) -> tuple[str, ...]:
        """The outlets the view shows: in the pair view the pivot and its partner only."""
        visible = self.visible_sources()
        if self.view == View.PAIR:
            partner = self.partner(visible)
            return (visible[0], partner) if partner else visible[:1]
        return visible

    def selected_sources(self) -> list[str]:
        """The shown outlets of the selected group, quote or disagreement, in story order."""
        item = self.aligned.selected_item
        if item is None:
            return []
        if self.view == View.QUOTES:
            return [self.lookup.quotes[item].source]
        shown = set(self.sources_on_screen())
        if self.view == View.DISAGREEMENTS:
            involved = set(self.lookup.discrepancies[item].sources)
        else:
            involved = set(self.lookup.groups[item].sources)
        return [s.id for s in self.story.sources if s.id in involved and s.id in shown]

    def action_open_source(self) -> None:
        """Open the web page of the selected passage's outlet (a list when several carry it);
        in the sources pane, of the source under its cursor."""
        if self.lookup is None:
            return
        if self.focused is self.sources:
            self.open_source(self.sources.focused_source)
            return
        sources = self.selected_sources()
        if len(sources) == 1:
            self.open_source(sources[0])
        elif sources:
            choose_outlet(self.app, "Open whose page?", self.outlet_choices(sources), sources[0], self.open_source)

    def open_source(self, source_id: str | None) -> None:
        if source_id is None:
            return
        source = self.story.source(source_id)
        name = outlet(self.story, source_id)
        url = clean(source.url or "")
        if not url:
            where = f" (read from {clean(str(source.path))})" if source.path else ""
            self.notify(f"{name} has no web address{where}.", timeout=5, markup=False)
            return
        if is_url(url) and opens_a_browser(os.environ, sys.platform, self.app.is_web):
            self.app.open_url(url)
            self.notify(f"Opening {url}", title=name, timeout=4, markup=False)
            return
        self.app.copy_to_clipboard(url)
        self.notify(f"{url}\n(copied to the clipboard)", title=name, timeout=15, markup=False)
