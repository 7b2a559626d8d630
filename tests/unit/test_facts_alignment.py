"""Alignment of facts, not paragraphs: what a reader of real coverage needs to see lined up.

The stories here are made up for the tests (a bridge collapse in an invented town), written
the way outlets really differ: a wire and its reprints, paragraphs merged and split, on-topic
background that reports another fact.
"""

from __future__ import annotations


import numpy as np
import pytest

from comparators import GroupKind, compare
from comparators.align import _distinct_keys, _pair_parts, _Space, fuzzy_parts
from comparators.evidence import (
    OVERLAP_COLUMNS,
    link_model,
    name_key,
    numbers_in,
    pair_features,
    passage_sets,
    specificity,
    spelled_as_digits,
    story_scale,
)
from comparators.export import to_json_dict
from comparators.segment import split_sentences, units
from comparators.similarity import get_comparator
from comparators.speech import actors, passage_people

from synthetic import story_of

WIRE = [
    "A road bridge over the Varna river collapsed in the town of Ostrel on Monday evening, "
    "killing at least 14 people and injuring 31, the regional governor said.",
    "Rescue teams pulled 9 survivors from the water overnight, and divers were searching for "
    "six people still missing, the emergency ministry said in a statement on Tuesday.",
    "Governor Anton Ruzhev said the 1972 concrete span had been due for repairs next spring and "
    "that an inquiry into its maintenance would begin at once.",
    "Witnesses told local television that they heard a loud crack before the central section "
    "fell, taking two buses and several cars with it.",
    "Prime Minister Lena Vodnik declared Wednesday a day of national mourning and promised "
    "help to the families of the victims.",
    "Engineers had warned in a 2019 report that corrosion was weakening the bridge's steel "
    "cables, according to documents seen by reporters.",
    "Traffic between Ostrel and the port city of Kalmar will be diverted over a ferry link "
    "for at least three months, the transport ministry said.",
    "Ostrel, a town of 40,000 people, lies 120 kilometres north of the capital.",
]


def groups_with(comparison, source: str, paragraph: int) -> list:
    return [g for g in comparison.groups if (source, paragraph) in {(m.source, m.paragraph) for m in g.members}]


def linked(comparison, a: tuple[str, int], b: tuple[str, int]) -> bool:
    """Whether one group holds both passages."""
    return any(b in {(m.source, m.paragraph) for m in g.members} for g in groups_with(comparison, *a))


def test_a_paragraph_merging_two_facts_joins_both_facts_groups():
    merged = WIRE[0] + " " + WIRE[4]  # a reprint folds the mourning into its lede
    reprint = [merged, WIRE[1], WIRE[2], WIRE[3], WIRE[5], WIRE[6]]
    other = [
        "At least 14 people died and 31 were hurt when a bridge over the Varna collapsed in Ostrel "
        "on Monday, the governor of the region said.",
        "Prime Minister Lena Vodnik named Wednesday a national day of mourning and promised the "
        "victims' families help.",
    ]
    comparison = compare(story_of(wire=WIRE, reprint=reprint, other=other))
    assert linked(comparison, ("reprint", 0), ("wire", 0))
    assert linked(comparison, ("reprint", 0), ("wire", 4))
    # the two facts stay two groups: the lede is not grouped with the mourning
    assert not linked(comparison, ("wire", 0), ("wire", 4))
    mourning = next(g for g in groups_with(comparison, "wire", 4) if "reprint" in g.sources)
    member = mourning.members_of("reprint")[0]
    assert member.focus == (1,)  # only its second sentence reports the mourning
    assert "mourning" in split_sentences(member.text)[1]


def test_a_fact_an_outlet_split_over_two_paragraphs_is_one_group():
    first, second = WIRE[1].split(", and divers")
    split = [WIRE[0], first + ".", "Divers" + second, *WIRE[2:]]
    comparison = compare(story_of(wire=WIRE, split=split))
    group = next(g for g in groups_with(comparison, "wire", 1) if "split" in g.sources)
    assert [m.paragraph for m in group.members_of("split")] == [1, 2]


