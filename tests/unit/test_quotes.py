"""Quotes: what counts as one, who said it, and which other outlets carry it."""

from __future__ import annotations

import sys
from dataclasses import replace

import pytest

from comparators.diff import word_diff
from comparators import load_story
from comparators.model import Paragraph, QuoteMatch, QuoteStatus, Source, Story
from comparators.quote_matching import story_quote_groups, story_quotes
from comparators.quote_status import match_label
from comparators.speakers import ORGANISATION, PERSON, Attribution, attribute, organisation_key, same_person, speaker_keys
from comparators.quotes import find_spans
from comparators.speakers.mentions import find_mentions, places_named
from comparators.speakers.names import Context, resolve
from comparators.speech import actors, deeds


from quote_labels import load_labels, score


def story(**articles: str) -> Story:
    """A story with one source per keyword; paragraphs are separated by blank lines."""
    sources = tuple(
        Source(
            id=name.replace("_", "-"),
            outlet=name,
            path=None,
            paragraphs=tuple(
                Paragraph(i, text.strip(), i + 1) for i, text in enumerate(body.strip().split("\n\n"))
            ),
        )
        for name, body in articles.items()
    )
    return Story(title="test", sources=sources)


def quotes_of(**articles: str):
    return story_quotes(story(**articles))[0]


def texts(quotes) -> list[str]:
    return [q.text for q in quotes]


# ---------------------------------------------------------------- extraction


def test_a_quote_keeps_its_source_paragraph_and_offsets():
    st = story(ap='Intro line.\n\nThe mayor said: "We will rebuild the bridge by spring." Then he left.')
    (quote,) = story_quotes(st)[0]
    paragraph = st.sources[0].paragraphs[1].text
    assert (quote.source, quote.paragraph) == ("ap", 1)
    assert paragraph[quote.start : quote.end] == quote.text == "We will rebuild the bridge by spring."


def test_a_quote_split_across_two_paragraphs_is_one_quote():
    (quote,) = quotes_of(
        ap="“We have never seen anything like it,” said Jane Doe, the fire chief. “The flames rose fast.\n\n"
        "“Everyone got out in time, and that is what matters,” she added."
    )[1:]
    assert quote.paragraph == 0 and quote.end_paragraph == 1
    assert quote.text == "The flames rose fast.\n\nEveryone got out in time, and that is what matters,"


def test_a_multi_paragraph_quote_is_attributed_from_its_last_paragraph():
    (quote,) = quotes_of(
        ap="“The flames rose fast and the wind turned twice.\n\n"
        "“Everyone got out in time, and that is what matters,” said fire chief Jane Doe."
    )
    assert quote.speaker == "Jane Doe"


def test_an_apostrophe_inside_a_quote_does_not_close_it():
    (quote,) = quotes_of(
        ap="“It’s Iran’s decision and the Russians’ jets, not ours,” the minister's aide said."
    )
    assert quote.text == "It’s Iran’s decision and the Russians’ jets, not ours,"


def test_straight_and_curly_quotes_mixed_in_one_article_are_all_found():
    found = quotes_of(
        ap='"We did know in time," Garver said. He added that they “informed us they were coming through”.'
    )
    assert texts(found) == ["We did know in time,", "informed us they were coming through"]


def test_guillemets_are_quote_marks():
    (quote,) = quotes_of(ap="Le ministre a dit « nous ne reculerons pas devant la menace ». Fin.")
    assert quote.text.strip() == "nous ne reculerons pas devant la menace"


def test_single_quotes_inside_double_ones_stay_part_of_the_quote():
    (quote,) = quotes_of(ap='“They call it ‘a turning point’ and it is one,” said John Smith.')
    assert quote.text == "They call it ‘a turning point’ and it is one,"


def test_an_article_quoting_with_single_marks_is_read_with_them():
    found = quotes_of(
        herald="‘It’s the Russians’ choice, not ours,’ said Jane Doe. The Russians’ jets left.\n\n"
        "Mr Smith said the plan was 'simply not good enough for the people of Leeds'."
    )
    assert texts(found) == ["It’s the Russians’ choice, not ours,", "simply not good enough for the people of Leeds"]


def test_an_article_quoting_with_single_marks_is_read_with_them_despite_a_stray_double_mark():
    found = quotes_of(
        mail="Labour leader Keir Starmer said the plan was 'reckless and dangerous for the country's workers'.\n\n"
        "'We've made our position clear and it's not going to change,' the Prime Minister told MPs.\n\n"
        'The 15" screens were also mentioned.'
    )
    assert texts(found) == [
        "reckless and dangerous for the country's workers",
        "We've made our position clear and it's not going to change,",
    ]


def test_words_in_a_quoted_term_are_never_taken_for_the_speaker():
    (quote,) = quotes_of(
        mail="Fishermen called the plans “a betrayal” and the farmers' union said members were "
        "“deeply worried about what comes next”."
    )
    assert quote.speaker == "the farmers' union"


def test_an_article_with_an_odd_number_of_quote_marks_still_yields_its_other_quotes():
    found = quotes_of(
        ap="“We will not leave,” said Jane Doe.\n\n"
        "The council called the plan “a waste of public money and time.\n\n"
        "Officials said: “The works start in May and end in June.” Nobody objected.\n\n"
        "“It is a good day for the town,” said John Smith."
    )
    assert texts(found) == [
        "We will not leave,",
        "The works start in May and end in June.",
        "It is a good day for the town,",
    ]


