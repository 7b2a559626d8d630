"""`synopsis report --review FILE` and `--flagged-only` carry a review's marks and notes."""

from __future__ import annotations

import shutil

import pytest

from comparators import compare, load_story, with_pivot
from comparators.model import Mark
from comparators.review import Entry, GroupIndex, Passage, Review, attach, with_mark
from comparators.review_store import save_review
from reader_helpers import SEEDS
from tui.cli.main import main


@pytest.fixture
def reviewed_story(tmp_path):
    for path in [*SEEDS.glob("*.txt"), SEEDS / "story.yaml"]:
        shutil.copy(path, tmp_path)
    manifest = tmp_path / "story.yaml"
    comparison = compare(load_story([manifest]))
    flagged, reviewed = comparison.groups[1], comparison.groups[0]
    index = GroupIndex.of(comparison.groups)
    note = Mark(flagged=True, note="Which day? AP says Tuesday")
    review = with_mark(Review(), attach(Review(), index), flagged, note)
    review = with_mark(review, attach(review, index), reviewed, Mark(reviewed=True))
    save_review(tmp_path / "story.review.yaml", review)
    return manifest, flagged, reviewed


def test_flagged_only_reports_just_the_flagged_passages_with_their_notes(reviewed_story, capsys):
    manifest, flagged, reviewed = reviewed_story
    assert main(["report", str(manifest), "--flagged-only"]) == 0
    out = capsys.readouterr().out
    assert "Which day? AP says Tuesday" in out
    assert f"{flagged.id} ·" in out and f"\n{reviewed.id} ·" not in out


def test_a_review_file_given_by_name_adds_marks_to_the_full_report(reviewed_story, capsys):
    manifest, flagged, reviewed = reviewed_story
    review = manifest.with_name("story.review.yaml")
    assert main(["report", str(manifest), "--review", str(review), "--only", "differences"]) == 0
    out = capsys.readouterr().out
    assert "Review: reviewed" in out and "Review: flagged" in out


def test_a_missing_review_file_is_an_error(reviewed_story, capsys):
    manifest, _, _ = reviewed_story
    assert main(["report", str(manifest), "--review", str(manifest.with_name("nope.yaml"))]) == 2
    assert "no such review file" in capsys.readouterr().err


def test_marks_stay_on_their_passages_when_the_pivot_is_left_out(tmp_path, capsys):
    for path in [*SEEDS.glob("*.txt"), SEEDS / "story.yaml"]:
        shutil.copy(path, tmp_path)
    manifest = tmp_path / "story.yaml"
    comparison = compare(load_story([manifest]))
    others = [s for s in comparison.story.sources if s.id != comparison.pivot]
    # leaving the pivot out reads the story in the next largest outlet's order;
    # take a passage whose place in that order differs
    reordered = with_pivot(comparison, max(others, key=lambda s: s.words).id)
    place = {g.members: g.id for g in reordered.groups}
    target = next(
        g for g in comparison.groups
        if comparison.pivot not in g.sources and place[g.members] != g.id
    )
    others = [s.id for s in others]
    index = GroupIndex.of(comparison.groups)
    review = with_mark(Review(), attach(Review(), index), target, Mark(note="check this one"))
    save_review(tmp_path / "story.review.yaml", review)
    argv = ["report", str(manifest), "--review", str(tmp_path / "story.review.yaml")]
    assert main([*argv, "--sources", ",".join(others), "--width", "200"]) == 0
    out = capsys.readouterr().out
    section = out.split("ALIGNED PASSAGES", 1)[1].split(f"\n{target.id} ·", 1)[1]
    section = section.split("\ng", 1)[0]  # up to the next group's heading
    assert "check this one" in section
    assert target.members[0].text[:40] in " ".join(section.split())


def test_the_story_s_own_review_file_is_in_the_report_unless_no_review(reviewed_story, capsys):
    manifest, flagged, _ = reviewed_story
    assert main(["report", str(manifest), "--only", "differences"]) == 0
    out = capsys.readouterr().out
    assert "Review: reviewed" in out and "Which day? AP says Tuesday" in out

    assert main(["report", str(manifest), "--only", "differences", "--no-review"]) == 0
    out = capsys.readouterr().out
    assert "Review:" not in out and "Which day?" not in out
    assert f"{flagged.id} ·" in out  # the passages are all still there


def test_no_review_and_flagged_only_or_review_do_not_go_together(reviewed_story, capsys):
    manifest, _, _ = reviewed_story
    assert main(["report", str(manifest), "--no-review", "--flagged-only"]) == 2
    assert "--flagged-only needs the review's flags" in capsys.readouterr().err
    review = str(manifest.with_name("story.review.yaml"))
    with pytest.raises(SystemExit):
        main(["report", str(manifest), "--no-review", "--review", review])
    assert "not allowed with argument" in capsys.readouterr().err


def test_an_unreadable_review_beside_the_story_is_a_warning_not_an_error(reviewed_story, capsys):
    manifest, _, _ = reviewed_story
    review = manifest.with_name("story.review.yaml")
    review.write_text("marks: [unclosed\n", encoding="utf-8")
    assert main(["report", str(manifest), "--only", "differences"]) == 0
    captured = capsys.readouterr()
    assert f"warning: {review}" in captured.err and "the report has no review marks" in captured.err
    assert "Review:" not in captured.out
    assert review.read_text(encoding="utf-8") == "marks: [unclosed\n"


@pytest.mark.parametrize("format", ["text", "md", "html"])
def test_escape_sequences_typed_into_a_review_note_never_reach_the_report(reviewed_story, capsys, format):
    manifest, _, _ = reviewed_story
    review = manifest.with_name("story.review.yaml")
    # A hand-edited note: a window title, a screen clear and colours, in YAML escapes.
    hostile = r'note: "Which \e]0;owned\a day?\e[2J AP \e[31msays\e[0m Tuesday\x9b5m"'
    text = review.read_text(encoding="utf-8")
    assert "note: Which day? AP says Tuesday" in text
    review.write_text(text.replace("note: Which day? AP says Tuesday", hostile), encoding="utf-8")
    assert main(["report", str(manifest), "--format", format]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
    assert "Which day? AP says Tuesday" in " ".join(out.split())


def test_marks_on_passages_edited_since_the_review_are_named_on_stderr(reviewed_story, capsys):
    manifest, _, _ = reviewed_story
    review = manifest.with_name("story.review.yaml")
    gone = Entry(Mark(flagged=True, note="was wrong"), (Passage("ap", "0" * 16),), "An old line")
    save_review(review, Review(entries={"0123456789abcdef": gone}))
    assert main(["report", str(manifest), "--flagged-only"]) == 0
    err = capsys.readouterr().err
    assert err == (
        f"synopsis: {review}: not in the report: 1 mark with a note on passages edited or gone "
        "since the review (the review file keeps them)\n"
    )


def test_the_report_reads_the_file_the_reader_continued_a_corrupt_review_in(reviewed_story, capsys):
    manifest, flagged, _ = reviewed_story
    review = manifest.with_name("story.review.yaml")
    review.rename(manifest.with_name("story.2.review.yaml"))  # the reader carried on there
    review.write_text("marks: [unclosed\n", encoding="utf-8")
    assert main(["report", str(manifest), "--flagged-only"]) == 0
    captured = capsys.readouterr()
    assert "Which day? AP says Tuesday" in captured.out
    assert f"warning: {review}: line 2" in captured.err
    assert "the marks come from" in captured.err and "story.2.review.yaml" in captured.err