def test_a_reprint_with_resplit_paragraphs_aligns_fully_to_its_original():
    reprint = [WIRE[0], " ".join(WIRE[1:3]), WIRE[3], " ".join(WIRE[4:6]), WIRE[6], WIRE[7]]
    comparison = compare(story_of(wire=WIRE, reprint=reprint))
    for paragraph in range(len(WIRE)):
        assert any(g.kind == GroupKind.SHARED for g in groups_with(comparison, "wire", paragraph)), paragraph
    assert not any(g.kind == GroupKind.UNIQUE for g in comparison.groups)


def test_two_on_topic_paragraphs_about_different_facts_stay_apart():
    other = [
        "The Varna bridge in Ostrel gave way on Monday, leaving at least 14 dead and 31 injured, "
        "officials in the region said.",
        "The ferry link between Ostrel and Kalmar, used by 3,000 people a day, will run every "
        "hour while the bridge is rebuilt, the transport ministry said.",
        "Ostrel's mayor said the town's football club would cancel its next two matches.",
    ]
    comparison = compare(story_of(wire=WIRE, other=other))
    assert linked(comparison, ("wire", 0), ("other", 0))
    # the same river, town and bridge, but the corrosion report and the casualties are other facts
    assert not linked(comparison, ("wire", 5), ("other", 1))
    assert not linked(comparison, ("wire", 0), ("other", 2))


def test_the_pivot_of_a_wire_and_its_reprints_is_the_wire():
    # Reprints trim the wire to fit, re-split it, add a paragraph of their own.
    local = "The Ostrel Courier's own reporter saw crowds gathering at the river bank late into the night."
    trimmed = WIRE[:5]
    resplit = [WIRE[0], " ".join(WIRE[1:3]), WIRE[3], WIRE[6]]
    added = [*WIRE[:6], local, "Our readers can send photographs to the newsroom by email."]
    comparison = compare(story_of(trimmed=trimmed, resplit=resplit, added=added, wire=WIRE))
    assert comparison.pivot == "wire"
    assert comparison.pivot_reason.startswith("reused most:")


def test_with_nothing_reused_the_pivot_is_the_most_complete_account():
    brief = ["A bridge collapsed in Ostrel on Monday; at least 14 people died, the governor said."]
    full = [
        "At least 14 people were killed when a bridge collapsed in Ostrel on Monday evening, said the governor.",
        "The premier, Lena Vodnik, called a day of mourning for Wednesday.",
        "Divers kept looking for six missing people, the emergency ministry said.",
    ]
    mourning = ["Lena Vodnik, the prime minister, said Wednesday would be a day of mourning across the country."]
    comparison = compare(story_of(brief=brief, full=full, mourning=mourning))
    assert comparison.pivot == "full"
    assert comparison.pivot_reason.startswith("most complete:")


def test_the_export_names_the_sentences_that_carry_each_members_fact():
    reprint = [WIRE[0] + " " + WIRE[4], *WIRE[1:4]]
    exported = to_json_dict(compare(story_of(wire=WIRE, reprint=reprint)))
    assert exported["schema_version"] == 3
    focused = [m for g in exported["groups"] for m in g["members"] if "focus" in m]
    assert focused and all(m["source"] == "reprint" and m["paragraph"] == 0 for m in focused)
    assert sorted(m["focus"] for m in focused) == [[0], [1]]


def test_transliterations_of_one_name_share_a_key_and_other_names_do_not():
    assert name_key("Zelenskiy") == name_key("Zelensky") == name_key("Zelenskyy")
    assert name_key("Hamadan") == name_key("Hamedan")
    assert name_key("Wróbel") == name_key("Wrobel")
    assert name_key("Poroshenko") != name_key("Zelensky")