def test_a_stray_mark_inside_a_paragraph_keeps_the_quotes_after_it():
    found = quotes_of(ap='He said "we will see, and later "the bridge stays open until May" according to officials.')
    assert texts(found) == ["the bridge stays open until May"]


def test_a_nickname_in_quotes_is_a_quoted_term_not_a_quote():
    quotes, terms = story_quotes(
        story(ap="A Su-34 “Fullback” strike fighter and an Il-76 “Candid” landed near “Hamedan” on Monday.")
    )
    assert quotes == ()
    assert [t.text for t in terms] == ["Fullback", "Candid", "Hamedan"]


def test_a_title_in_quotes_is_a_quoted_term():
    quotes, terms = story_quotes(story(ap='She starred in "The Long Way Home" last year.'))
    assert quotes == () and [t.text for t in terms] == ["The Long Way Home"]
    # ... also when it ends the sentence and holds its stop or comma, American style
    quotes, terms = story_quotes(story(ap="The bridge was painted by Anna Weiss in her 1902 “The Old Crossing.”"))
    assert quotes == () and [t.text for t in terms] == ["The Old Crossing."]
    quotes, terms = story_quotes(story(ap="Her painting “The Old Crossing,” now in Vienna, shows it."))
    assert quotes == () and [t.text for t in terms] == ["The Old Crossing,"]
    # a title-case sentence quoted on its own is still a quote
    (quote,) = quotes_of(ap="The crowd chanted. “Build The Bridge Again.”")
    assert quote.text == "Build The Bridge Again."


def test_a_fragment_of_three_words_woven_into_a_sentence_is_a_quote():
    (quote,) = quotes_of(ap='Komoyedov said the move will help to cut costs, which is "paramount right now."')
    assert quote.text == "paramount right now."


def test_a_short_sentence_quoted_on_its_own_is_a_quote():
    (quote,) = quotes_of(ap="“Never again,” she said, before John Smith left the room.")
    assert quote.text == "Never again,"


# ---------------------------------------------------------------- speakers


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("“We did know in time,” said Pentagon spokesman Christopher Garver.", "Christopher Garver"),
        (
            "“The issue of costs is paramount,” Admiral Vladimir Komoyedo, an MP and retired commander "
            "of Russia’s Black Sea Fleet, told Interfax.",
            "Vladimir Komoyedo",
        ),
        ("Col. Christopher Garver told reporters, “We did know in time.”", "Christopher Garver"),
        (
            "IRNA quoted Ali Shamkhani, the secretary of the council, as saying that they exchanged "
            "“capacity and possibilities” in the fight.",
            "Ali Shamkhani",
        ),
        ("A top lawmaker, Adm. Vladimir Komoyedov, said costs are “paramount right now.”", "Vladimir Komoyedov"),
        ("“Constructive cooperation will continue,” Shamkhani, a former military chief, pointed out.", "Shamkhani"),
        ("“Our decision is final and binding,” Mr Shamkhani insisted on Tuesday.", "Shamkhani"),
        ("According to Defense Minister Sergei Shoigu, “the talks are in a very active stage.”", "Sergei Shoigu"),
        ("Secretary of State Antony Blinken on Monday urged calm, saying “nobody wants a war here.”", "Antony Blinken"),
        ("“This is not over,” warned Gen. Mark Milley, chairman of the Joint Chiefs of Staff.", "Mark Milley"),
        ("Kremlin spokesman Dmitry Peskov said the claims were “absolutely unfounded and absurd”.", "Dmitry Peskov"),
        ("“It is a disaster for us,” said a senior official who asked not to be named.", "a senior official"),
        ("“We will not surrender” — Ukrainian President Volodymyr Zelensky.", "Volodymyr Zelensky"),
        ("“The strikes were precise,” said a ministry spokesman, Igor Konashenkov, on Monday.", "Igor Konashenkov"),
        ("“Brexit means Brexit,” Theresa May said.", "Theresa May"),
        ("John Kelly repeatedly said the wall was “not going to be built this year”.", "John Kelly"),
        ("Mayor Ann Lee revealed that the bridge “had been unsafe for a decade”.", "Ann Lee"),
    ],
)
def test_the_speaker_is_the_name_next_to_a_verb_of_saying_with_titles_stripped(sentence, speaker):
    (quote,) = quotes_of(ap=sentence)
    assert quote.speaker == speaker
    assert quote.speaker_evidence


def test_an_abbreviation_the_passages_read_past_does_not_cut_the_speakers_sentence_either():
    # One sentence splitter for passages and speakers: "approx." ends no sentence in either.
    (quote,) = quotes_of(ap="Mayor Ann Lee said the convoy of approx. 40 trucks was “moving slowly and safely”.")
    assert quote.speaker == "Ann Lee"


def test_he_said_resolves_to_the_last_named_person():
    found = quotes_of(
        ap="Col. Christopher Garver, a U.S. military spokesman in Baghdad, spoke to reporters in Washington.\n\n"
        "“The Russians did notify the coalition,” he said, adding that they “informed us they were coming through”."
    )
    assert [q.speaker for q in found] == ["Christopher Garver", "Christopher Garver"]
    assert "'he'" in found[0].speaker_evidence


