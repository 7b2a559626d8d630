"""Where outlets disagree: figures, spellings, dates and times that differ across outlets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from comparators import compare, load_story
from comparators.discrepancies import find_discrepancies, spelling_variants
from comparators.export import to_json_dict
from comparators.facts import amounts_agree, extract_facts
from comparators.model import Group, GroupKind, Member, Paragraph, Quote, QuoteMatch, QuoteStatus, Source, Story


def story(dates: dict[str, str] | None = None, **articles: str) -> Story:
    """One source per keyword; paragraphs are separated by blank lines."""
    return Story(
        title="test",
        sources=tuple(
            Source(
                id=name,
                outlet=name.upper(),
                path=None,
                paragraphs=tuple(
                    Paragraph(i, text.strip(), i + 1) for i, text in enumerate(body.strip().split("\n\n"))
                ),
                date=(dates or {}).get(name),
            )
            for name, body in articles.items()
        ),
    )


def one_group(story: Story) -> tuple[Group, ...]:
    """Every source's first paragraph in one group, as alignment would put them."""
    members = tuple(Member(s.id, 0, s.paragraphs[0].text) for s in story.sources)
    return (Group("g1", GroupKind.SHARED, members),)


def discrepancies(dates: dict[str, str] | None = None, **articles: str):
    told = story(dates, **articles)
    return find_discrepancies(told, one_group(told))


def values(found) -> list[set[str]]:
    return [{v.text for v in d.values} for d in found]


# ---------------------------------------------------------------- numbers


def test_175_miles_against_280_kilometres_is_no_discrepancy():
    assert discrepancies(
        ap="The jets flew 175 miles southwest of the capital, officials said on the record.",
        herald="The jets flew 280 kilometres southwest of the capital, officials said on the record.",
    ) == ()


def test_280_kilometers_175_miles_against_280_kilometres_is_no_discrepancy():
    assert discrepancies(
        ap="Near the city, 280 kilometers (175 miles) southwest of the Iranian capital.",
        herald="Near the city, around 280 kilometres southwest of the Iranian capital Tehran.",
    ) == ()


def test_24_against_25_crew_is_a_discrepancy_with_both_values_as_written():
    found = discrepancies(
        ap="The ship sank with 24 crew members on board, the coast guard said.",
        herald="The ship sank with 25 crew on board, the coast guard said.",
    )
    assert len(found) == 1
    assert found[0].kind == "number"
    assert values(found) == [{"24", "25"}]
    assert {(v.source, v.paragraph, v.value) for v in found[0].values} == {("ap", 0, "24"), ("herald", 0, "25")}


def test_a_conversion_in_brackets_that_differs_is_a_discrepancy():
    found = discrepancies(
        ap="The nearest air base is Shahid Nojeh, some 50 kilometers (30 miles) north of the city.",
        herald="The nearest air base is Shahid Nojeh Air Base, some 50 kilometres (31 miles) north of the city.",
    )
    assert values(found) == [{"some 50 kilometers (30 miles)", "some 50 kilometres (31 miles)"}]


def test_a_figure_only_one_outlet_gives_is_no_discrepancy():
    assert discrepancies(
        ap="The storm killed 12 people and destroyed 300 homes in the province, officials said.",
        herald="The storm killed 12 people in the province, officials said on Monday.",
    ) == ()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("nearly 400 people", "397 people"),
        ("about 25 percent of the vote", "25.3 percent of the vote"),
        ("73 percent of the vote", "73.2% of the vote"),
        ("more than 1 million phones", "1.2 million phones"),
        ("at least 70 percent of the vote", "73.2% of the vote"),
        ("five ammunition depots", "5 ammunition depots"),
    ],
)
def test_rounding_and_qualified_figures_are_no_discrepancy(first, second):
    assert discrepancies(
        ap=f"Officials in the capital counted {first} after the vote, the commission said.",
        herald=f"Officials in the capital counted {second} after the vote, the commission said.",
    ) == ()


def test_more_than_a_figure_far_below_another_outlets_is_a_discrepancy():
    # A writer who knew of 2.5 million would not say "more than 1 million".
    found = discrepancies(
        ap="Officials in the capital said more than 1 million phones were sold in 10 countries.",
        herald="Officials in the capital said 2.5 million phones were sold in 10 countries.",
    )
    assert values(found) == [{"more than 1 million", "2.5 million"}]
    assert {v.value for v in found[0].values} == {"≥ 1,000,000", "2,500,000"}


