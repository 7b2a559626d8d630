"""Bad input through the real command line: one line on stderr naming the file, exit 2."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "loading"
GOOD = FIXTURES / "wrapped.txt"
OTHER = FIXTURES / "line_per_paragraph.txt"


def synopsis(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", "sources", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def assert_refused(result: subprocess.CompletedProcess[str], names: str, *problem: str) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert names in lines[0]
    for words in problem:
        assert words in lines[0]
    assert result.stdout == ""
    return lines[0]


def manifest(tmp_path: Path, text: str) -> Path:
    shutil.copy(GOOD, tmp_path / "one.txt")
    shutil.copy(OTHER, tmp_path / "two.txt")
    path = tmp_path / "story.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- files


def test_a_missing_file_is_named(tmp_path):
    assert_refused(synopsis(tmp_path / "gone.txt", GOOD), "gone.txt", "no such file")


def test_a_folder_without_text_files_is_named(tmp_path):
    (tmp_path / "notes.md").write_text("not an article")
    assert_refused(synopsis(tmp_path), tmp_path.name, "no .txt files")


def test_an_empty_file_is_named(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert_refused(synopsis(tmp_path / "empty.txt", GOOD), "empty.txt", "empty file")


def test_a_whitespace_only_file_is_named(tmp_path):
    (tmp_path / "blank.txt").write_text(" \n\t\r\n\u00a0\n", encoding="utf-8")
    assert_refused(synopsis(tmp_path / "blank.txt", GOOD), "blank.txt", "only whitespace")


def test_a_binary_file_is_named(tmp_path):
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert_refused(synopsis(tmp_path / "photo.txt", GOOD), "photo.txt", "binary")


def test_a_file_over_20_mb_is_named_before_it_is_read(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:  # sparse: costs no disk
        handle.truncate(21 * 1024 * 1024)
    assert_refused(synopsis(big, GOOD), "huge.txt", "20 MB")


def test_undecodable_bytes_are_named(tmp_path):
    import random

    noise = bytes(random.Random(7).randrange(0x80, 0x100) for _ in range(400))
    (tmp_path / "noise.txt").write_bytes(noise)
    assert_refused(synopsis(tmp_path / "noise.txt", GOOD), "noise.txt", "undecodable")


def test_the_same_file_twice_on_the_command_line_is_named(tmp_path):
    assert_refused(synopsis(GOOD, OTHER, GOOD.parent / "." / GOOD.name), "wrapped.txt", "listed twice")


def test_a_hostile_file_name_cannot_reach_the_terminal(tmp_path):
    line = assert_refused(synopsis(tmp_path / "evil\x1b[2J\nname.txt", GOOD), "evil", "no such file")
    assert "\x1b" not in line


# ---------------------------------------------------------------- manifests


def test_a_yaml_syntax_error_reports_its_line(tmp_path):
    path = manifest(tmp_path, "title: Floods\nsources:\n  - file: one.txt\n  - file: [two.txt\n")
    assert_refused(synopsis(path), "story.yaml", "YAML syntax error at line 5")


def test_yaml_is_read_safely(tmp_path):
    path = manifest(tmp_path, "title: !!python/object/apply:os.system ['echo pwned']\nsources: [one.txt]\n")
    result = synopsis(path)
    assert_refused(result, "story.yaml", "line 1")
    assert "pwned" not in result.stdout


def test_a_manifest_that_is_not_a_mapping_is_refused(tmp_path):
    path = manifest(tmp_path, "- one.txt\n- two.txt\n")
    assert_refused(synopsis(path), "story.yaml", "line 1", "mapping")


def test_sources_that_are_not_a_list_are_refused(tmp_path):
    path = manifest(tmp_path, "title: Floods\nsources: one.txt\n")
    assert_refused(synopsis(path), "story.yaml", "line 2", "'sources' must be a non-empty list")


def test_an_entry_without_a_file_is_refused_with_its_line(tmp_path):
    path = manifest(tmp_path, "sources:\n  - file: one.txt\n  - outlet: Example Wire\n")
    assert_refused(synopsis(path), "story.yaml", "line 3", "sources[2] has no 'file'")


def test_an_entry_pointing_to_a_missing_file_is_refused_with_its_line(tmp_path):
    path = manifest(tmp_path, "sources:\n  - file: one.txt\n  - file: lost.txt\n")
    assert_refused(synopsis(path), "story.yaml", "line 3", "lost.txt: no such file")


def test_an_unknown_setting_is_refused_with_its_line(tmp_path):
    path = manifest(tmp_path, "sources: [one.txt, two.txt]\nsettings:\n  threshhold: 0.5\n")
    assert_refused(synopsis(path), "story.yaml", "line 3", "unknown setting 'threshhold'")


def test_a_setting_of_the_wrong_type_is_refused_with_its_line(tmp_path):
    path = manifest(tmp_path, "sources: [one.txt, two.txt]\nsettings:\n  threshold: high\n")
    assert_refused(synopsis(path), "story.yaml", "line 3", "'threshold' must be float")


def test_an_unknown_key_in_an_entry_is_refused_with_its_line(tmp_path):
    path = manifest(tmp_path, "sources:\n  - file: one.txt\n    outlett: Typo\n  - two.txt\n")
    assert_refused(synopsis(path), "story.yaml", "line 3", "unknown key in sources[1] 'outlett'")


def test_the_same_file_twice_in_a_manifest_is_refused_with_its_line(tmp_path):
    path = manifest(tmp_path, "sources:\n  - file: one.txt\n  - file: ./one.txt\n")
    assert_refused(synopsis(path), "story.yaml", "line 3", "listed twice")


# ---------------------------------------------------------------- allowed, with a warning


def test_a_single_source_story_is_allowed_with_a_warning():
    result = synopsis(GOOD)
    assert result.returncode == 0
    assert result.stderr.splitlines() == [f"synopsis: warning: only one source ({GOOD}): nothing to compare"]
    assert "wrapped" in result.stdout