def test_he_said_skips_names_of_groups_and_places_to_reach_the_last_person():
    (quote,) = quotes_of(
        ap="John Smith arrived late on Monday. Islamic State claimed the attack in the United States.\n\n"
        "“We are ready for anything,” he said."
    )
    assert quote.speaker == "John Smith"


def test_a_bare_surname_is_completed_from_the_full_name_given_earlier():
    found = quotes_of(
        ap="“It is a turning point,” said Fawaz Gerges, professor at the London School of Economics.\n\n"
        "Gerges, the analyst, said more. “It is just too poisonous for the administration,” he said."
    )
    assert [q.speaker for q in found] == ["Fawaz Gerges", "Fawaz Gerges"]


def test_the_ministry_said_is_the_organisation_named_before():
    (quote,) = quotes_of(
        guardian="Bombers struck targets on Tuesday, the Russian ministry of defence said in a statement.\n\n"
        "“The aircraft carried out group attacks on positions,” the ministry said."
    )
    assert quote.speaker == "Russian ministry of defence"


def test_a_speaker_introduced_at_the_end_of_the_paragraph_before_speaks_the_quote():
    found = quotes_of(ap="Gen. Mark Milley told lawmakers:\n\n“We will keep watching the situation very closely.”")
    assert [q.speaker for q in found] == ["Mark Milley"]


def test_where_a_named_speaker_spoke_does_not_hide_them_from_the_verb():
    (quote,) = quotes_of(
        a="Mayor Lena Ortiz spoke on Monday.\n\n"
        "Ortiz in her speech promised answers about “the old bridge that has stood unrepaired for six years.”"
    )
    assert quote.speaker == "Lena Ortiz"


def test_a_quote_after_a_sentence_reporting_someones_words_is_theirs():
    (quote,) = quotes_of(
        a="After the count, Mayor Lena Ortiz thanked her voters and promised them that she would not let "
        "them down. “I am not yet sworn in, but I can say to every town: look at us.”"
    )
    assert quote.speaker == "Lena Ortiz"
    assert "sentence before" in quote.speaker_evidence


def test_a_spokesman_of_a_named_person_is_not_that_person():
    (quote,) = quotes_of(
        a="The spokesman of the mayor Lena Ortiz noted that the images hurt. “The bridge is a symbol for all of us.”"
    )
    assert quote.speaker == "The spokesman of the mayor Lena Ortiz"


def test_a_phrase_in_a_reported_clause_is_the_reporting_speakers():
    (quote,) = quotes_of(
        a="Judge Kim Se-yun said Park had shown no remorse and continued to blame others with "
        "“unconvincing excuses.”"
    )
    assert quote.speaker == "Kim Se-yun"


def test_a_phrase_after_to_and_a_verb_of_saying_is_the_sentences_subject():
    (quote,) = quotes_of(
        a="Salim Amin, son of a photographer, took to Twitter to express his “sincere condolences” "
        "but praised the airline."
    )
    assert quote.speaker == "Salim Amin"


def test_words_of_people_in_a_relative_clause_are_not_the_sentences_subject():
    quotes, terms = story_quotes(
        story(
            a="Mr. Finot added that the cause was unknown, however, early French media reports quoted fire "
            "officials, who said the blaze could be “potentially linked” to the works on the spire."
        )
    )
    assert quotes == ()  # no one named says it: a quoted term, never Finot's quote
    assert [t.text for t in terms] == ["potentially linked"]


# ---------------------------------------------------------------- the subject across an apposition or relative clause


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        # A relative clause between the subject and its verb, naming someone else, with or
        # without an apposition of its own: the name inside it is not the subject.
        ("Lena Ortiz, who lost the race to her rival, banker Tomas Brandt, has conceded the count.", "Lena Ortiz"),
        ("Karl Weiss, who worked for Mayor Lena Ortiz for a decade, has resigned.", "Karl Weiss"),
        ("Karl Weiss, whose sister, Anna Weiss, ran the campaign, said the count was fair.", "Karl Weiss"),
        ("Karl Weiss, 61, who worked for Lena Ortiz, resigned on Monday.", "Karl Weiss"),
        # An apposition naming someone else, closed by a comma before the verb.
        ("Tomas Brandt, the rival of Lena Ortiz, said the count was fair.", "Tomas Brandt"),
        ("Karl Weiss, a former aide to Lena Ortiz, has resigned.", "Karl Weiss"),
        ("Anna Weiss, Brandt’s spokeswoman, said the count was fair.", "Anna Weiss"),
        # Someone named as another's: the name nearest the verb.
        ("Ortiz’s rival Tomas Brandt said the count was fair.", "Tomas Brandt"),
    ],
)
def test_the_subject_is_read_past_an_apposition_or_relative_clause_naming_someone_else(sentence, subject):
    assert actors(sentence) == ((subject, PERSON),)


def test_a_quotes_speaker_is_read_past_a_relative_clause_naming_someone_else():
    (quote,) = quotes_of(
        a="Lena Ortiz, who beat her rival, banker Tomas Brandt, in May, said the bridge was “a symbol for all of us”."
    )
    assert quote.speaker == "Lena Ortiz"


