"""Which layout draws which view: one module per view beside this one."""

from __future__ import annotations

from tui.views.columns import ColumnsLayout
from tui.views.coverage import CoverageLayout
from tui.views.disagreements import DisagreementsLayout
from tui.views.layout import Layout, View, ViewState
from tui.views.pair import PairLayout
from tui.views.quotes import QuotesLayout
from tui.views.render import Palette
from tui.views.stack import StackLayout

LAYOUTS: dict[View, type[Layout]] = {
    View.COLUMNS: ColumnsLayout,
    View.STACK: StackLayout,
    View.PAIR: PairLayout,
    View.QUOTES: QuotesLayout,
    View.COVERAGE: CoverageLayout,
    View.DISAGREEMENTS: DisagreementsLayout,
}


def make_layout(state: ViewState, width: int, palette: Palette) -> Layout:
    return LAYOUTS[state.view](state, width, palette)