def test_two_counts_of_different_things_in_one_list_are_no_discrepancy():
    assert discrepancies(
        ap="The dead included 18 Canadians, 9 Ethiopians, 8 Americans and 7 Britons, the airline said.",
        herald="The dead included 18 Canadians, 9 Ethiopians, 8 Chinese, 8 Italians and 7 British, the airline said.",
    ) == ()


def test_a_figure_of_a_respectively_list_is_not_set_against_another_outlets_total():
    # Each figure of "A and B, respectively" is one of the things listed elsewhere in its
    # sentence, not the sum another outlet gives for them all.
    assert discrepancies(
        ap="The mills paid 4 million euros and 6.5 million euros, respectively, to the flood relief fund.",
        herald="The mills paid a total of 45 million euros to the flood relief fund this spring.",
    ) == ()
    # Without the list, the two sums of one fund are compared.
    found = discrepancies(
        ap="The mills paid 6.5 million euros to the flood relief fund this spring, officials said.",
        herald="The mills paid a total of 45 million euros to the flood relief fund this spring.",
    )
    assert values(found) == [{"6.5 million euros", "45 million euros"}]
    # Two outlets listing alike are still compared item by item.
    found = discrepancies(
        ap="The mills paid 4 million euros and 6.5 million euros, respectively, to the flood relief fund.",
        herald="The mills paid 4 million euros and 7.5 million euros, respectively, to the flood relief fund.",
    )
    assert values(found) == [{"6.5 million euros", "7.5 million euros"}]


def test_a_figure_compounded_with_its_noun_counts_that_noun():
    assert [f.key for f in extract_facts("She is serving a 20-year prison term.") if f.kind == "number"] == [
        "year prison term"
    ]
    assert discrepancies(
        ap="Choi was sentenced to 20 years in a separate trial in February, the court said.",
        herald="Choi is serving a 20-year prison term and Lee was sentenced to five years in prison.",
    ) == ()


def test_figures_in_different_sentences_are_not_listed_alike():
    assert discrepancies(
        ap="Samsung said it had sold 2.5 million phones in 10 countries so far.",
        herald="Samsung said it had recalled 2.5 million phones. The recall came less than one week before Apple's launch.",
    ) == ()
    assert values(discrepancies(
        ap="More than 1 million phones have been sold in 10 countries, the company said.",
        herald="Among the 2.5 million Note 7s so far sold in 10 countries, few were affected.",
    )) == [{"More than 1 million", "2.5 million"}]


def test_prices_of_one_thing_in_passages_alignment_kept_apart_are_compared():
    told = story(
        ap="Intro.\n\nThe launch follows reports of the $885 phone igniting while charging.",
        herald="Retailing at around $850 per phone, the recall is a huge setback for the maker.",
    )
    groups = (
        Group("g1", GroupKind.PARTIAL, (Member("ap", 0, "Intro."),)),
        Group("g2", GroupKind.UNIQUE, (Member("ap", 1, told.sources[0].paragraphs[1].text),)),
        Group("g3", GroupKind.UNIQUE, (Member("herald", 0, told.sources[1].paragraphs[0].text),)),
    )
    found = find_discrepancies(told, groups)
    assert [{v.text for v in d.values} for d in found] == [{"$885", "around $850"}]


def test_amounts_pricing_different_things_in_passages_kept_apart_are_not_compared():
    told = story(
        ap="Analysts in Seoul said the $885 phone sold well in its first week.",
        herald="Shops in Ohio charge around $850 per tablet, a dealer said.",
    )
    groups = tuple(
        Group(f"g{i}", GroupKind.UNIQUE, (Member(s.id, 0, s.paragraphs[0].text),))
        for i, s in enumerate(told.sources, 1)
    )
    assert find_discrepancies(told, groups) == ()
    told = story(
        ap="Analysts in Seoul said the $885 phone sold well in its first week.",
        herald="Shops in Ohio charge around $850 per phone, a dealer said.",
    )
    assert [{v.text for v in d.values} for d in find_discrepancies(told, groups)] == [{"$885", "around $850"}]


