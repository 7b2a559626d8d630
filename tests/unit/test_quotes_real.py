"""Quotes as real pages print them: mismatched and doubled marks, one person under
several renderings, the same statement worded differently by outlets that do not name
the speaker alike. Fixtures are made up here."""

from __future__ import annotations

import pytest

from comparators.cleaning import normalise_text
from comparators.model import Paragraph, QuoteStatus, Source, Story
from comparators.quote_matching import story_quotes
from comparators.speakers import same_person


def story(**articles: str) -> Story:
    sources = tuple(
        Source(
            id=name,
            outlet=name,
            path=None,
            paragraphs=tuple(Paragraph(i, normalise_text(t), i + 1) for i, t in enumerate(body.strip().split("\n\n"))),
        )
        for name, body in articles.items()
    )
    return Story(title="test", sources=sources)


def quote_texts(**articles: str) -> list[str]:
    return [q.text for q in story_quotes(story(**articles))[0]]


def test_doubled_single_marks_quote_like_double_ones():
    assert quote_texts(ap="''The bridge will reopen in spring,'' the mayor said on Tuesday.") == [
        "The bridge will reopen in spring,"
    ]


def test_a_quote_opened_with_a_double_mark_may_close_with_a_single_one():
    assert quote_texts(ap="“The bridge will reopen in spring, we promise’, the mayor wrote on Twitter.") == [
        "The bridge will reopen in spring, we promise"
    ]


def test_an_opening_mark_that_lost_its_space_still_opens_a_quote():
    found = quote_texts(ap="“We will rebuild,” said the mayor.”Those responsible will pay the full price,” she added.")
    assert found == ["We will rebuild,", "Those responsible will pay the full price,"]


def test_single_marks_in_an_article_quoting_with_double_ones_are_quotes_too():
    found = quote_texts(ap="“The river is falling now,” the mayor said. She called for ‘calm and patience from everyone’ tonight.")
    assert found == ["The river is falling now,", "calm and patience from everyone"]


def test_single_marks_nested_in_a_double_quote_stay_part_of_it():
    assert quote_texts(ap="“They told us ‘never give up’ and we did not,” the mayor said.") == [
        "They told us ‘never give up’ and we did not,"
    ]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Petro Poroshenko", "Pyotr Poroshenko"),
        ("Lee Min-jun", "Lee Min-joon"),
        ("Tedros", "Tedros Adhanom Ghebreyesus"),
        ("Ma", "Ma Liya"),
    ],
)
def test_one_person_under_several_renderings_is_one_speaker(a, b):
    assert same_person(a, b)


@pytest.mark.parametrize(("a", "b"), [("John Smith", "Jane Smith"), ("Lee Min-jun", "Lee Jae-sung")])
def test_different_people_stay_apart(a, b):
    assert not same_person(a, b)


def test_a_statement_worded_differently_by_an_outlet_that_names_no_speaker_is_a_variant():
    quotes = story_quotes(story(
        ap="“I am leaving the mayor's office, but I am not leaving city politics,” Mayor Lena Ortiz said.",
        wire="The statement was short. “I will leave the mayor's office but will never leave city politics.”",
    ))[0]
    assert [q.status for q in quotes] == [QuoteStatus.VARIANT, QuoteStatus.VARIANT]


def test_two_quotes_sharing_a_word_or_two_without_a_named_speaker_stay_unique():
    quotes = story_quotes(story(
        ap="“The city will rebuild the old bridge,” Mayor Lena Ortiz said.",
        wire="A resident said: “The old ferry was better than any bridge.”",
    ))[0]
    assert [q.status for q in quotes] == [QuoteStatus.UNIQUE, QuoteStatus.UNIQUE]


def test_a_quoted_phrase_someone_is_said_to_have_said_is_a_quote():
    quotes = story_quotes(story(ap="Mayor Lena Ortiz maintains she is a victim of “deliberate sabotage” by her rivals."))[0]
    assert [(q.text, q.speaker) for q in quotes] == [("deliberate sabotage", "Lena Ortiz")]


def test_a_quoted_phrase_another_outlet_quotes_too_is_a_shared_quote():
    quotes = story_quotes(story(
        ap="Officials quoted the fire brigade as saying the flooding was “largely avoidable” after the works.",
        wire="Reports suggest the flooding was “largely avoidable” in the town.",
    ))[0]
    assert [q.status for q in quotes] == [QuoteStatus.SHARED, QuoteStatus.SHARED]


def test_a_scare_quoted_phrase_stays_a_term():
    quotes, terms = story_quotes(story(ap="The “yellow vest” protests went on for a year in the city."))
    assert quotes == () and [t.text for t in terms] == ["yellow vest"]


def test_a_quote_closed_with_the_wrong_mark_ends_there_when_the_next_quote_opens():
    found = quote_texts(ap="The mayor spoke. “The bridge is a symbol for the town.’ Her deputy agreed. “The bridge is ours.”")
    assert found == ["The bridge is a symbol for the town.", "The bridge is ours."]


def test_one_word_and_small_ones_in_common_do_not_share_a_quote():
    quotes = story_quotes(story(
        ap="The mayor spoke of ‘part of us’ that was lost.",
        wire="“It is sad to see this part of us burn,” the mayor said.",
    ))[0]
    assert all(q.status != QuoteStatus.SHARED for q in quotes)


def test_near_identical_wordings_an_edit_apart_are_worded_differently_not_shared():
    quotes = story_quotes(story(
        ap="“It is right that the council be held responsible for the damage, to stop the power given by voters being abused again,” the judge said.",
        wire="“It is right that the council be held responsible for the damage, to stop the power granted by voters being abused again,” the judge said.",
    ))[0]
    assert [q.status for q in quotes] == [QuoteStatus.VARIANT, QuoteStatus.VARIANT]


def test_a_small_word_more_or_an_editors_insertion_does_not_make_a_quote_differ():
    quotes = story_quotes(story(
        ap="“I promise I will never let the town down,” the mayor said.",
        wire="“I promise that I will never let the [flooded] town down,” the mayor said.",
    ))[0]
    assert [q.status for q in quotes] == [QuoteStatus.SHARED, QuoteStatus.SHARED]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Even before the first results came in, Mayor Lena Ortiz conceded defeat, saying, "I am leaving office but not the city."', "Lena Ortiz"),
        ('"We will rebuild the bridge," Mayor Lena Ortiz – who took office in May – told reporters.', "Lena Ortiz"),
        ('Mayor Lena Ortiz spoke first. "We will rebuild the bridge by spring," she began.', "Lena Ortiz"),
    ],
)
def test_speakers_after_saying_across_dash_set_asides_and_by_pronoun(text, speaker):
    (quote,) = story_quotes(story(ap=text))[0]
    assert quote.speaker == speaker


def test_a_quote_going_on_after_its_attribution_keeps_its_speaker():
    quotes = story_quotes(story(ap='"We will rebuild the bridge by spring," said Ortiz, who was elected in May, "and nobody will stop us."'))[0]
    assert [q.speaker for q in quotes] == ["Ortiz", "Ortiz"]
