"""`synopsis sources` lists the sources and, on request, every removed line and why."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import run_synopsis

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "loading"


def synopsis(*args: str | Path):
    return run_synopsis("sources", *args, columns=160)


def test_the_seed_story_lists_five_outlets_and_each_removed_line_with_its_reason():
    result = synopsis("--removed")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for outlet in ("The Guardian", "AP", "The Herald", "Xinhua", "Tehran Times"):
        assert outlet in out
    for rule, reason in [
        ("headline", "the article's headline"),
        ("dateline", "kept as metadata"),
        ("copyright", "copyright or licence notice"),
        ("newsletter", "invitation to subscribe"),
        ("share-count", "share or comment counter"),
        ("promo", "link to another article"),
        ("credit", "glued to the end of a paragraph"),
    ]:
        assert rule in out and reason in out
    assert "READ MORE" in out and "BEIRUT (AP) —" in out


def test_article_text_is_printed_as_text_never_as_markup_or_escapes(tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "[bold red]Shouting[/bold red] headline \x1b]0;owned\x07here\n\n"
        "Floods hit three coastal towns overnight, officials said on Wednesday \x1b[2J.\n",
        encoding="utf-8",
    )
    other = FIXTURES / "wrapped.txt"
    result = synopsis(hostile, other, "--removed")
    assert result.returncode == 0, result.stderr
    assert "[bold red]Shouting[/bold red]" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_each_removed_heading_names_its_file_on_one_line_when_the_terminal_has_room(tmp_path):
    folder = tmp_path / "a_rather_long_folder_name_of_the_newsroom_archive" / "ferry"
    folder.mkdir(parents=True)
    for name in ("quiet", "calm"):  # nothing removed: a narrow table under the heading
        (folder / f"{name}.txt").write_text("The ferry sailed at dawn on Tuesday, officials said.\n", encoding="utf-8")
    result = run_synopsis("sources", folder, "--removed", columns=200)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert f"quiet: removed from {folder / 'quiet.txt'}" in lines
    assert f"calm: removed from {folder / 'calm.txt'}" in lines