def test_the_subject_of_a_verb_inside_a_relative_clause_is_still_read():
    # "which Lena Ortiz opened": her deed; the bridge that collapsed is no one.
    assert deeds("The bridge, which Lena Ortiz opened in 2019, collapsed on Monday.") == (
        (("Lena Ortiz", PERSON), "opened"),
    )
    # The verb of a relative clause is said of the name just before it.
    assert actors("Anna Weiss, daughter of the painter Karl Weiss, who was arrested in 1990, spoke on Monday.") == (
        ("Karl Weiss", PERSON),
    )
    # A name after the clause's closing comma is the subject, as it always was.
    assert actors("After the meeting, which lasted two hours, Tomas Brandt said the count was fair.") == (
        ("Tomas Brandt", PERSON),
    )
    # ... with an apposition of its own: a relative clause after an opening phrase is not
    # the subject's, nor is that phrase ("In Berlin" is no one).
    assert actors("After the meeting, which lasted two hours, Tomas Brandt, the mayor, said the count was fair.") == (
        ("Tomas Brandt", PERSON),
    )
    assert actors("In Berlin, which Lena Ortiz visited, Tomas Brandt, the mayor, has said the count was fair.") == (
        ("Lena Ortiz", PERSON),
        ("Tomas Brandt", PERSON),
    )


def test_a_spokesman_of_a_named_person_past_a_relative_clause_is_still_not_that_person():
    assert actors("The spokesman of the mayor Lena Ortiz, who spoke on Monday, said the count was fair.") == ()


def test_a_quote_with_no_verb_of_saying_nearby_has_an_unknown_speaker():
    (quote,) = quotes_of(ap="The new bridge design is “a waste of good steel” by most accounts.")
    assert quote.speaker is None


def test_a_pronoun_with_no_one_named_before_leaves_the_speaker_unknown():
    found = quotes_of(ap="“We will respond,” Russia’s Vladimir Putin said. “It is time to act now,” he said.")
    assert found[1].speaker == "Vladimir Putin"
    (quote,) = quotes_of(ap="The talks ended late. “It is time to act now,” he said.")
    assert quote.speaker is None and "no person named" in quote.speaker_evidence


def test_a_following_quote_without_attribution_continues_the_speaker():
    found = quotes_of(
        guardian="“Costs are paramount right now,” Vladimir Komoyedo told Interfax. “Flying from Iran means less fuel.”"
    )
    assert [q.speaker for q in found] == ["Vladimir Komoyedo", "Vladimir Komoyedo"]
    assert "continues" in found[1].speaker_evidence


def test_a_paragraph_that_is_only_a_quote_continues_the_speaker_before_it():
    found = quotes_of(
        ap="“Why now?” asked Tom Baker, a local farmer.\n\n“Why not last year, when it mattered?”\n\n"
        "The talks ended. “We will win this” — the defiant words of the mayor."
    )
    assert [q.speaker for q in found] == ["Tom Baker", "Tom Baker", None]


def test_she_said_resolves_to_a_person_introduced_with_her_age():
    (quote,) = quotes_of(
        ap="Anna Petrova, 41, a nurse from Kharkiv, was among those waiting outside.\n\n"
        "“We have been waiting for hours and nobody tells us anything,” she said."
    )
    assert quote.speaker == "Anna Petrova"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Komoyedo", "Adm. Vladimir Komoyedov"),
        ("Garver", "Christopher Garver"),
        ("Col. Christopher Garver", "Chris Garver"),
        ("J. Smith", "John Smith"),
        ("Mr Shamkhani", "Ali Shamkhani"),
    ],
)
def test_one_person_named_differently_is_one_speaker(a, b):
    assert same_person(a, b)


@pytest.mark.parametrize(("a", "b"), [("John Smith", "Jane Smith"), ("Smith", "Smyth"), ("Ali Shamkhani", "Ali Khamenei")])
def test_different_people_are_different_speakers(a, b):
    assert not same_person(a, b)


def test_speaker_keys_join_the_names_of_one_person_across_outlets():
    keys = speaker_keys([("Vladimir Komoyedo", "person"), ("Vladimir Komoyedov", "person"), ("Komoyedov", "person")])
    assert len(set(keys.values())) == 1


def test_speaker_keys_join_names_sharing_no_word_when_the_surnames_are_alike():
    names = [
        ("Adm. Vladimir Komoyedov", "person"), ("Komoyedo", "person"),  # no word in common
        ("Petro Poroshenko", "person"), ("Pyotr Poroshenko", "person"),
        ("Ma Liya", "person"), ("Ma", "person"),
        ("John Smith", "person"), ("Jane Smith", "person"),
    ]
    keys = speaker_keys(names)
    assert keys[names[0]] == keys[names[1]]
    assert keys[names[2]] == keys[names[3]]
    assert keys[names[4]] == keys[names[5]]
    assert keys[names[6]] != keys[names[7]]
    assert len(set(keys.values())) == 5


def test_one_organisation_spelt_two_ways_is_one_speaker():
    assert organisation_key("the Russian ministry of defence") == organisation_key("Russian Defense Ministry")


# ---------------------------------------------------------------- matching