def test_one_similarity_counts_for_more_in_a_story_its_outlets_rewrote_throughout():
    texts = [WIRE[0], "Fourteen people died when the Ostrel bridge fell into the Varna on Monday, officials said."]
    zero, pair = np.array([0], np.int64), np.array([1], np.int64)
    overlap = passage_sets(texts).overlap_pairs(zero, pair)

    def probability(story_best: np.ndarray) -> float:
        similarity = np.array([0.2], np.float32)
        features = pair_features(
            passage_sets(texts), zero, pair, similarity, similarity, (similarity, similarity),
            story_scale(story_best), np.array([True, True]), np.array([0.0, 0.0], np.float32),
            np.array([20.0, 16.0], np.float32), overlap,
        )
        return float(link_model("lexical").probability(features)[0])

    wire_copies = np.array([[0.0, 0.9], [0.9, 0.0], [0.0, 0.8]], np.float32)  # passages x sources
    rewrites = np.array([[0.0, 0.25], [0.25, 0.0], [0.0, 0.2]], np.float32)
    assert story_scale(rewrites) < story_scale(wire_copies)
    assert probability(rewrites) > probability(wire_copies) + 0.05


def test_numbers_are_read_the_same_however_they_are_written():
    assert numbers_in("thirty-five people") == {35.0}
    assert numbers_in("1,200 homes and 2.5 million phones") == {1200.0, 2.5}
    assert numbers_in("twelve") == numbers_in("12")


def test_two_translations_of_one_statement_in_the_same_fact_are_worded_differently():
    from comparators import QuoteStatus

    wire = [
        'Governor Anton Ruzhev said the collapse of the Varna bridge in Ostrel on Monday was a national '
        'tragedy. "We will find out who let this bridge fall apart," Ruzhev told reporters.',
        "Rescue teams pulled 9 survivors from the water overnight, the emergency ministry said.",
    ]
    translated = [
        'The collapse of the Varna bridge in Ostrel on Monday was a national tragedy, Governor Anton Ruzhev '
        'said. "Those responsible for the decay of this bridge will be named," Ruzhev said.',
        "Nine survivors were pulled from the river overnight by rescuers, the emergency ministry said.",
    ]
    comparison = compare(story_of(wire=wire, translated=translated))
    ruzhev = [q for q in comparison.quotes if q.speaker and "Ruzhev" in q.speaker]
    assert {q.source for q in ruzhev} == {"wire", "translated"}
    assert all(q.status == QuoteStatus.VARIANT for q in ruzhev)


def test_a_word_counts_as_specific_to_one_fact_by_how_many_passages_per_outlet_use_it():
    # Two outlets, three passages each: "bridge" is in all six, "inquiry" in one per outlet.
    terms = [{"bridge", "inquiry"}, {"bridge", "divers"}, {"bridge", "mourning"}] * 2
    weights = specificity(terms, sources=2)
    assert weights["inquiry"] == 1.0
    assert weights["divers"] == 1.0
    assert weights["bridge"] == 1 / 3


def test_rewrites_share_specific_stems_where_on_topic_paragraphs_share_only_the_storys_words():
    texts = [
        "Governor Anton Ruzhev conceded that the bridge inspections had failed in Ostrel.",
        "The bridge in Ostrel was built in 1972 and crossed the Varna.",
        "Divers searched the Varna near the Ostrel bridge for survivors.",
        "In a concession, the governor admitted that inspectors had missed the bridge's failings.",
        "The Ostrel bridge carried traffic over the Varna for fifty years.",
        "Rescue divers found survivors downstream of the Ostrel bridge.",
    ]
    sets = passage_sets(texts, sources=2)
    rows, cols = np.repeat(np.arange(3), 3), np.tile(np.arange(3, 6), 3)
    shared = sets.overlap_pairs(rows, cols)[:, OVERLAP_COLUMNS.index("specific_words")].reshape(3, 3)
    # conceded / concession and inspections / inspectors meet by their stems; the bridge,
    # Ostrel and the Varna, in every passage, count little.
    assert shared[0, 0] >= 2.0
    assert shared[0, 0] > 2 * shared[0, 1]
    assert shared[1, 1] < 1.5


