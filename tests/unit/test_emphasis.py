"""What the reader marks in a passage, decided by the comparator layer (no terminal)."""

from __future__ import annotations

from comparators import Group, GroupKind, Member
from comparators.emphasis import Emphasis, Wording, member_emphasis

WIRE = "Russian bombers flying from an Iranian airbase struck targets in Syria on Tuesday, the ministry said."
NEAR_COPY = "Russian warplanes flying from an Iranian airbase struck targets in Syria on Tuesday, the ministry said."
PARAPHRASE = (
    "Moscow's jets, which took off from Hamadan, hit positions near Aleppo, killing 24 people, "
    "officials in Syria said on Tuesday. The weather over the coast was unusually calm that week."
)


def group(**texts: str) -> Group:
    members = tuple(Member(source, 0, text) for source, text in texts.items())
    return Group("g1", GroupKind.PARTIAL, members)


def marked(text: str, emphasis, kind: Emphasis) -> list[str]:
    return [text[m.start : m.end] for m in emphasis.marks if m.emphasis == kind]


def test_a_near_copy_marks_only_the_words_it_changed():
    g = group(ap=WIRE, copy=NEAR_COPY)
    emphasis = member_emphasis(g, "copy", "ap", ("ap", "copy"))
    assert emphasis.wording == Wording.NEAR_COPY
    assert marked(NEAR_COPY, emphasis, Emphasis.EDIT) == ["warplanes"]


def test_a_word_for_word_copy_marks_nothing():
    emphasis = member_emphasis(group(ap=WIRE, copy=WIRE), "copy", "ap", ("ap", "copy"))
    assert emphasis.wording == Wording.SAME and emphasis.marks == ()


def test_a_paraphrase_marks_differing_facts_and_its_own_sentence_not_every_word():
    g = group(ap=WIRE, other=PARAPHRASE)
    emphasis = member_emphasis(g, "other", "ap", ("ap", "other"))
    assert emphasis.wording == Wording.PARAPHRASE
    facts = marked(PARAPHRASE, emphasis, Emphasis.FACT)
    assert "24" in facts and "Hamadan" in facts and "Aleppo" in facts
    assert "Syria" not in facts and "Tuesday" not in facts  # the pivot gives them too
    assert marked(PARAPHRASE, emphasis, Emphasis.OWN_SENTENCE) == [
        "The weather over the coast was unusually calm that week."
    ]
    assert sum(m.end - m.start for m in emphasis.marks) < len(PARAPHRASE) / 2


def test_the_reference_marks_what_no_other_outlet_gives():
    g = group(ap=WIRE, other=PARAPHRASE)
    emphasis = member_emphasis(g, "ap", "ap", ("ap", "other"))
    assert emphasis.wording == Wording.REFERENCE
    assert "Iranian" in marked(WIRE, emphasis, Emphasis.FACT)
    assert "Syria" not in marked(WIRE, emphasis, Emphasis.FACT)


def test_a_people_or_adjective_form_of_a_place_the_pivot_names_is_not_a_new_fact():
    pivot = "Russian warplanes took off from a base in Iran to strike targets in Syria."
    other = "An Iranian airbase was used for the Syrian raids, Australian officials said."
    emphasis = member_emphasis(group(ap=pivot, other=other), "other", "ap", ("ap", "other"))
    facts = marked(other, emphasis, Emphasis.FACT)
    assert "Iranian" not in facts and "Syrian" not in facts
    assert "Australian" in facts  # no Australia on the pivot's side (nor is Austria it)


def test_a_passage_with_no_other_outlet_shown_marks_nothing():
    g = group(ap=WIRE, other=PARAPHRASE)
    assert member_emphasis(g, "ap", "ap", ("ap",)).marks == ()
    assert member_emphasis(group(ap=WIRE), "ap", "ap", ("ap", "other")).wording == Wording.ALONE