def test_a_quote_only_one_outlet_carries_is_marked_unique():
    found = quotes_of(
        ap="“Russia is here to stay in the region,” said Fawaz Gerges.",
        xinhua="“The Russians did notify the coalition as per the memorandum,” said Christopher Garver.",
    )
    assert [q.status for q in found] == [QuoteStatus.UNIQUE, QuoteStatus.UNIQUE]
    assert all(q.matches == () for q in found)


def test_a_fragment_shared_between_two_outlets_is_shared_both_ways():
    ap, herald = quotes_of(
        ap="Adm. Vladimir Komoyedov said the move will help to cut costs, which is “paramount right now.”",
        herald="“The issue of costs for combat actions is paramount right now, we should stick to the budget,” "
        "Admiral Vladimir Komoyedo told Interfax.",
    )
    assert ap.status == herald.status == QuoteStatus.SHARED
    assert [(m.quote, m.kind, m.similarity) for m in ap.matches] == [(herald.id, "shared", 1.0)]
    assert [m.quote for m in herald.matches] == [ap.id]


def test_a_wire_quote_copied_by_many_outlets_is_one_wording_in_one_group():
    wire = "“We will rebuild the bridge by spring, whatever it costs the city,” Mayor Lena Ortiz said."
    reworded = "Mayor Lena Ortiz said the city would “rebuild the bridge by spring” at any cost."
    other = "“The river has never been this high,” said Tom Reyes, a ferry captain."
    st = story(**{f"paper_{i}": wire for i in range(6)}, agency=reworded, local=other)
    quotes, _terms, groups = story_quote_groups(st)
    copies = [q for q in quotes if q.source.startswith("paper")]
    assert {q.status for q in copies} == {QuoteStatus.SHARED}
    assert all(len(q.matches) == 6 for q in copies)  # the five other papers and the agency
    (group,) = [g for g in groups if copies[0].id in g.quotes]
    assert {q.group for q in quotes if q.source != "local"} == {group.id}
    assert group.wordings == (tuple(q.id for q in copies), ("agency:q1",))
    assert [(link.a, link.b, link.kind) for link in group.links] == [(0, 0, "shared"), (0, 1, "shared")]
    (captain,) = [q for q in quotes if q.source == "local"]
    assert captain.status == QuoteStatus.UNIQUE and captain.group not in {group.id}


def test_the_same_words_repeated_in_one_outlet_are_not_a_match():
    quotes, _terms, groups = story_quote_groups(story(
        ap="“We will rebuild the bridge by spring,” Mayor Lena Ortiz said.\n\n"
        "Later she repeated: “We will rebuild the bridge by spring.”",
    ))
    assert [q.status for q in quotes] == [QuoteStatus.UNIQUE, QuoteStatus.UNIQUE]
    assert len({q.group for q in quotes}) == 2 and all(g.links == () for g in groups)


def test_two_outlets_quoting_overlapping_stretches_of_one_statement_share_it():
    ap, herald = quotes_of(
        ap="“We will rebuild every school and every hospital in the region before the winter comes, "
        "whatever it costs us,” said Jane Doe.",
        herald="Jane Doe said: “We will rebuild every school and every hospital in the region before the winter "
        "comes. Nobody will be left behind, and nobody will be forgotten.”",
    )
    assert ap.status == herald.status == QuoteStatus.SHARED


def test_two_translations_of_one_statement_by_one_speaker_are_variants():
    xinhua, tehran = quotes_of(
        xinhua="“Tehran-Moscow cooperation in the fight against terrorism in Syria is strategic and we "
        "exchange capacities and potentialities in this field,” Ali Shamkhani said.",
        tehran_times="Iran and Russia “enjoy strategic cooperation in the fight against terrorism in Syria, "
        "and share their facilities and capacities to this end,” said Shamkhani, according to IRNA.",
    )
    assert xinhua.status == tehran.status == QuoteStatus.VARIANT
    assert xinhua.speaker_key == tehran.speaker_key
    (match,) = xinhua.matches
    assert (match.quote, match.kind) == (tehran.id, "variant") and 0.5 <= match.similarity <= 1
    ops = word_diff(xinhua.text, tehran.text)
    assert {op for op, _ in ops} == {-1, 0, 1}


def test_the_same_words_from_two_different_speakers_are_not_variants_but_may_be_shared():
    a, b = quotes_of(
        ap="“We will rebuild the bridge and the school by the spring,” said Jane Doe.",
        xinhua="“Schools and bridges come first, before the spring,” said John Smith.",
    )
    assert a.status == b.status == QuoteStatus.UNIQUE


def test_a_quote_can_be_shared_with_one_outlet_and_a_variant_of_another():
    ap, herald, xinhua = quotes_of(
        ap="IRNA quoted Ali Shamkhani as saying that Tehran and Moscow exchanged “capacity and possibilities”.",
        herald="IRNA quoted Ali Shamkhani as saying that both have exchanged “capacity and possibilities” lately.",
        xinhua="“We exchange capacities and potentialities in this field,” Ali Shamkhani said.",
    )
    assert ap.status == QuoteStatus.SHARED
    assert {(m.source, m.kind) for m in ap.matches} == {("herald", "shared"), ("xinhua", "variant")}