def test_a_figure_inside_another_outlets_range_is_no_discrepancy_and_one_outside_is():
    assert discrepancies(
        ap="Rescuers said between 20 and 30 people were trapped under the collapsed hotel, police said.",
        herald="Rescuers said 25 people were trapped under the collapsed hotel, police said.",
    ) == ()
    found = discrepancies(
        ap="Rescuers said 20 to 30 people were trapped under the collapsed hotel, police said.",
        herald="Rescuers said 45 people were trapped under the collapsed hotel, police said.",
    )
    assert values(found) == [{"20 to 30", "45"}]


def test_some_200_against_115_ambulances_is_a_discrepancy():
    found = discrepancies(
        ap="Rescuers sent 115 ambulances to the port district after the blast, the Red Cross said.",
        herald="Rescuers sent some 200 ambulances to the port district after the blast, the Red Cross said.",
    )
    assert values(found) == [{"115", "some 200"}]


def test_two_figures_about_different_things_are_no_discrepancy():
    assert discrepancies(
        ap="Bombers once had to cover more than 2,000 kilometers from Mozdok to reach targets in Syria.",
        herald="The nearest base is 50 kilometres north of the city of Hamedan in western Iran.",
    ) == ()


def test_currencies_are_never_converted_but_one_currency_is_compared():
    found = discrepancies(
        ap="The court fined her 18 billion won ($16.9 million) and jailed her for 24 years.",
        herald="The court fined her 18 billion won (€13.8 million) and jailed her for 24 years.",
        abc="The court fined her 18 billion won ($21.9 million) and jailed her for 24 years.",
    )
    assert len(found) == 1
    assert {v.value for v in found[0].values} == {
        "18,000,000,000 KRW / 16,900,000 USD",
        "18,000,000,000 KRW / 13,800,000 EUR",
        "18,000,000,000 KRW / 21,900,000 USD",
    }


def test_a_count_that_grows_with_publication_dates_is_shown_as_a_later_update():
    found = discrepancies(
        {"ap": "2020-08-04", "herald": "2020-08-06"},
        ap="The explosion killed 78 people and injured thousands, the health minister said.",
        herald="The explosion killed 137 people and injured thousands, the health minister said.",
    )
    assert len(found) == 1 and found[0].later_update
    assert [v.published for v in found[0].values] == ["2020-08-04", "2020-08-06"]


def test_number_words_are_read_as_figures():
    [fact] = [f for f in extract_facts("The plane carried twenty-four crew members.") if f.kind == "number"]
    assert (fact.text, fact.value, fact.key) == ("twenty-four", "24", "crew member")


def test_years_and_model_numbers_are_not_figures():
    facts = extract_facts("In 2016 Su-34 jets and the Note 7 phone were news.")
    figures = [f.text for f in facts if f.kind == "number"]
    assert figures == []


def test_figures_in_other_units_agree_within_rounding_of_the_conversion():
    [miles] = [f for f in extract_facts("175 miles") if f.kind == "number"]
    [kilometres] = [f for f in extract_facts("280 km") if f.kind == "number"]
    [far] = [f for f in extract_facts("300 km") if f.kind == "number"]
    assert amounts_agree(miles.amounts, kilometres.amounts) is True
    assert amounts_agree(miles.amounts, far.amounts) is False


# ---------------------------------------------------------------- names


def test_wrobel_and_wrobel_with_an_accent_are_a_spelling_variant():
    assert spelling_variants("Wrobel", "Wróbel")
    found = discrepancies(
        ap="Polish defence minister Jan Wrobel said the drills would go ahead.",
        herald="Polish defence minister Jan Wróbel said the drills would go ahead.",
    )
    assert [d.kind for d in found] == ["name"]
    assert {v.value for v in found[0].values} == {"Wrobel", "Wróbel"}


def test_transliterations_of_one_place_are_spelling_variants():
    found = discrepancies(
        ap="Bombers took off from Hamedan and struck Deir el-Zour, officials said.",
        herald="Bombers took off from Hamadan and struck Deir ez-Zor, officials said.",
        guardian="Bombers took off from Hamadan and struck Deir Ezzor, officials said.",
    )
    spellings = [{v.value for v in d.values} for d in found]
    assert {"Hamedan", "Hamadan"} in spellings
    assert {"ez-Zor", "Ezzor"} in spellings


