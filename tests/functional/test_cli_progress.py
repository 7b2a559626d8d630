"""`synopsis export` and `report` show a progress bar on a terminal's stderr for long stories."""

from __future__ import annotations

import io
import json

import pytest

import tui.cli.comparison_progress as comparison_progress
from comparators import load_story
from tui.cli.main import main


class Terminal(io.StringIO):
    """Captured stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def seeds_count_as_long(monkeypatch):
    # The seeds (about a hundred paragraphs) stand in for a long story: the bar is the
    # same, the test stays quick.
    monkeypatch.setattr(comparison_progress, "LONG_STORY", 10)


@pytest.mark.parametrize("command", [["export"], ["report", "--format", "md"]])
def test_a_long_story_shows_its_stages_on_a_terminal(command, seeds_count_as_long, monkeypatch, tmp_path):
    stderr = Terminal()
    monkeypatch.setattr("sys.stderr", stderr)
    output = tmp_path / ("out.json" if command[0] == "export" else "out.md")
    assert main([*command, "-o", str(output)]) == 0
    shown = stderr.getvalue()
    assert "comparing" in shown
    assert all(stage in shown for stage in ("aligning passages", "matching quotes", "finding discrepancies"))
    assert output.stat().st_size > 0
    if command[0] == "export":
        assert json.loads(output.read_text(encoding="utf-8"))["groups"]


def test_redirected_stderr_gets_no_bar(seeds_count_as_long, monkeypatch, tmp_path):
    stderr = io.StringIO()
    monkeypatch.setattr("sys.stderr", stderr)
    assert main(["export", "-o", str(tmp_path / "out.json")]) == 0
    assert "comparing" not in stderr.getvalue()


def test_a_short_story_gets_no_bar_even_on_a_terminal():
    with comparison_progress.comparison_progress(load_story([]), Terminal()) as progress:
        assert progress is None
