"""The hand-labelled seed quotes (fixtures/seed_quote_labels.yaml) and scoring.

Shared by tests/unit/test_quotes.py and tests/benchmarks/evaluate_quotes.py. Import it
as `import quote_labels` (pytest puts tests/support on `sys.path`), like alignment_labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from comparators.model import Quote, QuotedTerm
from comparators.quote_matching import normalise
from comparators.speakers import ORGANISATION, organisation_key, same_person

LABELS = Path(__file__).resolve().parents[1] / "fixtures" / "seed_quote_labels.yaml"
SAME_TEXT = 90  # rapidfuzz ratio of normalised texts for a found quote to meet its label


@dataclass(frozen=True)
class LabelledQuote:
    source: str
    text: str
    speaker: str | None
    speaker_kind: str
    status: str
    shared_with: frozenset[str]
    variant_of: frozenset[str]


@dataclass(frozen=True)
class Labels:
    quotes: tuple[LabelledQuote, ...]
    terms: tuple[tuple[str, str], ...]  # (source, text)


def load_labels(path: Path = LABELS) -> Labels:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    quotes = tuple(
        LabelledQuote(
            q["source"],
            q["text"],
            q.get("speaker"),
            q.get("speaker_kind", "person"),
            q["status"],
            frozenset(q.get("shared_with") or ()),
            frozenset(q.get("variant_of") or ()),
        )
        for q in data["quotes"]
    )
    terms = tuple((t["source"], str(t["text"])) for t in data.get("terms") or ())
    return Labels(quotes, terms)


def same_words(a: str, b: str) -> bool:
    return fuzz.ratio(normalise(a), normalise(b)) >= SAME_TEXT


def same_speaker(found: str | None, label: LabelledQuote) -> bool:
    if label.speaker is None or found is None:
        return found is None and label.speaker is None
    if label.speaker_kind == ORGANISATION:
        return organisation_key(found) == organisation_key(label.speaker)
    return same_person(found, label.speaker)


@dataclass(frozen=True)
class Scores:
    labelled: int
    found: int
    matched: int
    speaker_right: int
    status_right: int
    links_labelled: int  # (quote, other outlet, kind) triples
    links_found: int
    links_right: int
    terms_labelled: int
    terms_found: int
    terms_right: int
    misses: tuple[str, ...]  # one line per disagreement, for reading

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.labelled if self.labelled else 1.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.matched if self.matched else 0.0

    @property
    def status_accuracy(self) -> float:
        return self.status_right / self.matched if self.matched else 0.0


def score(quotes: Sequence[Quote], terms: Sequence[QuotedTerm], labels: Labels) -> Scores:
    """Found quotes and terms against the labels (each label met at most once)."""
    pairs: list[tuple[Quote, LabelledQuote]] = []
    unmatched = list(labels.quotes)
    misses: list[str] = []
    for quote in quotes:
        label = next((l for l in unmatched if l.source == quote.source and same_words(l.text, quote.text)), None)
        if label is None:
            misses.append(f"not a labelled quote: {quote.id} {quote.text[:60]!r}")
            continue
        unmatched.remove(label)
        pairs.append((quote, label))
    misses += [f"missed: {l.source} {l.text[:60]!r}" for l in unmatched]
    speaker_right = status_right = 0
    by_id = {q.id: q for q in quotes}
    links_labelled = links_found = links_right = 0
    for quote, label in pairs:
        if same_speaker(quote.speaker, label):
            speaker_right += 1
        else:
            misses.append(f"speaker of {quote.id}: {quote.speaker!r}, labelled {label.speaker!r}")
        if quote.status == label.status:
            status_right += 1
        else:
            misses.append(f"status of {quote.id}: {quote.status}, labelled {label.status}")
        wanted = {(s, "shared") for s in label.shared_with} | {(s, "variant") for s in label.variant_of}
        got = {(by_id[m.quote].source, m.kind) for m in quote.matches if m.quote in by_id}
        links_labelled += len(wanted)
        links_found += len(got)
        links_right += len(wanted & got)
    found_terms = [(t.source, t.text) for t in terms]
    terms_right = len(set(found_terms) & set(labels.terms))
    return Scores(
        labelled=len(labels.quotes),
        found=len(quotes),
        matched=len(pairs),
        speaker_right=speaker_right,
        status_right=status_right,
        links_labelled=links_labelled,
        links_found=links_found,
        links_right=links_right,
        terms_labelled=len(labels.terms),
        terms_found=len(found_terms),
        terms_right=terms_right,
        misses=tuple(misses),
    )