def test_a_figure_is_one_specific_word_whether_written_in_digits_or_in_words():
    # One outlet spells the counts out, the other writes digits; a third passage gives
    # other counts of the same kind. Only the passage with the same figures shares them.
    texts = [
        "The victims included eighteen Canadians, nine Ethiopians and thirty-five others.",
        "The dead were 18 from Canada, 9 from Ethiopia and 35 from elsewhere.",
        "Rescuers counted 4 trucks, 12 ambulances and 60 firefighters.",
        "Crews sent seven trucks, twenty ambulances and forty firefighters.",
    ]
    sets = passage_sets(texts, sources=2)
    same, other = sets.overlap_pairs(np.array([0, 0]), np.array([1, 2]))[:, OVERLAP_COLUMNS.index("specific_words")]
    assert same >= 3.0  # 18, 9 and 35 (and Canada by its stem)
    assert same > 2 * other
    assert spelled_as_digits("thirty-five") == "35"
    assert spelled_as_digits("nine") == "9"
    assert spelled_as_digits("ninety") == "90"
    assert spelled_as_digits("canadians") == "canadians"


def test_introducing_one_speaker_ties_two_facts_together_less_than_reporting_one_fact():
    # Each outlet introduces the governor by full name once, at whichever fact it tells
    # first, and tells reporters something: neither marks a fact.
    texts = [
        "Governor Anton Ruzhev told reporters the bridge inspections had failed.",
        "Ruzhev said divers searched the river overnight.",
        "Ruzhev later laid flowers at the scene.",
        "Governor Anton Ruzhev told reporters that divers searched the river overnight.",
        "Ruzhev conceded the inspections had failed.",
        "Ruzhev laid flowers at the scene.",
    ]
    sets = passage_sets(texts, sources=2)
    introduction, same_fact = sets.overlap_pairs(np.array([0, 0]), np.array([3, 4]))[:, OVERLAP_COLUMNS.index("specific_words")]
    assert same_fact > introduction


def test_a_pair_sharing_specific_words_is_likelier_a_link_than_one_sharing_only_the_storys_words():
    texts = [WIRE[0], "Fourteen people died when the Ostrel bridge fell into the Varna on Monday, officials said."]
    zero, pair = np.array([0], np.int64), np.array([1], np.int64)
    sets = passage_sets(texts, sources=2)
    overlap = sets.overlap_pairs(zero, pair)

    def probability(specific: float, squared: float) -> float:
        # A rewrite: little word similarity, neither paragraph a lede.
        similarity = np.array([0.12], np.float32)
        shares = overlap.copy()
        shares[:, OVERLAP_COLUMNS.index("specific_words")] = specific
        shares[:, OVERLAP_COLUMNS.index("fact_words")] = squared
        features = pair_features(
            sets, zero, pair, similarity, similarity, (similarity, similarity), 0.3,
            np.array([False, False]), np.array([0.0, 0.5], np.float32), np.array([20.0, 16.0], np.float32), shares,
        )
        return float(link_model("lexical").probability(features)[0])

    # Four words of one fact (1 each, squared 1) against two of the story's (1/4 each).
    assert probability(4.0, 4.0) > probability(0.5, 0.125) + 0.1


def test_a_passage_repeated_word_for_word_shares_its_figures_and_counts_every_copy():
    texts = [
        "Divers searched the Varna near the Ostrel bridge for survivors.",
        "Divers searched the Varna near the Ostrel bridge for survivors.",
        "The Ostrel bridge carried traffic over the Varna for fifty years.",
        "Divers searched the Varna near the Ostrel bridge for survivors.",
    ]
    sets = passage_sets(texts, sources=2)
    first, second = sets.overlap_pairs(np.array([0, 1]), np.array([2, 2]))
    assert np.array_equal(first, second)
    # "divers" stands in three passages of two outlets: 2/3, as three distinct passages would give.
    alone = passage_sets([texts[0], texts[2], texts[0].replace("searched", "combed")], sources=2)
    assert sets.specific_words[0].sum() < alone.specific_words[0].sum()
    assert specificity([{"diver"}, {"diver"}, {"other"}], sources=2, copies=[2, 1, 1])["diver"] == 2 / 3


