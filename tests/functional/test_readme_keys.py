"""The README's keys table says what `tui/keymap.py` binds: every key of the reader is in
it, and every key it names is bound (or is Textual's own: tab, ctrl+p, the mouse)."""

from __future__ import annotations

import re
from pathlib import Path

from tui.keymap import MAIN_BINDINGS, SOURCES_BINDINGS

README = Path(__file__).resolve().parents[2] / "README.md"

# Textual's key names as the README spells them.
SPELLED = {
    "down": "↓", "up": "↑", "left": "←", "right": "→",
    "pagedown": "PgDn", "pageup": "PgUp", "home": "Home", "end": "End",
    "right_square_bracket": "]", "left_square_bracket": "[",
    "apostrophe": "'", "quotation_mark": '"', "slash": "/", "question_mark": "?", "f1": "F1",
}
TEXTUALS_OWN = {"tab", "shift+tab", "ctrl+p"}


def readme_keys_column() -> list[set[str]]:
    """The keys (in backticks) of each row of the table under '### Keys'."""
    section = README.read_text(encoding="utf-8").split("### Keys", 1)[1]
    rows = []
    for line in section.splitlines()[1:]:
        if line.startswith("#"):
            break
        if line.startswith("| ") and not line.startswith("| keys") and not line.startswith("| ---"):
            first_cell = line.split(" | ", 1)[0]
            rows.append(set(re.findall(r"`([^`]+)`", first_cell)))
    return rows


def bound_keys() -> dict[str, set[str]]:
    """Binding id -> its keys as the README spells them."""
    return {
        binding.id: {SPELLED.get(key.strip(), key.strip()) for key in binding.key.split(",")}
        for binding in MAIN_BINDINGS + SOURCES_BINDINGS
    }


def test_every_bound_key_is_in_the_readme_keys_table():
    in_readme = set().union(*readme_keys_column())
    missing = {
        binding_id: keys - in_readme
        for binding_id, keys in bound_keys().items()
        if not binding_id.startswith("toggle_source_") and keys - in_readme
    }
    assert missing == {}
    assert {"1", "9"} <= in_readme  # `1` … `9`: show / hide a source


def test_every_key_the_readme_names_is_bound():
    bound = set().union(*bound_keys().values())
    named = set().union(*readme_keys_column())
    assert named - bound - TEXTUALS_OWN == set()