def test_one_name_whose_vowels_differ_inside_a_full_name_is_a_variant():
    found = discrepancies(
        ap="The presiding judge, Kim Se-yoon, read the verdict on television.",
        herald="The presiding judge, Kim Se-yun, read the verdict on television.",
    )
    assert [{v.text for v in d.values} for d in found] == [{"Kim Se-yoon", "Kim Se-yun"}]


def test_words_of_a_script_without_capitals_or_in_lower_case_are_no_names():
    assert not [f for f in extract_facts("中国将继续扩大内需，推动高质量发展。") if f.kind == "name"]
    assert [f.value for f in extract_facts("une élection à Paris") if f.kind == "name"] == ["Paris"]
    found = discrepancies(
        ap="李强表示，中国将继续扩大内需，推动高质量发展。",
        xinhua="李强说，中国将继续扩大国内需求，推动经济高质量发展。",
    )
    assert not [d for d in found if d.kind == "name"]  # each clause read as a name before


def test_two_words_of_one_name_spelled_two_ways_are_two_discrepancies():
    found = discrepancies(
        ap="The winner, Volodymyr Zelenskiy, thanked his voters in the capital.",
        tass="The winner, Vladimir Zelensky, thanked his voters in the capital.",
    )
    assert [{v.value for v in d.values} for d in found] == [{"Vladimir", "Volodymyr"}, {"Zelensky", "Zelenskiy"}]


def test_a_short_name_spelled_two_ways_is_a_variant_only_where_alignment_joins_its_passages():
    told = story(
        ap="Intro.\n\nThe president spoke in Kyiv on Sunday night after the polls closed.",
        tass="The president spoke in Kiev on Sunday night after the polls closed.",
    )
    apart = (
        Group("g1", GroupKind.UNIQUE, (Member("ap", 1, told.sources[0].paragraphs[1].text),)),
        Group("g2", GroupKind.UNIQUE, (Member("tass", 0, told.sources[1].paragraphs[0].text),)),
    )
    together = (
        Group("g1", GroupKind.SHARED, (Member("ap", 1, told.sources[0].paragraphs[1].text),
                                      Member("tass", 0, told.sources[1].paragraphs[0].text))),
    )
    assert find_discrepancies(told, apart) == ()
    assert [{v.value for v in d.values} for d in find_discrepancies(told, together)] == [{"Kyiv", "Kiev"}]


def test_a_place_spelled_two_ways_in_datelines_is_a_variant_of_the_paragraph_it_opens(tmp_path):
    lede = "A comedian appeared headed for a landslide victory in the presidential election on Sunday."
    rest = "Turnout was high across the country, the election commission said in a statement."
    (tmp_path / "ap.txt").write_text(f"KIEV, Ukraine (AP) -- {lede}\n\n{rest}\n", encoding="utf-8")
    (tmp_path / "rferl.txt").write_text(f"KYIV -- {lede}\n\n{rest}\n", encoding="utf-8")
    comparison = compare(load_story(sorted(tmp_path.glob("*.txt"))))
    names = [d for d in comparison.discrepancies if d.kind == "name"]
    assert [d.fact for d in names] == ["spelling of KIEV / KYIV"]
    assert [{(v.source, v.paragraph, v.text) for v in d.values} for d in names] == [
        {("ap", 0, "KIEV, Ukraine (AP)"), ("rferl", 0, "KYIV")}
    ]
    assert all("KIEV" not in p.text and "KYIV" not in p.text for s in comparison.story.sources for p in s.paragraphs)


def test_one_place_in_both_datelines_is_no_discrepancy(tmp_path):
    lede = "A comedian appeared headed for a landslide victory in the presidential election on Sunday."
    (tmp_path / "ap.txt").write_text(f"KIEV, Ukraine (AP) -- {lede}\n", encoding="utf-8")
    (tmp_path / "tass.txt").write_text(f"KIEV, April 21. /TASS/. {lede}\n", encoding="utf-8")
    assert compare(load_story(sorted(tmp_path.glob("*.txt")))).discrepancies == ()


