"""Comparison settings on the command line: what the user gives wins over the manifest,
what they leave out stays the manifest's, and every command checks the ones it accepts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import tui.cli.open
from cli_helpers import run_synopsis
from tui.cli.main import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def fuzzy_sentence_story(tmp_path) -> Path:
    """The seed story with a manifest asking for the fuzzy comparator, by sentence, AP as pivot."""
    folder = tmp_path / "story"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns("*.lock", "*.review.yaml"))
    manifest = folder / "story.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text + "settings:\n  comparator: fuzzy\n  granularity: sentence\n  pivot: ap\n", encoding="utf-8"
    )
    return manifest


def exported_settings(*args: str | Path) -> dict:
    result = run_synopsis("export", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["settings"]


def test_the_manifest_settings_apply_when_the_command_line_gives_none(fuzzy_sentence_story):
    settings = exported_settings(fuzzy_sentence_story)
    assert (settings["comparator"], settings["granularity"], settings["pivot"]) == ("fuzzy", "sentence", "ap")


def test_options_equal_to_the_defaults_still_override_the_manifest(fuzzy_sentence_story):
    settings = exported_settings(
        fuzzy_sentence_story, "--comparator", "lexical", "--granularity", "paragraph"
    )
    assert (settings["comparator"], settings["granularity"]) == ("lexical", "paragraph")
    assert settings["pivot"] == "ap"  # not given: the manifest's


@pytest.mark.parametrize("command", ["sources", "quotes"])
@pytest.mark.parametrize(
    ("option", "problem"),
    [
        (["--pivot", "nobody"], "synopsis: --pivot: unknown source 'nobody' (sources: the-guardian, ap, "),
        (["--threshold", "2"], "synopsis: --threshold: must be a number between 0 and 1, not 2"),
        (["--comparator", "telepathy"], "synopsis: --comparator: unknown comparator 'telepathy'"),
    ],
)
def test_commands_that_compare_nothing_still_refuse_bad_settings(command, option, problem):
    result = run_synopsis(command, *option)
    assert result.returncode == 2
    assert result.stderr.startswith(problem)
    assert result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_the_reader_refuses_a_bad_pivot_before_it_starts_comparing(monkeypatch, capsys):
    def never(*args, **kwargs):
        raise AssertionError("comparing started with settings that were never checked")

    monkeypatch.setattr(tui.cli.open, "start_comparing", never)
    assert main(["open", "--pivot", "nobody"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("synopsis: --pivot: unknown source 'nobody'")
    assert err.count("\n") == 1