def test_a_rewording_by_one_speaker_is_a_variant_wherever_it_stands_in_the_story():
    # No aligned groups here: the two paragraphs are matched as the speaker's statements.
    wire, daily, apology = quotes_of(
        wire="The mayor spoke to reporters on Monday.\n\n"
        "“It will cost the city a great deal and that hurts. Still, we chose this because what "
        "matters most is passenger safety,” Mayor Lena Ortiz said.",
        daily="“By putting passenger safety first, we have decided to close the bridge and offer free "
        "buses to every commuter until it reopens,” said Ortiz.\n\n"
        "Traffic was light.\n\n"
        "“I apologise again to everyone who relies on the line,” Ortiz added.",
    )
    assert wire.speaker_key == daily.speaker_key == apology.speaker_key
    assert [(m.quote, m.kind) for m in wire.matches] == [(daily.id, "variant")]
    assert wire.status == daily.status == QuoteStatus.VARIANT
    assert apology.status == QuoteStatus.UNIQUE


def test_two_statements_of_one_speaker_sharing_topic_words_stay_apart():
    repairs, floods = quotes_of(
        wire="“The bridge repairs will take the whole winter, until spring at the earliest,” "
        "said Mayor Lena Ortiz.",
        daily="“Nobody expected the spring floods to reach the bridge,” Ortiz said.",
    )
    assert repairs.speaker_key == floods.speaker_key
    assert repairs.status == floods.status == QuoteStatus.UNIQUE


def test_an_outlet_tells_a_statement_once_so_only_its_closer_quote_is_the_rewording():
    wire, closer, other = quotes_of(
        wire="“Passenger safety comes first: the bridge stays shut until the engineers sign it off,” "
        "said Mayor Lena Ortiz.",
        daily="“The bridge is shut because passenger safety comes first, until engineers sign off,” "
        "Ortiz said.\n\n"
        "“Passenger safety was never cut from the budget,” Ortiz added.",
    )
    assert [m.quote for m in wire.matches] == [closer.id]
    assert other.status == QuoteStatus.UNIQUE


def test_a_quote_joins_at_most_one_statement_on_a_phrase_alone():
    # Two statements, each carried by two outlets; a fifth outlet's quote sharing a
    # phrase with both must not chain them into one.
    quotes = quotes_of(
        wire="“Passenger safety decides when the bridge reopens,” said Mayor Lena Ortiz.",
        herald="“Passenger safety decides when the bridge reopens,” said Ortiz.",
        daily="“The budget for road repairs has doubled this year,” Ortiz said.",
        times="“The budget for road repairs has doubled this year,” said Lena Ortiz.",
        blog="“Road repairs and passenger safety are what I will be judged on,” Lena Ortiz said.",
    )
    assert len({q.group for q in quotes}) == 2
    (blog,) = [q for q in quotes if q.source == "blog"]
    assert len({q.text for q in quotes if q.id in {m.quote for m in blog.matches}}) == 1


def test_a_short_quote_an_outlet_carries_word_for_word_is_no_variant_of_its_other_quotes():
    # AP prints "never give up" word for word; its next quote shares "give", a word, not the statement.
    quotes = quotes_of(
        rferl="Petro Poroshenko urged supporters to “never give up” on reform.",
        ap="“‘Never give up’ -- I also hear that now,” Petro Poroshenko said. “The exit polls give reasons "
        "to call my opponent now and congratulate him.”",
    )
    rferl, _ap_fragment, congratulate = quotes
    assert {m.kind for m in rferl.matches} == {"shared"}
    assert congratulate.status == QuoteStatus.UNIQUE


# ---------------------------------------------------------------- the seeds


def test_the_seed_quotes_are_found_attributed_and_matched_as_labelled(seed_story):
    scores = score(*story_quotes(seed_story), load_labels())
    assert scores.precision >= 0.9 and scores.recall >= 0.9, scores.misses
    assert scores.speaker_accuracy >= 0.9, scores.misses
    assert scores.status_accuracy >= 0.9, scores.misses


def test_the_comparison_carries_the_quotes_and_quoted_terms(seed_comparison):
    assert any(q.status == QuoteStatus.UNIQUE for q in seed_comparison.quotes)
    assert {t.text for t in seed_comparison.quoted_terms} >= {"Fullback", "Candid"}


# ---------------------------------------------------------------- synopsis quotes


def test_synopsis_quotes_prints_quotes_grouped_by_speaker_with_unique_ones_marked(capsys, monkeypatch):
    from tui.cli.main import main

    monkeypatch.setenv("COLUMNS", "160")
    assert main(["quotes"]) == 0
    out = capsys.readouterr().out
    assert "✱ only here" in out and "shared" in out and "worded differently" in out
    assert out.count("Christopher Garver") == 1  # one speaker row heads the group
    assert "[-" in out and "+}" in out  # a variant's word diff


def test_synopsis_quotes_why_shows_the_rule_that_named_each_speaker(capsys, monkeypatch):
    from tui.cli.main import main

    monkeypatch.setenv("COLUMNS", "200")
    assert main(["quotes", "--why", "--status", "unique"]) == 0
    out = capsys.readouterr().out
    assert "'said X' after the quote" in out and "shared" not in out