@pytest.mark.parametrize(
    ("first", "second"),
    [("Jane Smith", "John Smith"), ("Kim Jong-un", "Kim Jong-il"), ("Mark Johnson", "Mike Johnson")],
)
def test_two_different_people_with_similar_names_are_not_a_variant(first, second):
    assert discrepancies(
        ap=f"The statement was read by {first} at the briefing in the capital.",
        herald=f"The statement was read by {second} at the briefing in the capital.",
    ) == ()


def test_an_outlet_writing_both_spellings_names_two_things():
    assert discrepancies(
        ap="Officials in Hamadan said the base near Hamedan was used, the ministry said.",
        herald="Officials in Hamadan said the base was used by bombers, the ministry said.",
    ) == ()


def test_a_word_and_the_word_grown_from_it_are_not_a_variant():
    assert not spelling_variants("Iran", "Iranian")
    assert not spelling_variants("Russia-backed", "Russian-backed")


def test_names_sharing_consonants_but_not_their_length_are_not_a_variant():
    assert spelling_variants("Pyotr", "Petro")
    assert not spelling_variants("Indians", "Indonesia")


# ---------------------------------------------------------------- dates and times


def test_two_clock_times_for_one_landing_are_a_discrepancy():
    found = discrepancies(
        ap="The plane landed safely at Beirut airport at 18:04 on Sunday, the airline said.",
        herald="The plane landed safely at Beirut airport at 6:03 pm on Sunday, the airline said.",
    )
    assert [(d.kind, {v.value for v in d.values}) for d in found] == [("time", {"18:04", "18:03"})]


def test_a_local_time_and_its_gmt_equivalent_agree():
    assert discrepancies(
        ap="The plane crashed shortly after take-off at 08:38 local time (05:38 GMT), the airline said.",
        herald="The plane crashed shortly after take-off at 05:38 GMT, the airline said on Sunday.",
    ) == ()


def test_two_weekdays_for_one_event_are_a_discrepancy():
    found = discrepancies(
        ap="The ministry announced the strikes on Tuesday in a statement on its website.",
        herald="The ministry announced the strikes on Monday in a statement on its website.",
    )
    assert [(d.kind, {v.text for v in d.values}) for d in found] == [("date", {"Tuesday", "Monday"})]


def test_times_in_two_named_zones_are_compared_in_utc():
    assert discrepancies(
        ap="The jet took off from the capital at 14:00 GMT, the airline said on its website.",
        herald="The jet took off from the capital at 15:00 CET, the airline said on its website.",
    ) == ()


def test_two_dates_for_one_event_are_a_discrepancy():
    found = discrepancies(
        ap="The phone was launched in Seoul on August 19 with great fanfare, the company said.",
        herald="The phone was launched in Seoul on 2 August with great fanfare, the company said.",
    )
    assert [d.kind for d in found] == ["date"]


# ---------------------------------------------------------------- quotes and the whole comparison


def test_quotes_of_one_speaker_that_give_different_figures_are_a_discrepancy():
    told = story(
        ap='"We rescued 31 sailors from the water overnight," said the admiral.',
        herald='"We rescued 33 sailors from the water overnight," said the admiral.',
    )
    quotes = (
        Quote("q1", "ap", 0, 1, 49, "We rescued 31 sailors from the water overnight,", "the admiral",
              status=QuoteStatus.VARIANT, matches=(QuoteMatch("q2", "herald", "variant", 0.9),)),
        Quote("q2", "herald", 0, 1, 49, "We rescued 33 sailors from the water overnight,", "the admiral",
              status=QuoteStatus.VARIANT, matches=(QuoteMatch("q1", "ap", "variant", 0.9),)),
    )
    found = find_discrepancies(told, (), quotes)
    assert len(found) == 1 and "the admiral" in found[0].fact
    assert {v.text for v in found[0].values} == {"31", "33"}


def test_figures_alignment_left_in_different_groups_are_compared_when_their_context_agrees():
    told = story(
        ap="Intro.\n\nThe Central Election Commission said turnout in the runoff was nearly 62 percent of voters.",
        herald="The Central Election Commission said turnout in the runoff was 57.55 percent of voters.",
    )
    groups = (
        Group("g1", GroupKind.PARTIAL, (Member("ap", 0, "Intro."),)),
        Group("g2", GroupKind.UNIQUE, (Member("ap", 1, told.sources[0].paragraphs[1].text),)),
        Group("g3", GroupKind.UNIQUE, (Member("herald", 0, told.sources[1].paragraphs[0].text),)),
    )
    found = find_discrepancies(told, groups)
    assert [(d.group, {v.text for v in d.values}) for d in found] == [("g2", {"nearly 62 percent", "57.55 percent"})]


