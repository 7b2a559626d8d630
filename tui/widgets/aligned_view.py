"""The aligned view: groups (or quotes) as lines, drawn with the Line API.

Only visible lines are rendered; each block's strips are cached, so moving the cursor
over a 2,000-group story redraws a screenful, not the story. The screen sets `state`
(attributes down); the view posts `CursorMoved` when the selection changes (messages
up). It never computes alignments: it lays out what the `Comparison` holds.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import replace

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.color import Color
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from comparators import Group
from comparators.model import Mark
from tui.messages import CursorMoved
from tui.views.layout import GROUP_VIEWS, Layout, SearchHit, View, ViewState
from tui.views.layouts import make_layout
from tui.views.styles import STYLES, Palette, aligned_view_css

class AlignedView(ScrollView, can_focus=True, inherit_bindings=False):
    """Keys are the screen's: this widget only offers cursor and scrolling methods."""

    COMPONENT_CLASSES = {h.css_class for h in STYLES}
    DEFAULT_CSS = aligned_view_css("AlignedView")  # the highlights, from the one table

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.state: ViewState | None = None
        self.layout_: Layout | None = None
        self._offsets: list[int] = []
        self._total = 0
        self._item_blocks: list[int] = []  # block index of each selectable item
        self._items: list[int] = []  # and the item it shows
        self.cursor = 0  # position in _item_blocks
        self._cache: LRUCache[tuple[int, int], list[Strip]] = LRUCache(256)  # (block, part) -> its lines
        self._part_starts: dict[int, tuple[int, ...]] = {}  # block -> first line of each part
        self._selected: tuple[int | None, dict[int, Strip | None]] = (None, {})  # the cursor's block
        self._palette: Palette | None = None
        self._drawn_style: Style | None = None  # the widget's own style the cached lines have
        self._want_group: Group | None = None  # to select once laid out
        self._want_quote: str | None = None  # a quote id, likewise
        self._end_shown: tuple[int, int] | None = None  # (cursor, scroll_y) when a tall block's end was put at the foot
        self._drawing: tuple[Style, int] | None = None  # the widget's style and width during a drawing pass

    # ------------------------------------------------------------ state in

    def show(self, state: ViewState, group: Group | None = None) -> None:
        """Show `state`, keeping `group` (default: the selected group) under the cursor,
        or the selected quote when the quotes view stays."""
        want = group if group is not None else self.selected_group_object()
        if want is None and self.layout_ is None:  # not laid out (no room): the group wanted still
            want = self._want_group
        quote = self.selected_quote
        if quote is not None and group is None and state.view == View.QUOTES:
            self._want_quote = self.state.lookup.quotes[quote].id
        self.state = state
        self._want_group = want
        self._relayout()

    def on_resize(self) -> None:
        if self.layout_ is None or self.layout_.width != self._width():
            if self.layout_ is not None:  # else keep the group `show` asked for
                self._want_group = self.selected_group_object()
            self._relayout()
        elif self._end_shown == (self.cursor, self.scroll_offset.y):  # still at its end: keep it at the foot
            self.call_after_refresh(self._show_cursor_end)
        else:  # only shorter or taller (zoom, a pane shown or hidden): keep the cursor in sight
            self.call_after_refresh(self._scroll_to_cursor)

    def show_marks(self, marks: Mapping[str, Mark]) -> None:
        """New review marks. They change no block's height, so only the lines are
        redrawn (no new layout); the selection is announced again for the detail pane."""
        if self.state is None or self.layout_ is None:
            return
        before = self.state.marks
        self.state = self.layout_.state = replace(self.state, marks=marks)
        if self.state.view in GROUP_VIEWS:  # only the groups whose marks changed are drawn again
            position = self.state.lookup.position
            for group_id in {g for g in before.keys() | marks.keys() if before.get(g) != marks.get(g)}:
                self._forget_item(position.get(group_id))
        else:
            self._cache.clear()
            self._selected = (None, {})
            self.refresh()
        self._announce()

    def show_search(self, term: str) -> None:
        """A new search (no hit chosen yet): words are marked anew, no block's height
        changes, so the layout stays; the same term again redraws only the hit it leaves."""
        if self.state is None or self.layout_ is None:
            return
        if term != self.state.search:
            self.state = self.layout_.state = replace(self.state, search=term, search_hit=None)
            self._cache.clear()
            self._selected = (None, {})
            self.refresh()
        else:
            self.show_search_hit(None)

    def show_search_hit(self, hit: SearchHit | None) -> None:
        """Another current search hit: its style changes, no block's height does."""
        if self.state is None or self.layout_ is None:
            return
        previous = self.state.search_hit
        self.state = self.layout_.state = replace(self.state, search_hit=hit)
        # Only the blocks of the hit left and the hit reached are drawn differently.
        for item in {h[0] for h in (previous, hit) if h is not None}:
            self._forget_item(item)

    def _forget_item(self, item: int | None) -> None:
        """Draw the block showing `item` again, if one does."""
        if item in self._items:
            self._forget_block(self._item_blocks[self._items.index(item)])

    def _forget_block(self, block: int) -> None:
        """Draw `block` again from its layout."""
        for start in self._part_starts.get(block, (0,)):
            self._cache.discard((block, start))
        if self._selected[0] == block:
            self._selected = (None, {})
        self._refresh_block(block)

    def on_mount(self) -> None:
        # A new theme restyles the component classes after `notify_style_update` ran.
        self.watch(self.app, "theme", lambda: self.call_after_refresh(self._restyle), init=False)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._restyle()

    def _restyle(self) -> None:
        drawn_with = (self._palette, self._drawn_style)
        self._palette = None  # a new theme or focus style: colours are read again
        if self.layout_ is not None:
            if drawn_with == (self.palette, self.rich_style):
                return  # zoom, focus elsewhere: the same colours, the lines drawn stay right
            self._drawn_style = self.rich_style
            self.layout_.palette = self.palette
        self._cache.clear()
        self._selected = (None, {})
        self.refresh()

    def _width(self) -> int:
        return self.scrollable_content_region.width

    def _relayout(self) -> None:
        if self.state is None:
            return
        if self._width() <= 0:  # no room (a terminal a column wide): laid out at the next resize,
            self.layout_, self._item_blocks, self._items = None, [], []  # nothing kept of another state
            return
        self.layout_ = make_layout(self.state, self._width(), self.palette)
        blocks = self.layout_.blocks
        offsets, y = [], 0
        for block in blocks:
            offsets.append(y)
            y += block.height
        self._offsets, self._total = offsets, y
        self._item_blocks = [i for i, b in enumerate(blocks) if b.item is not None]
        self._items = [blocks[i].item for i in self._item_blocks]
        self._cache.clear()
        self._part_starts.clear()
        self._selected = (None, {})
        self.virtual_size = Size(self.layout_.content_width, y + self.layout_.ruler_height)
        self.cursor = self._position_for(self._want_group, self._want_quote)
        self._want_group = self._want_quote = None
        self.refresh()
        if self.size:  # scrolled now, so the next frame draws the lines at the cursor once
            self._scroll_to_cursor()
        self.call_after_refresh(self._scroll_to_cursor)  # again once laid out (a first show)
        self._announce()

    def _position_for(self, group: Group | None, quote_id: str | None) -> int:
        if not self._item_blocks:
            return 0
        lookup = self.state.lookup
        if quote_id is not None and self.state.view == View.QUOTES:
            for position, item in enumerate(self._items):
                if lookup.quotes[item].id == quote_id:
                    return position
        target = None
        if group is not None:
            target = next((i for i, g in enumerate(lookup.groups) if g.members == group.members), None)
        if self.state.view not in GROUP_VIEWS:
            if target is None:
                return 0
            for position, item in enumerate(self._items):
                group_index = self._group_of(item)
                if group_index is not None and group_index >= target:
                    return position
            return len(self._item_blocks) - 1
        if target is None:
            return 0
        return min(bisect_right(self._items, target - 1), len(self._items) - 1)

    @property
    def palette(self) -> Palette:
        if self._palette is None:
            self._palette = Palette(**{h.name: self._component_style(h.css_class) for h in STYLES})
        return self._palette

    def _component_style(self, css_class: str) -> Style:
        """The class's Rich style, a translucent colour ("$foreground 65%") blended with
        the background as the terminal cannot."""
        style = self.get_component_rich_style(css_class, partial=True)
        styles = self.get_component_styles(css_class)
        color, background = styles.color, self.rich_style.bgcolor
        if styles.has_rule("color") and color.a < 1 and background is not None:
            style += Style(color=(Color.from_rich_color(background) + color).rich_color)
        return style

    # ------------------------------------------------------------ what is selected

    def items(self) -> list[int]:
        """Item of each selectable block: group indices, or quote (discrepancy) indices in
        the quotes (disagreements) view."""
        return self._items

    @property
    def selected_item(self) -> int | None:
        return self._items[self.cursor] if self._items else None

    @property
    def selected_quote(self) -> int | None:
        if self.state is None or self.state.view != View.QUOTES:
            return None
        return self.selected_item

    @property
    def selected_group(self) -> int | None:
        """Index of the selected group in the comparison (the quote's or discrepancy's group
        in the quotes and disagreements views)."""
        item = self.selected_item
        if item is None:
            return None
        return self._group_of(item)

    def _group_of(self, item: int) -> int | None:
        """The group index of an item: itself, its quote's group or its discrepancy's."""
        if self.state.view in GROUP_VIEWS:
            return item
        if self.state.view == View.DISAGREEMENTS:
            return self.state.lookup.discrepancy_group[item]
        quote = self.state.lookup.quotes[item]
        return self.state.lookup.quote_group.get(quote.id)

    def selected_group_object(self) -> Group | None:
        if self.layout_ is None or self.state is None:
            return None
        index = self.selected_group
        return self.state.lookup.groups[index] if index is not None else None

    # ------------------------------------------------------------ moving

    def _viewport_height(self) -> int:
        ruler = self.layout_.ruler_height if self.layout_ else 0
        return max(1, self.scrollable_content_region.height - ruler)

    def select(self, position: int, scroll: bool = True) -> None:
        if not self._item_blocks:
            return
        position = max(0, min(position, len(self._item_blocks) - 1))
        if position != self.cursor:
            old = self._item_blocks[self.cursor]
            self.cursor = position
            self._refresh_block(old)  # only the two blocks change, unless we scroll
            self._refresh_block(self._item_blocks[position])
            self._announce()
        if scroll:
            self._scroll_to_cursor()

    def move(self, delta: int) -> None:
        self.select(self.cursor + delta)

    def _cursor_span(self) -> tuple[int, int]:
        """First line and height of the cursor's block."""
        block = self._item_blocks[self.cursor]
        return self._offsets[block], self.layout_.blocks[block].height

    def step(self, direction: int) -> None:
        """`j`/`k` as in `less`: a line at a time through a group taller than the pane,
        else to the next (previous) item; a tall previous group shows from its end."""
        if not self._item_blocks:
            return
        top, height = self._cursor_span()
        view_top, view_height = self.scroll_offset.y, self._viewport_height()
        on_screen = top < view_top + view_height and top + height > view_top
        if on_screen and height > view_height:
            if direction > 0 and top + height > view_top + view_height:
                self.scroll_to(y=view_top + 1, animate=False)
                return
            if direction < 0 and top < view_top:
                self.scroll_to(y=view_top - 1, animate=False)
                return
        before = self.cursor
        self.select(self.cursor + direction, scroll=False)
        top, height = self._cursor_span()
        if direction < 0 and self.cursor != before and height > view_height:
            self._show_cursor_end()
        else:
            self._scroll_to_cursor()

    def _show_cursor_end(self) -> None:
        """The cursor's block with its last line at the pane's foot. The group now
        selected may show or hide a line of the panes around, so `on_resize` does it
        again at the pane's new height unless the view has moved since."""
        top, height = self._cursor_span()
        self.scroll_to(y=max(0, top + height - self._viewport_height()), animate=False)
        self._end_shown = (self.cursor, self.scroll_offset.y)

    def scroll_lines(self, lines: int) -> None:
        """`ctrl+e`/`ctrl+y`: scroll by lines; the cursor follows when its item leaves the pane."""
        if not self._item_blocks:
            return
        view_height = self._viewport_height()
        view_top = max(0, min(self.scroll_offset.y + lines, self._total - view_height))
        self.scroll_to(y=view_top, animate=False)
        top, height = self._cursor_span()
        if top + height <= view_top:  # left above: the first item still on screen
            position = next(
                (n for n, b in enumerate(self._item_blocks)
                 if self._offsets[b] + self.layout_.blocks[b].height > view_top),
                self.cursor,
            )
            self.select(position, scroll=False)
        elif top >= view_top + view_height:  # left below: the last item still on screen
            tops = [self._offsets[b] for b in self._item_blocks]
            self.select(max(0, bisect_right(tops, view_top + view_height - 1) - 1), scroll=False)

    def on_click(self, event: events.Click) -> None:
        """A click selects the group (quote, discrepancy) under the pointer."""
        offset = event.get_content_offset(self)
        if offset is None or self.layout_ is None or not self._item_blocks:
            return
        self.focus()
        # The rounded offset, as `render_line` draws: a dragged scrollbar leaves part lines.
        line = self.scroll_offset.y + offset.y - self.layout_.ruler_height
        if offset.y < self.layout_.ruler_height or not 0 <= line < self._total:
            return
        block = bisect_right(self._offsets, line) - 1
        position = bisect_right(self._item_blocks, block) - 1
        if position >= 0 and self._item_blocks[position] == block:
            self.select(position, scroll=False)

    def edge(self, direction: int) -> None:
        if not self._item_blocks:
            return
        if direction < 0:
            self.select(0)
            return
        self.select(len(self._item_blocks) - 1)
        last = self._item_blocks[-1]
        if last < len(self._offsets) - 1:  # show what follows the last item (a legend, a matrix)
            top = self._offsets[last]
            bottom = self._total - self._viewport_height()
            self.scroll_to(y=max(self.scroll_offset.y, min(top, bottom)), animate=False)

    def page(self, direction: int) -> None:
        if not self._item_blocks:
            return
        height = self._viewport_height()
        top = self.scroll_offset.y
        new_top = max(0, min(top + direction * height, self._total - height))
        if new_top == top:
            self.edge(direction)
            return
        tops = [self._offsets[b] for b in self._item_blocks]
        # the first item starting on the new page, else the one running through it
        position = bisect_right(tops, new_top - 1)
        if position >= len(tops) or tops[position] >= new_top + height:
            position = max(0, position - 1)
        self.scroll_to(y=new_top, animate=False)
        self.select(position, scroll=False)

    def find(self, predicate, direction: int) -> bool:
        """Select the next item (in `direction`) for which `predicate(item)` holds."""
        items = self.items()
        positions = (
            range(self.cursor + 1, len(items)) if direction > 0 else range(self.cursor - 1, -1, -1)
        )
        for position in positions:
            if predicate(items[position]):
                self.select(position)
                return True
        return False

    def select_item(self, item: int, source_id: str | None = None) -> bool:
        """Select `item` and, when given, scroll the passage of `source_id` into view."""
        items = self.items()
        if item not in items:
            return False
        self.select(items.index(item))
        if source_id is not None:
            block = self._item_blocks[self.cursor]
            anchors = dict(self.layout_.blocks[block].anchors)
            if source_id in anchors:
                self._scroll_into_view(self._offsets[block] + anchors[source_id])
        return True

    def select_hit(self, hit: SearchHit) -> None:
        """Select the hit's item and scroll its line into view."""
        item, source_id, k = hit
        if not self.select_item(item):
            return
        block = self._item_blocks[self.cursor]
        self._scroll_into_view(self._offsets[block] + self.layout_.hit_line(block, source_id, k))

    def _scroll_into_view(self, line: int) -> None:
        """Scroll so `line` shows (a line of context above it) unless it shows already."""
        if not self.scroll_y <= line < self.scroll_y + self._viewport_height():
            self.scroll_to(y=max(0, line - 1), animate=False)

    def column_offset_showing(self, source_id: str) -> int | None:
        """The columns view's column offset that shows `source_id`, None when it shows already."""
        layout = self.layout_
        if self.state is None or self.state.view != View.COLUMNS or source_id in layout.columns:
            return None
        others = self.state.visible[1:]
        if source_id not in others:
            return None
        shown = len(layout.columns) - 1
        index = others.index(source_id)
        return index if index < layout.offset else index - shown + 1

    def column_offset_after(self, direction: int) -> int | None:
        """The columns view's next column offset sideways, None when nothing more is hidden."""
        layout = self.layout_
        if self.state is None or self.state.view != View.COLUMNS:
            return None
        if (direction < 0 and layout.hidden_left) or (direction > 0 and layout.hidden_right):
            return layout.offset + direction
        return None

    def scroll_sideways(self, direction: int) -> None:
        self.scroll_to(x=max(0, self.scroll_x + 8 * direction), animate=False)

    def _scroll_to_cursor(self) -> None:
        if not self._item_blocks:
            return
        top, height = self._cursor_span()
        view_top, view_height = self.scroll_offset.y, self._viewport_height()
        if height >= view_height:
            # A block taller than the pane stays where it is scrolled to inside it
            # (a search hit further down), else it shows from its top.
            if not top <= view_top < top + height:
                self.scroll_to(y=top, animate=False)
        elif top < view_top:
            self.scroll_to(y=top, animate=False)
        elif top + height > view_top + view_height:
            self.scroll_to(y=top + height - view_height, animate=False)

    def _announce(self) -> None:
        self.post_message(CursorMoved(self.selected_group, self.selected_quote))

    # ------------------------------------------------------------ drawing

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual works `rich_style` out from every ancestor's styles at each call (and
        # the region from the scrollbars'): once a pass, not once a line.
        self._drawing = (self.rich_style, self._width())
        try:
            return super().render_lines(crop)
        finally:
            self._drawing = None

    def _style_and_width(self) -> tuple[Style, int]:
        return self._drawing or (self.rich_style, self._width())

    def render_line(self, y: int) -> Strip:
        style, width = self._style_and_width()
        layout = self.layout_
        if layout is None:
            return Strip.blank(width, style)
        scroll_x, scroll_y = self.scroll_offset
        if y < layout.ruler_height:
            ruler = layout.ruler()
            return self._strip(ruler).crop_extend(scroll_x, scroll_x + width, style)
        line = scroll_y + y - layout.ruler_height
        if line >= self._total or not self._offsets:
            return Strip.blank(width, style)
        block = bisect_right(self._offsets, line) - 1
        strip = self._line_strip(block, line - self._offsets[block])
        if strip is None:
            strip = Strip.blank(width)
        return strip.crop_extend(scroll_x, scroll_x + width, style)

    def _line_strip(self, block: int, index: int) -> Strip | None:
        """Line `index` of `block`; in the cursor's block, with the cursor's head line
        and gutter, each line made as it is drawn (a tall block is hundreds of lines)."""
        if not self._item_blocks or self._item_blocks[self.cursor] != block:
            return self._plain_strip(block, index)
        if self._selected[0] != block:
            self._selected = (block, {})
        lines = self._selected[1]
        if index not in lines:
            if index == 0:
                lines[index] = self._strip(self.layout_.head_line(block, True))
            else:
                plain = self._plain_strip(block, index)
                gutter = self._strip(self.layout_.gutter(True))
                lines[index] = None if plain is None else Strip.join([gutter, plain.crop(1, plain.cell_length)])
        return lines[index]

    def _plain_strip(self, block: int, index: int) -> Strip | None:
        """Line `index` of `block` unselected, from the cache of the block's parts."""
        starts = self._part_starts.get(block)
        if starts is None:
            starts = self._part_starts[block] = self.layout_.part_starts(block)
        start = starts[bisect_right(starts, index) - 1]
        strips = self._cache.get((block, start))
        if strips is None:
            strips = [self._strip(line) for line in self.layout_.render_part(block, start)]
            self._cache[(block, start)] = strips
        return strips[index - start] if index - start < len(strips) else None

    def _refresh_block(self, block: int) -> None:
        ruler = self.layout_.ruler_height if self.layout_ else 0
        self.refresh_lines(self._offsets[block] + ruler, self.layout_.blocks[block].height)

    def _strip(self, text: Text) -> Strip:
        segments = list(text.render(self.app.console))
        return Strip(Segment.apply_style(segments, self._style_and_width()[0]), text.cell_len)

    def visible_text(self) -> str:
        """The lines on screen as plain text (tests and screen readers)."""
        height = self.scrollable_content_region.height
        return "\n".join(self.render_line(y).text for y in range(height))