def test_synopsis_quotes_never_reads_article_text_as_markup(tmp_path, capsys, monkeypatch):
    from tui.cli.main import main

    monkeypatch.setenv("COLUMNS", "160")  # the quote on one line, so the brackets stay together
    article = tmp_path / "wire.txt"
    article.write_text('"Read the [bold]small print[/bold] before you sign," said Jane Doe.\n', encoding="utf-8")
    assert main(["quotes", "--status", "unique", str(article)]) == 0
    assert "[bold]small print[/bold]" in capsys.readouterr().out


def test_synopsis_quotes_strips_escape_sequences_from_quotes_speakers_and_outlets():
    import io

    from rich.console import Console

    from comparators.model import Quote
    from tui.cli.quotes import quotes_table

    hostile = story(ap="“We will strike again,” said Jane Doe.")
    ap = replace(hostile.sources[0], outlet="AP\x1b[2J")
    quote = Quote(
        id="ap:q1", source="ap", paragraph=0, start=1, end=21, text="We will \x1b]0;owned\x07strike again",
        speaker="Jane\x1b[31m Doe", speaker_evidence="'said X' after the quote",
    )
    out = io.StringIO()
    Console(file=out, width=160, color_system=None).print(
        quotes_table(replace(hostile, sources=(ap,)), (quote,), why=True)
    )
    shown = out.getvalue()
    assert "\x1b" not in shown and "\x07" not in shown
    assert "strike again" in shown and "AP" in shown


# ---------------------------------------------------------------- one reading of a phrase, any places


def test_a_phrase_read_before_is_read_again_where_the_article_names_it_a_place():
    no_one_named = Context((), frozenset(), 0, 0)
    in_georgia = Context((), frozenset({"Georgia"}), 0, 0)
    assert resolve("Georgia", no_one_named, "", nearest_last=True) == Attribution("Georgia", "", PERSON)
    assert resolve("Georgia", in_georgia, "", nearest_last=True) == Attribution("Georgia", "", ORGANISATION)
    assert resolve("Georgia", no_one_named, "", nearest_last=True) == Attribution("Georgia", "", PERSON)


def test_places_a_phrase_does_not_name_leave_its_reading_as_it_is():
    phrase = "Earlier, Pentagon spokesman Christopher Garver"
    alone = resolve(phrase, Context((), frozenset(), 0, 0), "said", nearest_last=True)
    elsewhere = resolve(phrase, Context((), frozenset({"Ukraine", "Garver Street"}), 0, 0), "said", nearest_last=True)
    assert alone == elsewhere == Attribution("Christopher Garver", "said", PERSON)


def test_one_sentence_in_two_articles_speaks_for_a_person_or_a_place_as_each_article_uses_the_name():
    sentence = "“We will not pay for the pipeline,” Georgia said on Monday."
    plain, placed = story(ap=sentence, reuters=f"The talks were held in Georgia.\n\n{sentence}").sources
    assert [(a.speaker, a.kind) for a in attribute(plain, find_spans(plain))] == [("Georgia", PERSON)]
    assert [(a.speaker, a.kind) for a in attribute(placed, find_spans(placed))] == [("Georgia", ORGANISATION)]
    assert actors(sentence) == (("Georgia", PERSON),)


def test_one_paragraph_in_two_articles_names_a_person_or_a_place_as_each_article_uses_the_name():
    # (two words: one word alone names a person only once a full name ended with it)
    paragraph = "Costa Rica said it would not pay for the pipeline."
    plain, placed = story(ap=paragraph, reuters=f"{paragraph}\n\nThe talks were held in Costa Rica.").sources
    for source, kind in ((plain, PERSON), (placed, ORGANISATION), (plain, PERSON)):
        texts = [p.text for p in source.paragraphs]
        named = find_mentions(source, texts, places_named(source))
        assert {(m.paragraph, m.name, m.kind) for m in named if m.paragraph == 0} == {(0, "Costa Rica", kind)}


@pytest.mark.parametrize(
    "paragraph",
    [
        # the inverted object of "said" runs on past its sentence: the paragraph is read whole
        "Yesterday, said Karl Weiss. Brandt left the hall.",
        "Yesterday, said Karl Weiss. Brandt left the hall. Karl Weiss, the mayor, resigned.",
        # a sentence's object ends inside it: read alone, as in any paragraph repeating it
        "Lena Ortiz conceded. Tomas Brandt, the mayor, said the count was fair. The claims were denied.",
        "The bridge, which Lena Ortiz opened in 2019, collapsed on Monday. Officials said, Karl Weiss added.",
    ],
)
def test_a_paragraphs_deeds_are_those_of_reading_it_whole(paragraph):
    from comparators import speech

    for sentence in speech._sentences_read_alone(paragraph) or ():  # each read alone first, as in another paragraph
        speech._sentence_deeds(*sentence)
    assert deeds(paragraph) == speech._deeds_read_whole(paragraph)