def test_figures_listed_alike_are_set_against_each_other_across_groups():
    told = story(
        ap="Partial results gave the mayor 61.4 percent and the challenger 37.2 percent on Sunday.",
        herald="Intro.\n\nShe won with 61.4% while her rival, a former banker, took 36.9%, results showed.",
    )
    groups = (
        Group("g1", GroupKind.UNIQUE, (Member("ap", 0, told.sources[0].paragraphs[0].text),)),
        Group("g2", GroupKind.UNIQUE, (Member("herald", 1, told.sources[1].paragraphs[1].text),)),
    )
    found = find_discrepancies(told, groups)
    assert [{v.text for v in d.values} for d in found] == [{"37.2 percent", "36.9%"}]


def test_the_seed_story_disagrees_on_hamadan_deir_ezzor_and_30_against_31_miles(seed_comparison):
    by_values = [{v.text for v in d.values} for d in seed_comparison.discrepancies]
    assert any({"Hamadan", "Hamedan"} <= texts for texts in by_values)
    assert any({"Deir Ezzor", "Deir ez-Zor"} <= texts for texts in by_values)
    assert {"some 50 kilometers (30 miles)", "some 50 kilometres (31 miles)"} in by_values
    assert not any(any("175 miles" in t for t in texts) for texts in by_values)


def test_every_discrepancy_names_a_group_of_the_comparison(seed_comparison):
    ids = {g.id for g in seed_comparison.groups}
    assert seed_comparison.discrepancies
    assert all(d.group in ids for d in seed_comparison.discrepancies)
    assert [d.id for d in seed_comparison.discrepancies] == [
        f"d{i}" for i in range(1, len(seed_comparison.discrepancies) + 1)
    ]


def test_another_pivot_lists_discrepancies_in_its_reading_order(seed_comparison):
    from comparators import with_pivot

    xinhua = with_pivot(seed_comparison, "xinhua")
    position = {g.id: i for i, g in enumerate(xinhua.groups)}
    order = [position[d.group] for d in xinhua.discrepancies]
    assert order == sorted(order)
    before = {d.id: seed_comparison.group(d.group).members for d in seed_comparison.discrepancies}
    after = {d.id: xinhua.group(d.group).members for d in xinhua.discrepancies}
    assert after == before  # each still names the group it was found in


def test_a_subset_without_the_pivot_keeps_each_discrepancy_on_its_group(seed_comparison):
    from comparators.reports import restrict

    kept = restrict(seed_comparison, ["the-guardian", "xinhua", "tehran-times"])
    assert kept.discrepancies
    for discrepancy in kept.discrepancies:
        original = next(d for d in seed_comparison.discrepancies if d.id == discrepancy.id)
        members = {(m.source, m.paragraph) for m in seed_comparison.group(original.group).members}
        kept_members = {(m.source, m.paragraph) for m in kept.group(discrepancy.group).members}
        assert kept_members <= members  # the same group, less the outlets left out


def test_the_export_lists_discrepancies_as_the_schema_documents(seed_comparison):
    exported = to_json_dict(seed_comparison)["discrepancies"]
    schema = json.loads((Path(__file__).resolve().parents[2] / "comparators" / "schema.json").read_text())
    required = schema["$defs"]["discrepancy"]["required"]
    value_required = schema["$defs"]["discrepancy"]["properties"]["values"]["items"]["required"]
    assert exported and all(set(required) <= set(d) for d in exported)
    assert all(set(value_required) <= set(v) for d in exported for v in d["values"])
    hamedan = next(d for d in exported if "Hamedan" in d["fact"])
    ap = next(v for v in hamedan["values"] if v["source"] == "ap")
    paragraph = seed_comparison.story.source("ap").paragraphs[ap["paragraph"]].text
    assert ap["text"] in paragraph


