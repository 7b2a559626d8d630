"""Facts in a passage: quantities, names, dates, weekdays and clock times.

`extract_facts(text)` reads one passage and returns what a fact-checker compares
across outlets, each fact with its span as written. Number words ("twenty-four")
are read by text2num; nothing here knows about any particular story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from comparators.model import pickled_by_fields

# Words in front of a number that say how exact it is.
_APPROXIMATE = ("about", "around", "some", "roughly", "approximately", "an estimated", "almost", "nearly")
_AT_MOST = ("almost", "nearly", "less than", "fewer than", "under", "up to", "at most", "no more than")
_AT_LEAST = ("more than", "over", "at least", "upwards of", "in excess of", "no fewer than")
_QUALIFIERS = sorted(set(_APPROXIMATE + _AT_MOST + _AT_LEAST), key=len, reverse=True)
# Each qualifier as it stands right before a figure, compiled once (a long story has tens of thousands).
_QUALIFIER_BEFORE = tuple((q, re.compile(rf"\b{q}\s$", re.IGNORECASE)) for q in _QUALIFIERS)
# Any of them: most figures have none, and one search rules all of them out.
_ANY_QUALIFIER_BEFORE = re.compile(rf"\b(?:{'|'.join(_QUALIFIERS)})\s$", re.IGNORECASE)

_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "mn": 1e6}

# Units that convert into each other: unit -> (dimension, factor to the dimension's base).
_CONVERTIBLE = {
    "km": ("length", 1000.0),
    "m": ("length", 1.0),
    "mi": ("length", 1609.344),
    "ft": ("length", 0.3048),
    "kg": ("mass", 1.0),
    "t": ("mass", 1000.0),
    "lb": ("mass", 0.45359237),
    "km/h": ("speed", 1.0),
    "mph": ("speed", 1.609344),
}
# How a unit is written -> its canonical name (currencies never convert: rates vary).
_UNIT_WORDS = {
    "percent": "%", "per cent": "%", "%": "%", "pct": "%",
    "percentage points": "points", "percentage point": "points",
    "kilometers": "km", "kilometres": "km", "kilometer": "km", "kilometre": "km", "km": "km",
    "meters": "m", "metres": "m", "meter": "m", "metre": "m",
    "miles": "mi", "mile": "mi", "feet": "ft", "foot": "ft", "ft": "ft",
    "kilograms": "kg", "kilogram": "kg", "kg": "kg",
    "metric tons": "t", "metric tonnes": "t", "tonnes": "t", "tons": "t", "tonne": "t", "ton": "t",
    "pounds": "lb", "pound": "lb", "lbs": "lb",
    "km/h": "km/h", "kph": "km/h", "mph": "mph", "miles per hour": "mph",
    "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR",
    "won": "KRW", "yuan": "CNY", "yen": "JPY", "rupees": "INR", "hryvnias": "UAH",
}
_CURRENCY_SIGNS = {"US$": "USD", "USD": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW"}

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Zones as hours from UTC; "local" and unknown zones are kept by name and never converted.
_ZONES = {"gmt": 0, "utc": 0, "z": 0, "bst": 1, "cet": 1, "cest": 2, "eet": 2, "eest": 3,
          "msk": 3, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "pst": -8, "pdt": -7, "kst": 9, "jst": 9}

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SIGN = r"US\$|USD\s|\$|€|£|¥|₩"
_SIGN_AT = re.compile(_SIGN)
_NUMBER = re.compile(rf"(?<![\w.,/-])(?:{_SIGN})?\s?(?:{_DIGITS})(?![\w-]*\d)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_UNIT_AFTER = re.compile(
    r"\s?(" + "|".join(re.escape(u) for u in sorted(_UNIT_WORDS, key=len, reverse=True)) + r")(?![\w])",
    re.IGNORECASE,
)
_SCALE_AFTER = re.compile(r"\s(" + "|".join(_SCALES) + r")\b", re.IGNORECASE)
_THING_WORD = re.compile(r"(?:\s+|-)([^\W\d_][\w'’-]*)")  # "24 crew", "a 20-year term"
# Spelled by first letters rather than as one case-blind alternation: several times faster.
_MONTH_WORD = re.compile(
    r"\b((?:[Jj]an|[Ff]eb|[Mm]a[ry]|[Aa]pr|[Jj]u[nl]|[Aa]ug|[Ss]ep|[Oo]ct|[Nn]ov|[Dd]ec)[a-z]*)\b\.?"
)
_DAY_BEFORE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+$")
_DAY_AFTER = re.compile(r"\s+(\d{1,2})(?:st|nd|rd|th)?\b")
_YEAR_AFTER = re.compile(r",?\s+(\d{4})\b")
# The look-ahead on first letters lets the scan skip most positions at once (a third faster).
_WEEKDAY = re.compile(r"(?=[MTWFSmtwfs])\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_ANY_DIGIT = re.compile(r"\d")
_TIME = re.compile(
    r"(?<![\w.:])(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*"
    r"(?P<half>a\.?\s?m\b\.?|p\.?\s?m\b\.?)?"
    r"(?:\s*(?P<zone>local(?: time)?|[A-Z]{1,4}T|UTC|GMT|Z)\b)?"
)
# Words that cannot name the thing a number counts.
_FUNCTION_WORDS = frozenset(
    "a an the of and or in on at to from for by with as than that this these those per "
    "is are was were be been has have had it its their his her our who which when where "
    "after before since until into about over under more less".split()
)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Amount:
    """One number as written, with how exact it is."""

    low: float  # the interval the words allow: "about 200" -> [150, 250]
    high: float
    unit: str  # canonical unit ("km", "%", "USD"), "" for a plain count
    number: float  # the number itself, scaled ("2.5 million" -> 2500000)
    upper: float | None = None  # a range's other end ("20 to 30" -> 30)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Fact:
    """A fact in a passage, with its character span in that passage."""

    kind: str  # "number", "name", "date", "weekday" or "time"
    text: str  # as written, e.g. "50 kilometers (30 miles)"
    start: int
    end: int
    value: str  # normalised for display and comparison: "30 mi", "16 Aug", "18:04 UTC"
    key: str = ""  # what the fact is about: counted words for numbers, folded spelling for names
    amounts: tuple[Amount, ...] = ()  # numbers: the figure and any conversion in brackets
    minutes: int | None = None  # times: minutes after midnight, in UTC when the zone is known
    zone: str | None = None  # times: the zone as written, lower-case


# Facts worked out in another process (`remember_facts`), each handed out once to the cache.
_REMEMBERED: dict[str, tuple[Fact, ...]] = {}


def remember_facts(facts: dict[str, tuple[Fact, ...]]) -> None:
    """Take `extract_facts(text)` for these texts as given (a worker process read them);
    those of the story before, if any were never asked for, are forgotten."""
    _REMEMBERED.clear()
    _REMEMBERED.update(facts)


@lru_cache(maxsize=65536)  # discrepancies and the reader's emphasis read the same paragraphs: one cache
def extract_facts(text: str) -> tuple[Fact, ...]:
    """Numbers, names, dates, weekdays and clock times in `text`, in reading order.

    Takes one passage (plain text) and returns `Fact`s whose `start`/`end` index
    into it. Years, model numbers ("Su-34", "Note 7") and clock times are not
    numbers; a conversion in brackets ("280 km (175 miles)") joins its figure.
    """
    if _REMEMBERED and (remembered := _REMEMBERED.pop(text, None)) is not None:
        return remembered
    # Dates, times and figures in digits all need a digit: a passage without one skips their regexes.
    digits = _ANY_DIGIT.search(text) is not None
    dates = list(_dates(text)) if digits else []
    times = _join_bracketed(text, list(_times(text))) if digits else []
    taken = [(f.start, f.end) for f in dates + times]
    facts = dates + times + list(_weekdays(text)) + list(_numbers(text, taken, digits)) + list(_names(text))
    return tuple(sorted(facts, key=lambda f: (f.start, f.kind)))


# ---------------------------------------------------------------- numbers


def _numbers(text: str, taken: list[tuple[int, int]], digits: bool = True) -> list[Fact]:
    spans = [*(_digit_spans(text) if digits else ()), *_word_number_spans(text)]
    spans = [s for s in spans if not any(a <= s[0] < b for a, b in taken)]
    spans.sort()
    facts: list[Fact] = []
    skip_until = -1
    for start, end, number in spans:
        if start < skip_until:
            continue
        fact = _number_fact(text, start, end, number, spans)
        if fact is not None:
            facts.append(fact)
            skip_until = fact.end
    return facts


def _digit_spans(text: str):
    for match in _NUMBER.finditer(text):
        written = match.group()
        sign = _SIGN_AT.match(written)
        digits = written[sign.end():].strip() if sign else written
        yield match.start(), match.end(), float(digits.replace(",", ""))


@lru_cache(maxsize=65536)
def _number_word(word: str) -> float | None:
    from text_to_num import text2num

    try:
        return float(text2num(word.lower(), "en"))
    except ValueError:
        return None


def _word_number_spans(text: str):
    from text_to_num import alpha2digit

    if alpha2digit(text, "en") == text:
        return  # no number words (text2num leaves a lone "one" as it is): skip the word walk
    run: list[tuple[int, int]] = []
    for match in _WORD.finditer(text):
        word = match.group()
        joined = run and text[run[-1][1]:match.start()] in (" ", " and ") and word.lower() not in _SCALES
        if _number_word(word) is not None and (joined or not run):
            run.append(match.span())
            continue
        if run:
            yield _word_run(text, run)
        run = [match.span()] if _number_word(word) is not None else []
    if run:
        yield _word_run(text, run)


def _word_run(text: str, run: list[tuple[int, int]]):
    from text_to_num import text2num

    start, end = run[0][0], run[-1][1]
    try:
        return start, end, float(text2num(text[start:end].lower(), "en"))
    except ValueError:
        return run[0][0], run[0][1], _number_word(text[run[0][0]:run[0][1]]) or 0.0


# What stands around a figure, compiled once (a long story has tens of thousands of figures).
_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w-]*\s$")
_SENTENCE_START_BEFORE = re.compile(r"(?:^|[.!?:;]\s+|[\"“‘(]\s*)[A-Z][\w-]*\s$")
_BETWEEN_BEFORE = re.compile(r"\bbetween\s$", re.IGNORECASE)
_UPPER = re.compile(rf"\s?(?:to|–|to)\s?({_DIGITS})\b")  # "20 to 30", "20–30"
_BETWEEN_UPPER = re.compile(rf"\s?(?:to|–|and)\s?({_DIGITS})\b")  # "between 20 and 30"
_CLOCK_AFTER = re.compile(r"\s?(?:GMT|UTC|a\.m|p\.m|am\b|pm\b)")
_BRACKET_OPEN = re.compile(r"\s?\((?:about |around |some |roughly |nearly )?")
_BRACKET_CLOSE = re.compile(r"\s?\)")
_BRACKET_ONLY = re.compile(r"\s?\(")


def _number_fact(text: str, start: int, end: int, number: float, spans) -> Fact | None:
    written = text[start:end]
    sign = _SIGN_AT.match(written)
    unit = _CURRENCY_SIGNS[sign.group().strip()] if sign else ""
    before = text[max(0, start - 40):start]
    if _CAPITALISED_BEFORE.search(before) and not sign and not _preceded_by_sentence_start(before):
        return None  # "Note 7", "Flight 302", "Article 15": a name, not a count
    qualifier = None
    if _ANY_QUALIFIER_BEFORE.search(before):
        qualifier = next(q for q, pattern in _QUALIFIER_BEFORE if pattern.search(before))
    if qualifier:
        start -= len(qualifier) + 1
    between = _BETWEEN_BEFORE.search(before)
    digits = written[sign.end():].strip() if sign else written
    # A range: "20 to 30", "20–30", "between 20 and 30" (a hyphen is left to scores and ids).
    upper = None
    if to := (_BETWEEN_UPPER if between else _UPPER).match(text[end:]):
        upper = to.group(1)
        end += to.end()
        if between:
            start = between.start() + max(0, start - 40)
    scale = 1.0
    if scale_match := _SCALE_AFTER.match(text, end):
        scale = _SCALES[scale_match.group(1).lower()]
        end = scale_match.end()
    if unit_match := _UNIT_AFTER.match(text, end):
        word = unit_match.group(1).lower()
        if not (word in ("m", "t") and not unit_match.group(0).startswith(unit_match.group(1))):
            unit = unit or _UNIT_WORDS[word]
            end = unit_match.end()
    if not unit and not qualifier and scale == 1 and number == int(number) and 1800 <= number <= 2100:
        return None  # a year
    if not unit and _CLOCK_AFTER.match(text[end:end + 5]):
        return None
    amounts = [_amount(number * scale, digits, qualifier, unit, scale)]
    if upper is not None:
        top = _amount(float(upper.replace(",", "")) * scale, upper, None, unit, scale)
        amounts = [Amount(amounts[0].low, top.high, unit, amounts[0].number, top.number)]
    thing = _thing(text, end)
    # A conversion in brackets right after the figure: "280 kilometers (175 miles)".
    if alternative := _BRACKET_OPEN.match(text[end:]):
        inner = [s for s in spans if s[0] == end + alternative.end()]
        if inner:
            fact = _number_fact(text, inner[0][0], inner[0][1], inner[0][2], ())
            closing = fact and _BRACKET_CLOSE.match(text[fact.end:])
            if fact and closing and fact.amounts and fact.amounts[0].unit:
                amounts.extend(fact.amounts)
                end = fact.end + closing.end()
                thing = thing or _thing(text, end)  # "988,900 won ($885) phone"
    value = " / ".join(_show(a) for a in amounts)
    return Fact("number", text[start:end], start, end, value, key=" ".join(thing), amounts=tuple(amounts))


def _preceded_by_sentence_start(before: str) -> bool:
    return bool(_SENTENCE_START_BEFORE.search(before))


def _amount(number: float, digits: str, qualifier: str | None, unit: str, scale: float) -> Amount:
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    if decimals:
        step = 10.0**-decimals * scale
    elif qualifier in _APPROXIMATE or qualifier in _AT_MOST or qualifier in _AT_LEAST:
        # "about 200" means a figure that rounds to 200: its last non-zero digit sets the step.
        whole = digits.replace(",", "")
        zeros = len(whole) - len(whole.rstrip("0"))
        step = 10.0 ** min(zeros, len(whole) - 1) * scale
    else:
        step = scale
    low, high = number - step / 2, number + step / 2
    if qualifier in _AT_MOST:
        low, high = (number - step / 2, number) if qualifier in _APPROXIMATE else (number - step, number)
    elif qualifier in _AT_LEAST:
        # "more than 1 million" is said of 1.2 million, not of 2.5 million: a writer
        # knowing 2.5 would say "more than 2 million". The figure is exceeded by less
        # than one step of its last written digit.
        low, high = number, number + step
    return Amount(low, high, unit, number)


def _show(amount: Amount) -> str:
    shown = _figure(amount.number)
    if amount.upper is not None:
        shown += f"–{_figure(amount.upper)}"
    number = amount.number
    if amount.low == number < amount.high:
        shown = "≥ " + shown
    elif amount.low < number == amount.high:
        shown = "≤ " + shown
    if amount.unit == "%":
        return shown + "%"
    return f"{shown} {amount.unit}".strip()


def _figure(number: float) -> str:
    return f"{number:,.0f}" if number == int(number) else f"{number:,.6g}"


def _thing(text: str, end: int) -> tuple[str, ...]:
    """Up to three words after a figure that say what it counts or prices ("crew members")."""
    words: list[str] = []
    position = end
    while len(words) < 3 and (match := _THING_WORD.match(text, position)):
        word = match.group(1).lower().strip("'’-")
        if word == "per" and not words:  # "$850 per phone": the price of a phone
            position = match.end()
            continue
        if word in _FUNCTION_WORDS:
            break
        words.append(_singular(word))
        position = match.end()
    return tuple(words)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def amounts_agree(first: tuple[Amount, ...], second: tuple[Amount, ...]) -> bool | None:
    """Whether two figures can be the same quantity; None when they cannot be compared.

    Figures in the same unit agree when the intervals their wording allows overlap
    ("about 25%" and "25.3%", "73%" and "73.2%"); when they share no unit, a
    conversion ("175 miles" against "280 km") agrees within 2 %. Currencies never
    convert.
    """
    same_unit = [(a, b) for a in first for b in second if a.unit == b.unit]
    if same_unit:
        return all(_overlap(a.low, a.high, b.low, b.high) for a, b in same_unit)
    converted = [
        (a, b)
        for a in first
        for b in second
        if a.unit in _CONVERTIBLE and b.unit in _CONVERTIBLE and _CONVERTIBLE[a.unit][0] == _CONVERTIBLE[b.unit][0]
    ]
    if not converted:
        return None
    for a, b in converted:
        factor = _CONVERTIBLE[b.unit][1] / _CONVERTIBLE[a.unit][1]
        slack = 0.02 * abs(a.number)
        if not _overlap(a.low - slack, a.high + slack, b.low * factor, b.high * factor):
            return False
    return True


def dimension(unit: str) -> str:
    """What a unit measures when it converts ("mi" -> "length"), else the unit itself."""
    return _CONVERTIBLE[unit][0] if unit in _CONVERTIBLE else unit


def _overlap(low_a: float, high_a: float, low_b: float, high_b: float) -> bool:
    return max(low_a, low_b) < min(high_a, high_b) or (low_a == high_a == low_b == high_b)


# ---------------------------------------------------------------- dates and times


def _dates(text: str):
    for match in _MONTH_WORD.finditer(text):
        month_name = match.group(1).lower()
        if month_name not in _MONTHS:
            continue
        start, end = match.start(), match.end()
        if before := _DAY_BEFORE.search(text, max(0, start - 8), start):
            day, start = int(before.group(1)), before.start()
        elif after := _DAY_AFTER.match(text, end):
            day, end = int(after.group(1)), after.end()
        else:
            continue
        if not 1 <= day <= 31 or (month_name in ("may", "march") and match.group()[0].islower()):
            continue
        year = None
        if year_match := _YEAR_AFTER.match(text, end):
            year, end = year_match.group(1), year_match.end()
        month = _MONTHS[month_name]
        value = f"{day} {_month_label(month)}" + (f" {year}" if year else "")
        yield Fact("date", text[start:end], start, end, value, key=_month_label(month))


def _month_label(month: int) -> str:
    return ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")[month - 1]


def _weekdays(text: str):
    for match in _WEEKDAY.finditer(text):
        if match.group()[0].isupper():
            yield Fact("weekday", match.group(), match.start(), match.end(), match.group().capitalize())


def _times(text: str):
    for match in _TIME.finditer(text):
        hour, minute = int(match.group("hour")), match.group("minute")
        half = (match.group("half") or "").replace(".", "").replace(" ", "").lower()
        if not (minute and (":" in match.group() or half)) and not half:
            continue  # a bare number, or "73.20"
        minutes = int(minute or 0)
        if hour > 23 or minutes > 59 or (half and not 1 <= hour <= 12):
            continue
        if half == "pm" and hour != 12:
            hour += 12
        elif half == "am" and hour == 12:
            hour = 0
        zone = (match.group("zone") or "").lower() or None
        total = hour * 60 + minutes
        if zone in _ZONES:
            total = (total - _ZONES[zone] * 60) % (24 * 60)
        shown = f"{total // 60:02d}:{total % 60:02d}" + (
            " UTC" if zone in _ZONES else f" {zone}" if zone else ""
        )
        written = match.group().rstrip()
        yield Fact("time", written, match.start(), match.start() + len(written), shown, minutes=total, zone=zone)


def zone_known(zone: str | None) -> bool:
    """Whether a time in `zone` (as `Fact.zone` holds it) was converted to UTC."""
    return zone in _ZONES


def _join_bracketed(text: str, times: list[Fact]) -> list[Fact]:
    """ "08:38 local time (05:38 GMT)" is one time: the reading with a known zone wins."""
    joined: list[Fact] = []
    for fact in times:
        previous = joined[-1] if joined else None
        bracketed = previous and _BRACKET_ONLY.fullmatch(text[previous.end:fact.start])
        if bracketed and text[fact.end:fact.end + 1] == ")":
            known = fact if fact.zone in _ZONES else previous
            joined[-1] = Fact(
                "time", text[previous.start:fact.end + 1], previous.start, fact.end + 1,
                f"{previous.value} ({fact.value})", minutes=known.minutes, zone=known.zone,
            )
        else:
            joined.append(fact)
    return joined


# ---------------------------------------------------------------- names

# A capitalised word, with a lower-case particle joined by a hyphen ("ez-Zor", "al-Assad").
_NAME_WORD = re.compile(r"(?<![\w'’-])(?:[a-z]{1,3}-)?[^\W\d_a-z][\w'’]*(?:-[\w'’]+)*")


def _names(text: str):
    """Runs of capitalised words ("Deir ez-Zor", "Kim Se-yoon"), one fact per run."""
    run: list[tuple[int, int]] = []
    for match in _NAME_WORD.finditer(text):
        word = match.group()
        if not word.lstrip("abcdefghijklmnopqrstuvwxyz-")[:1].isupper():
            # A word of a script without capitals (Chinese, Arabic...) or in lower case
            # ("élection") is no name: each clause of a Chinese text would be one.
            if run:
                yield _name_fact(text, run)
            run = []
            continue
        end = match.end()
        if word.endswith(("'s", "’s")):
            end -= 2
        end -= len(word) - len(word.rstrip("'’"))
        if run and text[run[-1][1]:match.start()] == " ":
            run.append((match.start(), end))
        else:
            if run:
                yield _name_fact(text, run)
            run = [(match.start(), end)]
        if end < match.end():  # a possessive ends the name
            yield _name_fact(text, run)
            run = []
    if run:
        yield _name_fact(text, run)


def _name_fact(text: str, run: list[tuple[int, int]]) -> Fact:
    start, end = run[0][0], run[-1][1]
    written = text[start:end]
    return Fact("name", written, start, end, written, key=fold_name(written))


_NOT_LETTER = re.compile(r"[^a-z]")


@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """A name reduced to lower-case ASCII letters: "Deir ez-Zor" and "Deir Ezzor" fold alike."""
    from anyascii import anyascii

    return _NOT_LETTER.sub("", anyascii(name).lower())