def test_a_passage_names_whoever_it_says_something_of_however_the_outlet_writes_the_name():
    assert actors("Governor Anton Ruzhev conceded that the inspections had been missed.") == (("Anton Ruzhev", "person"),)
    assert ("Anton Ruzhev", "person") in actors("“We failed this town,” said Anton Ruzhev, the governor.")
    assert actors("The Varna rose overnight and flooded the lower town.") == ()
    keys, _deeds = passage_people(
        [
            "Governor Anton Ruzhev conceded that the inspections had been missed.",
            "Ruzhev apologised to the families of the victims on Tuesday.",
            "Prime Minister Lena Vodnik promised help to the families of the victims.",
        ],
        0,
    )
    assert keys[0] == keys[1] and keys[0].isdisjoint(keys[2])


def test_two_accounts_of_one_persons_deed_share_an_actor_and_that_makes_a_link_likelier():
    texts = [
        "Governor Anton Ruzhev conceded on Tuesday that inspectors had missed the span's failings.",
        "Ruzhev admitted the bridge's decay had gone unnoticed by inspectors for years.",
        "Prime Minister Lena Vodnik said inspectors would check every bridge in the region.",
    ]
    sets = passage_sets(texts, sources=2)
    actor = OVERLAP_COLUMNS.index("actors")
    same, other = sets.overlap_pairs(np.array([0, 2]), np.array([1, 1]))[:, actor]
    assert same > 0 and other == 0

    zero, pair = np.array([0], np.int64), np.array([1], np.int64)
    overlap = sets.overlap_pairs(zero, pair)

    def probability(actors_shared: float) -> float:
        # A rewrite: little word similarity, neither paragraph a lede.
        similarity = np.array([0.12], np.float32)
        shares = overlap.copy()
        shares[:, actor] = actors_shared
        features = pair_features(
            sets, zero, pair, similarity, similarity, (similarity, similarity), 0.3,
            np.array([False, False, False]), np.array([0.0, 0.5, 0.9], np.float32),
            np.array([14.0, 13.0, 14.0], np.float32), shares,
        )
        return float(link_model("lexical").probability(features)[0])

    assert probability(1.0) > probability(0.0)


def test_the_fuzzy_view_of_a_candidate_pair_is_the_fuzzy_comparators_and_a_closer_one_makes_a_link_likelier():
    # The toll retold in another order, with other word forms; the governor's words are another fact.
    retold = (
        "At least 14 people were killed and 31 were injured on Monday evening when a road bridge "
        "collapsed over the river Varna in Ostrel, the governor of the region said."
    )
    story = story_of(wire=[WIRE[0], WIRE[2]], paper=[retold, WIRE[7]])
    space = _Space(units(story, "paragraph"), story)
    i, j = np.array([0, 1]), np.array([2, 2])
    forward, backward = fuzzy_parts(space, i, j)
    scorer = get_comparator("fuzzy").fit(space.distinct_texts)
    for k in range(len(i)):
        whole_forward, whole_backward = _pair_parts(space, scorer, i[k : k + 1], j[k : k + 1])
        assert (forward[k], backward[k]) == pytest.approx((whole_forward[0, 0], whole_backward[0, 0]))
    assert min(forward[0], backward[0]) > max(forward[1], backward[1])

    sets = passage_sets([u.text for u in space.units], sources=2)
    pairs_i, pairs_j = np.array([0, 1]), np.array([2, 3])
    overlap = np.zeros_like(sets.overlap_pairs(pairs_i, pairs_j))

    def probability(fuzzy: float) -> float:
        # A rewrite sharing no word run, name or specific word, beside a pair at a fuzzy 0.5.
        similarity = np.full(2, 0.12, np.float32)
        view = np.array([fuzzy, 0.5], np.float32)
        features = pair_features(
            sets, pairs_i, pairs_j, similarity, similarity, (similarity, similarity), 0.3,
            np.zeros(4, bool), np.linspace(0, 1, 4).astype(np.float32), np.full(4, 15.0, np.float32),
            overlap, fuzzy=(view, view),
        )
        return float(link_model("lexical").probability(features)[0])

    assert probability(0.8) > probability(0.3) + 0.02


