"""Who said each quote, and one key per speaker across outlets: the speaker rules, by idea.

- `attribution`: `attribute(source, spans)`, the rules that name each quote's speaker;
- `names`: name parsing, a noun phrase -> the person or organisation it names;
- `mentions`: the people and organisations an article names, in reading order;
- `identity`: one speaker across outlets (`same_person`, `organisation_key`, `speaker_keys`);
- `clauses`: verbs of saying and the sentence around a quote.
"""

from comparators.speakers.attribution import attribute
from comparators.speakers.identity import organisation_key, same_person, speaker_keys
from comparators.speakers.names import DESCRIPTION, ORGANISATION, PERSON, Attribution

__all__ = [
    "DESCRIPTION",
    "ORGANISATION",
    "PERSON",
    "Attribution",
    "attribute",
    "organisation_key",
    "same_person",
    "speaker_keys",
]
