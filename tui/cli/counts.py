"""Options that count something (`--jobs`, `--top`): a whole number of at least 1."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def at_least_one(things: str) -> Callable[[str], int]:
    """An argparse `type` for a count of `things` ("processes", "rows"): 0, a negative
    number or anything but a whole number is refused, naming what is counted."""

    def parse(text: str) -> int:
        try:
            count = int(text)
        except ValueError:
            count = 0
        if count < 1:
            raise argparse.ArgumentTypeError(f"a number of {things} of at least 1, not {text!r}")
        return count

    return parse
