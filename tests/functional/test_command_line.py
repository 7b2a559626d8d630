"""The command line's own conventions, as a user at a shell meets them."""

from __future__ import annotations

import errno
import json
import subprocess
import sys
from pathlib import Path

import pytest

import tui.cli.sources
from cli_helpers import run_synopsis
from tui.cli.main import main


def three_articles(folder: Path) -> list[Path]:
    """Three short made-up articles in `folder`, by name (run the command there); the
    third's name starts with a dash."""
    texts = {
        "first.txt": "The ferry left port at dawn with 40 passengers aboard, the operator said.",
        "second.txt": "A ferry carrying 40 passengers left port at dawn, according to the operator.",
        "-third.txt": "The operator said the ferry sailed at dawn with about forty people on board.",
    }
    paths = []
    for name, text in texts.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
        paths.append(Path(name))
    return paths


def test_the_version_is_printed_on_stdout_for_scripts_to_read():
    result = run_synopsis("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("synopsis ") and result.stdout.endswith("\n")
    assert result.stderr == ""


def test_a_story_s_files_may_stand_on_both_sides_of_the_options(tmp_path):
    first, second, third = three_articles(tmp_path)
    result = run_synopsis(
        "export", first, "--pivot", "second", second, "--granularity", "sentence", "--", third, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    exported = json.loads(result.stdout)
    assert [s["path"] for s in exported["sources"]] == ["first.txt", "second.txt", "-third.txt"]
    assert exported["settings"]["pivot"] == "second"
    assert exported["settings"]["granularity"] == "sentence"


def test_an_unknown_option_among_the_files_is_still_refused(tmp_path):
    first, second, _ = three_articles(tmp_path)
    result = run_synopsis("export", first, "--pivot", "first", second, "--colour", cwd=tmp_path)
    assert result.returncode == 2
    assert "unrecognized arguments" in result.stderr and "--colour" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
@pytest.mark.parametrize("command", ["sources", "export"])
def test_a_full_disk_under_stdout_is_named_as_a_failed_write(command, tmp_path):
    first, second, _ = three_articles(tmp_path)
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "tui.cli.main", command, first, second],
            stdout=full, stderr=subprocess.PIPE, text=True, cwd=tmp_path, timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr == "synopsis: cannot write the output: No space left on device\n"


def test_the_quotes_caption_counts_one_quote_in_the_singular(tmp_path):
    article = tmp_path / "pier.txt"
    article.write_text('"We will rebuild the pier by spring," the harbour master said on Tuesday.\n', encoding="utf-8")
    result = run_synopsis("quotes", article)
    assert result.returncode == 0, result.stderr
    assert "1 quote, 1 carried by one outlet only" in result.stdout


def test_a_story_without_quoted_terms_says_so_instead_of_an_empty_table(tmp_path):
    article = tmp_path / "pier.txt"
    article.write_text('"We will rebuild the pier by spring," the harbour master said on Tuesday.\n', encoding="utf-8")
    result = run_synopsis("quotes", "--terms", article)
    assert result.returncode == 0, result.stderr
    assert "No quoted terms" in result.stdout and "Quoted terms (not quotes)" not in result.stdout


def test_quotes_names_the_outlet_that_gives_a_statement_to_someone_else(tmp_path):
    said = '"We will rebuild the market stone by stone before the summer," said {}.'
    speakers = {"ap": "Mayor Ana Costa", "reuters": "Governor Luis Silva", "afp": "Mayor Ana Costa", "bbc": "Mayor Ana Kosta"}
    for n, (name, speaker) in enumerate(speakers.items(), start=1):
        (tmp_path / f"0{n}_{name}.txt").write_text(
            f"A fire destroyed the old market in Porto on Sunday night.\n\n{said.format(speaker)}\n", encoding="utf-8"
        )
    result = run_synopsis("quotes", tmp_path)
    assert result.returncode == 0, result.stderr
    speaker_column = [line.split("│")[1].strip() for line in result.stdout.splitlines() if line.startswith("│")]
    assert [cell for cell in speaker_column if cell] == ["Ana Costa", "≠ Luis Silva", "≈ Ana Kosta"]
    caption = "≠ the outlet names another person; ≈ the outlet's own words for the speaker"
    assert caption in " ".join(result.stdout.split())


def test_a_system_error_that_names_no_file_is_not_called_a_read(monkeypatch, capsys):
    def no_process(args):
        raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(tui.cli.sources, "run", no_process)
    assert main(["sources"]) == 2
    assert capsys.readouterr().err == "synopsis: Resource temporarily unavailable\n"


def test_the_reader_without_a_terminal_says_so_instead_of_waiting_for_keys(tmp_path):
    first, second, _ = three_articles(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli.main", first, second],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("synopsis: the reader needs a terminal") and result.stderr.count("\n") == 1
    assert "\x1b" not in result.stderr  # nothing drawn


@pytest.mark.parametrize("output", [[], ["-o", "/dev/stdout"]])
def test_a_reader_that_stops_early_is_not_an_error(output):
    """`synopsis export | head -1`, to stdout or to -o /dev/stdout: no error line, exit 0."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli.main", "export", *output],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert process.stdout.readline() == b"{\n"
    process.stdout.close()  # the export is far bigger than a pipe's buffer: writing it fails
    assert process.wait(timeout=60) == 0
    assert process.stderr.read() == b""
    process.stderr.close()
