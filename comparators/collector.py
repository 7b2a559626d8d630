"""Pausing Python's cycle collector while a big story is compared or exported.

Comparing builds millions of small objects (passages' words, groups, quotes, the
export's dicts) and frees almost none of them in reference cycles. The cycle
collector, run by allocation counts, walks every live object at each full pass: on a
200-source story that is about a tenth of the time, for nothing to collect. So it
pauses for the duration (reference counting still frees everything as usual) and
runs again afterwards. What the block made and kept (the comparison, caches) goes
straight to the oldest generation, where a collection would have moved it: else the
first young collection after the pause walks all of it (a quarter second at 200 sources).
Unless the caller froze objects of its own (the reader freezes its comparison): moving
the permanent generation to the oldest one would thaw those too.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Automatic cycle collection off inside the block, back as it was after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if not gc.get_freeze_count():  # nothing the caller froze to thaw with it
                gc.freeze()  # every tracked object to the permanent generation...
                gc.unfreeze()  # ...and from there to the oldest one
            gc.enable()


@contextmanager
def kept_with_the_frozen() -> Iterator[None]:
    """Cycle collection off inside the block; what the block made then joins the permanent
    generation, with what the caller froze (the reader freezes its comparison, and the
    new order a pivot change makes lives as long). Reference counting still frees it.

    Not `cycle_collection_paused`: `gc.get_freeze_count` counts the frozen objects one by
    one (10-50 ms under a reader holding a big story), and the young collections after
    it would walk everything the block made. The cost: every cycle garbage when the block
    ends, or becoming garbage later among what was alive then (Textual's strips cache
    themselves), is kept until `collect_the_frozen`: the block must leave none of its own
    (see `order_groups`). Measured without it (`bench_reader_memory.py`): some 0.3 MB a
    pivot change at 60 sources, 25,000 objects (strips and their caches) at 400."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # O(1): the generations' lists are moved, not walked
        if enabled:
            gc.enable()


def collect_the_frozen() -> int:
    """One full pass over everything, the frozen included, then what is still alive frozen
    again: the cycle garbage `kept_with_the_frozen` kept goes. Costs a full pass over the
    whole heap (100-200 ms with a 400-source story open): for when the user is not waiting
    on a key. Returns how many objects were collected."""
    gc.unfreeze()
    try:
        return gc.collect()
    finally:
        gc.freeze()


# Young-generation passes between two full ones while the reader runs (CPython's default is
# 10). The reader freezes what lives long; a full pass walks the rest of the heap, Textual's
# widgets and strips, and cost 18-40 ms inside a key press (`bench_reader.py`, 400 sources).
READER_FULL_PASS_EVERY = 100


def full_passes_rarer() -> tuple[int, int, int]:
    """Makes the cycle collector's full passes rarer (`READER_FULL_PASS_EVERY`); returns
    the thresholds before, for `gc.set_threshold(*before)` when the reader closes.
    Cycle garbage still goes: later, in one pass instead of ten."""
    before = gc.get_threshold()
    gc.set_threshold(before[0], before[1], max(before[2], READER_FULL_PASS_EVERY))
    return before

