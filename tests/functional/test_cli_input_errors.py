"""Bad input through the real command line: one line on stderr naming the file, exit 2."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from cli_helpers import run_synopsis
from comparators.review import Review
from comparators.review_store import save_review

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "loading"
GOOD = FIXTURES / "wrapped.txt"
OTHER = FIXTURES / "line_per_paragraph.txt"


def synopsis(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return run_synopsis("sources", *args)


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


def test_a_file_over_2_mb_is_named_before_it_is_read(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:  # sparse: costs no disk
        handle.truncate(3 * 1024 * 1024)
    assert_refused(synopsis(big, GOOD), "huge.txt", "2 MB")


def test_undecodable_bytes_are_named(tmp_path):
    import random

    noise = bytes(random.Random(7).randrange(0x80, 0x100) for _ in range(400))
    (tmp_path / "noise.txt").write_bytes(noise)
    assert_refused(synopsis(tmp_path / "noise.txt", GOOD), "noise.txt", "undecodable")


def test_the_same_file_twice_on_the_command_line_is_named(tmp_path):
    assert_refused(synopsis(GOOD, OTHER, GOOD.parent / "." / GOOD.name), "wrapped.txt", "given twice")


def test_a_hostile_file_name_cannot_reach_the_terminal(tmp_path):
    line = assert_refused(synopsis(tmp_path / "evil\x1b[2J\nname.txt", GOOD), "evil", "no such file")
    assert "\x1b" not in line


# ---------------------------------------------------------------- manifests


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param(
            "title: Floods\nsources:\n  - file: one.txt\n  - file: [two.txt\n",
            ["YAML syntax error at line 5", "flow sequence at line 4"],
            id="YAML syntax error, with its line",
        ),
        pytest.param(
            "title: !!python/object/apply:os.system ['echo pwned']\nsources: [one.txt]\n",
            ["unsupported YAML at line 1"],
            id="YAML is read safely",
        ),
        pytest.param("- one.txt\n- two.txt\n", ["line 1", "mapping"], id="manifest not a mapping"),
        pytest.param(
            "title: Floods\nsources: one.txt\n",
            ["line 2", "'sources' must be a non-empty list"],
            id="sources not a list",
        ),
        pytest.param(
            "sources:\n  - file: one.txt\n  - outlet: Example Wire\n",
            ["line 3", "sources[2] has no 'file'"],
            id="entry without a file",
        ),
        pytest.param(
            "sources:\n  - file: one.txt\n  - file: lost.txt\n",
            ["line 3", "lost.txt: no such file"],
            id="entry pointing to a missing file",
        ),
        pytest.param(
            "sources: [one.txt, two.txt]\nsettings:\n  threshhold: 0.5\n",
            ["line 3", "unknown setting 'threshhold'"],
            id="unknown setting",
        ),
        pytest.param(
            "sources: [one.txt, two.txt]\nsettings:\n  threshold: high\n",
            ["line 3", "'threshold' must be a number or empty, not 'high'"],
            id="setting of the wrong type",
        ),
        pytest.param(
            "sources:\n  - file: one.txt\n    outlett: Typo\n  - two.txt\n",
            ["line 3", "unknown key in sources[1] 'outlett'"],
            id="unknown key in an entry",
        ),
        pytest.param(
            "sources:\n  - file: one.txt\n  - file: ./one.txt\n",
            ["line 3", "listed twice"],
            id="same file twice",
        ),
        pytest.param(
            "sources:\n  - one.txt\n  - two.txt\nsources:\n  - two.txt\n",
            ["line 4", "key 'sources' given twice (first at line 1)"],
            id="a second sources list, which would silently replace the first",
        ),
        pytest.param(
            "sources:\n  - file: one.txt\n    date: 12/03/2020\n  - two.txt\n",
            ["line 3", "sources[1].date '12/03/2020' is not a date; write it as YYYY-MM-DD"],
            id="a date that is not ISO, which reports would sort as text",
        ),
        pytest.param(
            "sources:\n  - file: one.txt\n    date: '2016-02-30'\n  - two.txt\n",
            ["line 3", "sources[1].date '2016-02-30' is not a date"],
            id="an impossible date in quotes",
        ),
        pytest.param(
            "sources:\n  - file: one.txt\n    outlet: A\n    outlet: B\n  - two.txt\n",
            ["line 4", "key 'outlet' given twice (first at line 3)"],
            id="a key twice in an entry",
        ),
        pytest.param(
            "sources:\n  - file: one.txt\n    removed_from_page: Home · News\n  - two.txt\n",
            ["line 3", "sources[1].removed_from_page must be a list of removals (line, text, reason)"],
            id="what the page extractor left out, not a list",
        ),
        pytest.param(
            "sources:\n  - file: one.txt\n    removed_from_page:\n"
            "      - {line: 0, text: Home, reason: navigation}\n  - two.txt\n",
            ["line 4", "sources[1].removed_from_page[1].line must be a line number (1 or more)"],
            id="a left-out line numbered 0",
        ),
        pytest.param(
            "sources:\n  - file: one.txt\n    removed_from_page:\n      - {line: 3, text: Home}\n  - two.txt\n",
            ["line 4", "sources[1].removed_from_page[1] needs a text and a reason"],
            id="a left-out line without its reason",
        ),
    ],
)
def test_a_broken_manifest_is_refused_naming_it_and_the_line(tmp_path, text, problem):
    shutil.copy(GOOD, tmp_path / "one.txt")
    shutil.copy(OTHER, tmp_path / "two.txt")
    path = tmp_path / "story.yaml"
    path.write_text(text, encoding="utf-8")
    result = synopsis(path)
    assert_refused(result, "story.yaml", *problem)
    assert "pwned" not in result.stdout


# ---------------------------------------------------------------- allowed, with a warning


def test_a_review_file_given_as_the_story_is_named_as_one(tmp_path):
    review = tmp_path / "story.review.yaml"
    save_review(review, Review(), title="Ferry")
    assert_refused(synopsis(review), "story.review.yaml", "a review file (marks and notes), not a story", "--review")


def test_a_single_source_story_is_allowed_with_a_warning():
    result = synopsis(GOOD)
    assert result.returncode == 0
    assert result.stderr.splitlines() == [f"synopsis: warning: only one source ({GOOD}): nothing to compare"]
    assert "wrapped" in result.stdout


def test_opening_the_reader_on_bad_input_is_refused_the_same_way(tmp_path):
    result = run_synopsis(tmp_path / "gone.txt", GOOD)
    assert_refused(result, "gone.txt", "no such file")


# ---------------------------------------------------------------- --review FILE


@pytest.mark.parametrize("command", ["open", "report", "serve"])
@pytest.mark.parametrize(
    "review, problem", [("folder", "is a folder"), ("/dev/null", "is a device"), ("/dev/zero", "is a device")]
)
def test_a_review_path_that_is_not_a_regular_file_is_refused(tmp_path, command, review, problem):
    if review == "folder":
        review = tmp_path / "folder"
        review.mkdir()
    result = run_synopsis(command, GOOD, OTHER, "--review", review)
    assert_refused(result, str(review), problem)
    assert not Path(f"{review}.lock").exists()  # no session was started on it


def test_a_new_review_file_is_not_refused_by_the_reader(tmp_path):
    result = run_synopsis("open", GOOD, OTHER, "--review", tmp_path / "new.review.yaml")
    assert "needs a terminal" in result.stderr  # got past the review check to the next one
