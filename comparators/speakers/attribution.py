"""Attribution: who said each quote, by rule.

`attribute(source, spans)` reads each quote's sentence and returns a speaker with
the rule that found it (`Attribution.evidence`), in this order:

1. "quoted X as saying" or "according to X" before the quote;
2. a verb of saying right after the quote, with its subject ("..., the ministry
   said") or, inverted, its object ("..., said Fawaz Gerges, professor of ..."),
   not in a clause of its own ("“...” to the families, while officials said"),
   "according to X" after it, or a name after a dash ("” — Volodymyr Zelensky");
3. the last verb of saying before the quote in its sentence ("Garver said, ..."),
   or at the end of the paragraph before ("Milley told lawmakers:"), else an earlier
   one in the sentence ("Kim said Park ... continued to blame others with “...”"),
   never past a relative ("officials, who said"); an "-ing"
   verb ("..., adding that they ...") carries the sentence's speaker on;
4. a quote with no attribution of its own that follows an attributed one in the
   same paragraph, or makes up the whole next paragraph, continues that speaker;
5. a quote opening a sentence after one that reports someone's words ("Zelensky
   thanked his supporters and promised that he ... . “...”") is that person's, and
   so is a paragraph that is only a quote after a paragraph ending on such a sentence;
6. otherwise None: unknown, never a guess.

Verb forms used as nouns ("the claims", "his remarks") are not verbs of saying.
"""

from __future__ import annotations

import re
from bisect import insort
from collections.abc import Sequence

from comparators.model import QuotedTerm, Source
from comparators.quotes import Span
from comparators.speakers.clauses import (
    ACCORDING_TO,
    FINITE_VERB,
    LEADING_SPACE,
    MAX_SUBJECT_WORDS,
    OBJECT_END,
    QUOTED_AS_SAYING,
    VERB,
    end_of_sentence,
    is_noun,
    opens_sentence,
    start_of_sentence,
)
from comparators.speakers.mentions import find_mentions, places_named
from comparators.speakers.names import (
    Attribution,
    Context,
    DESCRIPTION,
    Mention,
    ORGANISATION,
    PERSON,
    mention_position,
    resolve,
)


_RELATIVE = re.compile(r"\b(?:who|which|that)\s+(?:\w+\s+)?$", re.IGNORECASE)
UNKNOWN = Attribution(None, "no verb of saying or named speaker near the quote")
# Words after a quote, then a clause of its own: "“...” to the families, while officials said".
# (An aside closed before the verb is no clause of its own: "Smith, though tired, said".)
_NEW_CLAUSE = re.compile(r"\w[^,;]*[,;]\s*(?:while|whereas|although|though|because|but)\s[^,;]*$", re.IGNORECASE)


def attribute(source: Source, spans: Sequence[Span], terms: Sequence[QuotedTerm] = ()) -> tuple[Attribution, ...]:
    """One `Attribution` per quote span of `source` (in reading order).

    `terms`, the source's quoted terms, are only read past: their words are
    never taken for a speaker or a verb.
    """
    masked = _masked_paragraphs(source, [*spans, *terms])
    places = places_named(source)
    known = list(find_mentions(source, masked, places))
    results: list[Attribution] = []
    for i, span in enumerate(spans):
        text = masked[span.paragraph]
        context = Context(tuple(known), places, span.paragraph, span.start)
        found = _before_special(text, span, context) or _after(masked[span.end_paragraph], span, context)
        found = found or _before(text, span.start, span.paragraph, context, spans[:i], results)
        opens_paragraph = LEADING_SPACE.match(text).end() >= max(span.start - 1, 0)
        if found is None and opens_paragraph and span.paragraph > 0 and masked[span.paragraph - 1].rstrip().endswith(":"):
            # "Garver told reporters:" closing the paragraph before the quote
            lead = masked[span.paragraph - 1].rstrip() + " “"
            found = _before(lead, len(lead), span.paragraph - 1, context, spans[:i], results)
        if found is None and i > 0 and results[i - 1].speaker is not None:
            previous = spans[i - 1]
            # across paragraphs only for a paragraph that is nothing but the quote
            bare = not re.search(r"\w", text.replace("_", ""))
            follows = previous.end_paragraph == span.paragraph or (
                previous.end_paragraph == span.paragraph - 1 and bare
            )
            if follows and (opens_sentence(text, span.start) or _split_by_attribution(text, previous, span)):
                found = Attribution(
                    results[i - 1].speaker,
                    "continues the speaker of the quote before it",
                    results[i - 1].kind,
                )
        if found is None and not opens_paragraph and opens_sentence(text, span.start):
            # "X promised that ... . “...”": the speaker reported in the sentence before goes on
            lead = text[: span.start].rstrip(" “\"")
            if lead.endswith("."):
                lead = lead[:-1] + " “"
                found = _before(lead, len(lead), span.paragraph, context, spans[:i], results)
                if found is not None:
                    found = Attribution(found.speaker, f"{found.evidence}, in the sentence before", found.kind)
        if found is None and span.paragraph > 0 and not re.search(r"\w", text.replace("_", "")):
            # "X promised that ... .\n\n“...”": a paragraph that is only a quote, after one
            # whose last sentence reports someone's words
            lead = masked[span.paragraph - 1].rstrip()
            if lead.endswith("."):
                lead = lead[:-1] + " “"
                found = _before(lead, len(lead), span.paragraph - 1, context, spans[:i], results)
                if found is not None:
                    found = Attribution(found.speaker, f"{found.evidence}, in the paragraph before", found.kind)
        results.append(found or UNKNOWN)
        if found is not None and found.kind in (PERSON, ORGANISATION):
            insort(known, Mention(span.paragraph, span.start - 1, found.speaker, found.kind), key=mention_position)
    return tuple(results)