def test_the_fuzzy_view_scores_sentences_of_one_word_set_once_and_gives_the_fuzzy_comparators_figures():
    # Passages of one, two and three sentences; one sentence retold in other case and order,
    # with a word repeated: the token-set ratio reads only the set of words, so it is one set.
    told = "The bridge collapsed on Monday evening."
    retold = "On the bridge THE bridge collapsed Monday evening."
    story = story_of(
        wire=[f"{told} {WIRE[1]}", WIRE[2]],
        paper=[f"{WIRE[3]} {retold} {WIRE[1]}", told],
    )
    space = _Space(units(story, "paragraph"), story)
    told_at = space.sentence_texts.index(told)
    retold_at = space.sentence_texts.index(retold)
    assert space.distinct_id[told_at] != space.distinct_id[retold_at]
    assert space.word_set_id[told_at] == space.word_set_id[retold_at]
    assert len(space.word_sets) < len(space.distinct_texts)

    i, j = np.array([0, 0, 1, 1]), np.array([2, 3, 2, 3])
    forward, backward = fuzzy_parts(space, i, j)
    scorer = get_comparator("fuzzy").fit(space.distinct_texts)
    for k in range(len(i)):
        whole_forward, whole_backward = _pair_parts(space, scorer, i[k : k + 1], j[k : k + 1])
        assert (forward[k], backward[k]) == pytest.approx((whole_forward[0, 0], whole_backward[0, 0]), abs=1e-6)
    # Every sentence of the second outlet's last passage is found in the first passage:
    # the backward direction is 1, the forward one less.
    assert forward[1] < backward[1] == pytest.approx(1.0)


def _keys_cases():
    rng = np.random.default_rng(0)
    hand = np.array([7, 3, 7, 0, 11, 3, 3], dtype=np.int64)
    yield hand, 12  # on a table
    yield hand, 14  # exactly two slots a key: still a table
    yield hand, 10_000  # sorted
    yield np.zeros(0, dtype=np.int64), 0
    yield np.zeros(0, dtype=np.int64), 1
    for size, possible in ((50, 60), (50, 10_000), (1_000, 1_500)):
        yield rng.integers(0, possible, size).astype(np.int64), possible


@pytest.mark.parametrize(("key", "possible"), list(_keys_cases()))
def test_each_distinct_key_is_found_once_in_order_with_each_keys_place_among_them(key, possible):
    distinct, back = _distinct_keys(key, possible)
    expected, expected_back = np.unique(key, return_inverse=True)
    assert distinct.tolist() == expected.tolist()
    assert back.tolist() == expected_back.ravel().tolist()


def _link_probability_with(sets, overlap: np.ndarray, column: str, value: float) -> float:
    """The shipped model's probability of the pair (0, 1), a rewrite (little word
    similarity, neither a lede), with one overlap column set to `value`."""
    similarity = np.array([0.12], np.float32)
    shares = overlap.copy()
    shares[:, OVERLAP_COLUMNS.index(column)] = value
    passages = sets.trigrams.shape[0]
    features = pair_features(
        sets, np.array([0]), np.array([1]), similarity, similarity, (similarity, similarity), 0.3,
        np.zeros(passages, bool), np.linspace(0, 1, passages).astype(np.float32),
        np.full(passages, 15.0, np.float32), shares,
    )
    return float(link_model("lexical").probability(features)[0])


