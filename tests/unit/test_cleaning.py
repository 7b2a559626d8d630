"""Cleaning keeps the reporting and drops page furniture, saying what and why."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from comparators.cleaning import (
    clean,
    dateline_places,
    match_line_rule,
    normalise_text,
    paragraph_units,
    split_dateline,
    split_trailing_credit,
    text_lines,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "loading" / "cleaning"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
KEPT = "Floods hit three coastal towns overnight"


def cleaned(name: str):
    return clean(FIXTURES.joinpath(name).read_text(encoding="utf-8"))


def removals(result) -> list[tuple[int, str]]:
    return [(r.line, r.rule) for r in result.removed]


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("url_and_counts.txt", [(1, "url"), (2, "share-count"), (3, "share-count")]),
        ("caption.txt", [(1, "caption"), (7, "caption")]),
        ("promo.txt", [(3, "promo"), (7, "promo")]),
        ("repeated.txt", [(3, "repeated"), (7, "repeated")]),
        ("footers.txt", [(5, "copyright"), (7, "newsletter")]),
        ("licence_credit.txt", [(2, "credit")]),
        ("dateline_agency.txt", [(1, "dateline")]),
        ("dateline_place.txt", [(1, "dateline")]),
    ],
)
def test_each_rule_removes_its_furniture_and_keeps_the_reporting(fixture, expected):
    result = cleaned(fixture)
    assert removals(result) == expected
    assert any(p.text.startswith(KEPT) for p in result.paragraphs)
    assert all(r.reason for r in result.removed)


def test_a_url_above_the_article_is_kept_as_the_leading_url():
    result = cleaned("url_and_counts.txt")
    assert result.leading_url == "https://www.example-gazette.co.uk/world/2016/08/floods-hit-coastal-towns"
    assert result.paragraphs[0].line == 4


def test_a_licence_credit_glued_to_a_paragraph_goes_with_the_editors_initials():
    result = cleaned("licence_credit.txt")
    last = result.paragraphs[-1].text
    assert last.endswith("though more rain was forecast.")
    credit = result.removed[0].text
    assert credit.startswith("JM/RT All Content by Coastal Wire Service")


def test_a_dateline_becomes_metadata_with_its_agency():
    result = cleaned("dateline_agency.txt")
    assert result.dateline == "LISBON, March 3 (Reuters) -"
    assert result.dateline_agency == "Reuters"
    assert result.paragraphs[0].text.startswith(KEPT)


def test_a_place_only_dateline_has_no_agency():
    result = cleaned("dateline_place.txt")
    assert result.dateline == "PORTO –"
    assert result.dateline_agency is None


def test_odd_spaces_are_made_plain_in_kept_text():
    result = cleaned("odd_spaces.txt")
    assert "towns overnight, forcing" in result.paragraphs[0].text
    assert "worked through" in result.paragraphs[1].text


def test_an_article_that_is_all_furniture_keeps_no_paragraph_and_explains_why():
    result = cleaned("all_furniture.txt")
    assert result.paragraphs == ()
    assert [r.rule for r in result.removed] == ["url", "share-count", "promo"]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("https://example.org/a/b?c=1", "url"),
        ("www.example.org/news", "url"),
        ("3.4K", "share-count"),
        ("12 shares", "share-count"),
        ("Copyright 2019 Example Media. All rights reserved.", "copyright"),
        ("This material may not be published, broadcast or redistributed.", "copyright"),
        ("Subscribe to our daily newsletter", "newsletter"),
        ("Get the latest headlines delivered to your inbox", "newsletter"),
        ("SEE ALSO: Markets fall after the vote", "promo"),
        ("Advertisement", "promo"),
        ("Story continues below advertisement", "promo"),
        ("(Reporting by Ann Lee; Editing by Tom Brown)", "credit"),
        ("Reuters contributed to this report.", "credit"),
        ("Smoke rises over the city. Photograph: Anna Smith/Getty Images", "caption"),
        ("Image copyright AFP Image caption Smoke rises over the city", "caption"),
        ("Associated Press writer Ann Lee in Moscow contributed.", "credit"),
        ("Media playback is unsupported on your device", "promo"),
        ("Follow the author on Twitter: @example", "promo"),
        ("___", "separator"),
    ],
)
def test_furniture_lines_are_recognised_by_shape_not_by_source(line, rule):
    assert match_line_rule(line)[0] == rule


@pytest.mark.parametrize(
    "line",
    [
        "The ministry said 190 aircraft took part in the exercise on Tuesday.",
        "Officials refused to subscribe to the plan, calling it reckless.",
        "Read the full statement, he told reporters, and you will see why.",
        "The court said the case raised questions of copyright and privacy for news sites.",
        "Watch officials said nothing about the flights on Tuesday.",
    ],
)
def test_reporting_is_not_mistaken_for_furniture(line):
    assert match_line_rule(line) is None


@pytest.mark.parametrize(
    ("text", "dateline", "agency"),
    [
        ("BEIRUT (AP) — Iran allowed the flights on Tuesday.", "BEIRUT (AP) —", "AP"),
        ("KYIV, Aug. 17 (Xinhua) -- The talks resumed today.", "KYIV, Aug. 17 (Xinhua) --", "Xinhua"),
        ("NEW DELHI: The government said on Monday it would act.", "NEW DELHI:", None),
        ("Moscow, 16 August (AFP) - Russia said it had struck.", "Moscow, 16 August (AFP) -", "AFP"),
        ("(Reuters) - Oil prices rose on Tuesday as supply fell.", "(Reuters) -", "Reuters"),
    ],
)
def test_datelines_of_many_shapes_are_split_off(text, dateline, agency):
    found = split_dateline(text)
    assert found is not None and found[:2] == (dateline, agency)
    assert found[2][0].isupper()


@pytest.mark.parametrize(
    ("dateline", "places"),
    [
        ("KIEV, Ukraine --", ("KIEV", "Ukraine")),
        ("KYIV, Aug. 17 (Xinhua) --", ("KYIV",)),
        ("MOSCOW/WASHINGTON, Aug. 17 (Xinhua) —", ("MOSCOW", "WASHINGTON")),
        ("Moscow, 16 August (AFP) -", ("Moscow",)),
        ("KIEV, April 21. /TASS/.", ("KIEV",)),
        ("(Reuters) -", ()),
    ],
)
def test_a_datelines_places_are_read_as_written(dateline, places):
    assert dateline_places(dateline) == places


@pytest.mark.parametrize(
    "text",
    [
        "U.S. - Russian relations have cooled, analysts said.",
        "Russia - which denies the charges - said the strikes hit militants.",
        "The ministry said: the aircraft returned safely.",
    ],
)
def test_ordinary_openings_are_not_datelines(text):
    assert split_dateline(text) is None


def test_a_credit_is_not_cut_from_the_middle_of_reporting():
    text = "The agency said copyright rules all rights reserved by the state would change soon, he said."
    assert split_trailing_credit(text) is None
    glued = "Talks resume Monday. © 2020 Example Wire. All rights reserved."
    assert split_trailing_credit(glued) == ("Talks resume Monday.", "© 2020 Example Wire. All rights reserved.")


def test_normalising_text_removes_controls_and_lookalike_letters():
    assert normalise_text("a\u00a0 b\x1b[31m  c\u200b") == "a b c"
    assert normalise_text("Tu-22\u041c3 bombers flew") == "Tu-22M3 bombers flew"
    russian = "Бомбардировщики Ту-22М3 вылетели из Ирана"
    assert normalise_text(russian) == russian


def test_hard_wrapped_paragraphs_are_joined_and_line_per_paragraph_is_kept():
    wrapped = "Floods hit three coastal towns overnight, officials said,\nforcing long-\nrange evacuations of the whole area.\n\nRescue teams worked through the night to reach the villages\nthat were cut off by the water.\n"
    units = paragraph_units(text_lines(wrapped))
    assert [u.number for u in units] == [1, 5]
    assert "said, forcing long-range evacuations" in units[0].text
    per_line = "First paragraph of the article, quite long.\nSecond paragraph of the article.\n"
    assert [u.number for u in paragraph_units(text_lines(per_line))] == [1, 2]


# ---------------------------------------------------------------- the seeds

_BOILERPLATE = re.compile(
    r"^(?:https?://|\d[\d,]*$|READ MORE|\(?Copyright|Join our|Russian Tu-22M3 bomber$)"
    r"|All Content by|newsletter|\((?:AP|Xinhua)\)|(?-i:^[A-Z]{4,}[ /,-])",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def seed_cleaned():
    return {p.name: clean(p.read_text(encoding="utf-8-sig")) for p in sorted(SEEDS.glob("*.txt"))}


def test_no_boilerplate_line_of_the_seeds_survives_as_article_text(seed_cleaned):
    for name, result in seed_cleaned.items():
        for paragraph in result.paragraphs:
            assert not _BOILERPLATE.search(paragraph.text), (name, paragraph.text[:80])


def test_the_seeds_lose_exactly_their_furniture(seed_cleaned):
    rules = {name[:3]: [r.rule for r in result.removed] for name, result in seed_cleaned.items()}
    assert rules == {
        "000": ["headline"],
        "001": ["dateline", "copyright", "newsletter"],
        "002": ["url", "share-count", "share-count", "promo", "promo", "promo"],
        "003": ["dateline"],
        "004": ["dateline", "credit"],
    }


def test_every_kept_paragraph_points_at_its_line_in_the_file(seed_cleaned):
    for name, result in seed_cleaned.items():
        lines = SEEDS.joinpath(name).read_text(encoding="utf-8-sig").split("\n")
        for paragraph in result.paragraphs:
            first_words = " ".join(paragraph.text.split()[:3])
            assert first_words in normalise_text(lines[paragraph.line - 1]), (name, paragraph.line)


def test_the_last_sentence_before_a_licence_credit_is_kept(seed_cleaned):
    tehran = seed_cleaned["004_44b2871360127aa1.txt"]
    assert tehran.paragraphs[-1].text.endswith("until before the July 15 coup in Turkey.")
    assert tehran.removed[-1].text.startswith("AK/PA All Content by")


@pytest.mark.parametrize(
    "paragraph",
    [
        "Copyright cases rose sharply last year, the ministry said.",
        "The drones were licensed under a 2015 law, officials said.",
        "The names of the pilots may not be published under Russian law.",
        "Get ready for more strikes, the ministry warned at a news conference.",
        "The group said it had published a newsletter for its members.",
    ],
)
def test_sentences_that_merely_mention_rights_or_newsletters_are_kept(paragraph):
    assert match_line_rule(paragraph) is None
    assert split_trailing_credit("Talks resume Monday. " + paragraph) is None


def test_list_items_after_the_lead_are_kept_though_they_have_no_full_stop():
    text = (
        "Russian bombers flew from Iran on Tuesday, the defence ministry said.\n\n"
        "Here is what we know:\n\n- The bombers hit targets in three provinces\n\n- All aircraft returned\n"
    )
    kept = [p.text for p in clean(text).paragraphs]
    assert kept[-2:] == ["- The bombers hit targets in three provinces", "- All aircraft returned"]


# ---------------------------------------------------------------- other languages


@pytest.mark.parametrize(
    ("text", "dateline", "agency"),
    [
        ("MOSKAU (dpa) - Russische Bomber sind vom Iran aus gestartet.", "MOSKAU (dpa) -", "dpa"),
        ("MADRID, 16 Ago. (EUROPA PRESS) - Rusia ha utilizado una base iraní.", "MADRID, 16 Ago. (EUROPA PRESS) -", "EUROPA PRESS"),
        ("PARIS, 16 août (Reuters) - La Russie a utilisé une base iranienne.", "PARIS, 16 août (Reuters) -", "Reuters"),
    ],
)
def test_datelines_in_other_languages_are_split_off(text, dateline, agency):
    assert split_dateline(text)[:2] == (dateline, agency)


def test_a_bracketed_aside_is_not_an_agency():
    assert split_dateline("Moscow (which denies it all) - Russia said the bombers flew.") is None


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Lire aussi : La Russie frappe en Syrie", "promo"),
        ("Lesen Sie auch: Russland fliegt Angriffe", "promo"),
        ("Читайте также: Россия нанесла удары", "promo"),
        ("© 2016 dpa. Alle Rechte vorbehalten.", "copyright"),
    ],
)
def test_furniture_in_other_languages_is_recognised(line, rule):
    assert match_line_rule(line)[0] == rule


def test_chinese_paragraphs_without_spaces_are_kept_and_their_headline_dropped():
    text = (
        "俄罗斯轰炸机首次从伊朗起飞\n\n"
        "新华社莫斯科8月16日电 俄罗斯国防部16日说，俄军远程轰炸机当天从伊朗哈马丹空军基地起飞，对叙利亚境内目标实施打击。\n\n"
        "国防部说，所有飞机都已安全返回。\n"
    )
    result = clean(text)
    assert [r.rule for r in result.removed] == ["caption"]
    assert [p.text[:5] for p in result.paragraphs] == ["新华社莫斯", "国防部说，"]


def test_a_caption_on_the_line_above_a_short_paragraph_is_not_wrapped_into_it():
    text = (
        "Rescue workers in the port\n"
        "Floods hit three towns overnight, officials said.\n\n"
        "Rescue teams reached the villages by boat.\n\n"
        "The water began to recede in the afternoon.\n"
    )
    result = clean(text)
    assert [r.text for r in result.removed] == ["Rescue workers in the port"]
    assert result.paragraphs[0].text == "Floods hit three towns overnight, officials said."


def test_a_paragraph_of_reporting_printed_twice_keeps_its_first_copy():
    lead = "Floods hit three coastal towns overnight, forcing hundreds from their homes, officials said."
    result = clean(f"{lead}\n\n{lead}\n\nRescue teams worked through the night.\n")
    assert [p.text for p in result.paragraphs] == [lead, "Rescue teams worked through the night."]
    assert [(r.line, r.rule) for r in result.removed] == [(3, "repeated")]


def test_a_short_sentence_that_lost_its_full_stop_is_not_taken_for_a_subheading():
    text = (
        "Floods hit three coastal towns overnight, forcing hundreds from their homes, officials said.\n\n"
        "“We will not allow it,” the mayor said\n\n"
        "Ties deepen\n\n"
        "Rescue teams worked through the night.\n"
    )
    result = clean(text)
    assert [r.text for r in result.removed] == ["Ties deepen"]
    assert result.paragraphs[1].text == "“We will not allow it,” the mayor said"
