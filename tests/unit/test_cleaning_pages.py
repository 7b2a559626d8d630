"""Cleaning real web pages: the chrome of sites in general goes, each removal with its
true reason; headlines become titles, standfirsts stay. Fixtures are made up here."""

from __future__ import annotations

import pytest

from comparators.cleaning import clean, decode_entities, match_line_rule, normalise_text

LEAD = "Floods hit three coastal towns overnight, forcing hundreds of families from their homes, officials said on Wednesday."
SECOND = "Rescue teams worked through the night to reach villages cut off by the floods in the coastal towns."
THIRD = "The mayor said the water had started to recede by the afternoon, though more rain was forecast."


def article(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def rules(result) -> dict[str, str]:
    return {r.text: r.rule for r in result.removed}


def kept(result) -> list[str]:
    return [p.text for p in result.paragraphs]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("+44 20 7946 0958", "contact"),
        ("01:42", "timestamp"),
        ("1204 Views Storm season starts early in the south", "promo"),
        ("Home • World • Europe • Business • Sport", "promo"),
        ("You are here: Home", "promo"),
        ("Home > World > Europe", "promo"),
        ("Your browser is not supported. Please switch to another browser.", "notice"),
        ("This site needs JavaScript enabled to work.", "notice"),
        ("article.hero_image.alt A boat on a flooded street", "template"),
        ("3f9a0c1d2e4b5a6978d0c1e2f3a4b5c6 - Floods hit coast", "template"),
        ("This story was originally published by the Coast Courier and is reprinted with permission.", "credit"),
        ("A boat on a flooded street in the harbour town. JANE DOE / Coastal Wire", "caption"),
        ("Residents wait on a roof. Photo/COAST GUARD.", "caption"),
        ("Residents wait on a roof in the harbour town (AP Photo/Jane Doe)", "caption"),
    ],
)
def test_page_chrome_is_removed_with_its_true_reason(line, rule):
    assert match_line_rule(line)[0] == rule


def test_a_phone_number_is_not_called_a_share_counter():
    assert match_line_rule("0800 123 4567")[0] == "contact"
    assert match_line_rule("1,204")[0] == "share-count"


def test_the_headline_becomes_the_title_and_the_standfirst_stays():
    result = clean(article(
        "Weather | News",
        "Floods hit three coastal towns",
        "Hundreds of families were forced from their homes as the river burst its banks",
        "Rescue boat on a flooded street",
        LEAD, SECOND,
    ))
    assert result.headline == "Floods hit three coastal towns"
    assert rules(result)["Floods hit three coastal towns"] == "headline"
    assert kept(result)[0].startswith("Hundreds of families")
    assert rules(result)["Rescue boat on a flooded street"] == "caption"


def test_a_headline_ending_in_a_quote_mark_is_still_a_headline():
    result = clean(article("Mayor: ‘The floods will pass’", LEAD, "“The floods will pass,” the mayor said of the coastal towns.", SECOND))
    assert result.headline == "Mayor: ‘The floods will pass’"


def test_a_headline_printed_as_a_sentence_above_the_lead_is_the_headline():
    result = clean(article("“We will rebuild the coastal towns.” Mayor Lee.", LEAD, SECOND, "“We will rebuild,” Mayor Lee said of the coastal towns after the floods."))
    assert result.headline == "“We will rebuild the coastal towns.” Mayor Lee."
    assert kept(result)[0] == LEAD


def test_a_question_to_the_reader_above_the_article_is_not_the_lead():
    result = clean(article("Hi, what can we help you find?", "Floods hit three coastal towns", LEAD, SECOND))
    assert rules(result)["Hi, what can we help you find?"] == "notice"
    assert kept(result)[0] == LEAD


def test_reader_comments_after_the_article_are_removed_whatever_their_length():
    comment = "I think the council should have built the flood wall years ago, as everybody in the town has been saying for a decade now."
    result = clean(article(LEAD, SECOND, "Comments 2", "riverfan 05 March 2021, 10:12", comment, "harbourgirl 05 March 2021, 11:40", "Agreed"))
    assert kept(result) == [LEAD, SECOND]
    assert set(rules(result).values()) == {"comments"}


