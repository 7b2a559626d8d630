"""The reader's keys as data, and the user's overrides.

`MAIN_BINDINGS` is the one place a key is declared: the footer, the help screen and the
command palette are all generated from it. Users remap keys by binding id in
`<config dir>/synopsis/keymap.yaml`, e.g. ``next_group: "down,ctrl+n"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from platformdirs import user_config_path
from textual.binding import Binding

KEYMAP_FILE = "keymap.yaml"


def _b(id: str, key: str, action: str, description: str, show: bool = False) -> Binding:
    return Binding(key, action, description, show=show, id=id)


# Order is the order of the help screen; `FOOTER_KEYS` says which the footer shows.
MAIN_BINDINGS: list[Binding] = [
    _b("step_down", "j", "step(1)", "Next group, or a line down a group taller than the pane"),
    _b("step_up", "k", "step(-1)", "Previous group, or a line up a group taller than the pane"),
    _b("next_group", "down", "move(1)", "Next group"),
    _b("previous_group", "up", "move(-1)", "Previous group"),
    _b("scroll_down", "ctrl+e", "scroll_lines(1)", "Scroll down a line"),
    _b("scroll_up", "ctrl+y", "scroll_lines(-1)", "Scroll up a line"),
    _b("page_down", "space,pagedown", "page(1)", "Page down"),
    _b("page_up", "b,pageup", "page(-1)", "Page up"),
    _b("first_group", "g,home", "edge(-1)", "First group"),
    _b("last_group", "G,end", "edge(1)", "Last group"),
    _b("next_change", "right_square_bracket", "jump('change', 1)", "Next change: copy with a few words edited, a disagreement, a unique or reworded quote"),
    _b("previous_change", "left_square_bracket", "jump('change', -1)", "Previous change"),
    _b("next_unique", "u", "jump('unique', 1)", "Next passage only one outlet has"),
    _b("previous_unique", "U", "jump('unique', -1)", "Previous passage only one outlet has"),
    _b("next_quote", "apostrophe", "jump('quote', 1)", "Next unique or reworded quote"),
    _b("previous_quote", "quotation_mark", "jump('quote', -1)", "Previous unique or reworded quote"),
    _b("next_discrepancy", "d", "jump('discrepancy', 1)", "Next group where outlets disagree"),
    _b("previous_discrepancy", "D", "jump('discrepancy', -1)", "Previous group where outlets disagree"),
    _b("search", "slash", "search", "Search"),
    _b("search_next", "n", "search_again(1)", "Next match"),
    _b("search_previous", "N", "search_again(-1)", "Previous match"),
    _b("cycle_view", "v", "cycle_view", "View"),
    _b("zoom", "z", "zoom", "Zoom: the aligned view alone (again: every pane)"),
    _b("toggle_scores", "s", "toggle_scores", "Show/hide the matching scores (for developers)"),
    _b("scroll_columns_left", "h,left", "scroll_columns(-1)", "Columns left"),
    _b("scroll_columns_right", "l,right", "scroll_columns(1)", "Columns right"),
    _b("open_group", "enter", "open_group", "Open its group: the quote's or disagreement's"),
    _b("choose_partner", "c", "choose_partner", "Compare with: the pair view's other outlet"),
    _b("copy", "y", "copy", "Copy: the passage, quote or disagreement, to the clipboard"),
    _b("open_source", "o", "open_source", "Open: the outlet's web page (or show its address)"),
    *(
        _b(f"toggle_source_{n}", str(n), f"toggle_source({n})", f"Show/hide source {n}")
        for n in range(1, 10)
    ),
    _b("toggle_reviewed", "x", "toggle_reviewed", "Mark the group reviewed (again: not)"),
    _b("toggle_flagged", "f", "toggle_flagged", "Flag the group (again: unflag)"),
    _b("edit_note", "a", "edit_note", "Write a note on the group"),
    _b("next_unreviewed", "r", "next_unreviewed", "Next group not yet reviewed"),
    _b("next_flagged", "F", "next_flagged", "Next flagged group"),
    _b("review_file", "R", "review_file", "Review file: where it is saved, marks left over"),
    _b("undo_mark", "ctrl+z", "undo_mark", "Undo the last mark or note change"),
    _b("redo_mark", "ctrl+r", "redo_mark", "Redo the change ctrl+z undid"),
    _b("pivot", "p", "pivot", "Pivot: choose whose order the groups follow"),
    _b("export", "e", "app.export", "Export"),
    _b("help", "question_mark,f1", "app.help", "Keys"),
    _b("quit", "q", "app.quit", "Quit"),
]

# Bindings of the sources pane, active while it has focus.
SOURCES_BINDINGS: list[Binding] = [
    _b("source_down", "j", "cursor_down", "Next source"),
    _b("source_up", "k", "cursor_up", "Previous source"),
    _b("toggle_focused_source", "enter", "toggle_focused", "Show/hide: the focused source"),
]


_GROUP_KEYS = ("next_change", "search", "cycle_view", "zoom", "copy", "open_source", "pivot", "help", "quit")
# The footer's keys (binding ids) while the sources pane has focus, else in each view:
# what fits at 80 columns; the help screen lists every key. The footer shows a
# description up to its colon ("Copy: the passage…" -> "Copy").
FOOTER_KEYS: dict[str, tuple[str, ...]] = {
    "sources": ("toggle_focused_source", "open_source", "pivot", "help", "quit"),
    "search": (),
    "columns": _GROUP_KEYS,
    "stack": _GROUP_KEYS,
    "coverage": _GROUP_KEYS,
    "pair": ("next_change", "search", "cycle_view", "choose_partner", "copy", "pivot", "help", "quit"),
    "quotes": ("open_group", "next_change", "search", "cycle_view", "copy", "help", "quit"),
    "disagreements": ("open_group", "search", "cycle_view", "copy", "open_source", "help", "quit"),
}


@dataclass(frozen=True, slots=True)
class UserKeymap:
    """The user's overrides (binding id -> keys) and what was wrong with the file."""

    keys: dict[str, str]
    warning: str | None = None


