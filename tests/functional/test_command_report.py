"""`synopsis report`: stdout or a file, never a clobbered or half-written one."""

from __future__ import annotations

import os
import stat

import pytest

from comparators import default_story_path
from tui.cli.main import main


def test_the_report_goes_to_stdout_without_output_file(capsys):
    assert main(["report", "--only", "differences", "--width", "60"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Russian bombers strike Syria from an Iranian airbase\n")
    assert max(len(line) for line in out.splitlines() if " " in line.strip()) <= 60


def test_output_file_suffix_picks_the_format(tmp_path, capsys):
    target = tmp_path / "story.html"
    assert main(["report", "--only", "quotes", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert str(target) in capsys.readouterr().err


def test_an_existing_file_is_kept_unless_forced(tmp_path, capsys):
    target = tmp_path / "report.md"
    target.write_text("my notes\n", encoding="utf-8")
    assert main(["report", "-o", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "my notes\n"
    assert main(["report", "--only", "quotes", "-o", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith("# Russian bombers")
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no temporary file left


def test_a_new_report_file_gets_the_mode_the_umask_gives_and_a_replaced_one_keeps_its_own(tmp_path, umask_027):
    target = tmp_path / "report.txt"
    assert main(["report", "--only", "quotes", "-o", str(target)]) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # not readable by everyone
    target.chmod(0o600)
    assert main(["report", "--only", "quotes", "-o", str(target), "--force"]) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


def test_an_unwritable_path_is_one_clear_line_and_exit_2(tmp_path, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    assert main(["report", "--only", "quotes", "-o", str(blocker / "report.txt")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"synopsis: cannot write {blocker / 'report.txt'}: ")
    assert err.count("\n") == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in read-only folders")
def test_a_read_only_folder_is_reported(tmp_path, capsys):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert main(["report", "--only", "quotes", "-o", str(folder / "r.txt")]) == 2
        assert "Permission denied" in capsys.readouterr().err
    finally:
        folder.chmod(0o700)


def test_unknown_source_ids_are_named(capsys):
    assert main(["report", "--sources", "ap,nope"]) == 2
    err = capsys.readouterr().err
    assert "unknown source id 'nope'" in err and "the-guardian" in err


def test_sources_option_limits_the_outlets(capsys):
    assert main(["report", "--sources", "xinhua,tehran-times", "--only", "unique"]) == 0
    out = capsys.readouterr().out
    assert "Xinhua" in out and "Tehran Times" in out and "The Guardian" not in out


def test_color_is_only_added_when_asked(capsys):
    assert main(["report", "--only", "differences"]) == 0
    assert "\x1b" not in capsys.readouterr().out
    assert main(["report", "--only", "differences", "--color"]) == 0
    assert "\x1b[" in capsys.readouterr().out


def test_only_does_not_apply_to_json(capsys):
    assert main(["report", "--format", "json", "--only", "quotes"]) == 2
    assert "--only does not apply" in capsys.readouterr().err


@pytest.mark.parametrize(
    "options, refusal",
    [
        (["--format", "json", "--width", "60"], "--width applies to text only, not to --format json"),
        (["--format", "md", "--width", "60"], "--width applies to text only"),
        (["--format", "html", "--color"], "--color applies to text and md only, not to --format html"),
        (["--format", "text", "--diffs", "all"], "--diffs applies to json only, not to --format text"),
    ],
)
def test_an_option_the_format_would_ignore_is_refused(options, refusal, tmp_path, capsys):
    target = tmp_path / "report"
    assert main(["report", *options, "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"synopsis: {refusal}") and err.count("\n") == 1
    assert not target.exists()


def test_the_output_suffix_decides_which_options_apply(tmp_path, capsys):
    assert main(["report", "-o", str(tmp_path / "pivot.json")]) == 0
    assert main(["report", "--diffs", "all", "-o", str(tmp_path / "all.json")]) == 0
    assert (tmp_path / "all.json").stat().st_size > (tmp_path / "pivot.json").stat().st_size
    assert main(["report", "--width", "60", "-o", str(tmp_path / "r.html")]) == 2
    assert "--width applies to text only, not to --format html" in capsys.readouterr().err


def test_a_too_narrow_width_is_refused(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["report", "--width", "5"])
    assert exit.value.code == 2
    assert "at least 30 columns" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["report", "export"])
def test_a_dash_as_output_file_is_stdout_not_a_file_named_dash(command, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main([command, str(default_story_path()), "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("{\n" if command == "export" else "Russian bombers strike Syria")
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_a_report_file_keeps_the_warnings_printed_while_reading_the_story(tmp_path, capsys, suffix):
    seeds = default_story_path().parent
    story = tmp_path / "story"
    story.mkdir()
    for name in sorted(p.name for p in seeds.glob("*.txt"))[:2]:
        (story / name).write_bytes((seeds / name).read_bytes())
    (story / "zz_empty.txt").write_text("Share this\n", encoding="utf-8")  # cleaning leaves nothing
    target = tmp_path / f"report{suffix}"
    assert main(["report", str(story), "-o", str(target)]) == 0
    warning = "zz_empty.txt: cleaning removed every line; the source has no text"
    assert warning in capsys.readouterr().err
    assert warning in " ".join(target.read_text(encoding="utf-8").replace("\\_", "_").split())