def test_lists_of_links_after_the_last_paragraph_go_but_the_article_stays():
    result = clean(article(
        LEAD, SECOND, THIRD,
        "Wire",
        "01:10",
        "Storm season starts early in the south after a warm winter",
        "00:56",
        "Minister opens new bridge across the river in the capital",
    ))
    assert kept(result) == [LEAD, SECOND, THIRD]
    assert rules(result)["01:10"] == "timestamp"
    assert "Storm season starts early in the south after a warm winter" in rules(result)


def test_a_subheading_ending_in_a_quote_mark_and_a_box_label_are_removed():
    result = clean(article(LEAD, "‘A town under water’", SECOND, "Key facts:", "- Three towns were flooded", THIRD))
    assert rules(result)["‘A town under water’"] == "caption"
    assert rules(result)["Key facts:"] == "caption"
    assert "- Three towns were flooded" in kept(result)


def test_a_time_stamp_between_paragraphs_is_removed():
    result = clean(article(LEAD, "Last Update: Friday, 5 March 2021 10:48 GMT", SECOND))
    assert rules(result)["Last Update: Friday, 5 March 2021 10:48 GMT"] == "timestamp"


def test_a_paragraph_pieced_together_from_earlier_sentences_is_a_repeat():
    blurb = "Floods hit three coastal towns overnight, forcing hundreds of families from their homes, officials said on Wednesday. Our reporter has the latest."
    result = clean(article(LEAD, "Our reporter has the latest.", SECOND, blurb, THIRD))
    assert rules(result)[blurb] == "repeated"
    assert kept(result)[-1] == THIRD


def test_a_paragraph_repeated_with_other_apostrophes_is_a_repeat():
    result = clean(article(LEAD, "The town’s mayor said the council’s plan had failed the residents badly.", SECOND,
                           "The town's mayor said the council's plan had failed the residents badly.", THIRD))
    assert [r.rule for r in result.removed] == ["repeated"]


def test_the_headline_printed_again_after_the_body_is_removed():
    result = clean(article("Floods hit three coastal towns", LEAD, SECOND, "Floods hit three coastal towns overnight", THIRD))
    assert rules(result)["Floods hit three coastal towns overnight"] == "headline"


@pytest.mark.parametrize(
    ("raw", "decoded"),
    [
        ("He said &quot;no&quot; twice", 'He said "no" twice'),
        ("He said quot;no quot; twice", 'He said "no " twice'),
        ("Town&#8217;s mayor", "Town’s mayor"),
        ("Fish &amp; chips", "Fish & chips"),
    ],
)
def test_leftover_html_entities_are_decoded(raw, decoded):
    assert decode_entities(raw) == decoded
    assert normalise_text(raw) == decoded


def test_the_headline_is_the_sources_title_when_the_manifest_gives_none(tmp_path):
    from comparators.loading import load_story

    (tmp_path / "a.txt").write_text(article("Floods hit three coastal towns", LEAD, SECOND), encoding="utf-8")
    (tmp_path / "b.txt").write_text(article(LEAD, SECOND), encoding="utf-8")
    story = load_story([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert [s.title for s in story.sources] == ["Floods hit three coastal towns", None]


@pytest.mark.parametrize(
    "line",
    [
        "The river is rising fast, stay safe everyone pic.twitter.com/AbC123xyz",
        "— Jane Doe (@janedoe) March 3, 2021",
    ],
)
def test_what_an_embedded_post_leaves_is_removed(line):
    assert match_line_rule(line)[0] == "embed"


def test_a_caption_between_a_short_first_paragraph_and_the_reporting_is_still_removed():
    result = clean(article("Floods again.", "Rescue boat on a flooded street", LEAD, SECOND))
    assert kept(result) == ["Floods again.", LEAD, SECOND]
    assert rules(result)["Rescue boat on a flooded street"] == "caption"