def keymap_path() -> Path:
    return user_config_path("synopsis") / KEYMAP_FILE


def load_user_keymap(path: Path | None = None) -> UserKeymap:
    """Read and validate the user's keymap; a bad file yields a warning, never an error."""
    path = keymap_path() if path is None else path
    if not path.exists():
        return UserKeymap({})
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return UserKeymap({}, f"{path}: cannot read: {error}; using the default keys")
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "not valid YAML"
        return UserKeymap({}, f"{path}{where}: {problem}; using the default keys")
    if data is None:
        return UserKeymap({})
    if not isinstance(data, dict):
        return UserKeymap({}, f"{path}: expected 'binding id: keys' lines; using the default keys")
    known = {b.id for b in MAIN_BINDINGS + SOURCES_BINDINGS}
    keys: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, value in data.items():
        if binding_id not in known:
            problems.append(f"unknown binding id {binding_id!r}")
            continue
        if isinstance(value, list) and value and all(isinstance(k, str) for k in value):
            value = ",".join(value)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{binding_id}: expected a key or a list of keys")
            continue
        keys[binding_id] = value
    notes = ["; ".join(problems) + " (ignored)"] if problems else []
    notes += _clashes(keys)
    return UserKeymap(keys, f"{path}: " + "; ".join(notes) if notes else None)


def _clashes(keys: dict[str, str]) -> list[str]:
    """Keys the overrides give to two bindings of one set (the defaults give none twice):
    only one of the two would answer."""
    clashes = []
    for bindings in (MAIN_BINDINGS, SOURCES_BINDINGS):
        owner: dict[str, str] = {}
        for binding in bindings:
            for key in keys.get(binding.id, binding.key).split(","):
                key = key.strip()
                if key in owner:
                    clashes.append(f"{key!r} is bound to both {owner[key]} and {binding.id}")
                else:
                    owner[key] = binding.id
    return clashes