def _split_by_attribution(text: str, previous: Span, span: Span) -> bool:
    """Whether a quote goes on after an attribution set inside it, in one sentence:
    '"We will rebuild," said Ortiz, who was elected in May, "and nobody will stop us."'."""
    if previous.end_paragraph != span.paragraph or previous.paragraph != span.paragraph:
        return False
    between = text[previous.end + 1 : max(span.start - 1, previous.end + 1)]
    return bool(VERB.search(between)) and not re.search(r"[.!?…]", between) and between.rstrip().endswith(",")


def _masked_paragraphs(source: Source, spans: Sequence[Span | QuotedTerm]) -> list[str]:
    """Paragraph texts with every quote's words blanked, so their verbs and stops don't count."""
    texts = [list(p.text) for p in source.paragraphs]
    for span in spans:
        last = getattr(span, "end_paragraph", span.paragraph)
        for index in range(span.paragraph, last + 1):
            start = span.start if index == span.paragraph else 0
            end = span.end if index == last else len(texts[index])
            texts[index][start:end] = "_" * (end - start)
    return [_blank_asides("".join(t)) for t in texts]


# "Mayor Lena Ortiz – who took office in May – told reporters": an aside between dashes.
_DASH_ASIDE = re.compile(r"(?<=\s)(?:[–—]|--)\s[^–—_\"“”]{1,80}?\s(?:[–—]|--)(?=\s)")


def _blank_asides(text: str) -> str:
    """`text` with asides set between dashes blanked (same length, so offsets hold): the
    speaker before an aside and the verb after it belong together."""
    if "–" not in text and "—" not in text and "--" not in text:
        return text
    return _DASH_ASIDE.sub(lambda m: " " * len(m[0]), text)


def _before_special(text: str, span: Span, context: Context) -> Attribution | None:
    """'quoted X as saying' or 'according to X' in the quote's sentence, before it."""
    head = text[start_of_sentence(text, span.start) : span.start]
    match = None
    for match in QUOTED_AS_SAYING.finditer(head):
        pass
    if match is not None:
        return resolve(match["who"], context, "'quoted ... as saying' before the quote", nearest_last=False)
    for match in ACCORDING_TO.finditer(head):
        pass
    if match is not None and not FINITE_VERB.search(head[match.end() :]):
        # "According to the ministry, the strikes were “...”": no other speaker after it
        return resolve(match["who"], context, "'according to' before the quote", nearest_last=False)
    return None