def test_a_story_compared_end_to_end_carries_its_discrepancies():
    told = story(
        ap="The ferry sank off the coast with 24 crew members aboard, the coast guard said on Monday.",
        herald="The ferry sank off the coast with 25 crew aboard, the coast guard said on Monday.",
    )
    comparison = compare(told)
    assert [d.kind for d in comparison.discrepancies] == ["number"]


# ---------------------------------------------------------------- reports


@pytest.mark.parametrize("format", ["text", "md", "html"])
def test_every_report_opens_with_where_outlets_disagree(seed_comparison, format):
    from comparators.reports import render_report

    report = render_report(seed_comparison, format)
    disagree = report.index("Where outlets disagree" if format != "text" else "WHERE OUTLETS DISAGREE")
    sources = report.index("Sources" if format != "text" else "SOURCES")
    assert disagree < sources
    assert "some 50 kilometres (31 miles)" in report[disagree:sources]


def test_a_report_leaving_out_one_side_of_a_discrepancy_says_no_figure_differs():
    from comparators.reports import render_report

    told = story(
        ap="The ferry sank off the coast with 24 crew members aboard, the coast guard said on Monday.",
        herald="The ferry sank off the coast with 25 crew aboard, the coast guard said on Monday.",
        abc="The ferry sank off the coast with 24 crew aboard, the coast guard said on Monday.",
    )
    comparison = compare(told)
    both = render_report(comparison, "text")
    assert "AP ¶1: 24" in both and "HERALD ¶1: 25" in both
    narrowed = render_report(comparison, "text", sources=["ap", "abc"])
    assert "No figure, name, date or time differs between outlets." in narrowed


def test_a_discrepancy_whose_group_is_left_out_moves_to_a_kept_value_s_group():
    from comparators.model import Comparison
    from comparators.discrepancies import Discrepancy, DiscrepancyValue
    from comparators.model import Settings
    from comparators.reports import render_report, restrict

    told = story(a="Hamadan base.", b="Hamadan base.", c="Hamedan base.", d="Hamadan airfield.")
    groups = (
        Group("g1", GroupKind.PARTIAL, (Member("a", 0, "Hamadan base."), Member("b", 0, "Hamadan base."))),
        Group("g2", GroupKind.PARTIAL, (Member("c", 0, "Hamedan base."), Member("d", 0, "Hamadan airfield."))),
    )
    spelled = Discrepancy("d1", "name", "spelling of Hamadan / Hamedan", "g1", (
        DiscrepancyValue("a", 0, "Hamadan", "Hamadan"),
        DiscrepancyValue("c", 0, "Hamedan", "Hamedan"),
        DiscrepancyValue("d", 0, "Hamadan", "Hamadan"),
    ))
    comparison = Comparison(told, Settings(threshold=0.2, pivot="a"), "a", groups, discrepancies=(spelled,))
    kept = restrict(comparison, ["c", "d"])
    assert [(d.group, d.sources) for d in kept.discrepancies] == [("g2", ("c", "d"))]
    assert "C ¶1: Hamedan" in render_report(kept, "text")


def test_a_count_given_with_many_values_is_still_compared_across_the_story_where_the_context_agrees(monkeypatch):
    import comparators.discrepancies as discrepancies

    stems = ["Ostrel", "Varna", "Belmo", "Kiran", "Tosa", "Vedel", "Marzo", "Halun", "Pirot", "Senda"]

    def names(*endings: str) -> list[str]:  # 70 names no other list shares
        return [stem + ending for stem in stems for ending in endings]

    towns = names("ford", "dale", "wick", "more", "holm", "bury", "ton")
    rivers = names("bek", "wy", "ene", "ach", "ure", "ala", "osk")
    hills = names("berg", "tor", "crag", "fell", "knap", "dun", "rig")
    a = "\n\n".join(
        f"Officials in {town} by the {river} river counted {100 + k} tents near the {hill} hills."
        for k, (town, river, hill) in enumerate(zip(towns, rivers, hills))
    )
    b = a.replace("counted 100 tents", "counted 1000 tents")
    many = story(a=a, b=b)
    found = find_discrepancies(many, ())  # no groups: only the story-wide comparison can find it
    assert [sorted(v.value for v in d.values) for d in found] == [["1,000", "100"]]
    monkeypatch.setattr(discrepancies, "STORY_VALUES", 10**6)  # every two values compared
    assert find_discrepancies(many, ()) == found