def test_the_seed_storys_paragraphs_deeds_are_those_of_reading_them_whole():
    from comparators import speech

    texts = {paragraph.text for source in load_story([]).sources for paragraph in source.paragraphs}
    assert texts
    for text in sorted(texts):
        assert deeds(text) == speech._deeds_read_whole(text), text


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        # a title in the name's run, a role before the name, an apposition after it
        ("Mayor Lena Ortiz opened the bridge on Monday.\n\n“It will carry us for a century,” the mayor said.", "Lena Ortiz"),
        (
            "The count favoured outgoing governor Tomas Brandt on Sunday.\n\n"
            "“I accept the voters’ choice,” the outgoing governor told reporters.",
            "Tomas Brandt",
        ),
        (
            "Karl Weiss, CEO of the ferry company, spoke at the harbour.\n\n“The crew did everything right,” the CEO said.",
            "Karl Weiss",
        ),
    ],
)
def test_the_title_alone_is_the_person_named_before_with_that_title(article, speaker):
    (quote,) = quotes_of(ap=article)
    assert quote.speaker == speaker
    assert "named before with that title" in quote.speaker_evidence


def test_a_title_no_one_named_before_holds_stays_a_description():
    (quote,) = quotes_of(
        ap="Tom Baker, a farmer, watched the bridge open.\n\n“It will carry us for a century,” the mayor said."
    )
    assert quote.speaker == "the mayor"
    found = quotes_of(ap="Mayor Lena Ortiz spoke.\n\n“We were never told,” the officials said.")
    assert found[0].speaker == "the officials"
    # a body of people is none of its members
    found = quotes_of(ap="The first to arrive was police officer John Hale.\n\n“The road was closed at noon,” the police said.")
    assert found[0].speaker == "the police"


@pytest.mark.parametrize(
    "sentence",
    [
        "“The water rose in minutes,” Tom Baker, a local farmer told reporters.",
        "“The water rose in minutes,” Tom Baker, the owner of the mill told the local radio on Monday.",
    ],
)
def test_a_name_whose_apposition_lost_its_closing_comma_is_still_the_speaker(sentence):
    (quote,) = quotes_of(ap=sentence)
    assert quote.speaker == "Tom Baker"


@pytest.mark.parametrize(
    "sentence",
    [
        "“The water rose in minutes,” after Tom Baker, a local farmer told reporters.",
        "“The water rose in minutes,” Separately, a local farmer told reporters.",
        "“The water rose in minutes,” Across Lower Saxony, a local farmer told reporters.",
    ],
)
def test_an_opening_phrase_before_a_described_speaker_is_not_the_speaker(sentence):
    (quote,) = quotes_of(ap=sentence)
    assert quote.speaker == "a local farmer"


def test_a_verb_of_saying_in_a_clause_after_the_quote_is_not_its_attribution():
    (quote,) = quotes_of(
        ap="Mayor Lena Ortiz expressed “our deepest sympathy and full support” to the families, while officials said the bridge would reopen."
    )
    assert quote.speaker == "Lena Ortiz"
    # right after the quote, the verb is still its attribution
    (quote,) = quotes_of(ap="“The bridge will reopen in May,” officials said, while the mayor stayed silent.")
    assert quote.speaker == "officials"
    # ... and past an aside closed before it
    (quote,) = quotes_of(ap="“The bridge will reopen in May,” Mayor Lena Ortiz, though tired, said on Monday.")
    assert quote.speaker == "Lena Ortiz"


def test_a_paragraph_that_is_only_a_quote_after_one_reporting_someones_words_is_theirs():
    found = quotes_of(
        ap="Mayor Lena Ortiz spoke on Monday.\n\n"
        "Ortiz promised that the bridge would reopen before the winter.\n\n"
        "“Nobody will cross a river by ferry in this city again.”"
    )
    assert [q.speaker for q in found] == ["Lena Ortiz"]
    assert "in the paragraph before" in found[0].speaker_evidence
    # A paragraph of reporting with no one speaking in it gives the quote no speaker.
    (quote,) = quotes_of(ap="The bridge closed in May.\n\n“Nobody will cross a river by ferry in this city again.”")
    assert quote.speaker is None


def test_a_one_word_subject_is_no_one_a_pronoun_can_mean_until_a_full_name_ends_with_it():
    # "Brightco has recalled" may be a company: "she" is the woman named in full before it.
    (quote,) = quotes_of(
        ap="Ann Lee, a teacher, bought the phone in May.\n\n"
        "Brightco has recalled two million phones, and a Brightco shop took hers back.\n\n"
        "“It burst into flames on my desk,” she said."
    )
    assert quote.speaker == "Ann Lee"
    # A surname after the full name is still the person.
    found = quotes_of(
        ap="Mayor Ann Lee opened the bridge.\n\nLee promised that it would last.\n\n“It will carry us for a century,” she said."
    )
    assert found[0].speaker == "Ann Lee"


def test_a_name_ending_a_sentence_is_the_speaker_without_the_stop():
    (quote,) = quotes_of(ap="The first to arrive was officer John Hale.\n\n“The road was closed at noon,” he said.")
    assert quote.speaker == "John Hale"
    (quote,) = quotes_of(ap="The first to arrive was officer John Hale Jr.\n\n“The road was closed at noon,” he said.")
    assert quote.speaker == "John Hale Jr."


def test_another_outlet_s_copy_of_a_quote_is_named_in_the_reader_s_words():
    assert match_label(QuoteMatch("q2", "ap", "shared", 1.0)) == "same words"
    assert match_label(QuoteMatch("q3", "afp", "variant", 0.534)) == "worded differently, 53% alike"