def _after(text: str, span: Span, context: Context) -> Attribution | None:
    """A verb of saying right after the quote: '..., the ministry said' / '..., said X'."""
    tail_start = min(span.end + 1, len(text))
    next_open = text.find("_", tail_start)
    stop = min(end_of_sentence(text, tail_start), next_open if next_open != -1 else len(text))
    tail = text[tail_start:stop]
    according = ACCORDING_TO.search(tail)
    verb = next((v for v in FINITE_VERB.finditer(tail) if not is_noun(tail, v.start())), None)
    if according is not None and (verb is None or verb.start() > according.start()):
        return resolve(according["who"], context, "'according to' after the quote", nearest_last=False)
    if verb is None:
        dash = re.match(r"\s*[—–-]\s*(.+?)[.\s]*$", tail)
        if dash is not None and len(dash[1].split()) <= 8 and not re.search(r"\b(?:that|which|was|is|were|are)\b", dash[1]):
            # "“We will not surrender” — President Volodymyr Zelensky."
            found = resolve(dash[1], context, "named after a dash following the quote", nearest_last=False)
            return found if found is not None and found.kind != DESCRIPTION else None
        return None
    if re.match(r"\s+that\b", tail[verb.end() :]) and not span.text.rstrip().endswith(","):
        return None  # '“...” Officials said that ...': a new statement, not this quote's attribution
    subject = tail[: verb.start()].lstrip(" ,.;:—–\"'”’").rstrip()
    if _NEW_CLAUSE.search(subject):
        return None  # 'expressed its “...” to the families, while authorities declared': another clause's verb
    if not subject.strip(" ,"):
        rule = f"'{verb[0]} X' after the quote"
        obj = tail[verb.end() :]
        cut = OBJECT_END.search(obj)
        found = resolve(obj[: cut.start()] if cut else obj, context, rule, nearest_last=False)
        if cut is not None and cut[0] == "," and (found is None or found.kind == DESCRIPTION):
            # "said a ministry spokesman, Igor Konashenkov": the name in apposition
            rest = obj[cut.end() :]
            second = OBJECT_END.search(rest)
            named = resolve(rest[: second.start()] if second else rest, context, rule, nearest_last=False)
            if named is not None and named.kind == PERSON:
                return named
        return found
    if len(subject.split()) > MAX_SUBJECT_WORDS:
        return None
    return resolve(subject, context, f"'X {verb[0]}' after the quote", nearest_last=True)


def _before(
    text: str,
    start: int,
    paragraph: int,
    context: Context,
    earlier: Sequence[Span],
    attributions: Sequence[Attribution],
) -> Attribution | None:
    """The speaker of the last verb of saying before the quote (words from `start`) in its
    sentence, or of an earlier one there when that verb's subject names no one."""
    sentence_start = start_of_sentence(text, start)
    head = text[sentence_start : max(start - 1, sentence_start)]
    verbs = [v for v in VERB.finditer(head) if not is_noun(head, v.start())]
    if not verbs:
        return None
    verb = verbs[-1]
    if verb[0].endswith("ing"):
        # "..., adding that they ...": the sentence's speaker goes on speaking
        for previous, attribution in zip(reversed(earlier), reversed(attributions)):
            if previous.end_paragraph == paragraph and previous.end >= sentence_start:
                if attribution.speaker is not None:
                    return Attribution(
                        attribution.speaker,
                        f"'{verb[0]}' goes on from the quote before it",
                        attribution.kind,
                    )
            break
        finite = [v for v in verbs if not v[0].endswith("ing")]
        if not finite:
            # "The minister conceded defeat, saying, ...": the clause's subject says it
            clause = head[: verb.start()].rstrip(" ,")
            clause = clause[max(clause.rfind(","), clause.rfind(";"), clause.rfind("_")) + 1 :]
            past = re.search(r"\s[a-z]+ed\b", clause)  # the subject ends at its verb
            subject = clause[: past.start()] if past else clause
            if not subject.strip(" ,\"'”’“‘"):
                return None
            return resolve(subject, context, f"'X ..., {verb[0]}' before the quote", nearest_last=True)
        verbs = finite
    # The last verb's subject, else an earlier verb's in the sentence: "Kim said Park ...
    # continued to pass the blame with “...”" is Kim's report.
    for verb in reversed(verbs):
        found = _subject_of(head, verb, context)
        if found is not None or _RELATIVE.search(head[: verb.start()]):
            return found  # "officials, who said": their words, not the sentence's subject's
    return None


def _subject_of(head: str, verb: re.Match[str], context: Context) -> Attribution | None:
    """The speaker named by the subject of `verb` in `head` (the sentence before the quote)."""
    subject = head[: verb.start()]
    clause = max(subject.rfind(";"), subject.rfind("_"), subject.rfind("—"))
    subject = subject[clause + 1 :]
    if not subject.strip(" ,\"'”’“‘"):
        return None
    first = re.search(r"\s[a-z]+ed\s(?:[^,;]*\s)?and\s*$", subject)
    if first is not None:
        # "Zelensky thanked his supporters and promised": the subject of the first verb
        found = resolve(subject[: first.start()], context, f"'X ... and {verb[0]}' before the quote", nearest_last=True)
        if found is not None:
            return found
    found = resolve(subject, context, f"'X {verb[0]}' before the quote", nearest_last=True)
    if found is None and subject.rstrip().endswith(" to"):
        # "Amin, son of ..., took to Twitter to express": the sentence's subject
        found = resolve(subject, context, f"'X ... to {verb[0]}' before the quote", nearest_last=False)
    return found
