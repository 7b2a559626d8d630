"""The README's screenshots show what the reader draws for the seed story today.

Compares the characters of each committed SVG with the same screen drawn now (ids and
colours aside). When the look changes on purpose, `make screenshots` rewrites them all.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from make_screenshots import OUT, SHOTS, screen_text, shoot

REPO = Path(__file__).resolve().parents[2]

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_readme_shows_every_screenshot_the_tool_makes_and_no_other():
    shown = set(re.findall(r"\(screenshots/([\w-]+)\.svg\)", README))
    assert shown == set(SHOTS)
    assert {path.stem for path in OUT.glob("*.svg")} == set(SHOTS)


def test_screen_text_reads_rows_in_place():
    svg = (
        '<text class="t-r1" x="12.2" y="20" textLength="24.4" clip-path="url(#t-line-0)">ab</text>'
        '<text class="t-r2" x="61" y="20" textLength="12.2" clip-path="url(#t-line-0)">c</text>'
        '<text class="t-r1" x="24.4" y="44" textLength="36.6" clip-path="url(#t-line-2)">d&#160;e</text>'
    )
    assert screen_text(svg) == ["ab  c", "", " d e"]


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SHOTS))
async def test_each_readme_screenshot_shows_what_the_reader_draws(name, seed_comparison):
    committed = screen_text((OUT / f"{name}.svg").read_text(encoding="utf-8"))
    drawn = screen_text(await shoot(name, seed_comparison))
    assert drawn, "the screenshot tool read no text from the screen it drew"
    if committed != drawn:
        diff = "\n".join(
            difflib.unified_diff(committed, drawn, "README picture", "drawn now", lineterm="")
        )
        pytest.fail(
            f"screenshots/{name}.svg no longer shows what the reader draws: "
            f"run `make screenshots` and commit the SVGs\n{diff}"
        )