def test_a_fact_told_in_one_sentence_each_shares_its_whole_specific_mass_in_one_sentence_pair():
    texts = [
        "Divers pulled two survivors from the Varna at dawn. The Ostrel bridge had fallen the night before.",
        "The governor visited the Ostrel bridge. He said divers would search the Varna at dawn for survivors.",
        "Ostrel mourned its dead at a vigil by the Varna.",
        "The Ostrel bridge fell on Monday night. At dawn divers pulled two survivors from the Varna.",
        "Schools in Ostrel stayed closed as the Varna rose.",
    ]
    sets = passage_sets(texts, sources=2)
    best_sentence = OVERLAP_COLUMNS.index("sentence_specific")
    rescue, plan, vigil = sets.overlap_pairs(np.array([0, 1, 2]), np.array([3, 3, 4]))[:, best_sentence]
    # The rescue's sentence holds all the specific mass of the other outlet's rescue
    # sentence; the governor's plan shares its words over two sentences and less of them.
    assert rescue == 1.0
    assert vigil < 0.25 < plan < 0.75
    overlap = sets.overlap_pairs(np.array([0]), np.array([3]))
    assert _link_probability_with(sets, overlap, "sentence_specific", 1.0) > _link_probability_with(
        sets, overlap, "sentence_specific", 0.1
    )


def test_a_few_words_of_one_fact_count_more_than_many_of_the_storys_half_specific_words():
    texts = [
        "The storm flooded the harbour pier.",
        "The storm flooded the harbour pier again.",
        "A storm flooded the harbour pier at night.",
        "The storm flooded the harbour pier yesterday.",
        "Volunteers rescued a fisherman.",
        "A fisherman thanked the volunteers.",
    ]
    sets = passage_sets(texts, sources=2)
    plain, squared = OVERLAP_COLUMNS.index("specific_words"), OVERLAP_COLUMNS.index("fact_words")
    story_words, one_fact = sets.overlap_pairs(np.array([0, 4]), np.array([1, 5]))
    # storm, flooded, harbour, pier stand in four passages (1/2 each); fisherman and
    # volunteers in two (1 each): the same plain mass, but squared the fact's words weigh.
    assert story_words[plain] == one_fact[plain] == 2.0
    assert story_words[squared] == 1.0 and one_fact[squared] == 2.0
    overlap = sets.overlap_pairs(np.array([0]), np.array([1]))
    assert _link_probability_with(sets, overlap, "fact_words", 4.0) > _link_probability_with(sets, overlap, "fact_words", 0.5)


def test_two_accounts_of_one_persons_deed_share_it_whoever_words_the_rest_and_that_makes_a_link_likelier():
    texts = [
        "Governor Anton Ruzhev conceded on Tuesday that the span had not been inspected.",
        "Ruzhev conceded that inspectors never reached the bridge, a day after the collapse.",
        "Ruzhev said inspectors would now check every bridge in the region.",
        "Prime Minister Lena Vodnik conceded that the budget for repairs had been cut.",
        "Ruzhev told reporters the inquiry would start at once.",
    ]
    sets = passage_sets(texts, sources=2)
    deeds = OVERLAP_COLUMNS.index("deeds")
    one_deed, only_spoke, another_person, both_spoke = sets.overlap_pairs(
        np.array([0, 0, 0, 2]), np.array([1, 2, 3, 4])
    )[:, deeds]
    # The same person doing the same thing however each outlet words it; speaking
    # ("said", "told") is not a deed, and another person's concession is another fact.
    assert one_deed == 1.0
    assert only_spoke == another_person == both_spoke == 0.0
    overlap = sets.overlap_pairs(np.array([0]), np.array([1]))
    assert _link_probability_with(sets, overlap, "deeds", 1.0) > _link_probability_with(sets, overlap, "deeds", 0.0)
