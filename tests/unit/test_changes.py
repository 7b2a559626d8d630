"""What changed in each group (comparators/changes.py): plain data the reader's `]` reads."""

from __future__ import annotations


from comparators import Comparison, Group, GroupKind, Member, Quote, QuoteStatus, Settings
from comparators.changes import Change, ChangeKind, group_changes, quote_homes
from comparators.model import Link, QuoteMatch, Rewording

from reader_helpers import tiny_story

STORY = tiny_story({
    "AP": ["Ten people died in the fire on Monday.", "The mayor spoke.", "\"We will rebuild,\" he said."],
    "Reuters": ["Ten people died in a fire on Monday.", "The mayor spoke.", "Only Reuters has this."],
})


def group(gid: str, paragraph: int, wording: float, kind=GroupKind.SHARED) -> Group:
    members = (Member("ap", paragraph, STORY.sources[0].paragraphs[paragraph].text),
               Member("reuters", paragraph, STORY.sources[1].paragraphs[paragraph].text))
    return Group(gid, kind, members, (Link(("ap", paragraph), ("reuters", paragraph), 0.9, (), wording),),
                 rewording=Rewording.LIGHT)


def comparison(groups, quotes=()) -> Comparison:
    return Comparison(STORY, Settings(pivot="ap"), "ap", tuple(groups), quotes=tuple(quotes))


def test_a_few_words_changed_is_an_edit_and_identical_or_paraphrased_copy_is_not():
    changes = group_changes(comparison([group("g1", 0, 0.9), group("g2", 1, 1.0), group("g3", 1, 0.3)]))
    assert changes[0] == (Change(ChangeKind.EDITED, ("ap", "reuters")),)
    assert changes[1] == () and changes[2] == ()


def test_a_unique_quote_and_a_reworded_quote_are_changes_of_their_group():
    quote = Quote("ap:q1", "ap", 2, 1, 15, "We will rebuild", status=QuoteStatus.UNIQUE)
    variant = Quote("ap:q2", "ap", 2, 1, 15, "We will rebuild", status=QuoteStatus.VARIANT,
                    matches=(QuoteMatch("reuters:q1", "reuters", "variant", 0.7),))
    own = Group("g1", GroupKind.UNIQUE, (Member("ap", 2, STORY.sources[0].paragraphs[2].text),))
    homes = quote_homes((own,), (quote, variant))
    assert homes == {"ap:q1": 0, "ap:q2": 0}
    (changes,) = group_changes(comparison([own], [quote, variant]))
    assert [c.kind for c in changes] == [ChangeKind.UNIQUE_QUOTE, ChangeKind.REWORDED_QUOTE]
    assert changes[1].sources == ("ap", "reuters") and changes[0].about == "ap:q1"


def test_a_change_is_shown_while_the_outlets_it_needs_are():
    edit = Change(ChangeKind.EDITED, ("ap", "reuters"))
    assert edit.shown_with({"ap", "reuters"}) and not edit.shown_with({"ap"})
    assert Change(ChangeKind.UNIQUE_QUOTE, ("ap",)).shown_with({"ap"})


def test_on_the_seed_story_not_every_group_holds_a_change(seed_comparison):
    changes = group_changes(seed_comparison)
    with_change = sum(1 for c in changes if c)
    assert 0 < with_change < len(seed_comparison.groups)
    kinds = {change.kind for c in changes for change in c}
    assert {ChangeKind.EDITED, ChangeKind.DISAGREES, ChangeKind.UNIQUE_QUOTE} <= kinds
    # every discrepancy's group holds it
    position = {g.id: i for i, g in enumerate(seed_comparison.groups)}
    for d in seed_comparison.discrepancies:
        assert any(c.about == d.id for c in changes[position[d.group]])

