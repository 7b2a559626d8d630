"""A story loads from a manifest, a folder or a list of files, in any sane encoding."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from comparators import Settings, StoryError, compare, default_story_path, load_story
from comparators.outlets import credit_holder, site_name, slug, unique_ids
from comparators.sanitize import strip_control

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "loading"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


# ---------------------------------------------------------------- input forms


def test_a_manifest_gives_outlets_dates_urls_settings_and_unique_ids():
    story = load_story([FIXTURES / "manifest_story" / "story.yaml"])
    assert story.title == "Floods on the coast"
    assert [s.id for s in story.sources] == ["example-gazette", "coastal-wire", "example-gazette-2"]
    gazette, wire, _ = story.sources
    assert (gazette.outlet, gazette.outlet_evidence, gazette.date) == ("Example Gazette", "manifest", "2016-08-17")
    assert gazette.url == "https://www.example-gazette.co.uk/world/2016/08/floods"
    # No outlet in the manifest: found in the text, with the manifest's title kept.
    assert (wire.outlet, wire.outlet_evidence) == ("Coastal Wire", "dateline")
    assert wire.title == "Floods force hundreds from homes"
    assert story.settings == Settings(threshold=0.4, granularity="sentence")
    assert story.manifest == FIXTURES / "manifest_story" / "story.yaml"
    assert story.warnings == ()


def test_a_folder_with_a_manifest_loads_the_manifest():
    by_folder = load_story([FIXTURES / "manifest_story"])
    assert [s.id for s in by_folder.sources] == ["example-gazette", "coastal-wire", "example-gazette-2"]


def test_a_folder_without_a_manifest_loads_its_text_files_in_name_order():
    story = load_story([FIXTURES / "folder_story"])
    assert story.title == "folder_story"
    assert [s.path.name for s in story.sources] == ["a_first.txt", "b_second.txt"]
    assert [(s.outlet, s.outlet_evidence) for s in story.sources] == [
        ("example-gazette.co.uk", "URL domain"),
        ("Coastal Wire", "dateline"),
    ]
    assert story.manifest is None


def test_a_list_of_files_loads_in_the_order_given():
    files = [FIXTURES / "folder_story" / "b_second.txt", FIXTURES / "folder_story" / "a_first.txt"]
    story = load_story(files)
    assert [s.path for s in story.sources] == files


def test_no_paths_means_the_seed_story():
    story = load_story([])
    assert story.manifest == default_story_path()
    assert [s.id for s in story.sources] == ["the-guardian", "ap", "the-herald", "xinhua", "tehran-times"]


def test_ids_are_stable_from_one_run_to_the_next():
    first = load_story([FIXTURES / "manifest_story"])
    again = load_story([FIXTURES / "manifest_story"])
    assert [s.id for s in first.sources] == [s.id for s in again.sources]
    assert [s.content_hash for s in first.sources] == [s.content_hash for s in again.sources]


# ---------------------------------------------------------------- encodings and formats


def test_utf8_with_bom_and_crlf_reads_cleanly_with_line_numbers():
    story = load_story([FIXTURES / "bom_crlf.txt", FIXTURES / "line_per_paragraph.txt"])
    source = story.sources[0]
    assert source.encoding == "utf-8-sig"
    assert [p.line for p in source.paragraphs] == [1, 3, 5]
    assert source.paragraphs[0].text.startswith("Floods hit")  # no BOM left
    assert "café" in source.paragraphs[2].text
    assert not any("\r" in p.text for p in source.paragraphs)


def test_a_non_utf8_file_is_decoded_with_a_warning_naming_it():
    story = load_story([FIXTURES / "cp1252.txt", FIXTURES / "wrapped.txt"])
    source = story.sources[0]
    assert "The café owners said the “worst was over”" in source.paragraphs[1].text
    assert source.encoding not in ("utf-8", "utf-8-sig")
    assert len(story.warnings) == 1 and "cp1252.txt" in story.warnings[0]


def test_a_utf16_file_with_a_bom_is_text_not_binary(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_text("Floods hit three towns, officials said.\n\nRescue teams worked all night.\n", encoding="utf-16")
    story = load_story([path, FIXTURES / "wrapped.txt"])
    assert story.sources[0].encoding == "utf-16"
    assert len(story.sources[0].paragraphs) == 2


def test_line_per_paragraph_and_hard_wrapped_files_both_give_paragraphs():
    story = load_story([FIXTURES / "line_per_paragraph.txt", FIXTURES / "wrapped.txt"])
    per_line, wrapped = story.sources
    assert [p.line for p in per_line.paragraphs] == [1, 2, 3]
    assert per_line.dateline == "AMSTERDAM -"
    assert [p.line for p in wrapped.paragraphs] == [1, 5]
    assert wrapped.paragraphs[0].text.endswith("as the storm moved up the coast.")


# ---------------------------------------------------------------- the seeds without their manifest


def test_outlets_are_inferred_from_the_seed_texts_alone():
    story = load_story(sorted(SEEDS.glob("*.txt")))
    found = [(s.id, s.outlet, s.outlet_evidence) for s in story.sources]
    assert found == [
        # The Guardian's text carries no marker at all: the file name is all there is.
        ("000-9530f40cca4baca2", "000_9530f40cca4baca2", "file name"),
        ("ap", "AP", "dateline"),
        ("heraldscotland-com", "heraldscotland.com", "URL domain"),
        ("xinhua", "Xinhua", "dateline"),
        # "TEHRAN -" is a place; the licence credit names the agency behind the text.
        ("mehr-news-agency", "Mehr News Agency", "credit line"),
    ]
    herald = story.sources[2]
    assert herald.url.startswith("http://www.heraldscotland.com/news/")


def test_the_manifest_outlets_win_over_the_text():
    story = load_story([])
    assert [s.outlet for s in story.sources] == ["The Guardian", "AP", "The Herald", "Xinhua", "Tehran Times"]
    assert {s.outlet_evidence for s in story.sources} == {"manifest"}
    assert [s.dateline for s in story.sources] == [
        None,
        "BEIRUT (AP) —",
        None,
        "MOSCOW/WASHINGTON, Aug. 17 (Xinhua) —",
        "TEHRAN -",
    ]


# ---------------------------------------------------------------- odd but usable stories


def test_a_source_left_empty_by_cleaning_is_kept_and_the_comparison_still_runs(tmp_path):
    shutil.copy(FIXTURES / "cleaning" / "all_furniture.txt", tmp_path / "a.txt")
    shutil.copy(FIXTURES / "wrapped.txt", tmp_path / "b.txt")
    shutil.copy(FIXTURES / "line_per_paragraph.txt", tmp_path / "c.txt")
    story = load_story([tmp_path])
    empty = story.sources[0]
    assert empty.paragraphs == () and len(empty.removed) == 3
    assert any("a.txt" in w and "no text" in w for w in story.warnings)
    comparison = compare(story)
    assert all(m.source != empty.id for g in comparison.groups for m in g.members)


def test_a_single_source_loads_with_a_warning():
    story = load_story([FIXTURES / "wrapped.txt"])
    assert len(story.sources) == 1
    assert story.warnings == (f"only one source ({FIXTURES / 'wrapped.txt'}): nothing to compare",)


def test_the_same_article_saved_twice_is_named_but_kept(tmp_path):
    shutil.copy(FIXTURES / "wrapped.txt", tmp_path / "a.txt")
    # the same article saved on Windows: other bytes, the same text
    original = (FIXTURES / "wrapped.txt").read_text(encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(original.replace("\n", "\r\n").encode("utf-8"))
    shutil.copy(FIXTURES / "line_per_paragraph.txt", tmp_path / "c.txt")
    story = load_story([tmp_path])
    assert len(story.sources) == 3
    assert story.warnings == (f"{tmp_path / 'b.txt'}: the same text as {tmp_path / 'a.txt'} (a copy of one article?)",)


def test_a_manifest_may_list_bare_file_names(tmp_path):
    shutil.copy(FIXTURES / "wrapped.txt", tmp_path / "one.txt")
    shutil.copy(FIXTURES / "line_per_paragraph.txt", tmp_path / "two.txt")
    (tmp_path / "story.yaml").write_text("sources:\n  - one.txt\n  - two.txt\n")
    story = load_story([tmp_path / "story.yaml"])
    assert story.title == tmp_path.name
    assert [s.path.name for s in story.sources] == ["one.txt", "two.txt"]


@pytest.mark.parametrize("title", ['"   "', '"\\e[2J"'])
def test_a_manifest_title_of_blanks_or_control_characters_gives_way_to_the_folder_name(tmp_path, title):
    shutil.copy(FIXTURES / "wrapped.txt", tmp_path / "one.txt")
    shutil.copy(FIXTURES / "line_per_paragraph.txt", tmp_path / "two.txt")
    (tmp_path / "story.yaml").write_text(f"title: {title}\nsources: [one.txt, two.txt]\n")
    assert load_story([tmp_path / "story.yaml"]).title == tmp_path.name


def test_a_pivot_that_names_no_source_is_reported_with_its_line(tmp_path):
    shutil.copy(FIXTURES / "wrapped.txt", tmp_path / "one.txt")
    shutil.copy(FIXTURES / "line_per_paragraph.txt", tmp_path / "two.txt")
    (tmp_path / "story.yaml").write_text("sources: [one.txt, two.txt]\nsettings:\n  pivot: nobody\n")
    with pytest.raises(StoryError, match=r"line 3: settings.pivot 'nobody' is not a source id"):
        load_story([tmp_path])


# ---------------------------------------------------------------- outlet helpers


@pytest.mark.parametrize(
    ("credit", "holder"),
    [
        ("(Copyright (c) 2023 The Associated Press. All Rights Reserved.)", "The Associated Press"),
        ("© 2016 Guardian News and Media Limited or its affiliated companies.", "Guardian News and Media Limited"),
        ("All Content by Coastal Wire Service is licensed under CC BY 4.0", "Coastal Wire Service"),
        ("Copyright 2016", None),
    ],
)
def test_a_credit_line_names_its_holder(credit, holder):
    assert credit_holder(credit) == holder


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("http://www.heraldscotland.com/news/1.story/", "heraldscotland.com"),
        ("https://www.bbc.co.uk/news/world", "bbc.co.uk"),
        ("https://edition.cnn.com/2016/08/16", "cnn.com"),
        ("www.example.org/a", "example.org"),
    ],
)
def test_a_url_gives_its_site(url, site):
    assert site_name(url) == site


def test_ids_are_ascii_slugs_made_unique_in_order():
    assert slug("Süddeutsche Zeitung") == "suddeutsche-zeitung"
    assert unique_ids(["AP", "AP", "新华社", "AP"], ["a", "b", "xinhua_copy", "d"]) == [
        "ap",
        "ap-2",
        "xinhua-copy",
        "ap-3",
    ]


def test_control_characters_and_escape_sequences_are_stripped_for_the_terminal():
    text = "red\x1b[31m alert\x1b[0m\x1b]0;new title\x07 \x9b2J\x07ok\tand\nmore\x00"
    assert strip_control(text) == "red alert ok\tand\nmore"
    assert strip_control("plain “text” stays") == "plain “text” stays"


@pytest.mark.parametrize(
    ("text", "outlet", "evidence"),
    [
        ("WASHINGTON (AP)—Russian bombers flew from Iran on Tuesday, officials said.\n\nThe Pentagon was told.\n", "AP", "dateline"),
        ("BEIRUT, Aug 16 — Russian bombers flew from Iran, the ministry said.\n\nAll returned safely.\n\n(Xinhua)\n", "Xinhua", "sign-off"),
        ("Russian bombers flew from Iran, the ministry said on Tuesday.\n\nSource: Al Jazeera and news agencies\n", "Al Jazeera", "sign-off"),
        # A © line above the lead credits the photo, not the publisher.
        ("© Example Agency / A. Photographer\nRussian bombers flew from Iran, the ministry said on Tuesday.\n", "article", "file name"),
    ],
)
def test_outlets_are_found_in_datelines_and_sign_offs_but_not_in_photo_credits(tmp_path, text, outlet, evidence):
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    source = load_story([path]).sources[0]
    assert (source.outlet, source.outlet_evidence) == (outlet, evidence)


def test_an_unended_escape_string_does_not_swallow_the_text_after_it():
    assert strip_control("before \x1b]0;title and the rest of the article") == "before 0;title and the rest of the article"
    assert strip_control("stray \x9d byte, text kept") == "stray  byte, text kept"


def test_manifest_text_loses_escape_sequences_like_the_articles_do(tmp_path):
    for name in ("000_9530f40cca4baca2.txt", "001_b9264e98ea1ff652.txt"):
        shutil.copy(default_story_path().parent / name, tmp_path)
    (tmp_path / "story.yaml").write_text(
        'title: "Floods \\e[2J[bold]x[/bold]"\n'
        "sources:\n"
        '  - file: 000_9530f40cca4baca2.txt\n    outlet: "Wire\\e]0;pwned\\a One"\n'
        '  - file: 001_b9264e98ea1ff652.txt\n    title: "Head\\e[31mline"\n',
        encoding="utf-8",
    )
    story = load_story([tmp_path / "story.yaml"])
    assert story.title == "Floods [bold]x[/bold]"  # markup-like text stays literal
    assert story.sources[0].outlet == "Wire One"
    assert story.sources[1].title == "Headline"


def test_words_are_counted_as_a_word_processor_counts_them(tmp_path):
    (tmp_path / "en.txt").write_text("Floods hit three coastal towns, officials said.\n", encoding="utf-8")
    (tmp_path / "zh.txt").write_text("国务院总理李强3月5日作报告。\n", encoding="utf-8")
    english, chinese = load_story([tmp_path / "en.txt", tmp_path / "zh.txt"]).sources
    assert english.words == 7
    assert chinese.words == 14  # each of its 12 characters a word, and "3" and "5" (it counted 1)
